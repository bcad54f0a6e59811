"""The code's shape: no module of `site_builder/` over 400 lines, no function over 60.

A function may be longer when its docstring says why, on a line starting `Long because:`
(a hot loop that calls would slow down, a table of cases read top to bottom...). A module has
no such way out: one over 400 lines does several jobs, and is split by what they are.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "site_builder"
MODULE_LINES = 400
FUNCTION_LINES = 60
REASON = "Long because:"


def _functions(tree: ast.AST) -> Iterator[ast.FunctionDef | ast.AsyncFunctionDef]:
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            yield node


def _gives_reason(function: ast.FunctionDef | ast.AsyncFunctionDef) -> bool:
    docstring = ast.get_docstring(function) or ""
    for line in docstring.splitlines():
        stripped = line.strip()
        # The reason itself, not the bare words: at least a few words after the colon.
        if stripped.startswith(REASON) and len(stripped[len(REASON) :].split()) >= 3:
            return True
    return False


def oversized(source: str, name: str) -> list[str]:
    """What in `source` is over the limits: `name: N lines`, `name:function (line L): N lines`."""
    found = []
    lines = len(source.splitlines())
    if lines > MODULE_LINES:
        found.append(f"{name}: {lines} lines")
    for function in _functions(ast.parse(source)):
        # From the first decorator, so a long decorator list counts too.
        start = min([function.lineno, *(d.lineno for d in function.decorator_list)])
        length = (function.end_lineno or function.lineno) - start + 1
        if length > FUNCTION_LINES and not _gives_reason(function):
            found.append(f"{name}:{function.name} (line {function.lineno}): {length} lines")
    return found


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def test_no_module_or_function_over_the_limits() -> None:
    modules = _modules()
    assert len(modules) > 50  # the whole package was read, not an empty folder
    found = [
        problem
        for path in modules
        for problem in oversized(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT)))
    ]
    assert found == []


def _function(lines: int, docstring: str = "") -> str:
    body = "".join(f"    x{n} = {n}\n" for n in range(lines - 2))
    return f'def f():\n    """{docstring}"""\n{body}'


def test_a_long_function_needs_a_reason() -> None:
    assert oversized(_function(60), "m.py") == []
    assert oversized(_function(61), "m.py") == ["m.py:f (line 1): 61 lines"]
    assert oversized(_function(61, "Long because: one table of cases, read in order."), "m") == []
    assert oversized(_function(61, "Long because:"), "m.py") != []  # the words, not a reason


def test_methods_and_nested_functions_are_measured_too() -> None:
    method = "class C:\n" + "".join(f"    {line}\n" for line in _function(61).splitlines())
    assert oversized(method, "m.py") == ["m.py:f (line 2): 61 lines"]


def test_a_long_module_is_reported() -> None:
    assert oversized("x = 1\n" * 401, "m.py") == ["m.py: 401 lines"]
    assert oversized("x = 1\n" * 400, "m.py") == []
