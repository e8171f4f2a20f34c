# expect: dtype
# message: grad_x: expected dtype float32, got float64
# The slides' code: np.ones((N, D)) is float64 whatever the inputs are, and float32 times
# float64 is float64.
def numpy_grads(x, y, z):
    N, D = x.shape
    grad_c = 1.0
    grad_b = grad_c * np.ones((N, D))
    grad_a = grad_b.copy()
    grad_z = grad_b.copy()
    grad_x = grad_a * y
    grad_y = grad_a * x
    return grad_x, grad_y, grad_z
