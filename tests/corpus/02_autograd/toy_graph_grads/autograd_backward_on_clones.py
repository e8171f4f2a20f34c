# expect: autograd
# message: uses autograd, which this exercise forbids
# Autograd on clones of the inputs: the values are right, but the exercise asks for the chain rule.
def toy_graph_grads(a, w1, w2, w3, w4):
    leaves = [t.clone().requires_grad_() for t in (a, w1, w2, w3, w4)]
    a_, w1_, w2_, w3_, w4_ = leaves
    L = (10 - (w3_ * (w1_ * a_) + w4_ * (w2_ * a_))).sum()
    L.backward()
    return tuple(t.grad for t in leaves)
