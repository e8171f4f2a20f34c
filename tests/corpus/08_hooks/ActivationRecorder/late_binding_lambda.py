# expect: structure
# message: names in rec.outputs after forward 1
class ActivationRecorder:
    def __init__(self, model, names):
        self.model, self.names, self.outputs, self.handles = model, list(names), {}, []

    def __enter__(self):
        modules = dict(self.model.named_modules())
        for name in self.names:                            # every lambda sees the last name
            self.handles.append(modules[name].register_forward_hook(
                lambda m, i, o: self.outputs.__setitem__(name, o.detach().clone())))
        return self

    def __exit__(self, *exc):
        for h in self.handles:
            h.remove()
        return False
