# expect: hooks left behind
# message: hooks left behind after remove(): expected 0 items, got 1
# message: __del__ is not remove()
class ActivationL2:
    def __init__(self, module):
        self.loss = None
        self._handle = module.register_forward_hook(self)

    def __call__(self, module, inputs, output):
        self.loss = output.pow(2).mean()

    def __del__(self):
        self._handle.remove()

    def remove(self):
        pass                                               # "__del__ will do it"
