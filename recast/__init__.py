"""recast: turn B-anomaly models (muoquark leptoquarks, U(1)_X Z' bosons) into LHC limits.

Units everywhere: masses and energies in GeV, cross-sections in pb, luminosity in fb^-1.

Notebook API (:mod:`recast.api`; nothing heavy is imported until it is used)::

    import recast
    s3 = recast.model("S3", mass=1500, y_bmu=1.0)   # widths, branching ratios, cards
    res = recast.limits(s3, lumi=139)                # res.mass_limit["expected"], res.plot("s3.pdf")
    fl = recast.flavour(s3)                          # C9, C10, pulls, chi2 (likelihood="smelli": smelli)
    at = recast.atlas(muoquark="S3")                 # anomaly-free U(1)_X classes

The API functions are plain functions: the machinery behind them lives in packages of other names
(:mod:`recast.chain`: signal, searches, fits; :mod:`recast.lowenergy`: flavour, (g−2)_μ and the
other low-energy constraints; :mod:`recast.u1x`: the U(1)_X charge atlas, not to be read as the
ATLAS experiment).
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from recast.api.flavour_result import Flavour
    from recast.api.limit_result import Limits
    from recast.models import Model

#: The distribution's name on the package index (``recast`` and ``recast-atlas`` there are other projects);
#: the import name and the command stay ``recast``.
DIST_NAME = "recast-banomalies"

try:
    __version__ = version(DIST_NAME)
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0.0.0"

__all__ = ["__version__", "api", "atlas", "flavour", "limits", "model"]


def __dir__() -> list[str]:
    return __all__


def model(name: str, mass: float | None = None, **kwargs: Any) -> Model:
    """A model point by name (:func:`recast.api.model`): ``recast.model("S3", mass=1500, y_bmu=1.0)``."""
    from recast import api

    return api.model(name, mass, **kwargs)


def limits(*args: Any, **kwargs: Any) -> Limits:
    """95 % CL LHC limits of a model (:func:`recast.api.limits`): ``recast.limits(s3, lumi=139)``."""
    from recast import api

    return api.limits(*args, **kwargs)


def flavour(*args: Any, **kwargs: Any) -> Flavour:
    """Flavour verdict of a model point (:func:`recast.api.flavour`): ``recast.flavour(s3)``."""
    from recast import api

    return api.flavour(*args, **kwargs)


def atlas(*args: Any, **kwargs: Any) -> Any:
    """The U(1)_X charge atlas or the check of one assignment (:func:`recast.api.atlas`)."""
    from recast import api

    return api.atlas(*args, **kwargs)


def __getattr__(name: str) -> Any:
    """Import ``api`` on first use (``import recast`` stays light)."""
    if name == "api":
        import importlib

        return importlib.import_module(f"{__name__}.{name}")
    msg = f"module {__name__!r} has no attribute {name!r}"
    raise AttributeError(msg)
