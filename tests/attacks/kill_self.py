# attacks: pairwise_sq_dists
# expect: error
# why: SIGKILL the kernel itself in the solution cell
import os

os.kill(os.getpid(), 9)


def pairwise_sq_dists(x, y):
    return ((x[:, None] - y[None]) ** 2).sum(-1)
