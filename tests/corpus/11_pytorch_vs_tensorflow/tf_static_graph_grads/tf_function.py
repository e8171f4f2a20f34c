# expect: Session.run
# message: never called: the values must come out of a tf.compat.v1.Session's run
# A graph, but TensorFlow 2's: tf.function traces one and runs it without a Session.
def tf_static_graph_grads(x, y, w1, w2):
    @tf.function
    def step(x, y, w1, w2):
        with tf.GradientTape() as tape:
            tape.watch([w1, w2])
            loss = tf.reduce_mean(tf.reduce_sum((tf.nn.relu(x @ w1) @ w2 - y) ** 2, axis=1))
        return loss, *tape.gradient(loss, [w1, w2])
    return tuple(t.numpy() for t in step(tf.constant(x), tf.constant(y), tf.constant(w1), tf.constant(w2)))
