"""Observing TensorFlow (autograder.checks.probes.tensorflow), and the 11_pytorch_vs_tensorflow checks
built on it.

The probe: TensorFlow is never imported by the library (nor by the course's exercise modules, nor by
building cases and judging against the references: the grader's judge and its default fork server
stay TensorFlow-free); a watch sees every op run eagerly or added to a graph and where, counts
GradientTape and Session calls, reads eager execution, the v2 switches and the default graph before
and after, and puts everything back, whatever the watched code did (raised included); Keras models
are read as plain data.

The exercises: the cases' kinds (dtypes, layouts, sizes of 1) do not depend on the seed and are all
visible; the seeded training cases separate every recognised mistake from the right curve by far
more than the tolerance; the side channel that carries what the watch saw reaches only the output
it was recorded for.
"""
from __future__ import annotations

import os
import subprocess
import sys

import numpy as np
import pytest
import torch

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")

import autograder  # noqa: E402,F401  (the import-order guard, before TensorFlow)
from autograder.checks.probes import tensorflow as probe  # noqa: E402

A = "11_pytorch_vs_tensorflow"
QUIET = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", "TF_ENABLE_ONEDNN_OPTS": "0", "OMP_NUM_THREADS": "1"}


def run_python(code: str) -> str:
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=QUIET, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout.strip()


# ---- no TensorFlow unless asked for ----------------------------------------------------------------

def test_the_library_the_exercises_and_the_judges_side_never_import_tensorflow():
    """Importing the probe, registering every exercise, building the 11 cases (visible and hidden)
    and running the references with the reference side's extras loads no TensorFlow: the grader's
    judge never needs it. The probe itself imports nothing of the course."""
    code = f"""
import sys
import autograder.checks.probes.tensorflow as probe
assert not [m for m in sys.modules if m.startswith(('autograder.exercises', 'autograder.grading', 'autograder.data'))]
from autograder import exercises
from autograder.checks.judge import _Reference
for ex in exercises.of_assignment({A!r}):
    for hidden in (False, True):
        for case in ex.make_cases(3, hidden):
            ref = _Reference(ex, case)
            assert ref.error is None, (ex.id, ref.error)
print(sorted(m for m in sys.modules if m == 'tensorflow' or m.startswith(('tensorflow.', 'keras'))))
"""
    assert run_python(code) == "[]"


def test_a_watch_without_tensorflow_only_notes_whether_the_code_imported_it():
    code = """
import sys
import autograder
from autograder.checks.probes import tensorflow as probe
with probe.Watch() as quiet:
    sum(range(10))
assert 'tensorflow' not in sys.modules
with probe.Watch() as importing:
    import tensorflow
print(quiet.describe_use(), '|', importing.describe_use(), '|', importing.used_tensorflow(), quiet.used_tensorflow())
"""
    assert run_python(code) == "not used | imported by your code | True False"


# ---- with TensorFlow ---------------------------------------------------------------------------------

tf = pytest.importorskip("tensorflow")
keras = pytest.importorskip("keras")
from tensorflow.python.client import session as tf_session  # noqa: E402
from tensorflow.python.eager import backprop, context, execute  # noqa: E402


def graph_of_own(x):
    g = tf.Graph()
    with g.as_default():
        p = tf.compat.v1.placeholder(tf.as_dtype(x.dtype), x.shape)
        out = tf.reduce_sum(p * 2)
    with tf.compat.v1.Session(graph=g) as sess:
        return sess.run(out, {p: x})


def test_ops_are_seen_where_they_run():
    x = np.ones((2, 3), np.float32)
    with probe.Watch() as w:
        tf.ones_like(x).numpy()
        assert graph_of_own(x) == 12
    assert w.op_types(probe.EAGER) == ["OnesLike"]
    assert "Placeholder" in w.op_types(probe.OTHER_GRAPH) and not w.op_types(probe.DEFAULT_GRAPH)
    assert w.calls["Session.run"] == 1 and w.gradient_calls() == 0
    assert w.report()["default graph"] == "unchanged" and w.report()["switches changed"] == []
    assert w.describe_use().startswith("used: ran OnesLike (eagerly); ran ")


