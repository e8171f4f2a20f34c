# expect: pass
# Hooks registered on construction (functools.partial binds the name), .data instead of .detach().
class ActivationRecorder:
    def __init__(self, model, names):
        self.outputs = {}
        modules = dict(model.named_modules())
        self._handles = [modules[n].register_forward_hook(functools.partial(self._store, n)) for n in names]

    def _store(self, name, module, inputs, output):
        self.outputs[name] = output.data.clone()

    def __enter__(self):
        return self

    def __exit__(self, exc_type, exc, tb):
        while self._handles:
            self._handles.pop().remove()
