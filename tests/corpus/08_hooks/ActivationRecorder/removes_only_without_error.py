# expect: hooks left after an error in the block
# message: hooks left after an error in the block: expected 0 items, got 3
# message: Remove the hooks in __exit__, which runs whether or not the block raised
class ActivationRecorder:
    def __init__(self, model, names):
        self.model, self.names, self.outputs, self.handles = model, list(names), {}, []

    def __enter__(self):
        mods = dict(self.model.named_modules())
        for name in self.names:
            self.handles.append(mods[name].register_forward_hook(lambda m, i, o, name=name: self.outputs.__setitem__(name, o.detach().clone())))
        return self

    def __exit__(self, exc_type, exc, tb):
        if exc_type is None:
            for h in self.handles: h.remove()