def test_a_watch_of_numpy_code_sees_nothing_and_a_round_trip_through_tensorflow_is_seen():
    with probe.Watch() as w:
        np.ones((3, 3)) @ np.ones((3, 3))
    assert not w.ops and not w.calls and w.describe_use() == "not used"
    with probe.Watch() as w:
        tf.constant(np.ones(3)).numpy()  # no op runs, but the values went through TensorFlow
    assert not w.ops and w.calls[probe.TENSOR_FROM_VALUES] == 1 and w.calls[probe.TENSOR_READ] == 1
    assert w.used_tensorflow() and "tf.constant" in w.describe_use()


def test_gradient_calls_are_counted_and_the_methods_put_back():
    originals = {m: backprop.GradientTape.__dict__[m] for m in probe.GRADIENT_METHODS}
    run = tf_session.BaseSession.__dict__["run"]
    v = tf.Variable([1.0, 2.0])
    with probe.Watch() as w:
        with tf.GradientTape() as tape:
            y = tf.reduce_sum(v * v)
        tape.gradient(y, v)
    assert w.calls["GradientTape.gradient"] == 1 and w.gradient_calls() == 1 and not w.calls["Session.run"]
    with probe.Watch() as w:
        with tf.GradientTape() as tape:
            y = v * 2
        tape.jacobian(y, v)
    assert w.calls["GradientTape.jacobian"] == 1 and w.gradient_calls() >= 1
    assert all(backprop.GradientTape.__dict__[m] is f for m, f in originals.items())
    assert tf_session.BaseSession.__dict__["run"] is run


def test_switches_already_off_are_reported_and_the_code_still_runs_with_tensorflow_2():
    saved = probe.state()
    tf.compat.v1.disable_v2_behavior()  # as a notebook cell running the slides' first line would
    try:
        with probe.Watch() as w:
            inside = tf.executing_eagerly(), tf.reduce_sum(tf.constant([1.0, 2.0])).numpy()
        assert inside == (True, 3.0)
        assert w.report()["switches off when the watch started"] == list(probe.SWITCHES)
        assert w.report()["switches changed"] == []  # the call itself changed nothing
        assert not tf.executing_eagerly()  # the state it found is put back
    finally:
        probe.restore(saved)
    assert tf.executing_eagerly()


def test_disable_v2_behavior_is_seen_and_undone():
    before = probe.state()
    with probe.Watch() as w:
        tf.compat.v1.disable_v2_behavior()
        assert not tf.executing_eagerly()
        p = tf.compat.v1.placeholder(tf.float32, (2,))
        tf.reduce_sum(p)
    report = w.report()
    assert report["switches changed"] == [f"{k}: on -> off" for k in probe.SWITCHES]
    assert report["default graph"].endswith("added to it")
    assert "Placeholder" in w.op_types(probe.DEFAULT_GRAPH)
    after = probe.state()
    assert {k: after[k] for k in probe.TF2_DEFAULTS} == {k: before[k] for k in probe.TF2_DEFAULTS}
    assert tf.executing_eagerly()
    assert tf.reduce_sum(tf.constant([1.0, 2.0])).numpy() == 3.0  # eager works again
    assert not context.context().op_callbacks and execute.execute is execute.quick_execute


def test_the_code_runs_with_tensorflow_2_on_and_the_earlier_state_comes_back():
    """Code watched after something switched eager execution off still runs eagerly, and the
    state it found is put back afterwards."""
    saved = probe.state()
    probe.restore({**saved, "eager execution": False, "default execution mode": 0})
    try:
        assert not tf.executing_eagerly()
        with probe.Watch():
            inside = tf.executing_eagerly()
        assert inside and not tf.executing_eagerly()
    finally:
        probe.restore(saved)
    assert tf.executing_eagerly()


