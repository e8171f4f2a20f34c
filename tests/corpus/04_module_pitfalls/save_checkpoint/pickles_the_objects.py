# expect: values
# message: the file at path: wrong value
# message: refused it: Unsupported global
# Lecture 4's "save the whole model": a pickle of the objects, which weights_only=True refuses.
def save_checkpoint(model, optimizer, path):
    torch.save({"model": model, "optimizer": optimizer}, path)


def load_checkpoint(model, optimizer, path):
    checkpoint = torch.load(path, weights_only=False)
    model.load_state_dict(checkpoint["model"].state_dict())
    optimizer.load_state_dict(checkpoint["optimizer"].state_dict())
