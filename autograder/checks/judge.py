"""Deciding: the student's observed behaviour against the reference, case by case, then the rules.

`judge` runs in whichever process holds an untouched torch: the notebook's own for a visible
check, the grader's when grading. It only reads plain data (encode.py) from the observed side.

Per case, in this order, stopping at the first failure: the call raised -> type -> shape ->
dtype -> device -> values -> gradients -> inputs modified in place -> view/copy. Then the rules
over all calls: recording intact -> forbidden ops -> autograd -> vectorized.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import torch

from . import report
from .encode import encode
from .observe import _input_names, _unchanged
from .report import Verdict, call_literal, fmt_index, fmt_value
from .spec import Case, Exercise, clone
from .trace import Recorder, Trace, forbidden_used, left_torch, used_autograd

STAGES = ("raised", "error", "type", "structure", "shape", "dtype", "device", "values", "autograd",
          "gradients", "inputs", "view")  # per case; then the rules: integrity, forbidden, required,
#                                           autograd, vectorized
DEFAULT_TOLERANCES = {  # (rtol, atol), as torch.testing.assert_close
    torch.float16: (1e-3, 1e-5), torch.bfloat16: (1.6e-2, 1e-5),
    torch.float32: (1.3e-6, 1e-5), torch.float64: (1e-7, 1e-7),
    torch.complex64: (1.3e-6, 1e-5), torch.complex128: (1e-7, 1e-7),
}


@dataclass
class Mismatch:
    stage: str
    headline: str
    detail: list[str] = field(default_factory=list)
    mistake: str = ""  # the known mistake recognised (Mistake.explain), carried into the Verdict


class _Reference:
    """The reference's output, gradients and inputs-after on a fresh copy of one case. `error`
    holds what it raised when the exercise's contract asks for an exception (`ex.errors`)."""

    def __init__(self, ex: Exercise, case: Case, reference=None, observed=None):
        args = list(clone(case.args))
        kwargs = clone(case.kwargs)
        for i in case.grad_args:
            args[i] = args[i].detach().requires_grad_()
        names, self._alive = _input_names(args, kwargs)  # alive: no id() reused during the call
        reference = reference or ex.reference
        extra = {"observed": observed} if ex.reference_sees_output else {}
        self.error, self.grads, self.extras = None, None, None
        with torch.enable_grad():
            try:
                self.out = reference(*args, **kwargs, **extra)
            except ex.errors as exc:
                self.out, self.error = None, {"type": type(exc).__name__, "message": str(exc)}
            if self.error is None and ex.extras is not None:
                self.extras = encode(ex.extras(self.out, case, args, Recorder), names)
            if case.grad_output is not None and isinstance(self.out, torch.Tensor) and self.out.requires_grad:
                grads = torch.autograd.grad(self.out, [args[i] for i in case.grad_args],
                                            case.grad_output, allow_unused=True)
                self.grads = [encode(g) if g is not None else None for g in grads]
        self.output = encode(self.out, names)
        self.args = args
        self.inputs_after = [encode(a) for a in args]
        self.unchanged = set(_unchanged(args, kwargs, names))


def judge(ex: Exercise, cases: list[Case], records: list[dict], *, hidden: bool = False) -> Verdict:
    """The verdict on one check run. `cases` must be the judge's own, untouched copies."""
    kind = "hidden" if hidden else "visible"
    if len(records) != len(cases):
        return Verdict(ex.id, report.ERROR, f"{ex.id}: the check did not finish ({len(records)} of {len(cases)} calls recorded)",
                       stage="raised", checks_total=len(cases))
    for case, rec in zip(cases, records):
        err = rec.get("error")
        if err and err.get("not_attempted") and case.device == "cpu":
            return Verdict(ex.id, report.NOT_ATTEMPTED,
                           f"{ex.id}: not attempted yet (it still raises NotImplementedError)",
                           [f"Write {ex.signature} in its cell, run that cell, then run this check again."],
                           stage="raised", checks_total=len(cases))

    counted = 0
    for k, (case, rec) in enumerate(zip(cases, records), start=1):
        if case.device == "meta" and rec.get("error") and not _device_bug(rec, ex):
            continue  # code that cannot run on meta tensors is not wrong: the CPU cases decide
        counted += 1
        problem = _judge_case(ex, case, rec)
        if problem is not None:
            return _case_verdict(ex, cases, k, case, problem, counted - 1, kind, hidden)

    traces = [Trace.from_dict(rec["trace"]) for rec in records if not rec.get("error")]
    rule = _judge_rules(ex, cases, records, traces)
    if rule is not None:
        return Verdict(ex.id, report.FAILED, f"{ex.id}: {rule.headline}", rule.detail,
                       stage=rule.stage, checks_passed=counted, checks_total=counted)
    devices = ", ".join(sorted({c.device for c in cases}))
    if "cuda" in ex.devices and not torch.cuda.is_available():
        devices += " (no GPU here: the CUDA cases were skipped)"
    return Verdict(ex.id, report.PASSED, f"{ex.id}: all {counted} {kind} checks passed",
                   [f"Checked on: {_coverage(cases)}.", f"Devices: {devices}."] +
                   ([] if hidden else ["Hidden checks at grading time use other shapes and another seed."]),
                   checks_passed=counted, checks_total=counted)


