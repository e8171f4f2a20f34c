# expect: values
# message: loss after forward 1: wrong values
class ActivationL2:
    def __init__(self, module):
        self.loss = None
        self.handle = module.register_forward_hook(self.hook)

    def hook(self, module, inputs, output):
        self.loss = output.pow(2).sum()

    def remove(self):
        self.handle.remove()
