"""Observing code that uses TensorFlow and Keras, as plain data.

TensorFlow is large (seconds to import) and most courses and graders never need it, so this module
imports none of it when it is imported; every function that needs TensorFlow imports it when it is
called. `Watch` does not import it either: when TensorFlow is not loaded as a watch starts, the
watch only notes whether the watched code imported it.

- `Watch()`, around a call: which TensorFlow ops ran and where (executed eagerly, added to the global
  default graph, or to another graph: the code's own `tf.Graph`, a traced `tf.function`), how often
  `GradientTape.gradient` (or `jacobian`, `batch_jacobian`) and `Session.run` were called, how many
  eager tensors were made from values and read back (`tf.constant(a)`, `t.numpy()`), and the
  process-wide state of TensorFlow before and after: eager execution, the other switches that
  `tf.compat.v1.disable_v2_behavior()` turns off, and the global default graph (the same object,
  with no op added). The code runs with TensorFlow 2's defaults switched on, whatever an earlier
  cell did, and everything is put back as it was before the watch afterwards: one call that
  disables eager execution for the whole process changes nothing for the next.
  Ops are seen through TensorFlow's op callbacks (`tensorflow.python.framework.op_callbacks`, the
  mechanism tfdbg uses): they fire for every op executed eagerly and for every op added to a graph,
  however it was reached (`tf.matmul`, `x @ w`, `tf.experimental.numpy`, a Keras layer).
  A watch also keeps, as plain data: the placeholders created in graphs (`placeholders`: where, dtype,
  shape), what each `Session.run` was fed (`feeds`: one list per call, each fed tensor's op type and
  dtype with a NumPy copy of the value), the values the tape's gradient methods returned (`gradients`,
  NumPy copies: eager results at once; symbolic ones, made in a traced `tf.function` or a graph, when
  the function's call or a `Session.run` hands out their values), and the Keras models called
  (`keras_calls`: the model's class and `canonical_layers`, counted; Keras is watched only when it
  was imported before the watch started).
- `state()` / `restore(saved)`: that process-wide state as plain data, and putting it back.
- `keras_model(model, inputs)`: a Keras model as plain data: its class, its layers (as class names
  and as `canonical_layers`), the kernels and biases of its Dense layers, its outputs on `inputs`.
- `canonical_layers(model)`: the function a model's layers compute, one word per step: "Dense" per
  Dense layer, then its activation ("ReLU" for relu, else the activation's name) unless it is
  linear; "ReLU" for a plain `ReLU()` layer or `Activation("relu")`; anything else by its class
  (with its settings where they change the function, "ReLU(max_value=6.0)", "Activation(linear)").
  So `Dense(activation="relu")` and `Dense()` followed by `ReLU()` read the same.

Everything returned is plain data: strings, numbers, lists, dicts and NumPy arrays.
"""
from __future__ import annotations

import sys
from collections import Counter

import numpy

MODULE = "tensorflow"
EAGER, DEFAULT_GRAPH, OTHER_GRAPH = "eager", "the default graph", "another graph"
GRADIENT_METHODS = ("gradient", "jacobian", "batch_jacobian")
TENSOR_FROM_VALUES, TENSOR_READ = "tf.constant / tf.convert_to_tensor", "Tensor.numpy"
MAX_KEPT = 256  # values kept by a watch (gradients, fed values): a bound, far above what one call makes
# The switches tf.compat.v1.disable_v2_behavior() turns off, in the words a message uses.
SWITCHES = ("eager execution", "TF2 behaviour", "v2 TensorShape", "resource variables", "tensor equality",
            "control flow v2")


def loaded() -> bool:
    """True when TensorFlow has been imported in this process."""
    return MODULE in sys.modules and "tensorflow.python.framework.ops" in sys.modules


def tensorflow():
    """The `tensorflow` module, imported on first use (the course's guard orders it after triton)."""
    import tensorflow as tf  # noqa: F401  (lazily: seconds of import)

    return tf


# ---- process-wide state ----------------------------------------------------------------------

