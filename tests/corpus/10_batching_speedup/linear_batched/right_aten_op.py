# expect: pass
# The dispatcher's op itself.
def linear_batched(x, w, b):
    return torch.ops.aten.addmm(b, x, w.transpose(0, 1))
