# expect: leaves_torch
# message: data taken out of torch in backward: expected 0 items, got 1
# message: Tensor.numpy()
# The mask computed in NumPy: fine on the CPU, wrong on a GPU.
import numpy as np


class MyReLU(torch.autograd.Function):
    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        return x.clamp(min=0)

    @staticmethod
    def backward(ctx, grad_output):
        x, = ctx.saved_tensors
        mask = torch.from_numpy((x.detach().numpy() > 0).astype(np.float32)).to(grad_output.dtype)
        return grad_output * mask
