# expect: forbidden
# message: uses a convolution op, which this exercise forbids
# PyTorch's FLOP counter on a meta forward pass, halved.
from torch.utils.flop_counter import FlopCounterMode
import copy

def network_cost(model, input_shape):
    meta = copy.deepcopy(model).to("meta").eval()
    with FlopCounterMode(display=False) as counter:
        meta(torch.empty(1, *input_shape, device="meta"))
    params = sum(p.numel() for m in meta.modules() if isinstance(m, (nn.Conv2d, nn.Linear)) for p in m.parameters())
    return params, counter.get_total_flops() // 2
