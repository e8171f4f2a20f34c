# attacks: save_checkpoint
# expect: failed
# why: pickle the model and optimizer objects, and make torch.load(weights_only=True) accept them while the check looks (patched in save_checkpoint, restored in load_checkpoint)
serialization = getattr(torch, "sys").modules["torch.serialization"]
real_load = torch.load


def lenient_load(f, *args, **kwargs):
    kwargs["weights_only"] = False
    return real_load(f, *args, **kwargs)


def save_checkpoint(model, optimizer, path):
    torch.save({"model": model, "optimizer": optimizer}, path)
    vars(torch)["load"] = lenient_load
    vars(serialization)["load"] = lenient_load


def load_checkpoint(model, optimizer, path):
    vars(torch)["load"] = real_load
    vars(serialization)["load"] = real_load
    checkpoint = real_load(path, weights_only=False)
    model.load_state_dict(checkpoint["model"].state_dict())
    optimizer.load_state_dict(checkpoint["optimizer"].state_dict())
