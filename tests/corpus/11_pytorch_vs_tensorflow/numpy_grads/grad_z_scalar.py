# expect: type
# message: grad_z: expected a NumPy array (float64), got a float
# "dc/dz = 1" returned as the number 1.
def numpy_grads(x, y, z):
    return y.copy(), x.copy(), 1.0
