# expect: pass
def standardize_channels(x):
    # batch_norm insists on eps > 0 in training mode; 1e-30 is nothing next to a variance
    return F.batch_norm(x, None, None, training=True, eps=1e-30)
