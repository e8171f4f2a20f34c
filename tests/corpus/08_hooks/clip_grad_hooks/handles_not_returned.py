# expect: type
# message: handles returned: expected a list
def clip_grad_hooks(model, max_abs):
    for p in model.parameters():
        if p.requires_grad:
            p.register_hook(lambda g: g.clamp(-max_abs, max_abs))
