# expect: values
# message: loss: wrong values
# message: the loss sums over the rows too
# reduce_sum over everything: the sum of squares of PyTorch's pages, not the mean over the rows.
def tf_two_layer_grads(x, y, w1, w2):
    w1, w2 = tf.Variable(w1), tf.Variable(w2)
    with tf.GradientTape() as tape:
        loss = tf.reduce_sum((tf.nn.relu(x @ w1) @ w2 - y) ** 2)
    g1, g2 = tape.gradient(loss, [w1, w2])
    return loss.numpy(), g1.numpy(), g2.numpy()
