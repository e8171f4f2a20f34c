# expect: inputs
# message: your function modified its input x in place
def as_image_batch(x):
    x.unsqueeze_(1)
    return x.float() / 255
