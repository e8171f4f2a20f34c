# attacks: pairwise_sq_dists
# expect: error|timeout
# why: allocate until the machine runs out of memory
hoard = []
while True:
    hoard.append(bytearray(256 << 20))
    hoard.append(torch.ones(64 << 20))


def pairwise_sq_dists(x, y):
    return ((x[:, None] - y[None]) ** 2).sum(-1)
