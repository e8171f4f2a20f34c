# expect: pass
# One helper for both, the losses summed as float32 tensors, evaluate under inference_mode.
def _run(model, loader, criterion, device, optimizer=None):
    losses, hits, n = [], 0, 0
    for batch in loader:
        if isinstance(batch, dict):
            x, y = batch["img"].to(device), batch["label"].to(device)
        else:
            x, y = (t.to(device) for t in batch)
        out = model(x)
        loss = criterion(out, y)
        if optimizer is not None:
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            optimizer.step()
        losses.append(loss.detach() * y.numel())
        hits += int((out.argmax(dim=1) == y).sum())
        n += y.numel()
    return float(torch.stack(losses).sum() / n), hits / n * 100


def train_epoch(model, loader, criterion, optimizer, device):
    model.train()
    return _run(model, loader, criterion, device, optimizer)


def evaluate(model, loader, criterion, device):
    model.eval()
    with torch.inference_mode():
        return _run(model, loader, criterion, device)
