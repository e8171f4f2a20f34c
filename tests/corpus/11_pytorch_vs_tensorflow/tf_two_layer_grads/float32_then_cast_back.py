# expect: values
# message: loss: wrong values
# message: computed in float32 and cast back
# Everything computed in float32 and cast back to the inputs' dtype: the dtype is right, the values
# carry float32's rounding (1e-7 relative), far beyond what a float64 computation gives.
def tf_two_layer_grads(x, y, w1, w2):
    x32, y32 = tf.constant(x, tf.float32), tf.constant(y, tf.float32)
    w1_32, w2_32 = tf.Variable(w1.astype(np.float32)), tf.Variable(w2.astype(np.float32))
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(tf.reduce_sum((tf.nn.relu(x32 @ w1_32) @ w2_32 - y32) ** 2, axis=1))
    g1, g2 = tape.gradient(loss, [w1_32, w2_32])
    return x.dtype.type(loss.numpy()), g1.numpy().astype(x.dtype), g2.numpy().astype(x.dtype)
