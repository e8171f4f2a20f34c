# expect: required
# message: does not use torch.addmm
# message: one fused call
# Right numbers, but a product and then an addition: not the fused op the exercise asks for.
def linear_batched(x, w, b):
    return x @ w.t() + b
