# expect: hooks left behind
# message: hooks left behind: expected 0 items
# message: Removing them in __del__ is too late
class ActivationRecorder:
    def __init__(self, model, names):
        self.model, self.names, self.outputs, self.handles = model, list(names), {}, []

    def __enter__(self):
        modules = dict(self.model.named_modules())
        for name in self.names:
            def hook(module, inputs, output, name=name):
                self.outputs[name] = output.detach().clone()
            self.handles.append(modules[name].register_forward_hook(hook))
        return self

    def __exit__(self, *exc):
        return False

    def __del__(self):
        for h in self.handles:
            h.remove()
