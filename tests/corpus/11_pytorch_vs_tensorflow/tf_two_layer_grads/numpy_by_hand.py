# expect: tf.GradientTape
# message: tf.GradientTape: wrong value
# message: not used: no tape.gradient call, and no TensorFlow op ran
# Right numbers, but by hand in NumPy: the exercise is TensorFlow's autograd.
def tf_two_layer_grads(x, y, w1, w2):
    n = x.shape[0]
    pre = x @ w1
    h = np.maximum(pre, 0)
    diff = h @ w2 - y
    loss = np.mean(np.sum(diff ** 2, axis=1))
    g = 2 * diff / n
    return loss, (x.T @ ((g @ w2.T) * (pre > 0))).astype(x.dtype), (h.T @ g).astype(x.dtype)
