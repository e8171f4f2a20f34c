"""09_datasets: Dataset and DataLoader (Advanced PyTorch "Data loading and handling", "Training and
Inference"; PyTorch.Next "Data Utils"; Lecture 4 "Dataset & Dataloaders", Algorithm 1).

Every exercise here is observed through a scenario, the way a training script uses it:

- MNISTDigits: built on the course's MNIST files and on small IDX files the check writes into a
  scratch folder; its length, items and a DataLoader batch are compared with
  torchvision.datasets.MNIST + ToTensor on the same files. torchvision's MNIST readers (and the
  course's own read_idx) are wired while the answer runs: calling them is reported.
- pad_collate: called directly and as a DataLoader's collate_fn; reference torch's pad_sequence.
- balanced_sampler and ClassBalancedReservoir draw at random: the sandbox counts (draws per
  class; what the memory holds after each add, over hundreds of seeded streams) and the judge
  decides from the counts with exact binomial and Hoeffding bounds (checks/probes/stats.py): a
  right answer fails a check run with probability below 1e-6, whatever its random numbers, and
  the wrong answers of tests/corpus are far outside the bounds (margins in the comments).
- train_epoch + evaluate: one epoch of a tiny BatchNorm model on a loader whose last batch is
  short, compared with the reference epoch: what the model saw at each forward pass (train/eval
  mode, gradient recording, batch sizes), the optimizer's steps, the parameters and BatchNorm
  statistics afterwards, and the returned (mean loss per sample, accuracy in %).
"""
from __future__ import annotations

import functools
import math
import os
import random
import shutil
import tempfile
from collections import Counter
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn
from torch.utils.data import DataLoader, Dataset, WeightedRandomSampler

from .. import data as course_data
from ..checks.cases import pick, size
from ..checks.probes import data as probe
from ..checks.probes import stats
from ..checks.probes.observed import entry, int_tensor
from ..checks.registry import register
from ..checks.spec import AnswerKindError, Case, Exercise, Mistake

A = "09_datasets"


def _seed_from(gen: torch.Generator) -> int:
    return int(torch.randint(2**31 - 1, (), generator=gen))


def _class_name(obj) -> str:
    return type.__dict__["__name__"].__get__(obj) if isinstance(obj, type) else type(obj).__name__


class _Hints(dict):
    """`Exercise.hints` whose keys may be prefixes: "dataset[" finds the hint of "dataset[3999]"."""

    def get(self, key, default=None):
        if key in self:
            return self[key]
        for prefix, hint in self.items():
            if str(key).startswith(prefix):
                return hint
        return default


# ---- MNISTDigits ------------------------------------------------------------------------------

SPLITS = {True: ("train-images-idx3-ubyte", "train-labels-idx1-ubyte"),
          False: ("t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte")}
# What the answer may not call: torchvision's MNIST readers (every MNIST-like class of torchvision
# reads through them, via the module's globals, and read_image_file/read_label_file call
# read_sn3_pascalvincent_tensor and get_int the same way) and the course's own reader.
READERS = {"torchvision.datasets.mnist": ("read_sn3_pascalvincent_tensor", "read_image_file", "read_label_file",
                                          "get_int"),
           "autograder.data": ("read_idx",)}


class Normalize:
    """A transform of the cases (module level: cases travel to the grader's sandbox by pickle)."""

    def __init__(self, mean: float, std: float):
        self.mean, self.std = mean, std

    def __call__(self, img):
        return (img - self.mean) / self.std

    def __repr__(self) -> str:
        return f"Normalize(mean={self.mean}, std={self.std})"


class Invert:
    def __call__(self, img):
        return 1.0 - img

    def __repr__(self) -> str:
        return "Invert()"


class _TorchvisionDigits(Dataset):
    """The reference: torchvision.datasets.MNIST with ToTensor() (then the case's transform), as
    {"img", "label"} dicts."""

    def __init__(self, root, train=True, transform=None):
        import torchvision
        from torchvision import transforms

        pipeline = transforms.ToTensor() if transform is None else transforms.Compose([transforms.ToTensor(), transform])
        self.mnist = torchvision.datasets.MNIST(str(root), train=train, transform=pipeline, download=False)

    def __len__(self):
        return len(self.mnist)

    def __getitem__(self, index):
        img, label = self.mnist[index]
        return {"img": img, "label": label}


def _course_root() -> Path:
    """The course's data folder, prepared if it is not there yet (a folder that is ready is only
    looked at: the checksums are verified by mnist() and `python -m autograder data --check`)."""
    root = course_data.resolve_root(None)
    if course_data.read_manifest(root) is None or \
            any(not (course_data.raw_dir(root) / name).is_file() for name in course_data.FILES):
        course_data.prepare(root, verbose=False)
    return root


def _write_idx(root: str, files) -> None:
    """The four IDX files of `files` = (train images, train labels, test images, test labels),
    uint8 tensors, into root/MNIST/raw/, as LeCun's format has them (big-endian header)."""
    raw = os.path.join(root, "MNIST", "raw")
    os.makedirs(raw, exist_ok=True)
    names = SPLITS[True] + SPLITS[False]
    for name, tensor in zip(names, files):
        with open(os.path.join(raw, name), "wb") as f:
            f.write(course_data.idx_bytes(tensor.numpy()))


def _build(cls, root, call: str, train: bool, transform):
    if call == "defaults":
        return cls(root)
    if call == "positional":
        return cls(root, train, transform)
    return cls(root, train=train, transform=transform)


def _observe_digits(cls, where, call, train, transform, indices, batch_size, *, guard: bool):
    """The scenario: build the dataset on the course's files (`where` = the data root) or on
    IDX files written into a scratch folder (`where` = four uint8 tensors), then read it."""
    folder = None
    try:
        if isinstance(where, (str, Path)):
            root = where
        else:
            folder = tempfile.mkdtemp(prefix="idx-")
            _write_idx(folder, where)
            root = folder if call != "keywords" else Path(folder)
        report = {"MNISTDigits is a subclass of torch.utils.data.Dataset": probe.is_dataset_class(cls)}
        wires = probe.Tripwires(READERS if guard else {})
        with wires:
            dataset = _build(cls, root, call, train, transform)
            n = probe.length(dataset)
            got = [probe.item(dataset, i) for i in indices]
            batch = probe.first_batch(dataset, batch_size) if batch_size else None
        report["readers called (torchvision's MNIST readers, the course's read_idx)"] = list(wires.called)
        report["len(dataset)"] = n
        for i, value in zip(indices, got):
            report[f"dataset[{i}]"] = value
        if batch_size:
            report[f"first batch of DataLoader(dataset, batch_size={batch_size})"] = batch
        return report
    finally:
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)


def _digits_adapter(answer):
    if not isinstance(answer, type):
        raise AnswerKindError(f"expected the class MNISTDigits (a Dataset subclass), got {_class_name(answer)} object")
    return functools.partial(_observe_digits, answer, guard=True)


_digits_reference = functools.partial(_observe_digits, _TorchvisionDigits, guard=False)


def _indices(gen, n: int, extra: int) -> tuple[int, ...]:
    """0, `extra` random indices and the last one, sorted and distinct."""
    picks = {0, n - 1} | {int(torch.randint(n, (), generator=gen)) for _ in range(extra)}
    return tuple(sorted(picks))


def _idx_files(gen, n_train: int, n_test: int):
    """Random 28x28 "digits" (every byte value possible) and labels 0..9, for the two splits."""
    def images(n):
        return torch.randint(0, 256, (n, 28, 28), generator=gen, dtype=torch.int64).to(torch.uint8)

    def labels(n):
        return torch.randint(0, 10, (n,), generator=gen, dtype=torch.int64).to(torch.uint8)
    return images(n_train), labels(n_train), images(n_test), labels(n_test)


