# expect: TensorFlow's global switches after the call
# message: TensorFlow's global switches after the call: wrong value
# message: eager execution: on -> off
# message: switch TensorFlow 2 off for the whole process
# The slides' first line, inside the function: TensorFlow 2 is off for everything that follows.
def tf_static_graph_grads(x, y, w1, w2):
    tf1 = tf.compat.v1
    tf1.disable_v2_behavior()
    dtype = tf.as_dtype(x.dtype)
    x_ph, y_ph = tf1.placeholder(dtype, shape=x.shape), tf1.placeholder(dtype, shape=y.shape)
    w1_ph, w2_ph = tf1.placeholder(dtype, shape=w1.shape), tf1.placeholder(dtype, shape=w2.shape)
    h = tf.maximum(tf.matmul(x_ph, w1_ph), 0)
    diff = tf.matmul(h, w2_ph) - y_ph
    loss = tf.reduce_mean(tf.reduce_sum(diff ** 2, axis=1))
    grad_w1, grad_w2 = tf.gradients(loss, [w1_ph, w2_ph])
    with tf1.Session() as sess:
        return tuple(sess.run([loss, grad_w1, grad_w2], feed_dict={x_ph: x, y_ph: y, w1_ph: w1, w2_ph: w2}))
