# expect: forbidden
# message: aten::linear
# An nn.Linear run with the given parameters (torch.func.functional_call keeps them in the graph).
def linear_batched(x, w, b):
    layer = torch.nn.Linear(w.shape[1], w.shape[0], device="meta")
    return torch.func.functional_call(layer, {"weight": w, "bias": b}, (x,))
