# expect: training flags after the call
# message: train/eval mode after the call['(the module)']: wrong value
# The count is right, but the model it was given is left in eval mode (and unfrozen).
def count_parameters(module, trainable_only=False):
    module.eval()
    total = sum(p.numel() for p in module.parameters() if p.requires_grad or not trainable_only)
    module.requires_grad_(True)
    return total
