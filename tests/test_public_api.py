"""Every module of the package declares ``__all__`` and ``__dir__`` returns it (STYLE.md)."""

from __future__ import annotations

import importlib
import pkgutil

import pytest

import analyses
import recast


def _modules():
    for pkg in (recast, analyses):
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
