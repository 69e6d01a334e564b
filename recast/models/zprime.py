"""Z′ bosons of an anomaly-free U(1)_X (couplings g_X·X_F to each Weyl fermion).

Γ(Z′ → f f̄) = N_c M (g_L² + g_R²)/(24π) for massless f (shared/reference/physics.md §4);
for the top, Γ = N_c M β [g_V²(1 + 2r) + g_A² β²]/(12π), β = √(1−4r), r = m_t²/M²,
g_V = (g_L+g_R)/2, g_A = (g_R−g_L)/2 (standard; e.g. arXiv:1010.6058 eq. 2.3).
Right-handed neutrinos are taken heavier than M/2 (no Z′ → N N) unless ``light_nuR = 1``
(then each N_i counts as one massless Weyl fermion). Kinetic mixing is set to zero.
"""

from __future__ import annotations

import math
from fractions import Fraction

from recast.atlas.charges import Charges, named_charges
from recast.constants import M_TOP
from recast.exceptions import InvalidParameter
from recast.models.base import Channel, Model, Parameter, State

__all__ = ["ZPrime", "fermion_couplings", "vector_width"]


def __dir__() -> list[str]:
    return __all__


def vector_width(mass: float, g_l: float, g_r: float, n_c: int = 1, m_f: float = 0.0) -> float:
    """Γ(V → f f̄) in GeV for chiral couplings g_L, g_R (f of mass m_f, colour factor n_c)."""
    if 2 * m_f >= mass:
        return 0.0
    r = (m_f / mass) ** 2
    beta = math.sqrt(1 - 4 * r)
    g_v, g_a = (g_l + g_r) / 2, (g_r - g_l) / 2
    return n_c * mass * beta * (g_v**2 * (1 + 2 * r) + g_a**2 * beta**2) / (12 * math.pi)


# (pdg id, species of the left-handed field, species of the right-handed field, colours) per family
_FERMIONS = (
    ((2, 4, 6), "Q", "U", 3),
    ((1, 3, 5), "Q", "D", 3),
    ((11, 13, 15), "L", "E", 1),
    ((12, 14, 16), "L", None, 1),
)


def fermion_couplings(charges: Charges, g_x: float) -> dict[int, tuple[float, float]]:
    """(g_L, g_R) of the Z′ to each SM fermion PDG id."""
    out = {}
    for ids, left, right, _ in _FERMIONS:
        for i, pdg in enumerate(ids):
            g_l = g_x * float(getattr(charges, left)[i])
            g_r = g_x * float(getattr(charges, right)[i]) if right else 0.0
            out[pdg] = (g_l, g_r)
    return out


def _short_label(charges: Charges) -> str:
    """Charges of the species that are not all zero, e.g. ``q=1/3 L=E=N=0,-3,0``."""
    def fmt(t) -> str:
        return str(t[0]) if len(set(t)) == 1 else ",".join(str(x) for x in t)

    parts = []
    if charges.Q == charges.U == charges.D:
        parts.append(f"q={fmt(charges.Q)}")
    else:
        parts += [f"{s}={fmt(getattr(charges, s))}" for s in "QUD"]
    groups: dict[tuple, list[str]] = {}
    for s in "LEN":
        groups.setdefault(getattr(charges, s), []).append(s)
    parts += ["=".join(names) + "=" + fmt(vals) for vals, names in groups.items()]
    return " ".join(parts)


class ZPrime(Model):
    """Z′ of a U(1)_X with given charges (named model or user charges)."""

    name = "Zp"
    kind = "zprime"
    description = "Z' of any anomaly-free U(1)_X (--charges, or a named model)"
    PARAMETERS = (
        Parameter("MZp", 1000.0, "GeV", "Z' mass"),
        Parameter("gX", 0.1, "", "U(1)_X gauge coupling"),
        Parameter("eps", 0.0, "", "kinetic mixing (only 0 is supported)"),
        Parameter("light_nuR", 0.0, "", "1 if right-handed neutrinos are lighter than M/2"),
    )
    PDG = {"Zp": 32}
    MASS_PARAMS = ("MZp",)

    def __init__(self, charges: Charges | str = "Lmu-Ltau", **params: float) -> None:
        if isinstance(charges, str):
            charges = named_charges(charges)
        self.charges = charges.require_anomaly_free()
        if charges.name:
            self.name = charges.name
            self.description = f"Z' of U(1)_X = {charges.name}: {_short_label(charges)}"
        super().__init__(**params)
        if self.params["eps"] != 0:
            msg = "kinetic mixing eps must be 0 (the Z-Z' mixing is not implemented)"
            raise InvalidParameter(msg)

    def with_params(self, **params: float) -> ZPrime:
        return ZPrime(self.charges, **(self.params | params))

    def fields(self) -> list[str]:
        c = self.charges
        return [
            "Z' (1, 1, 0), U(1)_X gauge boson",
            f"X charges: {c.label()} H={c.H}",
        ]

    def couplings(self) -> dict[int, tuple[float, float]]:
        """(g_L, g_R) per SM fermion PDG id."""
        return fermion_couplings(self.charges, self.params["gX"])

    def states(self) -> list[State]:
        m = self.mass
        g = self.couplings()
        channels = []
        for ids, _, _, n_c in _FERMIONS:
            for pdg in ids:
                g_l, g_r = g[pdg]
                # neutrinos: g_R = 0, one left-handed Weyl fermion per family
                w = vector_width(m, g_l, g_r, n_c, M_TOP if pdg == 6 else 0.0)
                if w > 0:
                    channels.append(Channel((pdg, -pdg), w))
        if self.params["light_nuR"]:
            for i, x in enumerate(self.charges.N):
                w = vector_width(m, 0.0, self.params["gX"] * float(x))
                if w > 0:
                    channels.append(Channel((9900012 + 2 * i, 9900012 + 2 * i), w))
        return [State("Zp", 32, Fraction(0), m, tuple(channels))]
