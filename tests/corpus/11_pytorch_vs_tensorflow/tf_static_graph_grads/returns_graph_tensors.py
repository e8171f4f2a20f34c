# expect: type
# message: loss: expected a NumPy array (float32), got tensorflow.python.framework.ops.SymbolicTensor
# The graph is run, but the graph's tensors are returned instead of the values sess.run gives.
def tf_static_graph_grads(x, y, w1, w2):
    v1 = tf.compat.v1
    g = tf.Graph()
    with g.as_default():
        dt = tf.as_dtype(x.dtype)
        ph = [v1.placeholder(dt, a.shape) for a in (x, y, w1, w2)]
        loss = tf.reduce_mean(tf.reduce_sum((tf.nn.relu(ph[0] @ ph[2]) @ ph[3] - ph[1]) ** 2, axis=1))
        grads = tf.gradients(loss, ph[2:])
    with v1.Session(graph=g) as s:
        s.run(loss, dict(zip(ph, (x, y, w1, w2))))
    return loss, grads[0], grads[1]
