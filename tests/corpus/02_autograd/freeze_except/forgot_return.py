# expect: type
# message: Did you forget the return statement?
def freeze_except(model, trainable_prefixes):
    for name, p in model.named_parameters():
        if not name.startswith(tuple(trainable_prefixes)):
            p.requires_grad_(False)
    trainable = sorted(n for n, p in model.named_parameters() if p.requires_grad)
