"""Scalar leptoquarks: S3 (3̄,3,1/3), S1 (3̄,1,1/3), R2 (3,2,7/6) and the S± pair.

Conventions (Doršner, Fajfer, Greljo, Kamenik, Košnik, arXiv:1603.04993 §2, and the
NLO LQ UFO of Doršner & Fuks, arXiv:1801.07641):

* S3: L ⊃ y_ij Q̄ᶜ_i iσ₂ σᵃ L_j S3ᵃ. Charge eigenstates as in the UFO: S3m43 (Q=−4/3)
  → d_i ℓ_j⁻ with coupling √2 y; S3m13 (−1/3) → u_i ℓ_j⁻ and d_i ν_j with coupling y;
  S3p23 (+2/3) → u_i ν_j with √2 y.
  These factors agree with the partial widths of the public NLO_LQ_S3 UFO (its decays.py:
  S3m43 → d ℓ: y² M/(8π), S3m13 → u ℓ, d ν: y² M/(16π), S3p23 → u ν: y² M/(8π), top with
  (1 − m_t²/M²)², as quoted in the README of the public CMS "leptoquark-datacards" repository).
* S1: L ⊃ yL_ij Q̄ᶜ_i iσ₂ L_j S1 + yR_ij ūᶜ_R,i e_R,j S1 (state Q=−1/3) → u ℓ⁻ (yL, yR), d ν (yL).
* R2: L ⊃ −yRL_ij ū_R,i R2 iσ₂ L_j + yLR_ij ē_R,j R2† Q_i. R2p53 → u ℓ⁺ (yRL, yLR),
  R2p23 → u ν̄ (yRL), d ℓ⁺ (yLR).
* Spm (radiative-y_μ model, arXiv:2107.07518 Model III): two (3,2,7/6) doublets,
  S+ with η_L t̄_R L_2 iσ₂ S+ and S− with η_R q̄_3 μ_R S−; they decay like R2 with
  yRL_tmu = η_L and yLR_bmu = η_R. S+–S− mixing through A⟨φ⟩ is neglected (approximation).

Couplings to quark doublets are named by the down-type member in the down-quark mass basis
(``y_bmu`` couples Q_3); the up-type partner is taken as the same-family up quark, i.e.
CKM mixing in the decays is neglected (an O(λ²) approximation). Fermions are massless except
the top (m_t phase space, :data:`recast.constants.M_TOP`).
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import ClassVar

from recast.constants import M_TOP, V_CB
from recast.models.base import Channel, Model, Parameter, State, two_body_scalar_to_fermions

__all__ = ["LEPTOQUARKS", "LEPTOQUARK_NAMES", "LQ_XSEC_REL_UNC_OUTSIDE", "R2", "S1", "S3", "Leptoquark", "Spm",
           "benchmark_s3_couplings"]


def __dir__() -> list[str]:
    return __all__


DOWN = {"d": 1, "s": 3, "b": 5}
UP = {"u": 2, "c": 4, "t": 6}
UP_PARTNER = {"d": "u", "s": "c", "b": "t"}
LEPTON = {"e": 11, "mu": 13, "tau": 15}
QUARK_MASS = {"t": M_TOP}


def _width(y: float, mass: float, quark: str) -> float:
    return two_body_scalar_to_fermions(y, mass, QUARK_MASS.get(quark, 0.0))


def _coupling_params(prefix: str, quarks: dict[str, int], what: str) -> tuple[Parameter, ...]:
    return tuple(
        Parameter(f"{prefix}_{q}{lep}", 0.0, "", f"{what} coupling to {q} and {lep}")
        for q in quarks
        for lep in LEPTON
    )


def benchmark_s3_couplings(mass: float = 1500.0, y_bmu: float = 1.0) -> dict[str, float]:
    """S3 couplings preferred by b→sμμ: y_bμ y_sμ*/M² = V_cb/(8 TeV)² (arXiv:2103.13991)."""
    return {"y_bmu": y_bmu, "y_smu": V_CB * (mass / 8000.0) ** 2 / y_bmu}


#: Relative σ uncertainty used outside the NNLO+NNLL table's mass range: conservative
#: APPROXIMATION (the table's largest quoted value is 24.4% at 2 TeV).
LQ_XSEC_REL_UNC_OUTSIDE = 0.25


class Leptoquark(Model):
    """A scalar leptoquark model: pair-produced by QCD, each charge state generated on its own."""

    KIND = "leptoquark"
    #: brackets the published LQ pair limits (~1.7 TeV for B(μq) = 1, arXiv:2006.05872) within the
    #: NNLO+NNLL σ table
    DEFAULT_MASSES = "1000:2400:200"

    def pair_xsec(self, mass: float) -> tuple[float, float]:
        """σ(pp → S S*) in pb at 13 TeV and its relative uncertainty for one state of *mass* GeV.

        QCD pair production does not depend on the Yukawa couplings, so every scalar LQ state
        uses the NNLO+NNLL table (:func:`recast.xsec.lq_pair_xsec`).

        Raises:
            InvalidParameter: mass outside the table range.
        """
        from recast.xsec import lq_pair_xsec

        return lq_pair_xsec(mass)

    def xsec_rel_unc(self, mass: float) -> float:
        """The NNLO+NNLL table's relative uncertainty; :data:`LQ_XSEC_REL_UNC_OUTSIDE` outside it.

        Example:
            >>> from recast.models import get_model
            >>> round(get_model("S3").xsec_rel_unc(1500.0), 3), get_model("S3").xsec_rel_unc(5000.0)
            (0.166, 0.25)
        """
        from recast.exceptions import RecastError

        try:
            return float(self.pair_xsec(mass)[1])
        except RecastError:
            return LQ_XSEC_REL_UNC_OUTSIDE


class S3(Leptoquark):
    """Weak-triplet scalar leptoquark S3 (3̄,3,1/3)."""

    name = "S3"
    description = "scalar LQ (3bar,3,1/3); L ⊃ y Q^c iσ2 σ^a L S3^a; UFO NLO_LQ_S3"
    PARAMETERS = (
        Parameter("MS3", 1500.0, "GeV", "S3 mass (all charge states degenerate)"),
        *_coupling_params("y", DOWN, "Q^c_i L_j"),
    )
    # PDG ids of the public LQ UFO (shared/reference/physics.md §6).
    PDG: ClassVar[dict[str, int]] = {"S3p23": 9000005, "S3m13": 9000006, "S3m43": 9000007}
    MASS_PARAMS = ("MS3",)
    DEFAULTS_NOTE = (
        "with no coupling given: the b->smumu point y_bmu = 1, y_smu = V_cb (MS3/8 TeV)^2 (arXiv:2103.13991)"
    )

    def __init__(self, **params: float) -> None:
        if not any(k.startswith("y_") for k in params):
            params = benchmark_s3_couplings(float(params.get("MS3", 1500.0))) | params
        super().__init__(**params)

    def fields(self) -> list[str]:
        return ["S3 (3bar, 3, 1/3): S3m43 (Q=-4/3), S3m13 (Q=-1/3), S3p23 (Q=+2/3)"]

    def states(self) -> list[State]:
        m = self.mass
        m43, m13, p23 = [], [], []
        for q, lep in ((q, lep) for q in DOWN for lep in LEPTON):
            y = self.params[f"y_{q}{lep}"]
            if y == 0:
                continue
            u = UP_PARTNER[q]
            m43.append(Channel((DOWN[q], LEPTON[lep]), _width(math.sqrt(2) * y, m, q)))
            m13.append(Channel((UP[u], LEPTON[lep]), _width(y, m, u)))
            m13.append(Channel((DOWN[q], LEPTON[lep] + 1), _width(y, m, q)))
            p23.append(Channel((UP[u], LEPTON[lep] + 1), _width(math.sqrt(2) * y, m, u)))
        return [
            State("S3m43", self.PDG["S3m43"], Fraction(-4, 3), m, tuple(m43)),
            State("S3m13", self.PDG["S3m13"], Fraction(-1, 3), m, tuple(m13)),
            State("S3p23", self.PDG["S3p23"], Fraction(2, 3), m, tuple(p23)),
        ]


class S1(Leptoquark):
    """Weak-singlet scalar leptoquark S1 (3̄,1,1/3)."""

    name = "S1"
    description = "scalar LQ (3bar,1,1/3); L ⊃ yL Q^c iσ2 L S1 + yR u^c_R e_R S1"
    PARAMETERS = (
        Parameter("MS1", 1500.0, "GeV", "S1 mass"),
        *_coupling_params("yL", DOWN, "left-handed Q^c_i L_j"),
        *_coupling_params("yR", UP, "right-handed u^c_i e_j"),
    )
    # NLO_LQ_S1 UFO numbering (one LQ per UFO; not verified against the UFO files)
    PDG: ClassVar[dict[str, int]] = {"S1m13": 9000005}
    MASS_PARAMS = ("MS1",)
    DEFAULTS_NOTE = "with no coupling given: yL_bmu = 1"

    def __init__(self, **params: float) -> None:
        if not any(k.startswith("y") for k in params):
            params = {"yL_bmu": 1.0} | params
        super().__init__(**params)

    def fields(self) -> list[str]:
        return ["S1 (3bar, 1, 1/3): S1m13 (Q=-1/3)"]

    def states(self) -> list[State]:
        m = self.mass
        ch: list[Channel] = []
        for lep in LEPTON:
            for q, u in UP_PARTNER.items():
                yl, yr = self.params[f"yL_{q}{lep}"], self.params[f"yR_{u}{lep}"]
                if yl or yr:
                    ch.append(Channel((UP[u], LEPTON[lep]), _width(math.hypot(yl, yr), m, u)))
                if yl:
                    ch.append(Channel((DOWN[q], LEPTON[lep] + 1), _width(yl, m, q)))
        return [State("S1m13", self.PDG["S1m13"], Fraction(-1, 3), m, tuple(ch))]


def _r2_states(prefix: str, m: float, pdg: dict[str, int], yrl: dict[str, float], ylr: dict[str, float]) -> list[State]:
    """States of a (3,2,7/6) doublet from its yRL (u_R L) and yLR (Q e_R) couplings."""
    p53: list[Channel] = []
    p23: list[Channel] = []
    for lep in LEPTON:
        for q, u in UP_PARTNER.items():
            a, b = yrl.get(f"{u}{lep}", 0.0), ylr.get(f"{q}{lep}", 0.0)
            if a or b:
                p53.append(Channel((UP[u], -LEPTON[lep]), _width(math.hypot(a, b), m, u)))
            if a:
                p23.append(Channel((UP[u], -(LEPTON[lep] + 1)), _width(a, m, u)))
            if b:
                p23.append(Channel((DOWN[q], -LEPTON[lep]), _width(b, m, q)))
    return [
        State(f"{prefix}p53", pdg[f"{prefix}p53"], Fraction(5, 3), m, tuple(p53)),
        State(f"{prefix}p23", pdg[f"{prefix}p23"], Fraction(2, 3), m, tuple(p23)),
    ]


class R2(Leptoquark):
    """Weak-doublet scalar leptoquark R2 (3,2,7/6)."""

    name = "R2"
    description = "scalar LQ (3,2,7/6); L ⊃ -yRL u_R R2 iσ2 L + yLR e_R R2^† Q"
    PARAMETERS = (
        Parameter("MR2", 1500.0, "GeV", "R2 mass (both charge states degenerate)"),
        *_coupling_params("yRL", UP, "u_R,i L_j"),
        *_coupling_params("yLR", DOWN, "Q_i e_R,j"),
    )
    PDG: ClassVar[dict[str, int]] = {
        "R2p53": 9000005,
        "R2p23": 9000006,
    }  # NLO_LQ_R2 UFO numbering (not verified against the UFO files)
    MASS_PARAMS = ("MR2",)
    DEFAULTS_NOTE = "with no coupling given: yLR_bmu = 1"

    def __init__(self, **params: float) -> None:
        if not any(k.startswith("y") for k in params):
            params = {"yLR_bmu": 1.0} | params
        super().__init__(**params)

    def fields(self) -> list[str]:
        return ["R2 (3, 2, 7/6): R2p53 (Q=+5/3), R2p23 (Q=+2/3)"]

    def states(self) -> list[State]:
        yrl = {k[4:]: v for k, v in self.params.items() if k.startswith("yRL_")}
        ylr = {k[4:]: v for k, v in self.params.items() if k.startswith("yLR_")}
        return _r2_states("R2", self.mass, self.PDG, yrl, ylr)


class Spm(Leptoquark):
    """The S± pair of the radiative-y_μ model (two (3,2,7/6) scalars), arXiv:2107.07518."""

    name = "Spm"
    description = "S+ and S- (3,2,7/6) of the radiative-y_mu model; η_L t_R L2 S+, η_R q3 mu_R S-"
    PARAMETERS = (
        Parameter("MSp", 1500.0, "GeV", "S+ mass"),
        Parameter("MSm", 1500.0, "GeV", "S- mass"),
        Parameter("eta_L", 1.0, "", "S+ coupling to t_R and L_2"),
        Parameter("eta_R", 1.0, "", "S- coupling to q_3 and mu_R"),
        Parameter("A", 1000.0, "GeV", "trilinear φ S+^† S- coupling (mixing neglected in decays)"),
    )
    # No public UFO: ids chosen by recast in the UFO's 9000xxx range.
    PDG: ClassVar[dict[str, int]] = {"Spp53": 9000011, "Spp23": 9000012, "Smp53": 9000013, "Smp23": 9000014}
    MASS_PARAMS = ("MSp", "MSm")

    def fields(self) -> list[str]:
        return ["S+ (3, 2, 7/6): Spp53, Spp23", "S- (3, 2, 7/6): Smp53, Smp23"]

    def states(self) -> list[State]:
        p = self.params
        return _r2_states("Sp", p["MSp"], self.PDG, {"tmu": p["eta_L"]}, {}) + _r2_states(
            "Sm", p["MSm"], self.PDG, {}, {"bmu": p["eta_R"]}
        )


#: The leptoquarks of recast, in display order: the one list (models, the atlas, scan and plots use it).
LEPTOQUARKS: dict[str, type[Leptoquark]] = {"S3": S3, "S1": S1, "R2": R2, "Spm": Spm}
LEPTOQUARK_NAMES: tuple[str, ...] = tuple(LEPTOQUARKS)
