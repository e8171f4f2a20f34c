# expect: pass
# A closure in __init__, the loss written as a mean squared error against zeros.
class ActivationL2:
    def __init__(self, module):
        def penalty(mod, args, out):
            self.loss = F.mse_loss(out, torch.zeros_like(out))
        self.loss = None
        self._handles = [module.register_forward_hook(penalty)]

    def remove(self):
        for handle in self._handles:
            handle.remove()
        self._handles = []
