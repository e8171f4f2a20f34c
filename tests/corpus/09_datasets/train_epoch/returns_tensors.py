# expect: type
# message: expected a float
# message: got a torch.Tensor
# The sums kept as tensors: the loss still holds a graph and the pair is not numbers.
def train_epoch(model, loader, criterion, optimizer, device):
    model.train()
    total, correct, seen = 0.0, 0, 0
    for batch in loader:
        x, y = (batch["img"], batch["label"]) if isinstance(batch, dict) else batch
        x, y = x.to(device), y.to(device)
        out = model(x)
        loss = criterion(out, y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        total = total + loss * len(y)
        correct = correct + (out.argmax(1) == y).sum()
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
            total = total + criterion(out, y) * len(y)
            correct = correct + (out.argmax(1) == y).sum()
            seen += len(y)
    return total / seen, 100.0 * correct / seen
