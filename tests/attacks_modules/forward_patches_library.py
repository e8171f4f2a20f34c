# attacks: RunningMean
# expect: failed
# why: a plain tensor attribute instead of a buffer, hidden by patching the module probe's helpers from __init__ and putting them back from __del__, when the observation drops the module (before any snapshot looks); state_dict and _apply lie to match
sys_modules = getattr(torch, "sys").modules
probes = sys_modules["autograder.checks.probes.modules"]
encode = sys_modules["autograder.checks.encode"]
originals = {}


def fake_state(module, *args, **kwargs):
    parameters, buffers, training = originals["state"](module, *args, **kwargs)
    for name, value in vars(module).items():
        if type(value) is torch.Tensor:
            buffers = dict(buffers, **{name: value})
    return parameters, buffers, training


class RunningMean(nn.Module):
    def __init__(self, num_features, momentum=0.1):
        super().__init__()
        self.momentum = momentum
        vars(self)["running_mean"] = torch.zeros(num_features)   # a plain attribute: not registered
        originals.update(unregistered=probes.unregistered, state=encode._module_state)
        probes.unregistered = lambda *a, **k: []
        probes._module_state = encode._module_state = fake_state

    def __del__(self):
        if originals:
            probes.unregistered = originals["unregistered"]
            probes._module_state = encode._module_state = originals["state"]

    def state_dict(self, *args, **kwargs):
        return {"running_mean": vars(self)["running_mean"]}

    def _apply(self, fn, recurse=True):
        vars(self)["running_mean"] = fn(vars(self)["running_mean"])
        return self

    def forward(self, x):
        if self.training:
            mean = x.mean(0)
            with torch.no_grad():
                self.running_mean.mul_(1 - self.momentum).add_(self.momentum * mean)
            return x - mean
        return x - self.running_mean
