# expect: autograd
# message: loss after forward 1: expected requires_grad=True, got requires_grad=False
class ActivationL2:
    def __init__(self, module):
        self.loss = None
        self.handle = module.register_forward_hook(self.hook)

    def hook(self, module, inputs, output):
        self.loss = output.detach().pow(2).mean()          # cut from the graph

    def remove(self):
        self.handle.remove()
