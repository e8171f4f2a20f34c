# expect: values
# message: the number of parameter tensors, not of their elements
def count_parameters(module, trainable_only=False):
    return len([p for p in module.parameters() if p.requires_grad or not trainable_only])
