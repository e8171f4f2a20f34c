"""05_conv_pool_shapes: output sizes and costs of convolution and pooling layers, by arithmetic.

The references measure the real layers: `nn.Conv2d` and `nn.MaxPool2d` run on an input of the
meta device (shapes, no data) for the output sizes, a layer's own parameters for the costs, and
forward hooks on every `nn.Conv2d` / `nn.Linear` of a model for `network_cost`. The answers may do
none of that: no convolution or pooling op runs, no layer is built (its weights would be
initialised), no model is run.

Every "int or pair" parameter comes as an int in some visible cases and as a pair with different
values for the height and the width in others, as tuples and as lists. Hidden cases add random
configurations; the kinds they cover are fixed by their index, never by the seed.
"""
from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn

from ..checks.cases import pick, size
from ..checks.registry import register
from ..checks.spec import Case, Exercise, Forbid, Mistake
from .ex06_unfold_fold import _CONV_OPS, _POOL_OPS

A = "05_conv_pool_shapes"


def _pair(v) -> tuple[int, int]:
    return (int(v), int(v)) if isinstance(v, int) else (int(v[0]), int(v[1]))


def _out(n: int, k: int, s: int, p: int, d: int) -> int:
    """Positions of a window of k elements (d apart) every s pixels over n + 2p: floor rule."""
    return (n + 2 * p - d * (k - 1) - 1) // s + 1


def _out_ceil(n: int, k: int, s: int, p: int, d: int) -> int:
    """PyTorch's ceil_mode rule: round up, but the last window must start inside the input or
    the left padding (ATen's pooling_output_shape_pad_lr)."""
    out = (n + 2 * p - d * (k - 1) - 1 + s - 1) // s + 1
    if (out - 1) * s >= n + p:
        out -= 1
    return out


def _fmt(v) -> str:
    return str(v) if isinstance(v, int) else f"({v[0]}, {v[1]})" if isinstance(v, tuple) else f"[{v[0]}, {v[1]}]"


_STYLES = ("int", "tuple", "list")


def _draw(gen, lo: int, hi: int, style: str) -> tuple[int, int]:
    """A random pair in [lo, hi]; equal numbers when it is to be passed as an int."""
    a = size(gen, lo, hi)
    return (a, a) if style == "int" else (a, size(gen, lo, hi))


def _as(pair: tuple[int, int], style: str):
    """The pair as a case passes it: an int, a tuple or a list."""
    if style == "int":
        return pair[0]
    return tuple(pair) if style == "tuple" else list(pair)


_EMPTY_WORDS = {(True, False): ("height",), (False, True): ("width",), (True, True): ()}


def _empty_message(what: str, hw, sizes) -> str:
    names = [name for name, out in zip(("height", "width"), sizes) if out < 1]
    outs = ", ".join(f"{name} {out}" for name, out in zip(("height", "width"), sizes) if out < 1)
    return (f"the {what} of a {hw[0]}×{hw[1]} input would be empty ({outs}): the output "
            f"{' and '.join(names)} must be at least 1")


# ---- rules: what the answers may not run -------------------------------------------------------

_INIT_FUNCTIONS = frozenset({"kaiming_uniform_", "kaiming_normal_", "xavier_uniform_", "xavier_normal_",
                             "uniform_", "normal_", "trunc_normal_", "orthogonal_"})
_CONV_RULE = Forbid(
    "a convolution op", aten=_CONV_OPS,
    functions={"conv1d", "conv2d", "conv3d", "conv_transpose1d", "conv_transpose2d", "conv_transpose3d",
               "conv_tbc", "convolution"},
    hint="Compute the size with the formula H' = (H + 2·padding − dilation·(kernel_size − 1) − 1) // stride + 1; "
         "running F.conv2d or an nn.Conv2d, even on a meta tensor (no data), measures the answer instead.")
_POOL_RULE = Forbid(
    "a pooling op", aten=_POOL_OPS,
    functions={"max_pool1d", "max_pool2d", "max_pool3d", "max_pool1d_with_indices", "max_pool2d_with_indices",
               "avg_pool1d", "avg_pool2d", "adaptive_max_pool2d", "adaptive_avg_pool2d", "lp_pool2d",
               "fractional_max_pool2d"},
    hint="Compute the size with the formula (and PyTorch's ceil_mode rule); running F.max_pool2d or an "
         "nn.MaxPool2d, even on a meta tensor (no data), measures the answer instead.")
_LAYER_RULE = Forbid(
    "building a layer", aten={"uniform_", "normal_"}, functions=_INIT_FUNCTIONS,
    hint="Constructing nn.Conv2d or nn.Linear initialises its weights (kaiming_uniform_ ran), even on the "
         "meta device or through skip_init: compute with the formula and plain ints instead of building a layer "
         "to read or measure it.")
_UNFOLD_RULE = Forbid(
    "an unfold op", aten={"im2col", "col2im", "unfold", "unfold_copy"}, functions={"unfold", "fold"},
    hint="Counting the windows that F.unfold or Tensor.unfold cuts (even from a meta tensor) measures the answer: "
         "compute it with the formula.")
_WALK = ("Walk the model's layers (model.modules()) and compute every size and cost with arithmetic: a forward "
         "pass through the model, even on a meta tensor, runs its layers instead.")


def _walking(rule: Forbid) -> Forbid:
    """The same rule, with network_cost's hint."""
    return Forbid(rule.name, rule.aten, rule.functions, _WALK)