def test_a_graph_left_as_the_default_is_reported_and_dropped():
    switches = len(context.context().context_switches.stack)
    g = tf.Graph()
    with probe.Watch() as w:
        manager = g.as_default()
        manager.__enter__()  # not exited in the watched code
        tf.compat.v1.placeholder(tf.float32, (1,))
    assert w.report()["default graph"].startswith("another graph was left as the default")
    assert tf.compat.v1.get_default_graph() is not g and tf.executing_eagerly()
    layer = keras.layers.Dense(2)
    layer.build((None, 3))  # Keras creates its variables eagerly, not in g
    assert g.get_operations()[-1].type == "Placeholder" and layer.kernel.numpy().shape == (3, 2)
    manager.__exit__(None, None, None)  # the forgotten exit, late: it leaves TensorFlow as it was
    assert len(context.context().context_switches.stack) == switches and tf.executing_eagerly()


def test_a_replaced_default_graph_is_reported():
    with probe.Watch() as w:
        tf.compat.v1.reset_default_graph()
    assert w.report()["default graph"].startswith("replaced")


def test_everything_is_put_back_when_the_code_raises():
    before = probe.state()
    with pytest.raises(RuntimeError, match="boom"):
        with probe.Watch():
            tf.compat.v1.disable_eager_execution()
            raise RuntimeError("boom")
    after = probe.state()
    assert {k: after[k] for k in probe.TF2_DEFAULTS} == {k: before[k] for k in probe.TF2_DEFAULTS}
    assert "gradient" in backprop.GradientTape.__dict__ and not context.context().op_callbacks


# ---- Keras models as data -----------------------------------------------------------------------------


def test_a_keras_model_as_data():
    model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(4, activation="relu"), keras.layers.ReLU(),
                              keras.layers.Dense(2, use_bias=False)])
    kernel0, bias0 = np.arange(12, dtype=np.float32).reshape(3, 4) / 10, np.array([1, -1, 0, 2], np.float32)
    kernel1 = np.ones((4, 2), np.float32)
    model.layers[0].set_weights([kernel0, bias0])
    model.layers[2].set_weights([kernel1])
    x = np.array([[1.0, -2.0, 0.5]], np.float32)
    data = probe.keras_model(model, x)
    assert data["Sequential"] and data["class"].endswith("Sequential")
    assert data["layers"] == ["Dense", "ReLU", "Dense"]
    assert [k.shape for k in data["Dense kernels"]] == [(3, 4), (4, 2)]
    np.testing.assert_array_equal(data["Dense biases"][1], np.zeros(2, np.float32))  # no bias: zeros
    assert data["Dense activations"] == ["relu", "linear"]
    assert data["canonical layers"] == ["Dense", "ReLU", "ReLU", "Dense"]
    np.testing.assert_allclose(data["outputs"], np.maximum(x @ kernel0 + bias0, 0) @ kernel1, rtol=1e-6)
    assert type(data["outputs"]) is np.ndarray


def test_canonical_layers_read_a_dense_activation_and_a_relu_layer_the_same():
    def words(*layers):
        return probe.canonical_layers(keras.Sequential([keras.Input((3,)), *layers]))

    dense_relu = words(keras.layers.Dense(4, activation="relu"), keras.layers.Dense(2))
    assert dense_relu == words(keras.layers.Dense(4), keras.layers.ReLU(), keras.layers.Dense(2)) \
        == words(keras.layers.Dense(4), keras.layers.Activation("relu"), keras.layers.Dense(2)) \
        == words(keras.layers.Dense(4, activation=tf.nn.relu), keras.layers.Dense(2)) == ["Dense", "ReLU", "Dense"]
    assert words(keras.layers.Dense(4, activation="relu"), keras.layers.ReLU()) == ["Dense", "ReLU", "ReLU"]
    assert words(keras.layers.Dense(4), keras.layers.Dropout(0.5), keras.layers.Activation("linear"),
                 keras.layers.ReLU(max_value=6.0), keras.layers.Dense(1, activation="sigmoid")) == \
        ["Dense", "Dropout", "Activation(linear)", "ReLU(max_value=6.0)", "Dense", "sigmoid"]


