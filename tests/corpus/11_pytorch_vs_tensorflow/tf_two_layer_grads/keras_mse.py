# expect: values
# message: loss: wrong values
# message: the mean over every entry (Keras's MeanSquaredError
# The slides' "Optimizer and Loss" page: tf.losses.MeanSquaredError averages over all N * D_out
# entries, a loss D_out times smaller.
def tf_two_layer_grads(x, y, w1, w2):
    w1, w2 = tf.Variable(w1), tf.Variable(w2)
    with tf.GradientTape() as tape:
        y_pred = tf.maximum(tf.matmul(x, w1), 0) @ w2
        loss = tf.losses.MeanSquaredError()(y, y_pred)
    g1, g2 = tape.gradient(loss, [w1, w2])
    return loss.numpy(), g1.numpy(), g2.numpy()