def _coverage(cases: list[Case]) -> str:
    labels = []
    for c in cases:
        if c.device == "cpu" and c.label and c.label not in labels:
            labels.append(c.label)
    return "; ".join(labels) if labels else f"{len(cases)} random cases"


def _case_verdict(ex, cases, k, case, problem: Mismatch, passed, kind, hidden) -> Verdict:
    label = f": {case.label}" if case.label else ""
    headline = f"{ex.id}: {problem.headline} ({kind} check {k} of {len(cases)}{label})"
    detail = list(problem.detail)
    if ex.pasteable:
        detail.append("The call, to paste into a cell:")
        name = ex.signature[:ex.signature.index("(")] if "(" in ex.signature else ex.id
        detail += ["    " + line for line in call_literal(name, ex.signature, case.args, case.kwargs)]
        if not hidden:
            detail.append(f"    # exact inputs: from autograder import replay; args, kwargs = replay({ex.id!r}, {k})")
    status = report.FAILED
    return Verdict(ex.id, status, headline, detail, stage=problem.stage, checks_passed=passed,
                   checks_total=len(cases), mistake=problem.mistake)


# What an error on meta inputs says when the code mixes devices or leaves for NumPy: on a GPU
# the same code fails or returns CPU tensors. Other errors on meta (no meta kernel, .item() on
# data that meta tensors do not have) say nothing about the student's code.
_DEVICE_BUG = ("not on the expected device", "on the same device")
_NUMPY = "convert meta device type tensor to numpy"
_COPY_OUT = "Cannot copy out of meta tensor"  # .cpu(), .to("cpu"), and .tolist()


def _device_bug(rec: dict, ex: Exercise) -> bool:
    message = rec["error"].get("message", "")
    if _NUMPY in message:  # where the vectorized rule applies, it names the detour more precisely
        return ex.vectorized is None
    if _COPY_OUT in message:  # a copy to the CPU: a device bug, unless it was .tolist() reading values
        return "tolist" not in (rec.get("trace") or {}).get("functions", {})
    return any(words in message for words in _DEVICE_BUG)


def _judge_case(ex: Exercise, case: Case, rec: dict) -> Mismatch | None:
    err = rec.get("error")
    if err and case.device == "meta":
        return Mismatch("device", "your function mixes devices: it fails on tensors that are not on the CPU",
                        ([err["where"]] if err.get("where") else []) + [f"{err['type']}: {err['message']}",
                         "Called on tensors on another device (here 'meta', which checks device placement "
                         "without a GPU), it meets tensors created on the CPU or leaves for NumPy. Create new "
                         "tensors on the input's device (device=x.device, or *_like functions) and stay in torch."])
    if err and not ex.errors:
        return _raised(err, ex)
    try:
        ref = _Reference(ex, case, observed=rec.get("output"))
    except Exception as exc:  # a bug in the course, not the student's
        return Mismatch("raised", f"the reference implementation failed ({type(exc).__name__}: {exc}); "
                        "this is a bug in the course, please report it")
    if ref.error is not None or err:
        return _judge_error(ex, ref.error, err, case, rec)
    problem = _judge_against(ex, case, rec, ref)
    for other in ex.alternatives if problem is not None else ():
        try:
            if _judge_against(ex, case, rec, _Reference(ex, case, other, rec.get("output"))) is None:
                return None  # the answer follows another accepted convention
        except Exception:
            continue
    return problem


def _raised(err: dict, ex: Exercise) -> Mismatch:
    if err["type"] == "AnswerKindError":  # the adapter's: the answer is not a class of the right kind
        return Mismatch("type", err["message"], ["Pass the class (or the functions) the exercise defines, "
                                                 "by name, as the test cell does."])
    who = "your function" if ex.adapter is None else "your code"
    return Mismatch("raised", f"{who} raised {err['type']}",
                    ([err["where"]] if err.get("where") else []) + [f"{err['type']}: {err['message']}"])


def _judge_error(ex: Exercise, expected: dict | None, err: dict | None, case: Case, rec: dict) -> Mismatch | None:
    """Where the contract asks for an exception: the same type, with the words it must say."""
    if expected is None:
        return _raised(err, ex)
    want = expected["type"]
    if err is None:
        got = rec.get("output")
        shown = fmt_value(got) if not isinstance(got, dict) else _type_name(got)
        return Mismatch("error", f"expected {want}, got a result ({shown})",
                        [f"The reference raises {want}: {expected['message']}",
                         f"This configuration has no valid output: raise {want}(...) with a message that says why."])
    if err["type"] != want:
        return Mismatch("error", f"expected {want}, got {err['type']}",
                        ([err["where"]] if err.get("where") else []) + [f"{err['type']}: {err['message']}",
                         f"The reference raises {want}: {expected['message']}"])
    message = err["message"].lower()
    missing = [w for w in case.expect_words if w.lower() not in message]
    if missing:
        return Mismatch("error", f"your {want} does not mention {', '.join(repr(w) for w in missing)}",
                        [f"Your message: {err['message']}", f"The reference's: {expected['message']}"])
    return None


