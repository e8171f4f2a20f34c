# expect: pass
# A global forward hook filtered by type, names from a dict by id, math.prod on the shapes.
import math

from torch.nn.modules.module import register_module_forward_hook


def layer_costs(model, x):
    names = {id(m): n for n, m in model.named_modules()}
    costs = OrderedDict()

    def hook(module, inputs, output):
        if isinstance(module, (nn.Conv2d, nn.Linear)) and id(module) in names:
            per = module.in_features if isinstance(module, nn.Linear) else \
                module.in_channels * math.prod(module.kernel_size)
            costs[names[id(module)]] = (tuple(output.shape), math.prod(output.shape[1:]) * per)

    with register_module_forward_hook(hook), torch.no_grad():
        model(x)
    return costs
