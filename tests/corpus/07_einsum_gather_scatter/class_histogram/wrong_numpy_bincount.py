# expect: vectorized
# message: takes data out of torch (Tensor.numpy())
import numpy as np


def class_histogram(labels, num_classes):
    return torch.from_numpy(np.bincount(labels.numpy(), minlength=num_classes))
