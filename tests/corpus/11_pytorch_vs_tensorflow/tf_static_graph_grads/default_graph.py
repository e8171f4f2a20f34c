# expect: the default graph after the call
# message: the default graph after the call: wrong value
# message: ops added to it
# Graph mode entered on the process's own default graph: every call leaves its ops there.
def tf_static_graph_grads(x, y, w1, w2):
    tf1 = tf.compat.v1
    graph = tf1.get_default_graph()
    with graph.as_default():
        dtype = tf.as_dtype(x.dtype)
        x_ph, y_ph = tf1.placeholder(dtype, x.shape), tf1.placeholder(dtype, y.shape)
        w1_ph, w2_ph = tf1.placeholder(dtype, w1.shape), tf1.placeholder(dtype, w2.shape)
        loss = tf.reduce_mean(tf.reduce_sum((tf.maximum(x_ph @ w1_ph, 0) @ w2_ph - y_ph) ** 2, axis=1))
        grad_w1, grad_w2 = tf.gradients(loss, [w1_ph, w2_ph])
        with tf1.Session(graph=graph) as sess:
            return tuple(sess.run([loss, grad_w1, grad_w2], {x_ph: x, y_ph: y, w1_ph: w1, w2_ph: w2}))
