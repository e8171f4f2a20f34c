# expect: pass
# The PyTorch tutorial's checkpoint: more entries than needed, loaded on the CPU first.
def save_checkpoint(model, optimizer, path):
    torch.save({
        "epoch": 3,
        "model_state_dict": model.state_dict(),
        "optimizer_state_dict": optimizer.state_dict(),
        "note": "resume with load_checkpoint",
    }, path)


def load_checkpoint(model, optimizer, path):
    checkpoint = torch.load(path, map_location="cpu", weights_only=True)
    model.load_state_dict(checkpoint["model_state_dict"], strict=True)
    optimizer.load_state_dict(checkpoint["optimizer_state_dict"])
    return checkpoint["epoch"]
