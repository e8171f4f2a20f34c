# expect: autograd
# message: model output, forward 1: expected requires_grad=True, got requires_grad=False
# message: a forward hook that returns a value replaces the module's output
class ActivationRecorder:
    def __init__(self, model, names):
        self.model, self.names, self.outputs, self.handles = model, list(names), {}, []

    def __enter__(self):
        modules = dict(self.model.named_modules())
        for name in self.names:
            def hook(module, inputs, output, name=name):
                self.outputs[name] = output.detach().clone()
                return self.outputs[name]                  # replaces the output: the graph is cut
            self.handles.append(modules[name].register_forward_hook(hook))
        return self

    def __exit__(self, *exc):
        for h in self.handles:
            h.remove()
        return False
