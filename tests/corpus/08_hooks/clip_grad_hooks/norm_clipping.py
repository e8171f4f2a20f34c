# expect: values
# message: wrong values
def clip_grad_hooks(model, max_abs):
    def rescale(grad):                                     # clip_grad_norm_'s idea, not elementwise
        norm = grad.norm()
        return grad * (max_abs / norm) if norm > max_abs else grad
    return [p.register_hook(rescale) for p in model.parameters() if p.requires_grad]
