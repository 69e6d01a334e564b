"""Model III's m_μ condition: the radiative muon mass of the S± model (arXiv:2107.07518, Model III).

U(1)_X forbids the tree-level muon Yukawa; m_μ comes from the S+–S− top loop of :mod:`recast.lowenergy.g2`
(its module docstring): the same self-energy f(x) = x ln x/(x − 1) that ``g2_radiative_spm`` divides by, so the
two cannot drift. Per charge-5/3 state the mass matrix is [[M₊², A⟨φ⟩], [A⟨φ⟩, M₋²]] (the −A φ S+†S− term at
⟨φ⟩; recast's UFO, docs/readme/models_cards.md). For its eigenvalues M₁ (the mostly-S+ state, the plane's
M_S+) and M₂, and the angle θ, A⟨φ⟩ = (M₁² − M₂²) sin θ cos θ exactly, so with x_i = M_i²/m_t² and N_c = 3

    m_μ = N_c η_L η_R sin θ cos θ m_t [f(x₁) − f(x₂)]/(16π²) = η_L η_R A⟨φ⟩ K(M₁, M₂),
    K = N_c m_t [f(x₁) − f(x₂)]/[16π² (M₁² − M₂²)]  [GeV⁻¹],

exact in θ at one loop (m_μ²/M² neglected; pole m_t and pole m_μ: approximation, as in ``g2_radiative_spm``).
K > 0 (f rises), symmetric in M₁ ↔ M₂ and finite at M₁ = M₂: K → N_c f′(x)/(16π² m_t), f′ = (x − 1 − ln x)/(x − 1)².
Closed-form limits (mass insertion, M ≫ m_t): K → N_c m_t/(16π² M²) at M₁ = M₂ = M, and
K → N_c m_t ln(M₂²/M₁²)/(16π² M₂²) for M₂ ≫ M₁.

The condition m_μ = M_MU fixes the product η_L η_R A⟨φ⟩ = M_MU/K (:func:`spm_required_coupling`). The plane's
masses are eigenvalues, so |sin 2θ| ≤ 1 and |η_L η_R| ≥ |η_L η_R sin 2θ| = 2 M_MU/[K |M₁² − M₂²|]
(:func:`spm_required_mixing`), which diverges at M₁ = M₂: equal eigenvalues admit no mixing. Perturbativity:
|η_L|, |η_R| ≤ √(4π) (:data:`ETA_MAX`, recast's choice: the customary perturbative limit on a Yukawa coupling,
approximation), so the condition can be met perturbatively where |η_L η_R sin 2θ| ≤ 4π: everywhere but a band
|M₁ − M₂| ≲ 0.3 % M around the diagonal. A bound on A itself needs ⟨φ⟩, which the plane does not fix; the masses
alone impose |A⟨φ⟩| ≤ |M₁² − M₂²|/2.

Source status: the formula is derived from g2.py's one-loop functions, not transcribed; the paper's section on
this model is not reachable here (its stored ar5iv page holds the abstract and introduction), so no equation
number or number of the paper is quoted or tested.
"""

from __future__ import annotations

import math

from scipy.optimize import brentq

from recast.constants import M_MU, M_TOP
from recast.lowenergy.g2 import _spm_self_energy
from recast.models.base import Model

__all__ = [
    "ETA_MAX",
    "MIXING_MAX",
    "mmu_condition_lines",
    "model_mmu_lines",
    "spm_mass_factor",
    "spm_mixing_partner",
    "spm_muon_mass",
    "spm_required_coupling",
    "spm_required_mixing",
]


def __dir__() -> list[str]:
    return __all__


#: |η_L|, |η_R| ≤ √(4π): recast's perturbativity choice (approximation; module docstring).
ETA_MAX = math.sqrt(4 * math.pi)
#: The largest perturbative |η_L η_R sin 2θ| (|sin 2θ| ≤ 1): 4π.
MIXING_MAX = ETA_MAX**2
_N_C = 3
#: Relative x₁ − x₂ below which [f(x₁) − f(x₂)]/(x₁ − x₂) is taken as f′ at the midpoint (error ~ 1e-11).
_DEGENERATE = 1e-5


def _self_energy_slope(x: float) -> float:
    """f′(x) = (x − 1 − ln x)/(x − 1)² (series at x = 1)."""
    u = x - 1.0
    if abs(u) < 1e-3:
        return 0.5 - u / 3 + u**2 / 4
    return (u - math.log(x)) / u**2


