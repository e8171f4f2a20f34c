# expect: values
# message: loss after forward 1: wrong values
# message: not input[0]
class ActivationL2:                                        # the slides' signature fixed, not the loss
    def __init__(self, module):
        self.loss = None
        self._handle = module.register_forward_hook(self)

    def __call__(self, module, input, output):
        self.loss = input[0].pow(2).mean()

    def remove(self):
        self._handle.remove()
