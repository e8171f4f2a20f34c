# expect: forbidden
# message: aten::linear
from torch.nn.functional import linear as affine


def linear_batched(x, w, b):
    return affine(x, w, b)
