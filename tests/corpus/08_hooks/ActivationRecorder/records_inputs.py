# expect: shape
# message: rec.outputs after forward 1['features.0']: expected shape (2, 6, 8, 8), got (2, 1, 8, 8)
class ActivationRecorder:
    def __init__(self, model, names):
        self.model, self.names, self.outputs, self.handles = model, list(names), {}, []

    def __enter__(self):
        modules = dict(self.model.named_modules())
        for name in self.names:
            def hook(module, inputs, output, name=name):
                self.outputs[name] = inputs[0].detach().clone()   # the module's input
            self.handles.append(modules[name].register_forward_hook(hook))
        return self

    def __exit__(self, *exc):
        for h in self.handles:
            h.remove()
        return False
