"""Verdicts and the words a student reads: one headline line, then the detail."""
from __future__ import annotations

from dataclasses import dataclass, field

import torch

PASSED, FAILED, NOT_ATTEMPTED, ERROR, TIMEOUT = "passed", "failed", "not attempted", "error", "timeout"


@dataclass
class Verdict:
    exercise: str
    status: str  # one of PASSED, FAILED, NOT_ATTEMPTED, ERROR, TIMEOUT
    headline: str
    detail: list[str] = field(default_factory=list)
    stage: str = ""  # where it stopped: "raised", "type", "shape", ..., "forbidden", "vectorized"
    checks_passed: int = 0
    checks_total: int = 0
    mistake: str = ""  # the known mistake (Mistake.explain) the wrong output matched, if any; not shown again

    @property
    def passed(self) -> bool:
        return self.status == PASSED

    @property
    def message(self) -> str:
        return "\n".join([self.headline, *("  " + line for line in self.detail if line)])

    def to_dict(self) -> dict:
        return {"exercise": self.exercise, "status": self.status, "headline": self.headline,
                "detail": self.detail, "stage": self.stage,
                "checks_passed": self.checks_passed, "checks_total": self.checks_total, "mistake": self.mistake}


class CheckFailed(AssertionError):
    """Raised by a check cell whose exercise is wrong: nbgrader scores the cell 0."""

    def __init__(self, verdict: Verdict):
        super().__init__(verdict.message)
        self.verdict = verdict


class NotAttempted(CheckFailed):
    """The exercise still raises NotImplementedError: distinct from wrong, and still 0 points."""


def raise_for(verdict: Verdict) -> None:
    if verdict.status == NOT_ATTEMPTED:
        raise NotAttempted(verdict)
    if not verdict.passed:
        raise CheckFailed(verdict)


# ---- showing values and calls --------------------------------------------------------------

MAX_LITERAL = 64  # tensors with more elements are described, not written out


def fmt_value(v) -> str:
    if isinstance(v, bool) or v is None:
        return repr(v)
    if isinstance(v, float):
        text = f"{v:.6g}"
        return text + ".0" if text.lstrip("-").isdigit() else text  # 6.0 stays a float on the page
    if isinstance(v, complex):
        return f"{v:.4g}"
    return repr(v)


def fmt_index(idx) -> str:
    return "[" + ", ".join(str(int(i)) for i in idx) + "]"


def tensor_literal(t: torch.Tensor) -> str:
    """Python code that rebuilds `t` (values, dtype, device, and a transposed layout)."""
    dtype = str(t.dtype)
    device = "" if t.device.type == "cpu" else f", device={str(t.device)!r}"
    if t.device.type == "meta":
        return f"torch.empty({tuple(t.shape)}, dtype={dtype}{device})"
    if t.numel() > MAX_LITERAL:
        return f"torch.empty({tuple(t.shape)}, dtype={dtype}{device})  # {t.numel()} values: see replay() below"
    perm = sorted(range(t.dim()), key=lambda d: -t.stride(d))
    suffix = ""
    if not t.is_contiguous() and t.permute(perm).is_contiguous():
        inverse = [perm.index(d) for d in range(t.dim())]
        suffix = f".permute{tuple(inverse)}"
        t = t.permute(perm)
    elif not t.is_contiguous():
        suffix = "  # non-contiguous in the check"
    values = _nested(t.detach().cpu().tolist())
    return f"torch.tensor({values}, dtype={dtype}{device}){suffix}"


def _nested(v) -> str:
    if isinstance(v, list):
        return "[" + ", ".join(_nested(x) for x in v) + "]"
    return fmt_value(v)


def arg_literal(v) -> str:
    if isinstance(v, torch.Tensor):
        return tensor_literal(v)
    if isinstance(v, torch.nn.Module):
        return f"<{type(v).__name__} module>"
    if isinstance(v, tuple) and hasattr(v, "_fields"):
        fields = ", ".join(f"{f}={arg_literal(x)}" for f, x in zip(v._fields, v))
        return f"{type(v).__name__}({fields})"
    if isinstance(v, (list, tuple)):
        inner = ", ".join(arg_literal(x) for x in v)
        return f"[{inner}]" if isinstance(v, list) else f"({inner}{',' if len(v) == 1 else ''})"
    if isinstance(v, dict):
        return "{" + ", ".join(f"{k!r}: {arg_literal(x)}" for k, x in v.items()) + "}"
    return repr(v)


def param_names(signature: str) -> list[str]:
    inside = signature[signature.index("(") + 1: signature.rindex(")")]
    names = [p.split("=")[0].strip().lstrip("*") for p in inside.split(",") if p.strip()]
    return [n for n in names if n and n != "/"]


def call_literal(fn_name: str, signature: str, args, kwargs) -> list[str]:
    """Lines a student can paste into a cell to make the same call."""
    names = param_names(signature)
    lines, call_args = [], []
    for i, a in enumerate(args):
        name = names[i] if i < len(names) else f"arg{i}"
        if isinstance(a, (torch.Tensor, list, dict, tuple, torch.nn.Module)):
            lines.append(f"{name} = {arg_literal(a)}")
            call_args.append(name)
        else:
            call_args.append(repr(a))
    call_args += [f"{k}={arg_literal(v)}" for k, v in kwargs.items()]
    lines.append(f"{fn_name}({', '.join(call_args)})")
    return lines