_FORWARD_RULE = Forbid(
    "running the model", aten={"linear", "addmm", "mm", "matmul", "bmm", "batch_norm", "native_batch_norm",
                               "_batch_norm_impl_index", "_native_batch_norm_legit",
                               "_native_batch_norm_legit_no_training"},
    functions={"linear", "batch_norm", "matmul"}, hint=_WALK)


# ---- conv2d_output_hw ------------------------------------------------------------------------

def _conv_hw_reference(h, w, kernel_size, stride=1, padding=0, dilation=1):
    layer = nn.Conv2d(1, 1, kernel_size, stride=stride, padding=padding, dilation=dilation, bias=False,
                      device="meta")
    try:
        out = layer(torch.empty(1, 1, h, w, device="meta"))
    except RuntimeError:  # "Kernel size can't be greater than actual input size"
        k, s, p, d = map(_pair, (kernel_size, stride, padding, dilation))
        sizes = [_out(n, k[i], s[i], p[i], d[i]) for i, n in enumerate((h, w))]
        raise ValueError(_empty_message("convolution", (h, w), sizes)) from None
    return int(out.shape[2]), int(out.shape[3])


def _conv_case(h, w, k, s=None, p=None, d=None, *, positional=False, label=""):
    """A call; parameters left None are left out (their defaults)."""
    opts = {"stride": s, "padding": p, "dilation": d}
    if positional:
        args = (h, w, k) + tuple(1 if v is None and name != "padding" else 0 if v is None else v
                                 for name, v in opts.items())
        kwargs = {}
    else:
        args, kwargs = (h, w, k), {name: v for name, v in opts.items() if v is not None}
    pairs = [_pair(v if v is not None else default) for v, default in zip((k, s, p, d), (1, 1, 0, 1))]
    sizes = [_out(n, *(q[i] for q in pairs)) for i, n in enumerate((h, w))]
    words = _EMPTY_WORDS.get((sizes[0] < 1, sizes[1] < 1), ())
    return Case(args, kwargs, label=label, expect_words=words)


def _conv_random(gen, i: int, empty: str | None = None) -> Case:
    st = [_STYLES[(i + j) % 3] for j in range(4)]
    for _ in range(50):
        k, s, p, d = _draw(gen, 1, 7, st[0]), _draw(gen, 1, 4, st[1]), _draw(gen, 0, 3, st[2]), _draw(gen, 1, 3, st[3])
        span = [d[j] * (k[j] - 1) + 1 - 2 * p[j] for j in range(2)]  # the smallest input with an output
        hw = [max(1, span[j]) + size(gen, 0, 120) for j in range(2)]
        bad = {"height": (0,), "width": (1,), "both": (0, 1)}.get(empty, ())
        if any(span[j] < 2 for j in bad):
            continue  # no input is small enough to empty this dimension
        for j in bad:
            hw[j] = size(gen, 1, span[j] - 1)
        if empty or _out(hw[0], k[0], s[0], p[0], d[0]) != _out(hw[1], k[1], s[1], p[1], d[1]):
            break
    label = (f"random {hw[0]}×{hw[1]}, kernel {_fmt(_as(k, st[0]))}, stride {_fmt(_as(s, st[1]))}, "
             f"padding {_fmt(_as(p, st[2]))}, dilation {_fmt(_as(d, st[3]))}" +
             {"height": ": the height is empty (ValueError)", "width": ": the width is empty (ValueError)",
              "both": ": both empty (ValueError)", None: ""}[empty])
    return _conv_case(hw[0], hw[1], _as(k, st[0]), _as(s, st[1]), _as(p, st[2]), _as(d, st[3]), label=label)


def _conv_hw_cases(gen, hidden):
    cases = [
        _conv_case(28, 28, 5, label="EE-559's first layer: 28×28, kernel 5 → 24×24"),
        _conv_case(3, 5, 3, s=2, p=(2, 1), label="EE-559's C×3×5 input, kernel 3, padding (2, 1), stride 2 → 3×3"),
        _conv_case(10, 3, (2, 3), label="EE-559's nn.Conv2d(4, 5, (2, 3)) on 10×3 → 9×1"),
        _conv_case(28, 20, (3, 1), s=(2, 1), p=(1, 0),
                   label="the Quick Recap's kernel (3, 1), stride (2, 1), padding (1, 0), on 28×20"),
        _conv_case(9, 7, 3, 2, 1, 2, positional=True, label="9×7, stride 2, padding 1, dilation 2, by position"),
        _conv_case(12, 11, [3, 2], s=[1, 3], p=[0, 2], d=[2, 1], label="every parameter a list, H ≠ W"),
        _conv_case(13, 16, 3, d=(3, 1), p=1, label="dilation (3, 1), padding 1"),
        _conv_case(1, 1, 3, p=1, label="a 1×1 input, kernel 3, padding 1 → 1×1"),
        _conv_case(7, 8, 2, s=5, d=2, label="stride 5 > kernel 2, dilation 2"),
        _conv_case(2, 20, 3, label="a 2×20 input, kernel 3: the height is empty (ValueError)"),
        _conv_case(2, 9, 3, s=2, label="a 2×9 input, kernel 3, stride 2: the height is empty (ValueError; -1 // 2 is -1)"),
        _conv_case(20, 4, 3, d=(1, 2), label="dilation (1, 2) on a 20×4 input: the width is empty (ValueError)"),
        _conv_case(3, 3, (5, 6), p=[0, 1], label="a 3×3 input, kernel (5, 6): both empty (ValueError)"),
    ]
    if hidden:
        cases += [_conv_random(gen, i) for i in range(12)]
        cases += [_conv_random(gen, i, empty) for i, empty in enumerate(("height", "width", "both", "height", "width"))]
    return cases


