"""Z′ bosons of an anomaly-free U(1)_X (couplings g_X·X_F to each Weyl fermion).

Γ(Z′ → f f̄) = N_c M (g_L² + g_R²)/(24π) for massless f (shared/reference/physics.md §4);
for massive f (leptons, c, b, t; μμ closed below 2m_μ, ττ below 2m_τ; :data:`WIDTH_MASSES`),
Γ = N_c M β [g_V²(1 + 2r) + g_A² β²]/(12π), β = √(1−4r), r = m_f²/M²,
g_V = (g_L+g_R)/2, g_A = (g_R−g_L)/2 (standard; e.g. arXiv:1010.6058 eq. 2.3).
Right-handed neutrinos are taken heavier than M/2 (no Z′ → N N) unless ``light_nuR = 1``
(then each N_i counts as one massless Weyl fermion). Kinetic mixing is set to zero.
"""

from __future__ import annotations

import math
from abc import abstractmethod
from fractions import Fraction
from typing import ClassVar

from recast.constants import ALPHA_EM_0, ALPHA_EM_MZ, M_B, M_CHARM, M_E, M_K, M_MU, M_PI, M_TAU, M_TOP
from recast.exceptions import InvalidParameter
from recast.models.base import Channel, Model, Parameter, State
from recast.models.charges import Charges, named_charges

__all__ = [
    "BENCHMARK_ZPRIMES",
    "ZPRIME_XSEC_REL_UNC",
    "BenchmarkZPrime",
    "ZPrime",
    "ZPrimeModel",
    "benchmark_couplings",
    "fermion_couplings",
    "loop_kinetic_mixing",
    "vector_width",
]


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
    def fmt(t: tuple[Fraction, ...]) -> str:
        return str(t[0]) if len(set(t)) == 1 else ",".join(str(x) for x in t)

    parts = []
    if charges.Q == charges.U == charges.D:
        parts.append(f"q={fmt(charges.Q)}")
    else:
        parts += [f"{s}={fmt(getattr(charges, s))}" for s in "QUD"]
    groups: dict[tuple[Fraction, ...], list[str]] = {}
    for s in "LEN":
        groups.setdefault(getattr(charges, s), []).append(s)
    parts += ["=".join(names) + "=" + fmt(vals) for vals, names in groups.items()]
    return " ".join(parts)


#: Relative theory uncertainty of the Z′ cross-section: Pythia 8 LO, no K-factor.
#: APPROXIMATION (typical NNLO QCD scale+PDF uncertainty for Drell-Yan at a few TeV).
ZPRIME_XSEC_REL_UNC = 0.10


class ZPrimeModel(Model):
    """A Z′ boson with chiral couplings (g_L, g_R) to the SM fermions, produced as an s-channel
    resonance; its cross-section is Pythia 8's LO one (see :data:`ZPRIME_XSEC_REL_UNC`)."""

    KIND = "zprime"
    #: brackets the dimuon-resonance limits of a few TeV (arXiv:1903.06248)
    DEFAULT_MASSES = "1000:6000:500"
    XSEC_NOTES = (f"Z' cross-section: Pythia 8 LO with an assumed {ZPRIME_XSEC_REL_UNC:.0%} uncertainty",)
    PDG: ClassVar[dict[str, int]] = {"Zp": 32}
    MASS_PARAMS = ("MZp",)
    #: light Z′ down to 10 MeV for flavour, (g−2) and widths (collider searches refuse what they cannot do)
    MIN_MASS_GEV: ClassVar[float] = 0.01

    @abstractmethod
    def couplings(self) -> dict[int, tuple[float, float]]:
        """(g_L, g_R) per SM fermion PDG id."""

    def xsec_rel_unc(self, mass: float) -> float:
        """:data:`ZPRIME_XSEC_REL_UNC` (approximation) at every mass.

        Example:
            >>> from recast.models import get_model
            >>> get_model("B-3Lmu").xsec_rel_unc(3000.0)
            0.1
        """
        return ZPRIME_XSEC_REL_UNC


