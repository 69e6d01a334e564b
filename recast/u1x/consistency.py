"""Consistency of a U(1)_X model beyond its anomalies: the one-loop running of g_X and the
proton-decay operators its muoquarks leave allowed.

* Running (one loop, no kinetic mixing with hypercharge: an approximation): for a U(1) gauge coupling
      dg/d ln μ = b g³/(16π²),   b = (2/3) Σ_Weyl X² + (1/3) Σ_complex scalars X²
  (Machacek & Vaughn, Nucl. Phys. B222 (1983) 83; QED check: one Dirac fermion of charge 1 gives 4/3).
  Counted: the SM fermions of each family with their colour and SU(2) multiplicities (Q: 6, U: 3,
  D: 3, L: 2, E: 1 Weyl fields), three right-handed neutrinos N (1 each), the Higgs doublet (2 complex
  scalars, X_H) and whatever extra scalars are named (leptoquarks with their multiplicities, the
  U(1)_X-breaking scalar Φ). With 1/g²(μ) = 1/g²(μ₀) − b ln(μ/μ₀)/(8π²) the Landau pole is at
  μ₀ exp(8π²/(b g²(μ₀))); g_X(μ₀) below √(8π²/(b ln(M_Pl/μ₀))) reaches the Planck mass. Check
  (tested): U(1)_{B−L} with three N and a Φ of X = 2 has b = 32/3 + 4/3 = 12, the value of the minimal
  B−L model.
* Proton decay: a muoquark's diquark couplings (dim-4, Q Q S†, U D S†) are forbidden by definition
  (:mod:`recast.u1x.muoquark`); after U(1)_X breaking the dimension-5 operators Q Q S† Φ⁽*⁾ and
  U D S† Φ⁽*⁾ appear if X_Qi + X_Qj = X_LQ ∓ X_Φ (the same operator table, shifted by X_Φ); they are
  listed here for each Φ charge that gives the N Majorana masses (recast's derivation of the seed's
  qqS†φ statement, arXiv:2107.07518; suppressed by 1/Λ, not excluded by themselves).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from fractions import Fraction

from recast.models.charges import Charges
from recast.u1x.muoquark import couplings

__all__ = ["LQ_MULTIPLICITY", "M_PLANCK_GEV", "beta_coefficient", "dim5_proton_operators", "g_max_planck",
           "landau_pole"]

#: Planck mass [GeV], PDG 2024 (1.220890(14) × 10^19 GeV).
M_PLANCK_GEV = 1.220890e19

#: Complex scalar fields of each leptoquark: colour × SU(2) (S3: triplet, R2 and each S± doublet).
LQ_MULTIPLICITY = {"S3": 9, "S1": 3, "R2": 6, "S+": 6, "S-": 6}

_FERMIONS = {"Q": 6, "U": 3, "D": 3, "L": 2, "E": 1, "N": 1}


def __dir__() -> list[str]:
    return __all__


def beta_coefficient(charges: Charges, scalars: Mapping[str, tuple[Fraction, int]] | None = None) -> Fraction:
    """b of dg_X/d ln μ = b g_X³/(16π²) (module docstring) for *charges* plus the named extra scalars
    ``{name: (X, complex fields)}`` (e.g. ``{"S3": (Fraction(8, 3), 9), "Phi": (Fraction(3), 1)}``).

    Example:
        >>> from recast.models.charges import named_charges
        >>> beta_coefficient(named_charges("B-L"), {"Phi": (Fraction(2), 1)})
        Fraction(12, 1)
    """
    weyl = sum(Fraction(n) * Fraction(x) ** 2 for sp, n in _FERMIONS.items() for x in getattr(charges, sp))
    complex_scalars = 2 * Fraction(charges.H) ** 2 + sum(
        Fraction(n) * Fraction(x) ** 2 for x, n in (scalars or {}).values())
    return Fraction(2, 3) * weyl + Fraction(1, 3) * complex_scalars


def landau_pole(b: Fraction | float, g: float, mu0_GeV: float) -> float:
    """Scale [GeV] where g_X(μ₀ = *mu0_GeV*) = *g* runs to infinity at one loop (inf if b <= 0)."""
    if b <= 0 or g == 0:
        return math.inf
    exponent = 8 * math.pi**2 / (float(b) * g * g)
    return math.inf if exponent > 700 else mu0_GeV * math.exp(exponent)


def g_max_planck(b: Fraction | float, mu0_GeV: float) -> float:
    """Largest g_X(μ₀) whose one-loop Landau pole lies above the Planck mass."""
    if b <= 0:
        return math.inf
    return math.sqrt(8 * math.pi**2 / (float(b) * math.log(M_PLANCK_GEV / mu0_GeV)))


def dim5_proton_operators(charges: Charges, lq: str, x_lq: Fraction, x_phis: list[Fraction]) -> list[str]:
    """The dimension-5 diquark operators (Q Q S† Φ, U D S† Φ and with Φ*) that U(1)_X allows for leptoquark
    *lq* of charge *x_lq* and a breaking scalar of each charge in *x_phis* (module docstring)."""
    diquark: dict[Fraction, list[str]] = {}
    for c in couplings(charges, lq):
        if c.lepton is None:
            diquark.setdefault(Fraction(c.x), []).append(c.text)
    out = []
    for x_phi in x_phis:
        for sign, phi in ((-1, "Phi"), (1, "Phi*")):
            out += [f"{ops} {lq}† {phi} (X_Phi = {x_phi})" for ops in diquark.get(Fraction(x_lq) + sign * x_phi, [])]
    return out