def _digits_cases(gen, hidden):
    root = _course_root()
    manifest = course_data.read_manifest(root) or {}
    n_train, n_test = int(manifest.get("train", 0)), int(manifest.get("test", 0))
    cases = [
        Case((str(root), "defaults", True, None, _indices(gen, n_train, 2), 4),
             label=f"course MNIST, train split ({n_train} digits), MNISTDigits(root)"),
        Case((Path(root), "keywords", False, Normalize(0.1307, 0.3081), _indices(gen, n_test, 1), 0),
             label=f"course MNIST, test split ({n_test}), Path root, keywords, Normalize"),
        Case((_idx_files(gen, 7, 1), "positional", False, None, (0,), 1),
             label="IDX files of 7 train / 1 test digits, MNISTDigits(root, False, None)"),
        Case((_idx_files(gen, 37, 12), "keywords", True, Invert(), (0, 5, 36), 4),
             label="IDX files of 37 train / 12 test digits, Path root, transform 1 - img"),
    ]
    if hidden:
        cases.append(Case((str(root), "positional", True, Normalize(0.5, 0.5), _indices(gen, n_train, 3), 3),
                          label="course MNIST, train split, MNISTDigits(root, True, Normalize(0.5, 0.5))"))
        cases.append(Case((str(root), "keywords", False, None, _indices(gen, n_test, 3), 5),
                          label="course MNIST, test split, keywords"))
        for _ in range(3):
            a, b = size(gen, 1, 60), size(gen, 1, 60)
            train = pick(gen, (True, False))
            n = a if train else b
            call = pick(gen, ("positional", "keywords"))
            transform = pick(gen, (None, Invert(), Normalize(0.25, 2.0)))
            cases.append(Case((_idx_files(gen, a, b), call, train, transform, _indices(gen, n, 2), min(n, 4)),
                              label=f"IDX files of {a} / {b} digits, train={train}, {call}, {transform!r}"))
    return cases


_ITEM_HINT = ("Each item is {'img': a float32 tensor (1, 28, 28) = the pixels / 255 (what ToTensor gives), "
              "'label': a Python int (int(...), not a tensor)}, with the transform applied to img. An IDX file "
              "is a 4-byte magic number (0, 0, 8 = unsigned bytes, the number of dimensions), one big-endian "
              "4-byte size per dimension, then the bytes: images start at byte 16, labels at byte 8.")

register(Exercise(
    id="MNISTDigits", assignment=A, signature="MNISTDigits(root, train=True, transform=None)",
    reference=_digits_reference, cases=_digits_cases, adapter=_digits_adapter,
    reference_text="torchvision.datasets.MNIST(root, train, transform=Compose([ToTensor(), transform]))",
    named_outputs=True, pasteable=False, devices=("cpu",),
    hints=_Hints({
        "MNISTDigits is a subclass": "class MNISTDigits(torch.utils.data.Dataset): a map-style dataset, with "
                                     "__len__ and __getitem__.",
        "readers called": "Parse the IDX bytes yourself (open(path, 'rb').read(), int.from_bytes(..., 'big'), "
                          "torch.frombuffer or np.frombuffer): torchvision's MNIST class and readers, and the "
                          "course's read_idx, are what this exercise asks you to write.",
        "len(dataset)": "The number of digits is the first size in the header (bytes 4 to 7, big-endian), "
                        "whatever the file: the check also writes files of 1, 7 or 37 digits.",
        "dataset[": _ITEM_HINT,
        "first batch": "The DataLoader's default collate_fn stacks the items' imgs into (B, 1, 28, 28) and turns "
                       "the int labels into an int64 tensor (B,).",
    }),
))


# ---- pad_collate ------------------------------------------------------------------------------

class SequenceDataset(list):
    """A list of (sequence, label) pairs that a case hands to a DataLoader (collate_fn=the answer)
    rather than to the answer directly: the DataLoader calls collate_fn with the same list."""


def _collate_call(fn, batch):
    if isinstance(batch, SequenceDataset):
        loader = DataLoader(batch, batch_size=len(batch), shuffle=False, num_workers=0, collate_fn=fn)
        return next(iter(loader))
    return fn(batch)


def _collate_adapter(answer):
    if not callable(answer) or isinstance(answer, type):
        raise AnswerKindError(f"expected the function pad_collate, got {_class_name(answer)}")
    return functools.partial(_collate_call, answer)


def _pad_reference(batch):
    seqs = [s for s, _ in batch]
    lengths = torch.tensor([s.shape[0] for s in seqs], dtype=torch.int64)
    labels = torch.tensor([int(y) for _, y in batch], dtype=torch.int64)
    return torch.nn.utils.rnn.pad_sequence(seqs, batch_first=True), lengths, labels


def _pad_front(batch):
    padded, lengths, labels = _pad_reference(batch)
    flipped = [s.flip(0) for s, _ in batch]
    return torch.nn.utils.rnn.pad_sequence(flipped, batch_first=True).flip(1), lengths, labels


def _pad_sorted(batch):
    order = sorted(range(len(batch)), key=lambda i: -batch[i][0].shape[0])
    return _pad_reference([batch[i] for i in order])


def _pad_lengths_from_rows(batch, *, trailing: bool):
    """A known mistake: the lengths read from the padded tensor's rows that are not all zero,
    counted (a padding mask summed) or up to the last one (`trailing`)."""
    padded, lengths, labels = _pad_reference(batch)
    nonzero = (padded != 0).any(dim=2) if padded.numel() else torch.zeros(padded.shape[:2], dtype=torch.bool)
    if trailing:
        positions = torch.arange(1, padded.shape[1] + 1).expand_as(nonzero)
        found = (positions * nonzero).amax(dim=1) if padded.shape[1] else torch.zeros(len(batch), dtype=torch.int64)
    else:
        found = nonzero.sum(dim=1)
    return padded, found.to(torch.int64), labels


def _sequences(gen, lengths, d, dtype, tensor_labels, layout="contiguous", zero_rows=()):
    """Random sequences (L_i, d) with labels; `zero_rows` = (sequence, row) pairs set to all
    zeros (row -1: the sequence's last row), rows a sequence may hold like any other."""
    out = []
    for n in lengths:
        if dtype.is_floating_point:
            s = torch.randn(n, d, generator=gen, dtype=torch.float64).to(dtype)
        else:  # token ids
            s = torch.randint(1, 10, (n, d), generator=gen, dtype=torch.int64).to(dtype)
        if layout == "transposed":
            s = s.t().contiguous().t()
        y = int(torch.randint(10, (), generator=gen))
        out.append((s, torch.tensor(y) if tensor_labels else y))
    for i, row in zero_rows:
        out[i][0][row] = 0
    return out


def _zero_rows_drawn(gen, lengths) -> tuple:
    """Where a random batch gets all-zero rows, the same kinds whatever the seed: the last row of
    one sequence and a row inside another (or the same) one, wherever the lengths allow."""
    rows = []
    ends = [i for i, n in enumerate(lengths) if n >= 1]
    if ends:
        rows.append((pick(gen, ends), -1))
    inside = [i for i, n in enumerate(lengths) if n >= 3]
    if inside:
        i = pick(gen, inside)
        rows.append((i, size(gen, 1, lengths[i] - 2)))
    return tuple(rows)


def _collate_cases(gen, hidden):
    cases = [
        Case((_sequences(gen, (4, 1, 2), 5, torch.float32, False),), label="lengths 4, 1, 2, D=5, float32, int labels"),
        Case((_sequences(gen, (2, 6), 1, torch.float64, True),),
             label="lengths 2, 6 (the longest last), D=1, float64, labels as 0-dim int64 tensors"),
        Case((_sequences(gen, (3,), 4, torch.float32, False),), label="a batch of one sequence"),
        Case((_sequences(gen, (3, 3, 3), 2, torch.float32, True),), label="equal lengths 3, 3, 3: nothing to pad"),
        Case((_sequences(gen, (2, 0, 3), 3, torch.float32, False),), label="a sequence of length 0"),
        Case((_sequences(gen, (5, 2, 4), 3, torch.float32, False, "transposed"),),
             label="non-contiguous (transposed) sequences"),
        Case((SequenceDataset(_sequences(gen, (1, 4, 2, 3), 2, torch.float32, False)),),
             label="as a DataLoader's collate_fn (batch_size=4)"),
        # Rows of zeros are data: a length is the sequence's shape[0], not where its zeros start.
        Case((_sequences(gen, (4, 3, 5), 1, torch.float32, False, zero_rows=((0, -1), (1, 1), (2, 2), (2, -1))),),
             label="D=1, values 0 inside and at the end of sequences"),
        Case((_sequences(gen, (2, 5, 3), 3, torch.float64, True, zero_rows=((0, 0), (1, -1), (2, 1))),),
             label="D=3, all-zero rows at the start, inside and at the end of sequences"),
        Case((_sequences(gen, (3, 1, 4), 2, torch.int64, False, zero_rows=((0, -1), (2, 1), (2, 2))),),
             label="int64 sequences (token ids), all-zero rows inside and at the end"),
    ]
    if hidden:
        for k in range(5):
            b, d = size(gen, 1, 8), size(gen, 1, 6)
            lengths = tuple(size(gen, 0, 9) for _ in range(b))
            dtype = pick(gen, (torch.float32, torch.float64, torch.int64))
            tensor_labels = pick(gen, (False, True))
            layout = pick(gen, ("contiguous", "transposed"))
            zero_rows = _zero_rows_drawn(gen, lengths)
            batch = _sequences(gen, lengths, d, dtype, tensor_labels, layout, zero_rows)
            if not any(isinstance(s, torch.Tensor) and not s.is_contiguous() for s, _ in batch):
                layout = "contiguous"  # D=1 or rows of one: transposed is the same layout
            if k == 4:
                batch = SequenceDataset(batch)
            cases.append(Case((batch,), label=f"random lengths {lengths}, D={d}, {str(dtype)[6:]}, "
                                              f"{'tensor' if tensor_labels else 'int'} labels, {layout}"
                                              + (", all-zero rows" if zero_rows else "")
                                              + (", through a DataLoader" if k == 4 else "")))
    return cases


