# expect: raised
# Batches as dicts are not handled.
def train_epoch(model, loader, criterion, optimizer, device):
    model.train()
    s = n = c = 0
    for x, y in loader:
        x, y = x.to(device), y.to(device)
        out = model(x)
        loss = criterion(out, y)
        optimizer.zero_grad(); loss.backward(); optimizer.step()
        s += loss.item() * len(y); c += (out.argmax(1) == y).sum().item(); n += len(y)
    return s / n, 100 * c / n


def evaluate(model, loader, criterion, device):
    model.eval()
    s = n = c = 0
    with torch.no_grad():
        for x, y in loader:
            x, y = x.to(device), y.to(device)
            out = model(x)
            s += criterion(out, y).item() * len(y); c += (out.argmax(1) == y).sum().item(); n += len(y)
    return s / n, 100 * c / n
