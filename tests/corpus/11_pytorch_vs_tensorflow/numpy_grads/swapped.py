# expect: values
# message: grad_x: wrong values
# message: swapped
# Each factor of a product gets the *other* factor, not itself.
def numpy_grads(x, y, z):
    ones = np.ones_like(z)
    return ones * x, ones * y, ones