register(Exercise(
    id="pad_collate", assignment=A, signature="pad_collate(batch)",
    reference=_pad_reference, cases=_collate_cases, adapter=_collate_adapter,
    reference_text="(pad_sequence([s for s, _ in batch], batch_first=True), lengths, labels) as int64 tensors",
    outputs=("padded", "lengths", "labels"), devices=("cpu",),
    mistakes=[
        Mistake(_pad_front, "the zeros are in front of the sequences: pad after each sequence (padded[i, :L_i] "
                            "holds sequence i, the rest of the row is 0), as pad_sequence does"),
        Mistake(_pad_sorted, "the batch was sorted by length: keep the batch's order (pack_padded_sequence takes "
                             "enforce_sorted=False for unsorted batches)"),
        Mistake(functools.partial(_pad_lengths_from_rows, trailing=False),
                "the lengths count the padded rows that are not all zero: a sequence may hold rows of zeros "
                "(a 0 feature, token id 0). Take each sequence's own length, sequence.shape[0]"),
        Mistake(functools.partial(_pad_lengths_from_rows, trailing=True),
                "the lengths end at each sequence's last row that is not all zero: a sequence may end with rows of "
                "zeros. Take each sequence's own length, sequence.shape[0]"),
    ],
))


# ---- balanced_sampler -------------------------------------------------------------------------

DRAWS = 6000  # per check case; with <= 10 classes, a class's frequency is known within about 2 %
# Margins: on the first visible case (classes of 12, 5, 2 and 1 samples) each class must come up
# in 1329..1675 of the 6000 draws (25 % ± 2.9 %, exact binomial at 1e-6 / 4). Weights by counts
# draw class 0 83 % of the time, equal weights 60 %, 1 / sqrt(count) 43 %, 1 / count^2 class 3
# 56 %: each more than 20 standard deviations outside, so they fail whatever the seed.
# The statistical checks of a check run share DELTA (probes/stats.py): a right answer fails a run
# with probability below 1e-6.
DELTA = stats.DELTA
WRS = f"{WeightedRandomSampler.__module__}.{WeightedRandomSampler.__qualname__}"
_SAMPLER_KEYS = {
    "class": "the returned object's class",
    "num_samples": "num_samples",
    "replacement": "replacement",
    "weights": "number of weights (one per sample)",
    "outside": "draws that are not indices 0..N-1",
    "freq": f"how often each class was drawn ({DRAWS} draws, seeded)",
    "share": "each sample's weight divided by the sum of the weights",
    "raw": "draws per class (counted in the sandbox)",
}


def _sampler_seed(labels: torch.Tensor) -> int:
    """The draws' seed, from the labels (the same case always draws the same way)."""
    return int((labels * torch.arange(1, labels.numel() + 1)).sum()) % (2**31 - 1) + 17


def _classes(labels: torch.Tensor) -> list[int]:
    return [int(c) for c in torch.unique(labels)]


def _observe_sampler(fn, labels):
    sampler = fn(labels)
    is_wrs = isinstance(sampler, WeightedRandomSampler)
    facts = probe.weighted_sampler_facts(sampler)
    classes = _classes(labels)
    n = labels.numel()
    counts, outside = None, None
    if is_wrs and facts["num_samples"] == n:  # otherwise num_samples fails first (and a pass may be tiny)
        drawn = probe.draw(sampler, DRAWS, _sampler_seed(labels))
        idx = drawn["indices"]
        inside = (idx >= 0) & (idx < n)
        outside = int((~inside).sum()) + drawn["not an index"]
        drawn_labels = labels[idx[inside]]
        counts = torch.tensor([int((drawn_labels == c).sum()) for c in classes], dtype=torch.int64)
    total = int(counts.sum()) if counts is not None else 0
    weights = facts["weights"]
    k = _SAMPLER_KEYS
    return {
        k["class"]: WRS if is_wrs else probe.class_name(sampler),
        k["num_samples"]: facts["num_samples"],
        k["replacement"]: facts["replacement"],
        k["weights"]: int(weights.numel()) if weights is not None else None,
        k["outside"]: outside,
        k["freq"]: stats.measured_counts([f"class {c}" for c in classes], counts.tolist(), total)
        if counts is not None else None,
        k["share"]: weights / weights.sum() if weights is not None and weights.numel() and float(weights.sum()) > 0
        else weights,
        k["raw"]: counts,
    }


def _sampler_adapter(answer):
    if not callable(answer) or isinstance(answer, type):
        raise AnswerKindError(f"expected the function balanced_sampler, got {_class_name(answer)}")
    return functools.partial(_observe_sampler, answer)


def _balanced_sampler_reference(labels):
    counts = torch.bincount(labels)
    weights = 1.0 / counts[labels].double()
    return WeightedRandomSampler(weights, num_samples=len(labels), replacement=True)


def _sampler_judge(labels, observed=None):
    """What the answer's observation must say: the reference sampler's attributes, and the class
    frequencies of the answer's own draws judged against 1 / (number of classes) each."""
    classes = _classes(labels)
    counts = int_tensor(entry(observed, _SAMPLER_KEYS["raw"]), 1)
    if counts is not None and counts.numel() == len(classes) and bool((counts >= 0).all()):
        total = int(counts.sum())
        freq = stats.judged_counts([f"class {c}" for c in classes], counts.tolist(), total,
                                   [1.0 / len(classes)] * len(classes), DELTA)
    else:
        freq = [f"class {c}: 1 / {len(classes)} of the draws" for c in classes]
    weights = _balanced_sampler_reference(labels).weights
    n = labels.numel()
    k = _SAMPLER_KEYS
    return {k["class"]: WRS, k["num_samples"]: n, k["replacement"]: True, k["weights"]: n, k["outside"]: 0,
            k["freq"]: freq, k["share"]: weights / weights.sum()}


def _imbalanced(gen, counts, ids) -> torch.Tensor:
    labels = torch.cat([torch.full((n,), c, dtype=torch.int64) for c, n in zip(ids, counts)])
    return labels[torch.randperm(len(labels), generator=gen)]


def _sampler_cases(gen, hidden):
    cases = [
        Case((torch.tensor([0] * 12 + [1] * 5 + [2] * 2 + [3], dtype=torch.int64),),
             label="4 classes of 12, 5, 2 and 1 samples, sorted by class"),
        Case((_imbalanced(gen, (15, 4, 1), (3, 0, 7)),), label="classes 3, 0, 7 (ids with gaps), shuffled, one "
                                                               "class of a single sample"),
        Case((_imbalanced(gen, (36, 4), (1, 0)),), label="two classes, 90 % and 10 %"),
        Case((torch.full((8,), 5, dtype=torch.int64),), label="one class only"),
    ]
    if hidden:
        for _ in range(3):
            k = size(gen, 2, 10)
            ids = torch.randperm(16, generator=gen)[:k].tolist()
            ratio = 0.3 + 0.3 * float(torch.rand((), generator=gen))  # each class a fraction of the previous
            first = size(gen, 8, 40)
            counts = [max(1, round(first * ratio ** i)) for i in range(k)]
            cases.append(Case((_imbalanced(gen, counts, ids),),
                              label=f"{k} classes ({', '.join(map(str, ids))}) of {', '.join(map(str, counts))} samples"))
    return cases


