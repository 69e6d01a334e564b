"""Flavour constraints on the recast models: b→sμμ, B_s mixing, neutrino trident, (g−2)_μ.

b→sμμ: tree-level matching at μ = M, running to 4.8 GeV with `wilson` (SMEFT + WET), flavio's CKM;
``benchmark_c9()`` is C9 of the seed's S3 benchmark in one call. Other observables: analytic
formulas, each with its arXiv source in the module that implements it; the fit
inputs are data (``recast/data/1.0.0/flavour_fits.yaml``), chosen with ``fit="2021"|"2025"``.

Example:
    >>> from recast.models import get_model
    >>> from recast.lowenergy import evaluate
    >>> res = evaluate(get_model("S3"), fit="2021")
    >>> round(res.wilson.C9, 3), round(res.chi2, 2)   # C9 at 4.8 GeV (wilson running, flavio CKM)
    (-0.363, 19.65)
"""

from __future__ import annotations

from recast.lowenergy.fit import FlavourResult, Observable, evaluate, fit_names, load_fit
from recast.lowenergy.g2 import delta_a_mu
from recast.lowenergy.mixing import bs_mixing_ratio
from recast.lowenergy.trident import trident_ratio
from recast.lowenergy.wilson import WilsonCoefficients, benchmark_c9, bs_mumu_ratio, wilson_coefficients

__all__ = [
    "FlavourResult",
    "Observable",
    "WilsonCoefficients",
    "benchmark_c9",
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