def test_placeholders_feeds_gradients_and_keras_calls_are_kept_as_plain_data():
    """Placeholders: where, dtype, shape, and whether a tf.function made them; Session.run's feeds
    (keys given as tensors or names); the values of the tape's gradients, eager ones at once and
    symbolic ones when a tf.function's call or Session.run hands them out; Keras models called."""
    from tensorflow.python.eager.polymorphic_function import atomic_function

    x, w = np.arange(6.0).reshape(2, 3), np.ones((3, 1))
    methods = {"call_flat": atomic_function.AtomicFunction.__dict__["call_flat"],
               "__call__": keras.Layer.__dict__["__call__"], "run": tf_session.BaseSession.__dict__["run"]}

    @tf.function
    def traced(x, w):
        with tf.GradientTape() as tape:
            tape.watch(w)
            loss = tf.reduce_sum(x @ w)
        return loss, tape.gradient(loss, w)

    model = keras.Sequential([keras.Input((3,)), keras.layers.Dense(2, activation="relu"), keras.layers.Dense(1)])
    with probe.Watch() as watch:
        traced(tf.constant(x), tf.constant(2 * w))
        v = tf.Variable(3 * w)
        with tf.GradientTape() as tape:
            loss = tf.reduce_sum(x @ v)
        tape.gradient(loss, [v])
        g = tf.Graph()
        with g.as_default():
            p = tf.compat.v1.placeholder(tf.float64, (None, 3))
            q = tf.compat.v1.placeholder(tf.float32, None, name="q")
            with tf.GradientTape() as tape:
                tape.watch(p)
                out = tf.reduce_sum(p * 4)
            grad = tape.gradient(out, p)
        with tf.compat.v1.Session(graph=g) as sess:
            sess.run({"out": out, "grad": grad}, feed_dict={p: x, "q:0": np.float32(1)})
            sess.run(out, {p: x})
        model(x.astype(np.float32))
        model(x.astype(np.float32))
    ours = [d for d in watch.placeholders if not d["traced function"]]
    assert ours == [{"where": probe.OTHER_GRAPH, "traced function": False, "dtype": "float64", "shape": [None, 3]},
                    {"where": probe.OTHER_GRAPH, "traced function": False, "dtype": "float32", "shape": None}]
    assert [d["dtype"] for d in watch.placeholders if d["traced function"]] == ["float64", "float64"]
    assert [[(e["op"], e["dtype"]) for e in run] for run in watch.feeds] == \
        [[("Placeholder", "float64"), ("Placeholder", "float32")], [("Placeholder", "float64")]]
    assert watch.feeds[0][0]["value id"] == id(x) and type(watch.feeds[0][0]["value"]) is np.ndarray
    sums = x.sum(axis=0)[:, None]
    expected = [sums, sums, np.full_like(x, 4.0)]  # the tf.function's, the eager tape's, the graph's
    assert len(watch.gradients) == 3
    for got, want in zip(watch.gradients, expected):
        assert type(got) is np.ndarray
        np.testing.assert_array_equal(got, want)
    assert dict(watch.keras_calls) == {("Sequential", True, ("Dense", "ReLU", "Dense")): 2}
    assert watch.report()["Keras models called"] == [
        {"class": "Sequential", "Sequential": True, "layers": ["Dense", "ReLU", "Dense"], "calls": 2}]
    assert methods == {"call_flat": atomic_function.AtomicFunction.__dict__["call_flat"],
                       "__call__": keras.Layer.__dict__["__call__"], "run": tf_session.BaseSession.__dict__["run"]}


