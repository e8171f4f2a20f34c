# expect: values
# message: expected 83, got 100
# message: counts the buffers too
def count_parameters(module, trainable_only=False):
    return sum(t.numel() for t in module.state_dict().values()
               if not trainable_only or t.requires_grad)
