"""Flavour constraints on the recast models: b→sμμ, B_s mixing, neutrino trident, (g−2)_μ.

Analytic formulas, each with its arXiv source in the module that implements it; the fit
inputs are data (``recast/data/1.0.0/flavour_fits.yaml``), chosen with ``fit="2021"|"2025"``.

Example:
    >>> from recast.models import get_model
    >>> from recast.flavour import evaluate
    >>> res = evaluate(get_model("S3"), fit="2021")
    >>> round(res.wilson.C9, 2), round(res.chi2, 2)
    (-0.39, 18.8)
"""

from __future__ import annotations

from recast.flavour.fit import FlavourResult, Observable, evaluate, fit_names, load_fit
from recast.flavour.g2 import delta_a_mu
from recast.flavour.mixing import bs_mixing_ratio
from recast.flavour.trident import trident_ratio
from recast.flavour.wilson import WilsonCoefficients, bs_mumu_ratio, wilson_coefficients

__all__ = [
    "FlavourResult",
    "Observable",
    "WilsonCoefficients",
    "bs_mixing_ratio",
    "bs_mumu_ratio",
    "delta_a_mu",
    "evaluate",
    "fit_names",
    "load_fit",
    "trident_ratio",
    "wilson_coefficients",
]


def __dir__() -> list[str]:
    return __all__
