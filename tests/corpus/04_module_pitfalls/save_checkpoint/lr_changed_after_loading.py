# expect: values
# message: optimizer after loading (its state_dict)['param_groups'][0]['lr']: wrong value
# The hyperparameters are part of the optimizer's state_dict: loading restores them, changing them afterwards does not.
def save_checkpoint(model, optimizer, path):
    torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict()}, path)


def load_checkpoint(model, optimizer, path):
    ckpt = torch.load(path)
    model.load_state_dict(ckpt["model"])
    optimizer.load_state_dict(ckpt["optimizer"])
    for group in optimizer.param_groups:
        group["lr"] = 1e-3
