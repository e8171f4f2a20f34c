# expect: values
# message: dL/da (the output[0]): wrong values
# message: a also reaches d through c
# Only the path a -> b -> d is followed back to a.
def toy_graph_grads(a, w1, w2, w3, w4):
    dL_dd = -torch.ones_like(a)
    dL_db = dL_dd * w3
    dL_dc = dL_dd * w4
    dL_da = dL_db * w1
    return dL_da, dL_db * a, dL_dc * a, dL_dd * (w1 * a), dL_dd * (w2 * a)
