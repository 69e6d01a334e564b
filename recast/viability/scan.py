"""Best points of the single mediators: a grid scan over each one's couplings and mass.

"Best" = allowed points first, then the most anomalies explained, then the smallest
pull² (C_LL) + pull² (Δa_μ). The grids (:data:`SINGLE_MEDIATORS`, GeV and dimensionless) are stated in the
output. For the anomaly a mediator does not explain, the scan also reports the most it achieves among the
allowed points that explain the other one — the paper's reason ("no single mediator", arXiv:2107.07518).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np

from recast.lowenergy.fit import load_fit
from recast.models import Leptoquark, get_model
from recast.viability.composite import CompositeModel, make_composite
from recast.viability.contributions import contributions
from recast.viability.verdict import Verdict, judge

__all__ = ["SINGLE_MEDIATORS", "best_single", "single_names"]


def __dir__() -> list[str]:
    return __all__


def _signed(lo: float, hi: float, n: int) -> list[float]:
    mags = [float(x) for x in np.logspace(lo, hi, n)]
    return [-m for m in reversed(mags)] + mags


def _logs(lo: float, hi: float, n: int) -> list[float]:
    return [float(x) for x in np.logspace(lo, hi, n)]


_LQ_MASSES = [1000.0, 1500.0, 2000.0, 2500.0, 3000.0, 4000.0]

#: name -> (description, grid {parameter: values}) of each single mediator scanned
SINGLE_MEDIATORS: dict[str, tuple[str, dict[str, list[float]]]] = {
    "S3": ("S3 leptoquark alone", {"MS3": _LQ_MASSES, "y_bmu": [0.1, 0.3, 1.0, 2.0, 3.0],
                                   "y_smu": _signed(-4, 0, 17)}),
    "S1": ("S1 leptoquark alone", {"MS1": _LQ_MASSES, "yL_bmu": _logs(-2, 0.5, 6), "yR_tmu": _signed(-3, 0.5, 15)}),
    "R2": ("R2 leptoquark alone", {"MR2": _LQ_MASSES, "yLR_bmu": _logs(-1.5, 0.5, 5),
                                   "yLR_smu": _signed(-3, -1, 3), "yRL_tmu": _signed(-3, 0.5, 8)}),
    "Zp_heavy": ("heavy L_mu-L_tau Z' with a b-s coupling g_bs",
                 {"MZp": [200.0, 500.0, 1000.0, 2000.0, 5000.0, 10000.0], "gX": _logs(-2, 0.5, 11),
                  "g_bs": _signed(-5, -1, 17)}),
    "Zp_light": ("light L_mu-L_tau Z' (g_bs = 0: a Z' below the B->K(*)mumu q^2 range gives no C9)",
                 {"MZp": [0.01, 0.02, 0.05, 0.1, 0.2, 0.5], "gX": _logs(-4.5, -2, 21)}),
}


def single_names() -> list[str]:
    """The single mediators of the seed's list, in display order."""
    return list(SINGLE_MEDIATORS)


def _lq_point(name: str) -> Callable[[dict[str, float]], CompositeModel]:
    def build(p: dict[str, float]) -> CompositeModel:
        lq = get_model(name, couplings=p)
        if not isinstance(lq, Leptoquark):  # pragma: no cover
            raise TypeError(name)
        return make_composite(name, leptoquarks=(lq,))
    return build


def _zp_point(name: str) -> Callable[[dict[str, float]], CompositeModel]:
    def build(p: dict[str, float]) -> CompositeModel:
        return make_composite(name, charges="Lmu-Ltau", zprime=p)
    return build


def _points(grid: dict[str, list[float]]) -> Iterator[dict[str, float]]:
    keys = list(grid)
    for values in itertools.product(*(grid[k] for k in keys)):
        yield dict(zip(keys, values, strict=True))


def _score(v: Verdict, meas: dict[str, Any]) -> tuple[bool, bool, int, float]:
    p = v.predictions
    chi2 = ((p["C_LL"] - meas["C_LL"]["value"]) / meas["C_LL"]["sigma"]) ** 2 + (
        (p["delta_a_mu"] * 1e11 - meas["delta_a_mu"]["value"]) / meas["delta_a_mu"]["sigma"]) ** 2
    return v.viable, v.allowed, v.b_to_s_mumu + v.g_minus_2, -chi2


def best_single(name: str, *, fit: str | None = None) -> Verdict:
    """The best point of the single mediator ``name`` over its grid (module docstring)."""
    what, grid = SINGLE_MEDIATORS[name]
    build = _zp_point(name) if name.startswith("Zp") else _lq_point(name)
    meas = load_fit(fit)["observables"]
    best: tuple[tuple[bool, bool, int, float], Verdict] | None = None
    most_g2: float | None = None  # largest Δa_μ of allowed points explaining b→sμμ
    most_b: float | None = None  # most negative C_LL of allowed points explaining (g−2)_μ
    n = 0
    for p in _points(grid):
        model = build(p)
        v = judge(model, fit=fit, c=contributions(model))
        n += 1
        s = _score(v, meas)
        if best is None or s > best[0]:
            best = (s, v)
        if v.allowed and v.b_to_s_mumu:
            most_g2 = max(most_g2 or -1.0, v.predictions["delta_a_mu"])
        if v.allowed and v.g_minus_2:
            most_b = min(most_b if most_b is not None else 1e9, v.predictions["C_LL"])
    if best is None:  # pragma: no cover - the grids are not empty
        raise ValueError(name)
    v = best[1]
    deciding = dict(v.deciding)
    if not v.g_minus_2:
        deciding["g_minus_2"] += ("; scan: no allowed point explains b->smumu" if most_g2 is None else
                                  f"; scan: largest Delta a_mu of allowed points explaining b->smumu = "
                                  f"{most_g2 * 1e11:.3g}e-11")
    if not v.b_to_s_mumu:
        deciding["b_to_s_mumu"] += ("; scan: no allowed point explains (g-2)_mu" if most_b is None else
                                    f"; scan: most negative C_LL of allowed points explaining (g-2)_mu = {most_b:+.3g}")
    scan = {"description": what, "points": n, "ranges": {k: [min(g), max(g), len(g)] for k, g in grid.items()},
            "best": "allowed first, then anomalies explained, then smallest chi2(C_LL) + chi2(Delta a_mu)",
            "max_delta_a_mu_allowed_explaining_b": most_g2, "min_C_LL_allowed_explaining_g2": most_b}
    return Verdict(name, v.mediators, v.b_to_s_mumu, v.g_minus_2, v.allowed, deciding, v.point, v.predictions, scan)
