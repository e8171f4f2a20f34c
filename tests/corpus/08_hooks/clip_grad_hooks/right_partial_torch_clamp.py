# expect: pass
# functools.partial of torch.clamp, parameters found through named_parameters().
def clip_grad_hooks(model, max_abs):
    clamp = functools.partial(torch.clamp, min=-max_abs, max=max_abs)
    return [param.register_hook(clamp) for _, param in model.named_parameters() if param.requires_grad]
