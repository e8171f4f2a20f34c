# expect: pass
def count_parameters(module, trainable_only=False):
    total = 0
    for _, p in module.named_parameters():   # remove_duplicate=True by default
        if trainable_only and not p.requires_grad:
            continue
        total += p.nelement()
    return int(total)
