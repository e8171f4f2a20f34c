# expect: forbidden
# message: uses a convolution op, which this exercise forbids
# message: a forward pass through the model, even on a meta tensor
# Measuring, as the reference does: forward hooks and one pass on a meta copy of the model.
import copy

def network_cost(model, input_shape):
    meta = copy.deepcopy(model).to("meta").eval()
    counted = [m for m in meta.modules() if isinstance(m, (nn.Conv2d, nn.Linear))]
    products = []
    hooks = [m.register_forward_hook(lambda m, i, o: products.append(m.weight.numel() * o[0, 0].numel()
                                                                    if o.dim() == 4 else m.weight.numel()))
             for m in counted]
    meta(torch.empty(1, *input_shape, device="meta"))
    for h in hooks:
        h.remove()
    return sum(p.numel() for m in counted for p in m.parameters()), sum(products)
