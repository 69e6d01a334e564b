"""(g−2)_μ: one-loop new-physics contributions Δa_μ of the recast models.

* Z′ (vector g_V, axial g_A muon couplings; arXiv:0902.3360 Jegerlehner & Nyffeler §7,
  Leveille Nucl. Phys. B137 (1978) 63; physics.md §4 for the vector part):
      Δa_μ = (g_V² L_V + g_A² L_A) m_μ²/(4π² M²),  λ = m_μ/M,
      L_V = ∫₀¹ dx x²(1−x)/[(1−x)(1−λ²x) + λ²x],
      L_A = ∫₀¹ dx [x(1−x)(x−4) − 2λ²x³]/[(1−x)(1−λ²x) + λ²x].
  Heavy Z′: L_V → 1/3, L_A → −5/3 (Δa_μ → (g_V² − 5g_A²) m_μ²/(12π²M²)); the vector part is
  physics.md's (g²/4π²)∫ x²(1−x)/[x² + (1−x)M²/m_μ²].
* Scalar leptoquarks (S1, R2): full one-loop result for a scalar φ and a quark F (mass m_F, N_c = 3)
  with ``L ⊃ μ̄ (l P_L + r P_R) F φ + h.c.`` and charges Q_F + Q_φ = Q_μ = −1 (Leveille, Nucl. Phys.
  B137 (1978) 63, the scalar-exchange integrals as collected in arXiv:0902.3360 and arXiv:1610.06587
  [section numbers not re-checked here]; m_μ neglected in the denominators, a relative O(m_μ²/M²)
  approximation), with ε = m_F²/M²:
      Δa_μ = −N_c m_μ²/(8π²M²) Σ_{a = F, φ} Q_a [ (l² + r²)/2 · N_a(ε) + (m_F/m_μ) l r · E_a(ε) ],
      E_F = ∫₀¹ x²/D_F,  N_F = ∫₀¹ (x² − x³)/D_F,   D_F = 1 − x + εx          (photon on the quark),
      E_φ = ∫₀¹ (x² − x)/D_φ,  N_φ = ∫₀¹ (x³ − x²)/D_φ,  D_φ = x + ε(1 − x)      (photon on the LQ).
  In closed form, with t = 1 − ε and I_n = ∫₀¹ yⁿ/(1 − ty) dy (I_0 = −ln ε/t, I_n = (I_{n−1} − 1/n)/t):
  E_F = I_2, E_φ = I_2 − I_1, N_F = I_2 − I_3, N_φ = −(I_1 − 2I_2 + I_3). E_F = g_F(ε) and the
  combinations are the f_S, f_F, g_S, g_F loop functions of the leptoquark review arXiv:1603.04993
  (its a_μ section) written as integrals; the closed forms are tested against the integrals.
  S1 (charge-1/3 state, F = t^c): Q_F = −2/3, Q_φ = −1/3, l r = yL yR;
  R2 (charge-5/3 state, F = t): Q_F = +2/3, Q_φ = −5/3, l r = −yRL yLR (the minus from ū_R R2 iσ₂ L);
  R2's charge-2/3 state adds the down quarks (Q_F = −1/3, Q_φ = −2/3, r = yLR, not enhanced).
  S3 (left-handed couplings only, no enhancement): charge 1/3 with u^c as for S1 (coupling y) and
  charge 4/3 with d^c (Q_F = +1/3, Q_φ = −4/3, coupling √2 y; recast.models.leptoquark conventions).
  Leading log (ε → 0): E_F → ln(1/ε) − 3/2, E_φ → −1/2, so the m_t-enhanced terms become
      S1: (m_μ m_t/(4π²M²)) [ln(M²/m_t²) − 7/4] yL yR      (arXiv:1511.01900 eq. (5), Bauer & Neubert),
      R2: (m_μ m_t/(4π²M²)) [ln(M²/m_t²) − 1/4] yRL yLR,
  which is what recast used before; at M = 1.5 TeV the full functions are 6.3 % (S1) and 1.1 % (R2)
  larger. The non-enhanced light-quark terms: +(l² + r²) m_μ²/(32π²M²) per quark for S1 (this sign
  follows from the integrals; the seed had −), −3(l² + r²) m_μ²/(32π²M²) for R2's charge-5/3 state.
* S± radiative-y_μ model (arXiv:2107.07518 Model III): the tree-level muon Yukawa is forbidden by
  U(1)_X and m_μ comes entirely from the S+–S− top loop. The same loop with a photon gives Δa_μ. With
  the mass eigenvalues M₁ = MSp, M₂ = MSm (small mixing, the mixing angle θ cancels), x_i = M_i²/m_t²
  and the μ–t–S_i chirality-flip coupling products +P, −P (P = η_L η_R sin θ cos θ):
      self-energy (B₀ of a scalar M_i and the top):  m_μ = N_c P m_t [f(x₁) − f(x₂)]/(16π²),
          f(x) = x ln x/(x − 1) = 1 + ∫₀¹ dy ln[y + (1 − y)x]   (the finite part of B₀(0; m_t², M_i²)),
      dipole (the S1/R2 functions above, charge-5/3 state): Δa_μ^(i) = −N_c m_μ m_t (±P) G(x_i)/(8π²M_i²),
          G = (2/3) E_F(1/x) − (5/3) E_φ(1/x),
  so that, exactly at one loop in m_t²/M² (only m_μ²/M² neglected),
      Δa_μ = (m_μ²/m_t²) F̃(x₁, x₂),   F̃ = 2 [G(x₁)/x₁ − G(x₂)/x₂]/[f(x₂) − f(x₁)],
  symmetric under M₁ ↔ M₂ (P → −P in both loops) and finite at M₁ = M₂ (both loops vanish ∝ M₁² − M₂²;
  the limit is the ratio of the M² derivatives). Independent of η_L, η_R and A (they are fixed by m_μ);
  the non-enhanced (η_L² + η_R²) m_μ²/M² terms are omitted (approximation: relative size
  −3(η_L² + η_R²)/(32π²)/[(4/3) ln(M²/m_t²) − 5/3], −0.2 % at η = 1, M = 6 TeV). Large M: f → L,
  G → (2/3)L − 1/6 with L = ln(M²/m_t²), the leading order recast used before (issue 22):
      Δa_μ → 2 m_μ² [G₁/M₁² − G₂/M₂²]/(L₂ − L₁)  →  (2m_μ²/M²)[(2/3)L − 5/6]  (M₁ = M₂);
  the leading order is 0.930× the full result at (1, 3) TeV, 0.994× at (6, 6) TeV, 0.9988× at (10, 30) TeV.
  The structure m_μ²/m_t² F̃(x₁, x₂) is that of arXiv:2107.07518 (Model III); F̃ is derived here from the
  one-loop functions of this module (arXiv:1603.04993's f_S, f_F, g_S, g_F and the standard B₀), not
  transcribed from the paper. Sign: it follows from the two loops sharing P (m_μ > 0 fixes sign P):
  positive for every M₁ ≠ M₂ > m_t, as in the seed model. The m_μ condition itself (the η_L η_R A⟨φ⟩ and
  |η_L η_R sin 2θ| it needs, and where that is perturbative): :mod:`recast.lowenergy.radiative_mass`.
"""

