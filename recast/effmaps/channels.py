"""Decay-channel classes of leptoquark pairs: what an efficiency map is indexed by.

Scalar leptoquark pair production is pure QCD at LO (``gg, qq̄ → X X̄``; the Yukawa-driven
t-channel is off in recast's generation), so the kinematics of an event depend only on the
mass, the width and the decay channel of each leg, never on the couplings, which set the
branching ratios. A map entry is therefore one *pair* of leg classes:

* quark class: ``l`` (u, d, s), ``c``, ``b``, ``t``;
* lepton class: ``mu``, ``nu`` (any neutrino flavour: invisible alike), ``e``, ``tau``.

Exact equivalences used (no approximation):

* leg order: X → i, X̄ → j̄ and X → j, X̄ → ī are charge conjugates; the production is
  C-symmetric (QCD, symmetric pp beams) and the detector and selections are charge-blind
  except through the opposite-sign muon requirement, which is C-invariant. So ε_ij = ε_ji.
* neutrino flavour and the sign of the charged lepton for non-top pairs: a scalar decays
  isotropically; with one muon per leg the two muons of X X̄ always have opposite charges
  (charge conservation: two channels of one state with a charged lepton each carry the same
  lepton charge), so the charge pattern cannot change the selection.

Pairs with a top quark keep the state's *fermion-number* pattern (``F2``: quark + lepton,
S3/S1; ``F0``: quark + antilepton, R2): it fixes the charge of the muon from t → bW → bμν
relative to the prompt muon, which the opposite-sign requirement sees.

Approximation (checked by tests/test_effmaps.py at one mass within MC uncertainty): u, d and
s legs (``l``) share one map; in the fast generation (no hadronisation) they differ only in
their PDFs, which do not enter the decay, and in Pythia's quark masses in the shower.

Pairs that cannot give two muons have ε = 0 exactly in recast's fast generation (no
hadronisation: no τ or hadron decays, no fake muons in :mod:`recast.detector`): a leg gives
one muon if its lepton is a muon, one more if its quark is a top (W → μν).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

__all__ = [
    "LEPTON_CLASS",
    "QUARK_CLASS",
    "PairSpec",
    "leg_class",
    "muon_sources",
    "pair_coefficients",
    "pair_key",
    "possible_pairs",
]


def __dir__() -> list[str]:
    return __all__


#: Quark PDG id (absolute) → map class.
QUARK_CLASS: dict[int, str] = {1: "l", 2: "l", 3: "l", 4: "c", 5: "b", 6: "t"}
#: Lepton PDG id (absolute) → map class.
LEPTON_CLASS: dict[int, str] = {11: "e", 12: "nu", 13: "mu", 14: "nu", 15: "tau", 16: "nu"}


def _normalise(daughters: tuple[int, ...]) -> tuple[int, int]:
    """(quark, lepton) with a positive quark id (the charge conjugate if the state decays to an antiquark)."""
    q, lep = (daughters[0], daughters[1]) if abs(daughters[0]) <= 6 else (daughters[1], daughters[0])
    return (q, lep) if q > 0 else (-q, -lep)


def leg_class(daughters: tuple[int, ...]) -> str:
    """Map class of one decay channel, e.g. ``(5, 13)`` → ``"bmu"``, ``(2, -14)`` → ``"lnu"``.

    Example:
        >>> leg_class((5, 13)), leg_class((2, -14)), leg_class((6, -13))
        ('bmu', 'lnu', 'tmu')
    """
    q, lep = _normalise(daughters)
    return QUARK_CLASS[abs(q)] + LEPTON_CLASS[abs(lep)]


def muon_sources(leg: str) -> int:
    """Muons a leg can give in the fast generation: a prompt muon, and a top's W → μν.

    Example:
        >>> muon_sources("bmu"), muon_sources("tmu"), muon_sources("tnu"), muon_sources("btau")
        (1, 2, 1, 0)
    """
    return int(leg.endswith("mu")) + int(leg.startswith("t"))


def _fermion_pattern(daughters: tuple[int, ...]) -> str:
    return "F2" if _normalise(daughters)[1] > 0 else "F0"


def pair_key(a: tuple[int, ...], b: tuple[int, ...]) -> str:
    """Map key of the pair X → *a*, X̄ → conj(*b*) (channels of one state, particle daughters).

    Example:
        >>> pair_key((5, 13), (5, 13)), pair_key((6, 13), (5, 14)), pair_key((5, 14), (6, 13))
        ('bmu-bmu', 'bnu-tmu:F2', 'bnu-tmu:F2')
    """
    la, lb = sorted((leg_class(a), leg_class(b)))
    key = f"{la}-{lb}"
    if la.startswith("t") or lb.startswith("t"):
        key += ":" + _fermion_pattern(a)
    return key


@dataclass(frozen=True)
class PairSpec:
    """One map entry and a literal realisation of it for the generator.

    Attributes:
        key: :func:`pair_key`.
        charge: electric charge of the leptoquark X (units of e) whose channels realise it.
        leg_a: daughters of X (quark, lepton), PDG ids.
        leg_b: daughters of X whose conjugate X̄ decays to.
        model, state: a recast model and charge state with both channels (every coupling on).
    """

    key: str
    charge: Fraction
    leg_a: tuple[int, int]
    leg_b: tuple[int, int]
    model: str = ""
    state: str = ""

    @property
    def muon_sources(self) -> int:
        """Muons the pair can give (:func:`muon_sources` of both legs)."""
        return sum(muon_sources(leg_class(x)) for x in (self.leg_a, self.leg_b))


def possible_pairs(leptons: Iterable[str] = ("mu", "nu", "e", "tau")) -> dict[str, PairSpec]:
    """Every pair key recast's leptoquarks can produce with ≥ 2 muon sources, legs restricted to *leptons*.

    Enumerated from the states of S3, S1 and R2 with every coupling on (Spm's states are R2's);
    the representative channels are the first ones met, in the model's channel order.
    """
    from recast.models.leptoquark import LEPTOQUARKS

    keep = set(leptons)
    out: dict[str, PairSpec] = {}
    for name in ("S3", "S1", "R2"):
        cls = LEPTOQUARKS[name]
        model = cls(**{p.name: 1.0 for p in cls.PARAMETERS if p.unit == ""})
        for st in model.states():
            if not any(abs(c.daughters[1]) == 13 for c in st.channels):
                continue  # no charged-muon channel: never generated (recast.events.generate)
            chans = [_normalise(c.daughters) for c in st.channels if LEPTON_CLASS[abs(c.daughters[1])] in keep]
            for a, b in itertools.combinations_with_replacement(chans, 2):
                spec = PairSpec(pair_key(a, b), st.charge if a[0] > 0 else -st.charge, a, b, name, st.name)
                if spec.muon_sources >= 2 and spec.key not in out:
                    out[spec.key] = spec
    return dict(sorted(out.items()))


def pair_coefficients(model: Any, *, states: Iterable[str] | None = None, min_muon_br: float = 1e-3,
                      ) -> tuple[dict[str, float], dict[str, float], dict[str, float]]:
    """Σ_states σ_s Σ_ij B_i B_j per pair key, the weight of pairs that give no two muons, and σ per state.

    States follow :func:`recast.events.generate`: those with a charged-muon branching ratio above
    *min_muon_br* (and in *states* if given). Cross-sections are the NNLO+NNLL pair table
    (:func:`recast.xsec.lq_pair_xsec`, pb).

    Returns:
        ``(coefficients [pb], zero [pb], sigma [pb] per included state)``: coefficients multiply
        the map ε of each key; ``zero`` is the σ·B·B of pairs with ε = 0 exactly.
    """
    from recast.xsec import lq_pair_xsec

    only = set(states) if states else None
    coef: dict[str, float] = {}
    zero = 0.0
    sigmas: dict[str, float] = {}
    for st in model.states():
        brs = st.branching_ratios()
        if only is not None and st.name not in only:
            continue
        if sum(b for d, b in brs.items() if 13 in map(abs, d)) <= min_muon_br:
            continue
        sigma = lq_pair_xsec(st.mass)[0]
        sigmas[st.name] = sigma
        for (da, ba), (db, bb) in itertools.product(brs.items(), repeat=2):
            a, b = _normalise(da), _normalise(db)
            w = sigma * ba * bb
            if sum(muon_sources(leg_class(x)) for x in (a, b)) < 2:
                zero += w
                continue
            key = pair_key(a, b)
            coef[key] = coef.get(key, 0.0) + w
    return coef, {"no_dimuon": zero}, sigmas
