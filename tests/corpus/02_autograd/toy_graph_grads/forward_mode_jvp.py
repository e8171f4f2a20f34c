# expect: autograd
# message: uses autograd, which this exercise forbids
# message: forward-mode AD did (torch.func.jvp/jacfwd)
# Every op is elementwise, so a forward-mode derivative with a tangent of ones gives each gradient:
# still autograd doing the work.
def toy_graph_grads(a, w1, w2, w3, w4):
    args = [a, w1, w2, w3, w4]

    def loss_wrt(i):
        def f(t):
            xs = list(args)
            xs[i] = t
            a, w1, w2, w3, w4 = xs
            return 10 - (w3 * (w1 * a) + w4 * (w2 * a))
        return f

    return tuple(torch.func.jvp(loss_wrt(i), (args[i],), (torch.ones_like(args[i]),))[1] for i in range(5))
