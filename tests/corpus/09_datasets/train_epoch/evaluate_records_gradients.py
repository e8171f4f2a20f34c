# expect: values
# message: gradient recording in evaluate's forward passes
# message: torch.no_grad()
# .item() keeps the numbers right, but every forward pass still builds a graph.
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
        total += loss.item() * len(y)
        correct += (out.argmax(1) == y).sum().item()
        seen += len(y)
    return total / seen, 100.0 * correct / seen


def evaluate(model, loader, criterion, device):
    model.eval()
    total, correct, seen = 0.0, 0, 0
    for batch in loader:
        x, y = (batch["img"], batch["label"]) if isinstance(batch, dict) else batch
        x, y = x.to(device), y.to(device)
        out = model(x)
        total += criterion(out, y).item() * len(y)
        correct += (out.argmax(1) == y).sum().item()
        seen += len(y)
    return total / seen, 100.0 * correct / seen
