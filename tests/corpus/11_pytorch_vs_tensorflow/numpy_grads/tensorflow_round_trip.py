# expect: TensorFlow in numpy_grads
# message: called tf.constant / tf.convert_to_tensor
# No TensorFlow op runs, but the arrays go through TensorFlow and back: not NumPy by hand.
def numpy_grads(x, y, z):
    ones = np.ones_like(z)
    return tf.constant(ones * y).numpy(), tf.constant(ones * x).numpy(), ones
