# expect: pass
# The gradients of a product are the factors themselves: returning y and x as they are (no
# copy) is right, and np.full_like makes ones of z's shape and dtype.
def numpy_grads(x, y, z):
    return y, x, np.full_like(z, 1)
