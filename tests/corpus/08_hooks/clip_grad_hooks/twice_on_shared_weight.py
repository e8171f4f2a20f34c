# expect: structure
# message: handles returned: expected 3 items, got 4
# message: each once
def clip_grad_hooks(model, max_abs):
    handles = []
    for module in model.modules():                         # a shared weight is met twice
        for p in module.parameters(recurse=False):
            if p.requires_grad:
                handles.append(p.register_hook(lambda g: g.clamp(-max_abs, max_abs)))
    return handles
