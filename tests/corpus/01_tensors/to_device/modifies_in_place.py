# expect: inputs
# message: your function modified its input obj in place
def to_device(obj, device):
    if isinstance(obj, torch.Tensor):
        return obj.to(device)
    if isinstance(obj, dict):
        for key in obj:
            obj[key] = to_device(obj[key], device)
        return obj
    if isinstance(obj, list):
        for i, value in enumerate(obj):
            obj[i] = to_device(value, device)
        return obj
    if isinstance(obj, tuple) and hasattr(obj, "_fields"):
        return type(obj)(*[to_device(v, device) for v in obj])
    if isinstance(obj, tuple):
        return tuple(to_device(v, device) for v in obj)
    return obj
