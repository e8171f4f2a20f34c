"""Answers that write and read files (checkpoints): a scratch folder per call, what was written
there, and what a file holds when it is read the safe way.

    with scratch_folder() as folder:           # a fresh folder made with tempfile, removed after
        path = os.path.join(folder, "checkpoint.pt")
        save(model, optimizer, path)            # the student's code
        written(folder)                         # ["checkpoint.pt"]: every file it wrote there
        read_safely(path)                       # "reads it", or why torch.load(weights_only=True) refused
        raw(path)                               # the file's bytes, as a uint8 tensor (plain data)

In the grader's sandbox `tempfile` makes the folder inside the scratch folder ($TMPDIR), the only
place student code may write. `read_safely` never unpickles anything but what
`torch.load(weights_only=True)` allows (tensors, containers, numbers, strings): a pickled module
or optimizer object is refused, not run. Since the answer's side of a check runs beside student
code, a verdict on a file that must not be forged is taken again by the judge from the file's
bytes (`raw`), with `read_bytes_safely`.
"""
from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import tempfile

import torch

READS = "torch.load(path, weights_only=True) reads it"
MAX_BYTES = 64 * 2**20  # a file larger than this is not read back (its size is reported)
_LOAD = torch.load
_UNPICKLER = re.compile(r"WeightsUnpickler error: ([^\n]*?)(?: Please use|\n|$)")


@contextlib.contextmanager
def scratch_folder(prefix: str = "check-"):
    """A fresh empty folder (tempfile.mkdtemp), removed with everything in it afterwards."""
    folder = tempfile.mkdtemp(prefix=prefix)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def written(folder: str) -> list[str]:
    """The files under `folder`, as sorted paths relative to it (folders end with '/')."""
    out = []
    for root, dirs, files in os.walk(folder):
        rel = os.path.relpath(root, folder)
        prefix = "" if rel == "." else rel + "/"
        out += [prefix + d + "/" for d in dirs if not os.listdir(os.path.join(root, d))]
        out += [prefix + f for f in files]
    return sorted(out)


def raw(path: str):
    """The file's bytes as a uint8 tensor; None where there is no such file or it is too large."""
    if not os.path.isfile(path) or os.path.getsize(path) > MAX_BYTES:
        return None
    with open(path, "rb") as f:
        data = bytearray(f.read())
    return torch.frombuffer(data, dtype=torch.uint8) if data else torch.zeros(0, dtype=torch.uint8)


def read_safely(path: str) -> str:
    """READS where torch.load(path, weights_only=True) reads the file; else what went wrong, in words."""
    if not os.path.exists(path):
        return "no file at path"
    if os.path.isdir(path):
        return "a folder at path, not a file"
    with open(path, "rb") as f:
        return _verdict(f.read())


def read_bytes_safely(data) -> str:
    """`read_safely` on a file's bytes (a uint8 tensor from `raw`, or bytes); "no file at path" for None."""
    if data is None:
        return "no file at path"
    if isinstance(data, torch.Tensor):
        data = data.cpu().numpy().tobytes()
    return _verdict(bytes(data))


def load_safely(data):
    """The object torch.load(weights_only=True) reads from `data` (bytes or a uint8 tensor), on the
    CPU; raises what torch.load raises."""
    if isinstance(data, torch.Tensor):
        data = data.cpu().numpy().tobytes()
    return _LOAD(io.BytesIO(bytes(data)), weights_only=True, map_location="cpu")


def _verdict(data: bytes) -> str:
    try:
        load_safely(data)
    except Exception as exc:  # refused (a pickled class), or not a torch.save file at all
        return "torch.load(path, weights_only=True) refused it: " + _why(exc)
    return READS


def _why(exc: Exception) -> str:
    message = str(exc)
    m = _UNPICKLER.search(message)
    if m:
        return m.group(1).strip().rstrip(".")
    first = message.strip().splitlines()[0] if message.strip() else ""
    return f"{type(exc).__name__}: {first[:300]}"
