# expect: tf.GradientTape
# message: tape.gradient was called, but grad_w1 and grad_w2 are not what it returned
# message: return what it gives
# Found by a held-out tester: tape.gradient called and its result thrown away; the gradients returned are computed by hand in NumPy.
def tf_two_layer_grads(x, y, w1, w2):
    # the by-hand gradients (section 2's NumPy) are what is returned; the tape is run only
    # "to satisfy the check", and its result is thrown away
    pre = x @ w1
    h = np.maximum(pre, 0)
    diff = h @ w2 - y
    n = x.shape[0]
    g_pred = 2 * diff / n
    g2 = h.T @ g_pred
    g1 = x.T @ ((g_pred @ w2.T) * (pre > 0))
    v1, v2 = tf.Variable(w1), tf.Variable(w2)
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(tf.reduce_sum((tf.nn.relu(x @ v1) @ v2 - y) ** 2, axis=1))
    tape.gradient(loss, [v1, v2])
    return loss.numpy(), g1.astype(x.dtype), g2.astype(x.dtype)