def spm_mass_factor(m_plus: float, m_minus: float) -> float:
    """K(M₁, M₂) [GeV⁻¹] with m_μ = η_L η_R A⟨φ⟩ K for eigenvalues M₁, M₂ in GeV (module docstring).

    Example:
        >>> round(spm_mass_factor(6000.0, 6000.0) * 6000.0**2 * 16 * math.pi**2 / (3 * 172.5), 3)  # heavy: → 1
        0.995
    """
    x1, x2 = (m_plus / M_TOP) ** 2, (m_minus / M_TOP) ** 2
    if abs(x1 - x2) < _DEGENERATE * max(x1, x2):
        slope = _self_energy_slope((x1 + x2) / 2)
    else:
        slope = (_spm_self_energy(x1) - _spm_self_energy(x2)) / (x1 - x2)
    return _N_C * slope / (16 * math.pi**2 * M_TOP)


def spm_muon_mass(m_plus: float, m_minus: float, eta_l: float, eta_r: float, a_vev: float) -> float:
    """The radiative m_μ [GeV] for eigenvalues M₁, M₂ [GeV], couplings η_L, η_R and A⟨φ⟩ = ``a_vev`` [GeV²]."""
    return eta_l * eta_r * a_vev * spm_mass_factor(m_plus, m_minus)


def spm_required_coupling(m_plus: float, m_minus: float) -> float:
    """η_L η_R A⟨φ⟩ [GeV²] that gives m_μ = M_MU at eigenvalues M₁, M₂ [GeV].

    Example:
        >>> round(spm_required_coupling(6000.0, 6000.0) / 1e6, 3)   # (1.08 TeV)²
        1.167
    """
    return M_MU / spm_mass_factor(m_plus, m_minus)


def spm_required_mixing(m_plus: float, m_minus: float) -> float:
    """|η_L η_R sin 2θ| that gives m_μ = M_MU at eigenvalues M₁, M₂ [GeV]; ``inf`` at M₁ = M₂.

    Example:
        >>> round(spm_required_mixing(1000.0, 3000.0), 4), spm_required_mixing(6000.0, 6000.0)
        (0.0306, inf)
    """
    split = abs(m_plus**2 - m_minus**2)
    if split == 0.0:
        return math.inf
    return 2 * spm_required_coupling(m_plus, m_minus) / split


def spm_mixing_partner(mass: float, level: float, *, above: bool = True, lo: float = M_TOP,
                       hi: float = 1e5) -> float | None:
    """The other eigenvalue [GeV] (above or below ``mass``, within ``lo``–``hi``) at which
    :func:`spm_required_mixing` equals ``level``; ``None`` if it is not reached there (it falls with the splitting).

    Example:
        >>> round(spm_mixing_partner(6000.0, MIXING_MAX) - 6000.0, 1)   # the non-perturbative band's upper edge
        15.5
    """
    end = hi if above else lo
    if spm_required_mixing(mass, end) > level:
        return None
    tiny = mass * 1e-12 * (1 if above else -1)
    return float(brentq(lambda m: spm_required_mixing(mass, m) - level, mass + tiny, end, xtol=1e-9, rtol=1e-12))


def mmu_condition_lines(m_plus: float, m_minus: float, eta_l: float, eta_r: float, a: float) -> list[str]:
    """What the m_μ condition asks of an S± point (masses, A in GeV), for ``recast models show`` / viability."""
    need = spm_required_coupling(m_plus, m_minus)
    mix = spm_required_mixing(m_plus, m_minus)
    lines = [f"m_mu condition (radiative, S+/S- top loop; recast.lowenergy.radiative_mass): eta_L eta_R A<phi> = "
             f"{need:.4g} GeV^2 and |eta_L eta_R sin 2theta| = {mix:.4g} (perturbative if <= 4pi)"]
    prod = abs(eta_l * eta_r)
    if prod and a:
        vev = need / (prod * abs(a))
        lines.append(f"  at eta_L = {eta_l:g}, eta_R = {eta_r:g}, A = {a:g} GeV: <phi> = {vev:.4g} GeV")
    if prod and mix > prod:
        edge = spm_mixing_partner(min(m_plus, m_minus), prod)
        gap = "" if edge is None else f" by >= {edge - min(m_plus, m_minus):.3g} GeV"
        lines.append(f"  not satisfiable here with |eta_L eta_R| = {prod:g} (needs |sin 2theta| > 1): the eigenvalues "
                     f"must differ{gap}" + (" (equal eigenvalues admit no mixing)" if m_plus == m_minus else ""))
    elif prod:
        big = max(abs(eta_l), abs(eta_r)) > ETA_MAX
        lines.append(f"  satisfiable with |eta_L eta_R| = {prod:g}: |sin 2theta| = {mix / prod:.3g}"
                     + (" (but |eta| > sqrt(4 pi): non-perturbative)" if big else ""))
    return lines


def model_mmu_lines(model: Model) -> list[str]:
    """:func:`mmu_condition_lines` of an Spm point (its MSp, MSm, eta_L, eta_R, A); [] for any other model."""
    if model.name != "Spm":
        return []
    p = model.params
    return mmu_condition_lines(p["MSp"], p["MSm"], p["eta_L"], p["eta_R"], p["A"])
