# expect: pass
# get_submodule, and exactly its own entries taken out of _forward_hooks by id.
class ActivationRecorder:
    def __init__(self, model, names):
        self.model, self.names, self.outputs, self.handles = model, list(names), {}, []

    def __enter__(self):
        self.placed = []
        for name in self.names:
            module = self.model.get_submodule(name)
            h = module.register_forward_hook(lambda m, i, o, name=name: self.outputs.__setitem__(name, o.clone().detach()))
            self.placed.append((module, h.id))
        return self

    def __exit__(self, *exc):
        for module, hook_id in self.placed:
            module._forward_hooks.pop(hook_id)       # exactly our own entries