def _judge_against(ex: Exercise, case: Case, rec: dict, ref: _Reference) -> Mismatch | None:
    names = report.param_names(ex.signature)
    tol = {**DEFAULT_TOLERANCES, **ex.tolerances}

    problems = _compare_named(ex, ref.output, rec["output"], tol, case.values) if ex.named_outputs else \
        compare(ref.output, rec["output"], "the output", tol, case.values, ex, outputs=ex.outputs)
    if problems:
        first = min(problems, key=lambda m: STAGES.index(m.stage))
        if first.stage == "values":
            first.mistake = _recognise(ex, case, rec["output"], tol)
            if first.mistake:
                first.detail.append(f"Your result matches a known mistake: {first.mistake}")
            if ex.reference_text:
                first.detail.append(f"The expected values are those of: {ex.reference_text}")
        return first

    if rec.get("gradcheck"):
        m = _judge_gradcheck(ex, case, rec["gradcheck"], names)
        if m is not None:
            return m
    if case.grad_output is not None and ref.grads is not None:
        if rec.get("grad_error"):
            e = rec["grad_error"]
            return Mismatch("gradients", f"backward through your function raised {e['type']}",
                            ([e["where"]] if e.get("where") else []) + [f"{e['type']}: {e['message']}"])
        got = rec.get("grads")
        if got is None:
            return Mismatch("gradients", "your output is not connected to the inputs' autograd graph",
                            ["Gradients cannot flow back: something cut the graph (.detach(), .data, "
                             "torch.tensor(...), .numpy(), .item()) or the output was built in place from scratch."])
        for i, (r, g) in zip(case.grad_args, zip(ref.grads, got)):
            name = names[i] if i < len(names) else f"argument {i}"
            if r is None:
                continue
            if g is None:
                return Mismatch("gradients", f"no gradient flows back to {name}",
                                [f"The reference's output depends on {name}; yours does not (or the graph was cut)."])
            probs = compare(r, g, f"the gradient with respect to {name}", tol, True, ex)
            if probs:
                m = min(probs, key=lambda m: STAGES.index(m.stage))
                return Mismatch("gradients", m.headline.replace("wrong values", "wrong gradient values"), m.detail)

    if ex.extras is not None:
        m = _judge_extras(ex, ref.extras, rec, tol)
        if m is not None:
            return m

    replaced = sorted(n for n in ref.unchanged - set(rec.get("unchanged", ()))
                      if n.count("[") > 1 and int(n[5:n.index("]")]) in ex.mutates)
    if replaced:  # an object the reference updates in place was swapped for a new one
        where = _input_path(replaced[0], names)
        return Mismatch("inputs", f"your function replaced {where} by a new object instead of updating it in place",
                        [f"Whoever holds {where} (an optimizer, a model) does not see a new object. Update the "
                         "tensor itself: in-place ops (x.sub_(...), x -= ..., x.copy_(...)) under torch.no_grad()."])
    for i, arg in enumerate(case.args):
        name = names[i] if i < len(names) else f"argument {i}"
        got = rec["inputs_after"][i]
        if i in ex.mutates:
            probs = compare(ref.inputs_after[i], got, f"{name} after the call", tol, case.values, ex)
            if probs:
                m = min(probs, key=lambda m: STAGES.index(m.stage))
                return Mismatch("inputs", m.headline, m.detail)
        elif case.values:
            probs = compare(encode(arg), got, name, {}, True, ex, metadata=False, exact=True)
            if probs:
                return Mismatch("inputs", f"your function modified its input {name} in place",
                                [probs[0].headline + ".",
                                 "Compute into new tensors (out-of-place ops such as x + y, not x.add_(y) or "
                                 "x[...] = ...), or clone the input first."])

    if ex.view_of is not None and case.values:
        name = names[ex.view_of]
        ref_shares = _shares(ref.out, ref.args[ex.view_of])
        got_out, got_in = rec["output"], rec["inputs_after"][ex.view_of]
        if ref_shares and not (_is_tensor(got_out) and _is_tensor(got_in) and _shares(got_out["data"], got_in["data"])):
            return Mismatch("view", f"expected a view of {name}, got a copy",
                            [f"{name}'s layout allows a view here, so the result must share its storage (no data copied). "
                             "Yours has its own storage: .view()/.reshape()/.flatten() give a view, while "
                             ".clone(), .contiguous() on a non-contiguous tensor, or torch.tensor(...) copy."])
    return None