from __future__ import annotations

import math

from scipy.integrate import quad

from recast.constants import M_MU, M_TOP
from recast.models.base import Model
from recast.models.zprime import ZPrimeModel

__all__ = [
    "delta_a_mu",
    "g2_leptoquark_top",
    "g2_radiative_spm",
    "g2_scalar_quark_loop",
    "g2_zprime",
    "lq_loop_integrals",
    "zprime_loop_functions",
]


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


#: (Q_F, Q_φ) of the quark and the leptoquark in the loop, μ⁻ → F φ (module docstring).
LQ_CHARGES = {"S1": (-2 / 3, -1 / 3), "R2": (2 / 3, -5 / 3), "R2_23": (-1 / 3, -2 / 3), "S3_43": (1 / 3, -4 / 3)}
#: Sign of the chirality-flip coupling product in :func:`g2_leptoquark_top` (R2: l r = −yRL yLR).
_TOP_LOOP_SIGN = {"S1": 1.0, "R2": -1.0}


def lq_loop_integrals(eps: float) -> tuple[float, float, float, float]:
    """(E_F, E_φ, N_F, N_φ) for ε = m_F²/M² in closed form (module docstring; m_μ → 0 in D).

    Example:
        >>> [round(x, 4) for x in lq_loop_integrals(0.0)]   # ε → 0: E_F diverges like ln(1/ε)
        [inf, -0.5, 0.3333, -0.1667]
        >>> [round(x, 4) for x in lq_loop_integrals((172.5 / 1500) ** 2)]
        [2.9682, -0.4607, 0.298, -0.1627]
    """
    if eps == 0.0:
        return math.inf, -0.5, 1 / 3, -1 / 6
    t = 1.0 - eps
    if abs(t) < 1e-3:  # m_F ≈ M: expand I_n = Σ_k t^k/(n + k + 1)
        i = [sum(t**k / (n + k + 1) for k in range(12)) for n in range(4)]
    else:
        i = [-math.log(eps) / t]
        for n in range(1, 4):
            i.append((i[-1] - 1 / n) / t)
    return i[2], i[2] - i[1], i[2] - i[3], -(i[1] - 2 * i[2] + i[3])


