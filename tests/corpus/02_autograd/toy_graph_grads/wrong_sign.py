# expect: values
# message: dL/da
# message: wrong sign
# The student forgot that L = 10 - d: the derivative of L with respect to d is -1, not 1.
def toy_graph_grads(a, w1, w2, w3, w4):
    b = w1 * a
    c = w2 * a
    return w3 * w1 + w4 * w2, w3 * a, w4 * a, b, c
