"""Neutrino trident production ν_μ N → ν_μ N μ⁺μ⁻ (CCFR) with a Z′.

Following arXiv:1406.2332 (Altmannshofer, Gori, Pospelov, Yavin) eq. (3), generalised to
chiral muon couplings. The SM four-fermion interaction is
``−(G_F/√2) [ν̄γ^α(1−γ5)ν][μ̄γ_α(C_V − C_A γ5)μ]`` with 2C_V = 1 + 4 s_W², 2C_A = 1 (W and Z).
A heavy Z′ with ``L ⊃ Z′_α[g_ν ν̄γ^αP_Lν + μ̄γ^α(g_V + g_Aγ5)μ]`` adds 2ΔC_V = 2v² g_ν g_V/M²,
2ΔC_A = −2v² g_ν g_A/M² (v = 246.22 GeV), so

    σ/σ_SM = [(1 + 4s_W² + 2v² g_ν g_V/M²)² + (1 − 2v² g_ν g_A/M²)²] / [(1 + 4s_W²)² + 1].

For L_μ − L_τ (g_V = g_ν = g, g_A = 0) this is eq. (3) of arXiv:1406.2332. Valid for M ≫ the
CCFR momentum transfer; recast takes it from :data:`TRIDENT_HEAVY_FROM_GEV` = 100 GeV on.
With CCFR σ/σ_SM = 0.82 ± 0.28 (Phys. Rev. Lett. 66 (1991) 3117) the 95% CL bound
σ/σ_SM < 0.82 + 1.96·0.28 gives M/g > 0.545 TeV for L_μ − L_τ (physics.md §4: 0.54 TeV).

Below :data:`TRIDENT_HEAVY_FROM_GEV` = 100 GeV the Z′ propagator 1/(M² − q²) is kept: σ/σ_SM comes from the
moments K^n_xy(M) of :mod:`recast.lowenergy.trident_epa` (the equivalent-photon method of arXiv:1406.2332, iron,
E_ν = 160 GeV: approximation), shipped in ``recast/data/1.0.0/trident_zprime_moments.csv`` (made by
``scripts/trident/make_table.py``) and interpolated log-log in M (5 MeV – 100 GeV):

    σ/σ_SM = 1 + 2C_V a K¹_VV − 2C_A b K¹_AA + a² K²_VV + b² K²_AA,   a = g_ν g_V, b = g_ν g_A,

(C here = half the 2C above). At 100 GeV it is within 1 % of the contact formula in g_max (massive muons: the axial
and vector SM traces differ by ~10 % near threshold, which eq. (3) ignores). For L_μ − L_τ at fixed g the
ratio grows as M falls and, for M below the CCFR momentum transfer, keeps growing only logarithmically
(the |Z′|² term; tests/test_trident_epa.py). At M = 1 GeV the contact formula overestimates the Z′ effect
(σ/σ_SM 1.14 instead of 1.37 at the contact g_max), below ~0.4 GeV it underestimates it.
"""

from __future__ import annotations

import csv
import functools
import math

import numpy as np

from recast.constants import V_HIGGS
from recast.exceptions import InvalidParameter
from recast.models.base import Model
from recast.models.zprime import ZPrimeModel

__all__ = [
    "CCFR_RATIO_95",
    "SIN2_THETA_W",
    "TABLE_FILE",
    "TRIDENT_HEAVY_FROM_GEV",
    "TRIDENT_MIN_MASS_GEV",
    "trident_gmax_couplings",
    "trident_ratio",
    "trident_ratio_couplings",
]


def __dir__() -> list[str]:
    return __all__


SIN2_THETA_W = 0.23122  # MSbar at M_Z, PDG 2024 (the CCFR-scale value 0.238 changes σ_SM by <2%)
#: CCFR σ/σ_SM = 0.82 ± 0.28 (Phys. Rev. Lett. 66 (1991) 3117): upper end at 95% CL, 0.82 + 1.96 × 0.28.
CCFR_RATIO_95 = 0.82 + 1.96 * 0.28
#: From this Z′ mass [GeV] on the contact formula (eq. (3)) is used; below it the full-propagator table
#: (module docstring). Lowest tabulated mass: :data:`TRIDENT_MIN_MASS_GEV`.
TRIDENT_HEAVY_FROM_GEV = 100.0
#: Lowest Z′ mass of the shipped table [GeV].
TRIDENT_MIN_MASS_GEV = 0.005
TABLE_FILE = "trident_zprime_moments.csv"
_CV, _CA = (1 + 4 * SIN2_THETA_W) / 2, 0.5