def test_the_exercises_observations_of_placeholders_and_feeds():
    assert ex11._placeholder_words(["float64"] * 4) == "4 placeholders, all float64"
    assert ex11._placeholder_words(["float32"]) == "1 placeholder, float32"
    assert ex11._placeholder_words([]) == "none"
    assert ex11._placeholder_words(["float64", "float32", "float64"]) == "3 placeholders: float32, float64, float64"
    x, y, w1, w2 = (np.full((2, 2), float(k)) for k in range(4))
    args = (x, y, w1, w2)

    def entry(value, op="Placeholder"):
        return {"op": op, "dtype": "float64", "value": np.array(value), "value id": id(value)}

    assert ex11._fed_words([[entry(x), entry(y), entry(w1), entry(w2)]], args) == "x, y, w1 and w2"
    assert ex11._fed_words([[entry(x.copy()), entry(w2.tolist())], [entry(y)]], args) == "x, y and w2"
    assert ex11._fed_words([[]], args) == "nothing: no feed_dict"
    assert ex11._fed_words([[entry(x), entry(w1, "Const"), entry(np.ones(3))]], args) == \
        "x; and a value that is none of the inputs (shape (3,)); w1 into a Const op, not a placeholder"


def test_the_returned_gradients_must_be_what_the_tape_gave():
    """The tape's values, kept by the watch, against the arrays returned: a cast to another float
    dtype and back is the same value; anything computed otherwise is not."""
    ex = exercises.get("tf_two_layer_grads")
    case = ex.make_cases(0, hidden=False)[1]  # float64

    def answer(x, y, w1, w2, *, other=False, cast=None):
        v1, v2 = tf.Variable(w1), tf.Variable(w2)
        with tf.GradientTape() as tape:
            loss = tf.reduce_mean(tf.reduce_sum((tf.nn.relu(x @ v1) @ v2 - y) ** 2, axis=1))
        g1, g2 = (g.numpy() for g in tape.gradient(loss, [v1, v2]))
        if other:  # within any tolerance of the values, but not them: computed otherwise
            g2 = np.nextafter(g2, np.inf)
        if cast:
            g1 = g1.astype(cast)
        return loss.numpy(), g1, g2

    def seen(**kw):
        call = ex.adapter(lambda *a: answer(*a, **kw))
        out = call(*case.args)
        return ex.extras(out, case, case.args, None)[ex11.TAPE]

    assert seen() == seen(cast=np.float32) == ex11.TAPE_USED
    assert seen(other=True).startswith("tape.gradient was called, but grad_w2 is not what it returned")
    assert ex.extras({}, case, case.args, None) == {ex11.TAPE: ex11.TAPE_USED}  # the reference's side


def test_other_objects_are_not_keras_models():
    assert probe.keras_model(object()) == {"class": "builtins.object", "Sequential": False}

    class Sequential:  # a name is not enough: the class must be Keras's
        pass

    assert not probe.is_keras_sequential(Sequential())
    inputs = keras.Input((2,))
    functional = keras.Model(inputs, keras.layers.Dense(1)(inputs))
    data = probe.keras_model(functional)
    assert probe.is_keras_model(functional) and not data["Sequential"] and len(data["Dense kernels"]) == 1


# ---- the 11 exercises -------------------------------------------------------------------------------

from autograder import exercises  # noqa: E402
from autograder.exercises import ex11_pytorch_vs_tensorflow as ex11  # noqa: E402

EXERCISES = sorted(exercises.of_assignment(A), key=lambda e: e.id)