register(Exercise(
    id="balanced_sampler", assignment=A, signature="balanced_sampler(labels)",
    reference=_sampler_judge, cases=_sampler_cases, adapter=_sampler_adapter, reference_sees_output=True,
    reference_text="WeightedRandomSampler(1 / counts[labels], num_samples=len(labels), replacement=True)",
    named_outputs=True, devices=("cpu",),
    # The weights are compared after dividing by their sum (any positive multiple of 1 / count
    # draws the same way). A float32 1 / count is within 6e-8 of the float64 one, relatively.
    tolerances={torch.float64: (1e-6, 1e-12)},
    hints={
        _SAMPLER_KEYS["class"]: "Return torch.utils.data.WeightedRandomSampler(weights, num_samples=..., "
                                "replacement=True), not the weights or another sampler.",
        _SAMPLER_KEYS["num_samples"]: "num_samples=len(labels): an epoch draws as many samples as the data set has.",
        _SAMPLER_KEYS["replacement"]: "replacement=True: a rare class must be drawn more than once per epoch "
                                      "to be drawn as often as a common one.",
        _SAMPLER_KEYS["weights"]: "One weight per sample (weights[i] = 1 / the count of labels[i]'s class), not "
                                  "one per class: the sampler draws indices of the weights.",
        _SAMPLER_KEYS["freq"]: "Each sample's weight is 1 / (its class's count): a class's weights then add up "
                               "to 1, the same for every class, so each class is drawn equally often.",
        _SAMPLER_KEYS["share"]: "weights[i] = 1 / (the number of samples whose label is labels[i]).",
    },
))


# ---- ClassBalancedReservoir ---------------------------------------------------------------------
#
# Algorithm 1 (Lecture 4; Chrysakis & Moens 2020, "Online continual learning from imbalanced
# data"), as the curriculum fixes it. While the memory is not filled, every pair is stored. Then,
# for a pair of class c: if c is not "full", it overwrites a random instance of a largest class;
# if c is full, it replaces a random stored instance of c with probability m_c / n_c (m_c stored,
# n_c seen so far, this one included) and is ignored otherwise. A class is full once it has been
# a largest class in the (filled) memory. Ties between largest classes may go either way.
#
# The scenario streams pairs (x, y) with x = tensor([t, y]) (t = the pair's position), reading
# `items` after every add; the memory after each add is written down as the positions it holds.
# `_walk` replays a stream on those memories and returns the first add that Algorithm 1 does not
# allow (whatever the random numbers and ties), and the random decisions it saw. Designed streams
# (A, B, C) are run RUNS times with different seeds, and their decisions are counted:
#
#   A  capacity 4, classes a a b b | a a a a: after the fill a and b tie as largest (both full);
#      the next four a's are stored with probability 2/3, 2/4, 2/5, 2/6 (n_c counts the current
#      one); the first replaces x1 or x2 with probability 1/2 each; in the end each of the six
#      a's is kept with probability 2/6 (the reservoir property).
#   B  capacity 6, a a a a b b | c c d: c is not full: it overwrites a random a (1/4 each), the
#      second c another (each a survives both with probability 1/2); d meets a three-way tie.
#   C  capacity 5, a a a b b | b a c b: the first b evicts an a and b becomes a largest class,
#      so both are full; the a that follows must be stored with probability 2/4 although a is no
#      longer a largest class ("full" is kept); the last b (after c evicted a b) with 2/4.
#   D  capacity 4, a a b b | c b a: ties at the fill, either way (checked on validity only).
#   E  random streams of skewed classes: validity, and the full classes' decisions summed over
#      the streams against the sum of their m_c / n_c (Hoeffding).
#
# Margins (RUNS = 400; the 12 counts of A share 1e-6 / 4, so each count's interval is at level
# 2.1e-8, about +-5.6 sigma). A's intervals for "stores the pair" are 212..317, 144..256, 106..216
# and 83..188 of 400; B's "kept" 145..255. A reservoir whose n_c leaves out the current pair
# stores A's fifth pair always (400); one that replaces the oldest (or the newest) instance
# replaces x1 (or x2) in every run where it stores, against 87..177 of about 265, and keeps the
# same two of B's four a's every time; one with its own constant seed, or random.seed in
# __init__, decides the same in all 400 runs (0 or 400). One that divides by the stream's count
# n instead of n_c stores A's fifth pair with probability 2/5: it passes 212..317 with
# probability 1.0e-7 (exact binomial tail), and A's sixth test (2/6 against 144..256) with 0.15.
# So every statistical wrong answer of tests/corpus fails a check run with probability above
# 1 - 1e-7, and a right one passes with probability above 1 - 1e-6 (tests/test_ex09_datasets.py
# runs both on 20 grading seeds).

RUNS = 400
_CPU_GENERATOR = torch.random.default_generator


def _letters(ids) -> dict[str, int]:
    return dict(zip("abcd", ids))


_DESIGNS = {  # name: (capacity, stream as letters)
    "A": (4, "aabbaaaa"),
    "B": (6, "aaaabbccd"),
    "C": (5, "aaabbbacb"),
    "D": (4, "aabbcba"),
}


def _design_tests(name: str, ids) -> list[tuple]:
    """The statistical tests of a designed stream: (what, kind, step (1-based), payload, p)."""
    c = _letters(ids)
    if name == "A":
        a = c["a"]
        tests = [(f"add {t} (x{t}, class {a}, a full class, m_c = 2, n_c = {n}) stores the pair", "stored", t, (), 2 / n)
                 for t, n in ((5, 3), (6, 4), (7, 5), (8, 6))]
        tests.append((f"add 5 stores x5 in place of", "replaced", 5, (1, 2), 1 / 2))
        tests.append((f"after add 8, each of the six pairs of class {a} is kept", "kept", 8, (1, 2, 5, 6, 7, 8), 2 / 6))
        return tests
    if name == "B":
        a, cc = c["a"], c["c"]
        return [(f"add 7 (x7, class {cc}, not full) overwrites, among the four pairs of class {a}", "replaced", 7,
                 (1, 2, 3, 4), 1 / 4),
                (f"after add 8, each of the four pairs of class {a} is kept", "kept", 8, (1, 2, 3, 4), 1 / 2)]
    if name == "C":
        a, b = c["a"], c["b"]
        return [(f"add 7 (x7, class {a}: full since the fill, no longer a largest class; m_c = 2, n_c = 4) "
                 f"stores the pair", "stored", 7, (), 2 / 4),
                (f"add 9 (x9, class {b}, full; m_c = 2, n_c = 4) stores the pair", "stored", 9, (), 2 / 4)]
    return []


def _stream_labels(name: str, ids) -> list[int]:
    c = _letters(ids)
    return [c[ch] for ch in _DESIGNS[name][1]]


def _pair_text(t: int, y: int) -> str:
    return f"x{t} (class {y})"


def _memory_text(ids, labels) -> str:
    return "[" + ", ".join(f"x{j + 1}:{labels[j]}" for j in sorted(ids)) + "]"


def _walk(capacity: int, labels: list[int], states: list[list[int]], sizes: list[int]):
    """Replay one stream. Returns (the first add that Algorithm 1 does not allow, as (what
    happened, what Algorithm 1 allows), or None; [(m_c / n_c, stored)] for the adds of full
    classes)."""
    prev: set[int] = set()
    full: set[int] = set()
    seen: Counter = Counter()
    counts: Counter = Counter()  # the classes in `prev`
    decisions = []
    for t, y in enumerate(labels):
        seen[y] += 1
        held = states[t]
        cur = set(held)
        problem = None
        if sizes[t] > capacity:
            problem = (f"the memory holds {sizes[t]} pairs", f"at most capacity = {capacity} pairs")
        elif any(j < 0 for j in held):
            problem = ("the memory holds a pair that was never added (or an x or y changed)",
                       "only pairs (x, y) that were added, unchanged")
        elif len(cur) != len(held):
            problem = ("the memory holds the same pair twice", "each added pair at most once")
        elif any(j > t for j in cur):
            problem = ("the memory holds a pair not added yet", "only pairs added so far")
        if problem is not None:
            head = f"add {t + 1}, {_pair_text(t + 1, y)}, into {_memory_text(prev, labels)}"
            return (f"{head}: {problem[0]}", f"{head}: {problem[1]}"), decisions
        removed, added = prev - cur, cur - prev
        if len(prev) < capacity:
            ok = cur == prev | {t}
            rule = ("fill",)
        else:
            largest = max(counts.values())
            swapped = added == {t} and len(removed) == 1
            if y not in full:
                tops = sorted(cl for cl, n in counts.items() if n == largest)
                ok = swapped and labels[next(iter(removed))] in tops
                rule = ("evict", tops)
            else:
                m, n = counts[y], seen[y]
                ok = cur == prev or (swapped and labels[next(iter(removed))] == y)
                decisions.append((m / n, t in cur))
                rule = ("full", m, n)
        if not ok:
            return _violation(t, y, labels, prev, cur, rule), decisions
        if removed or added:
            for j in removed:
                counts[labels[j]] -= 1
            for j in added:
                counts[labels[j]] += 1
            prev = cur
        if len(cur) == capacity:
            top = max(counts.values())
            full |= {cl for cl, n in counts.items() if n == top}
    return None, decisions


