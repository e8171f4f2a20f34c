# expect: TensorFlow's global switches after the call
# message: changed: eager execution: on -> off
# Only eager execution switched off, and the graph built in a graph of its own: still global.
def tf_static_graph_grads(x, y, w1, w2):
    tf1 = tf.compat.v1
    tf1.disable_eager_execution()
    g = tf.Graph()
    with g.as_default():
        dtype = tf.as_dtype(x.dtype)
        x_ph, y_ph = tf1.placeholder(dtype, x.shape), tf1.placeholder(dtype, y.shape)
        w1_ph, w2_ph = tf1.placeholder(dtype, w1.shape), tf1.placeholder(dtype, w2.shape)
        loss = tf.reduce_mean(tf.reduce_sum((tf.nn.relu(x_ph @ w1_ph) @ w2_ph - y_ph) ** 2, axis=1))
        grads = tf.gradients(loss, [w1_ph, w2_ph])
    with tf1.Session(graph=g) as sess:
        loss_val, (g1, g2) = sess.run([loss, grads], {x_ph: x, y_ph: y, w1_ph: w1, w2_ph: w2})
    return loss_val, g1, g2
