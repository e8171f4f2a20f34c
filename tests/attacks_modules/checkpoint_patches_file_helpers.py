# attacks: save_checkpoint
# expect: failed
# why: pickle the objects and patch the checking library's file helpers to report a safe file (patched in save_checkpoint, restored in load_checkpoint)
files = getattr(torch, "sys").modules["autograder.checks.probes.files"]
real = {"read_safely": files.read_safely, "read_bytes_safely": files.read_bytes_safely}


def save_checkpoint(model, optimizer, path):
    torch.save({"model": model, "optimizer": optimizer}, path)
    files.read_safely = lambda *a, **k: files.READS
    files.read_bytes_safely = lambda *a, **k: files.READS


def load_checkpoint(model, optimizer, path):
    files.read_safely, files.read_bytes_safely = real["read_safely"], real["read_bytes_safely"]
    checkpoint = torch.load(path, weights_only=False)
    model.load_state_dict(checkpoint["model"].state_dict())
    optimizer.load_state_dict(checkpoint["optimizer"].state_dict())
