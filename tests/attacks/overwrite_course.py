# attacks: pairwise_sq_dists
# expect: error
# why: overwrite the official notebook, the checking library and the gradebook, by every path that writes
import os
import pathlib
import shutil

targets = [
    "{COURSE}/solutions/fixture_tensors/fixture_tensors.ipynb",
    "{COURSE}/gradebook.db",
    "{PACKAGE}/checks/judge.py",
    "{PACKAGE}/grading/verdicts.py",
]
for t in targets:
    for write in (lambda p: open(p, "w").write("pwned"),
                  lambda p: pathlib.Path(p).write_text("pwned"),
                  lambda p: os.remove(p),
                  lambda p: torch.save({"pwned": 1}, p)):
        try:
            write(t)
        except Exception:
            pass
try:
    shutil.rmtree("{COURSE}/solutions")
except Exception:
    pass
try:  # a folder's descriptor, then a path relative to it (no path check sees the folder)
    folder = os.open("{PACKAGE}/checks", os.O_RDONLY)
    os.unlink("judge.py", dir_fd=folder)
except Exception:
    pass


class Sneaky:  # a path that is harmless when looked at, and the target when opened
    n = 0

    def __fspath__(self):
        Sneaky.n += 1
        return "harmless.txt" if Sneaky.n % 2 else targets[0]


try:
    open(Sneaky(), "w").write("pwned")
except Exception:
    pass


def pairwise_sq_dists(x, y):
    return torch.zeros(x.shape[0], y.shape[0])