def _compare_named(ex: Exercise, exp, got, tol, values) -> list[Mismatch]:
    """A dict output key by key, in the reference's order: the first key that differs decides,
    with the exercise's hint for that key."""
    if not (isinstance(exp, dict) and exp.get("kind") == "dict" and isinstance(got, dict) and got.get("kind") == "dict"):
        return compare(exp, got, "the result", tol, values, ex)
    found = dict(zip(map(repr, got["keys"]), got["items"]))
    for key, want in zip(exp["keys"], exp["items"]):
        if repr(key) not in found:
            return [Mismatch("structure", f"{key}: missing from the observation")]
        probs = compare(want, found[repr(key)], str(key), tol, values, ex)
        if probs:
            m = min(probs, key=lambda m: STAGES.index(m.stage))
            hint = ex.hints.get(key)
            return [Mismatch(m.stage, m.headline, m.detail + ([hint] if hint else []))]
    return []


def _judge_extras(ex: Exercise, expected, rec: dict, tol) -> Mismatch | None:
    """What `ex.extras` observed after the call, key by key, in the order the reference gives."""
    if rec.get("extras_error"):
        e = rec["extras_error"]
        return Mismatch("raised", f"your code raised {e['type']} while it was being inspected",
                        ([e["where"]] if e.get("where") else []) + [f"{e['type']}: {e['message']}"])
    got = rec.get("extras")
    if not (isinstance(expected, dict) and isinstance(got, dict) and expected.get("kind") == got.get("kind") == "dict"):
        return Mismatch("raised", "your code could not be inspected")
    found = dict(zip(map(repr, got["keys"]), got["items"]))
    for key, want in zip(expected["keys"], expected["items"]):
        label, hint = ex.extras_text.get(key, (str(key), ""))
        probs = compare(want, found.get(repr(key)), label, tol, True, ex)
        if probs:
            m = min(probs, key=lambda m: STAGES.index(m.stage))
            return Mismatch(str(key), m.headline, m.detail + ([hint] if hint else []))
    return None


GRADCHECK_TOLERANCE = (1e-3, 1e-5)  # (rtol, atol), torch.autograd.gradcheck's


def _judge_gradcheck(ex: Exercise, case: Case, record: dict, names: list[str]) -> Mismatch | None:
    """The student's backward against finite differences of the student's forward, in float64."""
    if record.get("error"):
        e = record["error"]
        return Mismatch("gradients", f"float64 gradcheck could not run your function: {e['type']}",
                        ([e["where"]] if e.get("where") else []) + [f"{e['type']}: {e['message']}"])
    rtol, atol = GRADCHECK_TOLERANCE
    for i, analytical, numerical in zip(case.grad_args, record["analytical"], record["numerical"]):
        if analytical.shape != numerical.shape:
            return Mismatch("gradients", "your backward returned a gradient of the wrong shape (float64 gradcheck)")
        bad = (analytical - numerical).abs() > atol + rtol * numerical.abs()
        if bool(bad.any()):
            k, j = (int(v) for v in bad.nonzero()[0])
            name = names[i] if i < len(names) else f"argument {i}"
            return Mismatch("gradients", "your backward disagrees with your forward (float64 gradcheck)",
                            [f"d output[{k}] / d {name}[{j}] (flattened): your backward gives "
                             f"{fmt_value(float(analytical[k, j]))}, finite differences of your forward give "
                             f"{fmt_value(float(numerical[k, j]))}",
                             f"{int(bad.sum())} of {bad.numel()} Jacobian entries differ "
                             f"(rtol={rtol:g}, atol={atol:g}, as torch.autograd.gradcheck)"])
    return None


def _input_path(name: str, params: list[str]) -> str:
    """"args[0][1]" -> "params[1]", in the words of the signature."""
    import re
    m = re.match(r"args\[(\d+)\](.*)", name)
    if m and int(m.group(1)) < len(params):
        return params[int(m.group(1))] + m.group(2)
    return name


def _is_tensor(enc) -> bool:
    return isinstance(enc, dict) and enc.get("kind") == "tensor"


def _shares(a: torch.Tensor, b: torch.Tensor) -> bool:
    if not isinstance(a, torch.Tensor) or not isinstance(b, torch.Tensor) or a.device.type == "meta":
        return False
    return a.untyped_storage().data_ptr() == b.untyped_storage().data_ptr()


def _recognise(ex: Exercise, case: Case, got_output, tol) -> str:
    """The explanation of the known mistake whose output the wrong output equals, or ""."""
    for mistake in ex.mistakes:
        try:
            args = clone(case.args)
            with torch.no_grad():  # a mistake is compared on values: no graph needed
                out = encode(mistake.fn(*args, **clone(case.kwargs)))
        except Exception:
            continue
        if not compare(out, got_output, "", tol, True, ex, metadata=False):
            return mistake.explain
    return ""


# ---- comparing two encoded values ----------------------------------------------------------

_SEQUENCES = ("tuple", "list", "size", "namedtuple")


