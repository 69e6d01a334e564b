"""Flavour constraints as curves in the model planes used by the overlay plots.

LQ plane (S3): x = M, y = |y_bμ y_sμ*|. Z′ plane: x = M_Z′, y = g_X, with the b–s coupling
g_bs = θ g_X (a fixed quark-mixing ratio θ, as for vector-like-quark mixing, arXiv:1403.1269,
arXiv:2103.13991). Exclusions use value ± 2σ of the chosen fit inputs ("≈95% CL", one-sided
Gaussian approximation); preferred bands use ±1σ and ±2σ.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike

from recast.constants import M_MU
from recast.lowenergy.fit import load_fit
from recast.lowenergy.g2 import zprime_loop_functions
from recast.lowenergy.mixing import bs_mixing_sm_coefficient, np_running_factor
from recast.lowenergy.trident import trident_gmax_couplings
from recast.lowenergy.wilson import MU_B, c9_normalisation
from recast.models.zprime import ZPrime, ZPrimeModel

__all__ = [
    "bs_mixing_max",
    "s3_bs_mixing_max_product",
    "s3_flavour_band",
    "zprime_bs_mixing_max_gx",
    "zprime_bsmumu_band",
    "zprime_g2_band",
    "zprime_light_curves_max_gx",
    "zprime_trident_max_gx",
    "zprime_unit_charges",
]


def __dir__() -> list[str]:
    return __all__


def bs_mixing_max(fit: str | None = None, *, nsigma: float = 2.0) -> float:
    """Largest allowed positive NP shift δ = ΔM_s/ΔM_s^SM − 1 (value + nσ − 1)."""
    o = load_fit(fit)["observables"]["Bs_mixing"]
    return max(float(o["value"] + nsigma * o["sigma"]) - 1.0, 0.0)


def s3_flavour_band(masses: ArrayLike, fit: str | None = None, *, nsigma: float = 1.0) -> tuple[np.ndarray, np.ndarray]:
    """(lower, upper) |y_bμ y_sμ*| for S3 with C_LL within value ± nσ (0 where the band reaches C_LL ≥ 0)."""
    o = load_fit(fit)["observables"]["C_LL"]
    m2 = np.asarray(masses, dtype=float) ** 2
    k = c9_normalisation()
    edges = sorted(
        ((o["value"] - nsigma * o["sigma"]) * m2 / k, (o["value"] + nsigma * o["sigma"]) * m2 / k), key=lambda a: a[0]
    )
    lo, hi = np.clip(edges[0], 0, None), np.clip(edges[1], 0, None)
    return lo, hi


def s3_bs_mixing_max_product(masses: ArrayLike, fit: str | None = None) -> np.ndarray:
    """Largest |Σ y_bℓ y_sℓ*| allowed by B_s mixing for S3: η_NP(M) 5 y⁴/(128π²M²) ≤ δ_max C_SM."""
    m = np.asarray(masses, dtype=float)
    eta = np.array([np_running_factor(float(x)) for x in m.ravel()]).reshape(m.shape)
    out: np.ndarray = np.sqrt(bs_mixing_max(fit) * bs_mixing_sm_coefficient() * 128 * math.pi**2 * m**2 / (5 * eta))
    return out


def zprime_unit_charges(model: ZPrimeModel) -> dict[str, float]:
    """Muon/ν_μ couplings of a Z′ per unit g_X: X_V, X_A, X_nu, X_L (left-handed muon)."""
    g = model.with_params(gX=1.0).couplings()
    g_l, g_r = g[13]
    return {"X_V": (g_l + g_r) / 2, "X_A": (g_r - g_l) / 2, "X_nu": g[14][0], "X_L": g_l}


def zprime_trident_max_gx(
    model: ZPrimeModel, masses: ArrayLike, fit: str | None = None, *, nsigma: float = 2.0
) -> np.ndarray | None:
    """Largest g_X allowed by CCFR trident (σ/σ_SM ≤ value + nσ), or None if the Z′ has no ν_μ/μ coupling.

    Contact formula from 100 GeV up, the full Z′ propagator below (:mod:`recast.lowenergy.trident`).
    """
    x = zprime_unit_charges(model)
    if x["X_nu"] == 0 or (x["X_V"] == 0 and x["X_A"] == 0):
        return None
    o = load_fit(fit)["observables"]["trident"]
    r_max = float(o["value"] + nsigma * o["sigma"])

    out: np.ndarray = np.array([trident_gmax_couplings(float(m), x["X_V"], x["X_A"], x["X_nu"], ratio_max=r_max)
                                for m in np.asarray(masses, dtype=float).ravel()])
    return out


def zprime_light_curves_max_gx(model: ZPrimeModel, masses: ArrayLike) -> dict[str, np.ndarray]:
    """Largest g_X per digitised light-Z′ curve available (:data:`recast.lowenergy.light_zprime.CURVES`, L_μ − L_τ
    pattern only) and from ΔN_eff (:mod:`recast.lowenergy.neff`, L_μ − L_τ charges), NaN where none applies."""
    from recast.lowenergy import neff
    from recast.lowenergy.light_zprime import CURVES, curve_gmax

    x = zprime_unit_charges(model)
    if not (x["X_V"] != 0 and x["X_A"] == 0 and math.isclose(x["X_V"], x["X_nu"], rel_tol=1e-9)):
        return {}
    out = {}
    if isinstance(model, ZPrime) and neff.applies(model.charges):
        g = np.array([neff.neff_gmax(float(mm)) for mm in np.ravel(masses)])
        out["Delta N_eff"] = np.where(np.isfinite(g), g, np.nan).reshape(np.shape(masses))
    for name in CURVES:
        if curve_gmax(name, 1.0) is None:
            continue
        g = np.array([curve_gmax(name, float(mm)) or math.inf for mm in np.ravel(masses)]) / abs(x["X_V"])
        out[name] = np.where(np.isfinite(g), g, np.nan).reshape(np.shape(masses))
    return out


def _local(masses: np.ndarray, values: np.ndarray) -> np.ndarray:
    """*values* where the Z′ is heavier than m_b (a local b→s operator), NaN below (q²-dependent: not drawn)."""
    return np.where(masses >= MU_B, values, np.nan)


def zprime_bs_mixing_max_gx(masses: ArrayLike, theta_bs: float, fit: str | None = None) -> np.ndarray:
    """Largest g_X allowed by B_s mixing for g_bs = θ g_X: η_NP(M) θ²g²/(2M²C_SM) ≤ δ_max (NaN below m_b)."""
    m = np.asarray(masses, dtype=float)
    local = np.maximum(m, MU_B)  # η_NP is evaluated where the Z' is local; NaN is set below m_b
    eta = np.array([np_running_factor(float(x)) for x in local.ravel()]).reshape(m.shape)
    return _local(m, m * np.sqrt(2 * bs_mixing_sm_coefficient() * bs_mixing_max(fit) / eta) / abs(theta_bs))


def zprime_bsmumu_band(
    model: ZPrimeModel, masses: ArrayLike, theta_bs: float, fit: str | None = None, *, nsigma: float = 1.0
) -> tuple[np.ndarray, np.ndarray] | None:
    """(lower, upper) g_X with C_LL within value ± nσ for g_bs = θ g_X, the sign of θ chosen to give
    C9 − C10 < 0. C_LL = −K θ X_L g_X²/M² (X_L: left-handed muon charge). None if X_L = 0; NaN below m_b
    (a lighter Z′ gives no local C9: q²-dependent, not drawn)."""
    x_l = zprime_unit_charges(model)["X_L"]
    if x_l == 0:
        return None
    k = c9_normalisation()
    theta = -abs(theta_bs) * math.copysign(1.0, x_l) * math.copysign(1.0, -k)  # −K θ X_L < 0
    coef = -k * theta * x_l  # C_LL = coef g²/M², coef < 0
    o = load_fit(fit)["observables"]["C_LL"]
    m2 = np.asarray(masses, dtype=float) ** 2
    c_lo, c_hi = o["value"] - nsigma * o["sigma"], o["value"] + nsigma * o["sigma"]
    upper = np.sqrt(np.clip(c_lo / coef, 0, None) * m2)
    lower = np.sqrt(np.clip(c_hi / coef, 0, None) * m2)
    m = np.asarray(masses, dtype=float)
    return _local(m, lower), _local(m, upper)


def zprime_g2_band(
    model: ZPrimeModel, masses: ArrayLike, fit: str | None = None, *, nsigma: float = 1.0
) -> tuple[np.ndarray, np.ndarray] | None:
    """(lower, upper) g_X giving Δa_μ within value ± nσ: NaN at masses where the Z′ lowers a_μ (an axial
    coupling wins below ~m_μ: L_A ~ −m_μ²/M²), None if it does at every mass."""
    x = zprime_unit_charges(model)
    o = load_fit(fit)["observables"]["delta_a_mu"]
    lo_da, hi_da = (o["value"] - nsigma * o["sigma"]) * 1e-11, (o["value"] + nsigma * o["sigma"]) * 1e-11
    out_lo, out_hi = [], []
    for m in np.asarray(masses, dtype=float):
        l_v, l_a = zprime_loop_functions(m)
        f = (x["X_V"] ** 2 * l_v + x["X_A"] ** 2 * l_a) * M_MU**2 / (4 * math.pi**2 * m**2)
        if f <= 0:
            out_lo.append(math.nan)
            out_hi.append(math.nan)
            continue
        out_lo.append(math.sqrt(max(lo_da, 0.0) / f))
        out_hi.append(math.sqrt(max(hi_da, 0.0) / f))
    if all(math.isnan(v) for v in out_lo):
        return None
    return np.array(out_lo), np.array(out_hi)
