# expect: values
# message: tensors off the model's device in evaluate: wrong value
# message: evaluate: forward pass 1 got inputs on cpu
# train_epoch moves its batches; evaluate, written later, does not.
def _batch(b):
    return (b["img"], b["label"]) if isinstance(b, dict) else (b[0], b[1])


def train_epoch(model, loader, criterion, optimizer, device):
    model.train()
    loss_sum, correct, seen = 0.0, 0, 0
    for b in loader:
        inputs, labels = _batch(b)
        inputs, labels = inputs.to(device), labels.to(device)
        outputs = model(inputs)
        loss = criterion(outputs, labels)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        loss_sum += loss.item() * len(labels)
        correct += (outputs.argmax(1) == labels).sum().item()
        seen += len(labels)
    return loss_sum / seen, 100.0 * correct / seen


def evaluate(model, loader, criterion, device):
    model.eval()
    loss_sum, correct, seen = 0.0, 0, 0
    with torch.no_grad():
        for b in loader:
            inputs, labels = _batch(b)
            outputs = model(inputs)
            loss_sum += criterion(outputs, labels).item() * len(labels)
            correct += (outputs.argmax(1) == labels).sum().item()
            seen += len(labels)
    return loss_sum / seen, 100.0 * correct / seen