def _violation(t: int, y: int, labels: list[int], prev: set[int], cur: set[int], rule) -> tuple[str, str]:
    """(what add t + 1 did, what Algorithm 1 allows there), in words."""
    head = f"add {t + 1}, {_pair_text(t + 1, y)}, into {_memory_text(prev, labels)}"
    removed, added = prev - cur, cur - prev
    if removed or added:
        happened = ("stored" if t in cur else "not stored") + (
            ", removing " + ", ".join(_pair_text(j + 1, labels[j]) for j in sorted(removed)) if removed
            else ", nothing removed")
        if added - {t}:
            happened += ", and " + ", ".join(_pair_text(j + 1, labels[j]) for j in sorted(added - {t})) + " came back"
    else:
        happened = "ignored (memory unchanged)"
    if rule[0] == "fill":
        allowed = "the memory is not filled: stored, nothing removed"
    elif rule[0] == "evict":
        tops = rule[1]
        which = f"class {tops[0]}" if len(tops) == 1 else "classes " + ", ".join(map(str, tops)) + " (a tie)"
        allowed = f"class {y} is not full: stored, overwriting one pair of the largest {which}"
    else:
        allowed = (f"class {y} is full: stored in place of one pair of class {y} (with probability "
                   f"m_c / n_c = {rule[1]}/{rule[2]}) or ignored")
    return f"{head}: {happened}", f"{head}: {allowed}"


_VALID = "every add follows Algorithm 1"
_RES_KEYS = {
    "same": "each stored x is the very object passed to add (not a copy)",
    "valid": "what each add did",
    "freq": "random decisions",
    "states": "memory after each add (positions held)",
    "sizes": "len(items) after each add",
}


def _summary(kind: str, capacity: int, labels: torch.Tensor, ids, states, sizes, *, judge: bool) -> dict:
    """The words both sides compare. The observed side (judge=False) describes what its own memory
    did; the judge (judge=True) writes the same words where Algorithm 1 allows it, what it allows
    otherwise. Both are computed from the same recorded memories."""
    runs, steps = labels.shape
    rows = labels.tolist()
    violation, decisions = None, []
    tests = _design_tests(kind, ids) if kind in _DESIGNS else []
    steps_tested = {i for _, _, t, _, _ in tests for i in (t - 1, t - 2)}
    held = []  # per run: {step: the positions held after it}, for the steps the tests look at
    all_states, all_sizes = states.tolist(), sizes.tolist()
    for r in range(runs):
        row_states = [[j for j in s if j != -1] for s in all_states[r]]
        v, d = _walk(capacity, rows[r], row_states, all_sizes[r])
        held.append({i: set(row_states[i]) for i in steps_tested})
        decisions += d
        if v is not None:
            violation = (f"{'run' if kind in _DESIGNS else 'stream'} {r + 1} of {runs}, " + v[0],
                         f"{'run' if kind in _DESIGNS else 'stream'} {r + 1} of {runs}, " + v[1])
            break
    out = {_RES_KEYS["valid"]: _VALID if violation is None else violation[1 if judge else 0]}
    if violation is not None:
        return out
    lines = []
    shares = sum(len(payload) if k in ("replaced", "kept") else 1 for _, k, _, payload, _ in tests) + (kind == "E")
    delta = stats.split(DELTA / 4, shares)  # four statistical cases at most per check run: A, B, C, E
    for what, k, t, payload, p in tests:
        i = t - 1
        if k == "stored":
            count = sum(1 for run in held if i in run[i])
            lines.append(stats.judged(what, count, runs, p, delta, "m_c / n_c") if judge else
                         stats.measured(what, count, runs))
        elif k == "replaced":
            stored = [run for run in held if i in run[i]]
            for j in payload:
                count = sum(1 for run in stored if (j - 1) in run[i - 1] and (j - 1) not in run[i])
                text = f"{what} x{j}"
                lines.append(stats.judged(text, count, len(stored), p, delta, "1 / the number of candidates")
                             if judge else stats.measured(text, count, len(stored)))
        else:  # kept
            for j in payload:
                count = sum(1 for run in held if (j - 1) in run[i])
                text = f"{what}: x{j}"
                lines.append(stats.judged(text, count, runs, p, delta) if judge else stats.measured(text, count, runs))
    if kind == "E" and decisions:
        what = "pairs of full classes stored, summed over the streams"
        stored = sum(1 for _, s in decisions if s)
        lines.append(stats.judged_sum(what, stored, [p for p, _ in decisions], delta) if judge else
                     stats.measured_sum(what, stored, len(decisions)))
    if lines:
        out[_RES_KEYS["freq"] + f" (counted over {runs} seeded {'runs' if kind in _DESIGNS else 'streams'})"] = lines
    return out


def _label_matches(value, y: int) -> bool:
    if type(value) is int:
        return value == y
    if isinstance(value, np.integer):
        return int(value) == y
    if type(value) is torch.Tensor and value.numel() == 1 and not value.is_floating_point():
        return int(value.item()) == y
    return False


def _positions(items, xs: dict[int, int], labels: list[int], width: int) -> tuple[list[int], int, int]:
    """The stream positions of the stored pairs (-2: a pair that was never added), padded with -1
    to `width`, how many pairs there are, and how many of them hold a copy of the x that was
    added (a tensor of the same values, another object) rather than that very x. The x's of the
    stream are alive for the whole stream: an id() found in `xs` is that object."""
    pairs = list(items)
    out, copies = [], 0
    for pair in pairs:
        t = -2
        if isinstance(pair, (tuple, list)) and len(pair) == 2:
            x, y = pair
            if id(x) in xs:
                t = xs[id(x)]
            elif type(x) is torch.Tensor and x.numel() == 2 and x.dtype == torch.float32:
                position, label = (float(v) for v in x.detach().reshape(-1).tolist())
                if position.is_integer() and 0 <= position < len(labels) and label == labels[int(position)]:
                    t = int(position)
                    copies += 1
            if t >= 0 and not _label_matches(y, labels[t]):
                t = -2
        out.append(t)
    return (out + [-1] * width)[:width], len(pairs), copies


def _observe_reservoir(cls, kind, capacity, labels, ids, seed):
    """Run the answer on every stream (row of `labels`), Python's, NumPy's and torch's generators
    seeded per stream; record the memory after each add."""
    runs, steps = labels.shape
    width = capacity + 2
    states, sizes = [], []
    copied = None  # the first stored copy: (run, add)
    py_state, np_state = random.getstate(), np.random.get_state()
    try:
        with torch.random.fork_rng(devices=[]):
            for r, row in enumerate(labels.tolist()):
                random.seed(seed + r)
                np.random.seed((seed + r) % 2**32)
                _CPU_GENERATOR.manual_seed(seed + r)  # torch.manual_seed would also queue CUDA's seeding
                memory = cls(capacity)
                # The x's, made before the stream and kept alive: no id() is reused during it.
                keep = torch.tensor([[float(t), float(y)] for t, y in enumerate(row)]).unbind(0)
                xs = {id(x): t for t, x in enumerate(keep)}
                run_states, run_sizes = [], []
                for t, (x, y) in enumerate(zip(keep, row)):
                    memory.add(x, y)
                    items = memory.items
                    if callable(items) and not isinstance(items, (list, tuple)):
                        items = items()
                    held, n, copies = _positions(items, xs, row, width)
                    if copies and copied is None:
                        copied = (r + 1, t + 1)
                    run_states.append(held)
                    run_sizes.append(n)
                states.append(run_states)
                sizes.append(run_sizes)
    finally:
        random.setstate(py_state)
        np.random.set_state(np_state)
    states_t = torch.tensor(states, dtype=torch.int64)
    sizes_t = torch.tensor(sizes, dtype=torch.int64)
    out = {_RES_KEYS["same"]: copied is None}
    out.update(_summary(kind, capacity, labels, ids, states_t, sizes_t, judge=False))
    out[_RES_KEYS["states"]] = states_t
    out[_RES_KEYS["sizes"]] = sizes_t
    return out


