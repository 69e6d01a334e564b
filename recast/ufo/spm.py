"""UFO definitions of the S± pair of the radiative-muon-mass model (Model III), mass basis.

Fields: S₊, S₋ = (3, 2, 7/6), components (S^{5/3}, S^{2/3}). With ℓ_L² = (ν_μ, μ)_L and
q_L³ = (t, b)_L (shared/reference/physics.md §2; arXiv:2103.13991):

    L ⊃ η_L t̄_R ℓ_L² iσ₂ S₊ − η_R q̄_L³ μ_R S₋ − A φ S₊† S₋ + h.c.
      = η_L t̄ P_L (ν_μ S₊^{2/3} − μ S₊^{5/3}) − η_R (t̄ P_R μ S₋^{5/3} + b̄ P_R μ S₋^{2/3})
        − A⟨φ⟩ (S₊^{Q†} S₋^Q + h.c.) + h.c.

Each charge Q mixes through the mass matrix [[M₊², m²], [m², M₋²]], m² = A·vphi (vphi = ⟨φ⟩
in GeV; 0 in recast's cards, where recast's widths neglect the mixing). Mass eigenstates
S₁ = c S₊ − s S₋, S₂ = s S₊ + c S₋ with tan 2θ = 2m²/(M₋² − M₊²), |θ| ≤ π/4, so S₁ → S₊ and
S₂ → S₋ as vphi → 0: S₁ keeps recast's names and PDG ids Spp53/Spp23 (9000011/12), S₂
Smp53/Smp23 (9000013/14). Couplings in the mass basis (Feynman rule i × coefficient):

    t̄ (a_k P_L + b_k P_R) μ S_k^{5/3}:  a₁ = −η_L c, b₁ = η_R s;  a₂ = −η_L s, b₂ = −η_R c
    t̄ P_L ν_μ S_k^{2/3}:                η_L c (k = 1), η_L s (k = 2)
    b̄ P_R μ S_k^{2/3}:                  η_R s (k = 1), −η_R c (k = 2)

External parameters as ``recast cards`` writes them: ``eta_L``, ``eta_R``, ``A``, ``vphi`` =
BLOCK SPMCOUP 1–4; ``MSp`` = MASS 9000011, ``MSm`` = MASS 9000013 (the diagonal masses; the
MASS 9000012/14 lines of the card repeat them and are not read); widths ``WSpp53`` …
``WSmp23`` = DECAY 9000011–14. The eigen-masses ``MS1``, ``MS2`` are internal.

Gauge interactions from (D_μ S)†(D^μ S), D_μ = ∂_μ − i G T^a G^a_μ − i e Q A_μ − i g_Z (T₃ − Q s_W²) Z_μ − …,
written in ``ufo-sm``'s conventions (its G± vertices: −i e Q (P(1,2) − P(1,3)), seagulls
2 i e² Q²): V S S for V = g, γ, Z and W± (S^{5/3} ↔ S^{2/3}, −i g/√2) and the seagulls of two
neutral bosons (gg, γγ, ZZ, γZ, gγ, gZ). The seagulls with a W are not written (approximation:
they enter only processes with an external or t-channel W pair; pair production through
gg, q q̄ → g*/γ*/Z* does not use them). The mixing rotates degenerate doublets, so the
gauge couplings are the same in the mass basis.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from recast.ufo.section import Section

if TYPE_CHECKING:
    from recast.models.leptoquark import Spm

__all__ = ["spm_couplings", "spm_section"]


def __dir__() -> list[str]:
    return __all__


def spm_couplings() -> dict[str, tuple[str, str, str, str, str]]:
    """(X, Y, scalar, a, b) of each term X̄ (a P_L + b P_R) Y S of the mass basis (UFO names)."""
    return {
        "S1_tmu": ("t", "mu__minus__", "Spp53", "-eta_L*cth", "eta_R*sth"),
        "S2_tmu": ("t", "mu__minus__", "Smp53", "-eta_L*sth", "-eta_R*cth"),
        "S1_tnu": ("t", "vm", "Spp23", "eta_L*cth", "0"),
        "S2_tnu": ("t", "vm", "Smp23", "eta_L*sth", "0"),
        "S1_bmu": ("b", "mu__minus__", "Spp23", "0", "eta_R*sth"),
        "S2_bmu": ("b", "mu__minus__", "Smp23", "0", "-eta_R*cth"),
    }


def _width(mass: str, a: str, b: str, m_q: str) -> str:
    """Γ(S → q ℓ̄) for massless ℓ: (|a|² + |b|²)(M² − m_q²)²/(16π M³) (colour summed)."""
    return f"(({a})**2 + ({b})**2)*({mass}**2 - {m_q}**2)**2/(16.*cmath.pi*{mass}**3)"


def _gauge(sec: Section) -> None:
    """QCD and electroweak vertices of the four mass eigenstates (module docstring)."""
    gz = "(ee/(sw*cw))"
    for doublet in ("Spp", "Smp"):
        for comp, q, t3 in (("53", "5./3.", "1./2."), ("23", "2./3.", "-1./2.")):
            name = f"{doublet}{comp}"
            parts = [f"{name}__tilde__", name]
            e_q, z_q = f"(ee*{q})", f"({gz}*({t3} - {q}*sw**2))"
            for vec, colour, c, order in (("g", "T(1,3,2)", "G", "QCD"), ("a", "Identity(2,3)", e_q, "QED"),
                                          ("Z", "Identity(2,3)", z_q, "QED")):
                cpl = sec.coupling(f"GC_SPM_{vec}_{name}", f"-complex(0,1)*{c}", order)
                sec.vertex(f"V_SPM_{vec}_{name}", [vec, *parts], colour, ["L.VSS1"], [cpl])
            gg = sec.coupling(f"GC_SPM_gg_{name}", "complex(0,1)*G**2", {"QCD": 2})
            sec.vertex(f"V_SPM_gg_{name}", ["g", "g", *parts], "T(1,4,-1)*T(2,-1,3)", ["L.VVSS1"], [gg])
            sec.vertex(f"V_SPM_gg2_{name}", ["g", "g", *parts], "T(2,4,-1)*T(1,-1,3)", ["L.VVSS1"], [gg])
            for v1, v2, c1, c2, colour in (("a", "a", e_q, e_q, "Identity(3,4)"), ("Z", "Z", z_q, z_q, "Identity(3,4)"),
                                           ("a", "Z", e_q, z_q, "Identity(3,4)"), ("a", "g", e_q, "G", "T(2,4,3)"),
                                           ("Z", "g", z_q, "G", "T(2,4,3)")):
                orders = {"QED": 2} if v2 != "g" else {"QED": 1, "QCD": 1}
                cpl = sec.coupling(f"GC_SPM_{v1}{v2}_{name}", f"2*complex(0,1)*{c1}*{c2}", orders)
                sec.vertex(f"V_SPM_{v1}{v2}_{name}", [v1, v2, *parts], colour, ["L.VVSS1"], [cpl])
        # W: S^{5/3} -> S^{2/3} W+, as ufo-sm's G0/H G+ W- vertices: -i g/sqrt(2) (P(1,2) - P(1,3))
        w = sec.coupling(f"GC_SPM_W_{doublet}", "-complex(0,1)*ee/(sw*cmath.sqrt(2))", "QED")
        sec.vertex(f"V_SPM_Wm_{doublet}", ["W__minus__", f"{doublet}23__tilde__", f"{doublet}53"],
                   "Identity(2,3)", ["L.VSS1"], [w])
        sec.vertex(f"V_SPM_Wp_{doublet}", ["W__plus__", f"{doublet}53__tilde__", f"{doublet}23"],
                   "Identity(2,3)", ["L.VSS1"], [w])


def spm_section(model: Spm) -> Section:
    """The S± parameters, mass-basis particles, couplings, vertices and decays for *model*."""
    p = model.params
    widths = {s.name: s.width for s in model.states()}
    sec = Section()
    sec.function("cond", ("condition", "ExprTrue", "ExprFalse"),
                 "((ExprTrue) if (condition == 0.0) else (ExprFalse))")
    sec.parameter("eta_L", p["eta_L"], "SPMCOUP", 1, "\\eta_L")
    sec.parameter("eta_R", p["eta_R"], "SPMCOUP", 2, "\\eta_R")
    sec.parameter("A", p["A"], "SPMCOUP", 3, "A")
    sec.parameter("vphi", 0.0, "SPMCOUP", 4, "\\langle\\phi\\rangle")
    sec.parameter("MSp", p["MSp"], "MASS", 9000011, "M_{S_+}")
    sec.parameter("MSm", p["MSm"], "MASS", 9000013, "M_{S_-}")
    for name, pdg in model.PDG.items():
        sec.parameter(f"W{name}", widths[name], "DECAY", pdg, f"\\Gamma_{{{name}}}")
    # mixing (module docstring): dM = M-^2 - M+^2, m2 = A vphi, |theta| <= pi/4
    sec.internal("SPM_dM", "MSm**2 - MSp**2", "\\Delta M^2")
    sec.internal("SPM_m2", "A*vphi", "m^2_{+-}")
    # cond(x, a, b) = a if x == 0 else b (MadGraph's function); every argument stays finite
    sec.internal("SPM_nomix", "cond(SPM_m2, 1., 0.)", "\\delta_{m^2,0}")
    sec.internal("SPM_sgn", "cond(SPM_dM, 1., SPM_dM/cmath.sqrt(SPM_dM**2 + cond(SPM_dM, 1., 0.)))", "\\text{sgn}")
    sec.internal("SPM_D", "cmath.sqrt(SPM_dM**2 + 4*SPM_m2**2 + SPM_nomix)", "D")
    sec.internal("SPM_c2", "SPM_nomix + (1 - SPM_nomix)*cmath.sqrt(SPM_dM**2)/SPM_D", "\\cos 2\\theta")
    sec.internal("SPM_s2", "(1 - SPM_nomix)*2*SPM_m2*SPM_sgn/SPM_D", "\\sin 2\\theta")
    sec.internal("cth", "cmath.sqrt((1 + SPM_c2)/2.)", "c_\\theta")
    sec.internal("sth", "SPM_s2/(2.*cth)", "s_\\theta")
    sec.internal("MS1", "cmath.sqrt(cth**2*MSp**2 - 2*cth*sth*SPM_m2 + sth**2*MSm**2)", "M_{S_1}")
    sec.internal("MS2", "cmath.sqrt(sth**2*MSp**2 + 2*cth*sth*SPM_m2 + cth**2*MSm**2)", "M_{S_2}")
    for name, pdg in model.PDG.items():
        charge = "5/3" if name.endswith("53") else "2/3"
        sec.particle(name, pdg=pdg, name=name, antiname=f"{name}~", spin=1, color=3,
                     mass="MS1" if name.startswith("Spp") else "MS2", width=f"W{name}",
                     charge=charge, texname=name)
    sec.order("NP", 99, 1)
    _gauge(sec)
    decays: dict[str, list[tuple[tuple[str, ...], str]]] = {name: [] for name in model.PDG}
    for tag, (x, y, s, a, b) in spm_couplings().items():
        xbar, ybar, sbar = f"{x}__tilde__", ("mu__plus__" if y == "mu__minus__" else f"{y}__tilde__"), f"{s}__tilde__"
        # X̄ (a P_L + b P_R) Y S  ->  vertex [Y~, X, S~];  h.c. Ȳ (a P_R + b P_L) X S†  ->  [X~, Y, S]
        for vname, parts, colour, (cl, cr) in (
            (f"V_SPM_{tag}", [ybar, x, sbar], "Identity(2,3)", (a, b)),
            (f"V_SPM_{tag}_hc", [xbar, y, s], "Identity(1,3)", (b, a)),
        ):
            lorentz, couplings = [], []
            for lor, coef, chir in (("L.FFS1", cl, "L"), ("L.FFS3", cr, "R")):
                if coef != "0":
                    lorentz.append(lor)
                    couplings.append(sec.coupling(f"GC_{vname[2:]}_{chir}", f"complex(0,1)*({coef})", "NP"))
            sec.vertex(vname, parts, colour, lorentz, couplings)
        mass = "MS1" if s.startswith("Spp") else "MS2"
        decays[s].append(((x, ybar), _width(mass, a, b, {"t": "MT", "b": "MB"}[x])))
    for name, rows in decays.items():
        sec.decay(name, rows)
    return sec
