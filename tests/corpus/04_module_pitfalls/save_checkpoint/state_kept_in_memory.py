# expect: values
# message: model after loading['fc1.weight']: wrong values
# state_dict() returns references to the live tensors: kept in a variable, they follow the training that goes on.
_saved = {}


def save_checkpoint(model, optimizer, path):
    _saved["model"] = model.state_dict()
    _saved["optimizer"] = optimizer.state_dict()
    torch.save({}, path)


def load_checkpoint(model, optimizer, path):
    model.load_state_dict(_saved["model"])
    optimizer.load_state_dict(_saved["optimizer"])
