# expect: the placeholders of your graph
# message: expected '4 placeholders, all float32', got '2 placeholders, all float32'
# message: not constants baked into it
# Found by a held-out tester: placeholders only for x and y; w1 and w2 as tf.constant (right values, tf.gradients with respect to the constants).
def tf_static_graph_grads(x, y, w1, w2):
    # placeholders only for the data; the weights baked into the graph as constants
    tf1 = tf.compat.v1
    dt = tf.as_dtype(x.dtype)
    g = tf.Graph()
    with g.as_default():
        x_ph, y_ph = tf1.placeholder(dt, x.shape), tf1.placeholder(dt, y.shape)
        w1_c, w2_c = tf.constant(w1), tf.constant(w2)
        loss = tf.reduce_mean(tf.reduce_sum((tf.nn.relu(x_ph @ w1_c) @ w2_c - y_ph) ** 2, axis=1))
        g1, g2 = tf.gradients(loss, [w1_c, w2_c])
    with tf1.Session(graph=g) as sess:
        return tuple(sess.run([loss, g1, g2], feed_dict={x_ph: x, y_ph: y}))
