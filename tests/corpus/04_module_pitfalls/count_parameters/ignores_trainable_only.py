# expect: values
# message: trainable_only is ignored
def count_parameters(module, trainable_only=False):
    return sum(p.numel() for p in module.parameters())
