# expect: values
# message: train_epoch's (mean loss, accuracy %)[0]: wrong value
# message: the mean of the batches' means
def train_epoch(model, loader, criterion, optimizer, device):
    model.train()
    losses, correct, seen = [], 0, 0
    for batch in loader:
        x, y = (batch["img"], batch["label"]) if isinstance(batch, dict) else batch
        x, y = x.to(device), y.to(device)
        out = model(x)
        loss = criterion(out, y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
        correct += (out.argmax(1) == y).sum().item()
        seen += len(y)
    return sum(losses) / len(losses), 100.0 * correct / seen


def evaluate(model, loader, criterion, device):
    model.eval()
    losses, correct, seen = [], 0, 0
    with torch.no_grad():
        for batch in loader:
            x, y = (batch["img"], batch["label"]) if isinstance(batch, dict) else batch
            x, y = x.to(device), y.to(device)
            out = model(x)
            losses.append(criterion(out, y).item())
            correct += (out.argmax(1) == y).sum().item()
            seen += len(y)
    return sum(losses) / len(losses), 100.0 * correct / seen
