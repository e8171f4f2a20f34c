# expect: raised
# message: your function raised RecursionError
from collections.abc import Mapping, Sequence


def to_device(obj, device):
    if isinstance(obj, torch.Tensor):
        return obj.to(device)
    if isinstance(obj, Mapping):
        return type(obj)((k, to_device(v, device)) for k, v in obj.items())
    if isinstance(obj, tuple) and hasattr(obj, "_fields"):
        return type(obj)(*[to_device(v, device) for v in obj])
    if isinstance(obj, Sequence):  # a str is a Sequence of one-character strs, forever
        items = [to_device(v, device) for v in obj]
        return items if isinstance(obj, list) else tuple(items)
    return obj
