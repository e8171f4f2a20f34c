# expect: hooks of others removed
# message: hooks of others removed: expected 0 items, got 1
class ActivationL2:
    def __init__(self, module):
        self.module, self.loss = module, None
        module.register_forward_hook(self.hook)

    def hook(self, module, inputs, output):
        self.loss = output.pow(2).mean()

    def remove(self):
        self.module._forward_hooks.clear()
