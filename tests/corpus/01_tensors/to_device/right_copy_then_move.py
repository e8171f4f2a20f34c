# expect: pass
def to_device(obj, device):
    device = torch.device(device)
    if torch.is_tensor(obj):
        return obj if obj.device == device else obj.to(device)
    if isinstance(obj, dict):
        out = type(obj)()
        for key, value in obj.items():
            out[key] = to_device(value, device)
        return out
    if isinstance(obj, list):
        return [to_device(item, device) for item in obj]
    if isinstance(obj, tuple):
        items = [to_device(item, device) for item in obj]
        return type(obj)(*items) if hasattr(obj, "_fields") else tuple(items)
    return obj
