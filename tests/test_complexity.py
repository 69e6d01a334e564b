"""No function or method in recast/, analyses/recast_analyses/ or scripts/ above cyclomatic complexity 20 (radon, as
``radon cc``)."""

from __future__ import annotations

from pathlib import Path

from radon.complexity import cc_visit
from radon.visitors import Function

ROOT = Path(__file__).resolve().parent.parent
MAX_COMPLEXITY = 20


def _complexities(path: Path, where: str) -> dict[str, int]:
    """``{"<where>::<function or Class.method>": complexity}`` of every function and method in *path*
    (radon's class totals are not functions and are left out)."""
    blocks = cc_visit(path.read_text(encoding="utf-8"))
    return {f"{where}::{b.fullname}": b.complexity for b in blocks if isinstance(b, Function)}


def _all_complexities() -> dict[str, int]:
    out: dict[str, int] = {}
    for top in ("recast", "analyses/recast_analyses", "scripts"):
        for path in sorted((ROOT / top).rglob("*.py")):
            out |= _complexities(path, str(path.relative_to(ROOT)))
    return out


def test_the_measure_is_radons_cyclomatic_complexity(tmp_path):
    # 1 + one per if/elif, loop, boolean operator and comprehension condition
    src = tmp_path / "f.py"
    src.write_text(
        "def f(x):\n"
        "    if x > 1 and x < 5:\n        return 1\n"
        "    elif x == 7:\n        return 2\n"
        "    for i in range(x):\n        x += i\n"
        "    return [y for y in range(x) if y % 2]\n"
        "class C:\n    def m(self):\n        return 0\n"
    )
    assert _complexities(src, "f.py") == {"f.py::f": 7, "f.py::C.m": 1}


def test_no_function_above_complexity_20():
    over = {name: cc for name, cc in _all_complexities().items() if cc > MAX_COMPLEXITY}
    assert over == {}, f"split these into named helpers (limit {MAX_COMPLEXITY}): {over}"

