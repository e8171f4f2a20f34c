# expect: pass
# Right, and defensive: checks each batch for NaNs before the forward pass (a bool() that a meta
# tensor cannot answer), copies what it counts to the CPU, and uses set_grad_enabled as a block.
def _batch(b, device):
    inputs, labels = (b["img"], b["label"]) if isinstance(b, dict) else b
    inputs, labels = inputs.to(device), labels.to(device)
    if torch.isnan(inputs).any():
        raise ValueError("a batch holds NaN")
    return inputs, labels


def _run(model, loader, criterion, optimizer, device):
    losses, hits, seen = [], 0, 0
    with torch.set_grad_enabled(optimizer is not None):
        for b in loader:
            inputs, labels = _batch(b, device)
            outputs = model(inputs)
            loss = criterion(outputs, labels)
            if optimizer is not None:
                optimizer.zero_grad(set_to_none=True)
                loss.backward()
                optimizer.step()
            losses.append(loss.detach().cpu() * labels.shape[0])
            hits += int((outputs.argmax(dim=1) == labels).cpu().sum())
            seen += labels.shape[0]
    return float(torch.stack(losses).sum()) / seen, 100.0 * hits / seen


def train_epoch(model, loader, criterion, optimizer, device):
    model.train()
    return _run(model, loader, criterion, optimizer, device)


def evaluate(model, loader, criterion, device):
    model.eval()
    return _run(model, loader, criterion, None, device)