def _type_name(enc) -> str:
    if isinstance(enc, dict):
        kind = enc.get("kind")
        if kind == "tensor":
            return "a torch.Tensor"
        if kind in ("other", "module", "namedtuple") or (kind == "dict" and enc.get("type") != "builtins.dict"):
            sub = f" (a subclass of {enc['subclass_of']})" if enc.get("subclass_of") else ""
            return f"{enc.get('type', kind)}{sub}"
        if kind == "size":
            return "a torch.Size"
        if kind == "ndarray":
            return f"a NumPy {'scalar' if enc.get('scalar') else 'array'} ({enc.get('dtype')})"
        return _a(kind)
    return _a(type(enc).__name__) if enc is not None else "None"


def _a(noun: str) -> str:
    return f"{'an' if noun[:1] in 'aeiou' else 'a'} {noun}"


def compare(exp, got, path: str, tol: dict, values: bool, ex: Exercise, *, metadata: bool = True,
            exact: bool = False, outputs: tuple | None = None) -> list[Mismatch]:
    """Every difference between the encoded `exp` and `got`, each tagged with its stage."""
    out: list[Mismatch] = []
    _compare(exp, got, path, tol, values, ex, metadata, exact, out, outputs)
    return out


def _compare(exp, got, path, tol, values, ex, metadata, exact, out, outputs=None):
    ekind = exp.get("kind") if isinstance(exp, dict) else None
    gkind = got.get("kind") if isinstance(got, dict) else None
    if ekind == "tensor":
        if gkind != "tensor":
            out.append(Mismatch("type", f"{path}: expected a torch.Tensor, got {_type_name(got)}",
                                _type_hint(got)))
            return
        _compare_tensors(exp, got, path, tol, values, metadata, exact, out)
        return
    if ekind in _SEQUENCES:
        if gkind not in _SEQUENCES:
            out.append(Mismatch("type", f"{path}: expected {_type_name(exp)} of {len(exp['items'])} items, got {_type_name(got)}",
                                _type_hint(got)))
            return
        if ex.strict_containers and (ekind != gkind or exp.get("type") != got.get("type")):
            out.append(Mismatch("type", f"{path}: expected {_type_name(exp)}, got {_type_name(got)}",
                                ["Keep each container's type: rebuild a tuple as a tuple, a list as a list "
                                 "(a namedtuple needs type(obj)(*items))."]))
            return
        if len(exp["items"]) != len(got["items"]):
            detail = []
            plain = lambda items: all(isinstance(i, (str, int, float, bool)) for i in items)
            if plain(exp["items"]) and plain(got["items"]):
                missing = [i for i in exp["items"] if i not in got["items"]]
                extra = [i for i in got["items"] if i not in exp["items"]]
                detail = [f"missing: {missing}" if missing else "", f"unexpected: {extra}" if extra else ""]
            out.append(Mismatch("structure", f"{path}: expected {len(exp['items'])} items, got {len(got['items'])}",
                                detail))
            return
        for i, (e, g) in enumerate(zip(exp["items"], got["items"])):
            name = f"{outputs[i]} ({path}[{i}])" if outputs and i < len(outputs) else f"{path}[{i}]"
            _compare(e, g, name, tol, values, ex, metadata, exact, out)
        return
    if ekind == "dict":
        if gkind != "dict":
            out.append(Mismatch("type", f"{path}: expected a dict, got {_type_name(got)}"))
            return
        if ex.strict_containers and exp.get("type") != got.get("type"):
            out.append(Mismatch("type", f"{path}: expected {exp['type']}, got {got['type']}"))
            return
        ek, gk = exp["keys"], got["keys"]
        if sorted(map(repr, ek)) != sorted(map(repr, gk)):
            missing = [k for k in ek if k not in gk]
            extra = [k for k in gk if k not in ek]
            out.append(Mismatch("structure", f"{path or 'the result'}: expected keys {ek}, got {gk}",
                                [f"missing: {missing}" if missing else "", f"unexpected: {extra}" if extra else ""]))
            return
        gmap = {repr(k): v for k, v in zip(gk, got["items"])}
        for k, e in zip(ek, exp["items"]):
            _compare(e, gmap[repr(k)], f"{path}[{k!r}]" if path else str(k), tol, values, ex, metadata, exact, out)
        return
    if ekind == "module":
        if gkind != "module":
            out.append(Mismatch("type", f"{path}: expected a module, got {_type_name(got)}"))
            return
        if ex.same_leaves and exp.get("same") and got.get("same") != exp.get("same"):
            out.append(Mismatch("values", f"{path}: expected the very object passed in (non-tensors are left "
                                          "untouched), got a copy"))
            return
        for part in ("parameters", "buffers"):
            if list(exp[part]) != list(got[part]):
                out.append(Mismatch("structure", f"{path}: expected {part} {list(exp[part])}, got {list(got[part])}"))
                return
            for n in exp[part]:
                _compare(exp[part][n], got[part][n], f"{path}.{n}", tol, values, ex, metadata, exact, out)
        if not out and isinstance(exp.get("layers"), dict) and isinstance(got.get("layers"), dict):
            _compare_layers(exp["layers"], got["layers"], path, out)
        return
    if ekind == "ndarray":
        _compare_arrays(exp, got, path, tol, values, exact, out)
        return
    if ekind in ("other", "dtype", "device"):
        if not isinstance(got, dict) or got.get("kind") != ekind or got.get("type") != exp.get("type") \
                or got.get("value") != exp.get("value"):
            out.append(Mismatch("type", f"{path}: expected {_type_name(exp)}, got {_type_name(got)}"))
        elif ex.same_leaves and exp.get("same") and got.get("same") != exp.get("same"):
            out.append(Mismatch("values", f"{path}: expected the very object passed in (non-tensors are left untouched), got a copy"))
        return
    # plain Python scalars
    _compare_scalars(exp, got, path, tol, out)


