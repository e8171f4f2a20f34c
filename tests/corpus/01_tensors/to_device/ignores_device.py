# expect: device
# message: expected device meta, got cpu
def to_device(obj, device):
    if isinstance(obj, torch.Tensor):
        return obj.cuda() if torch.cuda.is_available() and device != "cpu" else obj.cpu()
    if isinstance(obj, dict):
        return {k: to_device(v, device) for k, v in obj.items()}
    if isinstance(obj, tuple) and hasattr(obj, "_fields"):
        return type(obj)(*[to_device(v, device) for v in obj])
    if isinstance(obj, (list, tuple)):
        return type(obj)(to_device(v, device) for v in obj)
    return obj
