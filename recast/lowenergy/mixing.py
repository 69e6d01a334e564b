"""B_s–B̄_s mixing: new-physics ΔM_s as a ratio to the SM.

Both the SM and the new physics are written as ``H = C (s̄γ^μ P_L b)(s̄γ_μ P_L b) + h.c.``, so
ΔM_s/ΔM_s^SM = |1 + C_NP/C_SM| (same hadronic matrix element).

* SM (Buchalla, Buras, Lautenbacher, hep-ph/9512380 §XII, with (s̄b)_{V−A}² = 4(s̄γP_Lb)²):
  C_SM = G_F² M_W² (V_tb V_ts*)² η_B S0(x_t)/(4π²), η_B = 0.551, x_t = m_t(m_t)²/M_W².
* Scale and normalisation: η_B multiplies a C_SM whose matrix element carries the RG-invariant bag B̂, so
  η_B contains the running from μ_t = m_t(m_t) to μ_b and the factor α_s(μ_b)^(−6/23) that turns B(μ_b)
  into B̂. The VLL operator runs like the SM one (LO anomalous dimension γ0 = 4, Buras, Misiak, Urban,
  hep-ph/0005183 eq. 2.5), so an NP coefficient C_NP(M) set at the mediator mass enters as
  C_NP(M) η_B [α_s(M)/α_s(m_t)]^(6/21) (hep-ph/0005183 eq. 3.9 at LO, n_f = 6 above m_t), see
  :func:`np_running_factor`. Approximation: LO running above m_t and the SM's NLO η_B below (the NP NLO
  matching terms are dropped); agrees with flavio 2.7.1 (``CVLL_bsbs`` at μ = M, run by wilson) to < 2 %
  for 1–5 TeV (tests/test_bs_mixing.py). Without this factor ΔM_s's NP shift was 1.96× too strong.
* Sign: flavio's H_eff = −C_V^LL O_V^LL (flavio/physics/mesonmixing/wilsoncoefficient.py), so our C_NP is
  flavio's −CVLL_bsbs.
* Z′ tree level, L ⊃ g_bs Z′ s̄γ^μP_L b + h.c.: C_NP = g_bs²/(2M²) (+ the same for g_bs_R; the
  LR operator from g_bs·g_bs_R is omitted).
* S3 one-loop box: C_NP = 5 (Σ_ℓ y_bℓ y_sℓ*)²/(128π² M²) (arXiv:1706.07808 §4, arXiv:1603.04993);
  S1 box: (Σ_ℓ yL_bℓ yL_sℓ*)²/(128π² M²). R2 and S± have no b–s box with our couplings
  (R2 yLR box: (Σ yLR_bℓ yLR_sℓ*)²/(128π² M²), included).
"""

from __future__ import annotations

import math

from recast.constants import G_FERMI, V_TB, V_TS
from recast.exceptions import InvalidParameter
from recast.models.base import Model
from recast.models.zprime import ZPrimeModel

__all__ = [
    "ETA_B",
    "M_TOP_MSBAR",
    "M_W",
    "bs_mixing_np_coefficient",
    "bs_mixing_ratio",
    "bs_mixing_sm_coefficient",
    "inami_lim_s0",
    "np_running_factor",
]


def __dir__() -> list[str]:
    return __all__


M_W = 80.3692  # GeV, PDG 2024
M_TOP_MSBAR = 162.5  # GeV, m_t(m_t) MSbar, PDG 2024
ETA_B = 0.551  # NLO QCD factor, Buras, Jamin, Weisz, Nucl. Phys. B347 (1990) 491; hep-ph/9512380
ALPHA_S_MZ = 0.1180  # PDG 2024
M_Z = 91.1880  # GeV, PDG 2024


