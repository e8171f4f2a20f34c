# expect: pass
# The chain written out node by node, with the dtype given explicitly.
def numpy_grads(x, y, z):
    grad_c = x.dtype.type(1)
    grad_b = np.ones(z.shape, dtype=z.dtype) * grad_c
    grad_a, grad_z = grad_b, np.array(grad_b)
    return np.multiply(grad_a, y), np.multiply(grad_a, x), grad_z
