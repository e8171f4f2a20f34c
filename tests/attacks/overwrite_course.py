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


def pairwise_sq_dists(x, y):
    return torch.zeros(x.shape[0], y.shape[0])