def _alpha_s_lo(mu: float) -> float:
    """One-loop α_s(μ), n_f = 5 from M_Z to m_t(m_t), n_f = 6 above (approximation: LO, continuous at m_t)."""
    def run(a0: float, mu0: float, mu1: float, nf: int) -> float:
        beta0 = 11 - 2 * nf / 3
        return a0 / (1 + beta0 * a0 / (2 * math.pi) * math.log(mu1 / mu0))

    if mu <= M_TOP_MSBAR:
        return run(ALPHA_S_MZ, M_Z, mu, 5)
    return run(run(ALPHA_S_MZ, M_Z, M_TOP_MSBAR, 5), M_TOP_MSBAR, mu, 6)


def np_running_factor(mass: float) -> float:
    """η_NP(M): C_NP(M) η_NP is on the same footing as C_SM (which carries η_B); see the module docstring.

    Example:
        >>> round(np_running_factor(1000.0), 3)
        0.521
    """
    if mass <= M_TOP_MSBAR:
        return ETA_B
    ratio: float = _alpha_s_lo(mass) / _alpha_s_lo(M_TOP_MSBAR)
    return ETA_B * math.pow(ratio, 6 / 21)


def inami_lim_s0(x: float) -> float:
    """Inami–Lim box function S0(x) (Prog. Theor. Phys. 65 (1981) 297; hep-ph/9512380 eq. XII.4).

    Example:
        >>> round(inami_lim_s0((162.5 / 80.3692) ** 2), 3)
        2.301
    """
    return (4 * x - 11 * x**2 + x**3) / (4 * (1 - x) ** 2) - 3 * x**3 * math.log(x) / (2 * (1 - x) ** 3)


def bs_mixing_sm_coefficient(*, vtb_vts: float = V_TB * V_TS) -> float:
    """C_SM in GeV⁻² (coefficient of (s̄γP_Lb)² in H_eff)."""
    x_t = (M_TOP_MSBAR / M_W) ** 2
    return G_FERMI**2 * M_W**2 * vtb_vts**2 * ETA_B * inami_lim_s0(x_t) / (4 * math.pi**2)


def bs_mixing_np_coefficient(model: Model, *, g_bs: float = 0.0, g_bs_R: float = 0.0) -> float:
    """C_NP in GeV⁻² for a model point (see the module docstring for each model)."""
    p = model.params
    m2: float = model.mass**2
    if isinstance(model, ZPrimeModel):
        return (g_bs**2 + g_bs_R**2) / (2 * m2)
    if g_bs or g_bs_R:
        msg = f"g_bs/g_bs_R are Z' flavour parameters; model {model.name} takes its own couplings"
        raise InvalidParameter(msg)
    leptons = ("e", "mu", "tau")
    if model.name == "S3":
        s = sum(p[f"y_b{lep}"] * p[f"y_s{lep}"] for lep in leptons)
        return 5 * s**2 / (128 * math.pi**2 * m2)
    if model.name == "S1":
        s = sum(p[f"yL_b{lep}"] * p[f"yL_s{lep}"] for lep in leptons)
        return s**2 / (128 * math.pi**2 * m2)
    if model.name == "R2":
        s = sum(p[f"yLR_b{lep}"] * p[f"yLR_s{lep}"] for lep in leptons)
        return s**2 / (128 * math.pi**2 * m2)
    return 0.0


def bs_mixing_ratio(model: Model, *, g_bs: float = 0.0, g_bs_R: float = 0.0) -> float:
    """ΔM_s/ΔM_s^SM = |1 + C_NP/C_SM| for a model point.

    Example:
        >>> from recast.models import get_model
        >>> r = bs_mixing_ratio(get_model("Lmu-Ltau", MZp=1000), g_bs=1e-3)
        >>> round(r - 1, 4)    # η_NP g_bs²/(2M²C_SM η_B) = 0.93 · 1e-12/(2·4.8e-11 · 0.551); flavio 2.7.1: 0.0053
        0.0054
    """
    c_np = bs_mixing_np_coefficient(model, g_bs=g_bs, g_bs_R=g_bs_R) * np_running_factor(model.mass)
    return abs(1 + c_np / bs_mixing_sm_coefficient())
