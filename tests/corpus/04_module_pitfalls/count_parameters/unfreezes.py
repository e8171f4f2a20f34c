# expect: requires_grad after the call
# message: requires_grad after the call['blocks.first.0.0.weight']: wrong value
# The count is right, but every parameter is trainable afterwards.
def count_parameters(module, trainable_only=False):
    total = 0
    for p in module.parameters():
        if p.requires_grad or not trainable_only:
            total += p.numel()
        p.requires_grad_(True)
    return total