def _internals():
    from tensorflow.python import tf2
    from tensorflow.python.eager import context
    from tensorflow.python.framework import ops, tensor, tensor_shape
    from tensorflow.python.ops import control_flow_util, resource_variables_toggle

    return tf2, context, ops, tensor, tensor_shape, control_flow_util, resource_variables_toggle


def state() -> dict:
    """TensorFlow's process-wide switches and default graph, as plain data (TensorFlow must be
    loaded). Graph entries are identities and counters, meaningful within this process only."""
    tf2, context, ops, tensor, tensor_shape, cfu, rvt = _internals()
    stack = ops._default_graph_stack  # noqa: SLF001  (the global default graph has no public handle)
    graph = stack._GetGlobalDefaultGraph()
    return {
        "eager execution": bool(context.executing_eagerly()),
        "TF2 behaviour": bool(tf2.enabled()),
        "v2 TensorShape": tensor_shape._TENSORSHAPE_V2_OVERRIDE,
        "resource variables": bool(rvt._DEFAULT_USE_RESOURCE),
        "tensor equality": bool(tensor.Tensor._USE_EQUALITY),
        "control flow v2": bool(cfu.ENABLE_CONTROL_FLOW_V2),
        "default execution mode": int(context.default_execution_mode),
        "graph stack depth": len(stack.stack),
        "global default graph": id(graph),
        "global default graph version": int(graph.version),
    }


TF2_DEFAULTS = {"eager execution": True, "TF2 behaviour": True, "v2 TensorShape": True, "resource variables": True,
                "tensor equality": True, "control flow v2": True, "default execution mode": 1}


def restore(saved: dict) -> None:
    """Put TensorFlow's switches back as `saved` (from `state()`, or TF2_DEFAULTS), and drop graphs
    left on the default graph stack beyond its saved depth. Eager execution is switched back on
    directly: `tf.compat.v1.enable_eager_execution()` refuses once a graph has been used."""
    tf2, context, ops, tensor, tensor_shape, cfu, rvt = _internals()
    depth = saved.get("graph stack depth")
    stack = ops._default_graph_stack
    if depth is not None and len(stack.stack) > depth:
        # Graphs entered with as_default() and never exited. Each also pushed a context switch that
        # would make tf.init_scope() (Keras's variable creation) enter that graph: those entries are
        # replaced by the one below them, so that when the forgotten context manager is finally
        # closed (garbage collected), the pop it does removes a copy and nothing else.
        extra = len(stack.stack) - depth
        del stack.stack[depth:]
        switches = context.context().context_switches.stack
        if len(switches) > extra:
            switches[-extra:] = [switches[-extra - 1]] * extra
    if bool(tf2.enabled()) != saved["TF2 behaviour"]:
        (tf2.enable if saved["TF2 behaviour"] else tf2.disable)()
        try:
            from tensorflow.python.compat import v2_compat

            for name in v2_compat._DATA_V2_CALLBACKS.list():  # tf.data's Dataset class follows tf2
                v2_compat._DATA_V2_CALLBACKS.lookup(name)()
        except Exception:  # noqa: BLE001  (tf.data's switch is cosmetic here)
            pass
    tensor_shape._TENSORSHAPE_V2_OVERRIDE = saved["v2 TensorShape"]
    rvt._DEFAULT_USE_RESOURCE = saved["resource variables"]
    tensor.Tensor._USE_EQUALITY = saved["tensor equality"]
    cfu.ENABLE_CONTROL_FLOW_V2 = saved["control flow v2"]
    context.default_execution_mode = saved["default execution mode"]
    context.context()._thread_local_data.is_eager = saved["eager execution"]


def changed_switches(before: dict, after: dict) -> list[str]:
    """The switches (SWITCHES) that differ between two states, as "eager execution: on -> off"."""
    def word(v):
        return "on" if v else "off"
    return [f"{k}: {word(before[k])} -> {word(after[k])}" for k in SWITCHES if bool(before[k]) != bool(after[k])]


