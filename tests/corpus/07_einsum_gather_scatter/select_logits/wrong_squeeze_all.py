# expect: shape
# message: expected shape (1,), got ()
# message: N=1
# squeeze() with no dimension also removes N when N = 1.
def select_logits(logits, labels):
    return logits.gather(1, labels.unsqueeze(1)).squeeze()
