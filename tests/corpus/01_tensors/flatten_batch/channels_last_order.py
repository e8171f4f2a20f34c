# expect: values
# message: flattened channels-last
def flatten_batch(x):
    n, c, h, w = x.shape
    return x.permute(0, 2, 3, 1).reshape(n, h * w * c)  # pixels first, as NumPy images
