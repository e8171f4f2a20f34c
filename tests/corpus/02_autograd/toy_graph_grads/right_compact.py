# expect: pass
# The closed forms, each in one line.
def toy_graph_grads(a, w1, w2, w3, w4):
    return -(w3 * w1 + w4 * w2), -w3 * a, -w4 * a, -w1 * a, -w2 * a
