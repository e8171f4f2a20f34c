"""06_unfold_fold: im2col (F.unfold) and col2im (F.fold), and the convolution-like ops built on them.

Every case draws its own configuration: kernel_size, stride, padding and dilation as ints or as
pairs, kH != kW, H != W (and H' != W', so that a layout slip between the two shows), N=1, C=1,
non-contiguous inputs (channels_last, transposed, strided), float32 and float64.
"""
from __future__ import annotations

import torch
import torch.nn.functional as F

from ..checks.cases import pick, randn, size, strided, transposed
from ..checks.registry import register
from ..checks.spec import Case, Exercise, Forbid, Mistake

A = "06_unfold_fold"


def _pair(v) -> tuple[int, int]:
    return (int(v), int(v)) if isinstance(v, int) else (int(v[0]), int(v[1]))


def _out_size(n: int, k: int, s: int, p: int, d: int) -> int:
    return (n + 2 * p - d * (k - 1) - 1) // s + 1


def _as_arg(gen, pair: tuple[int, int]):
    """How a case passes a pair: an int when both are equal (a pair now and then anyway)."""
    if pair[0] == pair[1] and pick(gen, (True, True, False)):
        return pair[0]
    return pair


def _as_form(pair: tuple[int, int], form: str):
    """A pair passed as the case says: "int" (the pair must be square), or "pair"."""
    return pair[0] if form == "int" else pair


def _square(pair: tuple[int, int]) -> tuple[int, int]:
    return (pair[0], pair[0])


def _grow(hw, k, p=(0, 0), d=(1, 1)) -> tuple[int, int]:
    """(H, W) grown, where needed, so that at least one block fits: a configuration drawn as pairs
    and then passed as ints (squared) may otherwise have none."""
    return tuple(max(n, di * (ki - 1) + 1 - 2 * pi) for n, ki, pi, di in zip(hw, _pair(k), _pair(p), _pair(d)))


def _fmt(v) -> str:
    return str(v) if isinstance(v, int) else f"({v[0]}, {v[1]})"


_LAYOUTS = ("contiguous", "channels_last", "transposed", "strided")


def _fit(n: int, c: int, hw: tuple[int, int], layout: str) -> tuple[int, int]:
    """(C, H-or-W growth) so that `layout` is real on an (N, C, H, W) tensor: channels_last needs
    C > 1 (with C = 1 it is the contiguous layout), transposed and strided need H, W > 1."""
    if layout == "channels_last":
        return max(c, 2), hw
    if layout in ("transposed", "strided"):
        return c, (max(hw[0], 2), max(hw[1], 2))
    return c, hw


def _layout(x: torch.Tensor, layout: str) -> torch.Tensor:
    if layout == "channels_last":
        return x.contiguous(memory_format=torch.channels_last)
    if layout == "transposed":
        return transposed(x)
    if layout == "strided":
        return strided(x)
    return x


def _ops(*words: str, exclude: tuple[str, ...] = ()) -> frozenset[str]:
    """Every aten op of this PyTorch whose name contains one of `words`: the explicit lists below
    are what the profiler recorded for the public functions; this adds whatever a newer PyTorch
    calls the same kernels."""
    try:
        names = {n.split("::", 1)[1].split(".", 1)[0]
                 for n in torch._C._dispatch_get_all_op_names() if n.startswith("aten::")}
    except Exception:  # a private API: the explicit lists still hold
        return frozenset()
    return frozenset(n for n in names if any(w in n for w in words) and not any(e in n for e in exclude))


# ---- unfold_shape -----------------------------------------------------------------------------

def _unfold_shape_reference(input_shape, kernel_size, stride=1, padding=0, dilation=1):
    x = torch.empty(tuple(input_shape), device="meta")
    return tuple(F.unfold(x, kernel_size, dilation=dilation, padding=padding, stride=stride).shape)


