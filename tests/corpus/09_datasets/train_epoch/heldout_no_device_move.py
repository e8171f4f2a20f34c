# expect: values
# message: tensors off the model's device in train_epoch: wrong value
# message: forward pass 1 got inputs on cpu
# Held-out tester's answer (train_epoch__wrong_no_device_move.py), accepted until the check was fixed.
# Subtle: never moves the batches to `device` (invisible on a CPU-only machine).
def _unpack(batch):
    if isinstance(batch, dict):
        return batch["img"], batch["label"]
    return batch[0], batch[1]


def train_epoch(model, loader, criterion, optimizer, device):
    model.train()
    total, correct, seen = 0.0, 0, 0
    for batch in loader:
        inputs, labels = _unpack(batch)
        outputs = model(inputs)
        loss = criterion(outputs, labels)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        n = labels.shape[0]
        total += loss.item() * n
        correct += (outputs.argmax(1) == labels).sum().item()
        seen += n
    return total / seen, 100.0 * correct / seen


def evaluate(model, loader, criterion, device):
    model.eval()
    total, correct, seen = 0.0, 0, 0
    with torch.no_grad():
        for batch in loader:
            inputs, labels = _unpack(batch)
            outputs = model(inputs)
            loss = criterion(outputs, labels)
            n = labels.shape[0]
            total += loss.item() * n
            correct += (outputs.argmax(1) == labels).sum().item()
            seen += n
    return total / seen, 100.0 * correct / seen
