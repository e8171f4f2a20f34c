# expect: pass
# Constants watched explicitly, tf.nn.relu and tf.square, gradients taken one at a time from a
# persistent tape, and the loss returned as a 0-d array.
def tf_two_layer_grads(x, y, w1, w2):
    w1_t, w2_t = tf.constant(w1), tf.constant(w2)
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(w1_t)
        tape.watch(w2_t)
        y_pred = tf.matmul(tf.nn.relu(tf.matmul(x, w1_t)), w2_t)
        loss = tf.reduce_mean(tf.reduce_sum(tf.square(y_pred - y), axis=1))
    grad_w1 = tape.gradient(loss, w1_t)
    grad_w2 = tape.gradient(loss, w2_t)
    del tape
    return np.asarray(loss), grad_w1.numpy(), grad_w2.numpy()
