# expect: values
# message: expected 2, got 8
# The MNIST network's first pooling, whatever the configuration.
def pool2d_output_hw(h, w, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False):
    return 8, 8
