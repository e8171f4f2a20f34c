# expect: values
# message: p.grad after one backward['first.weight']: wrong values
# message: a hook that clamps in place (clamp_)
def clip_grad_hooks(model, max_abs):
    return [p.register_hook(lambda g: g.clamp_(-max_abs, max_abs))   # changes the gradient that flows on
            for p in model.parameters() if p.requires_grad]
