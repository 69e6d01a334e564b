"""Experiment-style figures: σ×B limits vs mass, and LQ / Z′ planes with flavour overlays.

matplotlib runs with the Agg backend; every figure is written as PDF and PNG.
"""

from __future__ import annotations

from recast.plotting.exclusion import mass_limit_figure, plot_mass_limit
from recast.plotting.planes import lq_plane_figure, plot_lq_plane, plot_zprime_plane, zprime_plane_figure

__all__ = [
    "lq_plane_figure",
    "mass_limit_figure",
    "plot_lq_plane",
    "plot_mass_limit",
    "plot_zprime_plane",
    "zprime_plane_figure",
]


def __dir__() -> list[str]:
    return __all__
