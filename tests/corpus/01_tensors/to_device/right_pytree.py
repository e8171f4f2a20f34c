# expect: pass
from torch.utils._pytree import tree_map


def to_device(obj, device):
    return tree_map(lambda leaf: leaf.to(device) if isinstance(leaf, torch.Tensor) else leaf, obj)
