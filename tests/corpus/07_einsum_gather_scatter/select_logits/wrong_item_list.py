# expect: autograd
# message: expected a tensor that requires grad
def select_logits(logits, labels):
    return torch.tensor([logits[n, labels[n]].item() for n in range(len(labels))])
