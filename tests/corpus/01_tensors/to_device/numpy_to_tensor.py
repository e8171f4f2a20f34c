# expect: type
# message: expected a NumPy array (int64), got a torch.Tensor
def to_device(obj, device):
    if isinstance(obj, (torch.Tensor, np.ndarray)):
        return torch.as_tensor(obj).to(device)  # "arrays are data too"
    if isinstance(obj, dict):
        return {k: to_device(v, device) for k, v in obj.items()}
    if isinstance(obj, tuple) and hasattr(obj, "_fields"):
        return type(obj)(*[to_device(v, device) for v in obj])
    if isinstance(obj, (list, tuple)):
        return type(obj)(to_device(v, device) for v in obj)
    return obj
