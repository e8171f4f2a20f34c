# expect: an error inside the with block
# message: expected 'the RuntimeError came out of the with block'
# message: __exit__ must return False
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
        for h in self.handles:
            h.remove()
        return True                                        # swallows any exception of the block