class ZPrime(ZPrimeModel):
    """Z′ of a U(1)_X with given charges (named model or user charges)."""

    name = "Zp"
    description = "Z' of any anomaly-free U(1)_X (--charges, or a named model)"
    PARAMETERS = (
        Parameter("MZp", 1000.0, "GeV", "Z' mass"),
        Parameter("gX", 0.1, "", "U(1)_X gauge coupling"),
        Parameter("eps", 0.0, "", "kinetic mixing (only 0 is supported)"),
        Parameter("light_nuR", 0.0, "", "1 if right-handed neutrinos are lighter than M/2"),
    )

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
        channels = _sm_channels(m, self.couplings())
        if self.params["light_nuR"]:
            for i, x in enumerate(self.charges.N):
                w = vector_width(m, 0.0, self.params["gX"] * float(x))
                if w > 0:
                    channels.append(Channel((9900012 + 2 * i, 9900012 + 2 * i), w))
        return [State("Zp", 32, Fraction(0), m, tuple(channels))]


#: Mass [GeV] in the width of Z′ → f f̄ per PDG id: leptons, c, b, t at their masses (recast.constants);
#: u, d (s) closed below the lightest hadronic threshold 2m_π (2m_K) and partonic (massless) above it.
#: APPROXIMATION for a quark-coupled Z′ below ~2 GeV: no hadronic resonances (ρ, ω, φ), no R-ratio data.
WIDTH_MASSES = {11: M_E, 13: M_MU, 15: M_TAU, 4: M_CHARM, 5: M_B, 6: M_TOP}
_HADRONIC_THRESHOLD = {1: 2 * M_PI, 2: 2 * M_PI, 3: 2 * M_K}


def loop_kinetic_mixing(g: float) -> float:
    """ε = e g ln(m_τ²/m_μ²)/(12π²) of L_μ − L_τ from μ and τ loops (e at q² = 0).

    Example:
        >>> round(1 / loop_kinetic_mixing(1.0), 1)   # ε ≈ g/69
        69.3
    """
    e = math.sqrt(4 * math.pi * ALPHA_EM_0)
    return e * g * math.log(M_TAU**2 / M_MU**2) / (12 * math.pi**2)


def _channel_width(mass: float, pdg: int, g_l: float, g_r: float, n_c: int) -> float:
    """Γ(Z′ → f f̄) in GeV with the threshold of :data:`WIDTH_MASSES` (and the light quarks' hadronic one)."""
    if mass <= _HADRONIC_THRESHOLD.get(pdg, 0.0):
        return 0.0
    return vector_width(mass, g_l, g_r, n_c, WIDTH_MASSES.get(pdg, 0.0))


def _sm_channels(mass: float, g: dict[int, tuple[float, float]]) -> list[Channel]:
    """Z′ → f f̄ channels of the SM fermions for couplings *g* (fermion masses: :data:`WIDTH_MASSES`)."""
    channels = []
    for ids, _, _, n_c in _FERMIONS:
        for pdg in ids:
            g_l, g_r = g[pdg]
            # neutrinos: g_R = 0, one left-handed Weyl fermion per family
            w = _channel_width(mass, pdg, g_l, g_r, n_c)
            if w > 0:
                channels.append(Channel((pdg, -pdg), w))
    return channels


# ------------------------------------------------------------------ benchmark Z′ models
#: sin²θ_W (MS-bar at M_Z, PDG 2024 "Electroweak model" review) for the benchmark couplings.
SIN2_THETA_W = 0.23122
# electric charge Q and weak isospin T3 of the left-handed field, per PDG id (up, down, lepton, neutrino)
_QT3 = {2: (2 / 3, 0.5), 1: (-1 / 3, -0.5), 11: (-1.0, -0.5), 12: (0.0, 0.5)}


def _family_of(pdg: int) -> int:
    for ids, *_ in _FERMIONS:
        if pdg in ids:
            return ids[0]
    raise KeyError(pdg)