def _random_geometry(gen, *, max_k=4, max_s=3, max_p=2, max_d=2, extra=6, distinct_out=True, square=False,
                     min_k=1):
    """(H, W), kernel, stride, padding, dilation pairs with a non-empty output (H' != W' wanted);
    `square`: stride, padding and dilation the same along H and W (to be passed as ints)."""
    def pair(low, high):
        a = size(gen, low, high)
        return (a, a) if square else (a, size(gen, low, high))

    for _ in range(20):
        k = (size(gen, min_k, max_k), size(gen, min_k, max_k))
        s, p, d = pair(1, max_s), pair(0, max_p), pair(1, max_d)
        hw = tuple(max(1, d[i] * (k[i] - 1) + 1 - 2 * p[i]) + size(gen, 0, extra) for i in range(2))
        out = tuple(_out_size(hw[i], k[i], s[i], p[i], d[i]) for i in range(2))
        if not distinct_out or out[0] != out[1]:
            break
    return hw, k, s, p, d


def _unfold_shape_cases(gen, hidden):
    cases = [
        Case(((2, 3, 3, 4), 2), label="the slides' image (2, 3, 3, 4), kernel 2"),
        Case(((1, 5, 3, 5), 3), {"stride": 2, "padding": (2, 1)},
             label="EE-559's C×3×5 input, kernel 3, padding (2, 1), stride 2"),
        Case(((4, 2, 9, 7), (2, 3)), {"stride": (2, 1), "padding": (1, 0)},
             label="kernel (2, 3), stride (2, 1), padding (1, 0), H=9 != W=7"),
        Case(((2, 1, 10, 8), 3), {"dilation": 2, "padding": 1}, label="dilation 2, padding 1, C=1"),
        Case((torch.Size([3, 2, 11, 12]), (1, 4)), {"stride": 3, "dilation": (1, 2)},
             label="input_shape a torch.Size, stride 3, dilation (1, 2)"),
    ]
    for _ in range(8 if hidden else 0):
        (h, w), k, s, p, d = _random_geometry(gen, max_k=7, max_s=4, max_p=3, max_d=3, extra=40)
        n, c = size(gen, 1, 64), size(gen, 1, 32)
        kw = {"stride": _as_arg(gen, s), "padding": _as_arg(gen, p), "dilation": _as_arg(gen, d)}
        cases.append(Case(((n, c, h, w), _as_arg(gen, k)), kw,
                          label=f"random {h}×{w}, kernel {_fmt(k)}, stride {_fmt(s)}, padding {_fmt(p)}, "
                                f"dilation {_fmt(d)}"))
    return cases