def g2_scalar_quark_loop(
    mass: float, m_q: float, q_f: float, q_phi: float, left: float, right: float, *, n_c: int = 3
) -> float:
    """Full one-loop Δa_μ of a scalar of mass ``mass`` GeV and a quark of mass ``m_q`` GeV with
    ``L ⊃ μ̄ (left P_L + right P_R) F φ + h.c.`` and charges (q_f, q_phi), q_f + q_phi = −1.

    Example:
        >>> round(g2_scalar_quark_loop(1500.0, 0.0, -2 / 3, -1 / 3, 1.0, 0.0) * 1e11, 4)  # +m_μ²/(32π²M²) = 1.57e-11
        1.571
    """
    e_f, e_phi, n_f, n_phi = lq_loop_integrals((m_q / mass) ** 2)
    pref = -n_c * M_MU**2 / (8 * math.pi**2 * mass**2)
    lr = left * right
    non_enh = (left**2 + right**2) / 2 * (q_f * n_f + q_phi * n_phi)
    enh = (m_q / M_MU) * lr * (q_f * e_f + q_phi * e_phi) if lr and m_q else 0.0
    return pref * (non_enh + enh)


def g2_leptoquark_top(mass: float, y_left: float, y_right: float, *, kind: str = "S1") -> float:
    """m_t-enhanced top-loop Δa_μ of S1 (``kind="S1"``: yL_bμ, yR_tμ) or R2 (``kind="R2"``: yRL_tμ,
    yLR_bμ), full one-loop functions; positive for a positive coupling product.

    Example:
        >>> round(g2_leptoquark_top(1500.0, 0.01, 0.01) * 1e11, 2)   # leading log gave 5.28
        5.62
    """
    q_f, q_phi = LQ_CHARGES[kind]
    sign = _TOP_LOOP_SIGN[kind]
    e_f, e_phi, _, _ = lq_loop_integrals((M_TOP / mass) ** 2)
    return -3 * M_MU * M_TOP / (8 * math.pi**2 * mass**2) * sign * y_left * y_right * (q_f * e_f + q_phi * e_phi)


def _spm_dipole(x: float) -> float:
    """G(x) = (2/3) E_F − (5/3) E_φ at ε = 1/x (charge-5/3 state with the top; module docstring)."""
    e_f, e_phi, _, _ = lq_loop_integrals(1.0 / x)
    return (2 / 3) * e_f - (5 / 3) * e_phi


def _spm_self_energy(x: float) -> float:
    """f(x) = x ln x/(x − 1), the M-dependent finite part of B₀(0; m_t², M²) (module docstring)."""
    if abs(x - 1.0) < 1e-6:
        return 1.0 + (x - 1.0) / 2
    return x * math.log(x) / (x - 1.0)


#: |ln(M₁²/M₂²)| below which the degenerate limit is taken by a symmetric difference in M².
_SPM_DEGENERATE = 1e-4


