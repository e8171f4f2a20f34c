# expect: type
# message: loss: expected a NumPy array (float32), got tensorflow.python.framework.ops.EagerTensor
# message: t.numpy() for a TensorFlow one
# TensorFlow tensors returned as they are: NumPy out is the contract.
def tf_two_layer_grads(x, y, w1, w2):
    w1, w2 = tf.Variable(w1), tf.Variable(w2)
    with tf.GradientTape() as tape:
        loss = tf.reduce_mean(tf.reduce_sum((tf.nn.relu(x @ w1) @ w2 - y) ** 2, axis=1))
    g1, g2 = tape.gradient(loss, [w1, w2])
    return loss, g1, g2
