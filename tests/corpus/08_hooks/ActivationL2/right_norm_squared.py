# expect: pass
# The squared norm over the number of elements, the hook a lambda that sets the attribute.
class ActivationL2:
    def __init__(self, module):
        self.loss = None
        self.h = module.register_forward_hook(lambda m, i, o: setattr(self, "loss", o.norm() ** 2 / o.numel()))
    def remove(self):
        self.h.remove()
