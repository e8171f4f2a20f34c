# expect: inputs
# message: model after the call.conv1.weight
# message: got requires_grad=True
# The names are right, but no parameter was frozen.
def freeze_except(model, trainable_prefixes):
    prefixes = tuple(trainable_prefixes)
    return sorted(n for n, p in model.named_parameters() if n.startswith(prefixes) and p.requires_grad)
