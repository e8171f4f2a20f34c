# expect: what Session.run was fed
# message: what Session.run was fed: wrong value
# message: got 'nothing: no feed_dict'
# message: feed_dict={x_ph: x
# Four placeholders declared in the graph, but the loss built on constants of the arrays: the
# session runs with nothing fed (the placeholders are there only for show).
def tf_static_graph_grads(x, y, w1, w2):
    tf1 = tf.compat.v1
    g = tf.Graph()
    with g.as_default():
        for a in (x, y, w1, w2):
            tf1.placeholder(tf.as_dtype(a.dtype), a.shape)
        xc, yc, w1c, w2c = (tf.constant(a) for a in (x, y, w1, w2))
        loss = tf.reduce_mean(tf.reduce_sum(tf.square(tf.nn.relu(xc @ w1c) @ w2c - yc), axis=1))
        grads = tf.gradients(loss, [w1c, w2c])
    with tf1.Session(graph=g) as sess:
        value, (g1, g2) = sess.run([loss, grads])
    return value, g1, g2
