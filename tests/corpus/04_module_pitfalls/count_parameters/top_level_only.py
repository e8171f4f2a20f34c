# expect: values
# message: expected 83, got 0
# recurse=False: only the parameters registered on the module itself, not on its submodules.
def count_parameters(module, trainable_only=False):
    return sum(p.numel() for p in module.parameters(recurse=False) if p.requires_grad or not trainable_only)
