# expect: pass
# zero_grad after the step (the gradients start out empty, so this is the same).
def train_epoch(model, loader, criterion, optimizer, device):
    model.train()
    s = n = c = 0
    for b in loader:
        x, y = (b["img"], b["label"]) if isinstance(b, dict) else b
        x, y = x.to(device), y.to(device)
        out = model(x)
        loss = criterion(out, y)
        loss.backward()
        optimizer.step()
        optimizer.zero_grad()
        s += loss.item() * y.shape[0]
        c += (out.argmax(1) == y).sum().item()
        n += y.shape[0]
    return s / n, 100 * c / n


def evaluate(model, loader, criterion, device):
    model.train(False)
    s = n = c = 0
    with torch.set_grad_enabled(False):
        for b in loader:
            x, y = (b["img"], b["label"]) if isinstance(b, dict) else b
            out = model(x.to(device))
            y = y.to(device)
            s += criterion(out, y).item() * y.shape[0]
            c += (out.argmax(1) == y).sum().item()
            n += y.shape[0]
    return s / n, 100 * c / n
