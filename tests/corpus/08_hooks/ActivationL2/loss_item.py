# expect: type
# message: loss after forward 1: expected a torch.Tensor, got a float
# message: no .item()
class ActivationL2:
    def __init__(self, module):
        self.loss = None
        self.handle = module.register_forward_hook(self.hook)

    def hook(self, module, inputs, output):
        self.loss = output.pow(2).mean().item()            # a number: no gradient can flow back

    def remove(self):
        self.handle.remove()
