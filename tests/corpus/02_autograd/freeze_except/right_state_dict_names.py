# expect: pass
# Decide first, then freeze through a dict of the parameters.
def freeze_except(model, trainable_prefixes):
    params = dict(model.named_parameters())
    keep = {n for n in params if any(n[:len(p)] == p for p in trainable_prefixes)}
    for name in params.keys() - keep:
        params[name].requires_grad_(False)
    return sorted(n for n in keep if params[n].requires_grad)
