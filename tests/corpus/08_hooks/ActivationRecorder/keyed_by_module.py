# expect: values
# message: names in rec.outputs after forward 1[0]: wrong value
# message: got '<a Conv2d>'
class ActivationRecorder:
    def __init__(self, model, names):
        self.model, self.names, self.outputs, self.handles = model, list(names), {}, []

    def __enter__(self):
        modules = dict(self.model.named_modules())
        for name in self.names:
            def hook(module, inputs, output):
                self.outputs[module] = output.detach().clone()   # keyed by the module, not its name
            self.handles.append(modules[name].register_forward_hook(hook))
        return self

    def __exit__(self, *exc):
        for h in self.handles:
            h.remove()
        return False
