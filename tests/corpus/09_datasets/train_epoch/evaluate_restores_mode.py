# expect: pass
# evaluate puts the model back in the mode it found it in.
def _xy(b, device):
    x, y = (b["img"], b["label"]) if isinstance(b, dict) else b
    return x.to(device), y.to(device)


def train_epoch(model, loader, criterion, optimizer, device):
    model.train()
    s = n = c = 0
    for b in loader:
        x, y = _xy(b, device)
        optimizer.zero_grad()
        out = model(x)
        loss = criterion(out, y)
        loss.backward()
        optimizer.step()
        s += loss.item() * len(y); c += (out.argmax(1) == y).sum().item(); n += len(y)
    return s / n, 100 * c / n


def evaluate(model, loader, criterion, device):
    was_training = model.training
    model.eval()
    s = n = c = 0
    try:
        with torch.no_grad():
            for b in loader:
                x, y = _xy(b, device)
                out = model(x)
                s += criterion(out, y).item() * len(y); c += (out.argmax(1) == y).sum().item(); n += len(y)
    finally:
        model.train(was_training)
    return s / n, 100 * c / n
