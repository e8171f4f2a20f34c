# expect: pass
# GradientTape works in graph mode too: inside the graph it adds the gradient ops, like
# tf.gradients. Placeholders with an open batch size, tf.nn.relu, tf.square.
def tf_static_graph_grads(x, y, w1, w2):
    tf1 = tf.compat.v1
    graph = tf.Graph()
    with graph.as_default():
        dtype = tf.as_dtype(x.dtype)
        x_ph = tf1.placeholder(dtype, shape=(None, x.shape[1]))
        y_ph = tf1.placeholder(dtype, shape=(None, y.shape[1]))
        w1_ph = tf1.placeholder(dtype, shape=w1.shape)
        w2_ph = tf1.placeholder(dtype, shape=w2.shape)
        with tf.GradientTape() as tape:
            tape.watch([w1_ph, w2_ph])
            err = tf.matmul(tf.nn.relu(tf.matmul(x_ph, w1_ph)), w2_ph) - y_ph
            loss = tf.reduce_mean(tf.reduce_sum(tf.square(err), axis=1))
        grads = tape.gradient(loss, [w1_ph, w2_ph])
    sess = tf1.Session(graph=graph)
    try:
        out = sess.run({"loss": loss, "g1": grads[0], "g2": grads[1]},
                       feed_dict={x_ph: x, y_ph: y, w1_ph: w1, w2_ph: w2})
    finally:
        sess.close()
    return out["loss"], out["g1"], out["g2"]
