# expect: hooks of others removed
# message: hooks of others removed: expected 0 items, got 1
# message: _forward_hooks.clear()
class ActivationRecorder:
    def __init__(self, model, names):
        self.model, self.names, self.outputs = model, list(names), {}

    def __enter__(self):
        modules = dict(self.model.named_modules())
        for name in self.names:
            def hook(module, inputs, output, name=name):
                self.outputs[name] = output.detach().clone()
            modules[name].register_forward_hook(hook)
        return self

    def __exit__(self, *exc):
        modules = dict(self.model.named_modules())
        for name in self.names:
            modules[name]._forward_hooks.clear()           # everybody's hooks, not only ours
        return False
