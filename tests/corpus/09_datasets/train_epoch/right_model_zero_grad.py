# expect: pass
# model.zero_grad() instead of the optimizer's, accuracy from torch.max, @torch.no_grad() as a decorator.
def _unpack(batch, device):
    if isinstance(batch, dict):
        batch = batch["img"], batch["label"]
    inputs, labels = batch
    return inputs.to(device), labels.to(device)


def train_epoch(model, loader, criterion, optimizer, device):
    model.train()
    loss_sum, correct, count = 0.0, 0, 0
    for batch in loader:
        inputs, labels = _unpack(batch, device)
        model.zero_grad()
        outputs = model(inputs)
        loss = criterion(outputs, labels)
        loss.backward()
        optimizer.step()
        _, predicted = torch.max(outputs, 1)
        loss_sum += float(loss) * labels.size(0)
        correct += int((predicted == labels).sum())
        count += labels.size(0)
    return loss_sum / count, 100 * correct / count


@torch.no_grad()
def evaluate(model, loader, criterion, device):
    model.eval()
    loss_sum, correct, count = 0.0, 0, 0
    for batch in loader:
        inputs, labels = _unpack(batch, device)
        outputs = model(inputs)
        loss_sum += float(criterion(outputs, labels)) * labels.size(0)
        correct += int((outputs.argmax(1) == labels).sum())
        count += labels.size(0)
    return loss_sum / count, 100 * correct / count
