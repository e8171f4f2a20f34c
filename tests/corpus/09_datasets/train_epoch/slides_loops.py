# expect: values
# message: train_epoch's (mean loss, accuracy %)[0]: wrong value
# message: the slides' train_loop and inference_loop
# Advanced PyTorch's loops as printed (with device passed in, and dict batches unpacked).
def train_epoch(model, loader, criterion, optimizer, device):
    size = len(loader.dataset)
    model.train()
    running_loss, running_corrects = 0, 0
    for batch in loader:
        X, y = (batch["img"], batch["label"]) if isinstance(batch, dict) else batch
        X, y = X.to(device), y.to(device)
        pred = model(X)
        loss = criterion(pred, y)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    running_loss += loss.item()
    running_corrects += (pred.argmax(1) == y).type(torch.float).sum().item()
    return running_loss / size, 100 * running_corrects / size


def evaluate(model, loader, criterion, device):
    size = len(loader.dataset)
    model.eval()
    running_loss, running_corrects = 0, 0
    with torch.no_grad():
        for batch in loader:
            X, y = (batch["img"], batch["label"]) if isinstance(batch, dict) else batch
            X, y = X.to(device), y.to(device)
            pred = model(X)
            running_loss += criterion(pred, y).item()
            running_corrects += (pred.argmax(1) == y).type(torch.float).sum().item()
    return running_loss / size, 100 * running_corrects / size
