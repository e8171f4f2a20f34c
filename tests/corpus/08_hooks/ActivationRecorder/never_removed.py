# expect: hooks left behind
# message: hooks left behind: expected 0 items
# message: forward hook on module 'features.0'
class ActivationRecorder:
    def __init__(self, model, names):
        self.model, self.names, self.outputs = model, list(names), {}

    def __enter__(self):
        modules = dict(self.model.named_modules())
        for name in self.names:
            def hook(module, inputs, output, name=name):
                self.outputs[name] = output.detach().clone()
            modules[name].register_forward_hook(hook)      # the handle is thrown away
        return self

    def __exit__(self, *exc):
        return False
