"""The sign conventions of each model's couplings, as the flavour code uses them (``recast models show``).

Each line is computed, not typed: the sign of C9 comes from K = Re[π v²/(α V_tb V_ts*)]
(:func:`recast.lowenergy.wilson.c9_normalisation`, negative because V_ts < 0) times the sign of the
tree-level coefficient (:func:`recast.lowenergy.wilson.smeft_coefficients`), the sign of Δa_μ from
:func:`recast.lowenergy.g2.g2_leptoquark_top` at unit couplings. tests/test_flavour.py checks every line
against the full running of :func:`recast.lowenergy.wilson.wilson_coefficients`.
"""

from __future__ import annotations

from recast.lowenergy.g2 import g2_leptoquark_top
from recast.lowenergy.wilson import c9_normalisation
from recast.models.base import Model
from recast.models.zprime import ZPrimeModel

__all__ = ["sign_conventions"]


def __dir__() -> list[str]:
    return __all__


def _sign(x: float) -> str:
    return "> 0" if x > 0 else "< 0"


def sign_conventions(model: Model) -> list[str]:
    """Lines stating which coupling signs give C9 < 0 (b→sμμ) and Δa_μ > 0 for *model*."""
    k = c9_normalisation()
    k_text = f"K = Re[pi v^2/(alpha V_tb V_ts*)] = {k:.3g} GeV^2 (V_ts < 0)"
    if model.name == "S3":
        # [C_lq^(1)] + [C_lq^(3)] = +y_b y_s/M^2 -> C9 = K y_bmu y_smu / M^2
        return [f"C9 = -C10 = K y_bmu y_smu / M^2 at mu = M, {k_text}: C9 < 0 needs y_bmu y_smu {_sign(-k)}",
                "the texture y_(d,s,b)mu = (V_td, V_ts, 1) eta_3 taken literally gives C9 > 0 (V_ts < 0): "
                "use (-V_td, -V_ts, 1) eta_3 (preset ModelI)",
                "Delta a_mu: left-handed couplings only, no m_t/m_mu enhancement (negative, ~1e-13)"]
    if model.name in ("S1", "R2"):
        left, right = ("yL_bmu", "yR_tmu") if model.name == "S1" else ("yRL_tmu", "yLR_bmu")
        sign = g2_leptoquark_top(1000.0, 1.0, 1.0, kind=model.name)
        extra = ("no tree-level b->smumu" if model.name == "S1" else
                 f"b->smumu from yLR: C9 = +C10 = -(K/2) yLR_bmu yLR_smu / M^2 ({k_text})")
        return [f"Delta a_mu (m_t-enhanced) has the sign of {left} {right} times {'+1' if sign > 0 else '-1'}: "
                f"Delta a_mu > 0 needs {left} {right} {_sign(sign)}", extra]
    if isinstance(model, ZPrimeModel):
        # [C_lq^(1)]_2223 = -g_bs g_Lmu/M^2, [C_qe]_2322 = -g_bs g_Rmu/M^2; C9 = K (c_LL + c_LR), C10 = K (c_LR - c_LL)
        return [f"C9 = -K g_bs (g_Lmu + g_Rmu)/M^2, C10 = K g_bs (g_Lmu - g_Rmu)/M^2 at mu = M, {k_text}: "
                f"C9 < 0 needs g_bs (g_Lmu + g_Rmu) {_sign(k)}",
                "Delta a_mu = (g_V^2 L_V + g_A^2 L_A) m_mu^2/(4 pi^2 M^2): sign-independent in the couplings"]
    if model.name == "Spm":
        return ["Delta a_mu is fixed by m_mu (radiative muon mass): independent of the signs of eta_L, eta_R, A"]
    return []