def _shape_without(what):
    def wrong(input_shape, kernel_size, stride=1, padding=0, dilation=1):
        n, c, h, w = input_shape
        k, s, p, d = map(_pair, (kernel_size, stride, padding, dilation))
        if what == "dilation":
            d = (1, 1)
        if what == "square kernel":
            k = (k[0], k[0])
        outs = []
        for i, size_ in enumerate((h, w)):
            pad = p[i] if what == "padding once" else 2 * p[i]
            outs.append((size_ + pad - d[i] * (k[i] - 1) - 1) // s[i] + 1)
        return (n, c * k[0] * k[1], outs[0] * outs[1])
    return wrong


register(Exercise(
    id="unfold_shape", assignment=A,
    signature="unfold_shape(input_shape, kernel_size, stride=1, padding=0, dilation=1)",
    reference=_unfold_shape_reference,
    reference_text="tuple(F.unfold(torch.empty(input_shape), kernel_size, dilation, padding, stride).shape)",
    cases=_unfold_shape_cases,
    devices=("cpu",),  # no tensor goes in: there is nothing to move to another device
    forbidden=[Forbid("unfold", aten={"im2col", "unfold", "unfold_copy"} | _ops("im2col"),
                      functions={"unfold"},
                      hint="Compute the shape from the size formula, "
                           "H' = (H + 2·padding − dilation·(kernel_size − 1) − 1) // stride + 1, "
                           "without running F.unfold (not even on a meta tensor).")],
    mistakes=[
        Mistake(_shape_without("dilation"), "the dilation was left out: a dilated kernel spans "
                "dilation·(kernel_size − 1) + 1 pixels, not kernel_size"),
        Mistake(_shape_without("padding once"), "the padding was counted once: it is added on both sides, "
                "so the padded height is H + 2·padding"),
        Mistake(_shape_without("square kernel"), "the kernel was taken as (kH, kH): kernel_size=(kH, kW) is kH "
                "rows by kW columns"),
    ],
))


# ---- conv2d_unfold ----------------------------------------------------------------------------

def _conv2d_reference(x, weight, bias=None, stride=1, padding=0, dilation=1):
    # In float64, then rounded to x's dtype (gradients flow back through the casts): on a GPU,
    # cuDNN runs float32 convolutions in TF32 by default (torch.backends.cudnn.allow_tf32), about
    # 3 significant digits, while a student's float32 matmul keeps full float32.
    double = None if bias is None else bias.double()
    out = F.conv2d(x.double(), weight.double(), double, stride=stride, padding=padding, dilation=dilation)
    return out.to(x.dtype)


def _conv_case(gen, *, n, c, o, dtype, geometry, bias=True, x_layout="contiguous",
               w_layout="contiguous", kwargs_style="keywords", form="pair", label=""):
    """kwargs_style: "keywords" (all three), "some keywords" (the defaults left out) or
    "positional"; form: stride, padding and dilation passed as "int"s (square) or as "pair"s."""
    (h, w), k, s, p, d = geometry
    if form == "int":
        s, p, d = _square(s), _square(p), _square(d)
        h, w = _grow((h, w), k, p, d)
    c, (h, w) = _fit(n, c, (h, w), x_layout)
    x = _layout(randn(gen, n, c, h, w, dtype=dtype), x_layout)
    weight = _layout(randn(gen, o, c, k[0], k[1], dtype=dtype) / (c * k[0] * k[1]) ** 0.5, w_layout)
    b = randn(gen, o, dtype=dtype) if bias else None
    opts = {"stride": _as_form(s, form), "padding": _as_form(p, form), "dilation": _as_form(d, form)}
    if kwargs_style == "positional":
        args, kwargs = (x, weight, b, opts["stride"], opts["padding"], opts["dilation"]), {}
    elif kwargs_style == "some keywords":
        defaults = {"stride": 1, "padding": 0, "dilation": 1}
        args, kwargs = (x, weight, b), {key: v for key, v in opts.items() if _pair(v) != _pair(defaults[key])}
    else:
        args, kwargs = (x, weight, b), opts
    grad_args = (0, 1, 2) if bias else (0, 1)
    # Labels stay short (a failure's headline quotes them); the call in the message has every argument.
    text = label or f"random {n}×{c}×{h}×{w}, kernel {_fmt(k)}"
    extras = [str(dtype)[6:]] + ([] if bias else ["bias=None"]) + \
             ([f"x {x_layout}"] if x_layout != "contiguous" else []) + \
             ([f"weight {w_layout}"] if w_layout != "contiguous" else []) + \
             (["by position"] if kwargs_style == "positional" else [])
    return Case(args, kwargs, label=f"{text}, {', '.join(extras)}", grad_args=grad_args)


def _conv_cases(gen, hidden):
    f32, f64 = torch.float32, torch.float64
    cases = [
        _conv_case(gen, n=2, c=3, o=4, dtype=f32, geometry=((3, 4), (2, 2), (1, 1), (0, 0), (1, 1)),
                   form="int", label="the slides' image: 2×3×3×4, kernel 2 → 2×3"),
        _conv_case(gen, n=2, c=2, o=3, dtype=f64, geometry=((5, 7), (2, 3), (2, 1), (1, 0), (1, 1)),
                   label="5×7, kernel (2, 3), stride (2, 1), padding (1, 0) → 3×5"),
        _conv_case(gen, n=1, c=1, o=2, dtype=f32, geometry=((7, 6), (3, 2), (1, 1), (2, 1), (2, 1)),
                   bias=False, x_layout="transposed", kwargs_style="some keywords",
                   label="N=C=1, 7×6, kernel (3, 2), dilation (2, 1), padding"),
        _conv_case(gen, n=3, c=2, o=1, dtype=f64, geometry=((6, 8), (3, 3), (3, 2), (1, 1), (2, 2)),
                   x_layout="channels_last", w_layout="transposed", kwargs_style="positional",
                   label="O=1, kernel 3, stride (3, 2), dilation 2"),
        _conv_case(gen, n=2, c=2, o=2, dtype=f32, geometry=((5, 6), (2, 2), (2, 2), (1, 1), (1, 1)),
                   x_layout="strided", kwargs_style="positional", form="int",
                   label="5×6, kernel 2, stride 2, padding 1 as ints"),
    ]
    # The kinds (layouts, how the options are passed, bias or not, dtype) go by the case's number,
    # the same under every seed; the seed draws the sizes and values.
    styles = ("keywords", "some keywords", "positional")
    for i in range(8 if hidden else 0):
        form, w_layout = ("int", "pair")[i % 2], ("contiguous", "transposed")[(i // 4) % 2]
        # a transposed (O, C, 1, kW) weight would still be contiguous: kernels of 2 or more there
        geometry = _random_geometry(gen, extra=8, square=form == "int", min_k=2 if w_layout == "transposed" else 1)
        cases.append(_conv_case(
            gen, n=pick(gen, (1, 2, 3, 5)), c=pick(gen, (1, 2, 3, 4)), o=pick(gen, (1, 2, 4, 5)),
            dtype=(f32, f64)[(i // 2) % 2], geometry=geometry, bias=i % 4 != 3, x_layout=_LAYOUTS[i % 4],
            w_layout=w_layout, kwargs_style=styles[i % 3], form=form))
    return cases


def _probe(b: int, gen, shapes, kwargs) -> Case:
    """A vectorization probe of batch size `b`. (F.unfold's CPU kernel loops over the samples
    inside the op; the trace counts only the ops called from Python, so that loop is not counted.)"""
    return Case(tuple(randn(gen, *s) for s in shapes), kwargs, label=f"batch of {b}")


def _conv_vectorized(b, gen):
    return _probe(b, gen, [(b, 2, 6, 5), (3, 2, 3, 2), (3,)], {"padding": 1, "stride": (1, 2)})


def _conv_hw_swapped(x, weight, bias=None, stride=1, padding=0, dilation=1):
    y = F.conv2d(x, weight, bias, stride=stride, padding=padding, dilation=dilation)
    n, o, h, w = y.shape
    return y.reshape(n, o, w, h).transpose(2, 3)


def _conv_weight_order(x, weight, bias=None, stride=1, padding=0, dilation=1):
    o, c, kh, kw = weight.shape
    # weight.permute(0, 2, 3, 1).reshape(o, -1) against blocks whose rows run over (C, kH, kW)
    scrambled = weight.permute(0, 2, 3, 1).reshape(o, c, kh, kw)
    return F.conv2d(x, scrambled, bias, stride=stride, padding=padding, dilation=dilation)


_CONV_OPS = frozenset({
    "conv1d", "conv2d", "conv3d", "convolution", "_convolution", "_convolution_mode", "convolution_backward",
    "convolution_overrideable", "convolution_backward_overrideable", "_convolution_double_backward",
    "conv_transpose1d", "conv_transpose2d", "conv_transpose3d", "conv_tbc", "conv_tbc_backward",
    "mkldnn_convolution", "_nnpack_spatial_convolution", "thnn_conv2d", "_slow_conv2d_forward",
    "_slow_conv2d_backward", "slow_conv_dilated2d", "slow_conv_dilated3d", "slow_conv3d", "slow_conv3d_forward",
    "slow_conv_transpose2d", "slow_conv_transpose3d", "_conv_depthwise2d", "conv_depthwise3d",
    "cudnn_convolution", "cudnn_convolution_transpose", "cudnn_convolution_relu", "cudnn_convolution_add_relu",
    "miopen_convolution", "miopen_convolution_transpose", "miopen_depthwise_convolution",
    "_mps_convolution", "_mps_convolution_transpose",
}) | _ops("conv", exclude=("_convert",))

register(Exercise(
    id="conv2d_unfold", assignment=A,
    signature="conv2d_unfold(x, weight, bias=None, stride=1, padding=0, dilation=1)",
    reference=_conv2d_reference,
    reference_text="F.conv2d(x, weight, bias, stride, padding, dilation), computed in float64",
    cases=_conv_cases,
    forbidden=[Forbid("a convolution op", aten=_CONV_OPS,
                      functions={"conv1d", "conv2d", "conv3d", "conv_transpose1d", "conv_transpose2d",
                                 "conv_transpose3d", "conv_tbc", "convolution"},
                      hint="Build it from F.unfold (the blocks) and a matrix product with the flattened "
                           "weight; F.conv2d, nn.Conv2d and the other convolution kernels are what you "
                           "are re-implementing.")],
    vectorized=_conv_vectorized,
    # The reference is float64 rounded to float32; a right float32 answer is not: a matmul (or
    # einsum) of the unfolded blocks adds C·kH·kW products per output, and the gradient w.r.t.
    # weight N·H'·W' of them, each sum rounding as it goes. Over 300 hidden seeds right answers
    # came within 0.64 of the default tolerance (rtol 1.3e-6, atol 1e-5), and the error grows with
    # the length of the sums: about 3x of room. float64 keeps the defaults.
    tolerances={torch.float32: (1e-5, 3e-5)},
    mistakes=[
        Mistake(lambda x, w, b=None, stride=1, padding=0, dilation=1:
                F.conv2d(x, w, None, stride=stride, padding=padding, dilation=dilation) if b is not None else None,
                "the bias was left out: add bias[o] to every output of channel o"),
        Mistake(_conv_hw_swapped, "the L = H'·W' block positions were laid out as (W', H'): F.unfold lists "
                "the blocks row by row, so L reshapes to (H', W')"),
        Mistake(_conv_weight_order, "the weight was flattened in another order than the rows of F.unfold's "
                "blocks: they run over (C, kH, kW), as weight.reshape(O, -1) does"),
    ],
))


# ---- max_pool2d_unfold ------------------------------------------------------------------------

def _max_pool_reference(x, kernel_size, stride=None, padding=0):
    return F.max_pool2d(x, kernel_size, stride, padding)


def _pool_geometry(gen, *, max_k=4, extra=6, stride=True, square=False):
    """(H, W), kernel, stride (None: the default) and padding; `square`: the same along H and W."""
    def pair(low, high):
        a = size(gen, low, high)
        return (a, a) if square else (a, size(gen, low, high))

    for _ in range(20):
        k = pair(1, max_k)
        s = pair(1, 3) if stride else None
        p = (size(gen, 0, k[0] // 2), size(gen, 0, k[1] // 2))  # max_pool2d allows padding <= kernel / 2
        p = (p[0], p[0]) if square else p
        st = s or k
        hw = tuple(max(1, k[i] - 2 * p[i]) + size(gen, 0, extra) for i in range(2))
        out = tuple(_out_size(hw[i], k[i], st[i], p[i], 1) for i in range(2))
        if out[0] != out[1]:
            break
    return hw, k, s, p


def _pool_case(gen, *, n, c, dtype, geometry, layout="contiguous", values="normal", form="pair",
               padding_keyword=None, label=""):
    """form: kernel, stride and padding as "int"s (square) or "pair"s; padding_keyword: pass
    padding=... even when it is 0 (None: only when it is not)."""
    (h, w), k, s, p = geometry
    if form == "int":
        k, s, p = _square(k), s and _square(s), _square(p)
        h, w = _grow((h, w), k, p)
    c, (h, w) = _fit(n, c, (h, w), layout)
    x = randn(gen, n, c, h, w, dtype=dtype)
    if values == "negative":
        x = -x.abs() - 0.5
    elif values == "integers":
        x = torch.randint(-3, 4, (n, c, h, w), generator=gen).to(dtype)
    x = _layout(x, layout)
    args, kwargs = (x, _as_form(k, form)), {}
    if s is not None:
        kwargs["stride"] = _as_form(s, form)
    if p != (0, 0) or padding_keyword:
        kwargs["padding"] = _as_form(p, form)
    text = label or (f"{h}×{w}, kernel {_fmt(k)}" + (f", stride {_fmt(s)}" if s else "") +
                     (f", padding {_fmt(p)}" if p != (0, 0) else ""))
    extras = [str(dtype)[6:]] + ([f"x {layout}"] if layout != "contiguous" else []) + \
             (["negative"] if values == "negative" and not label else []) + \
             (["ties"] if values == "integers" and not label else [])
    # Integer values tie inside a block: which of the tied inputs gets the gradient is arbitrary.
    grad_args = () if values == "integers" else (0,)
    return Case(args, kwargs, label=f"{text}, {', '.join(extras)}", grad_args=grad_args)


def _pool_cases(gen, hidden):
    f32, f64 = torch.float32, torch.float64
    x = torch.tensor([[[[1., 2., 0., 1., 1., 0.], [2., 1., 1., 1., 0., 2.], [0., 1., 2., 1., 1., 0.]],
                       [[1., 1., 1., 1., 1., 0.], [0., 2., 1., 0., 1., 1.], [2., 0., 1., 2., 0., 1.]]]])
    cases = [
        Case((x, (1, 2)), label="EE-559's example: 1×2×3×6, values 0 to 2, kernel (1, 2) (ties: values only)"),
        _pool_case(gen, n=2, c=3, dtype=f32, geometry=((5, 7), (2, 2), None, (0, 0)), form="int",
                   padding_keyword=True, label="5×7, kernel 2, default stride: the last row and column dropped"),
        _pool_case(gen, n=1, c=2, dtype=f64, geometry=((6, 5), (3, 3), (2, 2), (1, 1)), values="negative",
                   form="int", label="6×5, kernel 3, stride 2, padding 1, all values negative"),
        _pool_case(gen, n=2, c=1, dtype=f32, geometry=((7, 6), (3, 2), (1, 2), (1, 1)), values="negative",
                   label="C=1, 7×6, kernel (3, 2), stride (1, 2), padding 1, negative"),
        # C > 1: with one channel, channels-last is the contiguous layout and hides a .view
        _pool_case(gen, n=2, c=3, dtype=f32, geometry=((6, 7), (2, 3), (2, 2), (1, 1)), layout="channels_last",
                   label="C=3, 6×7, kernel (2, 3), stride 2, padding 1"),
        _pool_case(gen, n=1, c=2, dtype=f64, geometry=((5, 6), (2, 2), None, (0, 0)), layout="transposed",
                   label="5×6, kernel (2, 2), default stride"),
    ]
    # The kinds (layout, int or pair, stride given or default, padding passed) go by the case's
    # number, the same under every seed; the seed draws sizes, dtypes and values.
    for i in range(8 if hidden else 0):
        cases.append(_pool_case(
            gen, n=pick(gen, (1, 2, 4)), c=pick(gen, (1, 2, 3)), dtype=pick(gen, (f32, f64)),
            geometry=_pool_geometry(gen, extra=10, stride=i % 3 != 0, square=(i // 2) % 2 == 0),
            layout=_LAYOUTS[i % 4], values=pick(gen, ("normal", "negative", "negative", "integers")),
            form=("int", "pair")[(i // 2) % 2], padding_keyword=i % 2 == 0))
    return cases


def _with_args(case: Case, *more) -> Case:
    case.args = case.args + more
    return case


def _pool_zero_padding(x, kernel_size, stride=None, padding=0):
    ph, pw = _pair(padding)
    return F.max_pool2d(F.pad(x, (pw, pw, ph, ph)), kernel_size, stride)


_POOL_OPS = frozenset({
    "max_pool1d", "max_pool1d_with_indices", "max_pool2d", "max_pool2d_with_indices", "max_pool3d",
    "max_pool3d_with_indices", "adaptive_max_pool1d", "adaptive_max_pool2d", "adaptive_max_pool3d",
    "avg_pool1d", "avg_pool2d", "avg_pool3d", "adaptive_avg_pool1d", "adaptive_avg_pool2d",
    "adaptive_avg_pool3d", "_adaptive_avg_pool2d", "_adaptive_avg_pool3d", "fractional_max_pool2d",
    "fractional_max_pool3d", "mkldnn_max_pool2d", "mkldnn_max_pool3d", "mkldnn_adaptive_avg_pool2d",
    "quantized_max_pool1d", "quantized_max_pool2d", "quantized_max_pool3d", "max_unpool2d", "max_unpool3d",
}) | _ops("pool")

register(Exercise(
    id="max_pool2d_unfold", assignment=A, signature="max_pool2d_unfold(x, kernel_size, stride=None, padding=0)",
    reference=_max_pool_reference, reference_text="F.max_pool2d(x, kernel_size, stride, padding)",
    cases=_pool_cases,
    forbidden=[Forbid("a pooling op", aten=_POOL_OPS,
                      functions={"max_pool1d", "max_pool2d", "max_pool3d", "max_pool1d_with_indices",
                                 "max_pool2d_with_indices", "adaptive_max_pool2d", "avg_pool2d",
                                 "adaptive_avg_pool2d", "lp_pool2d", "fractional_max_pool2d"},
                      hint="Unfold the blocks and take their max; F.max_pool2d, nn.MaxPool2d and the other "
                           "pooling kernels are what you are re-implementing.")],
    vectorized=lambda b, gen: _with_args(_probe(b, gen, [(b, 2, 6, 7)], {"stride": 2, "padding": 1}), 3),
    mistakes=[
        Mistake(_pool_zero_padding, "the border was padded with zeros (what F.unfold's padding does): max "
                "pooling pads with -inf, so that a padded position never wins a block of negative values"),
    ],
))


# ---- fold_overlap_counts ----------------------------------------------------------------------

def _counts_reference(output_size, kernel_size, stride=1, padding=0):
    h, w = _pair(output_size)
    blocks = F.unfold(torch.ones(1, 1, h, w), kernel_size, stride=stride, padding=padding)
    return F.fold(torch.ones_like(blocks), (h, w), kernel_size, stride=stride, padding=padding)[0, 0]


def _counts_cases(gen, hidden):
    cases = [
        Case(((3, 4), 2), label="the slides' F.fold example: output_size (3, 4), kernel 2"),
        Case(((5, 7), (2, 3)), {"stride": (1, 2)}, label="5×7, kernel (2, 3), stride (1, 2)"),
        Case(((7, 8), 2), {"stride": 3}, label="7×8, kernel 2, stride 3 > kernel: some pixels in no block"),
        Case((6, 3), {"padding": 1, "stride": 2},
             label="output_size 6 (an int), kernel 3, stride 2, padding 1"),
        Case(((4, 9), (3, 1)), {"stride": (2, 1), "padding": (2, 0)}, label="4×9, kernel (3, 1), padding (2, 0)"),
    ]
    for _ in range(8 if hidden else 0):
        for _ in range(20):
            k = (size(gen, 1, 5), size(gen, 1, 5))
            s = (size(gen, 1, 4), size(gen, 1, 4))
            p = (size(gen, 0, k[0] - 1), size(gen, 0, k[1] - 1))
            hw = (max(1, k[0] - 2 * p[0]) + size(gen, 0, 20), max(1, k[1] - 2 * p[1]) + size(gen, 0, 20))
            if hw[0] != hw[1]:
                break
        kwargs = {"stride": _as_arg(gen, s), "padding": _as_arg(gen, p)}
        cases.append(Case((hw, _as_arg(gen, k)), kwargs,
                          label=f"random {hw[0]}×{hw[1]}, kernel {_fmt(k)}, stride {_fmt(s)}, padding {_fmt(p)}"))
    return cases


register(Exercise(
    id="fold_overlap_counts", assignment=A,
    signature="fold_overlap_counts(output_size, kernel_size, stride=1, padding=0)",
    reference=_counts_reference,
    reference_text="F.fold(torch.ones_like(blocks), output_size, kernel_size, stride, padding)[0, 0], "
                   "blocks = F.unfold(torch.ones(1, 1, H, W), kernel_size, stride, padding)",
    cases=_counts_cases,
    devices=("cpu",),  # no tensor goes in: the counts are made on the default device
    mistakes=[
        Mistake(lambda size_, k, stride=1, padding=0: _counts_reference(size_, k, stride, 0)
                if _pair(padding) != (0, 0) and _fits(size_, k, stride) else None,
                "the padding was ignored: with padding p the first block starts p pixels before the image "
                "(and the last may end p pixels after it), which changes how many blocks cover each pixel"),
        Mistake(lambda size_, k, stride=1, padding=0: _counts_reference(size_, _pair(k)[0], stride, padding),
                "the kernel was taken as (kH, kH): kernel_size=(kH, kW) is kH rows by kW columns"),
    ],
))


def _fits(size_, k, stride):
    h, w = _pair(size_)
    k = _pair(k)
    return k[0] <= h and k[1] <= w


# ---- average_patches --------------------------------------------------------------------------

def _average_reference(x, kernel_size, stride=1):
    hw = tuple(x.shape[-2:])
    summed = F.fold(F.unfold(x, kernel_size, stride=stride), hw, kernel_size, stride=stride)
    ones = torch.ones((1, 1) + hw, dtype=x.dtype, device=x.device)
    counts = F.fold(F.unfold(ones, kernel_size, stride=stride), hw, kernel_size, stride=stride)
    return torch.where(counts > 0, summed / counts.clamp(min=1), torch.zeros((), dtype=x.dtype, device=x.device))


def _average_case(gen, *, n, c, hw, k, s, dtype, layout="contiguous", form="pair", stride_keyword=True, label=""):
    """form: kernel and stride as "int"s (square) or "pair"s; stride_keyword False leaves a stride
    of 1 to the default."""
    if form == "int":
        k, s = _square(k), _square(s)
        hw = _grow(hw, k)
    c, hw = _fit(n, c, hw, layout)
    x = _layout(randn(gen, n, c, hw[0], hw[1], dtype=dtype), layout)
    args = (x, _as_form(k, form))
    kwargs = {} if s == (1, 1) and not stride_keyword else {"stride": _as_form(s, form)}
    text = label or f"{n}×{c}×{hw[0]}×{hw[1]}, kernel {_fmt(k)}, stride {_fmt(s)}"
    extras = [str(dtype)[6:]] + ([f"x {layout}"] if layout != "contiguous" else [])
    return Case(args, kwargs, label=f"{text}, {', '.join(extras)}", grad_args=(0,))


def _average_cases(gen, hidden):
    f32, f64 = torch.float32, torch.float64
    cases = [
        _average_case(gen, n=2, c=3, hw=(3, 4), k=(2, 2), s=(1, 1), dtype=f32, form="int", stride_keyword=False,
                      label="the slides' image 2×3×3×4, kernel 2: every pixel covered"),
        _average_case(gen, n=1, c=2, hw=(7, 8), k=(2, 2), s=(3, 3), dtype=f64, form="int",
                      label="7×8, kernel 2, stride 3 > kernel: pixels in no block must be 0"),
        _average_case(gen, n=2, c=1, hw=(5, 6), k=(2, 3), s=(2, 1), dtype=f32, layout="transposed",
                      label="5×6, kernel (2, 3), stride (2, 1): H not a multiple of the stride"),
        _average_case(gen, n=1, c=1, hw=(6, 9), k=(3, 2), s=(2, 4), dtype=f64, layout="strided",
                      label="N=C=1, 6×9, kernel (3, 2), stride (2, 4)"),
        _average_case(gen, n=2, c=3, hw=(5, 4), k=(2, 2), s=(1, 2), dtype=f32, layout="channels_last",
                      label="C=3, 5×4, kernel 2, stride (1, 2)"),
    ]
    for i in range(6 if hidden else 0):
        k = (size(gen, 1, 4), size(gen, 1, 4))
        s = (size(gen, 1, 5), size(gen, 1, 5))
        hw = (k[0] + size(gen, 0, 12), k[1] + size(gen, 0, 12))
        cases.append(_average_case(gen, n=pick(gen, (1, 2, 3)), c=pick(gen, (1, 2, 3)), hw=hw, k=k, s=s,
                                   dtype=pick(gen, (f32, f64)), layout=_LAYOUTS[i % 4],
                                   form=("int", "pair")[i % 2], stride_keyword=True))
    return cases


def _average_divided_by_area(x, kernel_size, stride=1):
    kh, kw = _pair(kernel_size)
    hw = tuple(x.shape[-2:])
    return F.fold(F.unfold(x, kernel_size, stride=stride), hw, kernel_size, stride=stride) / (kh * kw)


def _average_nan(x, kernel_size, stride=1):
    hw = tuple(x.shape[-2:])
    summed = F.fold(F.unfold(x, kernel_size, stride=stride), hw, kernel_size, stride=stride)
    return summed / F.fold(F.unfold(torch.ones_like(x), kernel_size, stride=stride), hw, kernel_size, stride=stride)


register(Exercise(
    id="average_patches", assignment=A, signature="average_patches(x, kernel_size, stride=1)",
    reference=_average_reference,
    reference_text="F.fold(F.unfold(x, ...), ...) divided by the overlap counts, 0 where the count is 0",
    cases=_average_cases,
    mistakes=[
        Mistake(lambda x, k, stride=1: F.fold(F.unfold(x, k, stride=stride), tuple(x.shape[-2:]), k, stride=stride),
                "F.fold sums the overlapping copies of a pixel, it does not average them: divide by how many "
                "blocks cover each pixel"),
        Mistake(_average_divided_by_area, "the sums were divided by kH·kW, but pixels near the border (or between "
                "strided blocks) are covered by fewer blocks than that: divide by the overlap counts"),
        Mistake(_average_nan, "pixels that no block covers are 0/0 = NaN: they must be 0"),
        Mistake(lambda x, k, stride=1: x.clone(), "x was returned unchanged, but pixels that no block covers "
                "must be 0"),
    ],
))
