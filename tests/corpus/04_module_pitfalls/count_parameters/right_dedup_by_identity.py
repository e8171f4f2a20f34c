# expect: pass
# Walks every submodule itself and keeps each parameter once, by identity.
import math


def count_parameters(module, trainable_only=False):
    seen = {}
    for m in module.modules():
        for p in m.parameters(recurse=False):
            seen[id(p)] = p
    return sum(math.prod(p.shape) for p in seen.values() if p.requires_grad or not trainable_only)
