# expect: dtype
# message: expected dtype float64, got float32
# The slides' float32 placeholders: float64 arrays are rounded on the way in.
def tf_static_graph_grads(x, y, w1, w2):
    tf1 = tf.compat.v1
    g = tf.Graph()
    with g.as_default():
        x_ph, y_ph = tf1.placeholder(tf.float32, x.shape), tf1.placeholder(tf.float32, y.shape)
        w1_ph, w2_ph = tf1.placeholder(tf.float32, w1.shape), tf1.placeholder(tf.float32, w2.shape)
        loss = tf.reduce_mean(tf.reduce_sum((tf.maximum(x_ph @ w1_ph, 0) @ w2_ph - y_ph) ** 2, axis=1))
        grad_w1, grad_w2 = tf.gradients(loss, [w1_ph, w2_ph])
    with tf1.Session(graph=g) as sess:
        return tuple(sess.run([loss, grad_w1, grad_w2], {x_ph: x, y_ph: y, w1_ph: w1, w2_ph: w2}))