def g2_radiative_spm(m_plus: float, m_minus: float) -> float:
    """Δa_μ of the S± radiative-y_μ model for S+/S− masses in GeV: (m_μ²/m_t²) F̃(x₁, x₂), exact at one
    loop in m_t²/M² (module docstring).

    Example:
        >>> round(g2_radiative_spm(5000.0, 5000.0) * 1e11, 1)   # leading order in m_t²/M² gave 326.5
        329.4
        >>> round(g2_radiative_spm(1000.0, 3000.0) * 1e11, 0)   # leading order gave 1801
        1937.0
    """
    x1, x2 = (m_plus / M_TOP) ** 2, (m_minus / M_TOP) ** 2
    if abs(math.log(x1 / x2)) < _SPM_DEGENERATE:  # M₁ = M₂: ratio of the derivatives in M²
        x = math.sqrt(x1 * x2)
        x1, x2 = x * (1 - _SPM_DEGENERATE), x * (1 + _SPM_DEGENERATE)
    num = _spm_dipole(x1) / x1 - _spm_dipole(x2) / x2
    return 2 * M_MU**2 / M_TOP**2 * num / (_spm_self_energy(x2) - _spm_self_energy(x1))


def delta_a_mu(model: Model) -> tuple[float, str]:
    """Δa_μ of a model point and a one-line note on what it includes.

    Example:
        >>> from recast.models import get_model
        >>> round(delta_a_mu(get_model("S3"))[0] * 1e11, 2)   # y_bμ = 1, M = 1.5 TeV: ≈ −3 m_μ²/(32π²M²)
        -4.92
    """
    p = model.params
    if isinstance(model, ZPrimeModel):
        from recast.lowenergy.wilson import zprime_muon_couplings

        g_v, g_a, _ = zprime_muon_couplings(model)
        note = "Z' one-loop (vector + axial), exact in m_mu/M (any Z' mass), arXiv:0902.3360"
        return g2_zprime(model.mass, g_v, g_a), note
    if model.name == "S1":  # charge-1/3 state: μ couples to u^c_g with yL (Q_g doublet) and yR (u_g)
        m = p["MS1"]
        total = sum(
            g2_scalar_quark_loop(m, M_TOP if u == "t" else 0.0, *LQ_CHARGES["S1"], p[f"yL_{d}mu"], p[f"yR_{u}mu"])
            for d, u in (("d", "u"), ("s", "c"), ("b", "t"))
        )
        return total, "S1 one loop, full loop functions (Leveille; arXiv:1603.04993), m_t-enhanced top term"
    if model.name == "R2":  # charge 5/3: up quarks (yRL, yLR); charge 2/3: down quarks (yLR)
        m = p["MR2"]
        total = sum(
            g2_scalar_quark_loop(m, M_TOP if u == "t" else 0.0, *LQ_CHARGES["R2"], -p[f"yRL_{u}mu"], p[f"yLR_{d}mu"])
            + g2_scalar_quark_loop(m, 0.0, *LQ_CHARGES["R2_23"], 0.0, p[f"yLR_{d}mu"])
            for d, u in (("d", "u"), ("s", "c"), ("b", "t"))
        )
        return total, "R2 one loop (charge 5/3 and 2/3 states), full loop functions, m_t-enhanced top term"
    if model.name == "S3":  # left-handed only: charge 1/3 with u^c (y), charge 4/3 with d^c (√2 y); no enhancement
        m = p["MS3"]
        total = sum(
            g2_scalar_quark_loop(m, M_TOP if d == "b" else 0.0, *LQ_CHARGES["S1"], p[f"y_{d}mu"], 0.0)
            + g2_scalar_quark_loop(m, 0.0, *LQ_CHARGES["S3_43"], math.sqrt(2) * p[f"y_{d}mu"], 0.0)
            for d in "dsb"
        )
        return total, "S3 one loop (charge 1/3 and 4/3 states), no m_t enhancement (left-handed couplings only)"
    if model.name == "Spm":
        note = "S+/S- radiative muon mass: Δa_μ fixed by m_μ, one loop exact in m_t/M (arXiv:2107.07518)"
        return g2_radiative_spm(p["MSp"], p["MSm"]), note
    return 0.0, f"{model.name}: no chirally enhanced contribution; m_mu^2/M^2-suppressed loop omitted"
