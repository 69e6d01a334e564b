"""Which scalar leptoquarks can be *muoquarks* under a given U(1)_X.

A leptoquark is a muoquark (arXiv:2107.07518; shared/reference/physics.md §1) when some
value of its U(1)_X charge X_LQ allows a renormalisable coupling to a quark and the muon,
and at the same time forbids every coupling to the electron and the tau and every diquark
coupling (so the proton is stable and lepton flavour is conserved accidentally).

Charge conventions (X_LQ is fixed by requiring each operator to be U(1)_X neutral; the
Lorentz/SU(2) structures follow arXiv:1603.04993 and recast.models.leptoquark):

=====  ==============  ===========================================  ===========================
LQ     (SU3,SU2,Y)     lepton couplings -> X_LQ                      diquark couplings -> X_LQ
=====  ==============  ===========================================  ===========================
S3     (3̄,3,1/3)       Q̄ᶜ_i iσ₂σᵃ L_j S3ᵃ : -(X_Qi + X_Lj)           Q̄_i iσ₂σᵃ Qᶜ_j S3ᵃ† : X_Qi + X_Qj
S1     (3̄,1,1/3)       Q̄ᶜ_i iσ₂ L_j S1 : -(X_Qi + X_Lj)              Q̄_i iσ₂ Qᶜ_j S1† : X_Qi + X_Qj
                       ūᶜ_i e_j S1 : -(X_Ui + X_Ej)                  ū_i dᶜ_j S1† : X_Ui + X_Dj
R2     (3,2,7/6)       ū_i R2 iσ₂ L_j : X_Ui - X_Lj                  none (R2 conserves B)
                       ē_j R2† Q_i : X_Qi - X_Ej
S±     (3,2,7/6) ×2    S+: t̄_R L_μ S+ : X_U3 - X_Lμ                  none
                       S−: q̄_3 μ_R S− : X_Q3 - X_Eμ
=====  ==============  ===========================================  ===========================

(S1 also has d̄ᶜ_i N_j S1 couplings to right-handed neutrinos; they involve no charged
lepton and are not part of the muoquark requirement.)

Rule used here: the muon coupling is to the **third-family** quark (b μ for S3, b μ_L or
t μ_R for S1, t μ_L or b μ_R for R2; b→sμμ then follows by CKM mixing). In the
quark-universal class every family has the same charge, and the rule reduces to the one of
arXiv:2107.07518, e.g. for S3: X_S3 = -(X_q + X_L2) and X_L2 ∉ {X_L1, X_L3, -3X_q}. In the
2+1 class (X_q12 = 0) it reproduces X_L2 ∉ {X_L1, X_L3, X_L1 - X_q3, X_L3 - X_q3, -X_q3,
-2X_q3, -3X_q3}. Couplings to e and τ with *any* quark family are forbidden.

For S± both S+ (μ_L) and S− (μ_R) must be muoquarks; the U(1)_X-breaking scalar φ of the
trilinear −A φ S+† S− then carries X_φ = X_S+ - X_S−.

The muon is family 2 (L2, E2) unless a labelling ``mu=(a, b)`` (0-based L and E family)
is passed; atlas entries are classes under lepton-family relabelling, so for them the
question is whether *some* labelling works (:func:`muoquark_labellings`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fractions import Fraction
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from recast.exceptions import InvalidParameter, closest
from recast.models.charges import Charges
from recast.models.leptoquark import LEPTOQUARK_NAMES

if TYPE_CHECKING:
    from collections.abc import Iterable

    from recast.u1x.enumerate import Solution

__all__ = [
    "LEPTOQUARK_NAMES",
    "REPRESENTATIONS",
    "SELECTION_RULES",
    "Coupling",
    "MuoquarkResult",
    "breaking_scalar",
    "couplings",
    "is_muoquark",
    "muoquark",
    "muoquark_labellings",
    "solution_flags",
    "standard_labelling",
]

REPRESENTATIONS = {"S3": "(3b,3,1/3)", "S1": "(3b,1,1/3)", "R2": "(3,2,7/6)", "Spm": "2 x (3,2,7/6)"}
#: One-line selection rules (quark-universal class), shown by ``recast atlas --help``/docs.
SELECTION_RULES = {
    "S3": "X_S3 = -(X_q + X_Lmu); X_Lmu not in {X_Le, X_Ltau, -3X_q}",
    "S1": "X_S1 = -(X_q + X_Lmu) or -(X_q + X_Emu); X_S1 not in {-(X_q+X_Le,tau), -(X_q+X_Ee,tau), 2X_q}",
    "R2": "X_R2 = X_q - X_Lmu or X_q - X_Emu; X_R2 not in {X_q - X_Le,tau, X_q - X_Ee,tau}",
    "Spm": "X_S+ = X_q - X_Lmu, X_S- = X_q - X_Emu, each not in {X_q - X_Le,tau, X_q - X_Ee,tau}; X_phi = X_S+ - X_S-",
}


def __dir__() -> list[str]:
    return __all__


@dataclass(frozen=True)
class Coupling:
    """One renormalisable LQ operator and the LQ charge that makes it U(1)_X neutral.

    Attributes:
        x: required X_LQ.
        text: operator, e.g. ``"Q3 L2"``.
        lepton: ``("L", j)`` / ``("E", j)`` (0-based family) or None for a diquark.
        quark_family: 0-based family of the (first) quark.
        role: ``"S3"``, ``"S1"``, ``"R2"``; for the R2-like S± pair ``"UL"`` or ``"QE"``.
    """

    x: Fraction
    text: str
    lepton: tuple[str, int] | None
    quark_family: int
    role: str


#: The renormalisable operators of each LQ (the table above): (field A, field B, s_A, s_B, role) with
#: X_LQ = s_A X_A,i + s_B X_B,j; role None marks a diquark (both fields quarks, i <= j when A = B).
_TERMS: dict[str, tuple[tuple[str, str, int, int, str | None], ...]] = {
    "S3": (("Q", "L", -1, -1, "S3"), ("Q", "Q", 1, 1, None)),
    "S1": (("Q", "L", -1, -1, "S1"), ("Q", "Q", 1, 1, None), ("U", "E", -1, -1, "S1"), ("U", "D", 1, 1, None)),
    "R2": (("U", "L", 1, -1, "UL"), ("Q", "E", 1, -1, "QE")),
    "Spm": (("U", "L", 1, -1, "UL"), ("Q", "E", 1, -1, "QE")),
}


def _terms(charges: Any, lq: str) -> Iterable[tuple[Any, str, str, int, int, str | None]]:
    """(X_LQ, field A, field B, i, j, role) of every operator of *lq* (0-based families)."""
    for fa, fb, sa, sb, role in _TERMS[lq]:
        xa, xb = getattr(charges, fa), getattr(charges, fb)
        for i in range(3):
            for j in range(i if role is None and fa == fb else 0, 3):
                yield sa * xa[i] + sb * xb[j], fa, fb, i, j, role


def couplings(charges: Charges, lq: str) -> list[Coupling]:
    """Every renormalisable coupling of ``lq`` to SM fermions with the X_LQ it needs."""
    lq = _check_lq(lq)
    return [Coupling(x, f"{fa}{i + 1} {fb}{j + 1}", None if role is None else (fb, j), i, role or lq)
            for x, fa, fb, i, j, role in _terms(charges, lq)]


class _Allowed:
    """The muoquark question for one LQ and one charge assignment, for every muon labelling at once
    (the same rules as :func:`muoquark`, on sets: what the atlas flags and labelling ask 15 000 times)."""

    __slots__ = ("candidates", "diquarks", "lq", "slots")

    def __init__(self, charges: Any, lq: str) -> None:
        self.lq = lq
        self.slots: dict[Any, set[tuple[str, int]]] = {}  # X_LQ -> lepton slots it couples
        self.diquarks: set[Any] = set()
        self.candidates: dict[tuple[str, int, str], list[Any]] = {}  # (field, family, role) -> X, 3rd-family quark
        for x, _fa, fb, i, j, role in _terms(charges, lq):
            if role is None:
                self.diquarks.add(x)
                continue
            self.slots.setdefault(x, set()).add((fb, j))
            if i == 2:
                self.candidates.setdefault((fb, j, role), []).append(x)

    def _some(self, muon: set[tuple[str, int]], roles: tuple[str, ...]) -> bool:
        return any(x not in self.diquarks and self.slots[x] <= muon
                   for slot in muon for role in roles for x in self.candidates.get((*slot, role), ()))

    def ok(self, mu: tuple[int, int]) -> bool:
        muon = {("L", mu[0]), ("E", mu[1])}
        if self.lq == "Spm":
            return self._some(muon, ("UL",)) and self._some(muon, ("QE",))
        return self._some(muon, ("UL", "QE") if self.lq == "R2" else (self.lq,))


@dataclass(frozen=True)
class MuoquarkResult:
    """Verdict for one LQ and one muon labelling.

    Attributes:
        lq: ``S3``, ``S1``, ``R2`` or ``Spm``.
        mu: (L family, E family) of the muon, 0-based.
        charges: the X_LQ values that make it a muoquark (for Spm: pairs (X_S+, X_S-)).
        muon_couplings: for each allowed charge, the muon operators it allows.
        reasons: why each candidate charge fails (empty when ``ok``).
    """

    lq: str
    mu: tuple[int, int]
    charges: tuple[Any, ...] = ()  # Fraction values, or (X_S+, X_S-) pairs for Spm
    muon_couplings: dict[Any, Any] = field(default_factory=dict)  # keyed by charge, or by S+/S- for Spm
    reasons: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        """True if the LQ is a muoquark for this labelling."""
        return bool(self.charges)


def _check_lq(lq: str) -> str:
    for name in LEPTOQUARK_NAMES:
        if name.lower() == lq.lower() or (name == "Spm" and lq in ("S+-", "S±")):
            return name
    msg = f"unknown leptoquark {lq!r}; {closest(lq, LEPTOQUARK_NAMES)}"
    raise InvalidParameter(msg)


def _fmt(x: Fraction) -> str:
    return str(x)


def _short(items: list[str], n: int = 3) -> str:
    more = f" (+{len(items) - n} more)" if len(items) > n else ""
    return ", ".join(items[:n]) + more


def _single(
    cs: list[Coupling], mu: tuple[int, int], roles: set[str]
) -> tuple[list[Fraction], dict[Fraction, list[str]], list[str]]:
    """Allowed charges of one LQ field whose muon coupling has a role in ``roles``."""
    a, b = mu
    muon = {("L", a), ("E", b)}
    cands: dict[Fraction, list[str]] = {}
    for c in cs:
        if c.lepton in muon and c.quark_family == 2 and c.role in roles:
            cands.setdefault(c.x, []).append(c.text)
    bad: dict[Fraction, list[str]] = {}
    diquarks: dict[Fraction, list[str]] = {}
    for c in cs:
        if c.lepton is None:
            diquarks.setdefault(c.x, []).append(c.text)
        elif c.lepton not in muon:
            bad.setdefault(c.x, []).append(c.text)
    good = [x for x in cands if x not in bad and x not in diquarks]
    reasons = []
    for x in cands:
        what = []
        if x in bad:
            what.append(f"e/tau couplings {_short(bad[x])}")
        if x in diquarks:
            what.append(f"diquarks {_short(diquarks[x])}")
        if what:
            reasons.append(f"X = {_fmt(x)} (for {', '.join(cands[x])}) also allows {' and '.join(what)}")
    return good, {x: cands[x] for x in good}, reasons


def muoquark(charges: Charges, lq: str, *, mu: tuple[int, int] = (1, 1)) -> MuoquarkResult:
    """Is ``lq`` a muoquark with the muon in L family ``mu[0]`` and E family ``mu[1]``?

    Example:
        >>> from recast.models.charges import named_charges
        >>> r = muoquark(named_charges("B-3Lmu"), "S3")
        >>> r.ok, [str(x) for x in r.charges]
        (True, ['8/3'])
    """
    lq = _check_lq(lq)
    cs = couplings(charges, lq)
    if lq == "Spm":
        plus, mplus, rplus = _single(cs, mu, {"UL"})
        minus, mminus, rminus = _single(cs, mu, {"QE"})
        pairs = tuple((xp, xm) for xp in plus for xm in minus)
        reasons = tuple([f"S+: {r}" for r in rplus] + [f"S-: {r}" for r in rminus])
        if not plus:
            reasons += ("S+: no allowed t_R mu_L coupling",) if not rplus else ()
        if not minus:
            reasons += ("S-: no allowed q_3 mu_R coupling",) if not rminus else ()
        return MuoquarkResult(lq, mu, pairs, {"S+": mplus, "S-": mminus}, () if pairs else reasons)
    good, mcoup, why = _single(cs, mu, {"UL", "QE"} if lq == "R2" else {lq})
    return MuoquarkResult(lq, mu, tuple(good), mcoup, () if good else tuple(why))


def muoquark_labellings(charges: Charges, lq: str) -> list[tuple[int, int]]:
    """Every muon labelling (L family, E family), 0-based, under which ``lq`` is a muoquark."""
    return _labellings(_Allowed(charges, _check_lq(lq)))


def _labellings(allowed: _Allowed) -> list[tuple[int, int]]:
    e_range = (1,) if allowed.lq == "S3" else range(3)  # S3 couples to doublets only
    return [(a, b) for a in range(3) for b in e_range if allowed.ok((a, b))]


def is_muoquark(charges: Charges, lq: str, *, relabel: bool = True) -> bool:
    """True if ``lq`` is a muoquark (for some lepton labelling when ``relabel``).

    Example:
        >>> from recast.models.charges import named_charges
        >>> is_muoquark(named_charges("Lmu-Ltau"), "S3")
        True
    """
    if relabel:
        return bool(muoquark_labellings(charges, lq))
    return muoquark(charges, lq).ok


def breaking_scalar(charges: Charges) -> dict[Fraction, list[str]]:
    """Charges |X_Φ| of a scalar Φ that gives Majorana masses Φ N_i N_j (X_Φ = -(X_Ni + X_Nj)).

    Returns ``{|X_Φ|: ["N1 N2", ...]}`` for every non-zero value, smallest first; the
    smallest is the minimal U(1)_X-breaking scalar that fills the neutrino mass matrix
    beyond the U(1)_X-neutral entries. B - 3L_μ gives {3: [N1 N2, N2 N3], 6: [N2 N2]},
    i.e. the X = 3 scalar of arXiv:2103.13991.

    Example:
        >>> from recast.models.charges import named_charges
        >>> {str(k): v for k, v in breaking_scalar(named_charges("B-3Lmu")).items()}
        {'3': ['N1 N2', 'N2 N3'], '6': ['N2 N2']}
    """
    n = charges.N
    out: dict[Fraction, list[str]] = {}
    for i in range(3):
        for j in range(i, 3):
            x = abs(n[i] + n[j])
            if x:
                out.setdefault(Fraction(x), []).append(f"N{i + 1} N{j + 1}")
    return dict(sorted(out.items()))


class _IntCharges:
    """Plain-int stand-in for :class:`Charges` (fast path for the atlas flags)."""

    __slots__ = ("D", "E", "L", "N", "Q", "U")

    def __init__(self, quarks: Iterable[int], lep: Iterable[int], e: Iterable[int], n: Iterable[int]) -> None:
        self.Q = self.U = self.D = tuple(quarks)
        self.L, self.E, self.N = tuple(lep), tuple(e), tuple(n)


@lru_cache(maxsize=65536)
def solution_flags(solution: Solution) -> dict[str, bool]:
    """Muoquark flags of an atlas :class:`~recast.u1x.enumerate.Solution` (some labelling).

    Integer arithmetic, same rules as :func:`muoquark`.
    """
    quarks = (solution.q,) * 3 if solution.quark_class == "universal" else (0, 0, solution.q)
    return {lq: bool(_labellings(_allowed_int(quarks, solution.L, solution.E, lq))) for lq in LEPTOQUARK_NAMES}


@lru_cache(maxsize=65536)
def _allowed_int(quarks: tuple[int, ...], lep: tuple[int, ...], e: tuple[int, ...], lq: str) -> _Allowed:
    """:class:`_Allowed` of an integer assignment (the atlas' flags and labelling share it)."""
    return _Allowed(_IntCharges(quarks, lep, e, ()), lq)


def _order_rest(values: tuple[int, ...], skip: int, partner: tuple[int, ...] | None) -> list[int]:
    """The two values other than ``values[skip]``, ordered to match ``partner`` slots 0, 2."""
    rest = sorted(v for k, v in enumerate(values) if k != skip)
    if partner is not None:
        swapped = [rest[1], rest[0]]
        if (swapped[0] == partner[0]) + (swapped[1] == partner[2]) > (rest[0] == partner[0]) + (rest[1] == partner[2]):
            rest = swapped
    return rest


def standard_labelling(
    quarks: Iterable[int], lep: Iterable[int], e: Iterable[int], n: Iterable[int]
) -> tuple[tuple[int, int, int], tuple[int, int, int], tuple[int, int, int]]:
    """Assign e, μ, τ to the (unordered) lepton charges of an atlas class.

    Rules (deterministic): the muon doublet L2 is the charge that makes S3 a muoquark
    with the largest |X| (ties: the positive one); if none works, the L charge with the
    largest |X|. The muon singlet E2 is the one that makes the most of S1, R2, S± muoquarks,
    then the one closest to X_L2 (equal for vector classes), then largest |X| (ties:
    positive); N2 is the N charge closest to X_L2. e and τ take the remaining charges in
    ascending order of L, with E and N placed to match X_Li = X_Ei (X_Ni) where possible.

    Returns:
        (L, E, N) as tuples ordered (family 1, 2, 3).
    """
    quarks = tuple(quarks)
    lep, e, n = tuple(lep), tuple(e), tuple(n)

    def pref(v: int) -> tuple[int, int]:
        return (abs(v), v)

    s3 = _allowed_int(quarks, lep, e, "S3")
    cands = [a for a in range(3) if s3.ok((a, 1))] or list(range(3))
    a = max(cands, key=lambda k: (pref(lep[k]), -k))
    others = [_allowed_int(quarks, lep, e, lq) for lq in ("S1", "R2", "Spm")]

    def score_b(b: int) -> tuple[int, int, tuple[int, int], int]:
        good = sum(allowed.ok((a, b)) for allowed in others)
        return (good, -abs(e[b] - lep[a]), pref(e[b]), -b)

    b = max(range(3), key=score_b)
    l_rest = sorted(v for k, v in enumerate(lep) if k != a)
    new_l = (l_rest[0], lep[a], l_rest[1])
    e_rest = _order_rest(e, b, new_l)
    new_e = (e_rest[0], e[b], e_rest[1])
    c = max(range(3), key=lambda k: (-abs(n[k] - lep[a]), pref(n[k]), -k))
    n_rest = _order_rest(n, c, new_l)
    new_n = (n_rest[0], n[c], n_rest[1])
    return new_l, new_e, new_n
