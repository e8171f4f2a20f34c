# expect: pass
# A tuple instead of a dict, written to a temporary name and renamed: a crash never leaves half a file at path.
def save_checkpoint(model, optimizer, path):
    partial = path + ".partial"
    with open(partial, "wb") as f:
        torch.save((model.state_dict(), optimizer.state_dict()), f)
    os.replace(partial, path)


def load_checkpoint(model, optimizer, path):
    with open(path, "rb") as f:
        model_state, optimizer_state = torch.load(f)
    optimizer.load_state_dict(optimizer_state)
    model.load_state_dict(model_state)