def default_graph_change(before: dict, after: dict) -> str:
    """What happened to the global default graph between two states, in words ("unchanged" if nothing)."""
    if after["graph stack depth"] > before["graph stack depth"]:
        return "another graph was left as the default (a Graph.as_default() that was entered and never exited)"
    if after["global default graph"] != before["global default graph"]:
        return "replaced by a new graph (tf.compat.v1.reset_default_graph())"
    added = after["global default graph version"] - before["global default graph version"]
    if added:
        return f"{added} op{'s' if added != 1 else ''} added to it"
    return "unchanged"


# ---- watching a call ---------------------------------------------------------------------------

class Watch:
    """`with Watch() as w: fn(...)`, then `w.report()` (see the module's docstring).

    The watched code runs with TensorFlow 2's defaults (eager execution and the rest) switched on;
    afterwards the state is put back as it was before the watch. Ops are counted by (op type,
    where); a watch holds no reference to any tensor (values are kept as NumPy copies, symbolic
    tensors by their graph's id and their name)."""

    def __init__(self):
        self.ops: Counter = Counter()  # (op type, where) -> count
        self.calls: Counter = Counter()  # "GradientTape.gradient", "Session.run" -> count
        # Placeholder ops created in a graph, in order: {"where": DEFAULT_GRAPH or OTHER_GRAPH,
        # "traced function": bool (a tf.function's own input), "dtype": name, "shape": list or None}
        self.placeholders: list[dict] = []
        # One list per Session.run call that returned: each fed entry as {"op": the fed tensor's op
        # type ("Placeholder"), "dtype": its dtype's name, "value": a NumPy copy of the value,
        # "value id": id() of the object given}
        self.feeds: list[list[dict]] = []
        self.gradients: list = []  # NumPy copies of what the tape's gradient methods gave
        self.keras_calls: Counter = Counter()  # (class name, Sequential?, canonical layers) -> calls
        self.loaded_before = False
        self.imported = False
        self.before = self.after = None
        self._patched: list = []
        self._symbolic: set = set()  # (id(graph), name) of symbolic results of the gradient methods

    # the callback TensorFlow calls after each op it runs eagerly or adds to a graph
    def _callback(self, op_type, inputs, attrs, outputs, op_name=None, graph=None):
        if graph is None:
            where = EAGER
        elif graph is self._global:
            where = DEFAULT_GRAPH
        else:
            where = OTHER_GRAPH
        name = op_type.decode() if isinstance(op_type, bytes) else str(op_type)
        self.ops[(name, where)] += 1
        if name == "Placeholder" and graph is not None and outputs:
            t = outputs[0]
            shape = t.shape
            self.placeholders.append({
                "where": where, "traced function": isinstance(graph, self._FuncGraph),
                "dtype": t.dtype.name, "shape": None if shape.rank is None else
                [None if d is None else int(d) for d in shape.as_list()]})
        return None  # the outputs as they are

    def _count(self, owner, name: str, key: str | None, after=None) -> None:
        """Count the calls of `owner.name` (a class's method, or a module's function that the module
        itself calls through its globals) under `key` (None: not counted), until the watch ends.
        `after(args, kwargs, result)` is told of each call that returned; what it raises is dropped
        (an observation it failed to make is missing, which no check takes for a right answer)."""
        original = vars(owner).get(name)
        if original is None:
            return
        calls = self.calls

        def counted(*args, **kwargs):
            if key is not None:
                calls[key] += 1
            result = original(*args, **kwargs)
            if after is not None:
                try:
                    after(args, kwargs, result)
                except Exception:  # noqa: BLE001  (never the watched code's concern)
                    pass
            return result

        counted.__name__, counted.__qualname__, counted.__doc__ = name, getattr(original, "__qualname__", name), \
            getattr(original, "__doc__", None)
        setattr(owner, name, counted)
        self._patched.append((owner, name, original))

    # ---- what the hooks keep ------------------------------------------------------------------

    def _keep(self, value) -> None:
        """A NumPy copy of a gradient's value (an eager tensor, or an array Session.run gave)."""
        if len(self.gradients) < MAX_KEPT and value is not None:
            self.gradients.append(numpy.array(value.numpy() if hasattr(value, "numpy") else value, copy=True))

    def _gradient_result(self, args, kwargs, result) -> None:
        for t in self._nest.flatten(result):
            if t is None:
                continue
            if isinstance(t, self._EagerTensor):
                self._keep(t)
            elif hasattr(t, "graph") and hasattr(t, "op"):  # symbolic: its value comes later, if ever
                self._symbolic.add((id(t.graph), t.name))

    def _from_tape(self, t, depth: int = 8) -> bool:
        """Whether the symbolic tensor `t` is a gradient method's result, or an identity of one (a
        tf.function returns identities of its outputs)."""
        while depth > 0:
            try:
                if (id(t.graph), t.name) in self._symbolic:
                    return True
                op = t.op
            except AttributeError:
                return False
            if op.type == "Identity" and len(op.inputs):
                t = op.inputs[0]
            elif op.type == "IdentityN" and len(op.inputs) > t.value_index:
                t = op.inputs[t.value_index]
            else:
                return False
            depth -= 1
        return False

    def _function_result(self, args, kwargs, result) -> None:
        """A traced function called eagerly: the values of its outputs that are gradients."""
        graph = getattr(args[0], "_cached_graph", None)
        if not self._symbolic or graph is None or not self._context.executing_eagerly():
            return
        outputs = list(graph.outputs)
        for i, value in enumerate(result or ()):
            if i < len(outputs) and self._from_tape(outputs[i]):
                self._keep(value)

    def _session_result(self, args, kwargs, result) -> None:
        """What a Session.run call was fed, and the values it gave for symbolic gradients."""
        names = ("self", "fetches", "feed_dict")
        given = {**dict(zip(names, args)), **kwargs}
        session, fetches, feed = given.get("self"), given.get("fetches"), given.get("feed_dict")
        fed = []
        if isinstance(feed, dict):
            graph = session.graph
            for key, value in dict.items(feed):
                if len(fed) >= MAX_KEPT:
                    break
                try:
                    t = graph.as_graph_element(key, allow_tensor=True, allow_operation=False)
                    op, dtype = t.op.type, t.dtype.name
                except Exception:  # noqa: BLE001  (a key TensorFlow took, that we cannot name)
                    op, dtype = type(key).__name__, None
                try:
                    copy = numpy.array(value, copy=True)
                except Exception:  # noqa: BLE001
                    copy = None
                fed.append({"op": op, "dtype": dtype, "value": copy, "value id": id(value)})
        self.feeds.append(fed)
        if self._symbolic:
            fetched, values = self._nest.flatten(fetches), self._nest.flatten(result)
            if len(fetched) == len(values):
                for f, v in zip(fetched, values):
                    if self._from_tape(f):
                        self._keep(v)

    def _keras_call(self, args, kwargs, result) -> None:
        layer = args[0] if args else None
        if is_keras_model(layer):
            key = (type(layer).__name__, is_keras_sequential(layer), tuple(canonical_layers(layer)))
            self.keras_calls[key] += 1

    def _watch_keras(self) -> None:
        """Calls of Keras models (Keras 3's `keras`, Keras 2's `tf_keras`), when already imported."""
        for module, path in (("keras", ("Layer",)), ("tf_keras", ("layers", "Layer"))):
            cls = sys.modules.get(module)
            for attr in path:
                cls = getattr(cls, attr, None)
            if isinstance(cls, type):
                owner = next((c for c in cls.__mro__ if "__call__" in vars(c)), None)
                if owner is not None and owner is not object:
                    self._count(owner, "__call__", None, after=self._keras_call)

    def __enter__(self):
        self.loaded_before = loaded()
        if not self.loaded_before:
            return self
        from tensorflow.python.client import session
        from tensorflow.python.eager import backprop, context
        from tensorflow.python.eager.polymorphic_function import atomic_function
        from tensorflow.python.framework import constant_op, func_graph, op_callbacks, ops
        from tensorflow.python.util import nest

        self._FuncGraph, self._EagerTensor, self._nest, self._context = \
            func_graph.FuncGraph, ops.EagerTensor, nest, context
        self.before = state()
        restore({**self.before, **TF2_DEFAULTS})
        self._global = _internals()[2]._default_graph_stack._GetGlobalDefaultGraph()
        for method in GRADIENT_METHODS:
            self._count(backprop.GradientTape, method, f"GradientTape.{method}", after=self._gradient_result)
        self._count(session.BaseSession, "run", "Session.run", after=self._session_result)
        self._count(atomic_function.AtomicFunction, "call_flat", None, after=self._function_result)
        self._watch_keras()
        # Tensors made from Python or NumPy values run no op (tf.constant, tf.convert_to_tensor),
        # nor does reading a tensor's values back: counted, so that a round trip is seen too.
        self._count(constant_op, "convert_to_eager_tensor", TENSOR_FROM_VALUES)
        self._count(ops._EagerTensorBase, "numpy", TENSOR_READ)
        self._count(ops._EagerTensorBase, "__array__", TENSOR_READ)
        op_callbacks.add_op_callback(self._callback)
        self._callbacks = op_callbacks
        return self

    def __exit__(self, *exc):
        if not self.loaded_before:
            self.imported = loaded()
            return False
        try:
            self.after = state()
        finally:
            # eager first: removing the last op callback while eager also undoes its patch of
            # TensorFlow's execute function
            restore({**self.before, **TF2_DEFAULTS})
            try:
                self._callbacks.remove_op_callback(self._callback)
            except (KeyError, ValueError):  # removed by the watched code
                pass
            for cls, name, original in reversed(self._patched):
                setattr(cls, name, original)
            self._patched = []
            restore(self.before)
        return False

    # ---- what was seen, as plain data --------------------------------------------------------

    def op_types(self, where: str | None = None) -> list[str]:
        """The op types seen (sorted), everywhere or only `where` (EAGER, DEFAULT_GRAPH, OTHER_GRAPH)."""
        return sorted({t for (t, w) in self.ops if where is None or w == where})

    def count(self, op_type: str | None = None, where: str | None = None) -> int:
        return sum(n for (t, w), n in self.ops.items()
                   if (op_type is None or t == op_type) and (where is None or w == where))

    def used_tensorflow(self) -> bool:
        """TensorFlow did something during the call: ran or built an op, or was imported by it."""
        return self.imported or bool(self.ops) or bool(self.calls)

    def gradient_calls(self) -> int:
        return sum(self.calls[f"GradientTape.{m}"] for m in GRADIENT_METHODS)

    def report(self) -> dict:
        out = {
            "TensorFlow loaded before the call": self.loaded_before,
            "TensorFlow imported by the call": self.imported,
            "ops": {f"{t} ({w})": n for (t, w), n in sorted(self.ops.items())},
            "calls": dict(sorted(self.calls.items())),
        }
        if self.before is not None:
            out["switches off when the watch started"] = [k for k in SWITCHES if not self.before[k]]
        if self.before is not None and self.after is not None:
            out["switches changed"] = changed_switches({**self.before, **TF2_DEFAULTS}, self.after)
            out["default graph"] = default_graph_change(self.before, self.after)
        out["placeholders"] = [dict(p) for p in self.placeholders]
        out["Keras models called"] = [{"class": c, "Sequential": seq, "layers": list(layers), "calls": n}
                                      for (c, seq, layers), n in self.keras_calls.items()]
        return out

    def describe_use(self, limit: int = 6) -> str:
        """In words: "not used", or what TensorFlow did ("ran Mul, OnesLike (eagerly)")."""
        if self.imported:
            return "imported by your code"
        if not self.used_tensorflow():
            return "not used"
        parts = []
        for where, words in ((EAGER, "eagerly"), (DEFAULT_GRAPH, "in the default graph"),
                             (OTHER_GRAPH, "in a graph")):
            types = self.op_types(where)
            if types:
                more = f" and {len(types) - limit} more" if len(types) > limit else ""
                parts.append(f"ran {', '.join(types[:limit])}{more} ({words})")
        parts += [f"called {k}" for k in sorted(self.calls)]
        return "used: " + "; ".join(parts)


