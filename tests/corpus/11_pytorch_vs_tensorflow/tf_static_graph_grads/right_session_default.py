# expect: pass
# The session made the default inside the graph block; the values read one by one with
# Tensor.eval (which runs the default session), the mean taken as a sum divided by N.
def tf_static_graph_grads(x, y, w1, w2):
    tf1 = tf.compat.v1
    g = tf.Graph()
    with g.as_default(), tf1.Session(graph=g).as_default():
        ph = {name: tf1.placeholder(tf.as_dtype(a.dtype), a.shape, name=name)
              for name, a in (("x", x), ("y", y), ("w1", w1), ("w2", w2))}
        h = tf.maximum(tf.matmul(ph["x"], ph["w1"]), tf.zeros((), dtype=ph["x"].dtype))
        row_sums = tf.reduce_sum((tf.matmul(h, ph["w2"]) - ph["y"]) ** 2, axis=1)
        loss = tf.reduce_sum(row_sums) / x.shape[0]
        grad_w1, grad_w2 = tf.gradients(loss, [ph["w1"], ph["w2"]])
        feed = {ph["x"]: x, ph["y"]: y, ph["w1"]: w1, ph["w2"]: w2}
        return loss.eval(feed), grad_w1.eval(feed), grad_w2.eval(feed)
