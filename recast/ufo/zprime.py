"""UFO definitions of the Z′ of a U(1)_X, appended to the SM of ``ufo-sm``.

Lagrangian (Weyl fermions F of the SM, one family index j; metric +−−−):

    L ⊃ Z′_μ Σ_F (g_X X_Fj + ε g′ Y_F) F̄_j γ^μ F_j

with g′ = e/c_W (``g1`` of ``ufo-sm``) and hypercharges Y = Q − T₃ (Y_Q = 1/6, Y_u = 2/3,
Y_d = −1/3, Y_L = −1/2, Y_e = −1). A Feynman rule is i × coupling × γ^μ P_{L,R}, the sign
convention of ``ufo-sm``'s photon vertex (i e Q γ^μ), so γ, Z and Z′ interfere as in the
Lagrangian. The ε term is the kinetic mixing −(ε/2) B_μν X^μν removed at first order in ε;
the Z–Z′ mass mixing it induces, of relative size ε s_W M_Z²/M_Z′², is neglected
(approximation, good to 1 % of the ε term for M_Z′ > 10 M_Z). recast's analytic widths take ε = 0.

Right-handed neutrinos (``light_nuR``): three massless Dirac partners N_j of ν_Lj with only the
right-handed coupling g_X X_Nj, which gives Γ(Z′ → N N̄) = g_X² X_N² M/(24π), the one-Weyl-fermion
width recast uses. They are written only when the model point asks for light ν_R.

Parameters and SLHA entries are those of ``recast cards``: ``gX``, ``eps``, ``light_nuR`` =
BLOCK U1X 1–3; X charges ``XQ1`` … ``XN3`` = BLOCK U1XCHARGE ``i j`` (i = 1…6 for Q U D L E N,
j = family); ``MZp`` = MASS 32; ``WZp`` = DECAY 32.

Benchmark Z′ (``Zp_SSM``, ``Zp_psi``; :func:`benchmark_section`): no U(1)_X — fixed chiral
couplings per fermion species, L ⊃ Z′_μ Σ_f f̄ γ^μ (g_L^f P_L + g_R^f P_R) f, where u_L and d_L
(the same doublet) may couple differently (the SSM copies the Z). Parameters ``gZpL<pdg>``,
``gZpR<pdg>`` = BLOCK ZPCHIRAL ``(pdg, 1)``, ``(pdg, 2)`` as ``recast cards`` writes them
(``gZpR12/14/16`` exist only so that the card loads unchanged: no ν_R in these UFOs).
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING

from recast.ufo.section import Section

if TYPE_CHECKING:
    from collections.abc import Callable

    from recast.models.zprime import BenchmarkZPrime, ZPrime

    #: (left species, right species or None, family, Y_L, Y_R, PDG id) -> UFO (g_L, g_R) expressions
    _Couplings = Callable[[str, str | None, int, Fraction, Fraction | None, int], tuple[str, str]]

__all__ = ["FERMIONS", "benchmark_section", "zprime_section"]


def __dir__() -> list[str]:
    return __all__


_SPECIES = "QUDLEN"
# (ufo-sm particle, antiparticle, pdg, left species, right species or None, family, Y_L, Y_R, colours,
#  mass parameter) of every SM fermion.
FERMIONS = (
    ("u", "u__tilde__", 2, "Q", "U", 1, Fraction(1, 6), Fraction(2, 3), 3, None),
    ("c", "c__tilde__", 4, "Q", "U", 2, Fraction(1, 6), Fraction(2, 3), 3, "MC"),
    ("t", "t__tilde__", 6, "Q", "U", 3, Fraction(1, 6), Fraction(2, 3), 3, "MT"),
    ("d", "d__tilde__", 1, "Q", "D", 1, Fraction(1, 6), Fraction(-1, 3), 3, None),
    ("s", "s__tilde__", 3, "Q", "D", 2, Fraction(1, 6), Fraction(-1, 3), 3, None),
    ("b", "b__tilde__", 5, "Q", "D", 3, Fraction(1, 6), Fraction(-1, 3), 3, "MB"),
    ("e__minus__", "e__plus__", 11, "L", "E", 1, Fraction(-1, 2), Fraction(-1), 1, "Me"),
    ("mu__minus__", "mu__plus__", 13, "L", "E", 2, Fraction(-1, 2), Fraction(-1), 1, "MM"),
    ("ta__minus__", "ta__plus__", 15, "L", "E", 3, Fraction(-1, 2), Fraction(-1), 1, "MTA"),
    ("ve", "ve__tilde__", 12, "L", None, 1, Fraction(-1, 2), None, 1, None),
    ("vm", "vm__tilde__", 14, "L", None, 2, Fraction(-1, 2), None, 1, None),
    ("vt", "vt__tilde__", 16, "L", None, 3, Fraction(-1, 2), None, 1, None),
)


def _coupling(species: str, family: int, hyper: Fraction | None) -> str:
    text = f"gX*X{species}{family}"
    if hyper:
        text += f" + eps*g1*({hyper.numerator}./{hyper.denominator}.)"
    return f"({text})"


def _width(mass: str | None, g_l: str, g_r: str, n_c: int) -> str:
    """Γ(Z′ → f f̄) as a UFO expression: N_c M β [g_V²(1+2r) + g_A² β²]/(12π), r = m²/M²."""
    r = f"({mass}**2/MZp**2)" if mass else "0"
    beta = f"cmath.sqrt(1 - 4*{r})" if mass else "1"
    g_v, g_a = f"(({g_l} + {g_r})/2.)", f"(({g_r} - {g_l})/2.)"
    return f"{n_c}*MZp*{beta}*({g_v}**2*(1 + 2*{r}) + {g_a}**2*{beta}**2)/(12.*cmath.pi)"


def zprime_section(model: ZPrime) -> Section:
    """The Z′ parameters, particle, couplings, vertices and decays for *model* (a ZPrime).

    Raises:
        InvalidParameter: X_H ≠ 0 (the Higgs would carry X: Z–Z′ mass mixing, not implemented,
            and recast's widths assume X_H = 0 too).
    """
    charges = model.charges
    if charges.H:
        from recast.exceptions import InvalidParameter

        msg = (f"X_H = {charges.H}: a U(1)_X-charged Higgs mixes Z and Z', which neither recast's widths "
               "nor its UFO include — use charges with H=0")
        raise InvalidParameter(msg)
    p = model.params
    sec = Section()
    sec.parameter("gX", p["gX"], "U1X", 1, "g_X")
    sec.parameter("eps", p["eps"], "U1X", 2, "\\epsilon")
    sec.parameter("light_nuR", p["light_nuR"], "U1X", 3, "\\text{light}_{\\nu_R}")
    for i, species in enumerate(_SPECIES, start=1):
        for j, x in enumerate(getattr(charges, species), start=1):
            sec.parameter(f"X{species}{j}", float(x), "U1XCHARGE", (i, j), f"X_{{{species}{j}}}")
    sec.parameter("MZp", model.mass, "MASS", 32, "M_{Z'}")
    sec.parameter("WZp", model.states()[0].width, "DECAY", 32, "\\Gamma_{Z'}")
    widths = _sm_vertices(sec, lambda left, right, fam, y_l, y_r, pdg: (
        _coupling(left, fam, y_l), _coupling(right, fam, y_r) if right else "0"))
    if p["light_nuR"]:
        for j in (1, 2, 3):
            name = f"N{j}"
            sec.particle(name, pdg=9900010 + 2 * j, name=name, antiname=f"{name}~", spin=2, color=1,
                         mass="ZERO", width="ZERO", charge="0", texname=f"N_{j}")
            g_r = _coupling("N", j, None)
            c = sec.coupling(f"GC_ZP_{name}_R", f"complex(0,1)*{g_r}", "NP")
            sec.vertex(f"V_ZP_{name}", [f"{name}__tilde__", name, "Zp"], "1", ["L.FFV_RX"], [c])
            widths.append(((name, f"{name}__tilde__"), _width(None, "0", g_r, 1)))
    sec.decay("Zp", widths)
    return sec


def _sm_vertices(sec: Section, couplings: _Couplings) -> list[tuple[tuple[str, ...], str]]:
    """The Z′ particle and its f̄ f Z′ vertices; returns the (final state, Γ expression) pairs.

    *couplings(left, right, family, Y_L, Y_R, pdg)* gives the UFO expressions of (g_L, g_R)
    of one SM fermion (``right`` is None for the neutrinos, which have no right-handed partner).
    A Feynman rule is i (g_L γ^μ P_L + g_R γ^μ P_R) (``FFV2`` of ``ufo-sm`` = γ^μ P_L).
    """
    sec.particle("Zp", pdg=32, name="zp", antiname="zp", spin=3, color=1, mass="MZp", width="WZp",
                 charge="0", texname="Z'")
    sec.order("NP", 99, 1)
    sec.lorentz("FFV_RX", [2, 2, 3], "Gamma(3,2,-1)*ProjP(-1,1)")
    widths: list[tuple[tuple[str, ...], str]] = []
    for part, anti, pdg, left, right, fam, y_l, y_r, n_c, mass in FERMIONS:
        g_l, g_r = couplings(left, right, fam, y_l, y_r, pdg)
        lorentz, cpl = ["L.FFV2"], [sec.coupling(f"GC_ZP_{part}_L", f"complex(0,1)*{g_l}", "NP")]
        if right:
            lorentz.append("L.FFV_RX")
            cpl.append(sec.coupling(f"GC_ZP_{part}_R", f"complex(0,1)*{g_r}", "NP"))
        sec.vertex(f"V_ZP_{part}", [anti, part, "Zp"], "Identity(1,2)" if n_c == 3 else "1", lorentz, cpl)
        widths.append(((part, anti), _width(mass, g_l, g_r, n_c)))
    return widths


def benchmark_section(model: BenchmarkZPrime) -> Section:
    """The Z′ of a benchmark model (``Zp_SSM``, ``Zp_psi``) with its chiral couplings per fermion.

    ``gZpL<pdg>``/``gZpR<pdg>`` = BLOCK ZPCHIRAL (pdg, 1)/(pdg, 2), values from
    :meth:`couplings` (:func:`recast.models.zprime.benchmark_couplings`, where they are cited);
    ``MZp`` = MASS 32, ``WZp`` = DECAY 32. No kinetic mixing, no ν_R, as in recast's widths.
    """
    sec = Section()
    g = model.couplings()
    for pdg in sorted(g):
        for hand, idx, value in (("L", 1, g[pdg][0]), ("R", 2, g[pdg][1])):
            sec.parameter(f"gZp{hand}{pdg}", value, "ZPCHIRAL", (pdg, idx), f"g^{{{pdg}}}_{hand}")
    sec.parameter("MZp", model.mass, "MASS", 32, "M_{Z'}")
    sec.parameter("WZp", model.states()[0].width, "DECAY", 32, "\\Gamma_{Z'}")
    widths = _sm_vertices(sec, lambda left, right, fam, y_l, y_r, pdg: (f"gZpL{pdg}", f"gZpR{pdg}" if right else "0"))
    sec.decay("Zp", widths)
    return sec
