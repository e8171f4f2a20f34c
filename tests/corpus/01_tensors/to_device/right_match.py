# expect: pass
def to_device(obj, device):
    match obj:
        case torch.Tensor():
            return obj.to(device=device)
        case dict():
            return type(obj)({key: to_device(value, device) for key, value in obj.items()})
        case tuple() if hasattr(obj, "_make"):
            return obj._make(to_device(item, device) for item in obj)
        case list() | tuple():
            return type(obj)([to_device(item, device) for item in obj])
        case _:
            return obj
