# expect: dtype
# message: loss: expected dtype float64, got float32
# The slides convert with tf.convert_to_tensor(..., np.float32): float64 inputs come back float32.
def tf_two_layer_grads(x, y, w1, w2):
    x = tf.convert_to_tensor(x, np.float32)
    y = tf.convert_to_tensor(y, np.float32)
    w1 = tf.Variable(tf.convert_to_tensor(w1, np.float32))
    w2 = tf.Variable(tf.convert_to_tensor(w2, np.float32))
    with tf.GradientTape() as tape:
        diff = tf.matmul(tf.maximum(tf.matmul(x, w1), 0), w2) - y
        loss = tf.reduce_mean(tf.reduce_sum(diff ** 2, axis=1))
    g1, g2 = tape.gradient(loss, [w1, w2])
    return loss.numpy(), g1.numpy(), g2.numpy()
