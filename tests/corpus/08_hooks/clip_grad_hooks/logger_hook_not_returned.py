# expect: hooks left behind
# message: hooks left behind after every returned handle was removed: expected 0 items, got 5
# message: post-accumulate-grad hook on parameter
def clip_grad_hooks(model, max_abs):
    handles = []
    for p in model.parameters():
        if p.requires_grad:
            handles.append(p.register_hook(lambda g: g.clamp(-max_abs, max_abs)))
            p.register_post_accumulate_grad_hook(lambda t: None)     # a logger, never removed
    return handles
