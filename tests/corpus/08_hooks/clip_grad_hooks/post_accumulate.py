# expect: values
# message: p.grad after a second backward (accumulated)['first.weight']: wrong values
# message: clamp(g1) + clamp(g2)
def clip_grad_hooks(model, max_abs):
    def clamp(p):
        p.grad.clamp_(-max_abs, max_abs)                   # clamps the accumulated .grad
    return [p.register_post_accumulate_grad_hook(clamp) for p in model.parameters() if p.requires_grad]
