# expect: structure
# message: files in the folder after saving: expected 1 items, got 0
# The file goes to a fixed place, not to the path it was given.
def save_checkpoint(model, optimizer, path):
    torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict()},
               os.path.join(tempfile.gettempdir(), "checkpoint.pt"))


def load_checkpoint(model, optimizer, path):
    checkpoint = torch.load(os.path.join(tempfile.gettempdir(), "checkpoint.pt"), weights_only=True)
    model.load_state_dict(checkpoint["model"])
    optimizer.load_state_dict(checkpoint["optimizer"])
