# expect: dtype
# message: expected dtype torch.float32, got torch.float64
def as_image_batch(x):
    return x.unsqueeze(1).double() / 255
