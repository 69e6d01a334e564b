"""Composite model points: several mediators (leptoquarks and a U(1)_X Z′) evaluated together.

A :class:`CompositeModel` holds recast leptoquark model objects and, optionally, a U(1)_X (charges) with
its Z′ (:class:`ZPrimePart`: g_X, M_Z′ in GeV and the Z′ b̄s coupling g_bs). Under a U(1)_X every
leptoquark must be a muoquark (:func:`recast.u1x.muoquark.muoquark`) and every non-zero coupling of it
must be U(1)_X invariant with one charge X_LQ; otherwise :func:`make_composite` raises
:class:`~recast.exceptions.InvalidParameter` (one line, ``recast: error: … — …``, exit 2).

Sign conventions (recast's, see :mod:`recast.models.leptoquark` and :mod:`recast.lowenergy.wilson`):
S3 ``L ⊃ y_ij Q̄ᶜ_i iσ₂σᵃL_j S3ᵃ`` in the down-quark basis; C9 = −C10 < 0 needs y_bμ y_sμ > 0.
The texture η^{3L} = (V_td, V_ts, 1) η_3 of arXiv:2103.13991 therefore enters recast as
y_{dμ,sμ,bμ} = (−V_td, −V_ts, 1) η_3 (V_ts < 0, so y_sμ > 0): the opposite relative sign of the
light entries, pinned in tests/test_composite.py. S1/R2: a positive product yL_bμ·yR_tμ (yRL_tμ·yLR_bμ)
gives Δa_μ > 0 (:mod:`recast.lowenergy.g2`). Z′: couplings g_X·X_F to each Weyl fermion, b̄s coupling
``g_bs Z′ s̄γ^μP_L b``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from recast.exceptions import InvalidParameter
from recast.models import Leptoquark, ZPrime, get_model
from recast.models.base import MAX_COUPLING
from recast.models.charges import Charges, named_charges
from recast.models.zprime import fermion_couplings
from recast.u1x.muoquark import breaking_scalar, couplings, muoquark

__all__ = ["CompositeModel", "ZPrimePart", "lq_charge", "make_composite", "texture_s3"]


def __dir__() -> list[str]:
    return __all__


_QUARK_FAMILY = {"d": 1, "s": 2, "b": 3, "u": 1, "c": 2, "t": 3}
_LEPTON_FAMILY = {"e": 1, "mu": 2, "tau": 3}
#: coupling-name prefix -> (quark field, lepton field) of the operator, per leptoquark
_OPERATOR_FIELDS = {
    "S3": {"y": ("Q", "L")},
    "S1": {"yL": ("Q", "L"), "yR": ("U", "E")},
    "R2": {"yRL": ("U", "L"), "yLR": ("Q", "E")},
}


@dataclass(frozen=True)
class ZPrimePart:
    """The U(1)_X gauge boson of a composite point: mass in GeV, g_X, and the b̄s coupling g_bs."""

    charges: Charges
    g_x: float
    mass: float
    g_bs: float = 0.0

    def __post_init__(self) -> None:
        self.charges.require_anomaly_free()
        if not 0.0 < self.g_x <= MAX_COUPLING:
            msg = f"g_X = {self.g_x:g} of the Z' must be in (0, 4π] — give a positive perturbative coupling"
            raise InvalidParameter(msg)
        if not (math.isfinite(self.mass) and 2e-3 <= self.mass <= 1e5):
            msg = f"Z' mass {self.mass:g} GeV is outside 0.002-1e5 GeV — give M_Z' in GeV in that range"
            raise InvalidParameter(msg)
        if abs(self.g_bs) > MAX_COUPLING:
            msg = f"g_bs = {self.g_bs:g} must satisfy |g_bs| <= 4π — give a smaller b-s coupling"
            raise InvalidParameter(msg)

    def muon_couplings(self) -> tuple[float, float, float]:
        """(g_V, g_A, g_ν) of the Z′ to μ̄γ^μ(g_V + g_Aγ5)μ and ν̄_μγ^μP_Lν_μ."""
        g = fermion_couplings(self.charges, self.g_x)
        g_l, g_r = g[13]
        return (g_l + g_r) / 2, (g_r - g_l) / 2, g[14][0]

    def model(self) -> ZPrime | None:
        """The recast Z′ model object (Z′ models take masses from 10 MeV), or None where the model layer refuses it."""
        try:
            return ZPrime(self.charges, MZp=self.mass, gX=self.g_x)
        except InvalidParameter:
            return None

    def as_dict(self) -> dict[str, Any]:
        """JSON form."""
        g_v, g_a, g_nu = self.muon_couplings()
        return {"charges": self.charges.name or self.charges.label(), "gX": self.g_x, "MZp_GeV": self.mass,
                "g_bs": self.g_bs, "g_V_mu": g_v, "g_A_mu": g_a, "g_nu_mu": g_nu}


@dataclass(frozen=True)
class CompositeModel:
    """A model point with several mediators. ``sources`` cite each benchmark number."""

    name: str
    description: str
    leptoquarks: tuple[Leptoquark, ...] = ()
    charges: Charges | None = None
    zprime: ZPrimePart | None = None
    lq_charges: dict[str, str] = field(default_factory=dict)
    scalars: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()

    @property
    def mediators(self) -> int:
        """Number of mediators: each leptoquark field (S± counts 2) plus the Z′."""
        return sum(2 if lq.name == "Spm" else 1 for lq in self.leptoquarks) + (self.zprime is not None)

    def point(self) -> dict[str, Any]:
        """The model point as JSON: every non-zero parameter (GeV, dimensionless) per mediator."""
        out: dict[str, Any] = {lq.name: {k: v for k, v in lq.params.items() if v} for lq in self.leptoquarks}
        if self.zprime is not None:
            out["Zp"] = self.zprime.as_dict()
        if self.charges is not None:
            out["U1X"] = self.charges.name or self.charges.label()
            if self.lq_charges:
                out["X_LQ"] = dict(self.lq_charges)
        return out


def _operator(lq: str, param: str) -> tuple[str, int] | None:
    """(operator text as in :func:`recast.u1x.muoquark.couplings`, lepton family) of a coupling."""
    prefix, _, rest = param.partition("_")
    fields = _OPERATOR_FIELDS.get(lq, {}).get(prefix)
    if fields is None:
        return None
    quark, lepton = rest[0], rest[1:]
    return f"{fields[0]}{_QUARK_FAMILY[quark]} {fields[1]}{_LEPTON_FAMILY[lepton]}", _LEPTON_FAMILY[lepton]


def lq_charge(charges: Charges, lq: Leptoquark) -> str:
    """X_LQ of ``lq`` under ``charges`` from the atlas muoquark check and its actual couplings.

    Raises:
        InvalidParameter: ``lq`` is not a muoquark, or one of its non-zero couplings is not U(1)_X invariant.
    """
    where = charges.name or charges.label()
    res = muoquark(charges, lq.name)
    if not res.ok:
        why = res.reasons[0] if res.reasons else "no allowed muon coupling"
        msg = (f"{lq.name} is not a muoquark under U(1)_X {where} ({why}) — choose a U(1)_X under which "
               f"`recast atlas check` lists {lq.name} as a muoquark")
        raise InvalidParameter(msg)
    if lq.name == "Spm":  # S+: t_R L2 (eta_L), S-: q3 mu_R (eta_R): the atlas pair (X_S+, X_S-)
        xp, xm = res.charges[0]
        return f"X_S+ = {xp}, X_S- = {xm}, X_phi = {xp - xm}"
    need = {c.text: c.x for c in couplings(charges, lq.name)}
    used: dict[Fraction, list[str]] = {}
    for name, value in lq.params.items():
        op = _operator(lq.name, name) if value else None
        if op is None:
            continue
        if op[1] != 2:
            msg = (f"{lq.name} coupling {name} = {value:g} couples a lepton other than the muon, which a muoquark "
                   f"may not — set {name} = 0")
            raise InvalidParameter(msg)
        used.setdefault(need[op[0]], []).append(name)
    bad = [f"{', '.join(v)} need X = {x}" for x, v in used.items() if x not in res.charges]
    if bad or len(used) > 1:
        what = "; ".join(f"{', '.join(v)} need X = {x}" for x, v in used.items())
        msg = (f"{lq.name} couplings are not U(1)_X invariant under {where} ({what}; allowed X_{lq.name} = "
               f"{', '.join(str(x) for x in res.charges)}) — keep only couplings with one allowed charge")
        raise InvalidParameter(msg)
    return str(next(iter(used)) if used else res.charges[0])


def make_composite(
    name: str,
    *,
    leptoquarks: tuple[Leptoquark, ...] = (),
    charges: Charges | str | None = None,
    zprime: dict[str, float] | None = None,
    description: str = "",
    sources: tuple[str, ...] = (),
) -> CompositeModel:
    """A checked composite point: leptoquarks (recast models), an optional U(1)_X and its Z′.

    Args:
        charges: U(1)_X charges or a named U(1)_X (``"B-3Lmu"``); needed for a Z′.
        zprime: ``{"gX": …, "MZp": GeV, "g_bs": …}``.

    Raises:
        InvalidParameter: a leptoquark that is not a muoquark (or not gauge invariant), a Z′ without charges,
            no mediator, or out-of-range Z′ parameters.
    """
    if isinstance(charges, str):
        charges = named_charges(charges)
    if not leptoquarks and zprime is None:
        msg = f"composite model {name} has no mediator — give leptoquarks and/or a Z'"
        raise InvalidParameter(msg)
    part = None
    if zprime is not None:
        if charges is None:
            msg = f"the Z' of {name} needs U(1)_X charges — give charges or a named U(1)_X such as B-3Lmu"
            raise InvalidParameter(msg)
        part = ZPrimePart(charges, float(zprime["gX"]), float(zprime["MZp"]), float(zprime.get("g_bs", 0.0)))
    lq_x: dict[str, str] = {}
    scalars: tuple[str, ...] = ()
    if charges is not None:
        charges.require_anomaly_free()
        lq_x = {lq.name: lq_charge(charges, lq) for lq in leptoquarks}
        phi = breaking_scalar(charges)
        if phi:
            x_phi = next(iter(phi))
            scalars = (f"Phi (1,1,0) with X = {x_phi} breaks U(1)_X (Phi {phi[x_phi][0]} Majorana mass)",)
    return CompositeModel(name, description, tuple(leptoquarks), charges, part, lq_x, scalars, sources)


def texture_s3(mass: float, eta3: float) -> Leptoquark:
    """S3 with the texture η^{3L} = (V_td, V_ts, 1) η_3 of arXiv:2103.13991 in recast's sign convention,
    y_{dμ,sμ,bμ} = (−V_td, −V_ts, 1) η_3 (module docstring; real parts of the CKM entries)."""
    from ckmutil.ckm import ckm_tree

    from recast.constants import CKM_INPUTS

    v = ckm_tree(CKM_INPUTS["Vus"], CKM_INPUTS["Vub"], CKM_INPUTS["Vcb"], CKM_INPUTS["gamma"])
    v_td, v_ts = float(v[2, 0].real), float(v[2, 1].real)
    lq = get_model("S3", mass=mass, couplings={"y_dmu": -v_td * eta3, "y_smu": -v_ts * eta3, "y_bmu": eta3})
    if not isinstance(lq, Leptoquark):  # pragma: no cover - get_model("S3") is a leptoquark
        raise TypeError(lq)
    return lq
