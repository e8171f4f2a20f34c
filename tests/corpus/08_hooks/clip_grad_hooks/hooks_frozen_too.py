# expect: raised
# message: your code raised RuntimeError
# message: cannot register a hook on a tensor that doesn't require gradient
def clip_grad_hooks(model, max_abs):
    return [p.register_hook(lambda g: g.clamp(-max_abs, max_abs)) for p in model.parameters()]
