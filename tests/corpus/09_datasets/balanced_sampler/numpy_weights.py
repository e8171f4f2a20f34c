# expect: pass
import numpy as np


def balanced_sampler(labels):
    y = labels.numpy()
    _, inv, counts = np.unique(y, return_inverse=True, return_counts=True)
    return WeightedRandomSampler(1.0 / counts[inv], num_samples=len(y))
