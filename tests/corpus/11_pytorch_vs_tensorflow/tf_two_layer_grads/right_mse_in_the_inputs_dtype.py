# expect: pass
# Keras's mean over every entry, told to compute in the inputs' dtype and scaled back by the
# number of outputs (the mean of row sums); tape.gradient called inside the `with` block, as on
# the slides' first TensorFlow 2 pages.
def tf_two_layer_grads(x, y, w1, w2):
    w1, w2 = tf.Variable(w1), tf.Variable(w2)
    mse = keras.losses.MeanSquaredError(dtype=x.dtype.name)
    with tf.GradientTape() as tape:
        y_pred = tf.maximum(x @ w1, 0) @ w2
        loss = mse(y, y_pred) * y.shape[1]
        gradients = tape.gradient(loss, [w1, w2])
    return loss.numpy(), gradients[0].numpy(), gradients[1].numpy()
