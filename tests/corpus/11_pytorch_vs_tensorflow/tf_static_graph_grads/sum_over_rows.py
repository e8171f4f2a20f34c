# expect: values
# message: the loss sums over the rows too
# The right graph with the wrong reduction.
def tf_static_graph_grads(x, y, w1, w2):
    tf1 = tf.compat.v1
    g = tf.Graph()
    with g.as_default():
        dtype = tf.as_dtype(x.dtype)
        x_ph, y_ph = tf1.placeholder(dtype, x.shape), tf1.placeholder(dtype, y.shape)
        w1_ph, w2_ph = tf1.placeholder(dtype, w1.shape), tf1.placeholder(dtype, w2.shape)
        loss = tf.reduce_sum((tf.maximum(x_ph @ w1_ph, 0) @ w2_ph - y_ph) ** 2)
        grad_w1, grad_w2 = tf.gradients(loss, [w1_ph, w2_ph])
    with tf1.Session(graph=g) as sess:
        return tuple(sess.run([loss, grad_w1, grad_w2], {x_ph: x, y_ph: y, w1_ph: w1, w2_ph: w2}))
