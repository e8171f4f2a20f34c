# expect: values
# message: model.training in train_epoch's forward passes
# After evaluate the model stays in eval mode: the next epoch trains with BatchNorm frozen.
def train_epoch(model, loader, criterion, optimizer, device):
    total, correct, seen = 0.0, 0, 0
    for batch in loader:
        x, y = (batch["img"], batch["label"]) if isinstance(batch, dict) else batch
        x, y = x.to(device), y.to(device)
        out = model(x)
        loss = criterion(out, y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        total += loss.item() * len(y)
        correct += (out.argmax(1) == y).sum().item()
        seen += len(y)
    return total / seen, 100.0 * correct / seen


def evaluate(model, loader, criterion, device):
    model.eval()
    total, correct, seen = 0.0, 0, 0
    with torch.no_grad():
        for batch in loader:
            x, y = (batch["img"], batch["label"]) if isinstance(batch, dict) else batch
            x, y = x.to(device), y.to(device)
            out = model(x)
            total += criterion(out, y).item() * len(y)
            correct += (out.argmax(1) == y).sum().item()
            seen += len(y)
    return total / seen, 100.0 * correct / seen
