# expect: values
# message: expected the very object passed in (non-tensors are left untouched), got a copy
import copy


def to_device(obj, device):
    if isinstance(obj, torch.Tensor):
        return obj.to(device)
    if isinstance(obj, dict):
        return {k: to_device(v, device) for k, v in obj.items()}
    if isinstance(obj, tuple) and hasattr(obj, "_fields"):
        return type(obj)(*[to_device(v, device) for v in obj])
    if isinstance(obj, (list, tuple)):
        return type(obj)(to_device(v, device) for v in obj)
    return copy.deepcopy(obj)  # "so that the caller's objects are safe"
