# expect: values
# message: p.grad after one backward['first.weight']: wrong values
def clip_grad_hooks(model, max_abs):
    def clamp(grad):
        clipped = grad.clamp(-max_abs, max_abs)            # computed, never returned
    return [p.register_hook(clamp) for p in model.parameters() if p.requires_grad]
