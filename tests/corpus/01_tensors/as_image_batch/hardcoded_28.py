# expect: raised
# message: your function raised RuntimeError
# message: is invalid for input of size
def as_image_batch(x):
    return (x.float() / 255).view(-1, 1, 28, 28)  # MNIST's size, copied from the slides
