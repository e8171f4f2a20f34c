"""The library's observers for hooks (probes/hooks.py) and TensorBoard event files
(probes/events.py), on toy models of the tests' own: every kind of hook is seen where it was
registered, left-behind and removed hooks are named, torch's global registries are put back,
and event files are written without a thread and read back with TensorBoard's reader."""
from __future__ import annotations

import os
import subprocess
import sys
import threading

import pytest
import torch
import torch.nn as nn
import torch.nn.modules.module as module_module

from autograder.checks.probes import events, hooks


def model():
    torch.manual_seed(0)
    return nn.Sequential(nn.Linear(3, 4), nn.Sequential(nn.ReLU(), nn.Linear(4, 2)))


def noop(*args, **kwargs):
    return None


class Owner:
    def method(self, *args):
        return None

    def __call__(self, *args):
        return None


def test_the_probes_import_nothing_of_the_course_nor_tensorflow():
    code = ("import sys, autograder.checks.probes.hooks, autograder.checks.probes.events\n"
            "print(sorted(m for m in sys.modules if m.startswith('autograder') and not m.startswith('autograder.checks')),"
            " 'tensorflow' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    modules, tensorflow = out.split("\n")[-2].rsplit(" ", 1)
    assert set(eval(modules)) <= {"autograder", "autograder.compat"} and tensorflow == "False", out


def test_every_kind_of_hook_is_seen_where_it_is():
    m = model()
    before = hooks.snapshot(m)
    handles = [
        m[0].register_forward_hook(noop),
        m[1].register_forward_pre_hook(Owner().method),
        m[1][1].register_full_backward_hook(Owner()),
        m[1][1].register_full_backward_pre_hook(noop),
        m.register_state_dict_pre_hook(noop),
        m[0].weight.register_hook(noop),
        m[1][1].bias.register_post_accumulate_grad_hook(noop),
        module_module.register_module_forward_hook(noop),
        module_module.register_module_forward_pre_hook(noop),
    ]
    try:
        left = hooks.left_behind(before, hooks.snapshot(m))
    finally:
        for h in handles:
            h.remove()
    assert left == sorted([
        "forward hook on module '0': the function noop",
        "forward pre-hook on module '1': the method Owner.method",
        "full backward hook on module '1.1': a Owner object",
        "backward pre-hook on module '1.1': the function noop",
        "state_dict pre-hook on the model: the function noop",
        "tensor hook on parameter '0.weight': the function noop",
        "post-accumulate-grad hook on parameter '1.1.bias': the function noop",
        "global forward hook on torch (all modules): the function noop",
        "global forward pre-hook on torch (all modules): the function noop",
    ])
    assert hooks.snapshot(m) == before


def test_hooks_removed_that_were_not_ones_own_are_named():
    m = model()
    mine = m[0].register_forward_hook(noop)
    theirs = m[0].register_forward_hook(Owner())
    before = hooks.snapshot(m)
    m[0]._forward_hooks.clear()
    after = hooks.snapshot(m)
    assert hooks.removed(before, after) == ["forward hook on module '0': a Owner object",
                                            "forward hook on module '0': the function noop"]
    assert hooks.left_behind(before, after) == []
    del mine, theirs


def test_tensors_given_by_name_and_shared_parameters_once():
    m = nn.Sequential(nn.Linear(2, 2), nn.Linear(2, 2))
    m[1].weight = m[0].weight
    x = torch.zeros(2, requires_grad=True)
    before = hooks.snapshot(m, {"x": x})
    h1, h2 = m[1].weight.register_hook(noop), x.register_hook(noop)
    left = hooks.left_behind(before, hooks.snapshot(m, {"x": x}))
    assert left == ["tensor hook on parameter '0.weight': the function noop",
                    "tensor hook on tensor 'x': the function noop"]
    assert hooks.added_per_place(before, hooks.snapshot(m, {"x": x}), "tensor hook") == \
        {"parameter '0.weight'": 1, "tensor 'x'": 1}
    h1.remove(), h2.remove()


def test_a_replaced_registry_is_reported():
    m = model()
    m[0]._forward_hooks = []
    assert "forward hooks of module '0': replaced" in hooks.snapshot(m)


def test_keep_globals_puts_torchs_registries_back():
    registry = module_module._global_forward_hooks
    existing = module_module.register_module_forward_hook(noop)
    try:
        saved = dict(registry)
        with hooks.keep_globals():
            module_module.register_module_forward_hook(Owner())      # left behind
            registry.clear()                                          # others' removed
            module_module._global_forward_hooks = {}                  # the registry replaced
        assert module_module._global_forward_hooks is registry and dict(registry) == saved
    finally:
        existing.remove()


def test_keep_globals_can_isolate_a_block_from_earlier_global_hooks():
    existing = module_module.register_module_forward_hook(noop)
    try:
        with hooks.keep_globals(isolate=True):
            assert not module_module._global_forward_hooks
            assert not any("global" in k for k in hooks.snapshot(model()))
        assert list(module_module._global_forward_hooks.values()) == [noop]
    finally:
        existing.remove()


def test_bystanders_count_their_calls_and_leave_nothing():
    m = model()
    before = hooks.snapshot(m)
    with hooks.Bystanders(m, forward=["0"], pre=["1.1"], backward=["1.1"], tensors=["0.bias"],
                          global_forward=True) as others:
        during = hooks.snapshot(m)
        m(torch.randn(5, 3)).sum().backward()
        calls = others.calls()
    assert calls == {"forward hook on 0": 1, "forward pre-hook on 1.1": 1, "full backward hook on 1.1": 1,
                     "tensor hook on 0.bias": 1,
                     "global forward hook (torch.nn.modules.module.register_module_forward_hook)": 5}
    assert len(hooks.left_behind(before, during)) == 5
    assert all("a hook that was there before your code ran" in line for line in hooks.left_behind(before, during))
    assert hooks.snapshot(m) == before


# ---- event files --------------------------------------------------------------------------------

def test_the_writer_is_a_summary_writer_that_starts_no_thread(tmp_path, monkeypatch):
    from torch.utils.tensorboard import SummaryWriter

    def refuse(self):
        raise RuntimeError("no threads here")
    monkeypatch.setattr(threading.Thread, "start", refuse)
    with pytest.raises(RuntimeError, match="no threads"):
        SummaryWriter(str(tmp_path / "torch"))                     # the real writer needs its thread
    writer = events.summary_writer(str(tmp_path / "ours"))
    assert isinstance(writer, SummaryWriter)
    writer.add_histogram("layer/0", torch.arange(10.0))
    writer.add_scalar("loss", 0.5, 3)
    writer.close()
    writer.close()                                                  # twice is fine, as for the real one
    found = events.read(str(tmp_path / "ours"))
    assert [(v["tag"], v["step"], v["kind"]) for v in found] == [("layer/0", 0, "histogram"), ("loss", 3, "scalar")]
    h = found[0]["histogram"]
    assert (h["num"], h["min"], h["max"], h["sum"], h["sum_squares"]) == (10.0, 0.0, 9.0, 45.0, 285.0)
    assert sum(h["bucket"]) == 10.0


def test_what_is_read_matches_tensorboards_event_accumulator(tmp_path):
    from tensorboard.backend.event_processing.event_accumulator import EventAccumulator

    writer = events.summary_writer(str(tmp_path))
    values = torch.randn(500, generator=torch.Generator().manual_seed(1))
    for step in (0, 7):
        writer.add_histogram("acts", values * (step + 1), global_step=step)
    writer.close()
    acc = EventAccumulator(str(tmp_path), size_guidance={"histograms": 0})  # 0: keep every event
    acc.Reload()
    theirs = [(e.step, e.histogram_value.num, e.histogram_value.min, e.histogram_value.max, e.histogram_value.sum,
               list(e.histogram_value.bucket)) for e in acc.Histograms("acts")]
    ours = [(h["step"], h["num"], h["min"], h["max"], h["sum"], h["bucket"]) for h in events.histograms(str(tmp_path))["acts"]]
    assert ours == theirs


def test_a_torn_event_file_is_an_error(tmp_path):
    from tensorboard.compat.tensorflow_stub import errors

    writer = events.summary_writer(str(tmp_path))
    writer.add_histogram("a", torch.ones(4))
    writer.close()
    path = events.event_files(str(tmp_path))[0]
    with open(path, "r+b") as f:
        f.truncate(os.path.getsize(path) - 3)
    with pytest.raises(errors.DataLossError):
        events.read(str(tmp_path))


def test_the_writer_class_pickles_by_reference():
    import pickle

    cls = events.ThreadFreeSummaryWriter
    assert pickle.loads(pickle.dumps(cls)) is cls
    with pytest.raises(AttributeError):
        events.NoSuchThing  # noqa: B018


# ---- the grader's integrity check and hooks ----------------------------------------------------

def test_registering_a_hook_is_not_interference():
    import torch.utils.hooks

    from autograder.grading import integrity

    snap = integrity.Snapshot({"torch.utils.hooks"})
    nn.Linear(2, 2).register_forward_hook(noop).remove()            # moves RemovableHandle.next_id
    assert snap.changes() == []
    original = torch.utils.hooks.RemovableHandle.remove
    torch.utils.hooks.RemovableHandle.remove = noop
    assert snap.changes(repair=True) == ["torch.utils.hooks.RemovableHandle.remove was replaced"]
    assert torch.utils.hooks.RemovableHandle.remove is original


def test_scenarios_in_threads_do_not_see_each_others_global_hooks():
    seen, errors = [], []

    def scenario():
        try:
            m = model()
            for _ in range(30):
                with hooks.keep_globals(), hooks.Bystanders(m, forward=["0"], global_forward=True):
                    before = hooks.snapshot(m)
                    m(torch.randn(2, 3))
                    after = hooks.snapshot(m)
                seen.append((hooks.left_behind(before, after), hooks.removed(before, after)))
        except Exception as exc:  # pragma: no cover (reported below)
            errors.append(exc)

    threads = [threading.Thread(target=scenario) for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors and len(seen) == 90 and all(s == ([], []) for s in seen)
    assert not module_module._global_forward_hooks