def _reservoir_adapter(answer):
    if not isinstance(answer, type):
        raise AnswerKindError(f"expected the class ClassBalancedReservoir, got {_class_name(answer)} object")
    return functools.partial(_observe_reservoir, answer)


def _reservoir_judge(kind, capacity, labels, ids, seed, observed=None):
    runs, steps = labels.shape
    states = int_tensor(entry(observed, _RES_KEYS["states"]), 3)
    sizes = int_tensor(entry(observed, _RES_KEYS["sizes"]), 2)
    if states is None or sizes is None or tuple(states.shape[:2]) != (runs, steps) or \
            tuple(sizes.shape) != (runs, steps) or states.shape[2] != capacity + 2:
        return {_RES_KEYS["same"]: True, _RES_KEYS["valid"]: "the memory after each add, as recorded by the check"}
    return {_RES_KEYS["same"]: True, **_summary(kind, capacity, labels, ids, states, sizes, judge=True)}


def _random_streams(gen, runs: int, steps: int, k: int) -> torch.Tensor:
    """Skewed classes: class i has probability proportional to 2^-i."""
    probs = torch.tensor([0.5 ** i for i in range(k)], dtype=torch.float64)
    return torch.multinomial(probs.expand(runs, k), steps, replacement=True, generator=gen)


def _design_case(gen, name: str, ids, runs: int, label: str) -> Case:
    capacity = _DESIGNS[name][0]
    row = _stream_labels(name, ids)
    labels = torch.tensor([row] * runs, dtype=torch.int64)
    return Case((name, capacity, labels, tuple(ids), _seed_from(gen)), label=label)


def _reservoir_cases(gen, hidden):
    ids = (0, 1, 2, 3)
    if hidden:  # other class ids (the kinds of streams stay the same)
        ids = tuple(torch.randperm(10, generator=gen)[:4].tolist())
    cases = [
        _design_case(gen, "A", ids, RUNS, f"capacity 4, a full class ({RUNS} seeded runs)"),
        _design_case(gen, "B", ids, RUNS, f"capacity 6, a class that is not full ({RUNS} seeded runs)"),
        _design_case(gen, "C", ids, RUNS, f"capacity 5, full stays full ({RUNS} seeded runs)"),
        _design_case(gen, "D", ids, 50, "capacity 4, a tie when the memory fills (50 runs)"),
    ]
    capacity = size(gen, 5, 10) if hidden else 6
    k = size(gen, 3, 5) if hidden else 4
    streams = 60 if hidden else 30
    labels = _random_streams(gen, streams, 6 * capacity, k)
    cases.append(Case(("E", capacity, labels, tuple(range(k)), _seed_from(gen)),
                      label=f"{streams} random streams of {6 * capacity} pairs, {k} skewed classes, capacity {capacity}"))
    return cases


register(Exercise(
    id="ClassBalancedReservoir", assignment=A, signature="ClassBalancedReservoir(capacity)",
    reference=_reservoir_judge, cases=_reservoir_cases, adapter=_reservoir_adapter, reference_sees_output=True,
    reference_text="Lecture 4's Algorithm 1 (class-balancing reservoir sampling)",
    named_outputs=True, pasteable=False, devices=("cpu",),
    hints=_Hints({
        _RES_KEYS["same"]: "items holds the very x and y that were added: store the pair (x, y) as it came, "
                           "not x.clone() or a copy (a memory of images would hold each one twice, and the "
                           "caller's objects are what it asked to keep).",
        _RES_KEYS["valid"]: "Replay Algorithm 1 by hand on the memory shown (x<t>:<class> lists each stored pair): "
                            "store while the memory is not filled; a class that is not full overwrites a pair of "
                            "a largest class; a full class (one that has been a largest class since the memory "
                            "filled, for good) replaces one of its own pairs with probability m_c / n_c, or the "
                            "pair is ignored.",
        _RES_KEYS["freq"]: "n_c counts the pairs of class c seen so far, this one included; m_c the pairs of c in "
                           "memory. The pair to overwrite is drawn at random (uniformly) among the candidates, "
                           "not the oldest or the newest. The check seeds Python's random, NumPy and torch before "
                           "each stream: draw from one of them, and do not seed it in your class (random.seed(...) "
                           "in __init__, or a generator of your own seeded with a constant, makes every stream "
                           "decide the same).",
    }),
))


# ---- train_epoch + evaluate -----------------------------------------------------------------------

class TinyNet(nn.Module):
    """Linear -> BatchNorm1d -> ReLU -> Linear: BatchNorm behaves differently in train and eval
    mode (batch statistics, running statistics updated), so every mode slip shows. Each forward
    pass writes down (model.training, torch.is_grad_enabled(), batch size, device)."""

    def __init__(self, d_in: int, classes: int, hidden: int = 6):
        super().__init__()
        self.fc1 = nn.Linear(d_in, hidden)
        self.bn = nn.BatchNorm1d(hidden)
        self.fc2 = nn.Linear(hidden, classes)
        self.calls: list[tuple] = []

    def forward(self, x):
        object.__getattribute__(self, "calls").append(
            (bool(object.__getattribute__(self, "training")), torch.is_grad_enabled(), int(x.shape[0]), str(x.device)))
        return self.fc2(F.relu(self.bn(self.fc1(x.flatten(1)))))


def _tiny_net(d_in: int, classes: int, seed: int) -> TinyNet:
    """TinyNet with its linear layers drawn from a generator of its own, as nn.Linear draws them
    (uniform in +-1/sqrt(fan_in)). Not from torch's global generator: the grader judges several
    notebooks at once in threads of one process, and a global seed set by one would leak into
    another's reference."""
    model = TinyNet(d_in, classes)
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for layer in (model.fc1, model.fc2):
            bound = 1.0 / math.sqrt(layer.in_features)
            for p in (layer.weight, layer.bias):
                p.copy_(torch.rand(p.shape, generator=g) * (2 * bound) - bound)
    return model


class PmOneMSE(nn.Module):
    """EE-559's loss for classification with MSE: the target is +1 for the label's class and -1
    elsewhere; mean-reduced."""

    def forward(self, outputs, labels):
        target = torch.full_like(outputs, -1.0)
        target.scatter_(1, labels.reshape(-1, 1), 1.0)
        return F.mse_loss(outputs, target)


class PairsDataset(Dataset):
    def __init__(self, x, y):
        self.x, self.y = x, y

    def __len__(self):
        return len(self.y)

    def __getitem__(self, i):
        return self.x[i], self.y[i]


class DictDataset(PairsDataset):
    """MNISTDigits' items: {"img": ..., "label": int}."""

    def __getitem__(self, i):
        return {"img": self.x[i], "label": int(self.y[i])}


# torch.optim wraps a class's `step` for its profiler the first time an optimizer of that class is
# built (Optimizer._patch_step_function). Built here, at import, that happens before the grader
# takes its snapshot of the classes an observation relies on, not during an observation.
torch.optim.SGD([nn.Parameter(torch.zeros(1))], lr=0.1)


_TRAIN_KEYS = (  # in the order they are checked
    "batch sizes in train_epoch's forward passes",
    "model.training in train_epoch's forward passes",
    "optimizer.step() calls in train_epoch",
    "parameters after train_epoch",
    "BatchNorm statistics after train_epoch",
    "train_epoch's (mean loss, accuracy %)",
    "batch sizes in evaluate's forward passes",
    "model.training in evaluate's forward passes",
    "gradient recording in evaluate's forward passes",
    "parameters and BatchNorm statistics after evaluate",
    ".grad after evaluate",
    "evaluate's (mean loss, accuracy %)",
    "gradient recording (torch.is_grad_enabled()) after train_epoch returned",
    "gradient recording (torch.is_grad_enabled()) after evaluate returned",
    "tensors off the model's device in train_epoch",
    "tensors off the model's device in evaluate",
)
# What the meta cases' scenario reports where every tensor it saw was on the model's device.
_ON_DEVICE = "none: inputs and labels on `device` wherever seen"


def _loader(kind: str, x, y, batch_size: int, subset):
    dataset = DictDataset(x, y) if kind == "dicts" else PairsDataset(x, y)
    sampler = list(subset) if subset else None
    return DataLoader(dataset, batch_size=batch_size, shuffle=False, sampler=sampler, num_workers=0)


def _state(model) -> dict:
    return {n: t.detach().to("cpu").clone() for n, t in [*model.named_parameters(), *model.named_buffers()]}


