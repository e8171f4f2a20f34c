# expect: values
# message: in the model's order rather than sorted
def freeze_except(model, trainable_prefixes):
    trainable = []
    for name, p in model.named_parameters():
        if name.startswith(tuple(trainable_prefixes)):
            if p.requires_grad:
                trainable.append(name)
        else:
            p.requires_grad = False
    return trainable
