# expect: values
# message: __enter__ returns: wrong value
# message: expected 'the recorder itself', got 'None'
class ActivationRecorder:
    def __init__(self, model, names):
        self.model, self.names, self.outputs, self.handles = model, list(names), {}, []

    def __enter__(self):
        modules = dict(self.model.named_modules())
        for name in self.names:
            def hook(module, inputs, output, name=name):
                self.outputs[name] = output.detach().clone()
            self.handles.append(modules[name].register_forward_hook(hook))

    def __exit__(self, *exc):
        for h in self.handles:
            h.remove()
        return False