def _grads(model) -> list:
    return [None if p.grad is None else p.grad.detach().to("cpu").clone() for p in model.parameters()]


def _train_scenario(train_epoch, evaluate, kind, x, y, x_test, y_test, batch_size, subset, criterion, device, seed):
    """One epoch of train_epoch then evaluate, on the course's TinyNet (built the same way for the
    answer and the reference), recording what the model saw and what changed."""
    model = _tiny_net(x[0].numel(), int(max(y.max(), y_test.max())) + 1, seed)
    model.to(device)
    loss_fn = PmOneMSE() if criterion == "pm_one_mse" else nn.CrossEntropyLoss()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    steps = []
    optimizer.register_step_post_hook(lambda opt, args, kwargs: steps.append(1))
    train_loader = _loader(kind, x, y, batch_size, subset)
    test_loader = _loader(kind, x_test, y_test, batch_size, ())
    calls = model.calls
    report = {}
    with torch.enable_grad():
        model.eval()  # train_epoch must switch to training mode itself
        calls.clear()
        result = train_epoch(model, train_loader, loss_fn, optimizer, device)
        trained = list(calls)
        state = _state(model)
        grads = _grads(model)
        report[_TRAIN_KEYS[0]] = [c[2] for c in trained]
        report[_TRAIN_KEYS[1]] = [c[0] for c in trained]
        report[_TRAIN_KEYS[2]] = len(steps)
        report[_TRAIN_KEYS[3]] = {n: t for n, t in state.items() if not n.startswith("bn.running")
                                  and n != "bn.num_batches_tracked"}
        report[_TRAIN_KEYS[4]] = {n: t for n, t in state.items() if n.startswith("bn.running")
                                  or n == "bn.num_batches_tracked"}
        report[_TRAIN_KEYS[5]] = result
        report[_TRAIN_KEYS[12]] = torch.is_grad_enabled()
        model.train()  # evaluate must switch to evaluation mode itself
        calls.clear()
        result = evaluate(model, test_loader, loss_fn, device)
        grad_after_evaluate = torch.is_grad_enabled()
        evaluated = list(calls)
        after = _grads(model)
    report[_TRAIN_KEYS[6]] = [c[2] for c in evaluated]
    report[_TRAIN_KEYS[7]] = [c[0] for c in evaluated]
    report[_TRAIN_KEYS[8]] = [c[1] for c in evaluated]
    report[_TRAIN_KEYS[9]] = _state(model)
    same = len(after) == len(grads) and all(
        (a is None and b is None) or (a is not None and b is not None and torch.equal(a, b)) for a, b in zip(after, grads))
    report[_TRAIN_KEYS[10]] = "unchanged" if same else "changed"
    report[_TRAIN_KEYS[11]] = result
    report[_TRAIN_KEYS[13]] = grad_after_evaluate
    return report


class LossOnDevice(nn.Module):
    """A meta case's loss: writes down the devices of the outputs and labels it is given, then
    computes the case's loss."""

    def __init__(self, loss: nn.Module):
        super().__init__()
        self.loss = loss
        self.seen: list[tuple[str, str]] = []

    def forward(self, outputs, labels):
        object.__getattribute__(self, "seen").append((_device_name(outputs), _device_name(labels)))
        return self.loss(outputs, labels)


def _device_name(value) -> str:
    return str(value.device) if isinstance(value, torch.Tensor) else type(value).__name__


def _off_device(calls: list, seen: list, where: str) -> str:
    """The first forward pass or loss call that got a tensor on another device than the model's
    ('meta'), in words; _ON_DEVICE where there was none."""
    for k, call in enumerate(calls, start=1):
        if call[3] != "meta":
            return f"{where}: forward pass {k} got inputs on {call[3]}"
    for k, (outputs, labels) in enumerate(seen, start=1):
        if labels != "meta":
            return f"{where}: criterion call {k} got labels on {labels}"
        if outputs != "meta":
            return f"{where}: criterion call {k} got outputs on {outputs}"
    return _ON_DEVICE


def _meta_scenario(train_epoch, evaluate, kind, x, y, x_test, y_test, batch_size, subset, criterion, device, seed):
    """Device placement without a GPU: the model on 'meta' (tensors with shapes and no values),
    the loader's batches on the CPU, `device` = 'meta'. Moving the batches to `device` is all it
    takes for the forward passes, the loss, backward and step to run; the first .item() or
    float() then raises (a meta tensor has no value), which ends the call and says nothing about
    the answer: what counts is the device of the tensors that reached the model and the loss
    until then. A batch left on the CPU shows at its forward pass (before torch's "not on the
    expected device" error), labels left on the CPU at the loss."""
    model = _tiny_net(x[0].numel(), int(max(y.max(), y_test.max())) + 1, seed)
    model.to(device)
    loss_fn = LossOnDevice(PmOneMSE() if criterion == "pm_one_mse" else nn.CrossEntropyLoss())
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    loaders = {"train_epoch": _loader(kind, x, y, batch_size, subset),
               "evaluate": _loader(kind, x_test, y_test, batch_size, ())}
    calls, seen = model.calls, loss_fn.seen
    report = {}
    for key, name in ((_TRAIN_KEYS[14], "train_epoch"), (_TRAIN_KEYS[15], "evaluate")):
        calls.clear()
        seen.clear()
        with torch.enable_grad():
            try:
                if name == "train_epoch":
                    model.eval()
                    train_epoch(model, loaders[name], loss_fn, optimizer, device)
                else:
                    model.train()
                    evaluate(model, loaders[name], loss_fn, device)
            except Exception:  # for want of values, or torch's device error: the calls seen decide
                pass
        report[key] = _off_device(list(calls), list(seen), name)
    return report


def _parts(batch):
    if isinstance(batch, dict):
        return batch["img"], batch["label"]
    inputs, labels = batch
    return inputs, labels


def _epoch(model, loader, criterion, optimizer, device, *, train: bool, weigh=True, divide_by="seen",
           fraction=False, last_batch_only=False, zero_grad=True):
    """The reference epoch, and the known mistakes as variants of it: `weigh` each batch's mean
    loss by its size; divide the sums by the samples "seen", the number of "batches" or
    len(loader.dataset) ("dataset"); the accuracy as a `fraction`; the running sums updated once
    after the loop (`last_batch_only`, the slides' indentation); no `zero_grad`."""
    model.train(train)
    total, correct, seen, batches = 0.0, 0, 0, 0
    with torch.set_grad_enabled(train):
        for batch in loader:
            inputs, labels = _parts(batch)
            inputs, labels = inputs.to(device), labels.to(device)
            outputs = model(inputs)
            loss = criterion(outputs, labels)
            if train:
                if zero_grad:
                    optimizer.zero_grad()
                loss.backward()
                optimizer.step()
            if not last_batch_only:
                total += loss.item() * (labels.shape[0] if weigh else 1)
                correct += int((outputs.argmax(1) == labels).sum())
            seen += labels.shape[0]
            batches += 1
    if last_batch_only:
        total += loss.item() * (labels.shape[0] if weigh else 1)
        correct += int((outputs.argmax(1) == labels).sum())
    count = len(loader.dataset) if divide_by == "dataset" else seen
    mean = total / (batches if divide_by == "batches" else count)
    return mean, (correct / count) if fraction else 100.0 * correct / count


def _train_variant(train=None, evaluate=None, **both):
    """The scenario run with the reference epoch's variants: `both` for the two functions,
    `train` / `evaluate` for one of them."""
    def train_epoch(model, loader, criterion, optimizer, device):
        return _epoch(model, loader, criterion, optimizer, device, train=True, **{**both, **(train or {})})

    def evaluate_(model, loader, criterion, device):
        options = {**{k: v for k, v in both.items() if k != "zero_grad"}, **(evaluate or {})}
        return _epoch(model, loader, criterion, None, device, train=False, **options)
    return functools.partial(_scenario, train_epoch, evaluate_)


def _scenario(train_epoch, evaluate, *args):
    """The meta cases' scenario or the epoch's, by the case's `device` (args[8])."""
    run = _meta_scenario if torch.device(args[8]).type == "meta" else _train_scenario
    return run(train_epoch, evaluate, *args)


def _train_adapter(answer):
    if not (type(answer) is tuple and len(answer) == 2 and all(callable(f) and not isinstance(f, type) for f in answer)):
        raise AnswerKindError("expected the two functions train_epoch and evaluate, as "
                              "check(\"train_epoch\", train_epoch, evaluate) passes them")
    return functools.partial(_scenario, answer[0], answer[1])