@functools.cache
def _table() -> tuple[np.ndarray, np.ndarray]:
    """ln M and ln of (K¹_VV, K¹_AA, K²_VV, K²_AA) per row, from the shipped table."""
    from recast.data import data_file

    text = data_file(TABLE_FILE).read_text(encoding="utf-8")
    rows = list(csv.DictReader(line for line in text.splitlines() if not line.startswith("#")))
    cols = ("K1_VV", "K1_AA", "K2_VV", "K2_AA")
    m = np.log([float(r["mass_GeV"]) for r in rows])
    return m, np.log([[float(r[c]) for c in cols] for r in rows])


def _coefficients(mass: float) -> tuple[float, float, float, float]:
    """(K¹_VV, K¹_AA, K²_VV, K²_AA) at ``mass``: the table below :data:`TRIDENT_HEAVY_FROM_GEV`, else the
    contact limit (v²/M²)^n/(C_V² + C_A²)."""
    if mass >= TRIDENT_HEAVY_FROM_GEV:
        x, norm = V_HIGGS**2 / mass**2, _CV**2 + _CA**2
        return x / norm, x / norm, x * x / norm, x * x / norm
    if not mass >= TRIDENT_MIN_MASS_GEV:
        raise InvalidParameter(f"trident: Z' mass {mass:g} GeV is below the table ({TRIDENT_MIN_MASS_GEV:g} GeV)")
    lm, lk = _table()
    k = [math.exp(float(np.interp(math.log(mass), lm, lk[:, j]))) for j in range(4)]
    return k[0], k[1], k[2], k[3]


def trident_ratio_couplings(mass: float, g_v: float, g_a: float, g_nu: float) -> float:
    """σ/σ_SM for a Z′ of mass ``mass`` GeV with muon (g_V, g_A) and ν_μ (left) coupling g_ν: the contact
    formula from :data:`TRIDENT_HEAVY_FROM_GEV` on, the full-propagator table below (module docstring).

    Example:
        >>> round(trident_ratio_couplings(544.0, 1.0, 0.0, 1.0), 3)   # L_mu-L_tau at M/g = 0.544 TeV
        1.371
    """
    a, b = g_nu * g_v, g_nu * g_a
    if mass >= TRIDENT_HEAVY_FROM_GEV:
        cv = 1 + 4 * SIN2_THETA_W
        x = 2 * V_HIGGS**2 / mass**2
        return ((cv + x * a) ** 2 + (1 - x * b) ** 2) / (cv**2 + 1)
    k1v, k1a, k2v, k2a = _coefficients(mass)
    return 1 + 2 * _CV * a * k1v - 2 * _CA * b * k1a + a * a * k2v + b * b * k2a


def trident_gmax_couplings(
    mass: float, g_v: float = 1.0, g_a: float = 0.0, g_nu: float = 1.0, *, ratio_max: float = CCFR_RATIO_95
) -> float:
    """Largest overall coupling scale g with σ/σ_SM(M, g·g_V, g·g_A, g·g_ν) <= ratio_max; inf if the pattern
    leaves trident unchanged.

    With y = g², a = g_ν g_V, b = g_ν g_A: σ/σ_SM − 1 = (2C_V a K¹_VV − 2C_A b K¹_AA) y + (a²K²_VV + b²K²_AA) y²
    (module docstring; the contact limit is the same with K^n = (v²/M²)^n/(C_V² + C_A²)); the positive root.

    Example:
        >>> round(1000 / trident_gmax_couplings(1000.0), 1)   # L_mu - L_tau: M/g > 0.545 TeV
        545.4
    """
    a, b = g_nu * g_v, g_nu * g_a
    k1v, k1a, k2v, k2a = _coefficients(mass)
    qa, qb, qc = a * a * k2v + b * b * k2a, 2 * (_CV * a * k1v - _CA * b * k1a), 1 - ratio_max
    if qa == 0:
        return math.inf
    y = (-qb + math.sqrt(qb**2 - 4 * qa * qc)) / (2 * qa)
    return math.sqrt(y)


def trident_ratio(model: Model) -> float:
    """σ/σ_SM of neutrino trident production for a model point (1 for leptoquarks)."""
    if not isinstance(model, ZPrimeModel):
        return 1.0
    from recast.lowenergy.wilson import zprime_muon_couplings

    g_v, g_a, g_nu = zprime_muon_couplings(model)
    return trident_ratio_couplings(model.mass, g_v, g_a, g_nu)
