# expect: pass
# One global forward hook that picks the named modules, held in an ExitStack; no_grad copies.
import contextlib

from torch.nn.modules.module import register_module_forward_hook


class ActivationRecorder:
    def __init__(self, model, names):
        self.model, self.names = model, tuple(names)
        self.outputs = OrderedDict()

    def __enter__(self):
        by_id = {id(m): n for n, m in self.model.named_modules() if n in self.names}

        def hook(module, inputs, output):
            name = by_id.get(id(module))
            if name is not None:
                with torch.no_grad():
                    self.outputs[name] = output.clone()

        self._stack = contextlib.ExitStack()
        self._stack.enter_context(register_module_forward_hook(hook))
        return self

    def __exit__(self, *exc):
        return self._stack.__exit__(*exc)
