# expect: structure
# message: batch sizes in train_epoch's forward passes: expected 3 items, got 6
# A second forward pass for the accuracy: BatchNorm's statistics move twice per batch.
def train_epoch(model, loader, criterion, optimizer, device):
    model.train()
    s = n = c = 0
    for b in loader:
        x, y = (b["img"], b["label"]) if isinstance(b, dict) else b
        x, y = x.to(device), y.to(device)
        loss = criterion(model(x), y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        with torch.no_grad():
            c += (model(x).argmax(1) == y).sum().item()
        s += loss.item() * y.shape[0]
        n += y.shape[0]
    return s / n, 100 * c / n


def evaluate(model, loader, criterion, device):
    model.eval()
    s = n = c = 0
    with torch.no_grad():
        for b in loader:
            x, y = (b["img"], b["label"]) if isinstance(b, dict) else b
            x, y = x.to(device), y.to(device)
            out = model(x)
            s += criterion(out, y).item() * y.shape[0]
            c += (out.argmax(1) == y).sum().item()
            n += y.shape[0]
    return s / n, 100 * c / n
