"""Every module of the package declares ``__all__`` and ``__dir__`` returns it (STYLE.md)."""

from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

import pytest

import recast
import recast_analyses
import scripts


def _modules():
    for pkg in (recast, recast_analyses, scripts):
        yield pkg.__name__
        for info in pkgutil.walk_packages(pkg.__path__, prefix=f"{pkg.__name__}."):
            if info.name.endswith("__main__") or info.name.rsplit(".", 1)[-1].startswith("_"):
                continue
            yield info.name


@pytest.mark.parametrize("name", sorted(set(_modules())))
def test_module_declares_all_and_dir(name):
    mod = importlib.import_module(name)
    assert hasattr(mod, "__all__"), f"{name} has no __all__"
    for attr in mod.__all__:
        assert hasattr(mod, attr), f"{name}.__all__ names missing {attr}"
    assert hasattr(mod, "__dir__") and sorted(mod.__dir__()) == sorted(mod.__all__), f"{name}.__dir__ != __all__"


def test_top_level_api():
    assert recast.__all__ == ["__version__", "api", "atlas", "flavour", "limits", "model"]  # the notebook API
    assert recast.model("S3").name == "S3"
    from recast.models import get_model

    assert get_model("S3").name == "S3"


def test_the_builtin_searches_are_namespaced_plugins():
    """The built-in searches import as ``recast_analyses`` and are found only through the ``recast.analyses``
    entry-point group: no generic top-level ``analyses`` package is installed (issue 11). ``analyses/`` is the
    checkout's folder holding the package (issue 23); from a checkout on ``sys.path`` it is at most a namespace
    folder, never a package with code of its own."""
    from importlib.metadata import entry_points
    from importlib.util import find_spec

    from click.testing import CliRunner

    from recast.analysis.registry import ENTRY_POINT_GROUP
    from recast.cli import cli

    spec = find_spec("analyses")
    assert spec is None or (spec.origin is None and spec.submodule_search_locations is not None), spec
    if spec is not None:
        assert not any((Path(d) / "__init__.py").exists() for d in spec.submodule_search_locations)
    eps = entry_points(group=ENTRY_POINT_GROUP)
    assert {ep.name for ep in eps} == {"atlas_1903_06248", "cms_2103_02708", "lq_mumujj"}
    for ep in eps:
        assert ep.module == f"recast_analyses.{ep.name}" and ep.attr == "ANALYSIS"
        ana = ep.load()
        assert ana.id == ep.name and type(ana).__module__.startswith(f"recast_analyses.{ep.name}")
    listed = CliRunner().invoke(cli, ["analyses"])
    assert listed.exit_code == 0 and all(ep.name in listed.output for ep in eps)


def test_the_asymptotic_limits_module_has_its_own_name():
    """``recast.stats.upper_limits`` (CLs upper limits on μ, mass limits), not a third ``limits.py`` next to
    ``recast/chain.py`` and ``recast/cli/limits.py``; ``recast.stats``' public names are unchanged."""
    from importlib.util import find_spec

    import recast.stats
    import recast.stats.upper_limits as ul

    assert find_spec("recast.stats.limits") is None
    for name in ("CL", "UpperLimit", "cls", "mass_limit", "upper_limit"):
        assert name in recast.stats.__all__ and getattr(recast.stats, name) is getattr(ul, name)
