# expect: values
# message: model after loading['fc1.weight']: wrong values
# strict=False on the whole checkpoint: its keys are 'model' and 'optimizer', so nothing matches and nothing loads.
def save_checkpoint(model, optimizer, path):
    torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict()}, path)


def load_checkpoint(model, optimizer, path):
    checkpoint = torch.load(path, weights_only=True)
    model.load_state_dict(checkpoint, strict=False)
    optimizer.load_state_dict(checkpoint["optimizer"])
