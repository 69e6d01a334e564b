"""Neutrino trident production ν_μ N → ν_μ N μ⁺μ⁻ (CCFR) with a Z′.

Following arXiv:1406.2332 (Altmannshofer, Gori, Pospelov, Yavin) eq. (3), generalised to
chiral muon couplings. The SM four-fermion interaction is
``−(G_F/√2) [ν̄γ^α(1−γ5)ν][μ̄γ_α(C_V − C_A γ5)μ]`` with 2C_V = 1 + 4 s_W², 2C_A = 1 (W and Z).
A heavy Z′ with ``L ⊃ Z′_α[g_ν ν̄γ^αP_Lν + μ̄γ^α(g_V + g_Aγ5)μ]`` adds 2ΔC_V = 2v² g_ν g_V/M²,
2ΔC_A = −2v² g_ν g_A/M² (v = 246.22 GeV), so

    σ/σ_SM = [(1 + 4s_W² + 2v² g_ν g_V/M²)² + (1 − 2v² g_ν g_A/M²)²] / [(1 + 4s_W²)² + 1].

For L_μ − L_τ (g_V = g_ν = g, g_A = 0) this is eq. (3) of arXiv:1406.2332. Valid for M ≫ the
CCFR momentum transfer (M ≳ 1 GeV; approximation for lighter Z′). With CCFR
σ/σ_SM = 0.82 ± 0.28 the 95% CL bound for L_μ − L_τ is M/g > 0.54 TeV (physics.md §4).
"""

from __future__ import annotations

from recast.constants import V_HIGGS
from recast.models.base import Model
from recast.models.zprime import ZPrimeModel

__all__ = ["SIN2_THETA_W", "trident_ratio", "trident_ratio_couplings"]


def __dir__() -> list[str]:
    return __all__


SIN2_THETA_W = 0.23122  # MSbar at M_Z, PDG 2024 (the CCFR-scale value 0.238 changes σ_SM by <2%)


def trident_ratio_couplings(mass: float, g_v: float, g_a: float, g_nu: float) -> float:
    """σ/σ_SM for a Z′ of mass ``mass`` GeV with muon (g_V, g_A) and ν_μ (left) coupling g_ν.

    Example:
        >>> round(trident_ratio_couplings(544.0, 1.0, 0.0, 1.0), 3)   # L_mu-L_tau at M/g = 0.544 TeV
        1.371
    """
    cv = 1 + 4 * SIN2_THETA_W
    x = 2 * V_HIGGS**2 * g_nu / mass**2
    return ((cv + x * g_v) ** 2 + (1 - x * g_a) ** 2) / (cv**2 + 1)


def trident_ratio(model: Model) -> float:
    """σ/σ_SM of neutrino trident production for a model point (1 for leptoquarks)."""
    if not isinstance(model, ZPrimeModel):
        return 1.0
    from recast.flavour.wilson import zprime_muon_couplings

    g_v, g_a, g_nu = zprime_muon_couplings(model)
    return trident_ratio_couplings(model.mass, g_v, g_a, g_nu)
