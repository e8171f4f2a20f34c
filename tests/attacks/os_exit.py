# attacks: pairwise_sq_dists
# expect: error
# why: kill the kernel with os._exit while the function is checked: no result is a pass in some graders
import os


def pairwise_sq_dists(x, y):
    os._exit(0)
