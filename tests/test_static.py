"""The static checks configured in pyproject.toml run with the test suite, so the README's single
test command (and CI, which runs exactly that command) enforces them: ruff on the code, the
built-in plugins and the tests, and ``mypy --strict`` on ``recast/``, the built-in plugins and
``scripts/`` ([tool.mypy])."""

from __future__ import annotations

import subprocess
import sys
from importlib.metadata import entry_points
from importlib.util import find_spec
from pathlib import Path

import tomllib

ROOT = Path(__file__).resolve().parents[1]


def _plugin_dirs() -> list[str]:
    """Top-level folders of the built-in analysis plugins (from the entry points, whatever they are named)."""
    tops = {ep.value.split(":")[0].split(".")[0] for ep in entry_points(group="recast.analyses")}
    dirs = []
    for top in sorted(tops):
        spec = find_spec(top)
        assert spec is not None and spec.origin is not None, top
        path = Path(spec.origin).parent
        if path.is_relative_to(ROOT):
            dirs.append(str(path.relative_to(ROOT)))
    return dirs


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-m", *args]
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=600, check=False)


def test_ruff_is_clean():
    """ruff check (rules in [tool.ruff.lint]) finds nothing in recast/, the built-in plugins, scripts/ and tests/."""
    dirs = _plugin_dirs()
    assert dirs, "the built-in plugins were not found in this checkout"
    res = _run("ruff", "check", "--no-cache", "recast", *dirs, "scripts", "tests")
    assert res.returncode == 0, res.stdout[-4000:] + res.stderr[-2000:]


def test_mypy_covers_the_plugins():
    """[tool.mypy] files name recast/, every built-in plugin folder and the development scripts, so `mypy`
    (no arguments) checks them."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["mypy"]
    files = {Path(f).as_posix().rstrip("/") for f in config["files"]}
    dirs = _plugin_dirs()
    assert dirs, "the built-in plugins were not found in this checkout"
    assert {"recast", "scripts", *(Path(d).as_posix() for d in dirs)} <= files, files


def test_mypy_strict_is_clean():
    """mypy --strict ([tool.mypy]: recast/, the built-in plugins, scripts/) reports no error."""
    res = _run("mypy")
    assert res.returncode == 0, res.stdout[-4000:] + res.stderr[-2000:]
    assert "Success" in res.stdout
