# expect: structure
# message: names in rec.outputs after forward 1: expected 2 items, got 5
class ActivationRecorder:
    outputs = {}                      # shared by every recorder
    def __init__(self, model, names):
        self.model, self.names, self.handles = model, list(names), []

    def __enter__(self):
        mods = dict(self.model.named_modules())
        for name in self.names:
            self.handles.append(mods[name].register_forward_hook(lambda m, i, o, name=name: self.outputs.__setitem__(name, o.detach().clone())))
        return self

    def __exit__(self, *exc):
        for h in self.handles: h.remove()
