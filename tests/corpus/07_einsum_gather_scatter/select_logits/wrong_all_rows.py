# expect: shape
# message: expected shape (4,), got (4, 4)
# One index tensor for the columns: every row, at every label.
def select_logits(logits, labels):
    return logits[:, labels]
