# expect: shape
# message: expected shape (2, 60), got (6, 20)
def flatten_batch(x):
    return x.reshape(-1, x.shape[2] * x.shape[3])