def kinds(ex, seed: int, hidden: bool) -> set:
    """What an answer can trip over, per argument: NumPy arrays' dtype, C-contiguity and sizes of 1;
    the Linear/ReLU layout of a module (bias or not, a ReLU last); the kinds of scalars."""
    out = set()
    for case in ex.make_cases(seed, hidden):
        for i, a in enumerate(case.args):
            if isinstance(a, np.ndarray):
                out |= {(i, str(a.dtype)), (i, "C-contiguous" if a.flags.c_contiguous else "non-contiguous")}
                out |= {(i, f"size 1 in dim {d}") for d, n in enumerate(a.shape) if n == 1 and d == 0}
            elif isinstance(a, torch.nn.Module):
                linears = [m for m in a if isinstance(m, torch.nn.Linear)]
                out |= {(i, "Linear without bias") for m in linears if m.bias is None}
                out |= {(i, "ReLU last") for m in list(a)[-1:] if isinstance(m, torch.nn.ReLU)}
                out |= {(i, "one Linear") for _ in [0] if len(linears) == 1}
                out |= {(i, "square Linear") for m in linears if m.in_features == m.out_features}
            else:
                out.add((i, type(a).__name__))
    return out


@pytest.mark.parametrize("ex", EXERCISES, ids=lambda e: e.id)
def test_hidden_kinds_do_not_depend_on_the_seed_and_are_all_visible(ex):
    visible = kinds(ex, 0, False)
    hidden = [kinds(ex, seed, True) for seed in range(8)]
    assert not set().union(*hidden) - set.intersection(*hidden), "the seed decides what the hidden checks cover"
    assert not hidden[0] - visible, f"only hidden checks cover {sorted(hidden[0] - visible)}"


@pytest.mark.parametrize("ex", EXERCISES, ids=lambda e: e.id)
def test_cases_labelled_non_contiguous_are(ex):
    for seed, hidden in [(0, False)] + [(s, True) for s in range(4)]:
        for case in ex.make_cases(seed, hidden):
            if "non-contiguous" in case.label:
                assert any(isinstance(a, np.ndarray) and not a.flags.c_contiguous for a in case.args), case.label


def test_every_training_mistake_is_far_from_the_right_curve():
    """With the seeded cases' learning rates and sizes, each recognised mistake moves the curves by
    far more than the 1e-4 they are compared to: a wrong answer cannot pass by luck."""
    ex = exercises.get("train_both")
    rtol, atol = ex.tolerances[torch.float64]
    for seed in range(6):
        for case in ex.make_cases(seed, hidden=True):
            right = ex.reference(*case.args)
            for mistake in ex.mistakes:
                wrong = mistake.fn(*case.args)
                gaps = [abs(w - r) / (atol + rtol * abs(r)) for key in right for w, r in zip(wrong[key], right[key])]
                if case.args[3] == 1 and "after its step" not in mistake.explain and "sum" not in mistake.explain:
                    continue  # one step: the optimizers have not acted yet
                assert max(gaps) > 10, (case.label, mistake.explain, max(gaps))


def test_a_right_float32_training_run_is_well_within_the_tolerance():
    """float32 arithmetic on both sides, float64 inputs included, stays 100 times inside 1e-4."""
    ex = exercises.get("train_both")
    rtol = ex.tolerances[torch.float64][0]
    ns = {"np": np, "torch": torch, "nn": torch.nn, "F": torch.nn.functional, "tf": tf, "keras": keras}
    path = os.path.join(os.path.dirname(__file__), "corpus", A, "train_both", "right_float32_by_variables.py")
    exec(compile(open(path).read(), path, "exec"), ns)
    for case in ex.make_cases(1, hidden=True):
        right = ex.reference(*case.args)
        got = ns["train_both"](*case.args)
        for key, curve in zip(ex11.CURVES, got):
            gap = max((abs(float(g) - r) / abs(r) for g, r in zip(curve, right[key])), default=0.0)
            assert gap < rtol / 100, (case.label, key, gap)


