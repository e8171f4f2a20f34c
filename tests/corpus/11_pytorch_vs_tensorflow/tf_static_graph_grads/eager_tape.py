# expect: placeholders in a graph of your own
# message: no tf.compat.v1.placeholder op was created
# Exercise 2 again: right values, but no static graph at all.
def tf_static_graph_grads(x, y, w1, w2):
    w1, w2 = tf.Variable(w1), tf.Variable(w2)
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(tf.reduce_sum((tf.nn.relu(x @ w1) @ w2 - y) ** 2, axis=1))
    g1, g2 = tape.gradient(loss, [w1, w2])
    return loss.numpy(), g1.numpy(), g2.numpy()
