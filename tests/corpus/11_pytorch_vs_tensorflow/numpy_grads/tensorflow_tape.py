# expect: TensorFlow in numpy_grads
# message: TensorFlow while numpy_grads ran
# TensorFlow's tape instead of the chain rule by hand.
def numpy_grads(x, y, z):
    xs, ys, zs = (tf.Variable(a) for a in (x, y, z))
    with tf.GradientTape() as tape:
        c = tf.reduce_sum(xs * ys + zs)
    return tuple(g.numpy() for g in tape.gradient(c, [xs, ys, zs]))