def _conv_hw_wrong(what):
    def wrong(h, w, kernel_size, stride=1, padding=0, dilation=1):
        k, s, p, d = map(_pair, (kernel_size, stride, padding, dilation))
        if what == "dilation":
            d = (1, 1)
        if what == "square":
            k = (k[0], k[0])
        if what == "stride":
            s = (1, 1)
        outs = []
        for i, n in enumerate((h, w)):
            pad = p[i] if what == "padding once" else 2 * p[i]
            outs.append((n + pad - d[i] * (k[i] - 1) - 1) // s[i] + 1)
        if min(outs) < 1:
            return None
        return outs[0], outs[1]
    return wrong


register(Exercise(
    id="conv2d_output_hw", assignment=A,
    signature="conv2d_output_hw(h, w, kernel_size, stride=1, padding=0, dilation=1)",
    strict_containers=True,  # the contract says a tuple: a list is not one
    reference=_conv_hw_reference,
    reference_text="nn.Conv2d(1, 1, kernel_size, stride, padding, dilation) run on an input of shape "
                   "(1, 1, h, w) on the meta device: the last two sizes of its output",
    cases=_conv_hw_cases, devices=("cpu",), errors=(ValueError,),
    outputs=("h_out", "w_out"),
    forbidden=[_CONV_RULE, _UNFOLD_RULE, _LAYER_RULE],
    mistakes=[
        Mistake(_conv_hw_wrong("dilation"), "the dilation was left out: a dilated kernel spans "
                "dilation·(kernel_size − 1) + 1 pixels, not kernel_size"),
        Mistake(_conv_hw_wrong("padding once"), "the padding was counted once: it is added on both sides, "
                "so the padded height is H + 2·padding"),
        Mistake(_conv_hw_wrong("square"), "the kernel was taken as (kH, kH): kernel_size=(kH, kW) is kH rows by "
                "kW columns"),
        Mistake(_conv_hw_wrong("stride"), "the stride was left out: with stride s the window moves s pixels at a "
                "time, so divide (floor) by s before adding 1"),
    ],
))


# ---- pool2d_output_hw ------------------------------------------------------------------------

def _pool_hw_reference(h, w, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False):
    layer = nn.MaxPool2d(kernel_size, stride, padding, dilation, ceil_mode=ceil_mode)
    try:
        out = layer(torch.empty(1, 1, h, w, device="meta"))
    except RuntimeError as exc:
        if "pad should be" in str(exc):
            raise ValueError(f"padding {_fmt(padding)} is more than half the kernel {_fmt(kernel_size)}: "
                             f"nn.MaxPool2d refuses it ({exc})") from None
        k, p, d = _pair(kernel_size), _pair(padding), _pair(dilation)
        s = _pair(kernel_size if stride is None else stride)
        rule = _out_ceil if ceil_mode else _out
        sizes = [rule(n, k[i], s[i], p[i], d[i]) for i, n in enumerate((h, w))]
        raise ValueError(_empty_message("pooling", (h, w), sizes)) from None
    return int(out.shape[2]), int(out.shape[3])


_POOL_KEYS = ("stride", "padding", "dilation", "ceil_mode")
_POOL_DEFAULTS = (None, 0, 1, False)


def _pool_case(h, w, k, *, positional=False, label="", **opts):
    """A call: `opts` are given by keyword (or all by position); the ones left out keep their defaults."""
    values = [opts.get(key, default) for key, default in zip(_POOL_KEYS, _POOL_DEFAULTS)]
    args, kwargs = ((h, w, k) + tuple(values), {}) if positional else ((h, w, k), dict(opts))
    s, p, d, ceil = values
    kp, pp, dp, sp = _pair(k), _pair(p), _pair(d), _pair(k if s is None else s)
    words = ()
    if pp[0] > kp[0] // 2 or pp[1] > kp[1] // 2:
        words = ("pad",)
    else:
        rule = _out_ceil if ceil else _out
        sizes = [rule(n, kp[i], sp[i], pp[i], dp[i]) for i, n in enumerate((h, w))]
        words = _EMPTY_WORDS.get((sizes[0] < 1, sizes[1] < 1), ())
    return Case(args, kwargs, label=label, expect_words=words)


def _ceil_last_window(gen, *, inside: bool) -> Case:
    """A ceil_mode case where PyTorch's rule matters: `inside`, the last window starts in the input
    but past where a rule without the padding allows; else it would start in the right padding."""
    for _ in range(100):
        k = size(gen, 2, 6)
        p = size(gen, 1, k // 2)
        s = size(gen, 2, 4)
        hs = []
        for n in range(1, 60):
            raw = (n + 2 * p - k + s - 1) // s + 1
            start = (raw - 1) * s
            if (inside and n <= start < n + p) or (not inside and start >= n + p and raw - 1 >= 1):
                hs.append(n)
        if hs:
            break
    h = pick(gen, hs)
    w = size(gen, k + 1, 40)
    what = ("starts inside the input (a rule that forgets the padding drops it)" if inside
            else "would start in the right padding (dropped)")
    return _pool_case(h, w, k, stride=s, padding=p, ceil_mode=True,
                      label=f"random {h}×{w}, kernel {k}, stride {s}, padding {p}, ceil_mode: the last window {what}")


def _pool_random(gen, i: int, error: str | None = None) -> Case:
    st = [_STYLES[(i + j) % 3] for j in range(4)]
    ceil = i % 2 == 1
    for _ in range(100):
        k = _draw(gen, 1, 5, st[0])
        s = None if i % 3 == 0 else _draw(gen, 1, 4, st[1])
        if st[2] == "int":
            p = (size(gen, 0, min(k) // 2),) * 2
        else:
            p = (size(gen, 0, k[0] // 2), size(gen, 0, k[1] // 2))
        d = _draw(gen, 1, 3, st[3])
        if error == "padding":  # one dimension's padding above half its kernel (both, for an int)
            j = i % 2  # the height's padding, then the width's: not the seed's choice
            too_much = k[j] // 2 + size(gen, 1, 2)
            p = (too_much, too_much) if st[2] == "int" else tuple(too_much if m == j else p[m] for m in range(2))
        sp = k if s is None else s
        rule = _out_ceil if ceil else _out
        span = [d[j] * (k[j] - 1) + 1 - 2 * p[j] for j in range(2)]
        hw = [max(1, span[j]) + size(gen, 0, 60) for j in range(2)]
        bad = {"height": (0,), "width": (1,)}.get(error, ())
        for j in bad:
            hw[j] = size(gen, 1, max(1, span[j] - 1))
        sizes = [rule(hw[j], k[j], sp[j], p[j], d[j]) for j in range(2)]
        if error == "padding" and min(sizes) >= 1:
            break
        if error in ("height", "width") and all((sizes[j] < 1) == (j in bad) for j in range(2)):
            break
        if error is None and min(sizes) >= 1 and sizes[0] != sizes[1]:
            break
    opts = {}
    if s is not None:
        opts["stride"] = _as(s, st[1])
    if p != (0, 0) or i % 2:
        opts["padding"] = _as(p, st[2])
    if d != (1, 1) or i % 2:
        opts["dilation"] = _as(d, st[3])
    if ceil or i % 4 == 2:
        opts["ceil_mode"] = ceil
    label = (f"random {hw[0]}×{hw[1]}, kernel {_fmt(_as(k, st[0]))}" +
             "".join(f", {key} {_fmt(v) if not isinstance(v, bool) else v}" for key, v in opts.items()) +
             {"padding": ": padding refused (ValueError)", "height": ": the height is empty (ValueError)",
              "width": ": the width is empty (ValueError)", None: ""}[error])
    return _pool_case(hw[0], hw[1], _as(k, st[0]), label=label, **opts)


def _pool_hw_cases(gen, hidden):
    cases = [
        _pool_case(24, 24, 3, label="the MNIST net's first pooling: 24×24, kernel 3, default stride → 8×8"),
        _pool_case(4, 4, 2, stride=2, label="its second: 4×4, kernel 2, stride 2 → 2×2"),
        _pool_case(3, 6, (1, 2), label="EE-559's example: 3×6, kernel (1, 2), default stride → 3×3"),
        _pool_case(7, 11, (2, 3), label="7×11, kernel (2, 3), default stride (2, 3): rows and columns left over"),
        _pool_case(10, 9, [3, 2], stride=[1, 2], padding=[1, 0], dilation=[2, 3],
                   label="every parameter a list: kernel [3, 2], stride [1, 2], padding [1, 0], dilation [2, 3]"),
        _pool_case(11, 8, 3, stride=None, padding=(1, 0), dilation=(1, 2), ceil_mode=False,
                   label="stride=None given, padding (1, 0), dilation (1, 2)"),
        _pool_case(7, 10, 2, ceil_mode=True, label="7×10, kernel 2, ceil_mode: a last, partial window → 4×5"),
        _pool_case(4, 6, 3, stride=2, padding=1, dilation=1, ceil_mode=True, positional=True,
                   label="4×6, kernel 3, stride 2, padding 1, ceil_mode, by position: the last windows start "
                         "inside the input → 3×4"),
        _pool_case(5, 9, 2, stride=2, padding=1, ceil_mode=True,
                   label="5×9, kernel 2, stride 2, padding 1, ceil_mode: a last window would start in the right "
                         "padding, and is dropped → 3×5"),
        _pool_case(6, 9, (3, 2), stride=(2, 3), padding=(1, 1), dilation=2, ceil_mode=True,
                   label="ceil_mode with dilation 2, kernel (3, 2), stride (2, 3), padding 1"),
        _pool_case(10, 10, 3, padding=2, label="padding 2 > kernel 3 // 2: refused (ValueError)"),
        _pool_case(12, 12, 3, padding=(0, 2), dilation=2,
                   label="kernel 3, dilation 2, padding (0, 2): refused (ValueError), though 2 ≤ half the "
                         "dilated kernel's span 5"),
        _pool_case(9, 9, (3, 4), padding=[2, 1], label="kernel (3, 4), padding [2, 1]: the height's padding is refused "
                                                         "(ValueError)"),
        _pool_case(2, 10, 3, label="a 2×10 input, kernel 3: the height is empty (ValueError)"),
        _pool_case(10, 2, 3, stride=1, ceil_mode=True, label="a 10×2 input, kernel 3, ceil_mode: the width is "
                                                             "empty (ValueError)"),
    ]
    if hidden:
        cases += [_pool_random(gen, i) for i in range(12)]
        cases += [_ceil_last_window(gen, inside=True), _ceil_last_window(gen, inside=False)]
        cases += [_pool_random(gen, i, error) for i, error in enumerate(("padding", "height", "width", "padding"))]
    return cases


def _pool_hw_wrong(what):
    def wrong(h, w, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False):
        k, p, d = _pair(kernel_size), _pair(padding), _pair(dilation)
        s = _pair((1 if what == "stride 1" else kernel_size) if stride is None else stride)
        if what == "dilation":
            d = (1, 1)
        outs = []
        for i, n in enumerate((h, w)):
            if not ceil_mode or what == "floor":
                out = _out(n, k[i], s[i], p[i], d[i])
            else:
                out = (n + 2 * p[i] - d[i] * (k[i] - 1) - 1 + s[i] - 1) // s[i] + 1
                if what == "no rule":
                    pass
                elif what == "rule without padding":
                    out -= (out - 1) * s[i] >= n
                else:
                    out -= (out - 1) * s[i] >= n + p[i]
            outs.append(out)
        if min(outs) < 1:
            return None
        return outs[0], outs[1]
    return wrong


register(Exercise(
    id="pool2d_output_hw", assignment=A,
    signature="pool2d_output_hw(h, w, kernel_size, stride=None, padding=0, dilation=1, ceil_mode=False)",
    strict_containers=True,  # the contract says a tuple: a list is not one
    reference=_pool_hw_reference,
    reference_text="nn.MaxPool2d(kernel_size, stride, padding, dilation, ceil_mode=ceil_mode) run on an input of "
                   "shape (1, 1, h, w) on the meta device: the last two sizes of its output",
    cases=_pool_hw_cases, devices=("cpu",), errors=(ValueError,),
    outputs=("h_out", "w_out"),
    forbidden=[_POOL_RULE, _CONV_RULE, _UNFOLD_RULE, _LAYER_RULE],
    mistakes=[  # in this order: where two explain the same wrong output, the first one is shown
        Mistake(_pool_hw_wrong("stride 1"), "stride=None was taken as 1: a pooling layer's stride defaults to its "
                "kernel size (EE-559), so that the windows do not overlap"),
        Mistake(_pool_hw_wrong("no rule"), "ceil_mode rounded up without PyTorch's rule: a last window that would "
                "start in the right padding (at or after H + padding) is dropped"),
        Mistake(_pool_hw_wrong("rule without padding"), "the ceil_mode rule forgot the padding: the last window "
                "may start anywhere in the input or the left padding, i.e. before H + padding (not before H)"),
        Mistake(_pool_hw_wrong("floor"), "ceil_mode was ignored: with ceil_mode=True the division rounds up, so a "
                "last, partial window gets an output of its own"),
        Mistake(_pool_hw_wrong("dilation"), "the dilation was left out: a dilated window spans "
                "dilation·(kernel_size − 1) + 1 pixels"),
    ],
))


# ---- conv2d_cost -----------------------------------------------------------------------------

def _conv_cost_reference(in_channels, out_channels, kernel_size, h_out, w_out, bias=True):
    layer = nn.Conv2d(in_channels, out_channels, kernel_size, bias=bias, device="meta")
    parameters = sum(p.numel() for p in layer.parameters())
    products = layer.weight.numel() * h_out * w_out  # one product per weight per output position
    return int(parameters), int(products)


def _cost_cases(gen, hidden):
    cases = [
        Case((1, 32, 5, 24, 24), label="EE-559's first layer: Conv2d(1, 32, 5) → 32×24×24: 832 and 460,800"),
        Case((32, 64, 5, 4, 4), label="its second: Conv2d(32, 64, 5) → 64×4×4: 51,264 and 819,200"),
        Case((4, 5, (2, 3), 9, 1), label="EE-559's Conv2d(4, 5, (2, 3)) on 10×3 → 5×9×1"),
        Case((3, 8, [3, 1], 14, 28), {"bias": False}, label="kernel [3, 1] (a list), 14×28, bias=False"),
        Case((16, 1, 1, 7, 3, False), label="kernel 1, one output channel, bias False by position"),
        Case((2, 3, 3, 1, 1), {"bias": True}, label="a 1×1 output, bias=True given"),
    ]
    for i in range(10 if hidden else 0):
        style = _STYLES[i % 3]
        k = _draw(gen, 1, 11, style)
        c_in, c_out = size(gen, 1, 512), size(gen, 1, 512)
        h, w = size(gen, 1, 224), size(gen, 1, 224)
        bias = (True, False, None)[i % 3 if i % 2 else (i + 1) % 3]
        kwargs = {} if bias is None else {"bias": bias}
        cases.append(Case((c_in, c_out, _as(k, style), h, w), kwargs,
                          label=f"random Conv2d({c_in}, {c_out}, {_fmt(_as(k, style))}) → {h}×{w}" +
                                ("" if bias is None else f", bias={bias}")))
    return cases


def _cost_wrong(what):
    def wrong(in_channels, out_channels, kernel_size, h_out, w_out, bias=True):
        kh, kw = _pair(kernel_size)
        if what == "square":
            kw = kh
        weights = out_channels * in_channels * kh * kw
        b = out_channels if (bias or what == "bias always") and what != "bias never" else 0
        products = weights * h_out * w_out
        if what == "bias in products":
            products = (weights + b) * h_out * w_out
        if what == "one position":
            products = weights
        return weights + b, products
    return wrong


register(Exercise(
    id="conv2d_cost", assignment=A,
    signature="conv2d_cost(in_channels, out_channels, kernel_size, h_out, w_out, bias=True)",
    strict_containers=True,  # the contract says a tuple: a list is not one
    reference=_conv_cost_reference,
    reference_text="the numel() of nn.Conv2d(in_channels, out_channels, kernel_size, bias=bias)'s parameters, and "
                   "weight.numel() · h_out · w_out products",
    cases=_cost_cases, devices=("cpu",), outputs=("parameters", "products"),
    forbidden=[_LAYER_RULE, _CONV_RULE],
    mistakes=[
        Mistake(_cost_wrong("bias in products"), "the bias was counted in the products: adding the bias is an "
                "addition, not a product (EE-559 counts 32 × 24² × 5² = 460,800 for the first layer)"),
        Mistake(_cost_wrong("one position"), "the products were counted for one output position: every one of "
                "the h_out·w_out positions multiplies the whole weight again"),
        Mistake(_cost_wrong("bias never"), "the bias was left out of the parameters: with bias=True every output "
                "channel has one bias (EE-559: 32 × (5² + 1) = 832)"),
        Mistake(_cost_wrong("bias always"), "the bias was counted although bias=False"),
        Mistake(_cost_wrong("square"), "the kernel was taken as (kH, kH): kernel_size=(kH, kW) is kH rows by "
                "kW columns"),
    ],
))


# ---- network_cost ----------------------------------------------------------------------------

class NetWithPoolingModules(nn.Module):
    """EE-559's MNIST network (4b), its pooling as nn.MaxPool2d modules registered in the order the
    forward pass uses them: 105,506 parameters and 1,333,200 products on a 1×28×28 digit."""

    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 32, kernel_size=5)
        self.pool1 = nn.MaxPool2d(kernel_size=3)
        self.conv2 = nn.Conv2d(32, 64, kernel_size=5)
        self.pool2 = nn.MaxPool2d(kernel_size=2)
        self.fc1 = nn.Linear(256, 200)
        self.fc2 = nn.Linear(200, 10)

    def forward(self, x):
        x = F.relu(self.pool1(self.conv1(x)))
        x = F.relu(self.pool2(self.conv2(x)))
        x = F.relu(self.fc1(x.flatten(1)))
        return self.fc2(x)


class ConvBlock(nn.Module):
    """conv → BatchNorm2d → ReLU → pooling (nn.Identity when none), registered in that order."""

    def __init__(self, conv: nn.Conv2d, pool: nn.Module | None = None):
        super().__init__()
        self.conv = conv
        self.norm = nn.BatchNorm2d(conv.out_channels, device=conv.weight.device)
        self.act = nn.ReLU()
        self.pool = pool if pool is not None else nn.Identity()

    def forward(self, x):
        return self.pool(self.act(self.norm(self.conv(x))))


class FeaturesThenHead(nn.Module):
    """`features`, then a flatten written in forward (no nn.Flatten module), then `head`."""

    def __init__(self, features: nn.Module, head: nn.Module):
        super().__init__()
        self.features = features
        self.head = head

    def forward(self, x):
        return self.head(self.features(x).flatten(1))


def _network_reference(model, input_shape):
    """Forward hooks on every nn.Conv2d and nn.Linear, run on one sample of the meta device."""
    model = model.to("meta").eval()  # the judge's own copy of the case's model
    counted = [m for m in model.modules() if isinstance(m, (nn.Conv2d, nn.Linear))]
    products = []

    def hook(layer, inputs, output):
        # output (1, O, H', W') for a convolution, (1, D) for a linear layer: the positions are H'·W' or 1
        positions = output[0, 0].numel() if isinstance(layer, nn.Conv2d) else output.numel() // output.shape[-1]
        products.append(layer.weight.numel() * positions)

    handles = [m.register_forward_hook(hook) for m in counted]
    try:
        with torch.no_grad():
            model(torch.empty((1, *input_shape), device="meta"))
    finally:
        for h in handles:
            h.remove()
    parameters = sum(p.numel() for m in counted for p in m.parameters(recurse=False))
    return int(parameters), int(sum(products))


def _walk(model, input_shape, *, all_parameters=False, top_level=False, skip=(), pool_stride_one=False,
          floor_only=False):
    """The arithmetic walk, with switches for the usual mistakes."""
    c, h, w = (int(v) for v in input_shape)
    params = products = 0
    features = None
    layers = list(model.children()) if top_level else list(model.modules())
    for m in layers:
        if isinstance(m, nn.Conv2d):
            k, s, p, d = map(_pair, (m.kernel_size, m.stride, m.padding, m.dilation))
            h, w = _out(h, k[0], s[0], p[0], d[0]), _out(w, k[1], s[1], p[1], d[1])
            c = m.out_channels
            params += sum(q.numel() for q in m.parameters(recurse=False))
            products += m.weight.numel() * h * w
        elif isinstance(m, nn.Linear):
            params += sum(q.numel() for q in m.parameters(recurse=False))
            products += m.weight.numel()
            features = m.out_features
        elif isinstance(m, (nn.MaxPool2d, nn.AvgPool2d)) and not isinstance(m, skip):
            k = _pair(m.kernel_size)
            s = (1, 1) if pool_stride_one else _pair(m.stride if m.stride is not None else m.kernel_size)
            p = _pair(m.padding)
            d = _pair(getattr(m, "dilation", 1))
            rule = _out_ceil if m.ceil_mode and not floor_only else _out
            h, w = rule(h, k[0], s[0], p[0], d[0]), rule(w, k[1], s[1], p[1], d[1])
    if all_parameters:
        params = sum(q.numel() for q in model.parameters())
    del features, c
    return params, products


def _network(gen, build):
    """Build a model with a seeded generator of its own, leaving the global RNG as it was."""
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(int(torch.randint(2**31 - 1, (), generator=gen)))
        return build()


def _nested_bn_model():
    # (3, 17, 13) → conv 3, padding 1 → 8×17×13 → conv (3, 5), stride 2, padding (1, 2) → 16×9×7
    # → max-pool 2, dilation (1, 2), ceil_mode → 16×5×3 (floor: 16×4×3; no dilation: 16×5×4)
    # → conv 3, padding 1 → 8×5×3 → 120 → 32 → 5
    return nn.Sequential(
        nn.Sequential(nn.Conv2d(3, 8, 3, padding=1, bias=False), nn.BatchNorm2d(8), nn.ReLU()),
        ConvBlock(nn.Conv2d(8, 16, (3, 5), stride=2, padding=(1, 2)),
                  nn.MaxPool2d(2, dilation=(1, 2), ceil_mode=True)),
        nn.Conv2d(16, 8, 3, padding=1), nn.ReLU(),
        nn.Flatten(),
        nn.Linear(120, 32), nn.BatchNorm1d(32), nn.ReLU(), nn.Dropout(0.5),
        nn.Linear(32, 5, bias=False),
    )


def _dilated_avgpool_model():
    # (2, 20, 24) → conv 3, dilation 2 → 6×16×20 → avg-pool (2, 3), stride 2, padding 1, ceil_mode
    # → 6×9×11 (floor: 6×9×10) → conv (1, 3), stride (1, 2), dilation (1, 2), no bias → 4×9×4
    # → flattened in forward: 144 → 7
    return FeaturesThenHead(
        nn.Sequential(
            nn.Conv2d(2, 6, 3, dilation=2), nn.ReLU(),
            nn.AvgPool2d((2, 3), stride=2, padding=1, ceil_mode=True),
            ConvBlock(nn.Conv2d(6, 4, (1, 3), stride=(1, 2), dilation=(1, 2), bias=False)),
        ),
        nn.Linear(144, 7),
    )


_VGG11 = (64, "M", 128, "M", 256, 256, "M", 512, 512, "M", 512, 512, "M")
_VGG16 = (64, 64, "M", 128, 128, "M", 256, 256, 256, "M", 512, 512, 512, "M", 512, 512, 512, "M")


def _vgg(config, batch_norm=False):
    """VGG's layers on the meta device (no data: 130M parameters cost nothing), without its
    adaptive pooling (a 224×224 input gives 7×7 anyway)."""
    with torch.device("meta"):
        layers, c = [], 3
        for v in config:
            if v == "M":
                layers.append(nn.MaxPool2d(2, 2))
            else:
                layers += [nn.Conv2d(c, v, 3, padding=1)] + ([nn.BatchNorm2d(v)] if batch_norm else []) + [nn.ReLU()]
                c = v
        classifier = nn.Sequential(nn.Linear(512 * 7 * 7, 4096), nn.ReLU(), nn.Dropout(),
                                   nn.Linear(4096, 4096), nn.ReLU(), nn.Dropout(), nn.Linear(4096, 1000))
        return FeaturesThenHead(nn.Sequential(*layers), classifier)


def _random_conv(gen, c, h, w):
    for _ in range(50):
        k = (size(gen, 1, 5), size(gen, 1, 5))
        s = (size(gen, 1, 2), size(gen, 1, 3))
        p = (size(gen, 0, 2), size(gen, 0, 2))
        d = pick(gen, ((1, 1), (1, 1), (2, 2), (1, 2)))
        oh, ow = _out(h, k[0], s[0], p[0], d[0]), _out(w, k[1], s[1], p[1], d[1])
        if oh >= 3 and ow >= 3:
            break
    else:
        k, s, p, d, oh, ow = (1, 1), (1, 1), (0, 0), (1, 1), h, w
    o = pick(gen, (2, 4, 6, 8))
    conv = nn.Conv2d(c, o, k if k[0] != k[1] else k[0], stride=s, padding=p, dilation=d,
                     bias=bool(pick(gen, (True, True, False))))
    return conv, o, oh, ow


def _random_pool(gen, h, w, ceil):
    for _ in range(50):
        k = (size(gen, 1, 3), size(gen, 1, 3))
        s = pick(gen, (None, None, (size(gen, 1, 3), size(gen, 1, 3))))
        p = (size(gen, 0, k[0] // 2), size(gen, 0, k[1] // 2))
        avg = bool(pick(gen, (True, False)))
        d = (1, 1) if avg else pick(gen, ((1, 1), (2, 1)))
        sp = k if s is None else s
        rule = _out_ceil if ceil else _out
        oh, ow = rule(h, k[0], sp[0], p[0], d[0]), rule(w, k[1], sp[1], p[1], d[1])
        if oh >= 2 and ow >= 2:
            if avg:
                return nn.AvgPool2d(k, s, p, ceil_mode=ceil), oh, ow
            return nn.MaxPool2d(k, s, p, d, ceil_mode=ceil), oh, ow
    return nn.Identity(), h, w


def _random_network(gen, i: int):
    """A random model that keeps network_cost's precondition: modules in forward order."""
    c = pick(gen, (1, 2, 3))
    h, w = size(gen, 16, 40), size(gen, 16, 40)
    shape = (c, h, w)
    blocks = []
    for j in range(size(gen, 1, 3)):
        conv, c, h, w = _random_conv(gen, c, h, w)
        pool, h, w = _random_pool(gen, h, w, ceil=(i + j) % 2 == 1)
        if j % 2 == 0:
            blocks.append(ConvBlock(conv, pool))
        else:
            blocks.append(nn.Sequential(conv, nn.ReLU(), pool))
    features = nn.Sequential(*blocks)
    widths = [c * h * w] + [pick(gen, (10, 16, 24)) for _ in range(size(gen, 1, 2))]
    head = []
    for a, b in zip(widths, widths[1:]):
        head += [nn.Linear(a, b, bias=bool(pick(gen, (True, False)))), nn.BatchNorm1d(b), nn.ReLU()]
    head = nn.Sequential(*head[:-2])
    model = FeaturesThenHead(features, head) if i % 2 else nn.Sequential(features, nn.Flatten(), head)
    return model, shape


def _network_cases(gen, hidden):
    cases = [
        Case((_network(gen, NetWithPoolingModules), (1, 28, 28)),
             label="EE-559's MNIST net (pooling as modules), 1×28×28: 105,506 and 1,333,200"),
        Case((_network(gen, _nested_bn_model), (3, 17, 13)),
             label="nested Sequentials, a block, BatchNorm, stride, padding, no bias, dilated ceil_mode max-pool"),
        Case((_network(gen, _dilated_avgpool_model), torch.Size([2, 20, 24])),
             label="dilations, an nn.AvgPool2d with padding and ceil_mode, a flatten in forward; a torch.Size"),
        Case((_vgg(_VGG11), [3, 224, 224]), label="VGG-11's layers on the meta device; input_shape a list"),
    ]
    if hidden:
        cases.append(Case((_vgg(_VGG16, batch_norm=True), (3, 224, 224)),
                          label="VGG-16 with BatchNorm on the meta device, 3×224×224"))
        for i in range(6):
            model, shape = _network(gen, lambda: _random_network(gen, i))
            cases.append(Case((model, shape), label=f"random model {i + 1}, input {shape[0]}×{shape[1]}×{shape[2]}"))
    return cases


register(Exercise(
    id="network_cost", assignment=A, signature="network_cost(model, input_shape)",
    strict_containers=True,  # the contract says a tuple: a list is not one
    reference=_network_reference,
    reference_text="forward hooks on every nn.Conv2d and nn.Linear of the model, run on one sample of shape "
                   "input_shape on the meta device: their parameters' numel(), and weight.numel() times the number "
                   "of output positions",
    cases=_network_cases, devices=("cpu",), outputs=("parameters", "products"),
    forbidden=[_walking(_CONV_RULE), _walking(_POOL_RULE), _FORWARD_RULE, _walking(_UNFOLD_RULE), _LAYER_RULE],
    mistakes=[  # in this order: where two explain the same wrong output, the first one is shown
        Mistake(lambda m, s: _walk(m, s, all_parameters=True), "every parameter of the model was counted: only "
                "nn.Conv2d and nn.Linear layers count (BatchNorm's weight and bias are not)"),
        Mistake(lambda m, s: _walk(m, s, top_level=True), "only the model's direct children were visited: layers "
                "inside nested modules count too (walk model.modules(), not model.children())"),
        Mistake(lambda m, s: _walk(m, s, skip=nn.AvgPool2d), "the nn.AvgPool2d layers were skipped: average "
                "pooling shrinks H and W too (with kernel_size, stride, padding and ceil_mode, and no dilation)"),
        Mistake(lambda m, s: _walk(m, s, skip=(nn.MaxPool2d, nn.AvgPool2d)), "the pooling layers were skipped: "
                "they count nothing, but they shrink H and W for the layers after them"),
        Mistake(lambda m, s: _walk(m, s, pool_stride_one=True), "the pooling layers were given stride 1: a pooling "
                "layer's stride is its .stride attribute (the kernel size by default)"),
        Mistake(lambda m, s: _walk(m, s, floor_only=True), "ceil_mode was ignored in a pooling layer"),
    ],
))


# ---- classic_filters -------------------------------------------------------------------------

def _filters_reference():
    return torch.tensor([
        [[0., 0., 0.], [0., 1., 0.], [0., 0., 0.]],        # identity
        [[1., 1., 1.], [1., 1., 1.], [1., 1., 1.]],        # box
        [[-1., 0., 1.], [-1., 0., 1.], [-1., 0., 1.]],     # vertical edge
        [[-1., -1., -1.], [0., 0., 0.], [1., 1., 1.]],     # horizontal edge
        [[0., -1., 0.], [-1., 4., -1.], [0., -1., 0.]],    # Laplacian
    ]).unsqueeze(1)


register(Exercise(
    id="classic_filters", assignment=A, signature="classic_filters()",
    reference=_filters_reference,
    reference_text="EE-559 4b's five kernels: identity, box, vertical edge, horizontal edge, Laplacian, "
                   "as a float32 tensor (5, 1, 3, 3)",
    cases=lambda gen, hidden: [Case((), label="the five filters")], devices=("cpu",),
    mistakes=[
        Mistake(lambda: _filters_reference()[[0, 1, 3, 2, 4]], "the two edge filters are swapped (or transposed): "
                "the vertical edge has columns −1, 0, 1, the horizontal edge rows −1, 0, 1"),
        Mistake(lambda: -_filters_reference(), "the signs are flipped"),
        Mistake(lambda: _filters_reference()[:, :, [2, 1, 0]][:, :, :, [2, 1, 0]],
                "the kernels are flipped (rotated by 180°): an nn.Conv2d does not flip its kernel, so the vertical "
                "edge is −1, 0, 1 from left to right"),
    ],
))