# ---- Keras models as data ----------------------------------------------------------------------

def _class_names(obj) -> list[tuple[str, str]]:
    return [(c.__module__, c.__name__) for c in type(obj).__mro__]


def _is_keras(obj, name: str) -> bool:
    """An instance of Keras's class `name` (Keras 3's `keras`, or Keras 2's `tf_keras`/`tf.keras`),
    judged by the class hierarchy: nothing of the object's own runs."""
    return any(n == name and (m.startswith("keras.") or m.startswith("tf_keras.") or ".keras." in m)
               for m, n in _class_names(obj))


def is_keras_model(obj) -> bool:
    return _is_keras(obj, "Model")


def is_keras_sequential(obj) -> bool:
    return _is_keras(obj, "Sequential")


def _numpy(value):
    if hasattr(value, "numpy"):
        value = value.numpy()
    return numpy.array(value, copy=True)


def _qualname(obj) -> str:
    cls = type(obj)
    return f"{cls.__module__}.{cls.__qualname__}"


def _activation_name(activation) -> str:
    return getattr(activation, "__name__", None) or str(activation)


def canonical_layers(model) -> list[str]:
    """The steps a Keras model's layers compute, as words (see the module's docstring): Dense with
    activation="relu" and Dense followed by ReLU() both give ["Dense", "ReLU"]."""
    words = []
    for layer in list(model.layers):
        if _is_keras(layer, "InputLayer"):
            continue
        if _is_keras(layer, "Dense"):
            words.append("Dense")
            name = _activation_name(getattr(layer, "activation", None))
            if name not in ("linear", "None"):
                words.append("ReLU" if name == "relu" else name)
        elif _is_keras(layer, "ReLU"):
            settings = {k: getattr(layer, k, None) for k in ("max_value", "negative_slope", "threshold")}
            shown = [f"{k}={float(v)}" for k, v in settings.items() if v is not None and float(v) != 0.0]
            words.append("ReLU" + (f"({', '.join(shown)})" if shown else ""))
        elif _is_keras(layer, "Activation"):
            name = _activation_name(getattr(layer, "activation", None))
            words.append("ReLU" if name == "relu" else f"Activation({name})")
        else:
            words.append(type(layer).__name__)
    return words


