# expect: values
# message: gradient recording (torch.is_grad_enabled()) after evaluate returned: wrong value
# message: expected True, got False
# Held-out tester's answer (train_epoch__wrong_evaluate_leaves_grad_disabled.py), accepted until the check was fixed.
# Forgotten cleanup: evaluate() switches gradients off globally (torch.set_grad_enabled(False))
# and never switches them back on; everything after it runs without autograd.
def _unpack(batch):
    if isinstance(batch, dict):
        return batch["img"], batch["label"]
    return batch[0], batch[1]


def train_epoch(model, loader, criterion, optimizer, device):
    model.train()
    total, correct, seen = 0.0, 0, 0
    for batch in loader:
        inputs, labels = _unpack(batch)
        inputs, labels = inputs.to(device), labels.to(device)
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
    torch.set_grad_enabled(False)
    total, correct, seen = 0.0, 0, 0
    for batch in loader:
        inputs, labels = _unpack(batch)
        inputs, labels = inputs.to(device), labels.to(device)
        outputs = model(inputs)
        loss = criterion(outputs, labels)
        n = labels.shape[0]
        total += loss.item() * n
        correct += (outputs.argmax(1) == labels).sum().item()
        seen += n
    return total / seen, 100.0 * correct / seen
