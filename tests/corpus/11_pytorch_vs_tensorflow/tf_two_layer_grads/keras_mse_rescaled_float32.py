# expect: dtype
# message: loss: expected dtype float64, got float32
# Keras's mean over every entry, scaled back by the number of outputs: the right value, but a Keras
# loss computes in Keras's float type (float32) unless told otherwise, whatever its inputs are.
def tf_two_layer_grads(x, y, w1, w2):
    w1, w2 = tf.Variable(w1), tf.Variable(w2)
    with tf.GradientTape() as tape:
        y_pred = tf.maximum(x @ w1, 0) @ w2
        loss = keras.losses.MeanSquaredError()(y, y_pred) * y.shape[1]
    g1, g2 = tape.gradient(loss, [w1, w2])
    return loss.numpy(), g1.numpy(), g2.numpy()
