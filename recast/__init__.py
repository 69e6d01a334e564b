"""recast: turn B-anomaly models (muoquark leptoquarks, U(1)_X Z' bosons) into LHC limits.

Units everywhere: masses and energies in GeV, cross-sections in pb, luminosity in fb^-1.

Notebook API (:mod:`recast.api`; nothing heavy is imported until it is used)::

    import recast
    s3 = recast.model("S3", mass=1500, y_bmu=1.0)   # widths, branching ratios, cards
    res = recast.limits(s3, lumi=139)                # res.mass_limit["expected"], res.plot("s3.pdf")
    fl = recast.flavour(s3)                          # C9, C10, pulls, chi2 (likelihood="smelli": smelli)
    at = recast.atlas(muoquark="S3")                 # anomaly-free U(1)_X classes

``recast.limits`` and ``recast.flavour`` are also the subpackages of those names (``from
recast.limits import run_limits`` keeps working): calling one calls the API function of the same
name. ``recast.atlas`` is the API function of the U(1)_X charge atlas, whose package is
:mod:`recast.u1x` (not to be read as the ATLAS experiment).
"""

from __future__ import annotations

import sys
from importlib.metadata import PackageNotFoundError, version
from types import ModuleType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from recast.models import Model

#: The distribution's name on the package index (``recast`` and ``recast-atlas`` there are other projects);
#: the import name and the command stay ``recast``.
DIST_NAME = "recast-banomalies"

try:
    __version__ = version(DIST_NAME)
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0.0.0"

__all__ = ["__version__", "api", "atlas", "flavour", "limits", "model"]

#: Submodules that are also API functions: ``recast.limits(...)`` calls :func:`recast.api.limits`.
_CALLABLE = ("limits", "flavour")


def __dir__() -> list[str]:
    return __all__


class _CallableModule(ModuleType):
    """A submodule that, called, runs the API function of its name (``recast.limits(model, lumi=139)``)."""

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        from recast import api

        return getattr(api, self.__name__.rpartition(".")[2])(*args, **kwargs)


class _Package(ModuleType):
    """The ``recast`` package: binding one of :data:`_CALLABLE` submodules (which the import system
    does on import) makes it callable."""

    def __setattr__(self, name: str, value: Any) -> None:
        if name in _CALLABLE and type(value) is ModuleType:
            value.__class__ = _CallableModule
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package


def model(name: str, mass: float | None = None, **kwargs: Any) -> Model:
    """A model point by name (:func:`recast.api.model`): ``recast.model("S3", mass=1500, y_bmu=1.0)``."""
    from recast import api

    return api.model(name, mass, **kwargs)


def atlas(*args: Any, **kwargs: Any) -> Any:
    """The U(1)_X charge atlas or the check of one assignment (:func:`recast.api.atlas`)."""
    from recast import api

    return api.atlas(*args, **kwargs)


def __getattr__(name: str) -> Any:
    """Import ``api`` and the callable submodules on first use (``import recast`` stays light)."""
    if name in (*_CALLABLE, "api"):
        import importlib

        return importlib.import_module(f"{__name__}.{name}")
    msg = f"module {__name__!r} has no attribute {name!r}"
    raise AttributeError(msg)
