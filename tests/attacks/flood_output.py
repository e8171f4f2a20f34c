# attacks: pairwise_sq_dists
# expect: failed
# why: drown the grader in output, from the cell and from the function
import os

for _ in range(300):
    print("x" * 100_000)
    os.write(1, b"y" * 100_000)


def pairwise_sq_dists(x, y):
    for _ in range(100):
        print("z" * 100_000)
    return torch.zeros(x.shape[0], y.shape[0])
