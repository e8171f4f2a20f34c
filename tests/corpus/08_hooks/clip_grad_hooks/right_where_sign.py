# expect: pass
# torch.where on the magnitude, a lambda taking max_abs as a default argument, a loop.
def clip_grad_hooks(model, max_abs):
    handles = []
    for p in model.parameters():
        if not p.requires_grad:
            continue
        handles.append(p.register_hook(lambda g, m=max_abs: torch.where(g.abs() > m, g.sign() * m, g)))
    return handles
