# expect: structure
# message: files in the folder after saving: expected 1 items, got 2
def save_checkpoint(model, optimizer, path):
    torch.save(model.state_dict(), path)
    torch.save(optimizer.state_dict(), path + ".optimizer")


def load_checkpoint(model, optimizer, path):
    model.load_state_dict(torch.load(path, weights_only=True))
    optimizer.load_state_dict(torch.load(path + ".optimizer", weights_only=True))
