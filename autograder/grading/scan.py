"""Static scan of the code a student wrote (docs/grading.md, layer 7).

Each solution cell, and each code cell the student added or edited, is parsed (after IPython's
own transformations, so `%magic` lines read as the calls they are) and searched for the means
of tampering with the grader: introspection modules, the interpreter's internals, dynamic code.
A hit costs the exercise that owns the cell; the cell is not run. The scan is a first filter,
not the defence: a determined student can spell any of these through getattr and strings, and
the runtime layers (audit hook, integrity snapshot, signed observations) catch what gets past.
"""
from __future__ import annotations

import ast
from dataclasses import dataclass

# Importing any of these (or a submodule) in student code is refused.
MODULES = (
    "gc", "ctypes", "_ctypes", "inspect", "threading", "_thread", "importlib", "torch._C",
    "torch.utils._python_dispatch", "torch.overrides", "autograder", "sys.modules",
    "signal", "_signal", "multiprocessing", "concurrent", "subprocess", "socket", "builtins",
    "marshal", "faulthandler", "tracemalloc", "_testcapi", "torch.multiprocessing",
)
# Attributes that reach into functions, frames and namespaces.
ATTRIBUTES = frozenset({
    "__closure__", "__code__", "__globals__", "__builtins__", "__subclasses__", "__kwdefaults__",
    "__defaults__", "f_back", "f_locals", "f_globals", "tb_frame", "gi_frame", "cr_frame",
    "from_file", "_C",
})
CALLS = frozenset({"exec", "eval", "compile", "__import__", "breakpoint"})
# Names the setup cell binds to modules: assigning to their attributes patches the library.
PATCHABLE_ROOTS = frozenset({"torch", "F", "nn", "check", "autograder"})


@dataclass(frozen=True)
class Hit:
    line: int
    code: str  # the offending source line, stripped
    why: str

    def describe(self) -> str:
        return f"line {self.line}: `{self.code}` ({self.why})"


def dotted(node: ast.AST) -> str | None:
    """`a.b.c` for an attribute chain rooted at a name, else None."""
    parts = []
    while isinstance(node, ast.Attribute):
        parts.append(node.attr)
        node = node.value
    if isinstance(node, ast.Name):
        parts.append(node.id)
        return ".".join(reversed(parts))
    return None


def _blocked_module(name: str) -> str | None:
    for m in MODULES:
        if name == m or name.startswith(m + "."):
            return m
    return None


def scan(source: str) -> list[Hit]:
    """The scan's hits in one cell's (IPython-transformed) Python source; [] if it is clean or
    does not parse (a syntax error is the cell's own failure, reported when it runs)."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError):
        return []
    lines = source.splitlines()
    hits: list[Hit] = []

    def hit(node, why):
        n = getattr(node, "lineno", 0)
        code = lines[n - 1].strip() if 0 < n <= len(lines) else ""
        hits.append(Hit(n, code[:120], why))

    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if m := _blocked_module(alias.name):
                    hit(node, f"importing {m} is not allowed in graded code")
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            names = [base] + [f"{base}.{a.name}" for a in node.names]
            if any(m := _blocked_module(n) for n in names):
                hit(node, f"importing from {m} is not allowed in graded code")
        elif isinstance(node, ast.Attribute):
            if node.attr in ATTRIBUTES:
                hit(node, f"`.{node.attr}` reaches into the interpreter's or PyTorch's internals")
            elif node.attr == "modules" and dotted(node) == "sys.modules":
                hit(node, "sys.modules is not available to graded code")
        elif isinstance(node, ast.Call):
            name = node.func.id if isinstance(node.func, ast.Name) else None
            if name in CALLS:
                hit(node, f"{name}() runs code the grader cannot read")
            elif name in ("setattr", "delattr") and node.args and _root(node.args[0]) in PATCHABLE_ROOTS:
                hit(node, f"{name}() on a library object changes the library")
        elif isinstance(node, ast.Name) and node.id in ("__builtins__", "__loader__", "__spec__"):
            hit(node, f"{node.id} is not available to graded code")
        elif isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign, ast.Delete)):
            targets = list(node.targets if isinstance(node, (ast.Assign, ast.Delete)) else [node.target])
            while targets:  # what is assigned to, not what its subscripts compute
                t = targets.pop()
                if isinstance(t, (ast.Tuple, ast.List)):
                    targets.extend(t.elts)
                elif isinstance(t, ast.Starred):
                    targets.append(t.value)
                elif isinstance(t, (ast.Attribute, ast.Subscript)) and _root(t) in PATCHABLE_ROOTS:
                    hit(node, f"assigning to {dotted(t) or _root(t) + '[...]'} changes the library")
    hits.sort(key=lambda h: h.line)
    return hits


def _root(node: ast.AST) -> str | None:
    """The name an attribute/subscript chain hangs from: `torch` for torch.nn.F[0].x, `vars`
    for vars(torch)[...] (a call's result is a new object: only its function is followed)."""
    while isinstance(node, (ast.Attribute, ast.Subscript, ast.Call)):
        node = node.func if isinstance(node, ast.Call) else node.value
    return node.id if isinstance(node, ast.Name) else None
