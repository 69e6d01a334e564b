"""Charged-lepton flavour violation tied to (g−2)_μ: BR(μ → eγ) and BR(τ → μγ) from Δa_μ and a mixing angle.

The seed (arXiv:2103.13991, arXiv:2107.07518) notes that the chirally enhanced dipole which gives Δa_μ
also gives ℓ_i → ℓ_j γ once the muon's new-physics couplings mix with e or τ. Dipole Lagrangian,
decay rate and a_ℓ as in arXiv:1807.11484 (Crivellin, Hoferichter, Schmidt-Wellenburg, §II; equation
numbers not re-checked here):

    L = c_R^{fi} ℓ̄_f σ^{μν} P_R ℓ_i F_{μν} + h.c.,    a_ℓ = (4 m_ℓ/e) Re c_R^{ℓℓ},
    BR(ℓ_i → ℓ_f γ) = m_i³/(4π Γ_i) (|c_R^{fi}|² + |c_R^{if}|²).

Flavour structure (an approximation: one dipole loop, one chirality; a second chirality with the same
angle doubles the rate): c_R^{fi} = θ_fi s_i c_R^{μμ}, c_R^{if} = 0, with c_R^{μμ} = e Δa_μ/(4 m_μ) and

* ``scaling="coupling"`` (default), s_i = 1: the chirality flip sits on the heavy internal fermion
  (the top in the S1, R2 and S± loops), so c^{fi}/c^{μμ} is the ratio of the lepton couplings θ = λ_f/λ_μ;
* ``scaling="mass"``, s_i = m_i/m_μ: the dipole is proportional to the decaying lepton's mass, the
  convention of arXiv:1208.6583 (Giudice, Paradisi, Passera: L = (e m_ℓ/2) A_ℓℓ' ℓ̄' σF ℓ, A_τμ = θ A_μμ).

Then BR(ℓ_i → ℓ_f γ) = α m_i³ s_i² θ² Δa_μ²/(16 m_μ² Γ_i). For μ → eγ both agree and, with
Γ_μ = G_F² m_μ⁵/(192π³), this is arXiv:1208.6583's BR/BR(μ→eνν̄) = (48π³α/G_F²)|A_eμ|² (tested).
Γ_i = ħ/τ_i with the PDG 2024 lifetimes. Experimental limits (90 % CL): :data:`CLFV_LIMITS`.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, Literal

from recast.constants import ALPHA_EM_0, M_MU, M_TAU

__all__ = ["CLFV_LIMITS", "ClfvLimit", "br_radiative", "clfv_lines", "clfv_summary", "max_mixing"]


def __dir__() -> list[str]:
    return __all__


#: ħ [GeV s], PDG 2024 (CODATA 2018: 6.582119569e-25).
HBAR_GEV_S = 6.582119569e-25
#: Muon lifetime [s], PDG 2024 (2.1969811(22) × 10⁻⁶ s).
TAU_MU_S = 2.1969811e-6
#: Tau lifetime [s], PDG 2024 (290.3(5) × 10⁻¹⁵ s).
TAU_TAU_S = 290.3e-15

Scaling = Literal["coupling", "mass"]


@dataclass(frozen=True)
class ClfvLimit:
    """An experimental 90 % CL upper limit on BR(ℓ_i → ℓ_f γ) and the decaying lepton (mass [GeV], lifetime [s])."""

    decay: str
    angle: str
    limit: float
    source: str
    mass: float
    lifetime_s: float


#: The limits used, by decay (each 90 % CL, with its source).
CLFV_LIMITS = {
    "mu->e gamma": ClfvLimit("mu->e gamma", "theta_emu", 3.1e-13,
                             "MEG II 2023 combined with MEG, 90% CL (arXiv:2310.12614)", M_MU, TAU_MU_S),
    "tau->mu gamma": ClfvLimit("tau->mu gamma", "theta_mutau", 4.2e-8,
                               "Belle 2021, 90% CL (arXiv:2103.12994; BaBar 4.4e-8, arXiv:0908.2381)", M_TAU,
                               TAU_TAU_S),
}


def _limit(decay: str) -> ClfvLimit:
    from recast.exceptions import InvalidParameter, closest

    if decay not in CLFV_LIMITS:
        msg = f"unknown cLFV decay {decay!r}; {closest(decay, list(CLFV_LIMITS))}"
        raise InvalidParameter(msg)
    return CLFV_LIMITS[decay]


def br_radiative(decay: str, delta_a_mu: float, theta: float, *, scaling: Scaling = "coupling") -> float:
    """BR(ℓ_i → ℓ_f γ) for ``decay`` (``"mu->e gamma"`` or ``"tau->mu gamma"``) from Δa_μ and the mixing angle
    |θ_fi| (module docstring; one chirality).

    Example:
        >>> f"{br_radiative('mu->e gamma', 2.5e-9, 1e-5):.3g}"   # α m_μ Δa_μ² θ²/(16 Γ_μ)
        '1.01e-13'
    """
    lim = _limit(decay)
    gamma = HBAR_GEV_S / lim.lifetime_s
    s2 = (lim.mass / M_MU) ** 2 if scaling == "mass" else 1.0
    return ALPHA_EM_0 * lim.mass**3 * s2 * theta**2 * delta_a_mu**2 / (16 * M_MU**2 * gamma)


def max_mixing(decay: str, delta_a_mu: float, *, scaling: Scaling = "coupling") -> float:
    """Largest |θ| the experimental limit on ``decay`` allows for this Δa_μ (inf when Δa_μ = 0).

    Example:
        >>> f"{max_mixing('mu->e gamma', 2.5e-9):.3g}"   # MEG II 3.1e-13
        '1.76e-05'
    """
    per_theta2 = br_radiative(decay, delta_a_mu, 1.0, scaling=scaling)
    return math.inf if per_theta2 == 0 else math.sqrt(_limit(decay).limit / per_theta2)


def clfv_summary(delta_a_mu: float, *, scaling: Scaling = "coupling") -> dict[str, Any]:
    """JSON-friendly summary: per decay the BR at |θ| = 1, the limit, its source and the largest allowed |θ|."""
    return {"delta_a_mu": delta_a_mu, "scaling": scaling, "one_chirality": True, "decays": {
        d: {"angle": lim.angle, "br_per_theta2": br_radiative(d, delta_a_mu, 1.0, scaling=scaling),
            "limit": lim.limit, "source": lim.source,
            "max_theta": max_mixing(d, delta_a_mu, scaling=scaling)} for d, lim in CLFV_LIMITS.items()}}


def clfv_lines(delta_a_mu: float, *, what: str = "this model's") -> list[str]:
    """The text lines ``recast models show`` and ``recast atlas check`` print (a "no Δa_μ" line when it is 0)."""
    if delta_a_mu == 0:
        return [f"cLFV: {what} Delta a_mu is 0: no (g-2)-linked mu -> e gamma or tau -> mu gamma estimate"]
    out = [f"cLFV from the (g-2) dipole at Delta a_mu = {delta_a_mu:.3g} (arXiv:1807.11484 rate; c^fi = theta c^mumu, "
           "one chirality; recast.lowenergy.clfv):"]
    for d, lim in CLFV_LIMITS.items():
        per = br_radiative(d, delta_a_mu, 1.0)
        theta = max_mixing(d, delta_a_mu)
        verdict = f"|{lim.angle}| < {theta:.2g}" if theta < 1 else "no bound on the angle (any |theta| <= 1 allowed)"
        out.append(f"  {d}: BR = {per:.3g} |{lim.angle}|^2 < {lim.limit:.2g} ({lim.source}) => {verdict}")
    return out
