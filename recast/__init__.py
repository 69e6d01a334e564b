"""recast: turn B-anomaly models (muoquark leptoquarks, U(1)_X Z' bosons) into LHC limits.

Units everywhere: masses and energies in GeV, cross-sections in pb, luminosity in fb^-1.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("recast")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0.0.0"

__all__ = ["__version__"]


def __dir__() -> list[str]:
    return __all__
