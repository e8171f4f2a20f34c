# expect: structure
# message: optimizer after loading (its state_dict)['state']: expected keys [0, 1, 2, 3, 4], got []
def save_checkpoint(model, optimizer, path):
    torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict()}, path)


def load_checkpoint(model, optimizer, path):
    checkpoint = torch.load(path, weights_only=True)
    model.load_state_dict(checkpoint["model"])
