# expect: values
# message: ['bn.running_mean']: wrong values
# named_parameters() leaves BatchNorm's buffers out; strict=False hides it.
def save_checkpoint(model, optimizer, path):
    params = {name: p.detach() for name, p in model.named_parameters()}
    torch.save({"params": params, "optimizer": optimizer.state_dict()}, path)


def load_checkpoint(model, optimizer, path):
    checkpoint = torch.load(path, weights_only=True)
    model.load_state_dict(checkpoint["params"], strict=False)
    optimizer.load_state_dict(checkpoint["optimizer"])