def test_the_side_channel_reaches_only_the_output_it_was_recorded_for():
    ex = exercises.get("numpy_grads")
    x = np.ones((2, 2))
    call = ex.adapter(lambda x, y, z: (y, x, np.ones_like(z)))
    out = call(x, x, x)
    assert ex11._SEEN and ex.extras(out, None, [x, x, x], None) == {ex11.TF_USE: "not used"}
    assert not ex11._SEEN  # handed over once
    reference_side = ex.extras(ex.reference(x, x, x), None, [x, x, x], None)
    assert reference_side == {ex11.TF_USE: "not used"}

    def uses_tf(x, y, z):
        return y, x, tf.ones_like(z).numpy()

    out = ex.adapter(uses_tf)(x, x, x)
    assert ex.extras(out, None, [x, x, x], None)[ex11.TF_USE].startswith("used: ran OnesLike")
    with pytest.raises(TypeError, match=r"must return a tuple \(grad_x, grad_y, grad_z\) of 3 items; it returned a list of 2"):
        ex.adapter(lambda x, y, z: [x, y])(x, x, x)
    assert not ex11._SEEN  # nothing kept for a call that did not return


def test_a_notebook_that_switched_tensorflow_2_off_fails_the_static_graph_exercise_and_says_why():
    """The slides' tf.disable_v2_behavior() run by a cell (not by the function): the right function
    still computes under the check (which switches TensorFlow 2 on for the call), and the check
    reports what the notebook did."""
    from autograder.checks import CheckFailed
    from nbtools import cell, python_source, read, setup_namespace, solution_path

    ns = setup_namespace(A)
    exec(python_source(cell(read(solution_path(A)), "tf_static_graph_grads").source), ns)
    saved = probe.state()
    tf.compat.v1.disable_v2_behavior()
    try:
        with pytest.raises(CheckFailed) as failure:
            ns["check"]("tf_static_graph_grads", ns["tf_static_graph_grads"])
    finally:
        probe.restore(saved)
    verdict = failure.value.verdict
    assert verdict.stage == ex11.STARTED and "restart the kernel" in verdict.message, verdict.message
    assert "off (eager execution, TF2 behaviour" in verdict.message
    ns["check"]("tf_static_graph_grads", ns["tf_static_graph_grads"])  # TensorFlow 2 back on: it passes


@pytest.mark.parametrize("seed", [0, 1, 8884, 2**31 - 1])
def test_the_reference_network_is_what_manual_seed_makes_without_touching_the_global_generator(seed):
    before = torch.random.get_rng_state()
    mine = ex11._seeded_net(5, 3, 2, seed)
    assert torch.equal(torch.random.get_rng_state(), before)
    torch.manual_seed(seed)
    theirs = torch.nn.Sequential(torch.nn.Linear(5, 3), torch.nn.ReLU(), torch.nn.Linear(3, 2))
    torch.random.set_rng_state(before)
    assert all(torch.equal(a, b) for a, b in zip(mine.parameters(), theirs.parameters()))


def test_references_judged_in_threads_agree():
    """The grader judges notebooks in threads of one process: the references of train_both and the
    cases of torch_to_keras give the same results whatever runs beside them."""
    from concurrent.futures import ThreadPoolExecutor

    train, keras_ex = exercises.get("train_both"), exercises.get("torch_to_keras")

    def work(seed):
        cases = train.make_cases(seed, hidden=True)
        modules = keras_ex.make_cases(seed, hidden=True)
        return ([train.reference(*c.args) for c in cases],
                [[p.detach().clone() for p in c.args[0].parameters()] for c in modules])

    alone = [work(s) for s in range(4)]
    with ThreadPoolExecutor(4) as pool:
        together = list(pool.map(work, list(range(4)) * 3))
    for k, (curves, params) in enumerate(together):
        want_curves, want_params = alone[k % 4]
        assert curves == want_curves
        assert all(torch.equal(a, b) for p, q in zip(params, want_params) for a, b in zip(p, q))