def _compare_layers(exp: dict, got: dict, path: str, out) -> None:
    """Modes, settings, hooks and requires_grad of every layer, the first difference in words."""
    for name, e in exp.items():
        g = got.get(name)
        where = f"{path}.{name}" if name else path
        if g is None:
            out.append(Mismatch("structure", f"{where}: missing"))
            return
        if e["training"] != g["training"]:
            mode = lambda t: "train" if t else "eval"  # noqa: E731
            out.append(Mismatch("values", f"{where}: expected {mode(e['training'])} mode, got {mode(g['training'])} mode",
                                ["Leave the model's mode as it was (.train() / .eval() change it for the caller too)."]))
            return
        for k in sorted(set(e["settings"]) | set(g["settings"])):
            if e["settings"].get(k, "(none)") != g["settings"].get(k, "(none)"):
                out.append(Mismatch("values", f"{where}.{k}: expected {e['settings'].get(k, '(none)')!r}, "
                                              f"got {g['settings'].get(k, '(none)')!r}"))
                return
        if e["requires_grad"] != g["requires_grad"]:
            n = next(k for k in sorted(set(e["requires_grad"]) | set(g["requires_grad"]))
                     if e["requires_grad"].get(k) != g["requires_grad"].get(k))
            out.append(Mismatch("values", f"{where}.{n}: expected requires_grad={e['requires_grad'].get(n)}, "
                                          f"got requires_grad={g['requires_grad'].get(n)}"))
            return
        added = sorted(set(g.get("attributes", ())) - set(e.get("attributes", ())))
        if added:
            out.append(Mismatch("values", f"{where}: an attribute was added: {added[0]}",
                                ["Keep what you compute in your own variables: the caller's model is not a cache."]))
            return
        if e["hooks"] != g["hooks"]:
            out.append(Mismatch("values", f"{where}: expected {e['hooks']} hooks, got {g['hooks']}",
                                ["Remove the hooks you register (keep the handles, call handle.remove())."]))
            return


def _compare_arrays(exp, got, path, tol, values, exact, out):
    if not isinstance(got, dict) or got.get("kind") != "ndarray":
        hint = ["Convert at the end: t.detach().cpu().numpy() for a torch tensor, t.numpy() for a "
                "TensorFlow one."] if isinstance(got, dict) and got.get("kind") in ("tensor", "other") else []
        out.append(Mismatch("type", f"{path}: expected a NumPy array ({exp['dtype']}), got {_type_name(got)}", hint))
        return
    if exp["shape"] != got["shape"]:
        e, g = exp["shape"], got["shape"]
        hint = [f"Expected {len(e)} dimensions, got {len(g)}: a missing or extra axis (keepdims, np.newaxis), "
                "or broadcasting that made a bigger array than intended?"] if len(e) != len(g) else []
        out.append(Mismatch("shape", f"{path}: expected shape {tuple(e)}, got {tuple(g)}", hint))
        return
    if exp["dtype"] != got["dtype"]:
        out.append(Mismatch("dtype", f"{path}: expected dtype {exp['dtype']}, got {got['dtype']}",
                            ["Values are not cast to fit: keep the inputs' dtype (float32 in, float32 out)."]))
        return
    if values and exp["data"] is not None and got["data"] is not None:
        m = _value_mismatch(exp["data"], got["data"], path, tol, exact)
        if m is not None:
            out.append(m)


def _type_hint(got) -> list[str]:
    if isinstance(got, dict) and got.get("subclass_of"):
        return ["Return a plain torch.Tensor: tensor subclasses are not accepted."]
    if got is None:
        return ["Did you forget the return statement?"]
    return []


def _compare_scalars(exp, got, path, tol, out):
    if isinstance(got, dict):
        out.append(Mismatch("type", f"{path}: expected {_type_name(exp)} ({fmt_value(exp)}), got {_type_name(got)}",
                            ["Return a Python number (int(...) or .item() converts a one-element tensor)."]
                            if got.get("kind") == "tensor" else []))
        return
    et, gt = type(exp), type(got)
    numeric_ok = (et is float and gt in (int, float)) or (et is complex and gt in (int, float, complex))
    if et is not gt and not numeric_ok:
        out.append(Mismatch("type", f"{path}: expected {_type_name(exp)} ({fmt_value(exp)}), got {_type_name(got)} ({fmt_value(got)})"))
        return
    if et in (float, complex):
        rtol, atol = tol.get(torch.float64, DEFAULT_TOLERANCES[torch.float64])
        if not (abs(exp - got) <= atol + rtol * abs(exp) or (exp != exp and got != got)):
            out.append(Mismatch("values", f"{path}: wrong value", [f"expected {fmt_value(exp)}, got {fmt_value(got)}"]))
    elif exp != got:
        out.append(Mismatch("values", f"{path}: wrong value", [f"expected {fmt_value(exp)}, got {fmt_value(got)}"]))