def _split_sizes(gen, batch_size: int, lo: int, hi: int) -> int:
    """A sample count in [lo, hi] whose last batch is short but holds at least 2 samples
    (BatchNorm needs 2 in training mode)."""
    for _ in range(100):
        n = size(gen, lo, hi)
        if n % batch_size >= 2:
            return n
    return batch_size * 2 + 2


def _train_data(gen, kind: str, n: int, m: int, classes: int):
    shape = (1, 4, 4) if kind == "dicts" else (5,)
    x = torch.randn(n, *shape, generator=gen)
    y = torch.randint(classes, (n,), generator=gen)
    x_test = torch.randn(m, *shape, generator=gen)
    y_test = torch.randint(classes, (m,), generator=gen)
    return x, y, x_test, y_test


def _train_case(gen, kind, n, m, batch_size, criterion, device, subset=(), label=""):
    classes = 3 if criterion == "cross_entropy" else 4
    x, y, x_test, y_test = _train_data(gen, kind, n, m, classes)
    return Case((kind, x, y, x_test, y_test, batch_size, tuple(subset), criterion, device, _seed_from(gen)),
                label=label)


def _train_cases(gen, hidden):
    cases = [
        _train_case(gen, "pairs", 10, 7, 4, "cross_entropy", "cpu",
                    label="(inputs, labels) batches of 4, 4, 2; cross-entropy; device 'cpu'"),
        _train_case(gen, "dicts", 11, 8, 3, "pm_one_mse", torch.device("cpu"),
                    label="{'img', 'label'} batches of 3, 3, 3, 2; ±1 MSE; torch.device('cpu')"),
        _train_case(gen, "pairs", 13, 6, 3, "cross_entropy", "cpu", subset=(0, 2, 3, 5, 7, 8, 11, 12),
                    label="a sampler over 8 of 13 samples (batches of 3, 3, 2)"),
    ]
    # The model on 'meta', the batches on the CPU: device placement checked without a GPU.
    meta = [("pairs", "cross_entropy", "meta", "(inputs, labels) batches, device 'meta'"),
            ("dicts", "pm_one_mse", torch.device("meta"), "{'img', 'label'} batches, torch.device('meta')")]
    if not hidden:
        cases += [_train_case(gen, kind, 7, 5, 3, criterion, device, label=f"model on 'meta', CPU {text}")
                  for kind, criterion, device, text in meta]
    if hidden:
        for kind, criterion, sub in (("pairs", "pm_one_mse", False), ("dicts", "cross_entropy", False),
                                     ("pairs", "cross_entropy", True)):
            b = size(gen, 3, 8)  # a short last batch of at least 2 needs batches of 3 or more
            n = _split_sizes(gen, b, 2 * b + 2, 6 * b)
            m = _split_sizes(gen, b, b + 2, 4 * b)
            subset = ()
            if sub:
                total = n + size(gen, 1, 9)
                subset = tuple(sorted(torch.randperm(total, generator=gen)[:n].tolist()))
                x, y, x_test, y_test = _train_data(gen, kind, total, m, 3)
                cases.append(Case((kind, x, y, x_test, y_test, b, subset, criterion, "cpu", _seed_from(gen)),
                                  label=f"a sampler over {n} of {total} samples, batches of {b}"))
                continue
            cases.append(_train_case(gen, kind, n, m, b, criterion, "cpu",
                                     label=f"{kind} batches of {b}, {n} training and {m} test samples, {criterion}"))
        for kind, criterion, device, text in meta:
            b = size(gen, 2, 6)
            cases.append(_train_case(gen, kind, size(gen, b + 1, 4 * b), size(gen, 2, 3 * b), b, criterion, device,
                                     label=f"model on 'meta', CPU {text} of {b}"))
    if torch.cuda.is_available():
        cases.append(_train_case(gen, "pairs", 10, 7, 4, "cross_entropy", "cuda",
                                 label="the model on 'cuda', batches on the CPU: move them to the device"))
    return cases


_MOVE_HINT = ("Move each batch's inputs and labels to `device` before the forward pass: inputs, labels = "
              "inputs.to(device), labels.to(device). Here the model is on 'meta' (PyTorch's device of shapes "
              "without values), which shows on a machine without a GPU what a GPU would: a batch left on the CPU "
              "meets parameters on another device. (On 'meta' your code stops at its first .item() or float(), "
              "for want of values: that is expected and not counted.)")

register(Exercise(
    id="train_epoch", assignment=A,
    signature="train_epoch(model, loader, criterion, optimizer, device), evaluate(model, loader, criterion, device)",
    reference=_train_variant(), cases=_train_cases, adapter=_train_adapter,
    reference_text="the epoch of the notebook's contract (one forward pass per batch; zero_grad, backward, step; "
                   "sums of loss.item() * batch size and of correct predictions, divided by the samples seen)",
    named_outputs=True, pasteable=False, devices=("cpu",),
    # The returned mean loss is a sum of float32 batch losses: right answers that accumulate it in
    # float32 tensors or in Python floats, in another order, differ by a few 1e-7 relatively.
    tolerances={torch.float64: (1e-5, 1e-6)},
    hints={
        _TRAIN_KEYS[0]: "One forward pass per batch of the loader, every batch (the last one is short).",
        _TRAIN_KEYS[1]: "Call model.train() at the start of train_epoch (the check hands you a model in eval mode).",
        _TRAIN_KEYS[2]: "One optimizer.step() per batch.",
        _TRAIN_KEYS[3]: "Per batch: optimizer.zero_grad(), loss = criterion(model(inputs), labels), loss.backward(), "
                        "optimizer.step(). Without zero_grad the gradients of all batches so far accumulate.",
        _TRAIN_KEYS[4]: "In training mode BatchNorm updates its running statistics once per forward pass.",
        _TRAIN_KEYS[5]: "Return (sum over batches of loss.item() * batch size) / samples seen, and "
                        "100 * correct / samples seen, as Python floats. The samples seen are the sum of the "
                        "batch sizes, not len(loader.dataset) (a sampler may draw fewer).",
        _TRAIN_KEYS[6]: "One forward pass per batch of the loader, every batch.",
        _TRAIN_KEYS[7]: "Call model.eval() at the start of evaluate (the check hands you a model in train mode).",
        _TRAIN_KEYS[8]: "Run evaluate's forward passes under torch.no_grad() (or torch.inference_mode()).",
        _TRAIN_KEYS[9]: "evaluate must change nothing: no optimizer step, and eval mode so that BatchNorm keeps "
                        "its running statistics.",
        _TRAIN_KEYS[10]: "evaluate must not call backward.",
        _TRAIN_KEYS[11]: "The same pair as train_epoch: per-sample mean loss and accuracy in %, as Python floats.",
        _TRAIN_KEYS[12]: "train_epoch must leave gradient recording on (it trains: nothing to switch off).",
        _TRAIN_KEYS[13]: "Switch gradient recording off in a block, `with torch.no_grad():` (or torch.inference_mode()), "
                         "which switches it back on when the block ends. torch.set_grad_enabled(False) called as a "
                         "function switches it off for everything that runs afterwards, the next training epoch "
                         "included (its backward then fails).",
        _TRAIN_KEYS[14]: _MOVE_HINT,
        _TRAIN_KEYS[15]: _MOVE_HINT,
    },
    mistakes=[
        Mistake(_train_variant(weigh=False, divide_by="batches"),
                "the loss is the mean of the batches' means: a short last batch then weighs as much as a full one. "
                "Weigh each batch's loss by its size: sum loss.item() * batch size, divide by the samples seen."),
        Mistake(_train_variant(fraction=True), "the accuracy is a fraction (0.75); the contract asks for % (75.0)."),
        Mistake(_train_variant(train={"last_batch_only": True, "weigh": False, "divide_by": "dataset"},
                               evaluate={"weigh": False, "divide_by": "dataset"}),
                "this is the slides' train_loop and inference_loop: train_loop adds to its running sums once, "
                "after the loop (wrong indentation: only the last batch counts), and both add the batches' "
                "mean losses but divide by the number of samples."),
        Mistake(_train_variant(divide_by="dataset"),
                "the sums were divided by len(loader.dataset); with a sampler the epoch sees fewer samples: "
                "count the samples of the batches."),
        Mistake(_train_variant(zero_grad=False),
                "the gradients were never cleared: call optimizer.zero_grad() before each backward."),
    ],
))
