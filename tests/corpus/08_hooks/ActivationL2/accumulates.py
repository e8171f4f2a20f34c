# expect: values
# message: loss after forward 2: wrong values
class ActivationL2:
    def __init__(self, module):
        self.loss = 0.0
        self.handle = module.register_forward_hook(self.hook)

    def hook(self, module, inputs, output):
        self.loss = self.loss + output.pow(2).mean()       # adds up over forwards

    def remove(self):
        self.handle.remove()
