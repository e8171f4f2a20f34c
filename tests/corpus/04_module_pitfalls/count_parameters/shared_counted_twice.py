# expect: values
# message: an embedding and an output layer sharing one weight
# message: counted once per submodule
def count_parameters(module, trainable_only=False):
    total = 0
    for m in module.modules():
        for p in m._parameters.values():
            if p is not None and (p.requires_grad or not trainable_only):
                total += p.numel()
    return total
