# expect: values
# message: dL/dw3
# d = w3 * b, and b = w1 * a: the student wrote dd/dw3 = w1 (forgetting the factor a).
def toy_graph_grads(a, w1, w2, w3, w4):
    return -(w3 * w1 + w4 * w2), -w3 * a, -w4 * a, -w1, -w2
