# expect: pass
def flatten_batch(x):
    return x.contiguous().view(len(x), -1)  # contiguous() is x itself when x is contiguous
