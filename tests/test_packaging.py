"""What a fresh install resolves: the distribution's name, its metadata and the dependency bounds (issue 20)."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, distribution, version
from pathlib import Path

import pytest
import tomllib
from packaging.requirements import Requirement

import recast

PYPROJECT = Path(__file__).resolve().parent.parent / "pyproject.toml"


def _requirements() -> list[Requirement]:
    project = tomllib.loads(PYPROJECT.read_text())["project"]
    reqs = [Requirement(r) for r in project["dependencies"]]
    for extra in project["optional-dependencies"].values():
        reqs += [Requirement(r) for r in extra]
    return reqs


def test_the_distribution_is_not_the_other_recast():
    """`recast` and `recast-atlas` on the index are other projects; the import and the command stay `recast`."""
    project = tomllib.loads(PYPROJECT.read_text())["project"]
    assert project["name"] == recast.DIST_NAME not in ("recast", "recast-atlas")
    assert project["scripts"] == {"recast": "recast.cli:cli"}
    assert recast.__version__ == version(recast.DIST_NAME) == project["version"]
    assert Path(distribution(recast.DIST_NAME).locate_file("recast")).name == "recast"


def test_every_dependency_has_a_lower_bound_that_the_installed_release_meets():
    """Each requirement names the release the suite is known to pass with (>=); what is installed meets every
    bound (so the suite that runs is the one the bounds describe)."""
    for req in _requirements():
        if req.marker is not None and not req.marker.evaluate():
            continue
        assert any(s.operator in (">=", "==", "~=") for s in req.specifier), f"{req}: no lower bound"
        try:
            installed = version(req.name)
        except PackageNotFoundError:  # an extra that this environment did not install (smelli's)
            continue
        assert req.specifier.contains(installed, prereleases=True), f"{req.name} {installed} outside {req.specifier}"


@pytest.mark.parametrize(("name", "breaks"), [("pyhf", "0.8"), ("pythia8mc", "8.318"), ("particle", "1.0")])
def test_known_breaking_releases_are_excluded(name, breaks):
    spec = next(r.specifier for r in _requirements() if r.name == name)
    assert not spec.contains(breaks)


def test_python_dash_m_recast_is_the_command(tmp_path):
    """`python -m recast` runs this project's command whatever `recast` comes first on PATH."""
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-m", "recast", "--version"], capture_output=True, text=True,
                         check=True, cwd=tmp_path)
    assert out.stdout.strip() == f"recast, version {recast.__version__}"


def test_the_plugins_ship_from_analyses_as_recast_analyses():
    """The design card's top level (issue 23): the built-in plugin package sits in the checkout's ``analyses/``
    folder and ships as the top-level import package ``recast_analyses`` (hatch keeps the last component);
    ``analyses`` itself is no package. Each plugin's data files are read through importlib.resources."""
    from importlib.metadata import entry_points
    from importlib.resources import files

    root = PYPROJECT.parent
    wheel = tomllib.loads(PYPROJECT.read_text())["tool"]["hatch"]["build"]["targets"]["wheel"]["packages"]
    assert wheel == ["recast", "analyses/recast_analyses"]
    assert all((root / p / "__init__.py").is_file() for p in wheel)
    assert not (root / "analyses" / "__init__.py").exists() and not (root / "recast_analyses").exists()
    eps = entry_points(group="recast.analyses")
    assert eps and all(ep.module.startswith("recast_analyses.") for ep in eps)
    for ep in eps:
        assert files(ep.module).joinpath("analysis.yaml").is_file(), ep.module


def test_collecting_the_ufo_tests_imports_no_symbolica():
    """symbolica (via ufo-model-loader) allows one process per user at a time: collection in every xdist worker
    must not import it, only test_ufo's own tests do (all in one worker: --dist loadfile)."""
    import subprocess
    import sys

    code = "import sys; sys.path.insert(0, 'tests'); import test_ufo; print('symbolica' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).parents[1])
    assert out.stdout.strip() == "False"
    assert "--dist=loadfile" in tomllib.loads((Path(__file__).parents[1] / "pyproject.toml").read_text())[
        "tool"]["pytest"]["ini_options"]["addopts"]
