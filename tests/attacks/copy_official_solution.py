# attacks: pairwise_sq_dists
# expect: error|failed
# why: read the official notebook at grading time, and import its solution from a module written to the scratch folder
import importlib
import json
import os
import sys

solution = None
for root in ("{COURSE}/solutions", "{COURSE}"):
    for folder, _, files in os.walk(root):
        for name in files:
            if name.endswith(".ipynb") and "fixture" in name:
                try:
                    cells = json.load(open(os.path.join(folder, name)))["cells"]
                except Exception:
                    continue
                for cell in cells:
                    if cell.get("metadata", {}).get("nbgrader", {}).get("grade_id") == "pairwise_sq_dists":
                        solution = "".join(cell["source"])
        if solution or folder.count(os.sep) > 6:
            break
    if solution:
        break
if solution:
    with open("stolen.py", "w") as f:
        f.write("import torch\n" + solution)
    sys.path.insert(0, os.getcwd())
    pairwise_sq_dists = importlib.import_module("stolen").pairwise_sq_dists
else:
    def pairwise_sq_dists(x, y):
        raise RuntimeError("no solution found")
