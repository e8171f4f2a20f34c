# expect: pass
# The tape inside a tf.function: tape.gradient gives symbolic tensors while the function is traced,
# their values come out of the function's call. tf.square and a division by N for the mean.
def tf_two_layer_grads(x, y, w1, w2):
    @tf.function
    def loss_and_grads(x, y, w1, w2):
        with tf.GradientTape() as tape:
            tape.watch([w1, w2])
            err = tf.matmul(tf.nn.relu(tf.matmul(x, w1)), w2) - y
            loss = tf.reduce_sum(tf.square(err)) / tf.cast(tf.shape(x)[0], x.dtype)
        grad_w1, grad_w2 = tape.gradient(loss, [w1, w2])
        return loss, grad_w1, grad_w2

    return tuple(t.numpy() for t in loss_and_grads(tf.constant(x), tf.constant(y), tf.constant(w1), tf.constant(w2)))
