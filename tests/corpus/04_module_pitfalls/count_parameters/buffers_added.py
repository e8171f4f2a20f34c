# expect: values
# message: expected 83, got 100
def count_parameters(module, trainable_only=False):
    n = sum(p.numel() for p in module.parameters() if p.requires_grad or not trainable_only)
    return n + sum(b.numel() for b in module.buffers())
