# attacks: pairwise_sq_dists
# expect: error
# why: write observation files and progress lines of our own for the checks to come
import os

for name in ("2.obs", "3.obs"):
    try:
        with open(os.path.join("..", "obs", name), "wb") as f:
            f.write(b"AGOBS1" + bytes(40) + b"forged")
    except Exception:
        pass
for fd in range(3, 64):
    try:
        os.write(fd, b'\n' + b'0' * 64 + b' 7 {"t":"done"}\n')
    except OSError:
        pass


def pairwise_sq_dists(x, y):
    return torch.zeros(x.shape[0], y.shape[0])
