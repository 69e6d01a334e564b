"""(g−2)_μ: one-loop new-physics contributions Δa_μ of the recast models.

* Z′ (vector g_V, axial g_A muon couplings; arXiv:0902.3360 Jegerlehner & Nyffeler §7,
  Leveille Nucl. Phys. B137 (1978) 63; physics.md §4 for the vector part):
      Δa_μ = (g_V² L_V + g_A² L_A) m_μ²/(4π² M²),  λ = m_μ/M,
      L_V = ∫₀¹ dx x²(1−x)/[(1−x)(1−λ²x) + λ²x],
      L_A = ∫₀¹ dx [x(1−x)(x−4) − 2λ²x³]/[(1−x)(1−λ²x) + λ²x].
  Heavy Z′: L_V → 1/3, L_A → −5/3 (Δa_μ → (g_V² − 5g_A²) m_μ²/(12π²M²)); the vector part is
  physics.md's (g²/4π²)∫ x²(1−x)/[x² + (1−x)M²/m_μ²].
* S1 with left and right couplings to the top (m_t/m_μ chirality enhancement,
  arXiv:1511.01900 eq. (5), Bauer & Neubert; N_c = 3 included):
      Δa_μ = (m_μ m_t/(4π²M²)) [ln(M²/m_t²) − 7/4] yL_bμ yR_tμ − (m_μ²/(32π²M²)) Σ_q(|yL_qμ|² + |yR_qμ|²).
* R2 (charge-5/3 state, top loop; general formula of arXiv:1603.04993 §4.2, leading order in m_t²/M²):
      Δa_μ = (m_μ m_t/(4π²M²)) [ln(M²/m_t²) − 1/4] yRL_tμ yLR_bμ  (m_μ²-suppressed terms omitted).
  Sign convention: Δa_μ > 0 for a positive coupling product, as in arXiv:1511.01900 for S1.
* S± radiative-y_μ model (arXiv:2107.07518 Model III): the tree-level muon Yukawa is forbidden by
  U(1)_X and m_μ comes entirely from the S+–S− top loop. The same loop with a photon gives, with the
  mass eigenvalues M₁ = MSp, M₂ = MSm (small mixing), L_i = ln(M_i²/m_t²) and the chirally enhanced
  functions above (G = (2/3)L − 1/6 for the Q = 5/3 state; self-energy −L):
      Δa_μ = 2 m_μ² [G₁/M₁² − G₂/M₂²]/(L₂ − L₁)  →  (2m_μ²/M²)[(2/3)ln(M²/m_t²) − 5/6]  (M₁ = M₂),
  independent of η_L, η_R and A (they are fixed by m_μ). Derived here from the S1/R2 loop functions
  of arXiv:1603.04993 at leading order in m_t²/M²; the sign (positive) is the one the seed model uses.
"""

from __future__ import annotations

import math

from scipy.integrate import quad

from recast.constants import M_MU, M_TOP

__all__ = ["delta_a_mu", "g2_leptoquark_top", "g2_radiative_spm", "g2_zprime", "zprime_loop_functions"]


def __dir__() -> list[str]:
    return __all__


def zprime_loop_functions(mass: float) -> tuple[float, float]:
    """(L_V, L_A) for a Z′ of mass ``mass`` GeV (see the module docstring).

    Example:
        >>> [round(x, 4) for x in zprime_loop_functions(1000.0)]
        [0.3333, -1.6667]
    """
    lam2 = (M_MU / mass) ** 2

    def den(x: float) -> float:
        return (1 - x) * (1 - lam2 * x) + lam2 * x

    l_v = quad(lambda x: x**2 * (1 - x) / den(x), 0, 1, epsabs=0, epsrel=1e-7)[0]
    l_a = quad(lambda x: (x * (1 - x) * (x - 4) - 2 * lam2 * x**3) / den(x), 0, 1, epsabs=0, epsrel=1e-7)[0]
    return l_v, l_a


def g2_zprime(mass: float, g_v: float, g_a: float = 0.0) -> float:
    """Δa_μ from a Z′ of mass ``mass`` GeV with muon couplings μ̄γ^μ(g_V + g_Aγ5)μ.

    Example:
        >>> round(g2_zprime(1000.0, 0.1) * 1e11, 4)   # g² m_μ²/(12π²M²) = 9.43e-13
        0.0943
    """
    l_v, l_a = zprime_loop_functions(mass)
    return (g_v**2 * l_v + g_a**2 * l_a) * M_MU**2 / (4 * math.pi**2 * mass**2)


def g2_leptoquark_top(mass: float, y_left: float, y_right: float, *, kind: str = "S1") -> float:
    """Chirally enhanced top-loop Δa_μ of S1 (``kind="S1"``) or R2 (``kind="R2"``).

    Example:
        >>> round(g2_leptoquark_top(1500.0, 0.01, 0.01) * 1e11, 2)
        5.28
    """
    log = math.log(mass**2 / M_TOP**2)
    shift = {"S1": 7 / 4, "R2": 1 / 4}[kind]
    return M_MU * M_TOP / (4 * math.pi**2 * mass**2) * (log - shift) * y_left * y_right


def _g_top(mass: float) -> float:
    return (2 / 3) * math.log(mass**2 / M_TOP**2) - 1 / 6


def g2_radiative_spm(m_plus: float, m_minus: float) -> float:
    """Δa_μ of the S± radiative-y_μ model for S+/S− masses in GeV (see the module docstring).

    Example:
        >>> round(g2_radiative_spm(5000.0, 5000.0) * 1e11, 1)
        326.5
    """
    l1, l2 = math.log(m_plus**2 / M_TOP**2), math.log(m_minus**2 / M_TOP**2)
    if abs(l1 - l2) < 1e-6:
        return 2 * M_MU**2 / m_plus**2 * ((2 / 3) * l1 - 5 / 6)
    return 2 * M_MU**2 * (_g_top(m_plus) / m_plus**2 - _g_top(m_minus) / m_minus**2) / (l2 - l1)


def delta_a_mu(model) -> tuple[float, str]:
    """Δa_μ of a model point and a one-line note on what it includes.

    Example:
        >>> from recast.models import get_model
        >>> round(delta_a_mu(get_model("S3"))[0], 3)
        0.0
    """
    p = model.params
    if model.kind == "zprime":
        from recast.flavour.wilson import zprime_muon_couplings

        g_v, g_a, _ = zprime_muon_couplings(model)
        return g2_zprime(model.mass, g_v, g_a), "Z' one-loop (vector + axial), arXiv:0902.3360"
    if model.name == "S1":
        enhanced = g2_leptoquark_top(p["MS1"], p["yL_bmu"], p["yR_tmu"], kind="S1")
        light = sum(p[f"yL_{q}mu"] ** 2 for q in "dsb") + sum(p[f"yR_{q}mu"] ** 2 for q in "uct")
        return enhanced - M_MU**2 * light / (32 * math.pi**2 * p["MS1"] ** 2), "S1 top loop, arXiv:1511.01900"
    if model.name == "R2":
        return g2_leptoquark_top(p["MR2"], p["yRL_tmu"], p["yLR_bmu"], kind="R2"), "R2 top loop (m_t/m_mu enhanced)"
    if model.name == "Spm":
        return g2_radiative_spm(p["MSp"], p["MSm"]), "S+/S- radiative muon mass: Δa_μ fixed by m_μ (arXiv:2107.07518)"
    return 0.0, f"{model.name}: no chirally enhanced contribution; m_mu^2/M^2-suppressed loop omitted"