def keras_model(model, inputs=None) -> dict:
    """A Keras model as plain data: "class", "Sequential" (bool), "layers" (class names), "canonical
    layers" (`canonical_layers`), "Dense kernels" and "Dense biases" (NumPy arrays; a Dense layer
    without a bias gives zeros: the same function), "Dense activations" (names), and "outputs" on `inputs` (a NumPy array; the model is
    called as `model(inputs, training=False)` before its weights are read, so that layers that call
    builds show the weights they computed with). Not a Keras model: only "class" and "Sequential"."""
    out = {"class": _qualname(model), "Sequential": is_keras_sequential(model)}
    if not is_keras_model(model):
        return out
    if inputs is not None:  # first: calling a model builds the layers that are not built yet
        out["outputs"] = _numpy(model(inputs, training=False))
    layers = list(model.layers)
    out["layers"] = [type(layer).__name__ for layer in layers]
    out["canonical layers"] = canonical_layers(model)
    kernels, biases, activations = [], [], []
    for layer in layers:
        if not _is_keras(layer, "Dense"):
            continue
        weights = [numpy.array(w, copy=True) for w in layer.get_weights()]
        kernel = weights[0] if weights else None
        kernels.append(kernel)
        if getattr(layer, "use_bias", True) and len(weights) > 1:
            biases.append(weights[1])
        else:
            units = int(kernel.shape[-1]) if kernel is not None else int(getattr(layer, "units", 0))
            dtype = kernel.dtype if kernel is not None else numpy.float32
            biases.append(numpy.zeros(units, dtype=dtype))
        activation = getattr(layer, "activation", None)
        activations.append(getattr(activation, "__name__", str(activation)))
    out["Dense kernels"], out["Dense biases"], out["Dense activations"] = kernels, biases, activations
    return out
