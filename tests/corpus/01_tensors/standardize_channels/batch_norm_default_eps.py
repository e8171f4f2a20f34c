# expect: values
# message: an eps was added
def standardize_channels(x):
    return F.batch_norm(x, None, None, training=True)  # BatchNorm's default eps=1e-5