def _compare_tensors(exp, got, path, tol, values, metadata, exact, out):
    e, g = exp["data"], got["data"]
    if tuple(e.shape) != tuple(g.shape):
        hint = []
        if e.dim() != g.dim():
            hint = [f"Expected {e.dim()} dimensions, got {g.dim()}: a missing or extra unsqueeze/keepdim, "
                    "or broadcasting that made a bigger tensor than intended?"]
        elif e.numel() == g.numel():
            hint = ["Same number of elements, different shape: check your view/reshape/permute/transpose."]
        out.append(Mismatch("shape", f"{path}: expected shape {tuple(e.shape)}, got {tuple(g.shape)}", hint))
        return
    if e.dtype != g.dtype:
        out.append(Mismatch("dtype", f"{path}: expected dtype {e.dtype}, got {g.dtype}",
                            ["Values are not cast to fit: produce the dtype the contract asks for."]))
        return
    if e.device != g.device:
        out.append(Mismatch("device", f"{path}: expected device {e.device}, got {g.device}",
                            ["Create new tensors on the input's device (device=x.device, or *_like functions "
                             "such as torch.zeros_like), or on the device the contract names; never on a fixed one."]))
        return
    if values and e.device.type != "meta":
        m = _value_mismatch(e, g, path, tol, exact)
        if m is not None:
            out.append(m)
            return
    if metadata:
        _compare_metadata(exp, got, path, tol, out)


def _value_mismatch(e: torch.Tensor, g: torch.Tensor, path, tol, exact) -> Mismatch | None:
    e, g = e.detach().cpu(), g.detach().cpu()
    if e.numel() == 0 or torch.equal(e, g):  # the fast path: large unchanged inputs, exact results
        return None
    if exact or not (e.is_floating_point() or e.is_complex()):
        bad = ~((e == g) | (e.is_floating_point() and (e != e) & (g != g)))
        err = (e.double() - g.double()).abs() if not e.is_complex() else (e - g).abs().double()
        rtol = atol = 0.0
    else:
        rtol, atol = tol.get(e.dtype, DEFAULT_TOLERANCES.get(e.dtype, (1e-5, 1e-8)))
        ed, gd = (e.to(torch.complex128), g.to(torch.complex128)) if e.is_complex() else (e.double(), g.double())
        nan_e, nan_g = ed.isnan(), gd.isnan()
        finite = ed.isfinite() & gd.isfinite()
        err = torch.where(finite, (ed - gd).abs(), torch.zeros((), dtype=torch.float64))
        bad = (nan_e != nan_g) | (finite & (err > atol + rtol * ed.abs())) | (~finite & ~(nan_e & nan_g) & (ed != gd))
        err = torch.where(bad & ~finite, torch.full((), float("inf"), dtype=torch.float64), err)
    if not bool(bad.any()):
        return None
    score = torch.where(bad, err.nan_to_num(float("inf")), torch.full((), -1.0, dtype=torch.float64))
    flat = int(score.argmax())
    idx = torch.unravel_index(torch.tensor(flat), e.shape) if e.dim() else ()
    idx = tuple(int(i) for i in idx)
    ev, gv = e[idx].item() if e.dim() else e.item(), g[idx].item() if g.dim() else g.item()
    n_bad, n = int(bad.sum()), e.numel()
    shown_e, shown_g = fmt_value(ev), fmt_value(gv)
    if shown_e == shown_g:  # 8388609 and 8388610 both print as 8.38861e+06: every digit then
        shown_e, shown_g = repr(ev), repr(gv)
    detail = [f"largest error {fmt_value(float(err.reshape(-1)[flat]))} at {fmt_index(idx)}: "
              f"expected {shown_e}, got {shown_g}",
              f"{n_bad} of {n} values differ" + (f" beyond the tolerance for {e.dtype} (rtol={rtol:g}, atol={atol:g})"
                                                 if rtol or atol else "")]
    return Mismatch("values", f"{path}: wrong values", detail)


