# expect: raised
# message: your code raised AttributeError
# message: NoneType
# Plain tensors are not watched by a tape: tape.gradient gives None for them.
def tf_two_layer_grads(x, y, w1, w2):
    w1, w2 = tf.constant(w1), tf.constant(w2)
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(tf.reduce_sum((tf.nn.relu(x @ w1) @ w2 - y) ** 2, axis=1))
    g1, g2 = tape.gradient(loss, [w1, w2])
    return loss.numpy(), g1.numpy(), g2.numpy()
