# expect: view
# message: expected a view of x, got a copy
def flatten_batch(x):
    return x.reshape(x.size(0), -1).clone()
