# expect: device
# message: visible check
# message: expected device cpu, got meta
# "Anything with a .to method moves": an nn.Module has one too, and .to moves it in place.
def to_device(obj, device):
    if hasattr(obj, "to"):
        return obj.to(device)
    if isinstance(obj, tuple) and hasattr(obj, "_fields"):
        return type(obj)(*(to_device(v, device) for v in obj))
    if isinstance(obj, (list, tuple)):
        return type(obj)(to_device(v, device) for v in obj)
    if isinstance(obj, dict):
        return type(obj)((k, to_device(v, device)) for k, v in obj.items())
    return obj
