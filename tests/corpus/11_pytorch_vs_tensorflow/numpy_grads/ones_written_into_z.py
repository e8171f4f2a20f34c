# expect: inputs
# message: your function modified its input z in place
# Saving an allocation by writing the ones into z's memory: the caller's z is gone.
def numpy_grads(x, y, z):
    z[...] = 1
    return y * z, x * z, z
