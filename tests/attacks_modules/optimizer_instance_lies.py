# attacks: save_checkpoint
# expect: failed
# why: load only the model, and give the fresh optimizer an instance-level state_dict() (and the model a forward) that return what was saved
_saved = {}


def save_checkpoint(model, optimizer, path):
    torch.save({"model": model.state_dict()}, path)
    _saved["optimizer"] = {k: v for k, v in optimizer.state_dict().items()}
    _saved["optimizer"]["state"] = {i: {k: t.clone() for k, t in s.items()} for i, s in optimizer.state_dict()["state"].items()}


def load_checkpoint(model, optimizer, path):
    model.load_state_dict(torch.load(path, weights_only=True)["model"])
    optimizer.state_dict = lambda: _saved["optimizer"]
    optimizer.step = lambda *a, **k: None
