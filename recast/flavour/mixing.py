"""B_s–B̄_s mixing: new-physics ΔM_s as a ratio to the SM.

Both the SM and the new physics are written as ``H = C (s̄γ^μ P_L b)(s̄γ_μ P_L b) + h.c.``, so
ΔM_s/ΔM_s^SM = |1 + C_NP/C_SM| (same hadronic matrix element).

* SM (Buchalla, Buras, Lautenbacher, hep-ph/9512380 §XII, with (s̄b)_{V−A}² = 4(s̄γP_Lb)²):
  C_SM = G_F² M_W² (V_tb V_ts*)² η_B S0(x_t)/(4π²), η_B = 0.551, x_t = m_t(m_t)²/M_W².
* Z′ tree level, L ⊃ g_bs Z′ s̄γ^μP_L b + h.c.: C_NP = g_bs²/(2M²) (+ the same for g_bs_R; the
  LR operator from g_bs·g_bs_R is omitted). Approximation: C_NP is not run from M to M_W
  (LO QCD running lowers it by ≈6% at 1 TeV, arXiv:1712.06572).
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
]


def __dir__() -> list[str]:
    return __all__


M_W = 80.3692  # GeV, PDG 2024
M_TOP_MSBAR = 162.5  # GeV, m_t(m_t) MSbar, PDG 2024
ETA_B = 0.551  # NLO QCD factor, Buras, Jamin, Weisz, Nucl. Phys. B347 (1990) 491; hep-ph/9512380


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
        >>> round(r - 1, 4)    # g_bs²/(2M²C_SM) = 1e-12/(2·4.8e-11)
        0.0104
    """
    return abs(1 + bs_mixing_np_coefficient(model, g_bs=g_bs, g_bs_R=g_bs_R) / bs_mixing_sm_coefficient())
