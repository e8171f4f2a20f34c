# expect: values
# message: wrong values
def clip_grad_hooks(model, max_abs):
    return [p.register_hook(lambda g: g.clamp(max=max_abs)) for p in model.parameters() if p.requires_grad]