def benchmark_couplings(name: str) -> dict[int, tuple[float, float]]:
    """(g_L, g_R) of the benchmark Z′ *name* (``"SSM"`` or ``"psi"``) to each SM fermion.

    * SSM (sequential SM): the couplings of the SM Z, g_L = g_Z (T3 − Q s²_W), g_R = −g_Z Q s²_W,
      g_Z = e/(s_W c_W) (arXiv:1010.6058 Sec. 2; the definition of the ATLAS and CMS dilepton
      searches, arXiv:1903.06248 Sec. 1, arXiv:2103.02708 Sec. 1).
    * ψ (E6): every SM Weyl fermion of the 16 written left-handed (Q, u^c, d^c, L, e^c) has
      charge Q_ψ = 1/(2√6) with the GUT-normalised coupling g_E6 = √(5/3) e/c_W
      (Langacker, Rev. Mod. Phys. 81 (2009) 1199, arXiv:0801.1345 Table 1 and Eq. 20;
      arXiv:1010.6058 Sec. 2); a right-handed field f_R = (f^c)† has −Q_ψ, so the couplings are
      purely axial: g_L = −g_R = g_E6/(2√6).

    e and s_W: α(M_Z) = 1/127.95 and s²_W = 0.23122 (PDG 2024; :data:`recast.constants.ALPHA_EM_MZ`).
    """
    e = math.sqrt(4 * math.pi * ALPHA_EM_MZ)
    s2 = SIN2_THETA_W
    out: dict[int, tuple[float, float]] = {}
    for ids, _, right, _ in _FERMIONS:
        for pdg in ids:
            q, t3 = _QT3[_family_of(pdg)]
            if name == "SSM":
                g_z = e / math.sqrt(s2 * (1 - s2))
                g_l, g_r = g_z * (t3 - q * s2), (-g_z * q * s2 if right else 0.0)
            elif name == "psi":
                g = math.sqrt(5 / 3) * e / math.sqrt(1 - s2) / (2 * math.sqrt(6))
                g_l, g_r = g, (-g if right else 0.0)
            else:
                msg = f"unknown benchmark Z' {name!r} — use 'SSM' or 'psi'"
                raise InvalidParameter(msg)
            out[pdg] = (g_l + 0.0, g_r + 0.0)
    return out


class BenchmarkZPrime(ZPrimeModel):
    """A benchmark Z′ of the dilepton searches (SSM or E6 ψ) with fixed, cited couplings.

    Right-handed neutrinos and exotic E6 fermions are taken heavier than M/2 (no decays to
    them), Z–Z′ mixing is zero, as in the experiments' benchmarks (arXiv:2103.02708 Sec. 1).
    """

    PARAMETERS = (Parameter("MZp", 3000.0, "GeV", "Z' mass"),)
    #: collider benchmarks: the default 1 GeV minimum
    MIN_MASS_GEV: ClassVar[float] = Model.MIN_MASS_GEV
    DEFAULTS_NOTE = "couplings fixed by the benchmark (no free coupling)"
    VARIANT = ""

    def __init__(self, **params: float) -> None:
        super().__init__(**params)

    def couplings(self) -> dict[int, tuple[float, float]]:
        """(g_L, g_R) per SM fermion PDG id, see :func:`benchmark_couplings`."""
        return benchmark_couplings(self.VARIANT)

    def fields(self) -> list[str]:
        return [f"Z' (1, 1, 0), benchmark {self.VARIANT} couplings (see recast.models.zprime.benchmark_couplings)"]

    def states(self) -> list[State]:
        return [State("Zp", 32, Fraction(0), self.mass, tuple(_sm_channels(self.mass, self.couplings())))]


class ZpSSM(BenchmarkZPrime):
    """Sequential-SM Z′ (SM-Z couplings), Γ/M ≈ 3 %."""

    name = "Zp_SSM"
    VARIANT = "SSM"
    description = "benchmark Z'_SSM: the SM Z couplings (arXiv:1010.6058), Gamma/M ~ 3%"


class ZpPsi(BenchmarkZPrime):
    """E6 Z′_ψ (axial couplings 1/(2√6) g_E6), Γ/M ≈ 0.5 %."""

    name = "Zp_psi"
    VARIANT = "psi"
    description = "benchmark E6 Z'_psi: axial couplings g_E6/(2 sqrt 6) (arXiv:0801.1345), Gamma/M ~ 0.5%"


#: The named benchmark Z′ models (``recast models``).
BENCHMARK_ZPRIMES: dict[str, type[BenchmarkZPrime]] = {"Zp_SSM": ZpSSM, "Zp_psi": ZpPsi}
