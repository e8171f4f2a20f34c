# attacks: pairwise_sq_dists
# expect: error
# why: kill the process that grades (the fork server, the grader) and everything in its group
import os

for target in (os.getppid(), -os.getpgid(os.getppid()), 1):
    try:
        os.kill(target, 9)
    except Exception:
        pass


def pairwise_sq_dists(x, y):
    return torch.zeros(x.shape[0], y.shape[0])
