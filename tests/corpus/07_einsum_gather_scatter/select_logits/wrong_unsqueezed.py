# expect: shape
# message: expected shape (4,), got (4, 1)
def select_logits(logits, labels):
    return logits.gather(1, labels.view(-1, 1))
