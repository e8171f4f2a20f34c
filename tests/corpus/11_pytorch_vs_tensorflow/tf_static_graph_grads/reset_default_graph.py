# expect: the default graph after the call
# message: replaced by a new graph (tf.compat.v1.reset_default_graph())
# The TF 1 habit of starting from a fresh default graph: the process's default graph is replaced.
def tf_static_graph_grads(x, y, w1, w2):
    v1 = tf.compat.v1
    v1.reset_default_graph()
    g = v1.get_default_graph()
    with g.as_default():
        dt = tf.as_dtype(x.dtype)
        ph = [v1.placeholder(dt, a.shape) for a in (x, y, w1, w2)]
        loss = tf.reduce_mean(tf.reduce_sum((tf.nn.relu(ph[0] @ ph[2]) @ ph[3] - ph[1]) ** 2, axis=1))
        grads = tf.gradients(loss, ph[2:])
        with v1.Session(graph=g) as s:
            return tuple(s.run([loss] + grads, dict(zip(ph, (x, y, w1, w2)))))
