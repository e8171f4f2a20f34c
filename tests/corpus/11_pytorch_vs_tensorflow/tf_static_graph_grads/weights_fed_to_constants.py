# expect: what Session.run was fed
# message: got 'x and y; and w1 into a Const op, not a placeholder; w2 into a Const op, not a placeholder'
# Placeholders for x and y, two unused ones for the weights, whose values are fed to the constants
# the graph uses instead (a constant's tensor can be fed too): the weights are not the graph's inputs.
def tf_static_graph_grads(x, y, w1, w2):
    tf1 = tf.compat.v1
    dtype = tf.as_dtype(x.dtype)
    g = tf.Graph()
    with g.as_default():
        x_ph, y_ph = tf1.placeholder(dtype, x.shape), tf1.placeholder(dtype, y.shape)
        tf1.placeholder(dtype, w1.shape), tf1.placeholder(dtype, w2.shape)
        w1_c, w2_c = tf.constant(np.zeros_like(w1)), tf.constant(np.zeros_like(w2))
        loss = tf.reduce_mean(tf.reduce_sum((tf.nn.relu(x_ph @ w1_c) @ w2_c - y_ph) ** 2, axis=1))
        g1, g2 = tf.gradients(loss, [w1_c, w2_c])
    with tf1.Session(graph=g) as sess:
        return tuple(sess.run([loss, g1, g2], {x_ph: x, y_ph: y, w1_c: w1, w2_c: w2}))
