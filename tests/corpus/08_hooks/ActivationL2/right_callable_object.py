# expect: pass
# The slides' design (the object is the hook), with its bugs fixed: torch.mean(output ** 2).
class ActivationL2:
    def __init__(self, module):
        self.loss = None
        self._handle = module.register_forward_hook(self)

    def __call__(self, module, input, output):
        self.loss = torch.mean(output ** 2)

    def remove(self):
        self._handle.remove()
