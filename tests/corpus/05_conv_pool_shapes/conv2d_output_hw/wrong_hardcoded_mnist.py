# expect: values
# message: expected 3, got 24
# message: wrong value
# The answer for EE-559's first layer, whatever the configuration.
def conv2d_output_hw(h, w, kernel_size, stride=1, padding=0, dilation=1):
    return (24, 24)
