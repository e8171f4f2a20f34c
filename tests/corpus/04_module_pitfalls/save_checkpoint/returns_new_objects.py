# expect: values
# message: model after loading['fc1.weight']: wrong values
# A loaded copy is returned, and the model and optimizer it was given stay as they were.
import copy


def save_checkpoint(model, optimizer, path):
    torch.save({"model": model.state_dict(), "optimizer": optimizer.state_dict()}, path)


def load_checkpoint(model, optimizer, path):
    checkpoint = torch.load(path, weights_only=True)
    model = copy.deepcopy(model)
    model.load_state_dict(checkpoint["model"])
    optimizer = type(optimizer)(model.parameters(), **optimizer.defaults)
    optimizer.load_state_dict(checkpoint["optimizer"])
    return model, optimizer
