# expect: values
# message: wrong values
# message: no ReLU
# Copied from the slides' "Optimizer and Loss" page, which dropped the ReLU: h = tf.matmul(x, w1).
def tf_two_layer_grads(x, y, w1, w2):
    w1, w2 = tf.Variable(w1), tf.Variable(w2)
    with tf.GradientTape() as tape:
        h = tf.matmul(x, w1)
        diff = tf.matmul(h, w2) - y
        loss = tf.reduce_mean(tf.reduce_sum(diff ** 2, axis=1))
    g1, g2 = tape.gradient(loss, [w1, w2])
    return loss.numpy(), g1.numpy(), g2.numpy()
