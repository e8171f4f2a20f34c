# expect: raised
# message: your code raised TypeError
# message: takes 3 positional arguments but 4 were given
class ActivationL2:                                        # the slides' Regularizer, as it is
    def __init__(self, module):
        self.loss = None
        self._handle = module.register_forward_hook(self)

    def __del__(self):
        self._handle.remove()

    def __call__(self, input, output):
        self.loss = input[0].pow(2).mean()

    def remove(self):
        self._handle.remove()