def _compare_metadata(exp, got, path, tol, out):
    if exp.get("parameter") is False and got.get("parameter"):
        out.append(Mismatch("type", f"{path}: expected a plain torch.Tensor, got an nn.Parameter",
                            ["A Parameter is a module's weight that an optimizer would train: return the tensor "
                             "itself (p.detach(), or build it with torch.tensor / torch.zeros)."]))
        return
    if exp["requires_grad"] != got["requires_grad"]:
        if "the output" not in path:  # a parameter or an input after the call
            out.append(Mismatch("autograd", f"{path}: expected requires_grad={exp['requires_grad']}, "
                                            f"got requires_grad={got['requires_grad']}"))
        elif exp["requires_grad"]:
            out.append(Mismatch("autograd", f"{path}: expected a tensor that requires grad, got requires_grad=False",
                                ["Something cut the autograd graph (.detach(), .data, torch.tensor(...), "
                                 ".numpy()), or the tensor was created with requires_grad=False."]))
        else:
            out.append(Mismatch("autograd", f"{path}: expected a tensor detached from the graph, got requires_grad=True",
                                ["Return .detach()ed results, or compute them under torch.no_grad()."]))
        return
    if exp["is_leaf"] and not got["is_leaf"]:
        out.append(Mismatch("autograd", f"{path}: expected a leaf tensor, got one computed by {got['grad_fn']}",
                            ["The update was recorded in the autograd graph: do it under torch.no_grad(), in place."]))
        return
    eg, gg = exp.get("grad"), got.get("grad")
    if eg is None and gg is not None and bool((gg != 0).any()):
        out.append(Mismatch("autograd", f"{path}.grad: expected no gradient (None or zeros), got nonzero values",
                            ["Gradients accumulate in .grad until cleared: set p.grad = None or call p.grad.zero_()."]))
    elif eg is not None and gg is None:
        out.append(Mismatch("autograd", f"{path}.grad: expected a gradient, got None"))
    elif eg is not None and gg is not None:
        _compare_tensors({"data": eg, "requires_grad": False, "is_leaf": True},
                         {"data": gg, "requires_grad": False, "is_leaf": True}, f"{path}.grad", tol, True, False, False, out)


# ---- rules -----------------------------------------------------------------------------------

def _judge_rules(ex: Exercise, cases, records, traces: list[Trace]) -> Mismatch | None:
    if not all(t.intact for t in traces):
        return Mismatch("integrity", "the recording of your function's tensor ops was interrupted",
                        ["Something stopped or restarted PyTorch's profiler while your function ran. "
                         "Exercises are checked with it on: leave it alone."])
    hits = []
    for t in traces:
        for h in forbidden_used(t, ex.forbidden):
            if h not in hits:
                hits.append(h)
    if hits:
        rule = next(r for r in ex.forbidden if r.name == hits[0][0])
        ops = ", ".join(sorted({op for _, op in hits}))
        return Mismatch("forbidden", f"uses {rule.name}, which this exercise forbids",
                        [f"Recorded while your function ran: {ops}."] + ([rule.hint] if rule.hint else []))
    for rule in ex.required:
        if not all(rule.aten & set(t.aten) or rule.functions & set(t.functions) for t in traces):
            return Mismatch("required", f"does not use {rule.name}, which this exercise asks for",
                            [rule.hint] if rule.hint else [])

    if ex.no_autograd and any(used_autograd(t) for t in traces):
        return Mismatch("autograd", "uses autograd, which this exercise forbids",
                        ["The autograd engine ran inside your function (.backward(), torch.autograd.grad, or "
                         "what calls them: torch.autograd.functional, torch.func.grad/vjp/jacrev), or forward-mode "
                         "AD did (torch.func.jvp/jacfwd). This exercise asks for the gradients by hand, with the "
                         "chain rule."])
    if ex.vectorized is not None:
        escapes = sorted({f for t in traces for f in left_torch(t)})
        if escapes:
            return Mismatch("vectorized", f"takes data out of torch ({', '.join('Tensor.' + f + '()' for f in escapes)})",
                            ["The exercise must stay vectorized in tensor ops: a Python loop over a list or a "
                             "NumPy array hides the per-sample work from the check and runs slowly."])
        for device in sorted({c.device for c in cases if c.batch}):  # op counts differ by device
            probes = sorted((c.batch, Trace.from_dict(r["trace"]).op_count) for c, r in zip(cases, records)
                            if c.batch and c.device == device and not r.get("error"))
            if len(probes) < 2 or probes[-1][1] <= probes[0][1]:
                continue
            (b1, n1), (b2, n2) = probes[0], probes[-1]
            return Mismatch("vectorized", f"a Python loop over {ex.loop_over} was detected",
                            [f"Your function ran {n1} tensor ops on a batch of {b1} and {n2} on a batch of {b2}. "
                             "A vectorized function runs the same ops whatever the batch size: replace the loop "
                             "by operations on whole tensors (broadcasting, indexing, matmul, sum(dim=...))."])
    for rule in ex.required:  # last, after the loop check: what is returned is that op's own result
        if rule.result_of:
            nodes = sorted({r["output"]["grad_fn"] for r in records if not r.get("error") and _is_tensor(r.get("output"))
                            and r["output"].get("grad_fn")} - {rule.result_of})
            if nodes:
                return Mismatch("required", f"returns the result of {nodes[0]}, not the result of {rule.name}",
                                [f"The output's graph node is {nodes[0]}: {rule.name} ran, but what is returned was "
                                 "computed after it (or beside it)."] + ([rule.hint] if rule.hint else []))
    return None
