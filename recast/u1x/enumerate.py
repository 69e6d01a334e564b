"""Enumerate anomaly-free U(1)_X charge assignments with small integer charges.

Two quark classes (shared/reference/physics.md §1, arXiv:2107.07518), X_H = 0, three
right-handed neutrinos, every charge an integer in ``[-max_charge, max_charge]``:

* ``universal``: X_Qi = X_Ui = X_Di = X_q for every family.
* ``2+1``: X_Q,U,D = 0 for families 1, 2 and X_q3 ≠ 0 for family 3. Two constructions:

  - ``"paper"`` (default; shared/reference/physics.md §1, arXiv:2107.07518): each
    quark-universal solution with X_q ≠ 0 is extended to X_q12 = 0, X_q3 = 3 X_q (the
    anomaly sums only see 2 X_q12 + X_q3 = 3 X_q, so the leptons are unchanged). At
    ``max_charge = 10`` this gives 185 classes, one per universal class with X_q ≠ 0.
  - ``"free"``: a direct scan over every integer X_q3 ≠ 0 in the range (565 classes at
    ``max_charge = 10``). It also admits X_q3 not divisible by 3 (X_q = X_q3/3 fractional)
    whose lepton charges, scaled to make X_q an integer, exceed the range: these 380 classes
    extend no universal solution of the range.

In every case the six anomaly conditions reduce to (k = 9 X_q, resp. k = 3 X_q3)::

    ΣL = ΣE = ΣN = -k,   ΣL² = ΣE²,   2ΣL³ - ΣE³ - ΣN³ = 0

so for each quark charge the linear sums fix the third charge of each species, lepton
triples are grouped by their sum of squares, and the N triple is found by a hash lookup
on its sum of cubes. No loop over the 21^10 charge space is needed.

**Equivalence** (the convention that reproduces the published counting up to the trivial
solution, see :func:`count_solutions`): two assignments are the same when they differ by

1. a relabelling of the families of L, of E and of N, *each independently* (with X_H = 0
   the labels "e, μ, τ" are assigned afterwards, so only the multisets {X_Li}, {X_Ei},
   {X_Ni} matter),
2. an overall sign, and
3. a normalisation: only primitive vectors (gcd of all charges = 1) are kept;

and the trivial assignment (all charges 0) is excluded. At ``max_charge = 10`` this gives
275 classes in the universal class; arXiv:2107.07518 quotes 276 = 275 + 1, which is what
one gets if the trivial solution is counted as well (see ``docs/readme/atlas.md``).

Each class is stored by its canonical representative (L, E, N each sorted ascending, the
sign chosen so that the tuple (q, L, E, N) is lexicographically largest, hence X_q ≥ 0).
Classes are ordered by their largest |charge| and then by the canonical tuple, so the ids
``A0001, A0002, ...`` (universal) and ``T0001, ...`` (2+1) do not depend on ``max_charge``:
the atlas at a larger range extends the smaller one.
"""

from __future__ import annotations

import itertools
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from functools import lru_cache

from recast.exceptions import InvalidParameter, UnknownModel
from recast.models.charges import Charges

__all__ = [
    "CLASSES",
    "CONSTRUCTIONS",
    "DEFAULT_CONSTRUCTION",
    "DEFAULT_MAX_CHARGE",
    "EQUIVALENCE",
    "PAPER_COUNT",
    "Solution",
    "atlas_id_of",
    "brute_force_atlas",
    "canonical_form",
    "count_solutions",
    "enumerate_atlas",
    "extend_to_two_plus_one",
    "lookup_atlas_id",
    "solve_sorted",
]

DEFAULT_MAX_CHARGE = 10
#: Number of inequivalent quark-universal solutions at |X| <= 10 quoted by arXiv:2107.07518
#: (we find 275 + the trivial solution = 276, see :func:`count_solutions`).
PAPER_COUNT = 276
#: One-line statement of the equivalence relation used for the atlas.
EQUIVALENCE = (
    "L, E, N families relabelled independently; X ~ -X; primitive (gcd = 1) only; trivial solution excluded"
)
#: Largest --max-charge accepted (the enumeration grows ~ N^4.5; N = 60 takes seconds).
MAX_RANGE = 60
#: Largest range searched when resolving an atlas id beyond the default range.
MAX_LOOKUP_CHARGE = 20
#: quark class -> (id prefix, k in ΣL = -k·x, quark-charge field name)
CLASSES = {"universal": ("A", 9, "q"), "2+1": ("T", 3, "q3")}
#: How the 2+1 class is built: "paper" (extend each quark-universal solution with X_q != 0
#: by X_q12 = 0, X_q3 = 3 X_q; physics.md §1, arXiv:2107.07518) or "free" (scan X_q3).
CONSTRUCTIONS = {
    "paper": "each quark-universal solution with X_q != 0 extended by X_q12 = 0, X_q3 = 3 X_q (arXiv:2107.07518)",
    "free": "direct scan over every integer X_q3 != 0 in the range (X_q = X_q3/3 may be fractional)",
}
DEFAULT_CONSTRUCTION = "paper"

Triple = tuple[int, int, int]
Rep = tuple[int, Triple, Triple, Triple]  # (q, L, E, N) with sorted triples


def __dir__() -> list[str]:
    return __all__


@dataclass(frozen=True, order=True)
class Solution:
    """One class of anomaly-free charges (canonical representative).

    Attributes:
        id: stable atlas id, ``A0001``... (universal) or ``T0001``... (2+1). A 2+1 id is
            the same in both constructions (ids are numbered over the free scan, of which
            the paper construction is a subset).
        quark_class: ``"universal"`` or ``"2+1"``.
        q: X_q (universal) or X_q3 (2+1; then X_q12 = 0).
        L, E, N: lepton charges, each sorted ascending (families relabelled).
        extends: 2+1 only: id of the quark-universal solution (same range) that this
            class extends by X_q12 = 0, X_q3 = 3 X_q, or None if it extends none. Not part
            of equality, hashing or ordering.
    """

    id: str
    quark_class: str
    q: int
    L: Triple
    E: Triple
    N: Triple
    extends: str | None = field(default=None, compare=False)

    @property
    def max_abs(self) -> int:
        """Largest |charge| of the assignment."""
        return max(abs(x) for x in (self.q, *self.L, *self.E, *self.N))

    @property
    def values(self) -> tuple[int, ...]:
        """(q, L1, L2, L3, E1, E2, E3, N1, N2, N3)."""
        return (self.q, *self.L, *self.E, *self.N)

    @property
    def vector(self) -> bool:
        """Vector category: {X_Li} = {X_Ei}, i.e. X_Li = X_Ei after relabelling."""
        return self.L == self.E

    def charges(self, *, labelled: bool = True) -> Charges:
        """The full :class:`Charges` of the class.

        Args:
            labelled: assign e, μ, τ by
                :func:`recast.u1x.muoquark.standard_labelling` (muon = family 2 chosen so
                that S3 is a muoquark where possible); ``False`` gives the sorted representative.
        """
        quarks = (self.q,) * 3 if self.quark_class == "universal" else (0, 0, self.q)
        lep, e, n = self.L, self.E, self.N
        if labelled:
            from recast.u1x.muoquark import standard_labelling

            lep, e, n = standard_labelling(quarks, lep, e, n)
        return Charges.make(Q=quarks, L=lep, E=e, N=n, name=self.id)


def _check_range(max_charge: int) -> None:
    if not isinstance(max_charge, int) or isinstance(max_charge, bool) or not 1 <= max_charge <= MAX_RANGE:
        msg = f"max_charge must be an integer in 1..{MAX_RANGE}, got {max_charge!r}"
        raise InvalidParameter(msg)


def _check_class(quark_class: str) -> tuple[str, int, str]:
    if quark_class not in CLASSES:
        msg = f"unknown quark class {quark_class!r}; valid: {', '.join(CLASSES)}"
        raise InvalidParameter(msg)
    return CLASSES[quark_class]


def _check_construction(construction: str) -> str:
    if construction not in CONSTRUCTIONS:
        msg = f"unknown 2+1 construction {construction!r}; valid: {', '.join(CONSTRUCTIONS)}"
        raise InvalidParameter(msg)
    return construction


def _sorted_triples(total: int, n: int) -> list[Triple]:
    """All a <= b <= c in [-n, n] with a + b + c = total."""
    out = []
    for a in range(-n, n + 1):
        if 3 * a > total:
            break
        for b in range(a, n + 1):
            c = total - a - b
            if c < b:
                break
            if c <= n:
                out.append((a, b, c))
    return out


def solve_sorted(max_charge: int, k: int) -> Iterator[tuple[int, Triple, Triple, Triple]]:
    """Every solution with L, E, N sorted (no sign/gcd identification), trivial included.

    Args:
        max_charge: integer range [-max_charge, max_charge] for every charge.
        k: 9 for the universal class, 3 for the 2+1 class (ΣL = ΣE = ΣN = -k·q).

    Yields:
        ``(q, L, E, N)`` in increasing q, deterministic order.
    """
    qmax = min(max_charge, (3 * max_charge) // k)
    for q in range(-qmax, qmax + 1):
        triples = _sorted_triples(-k * q, max_charge)
        by_square: dict[int, list[Triple]] = defaultdict(list)
        by_cube: dict[int, list[Triple]] = defaultdict(list)
        for t in triples:
            by_square[t[0] ** 2 + t[1] ** 2 + t[2] ** 2].append(t)
            by_cube[t[0] ** 3 + t[1] ** 3 + t[2] ** 3].append(t)
        for t_l in triples:
            cube_l = 2 * (t_l[0] ** 3 + t_l[1] ** 3 + t_l[2] ** 3)
            for t_e in by_square[t_l[0] ** 2 + t_l[1] ** 2 + t_l[2] ** 2]:
                need = cube_l - (t_e[0] ** 3 + t_e[1] ** 3 + t_e[2] ** 3)
                for t_n in by_cube.get(need, ()):
                    yield q, t_l, t_e, t_n


def _negate(q: int, lep: Triple, e: Triple, n: Triple) -> tuple[int, Triple, Triple, Triple]:
    def neg(t: Triple) -> Triple:
        return (-t[2], -t[1], -t[0])

    return -q, neg(lep), neg(e), neg(n)


def _gcd(values: Iterable[int]) -> int:
    g = 0
    for v in values:
        g = math.gcd(g, int(v))
    return g


def canonical_form(
    q: Fraction | int, L: Iterable[Fraction | int], E: Iterable[Fraction | int], N: Iterable[Fraction | int]
) -> Rep:
    """Canonical representative of the class of ``(q, L, E, N)``.

    Rational charges are scaled to the primitive integer vector, L, E and N are sorted,
    and the sign is chosen so that ``(q, L, E, N)`` is lexicographically largest.

    Example:
        >>> canonical_form(Fraction(-1, 3), (0, 3, 0), (3, 0, 0), (0, 0, 3))
        (1, (-9, 0, 0), (-9, 0, 0), (-9, 0, 0))
    """
    vals = [Fraction(x) for x in (q, *L, *E, *N)]
    if not any(vals):
        msg = "the trivial assignment (all charges 0) is not an atlas entry"
        raise InvalidParameter(msg)
    den = 1
    for v in vals:
        den = den * v.denominator // math.gcd(den, v.denominator)
    ints = [int(v * den) for v in vals]
    g = _gcd(ints)
    ints = [x // g for x in ints]
    rep = (ints[0], _sorted3(ints[1:4]), _sorted3(ints[4:7]), _sorted3(ints[7:10]))
    return max(rep, _negate(*rep))


def _sorted3(values: Iterable[int]) -> Triple:
    a, b, c = sorted(values)
    return (a, b, c)


def _order_key(rep: Rep) -> tuple[int, Rep]:
    q, lep, e, n = rep
    return (max(abs(x) for x in (q, *lep, *e, *n)), rep)


def extend_to_two_plus_one(solution: Solution) -> tuple[int, Triple, Triple, Triple]:
    """Canonical 2+1 representative of a quark-universal solution (X_q12 = 0, X_q3 = 3 X_q).

    The anomaly sums depend on the quark charges only through 2 X_q12 + X_q3 = 3 X_q
    (physics.md §1), so the lepton charges carry over unchanged. The result is scaled to a
    primitive vector (when 3 divides every lepton charge, X_q3 = X_q after dividing by 3).

    Raises:
        InvalidParameter: ``solution`` is not a quark-universal class with X_q ≠ 0.

    Example:
        >>> extend_to_two_plus_one(Solution("A0214", "universal", 1, (-9, 0, 0), (-9, 0, 0), (-9, 0, 0)))
        (1, (-3, 0, 0), (-3, 0, 0), (-3, 0, 0))
    """
    if solution.quark_class != "universal" or solution.q == 0:
        msg = f"only quark-universal solutions with X_q != 0 extend to the 2+1 class, not {solution.id}"
        raise InvalidParameter(msg)
    return canonical_form(3 * solution.q, solution.L, solution.E, solution.N)


def _free_scan(max_charge: int, quark_class: str) -> list[tuple[int, Triple, Triple, Triple]]:
    """Canonical representatives of every class of the direct scan, in atlas-id order."""
    _, k, _ = _check_class(quark_class)
    reps = set()
    for q, t_l, t_e, t_n in solve_sorted(max_charge, k):
        if quark_class == "2+1" and q == 0:
            continue
        flat = (q, *t_l, *t_e, *t_n)
        if _gcd(flat) != 1:  # excludes the trivial solution (gcd 0) and non-primitive ones
            continue
        rep = (q, t_l, t_e, t_n)
        reps.add(max(rep, _negate(*rep)))
    return sorted(reps, key=_order_key)


@lru_cache(maxsize=32)
def enumerate_atlas(
    *,
    max_charge: int = DEFAULT_MAX_CHARGE,
    quark_class: str = "universal",
    construction: str = DEFAULT_CONSTRUCTION,
) -> tuple[Solution, ...]:
    """All inequivalent anomaly-free assignments with integer |X| <= ``max_charge``.

    Args:
        max_charge: every charge (quarks, L, E, N) is an integer in [-max_charge, max_charge].
        quark_class: ``"universal"`` (X_Q = X_U = X_D = X_q) or ``"2+1"`` (X_q12 = 0, X_q3 ≠ 0).
        construction: 2+1 class only (ignored for ``universal``): ``"paper"`` extends each
            quark-universal solution with X_q ≠ 0 by X_q12 = 0, X_q3 = 3 X_q (arXiv:2107.07518,
            physics.md §1); ``"free"`` scans X_q3 directly. Ids are the same in both.

    Returns:
        The classes in atlas-id order (cached in memory).

    Raises:
        InvalidParameter: bad range, class or construction.

    Example:
        >>> len(enumerate_atlas(max_charge=10))
        275
        >>> enumerate_atlas(max_charge=10)[0].values
        (0, -1, 0, 1, -1, 0, 1, -1, 0, 1)
        >>> len(enumerate_atlas(quark_class="2+1")), len(enumerate_atlas(quark_class="2+1", construction="free"))
        (185, 565)
    """
    _check_range(max_charge)
    prefix, _, _ = _check_class(quark_class)
    _check_construction(construction)
    ordered = _free_scan(max_charge, quark_class)
    parents: dict[Rep, str] = {}
    if quark_class == "2+1":
        parents = {
            extend_to_two_plus_one(u): u.id for u in enumerate_atlas(max_charge=max_charge) if u.q != 0
        }
    out = []
    for i, rep in enumerate(ordered, start=1):
        parent = parents.get(rep)
        if quark_class == "2+1" and construction == "paper" and parent is None:
            continue
        out.append(Solution(f"{prefix}{i:04d}", quark_class, *rep, extends=parent))
    return tuple(out)


def count_solutions(
    *,
    max_charge: int = DEFAULT_MAX_CHARGE,
    quark_class: str = "universal",
    relabel: str = "independent",
    sign: bool = True,
    normalise: bool = True,
    include_trivial: bool = False,
) -> int:
    """Number of classes under a chosen equivalence relation (for comparing conventions).

    Args:
        max_charge: integer range of every charge.
        quark_class: ``"universal"`` or ``"2+1"`` (for 2+1 this counts the *free* X_q3
            scan; the paper construction has exactly one class per universal class with
            X_q ≠ 0, see :func:`enumerate_atlas`).
        relabel: ``"independent"`` (L, E, N families permuted separately; the atlas
            default), ``"LE"`` (one permutation acting on (L_i, E_i) together, N separately),
            ``"LEN"`` (one permutation acting on (L_i, E_i, N_i) together) or ``"none"``.
        sign: identify X and -X.
        normalise: keep only primitive vectors (divide by the gcd).
        include_trivial: count the all-zero assignment too.

    Example:
        >>> count_solutions(max_charge=10), count_solutions(max_charge=10, include_trivial=True)
        (275, 276)
    """
    _check_range(max_charge)
    _, k, _ = _check_class(quark_class)
    if relabel not in {"independent", "LE", "LEN", "none"}:
        msg = f"relabel must be one of independent, LE, LEN, none; got {relabel!r}"
        raise InvalidParameter(msg)
    perms = list(itertools.permutations(range(3)))
    seen: set[tuple[int, ...]] = set()
    for q, t_l, t_e, t_n in solve_sorted(max_charge, k):
        flat = (q, *t_l, *t_e, *t_n)
        if quark_class == "2+1" and q == 0 and any(flat):
            continue
        if not any(flat):
            if include_trivial:
                seen.add(flat)
            continue
        if normalise and _gcd(flat) != 1:
            continue
        orbit: Iterable[tuple[int, tuple[int, ...], tuple[int, ...], tuple[int, ...]]]
        if relabel == "independent":
            orbit = [(q, t_l, t_e, t_n)]
        else:
            # the sorted triples stand for every ordering; a joint relabelling can always
            # sort L, so the orderings of E and N relative to the sorted L cover every class
            e_orders = set(itertools.permutations(t_e))
            n_orders = set(itertools.permutations(t_n)) if relabel != "LE" else {t_n}
            l_orders = set(itertools.permutations(t_l)) if relabel == "none" else {t_l}
            orbit = {(q, a, b, c) for a in l_orders for b in e_orders for c in n_orders}
        for rep in orbit:
            seen.add(_canon_variant(rep, relabel, sign, perms))
    return len(seen)


def _canon_variant(
    rep: tuple[int, tuple[int, ...], tuple[int, ...], tuple[int, ...]],
    relabel: str,
    sign: bool,
    perms: Sequence[tuple[int, ...]],
) -> tuple[int, ...]:
    q, t_l, t_e, t_n = rep
    cands = []
    for s in (1, -1) if sign else (1,):
        lep, e, n = [tuple(s * x for x in t) for t in (t_l, t_e, t_n)]
        if relabel == "independent":
            cands.append((s * q, *sorted(lep), *sorted(e), *sorted(n)))
        elif relabel == "none":
            cands.append((s * q, *lep, *e, *n))
        else:
            for p in perms:
                n_part = tuple(n[i] for i in p) if relabel == "LEN" else tuple(sorted(n))
                cands.append((s * q, *(lep[i] for i in p), *(e[i] for i in p), *n_part))
    return min(cands)


_ID = re.compile(r"^\s*([AaTt])0*(\d+)\s*$")


def lookup_atlas_id(text: str) -> Charges:
    """Charges of the atlas entry ``text`` (``A0042``: universal class, ``T0007``: 2+1 class).

    Ids are the same at every ``max_charge`` (see module docstring); ids beyond the
    default range are found by enlarging it up to |X| <= 20.

    Raises:
        UnknownModel: ``text`` is not an atlas id, or no such entry exists.

    Example:
        >>> lookup_atlas_id("A0001").label()
        'Q=0,0,0 U=0,0,0 D=0,0,0 L=-1,1,0 E=-1,1,0 N=-1,1,0'
    """
    m = _ID.match(text)
    if not m:
        msg = f"{text!r} is not an atlas id; use A0001.. (quark-universal) or T0001.. (2+1), see `recast atlas`"
        raise UnknownModel(msg)
    prefix, index = m.group(1).upper(), int(m.group(2))
    quark_class = "universal" if prefix == "A" else "2+1"
    n = DEFAULT_MAX_CHARGE
    while True:
        sols = enumerate_atlas(max_charge=n, quark_class=quark_class, construction="free")
        if 1 <= index <= len(sols):
            return sols[index - 1].charges()
        if index < 1 or n >= MAX_LOOKUP_CHARGE:
            break
        n += 1
    total = len(enumerate_atlas(max_charge=DEFAULT_MAX_CHARGE, quark_class=quark_class, construction="free"))
    msg = (
        f"unknown atlas id {text!r}; the {quark_class} atlas has {prefix}0001..{prefix}{total:04d} "
        f"at |X| <= {DEFAULT_MAX_CHARGE} (list them with `recast atlas`)"
    )
    raise UnknownModel(msg)


def atlas_id_of(charges: Charges, *, max_lookup: int = MAX_LOOKUP_CHARGE) -> str | None:
    """Atlas id of ``charges`` (any normalisation, sign or family labels), or None.

    Only quark-universal and 2+1 assignments with X_H = 0 have ids (2+1 ids cover the
    free X_q3 scan, so every 2+1 class in the range has one).

    Example:
        >>> from recast.models.charges import named_charges
        >>> atlas_id_of(named_charges("B-3Lmu")) is not None
        True
    """
    if charges.H != 0 or not charges.anomaly_free:
        return None
    quarks = set(charges.Q) | set(charges.U) | set(charges.D)
    if charges.Q == charges.U == charges.D and len(quarks) == 1:
        quark_class, qv = "universal", charges.Q[0]
    elif charges.Q == charges.U == charges.D and charges.Q[0] == charges.Q[1] == 0 and charges.Q[2] != 0:
        quark_class, qv = "2+1", charges.Q[2]
    else:
        return None
    if not any((qv, *charges.L, *charges.E, *charges.N)):
        return None
    rep = canonical_form(qv, charges.L, charges.E, charges.N)
    top = max(abs(x) for x in (rep[0], *rep[1], *rep[2], *rep[3]))
    if top > max_lookup:
        return None
    for sol in enumerate_atlas(max_charge=max(top, DEFAULT_MAX_CHARGE), quark_class=quark_class, construction="free"):
        if (sol.q, sol.L, sol.E, sol.N) == rep:
            return sol.id
    return None


def brute_force_atlas(
    max_charge: int, *, quark_class: str = "universal", construction: str = DEFAULT_CONSTRUCTION
) -> set[tuple[int, Triple, Triple, Triple]]:
    """Reference implementation: loop over every ordered charge vector (slow; for cross-checks).

    Loops over X_q and the ordered (L1, L2, E1, E2, N1, N2), fixes L3, E3, N3 by the linear
    conditions and tests the quadratic and cubic ones with :meth:`Charges.anomalies`
    replaced by integer sums; (2N+1)^6 iterations per quark charge, so keep N <= 4.
    The 2+1 paper construction maps every brute-force universal class with X_q ≠ 0 to
    (3 X_q, L, E, N); the free construction loops over X_q3.

    Returns:
        The canonical representatives (same convention as :func:`enumerate_atlas`).
    """
    _check_range(max_charge)
    _check_construction(construction)
    if quark_class == "2+1" and construction == "paper":
        universal = brute_force_atlas(max_charge, quark_class="universal")
        return {canonical_form(3 * q, lep, e, n) for q, lep, e, n in universal if q != 0}
    _, k, _ = _check_class(quark_class)
    rng = range(-max_charge, max_charge + 1)
    out = set()
    for q in rng:
        if quark_class == "2+1" and q == 0:
            continue
        s = -k * q
        for l1, l2, e1, e2, n1, n2 in itertools.product(rng, repeat=6):
            l3, e3, n3 = s - l1 - l2, s - e1 - e2, s - n1 - n2
            if max(abs(l3), abs(e3), abs(n3)) > max_charge:
                continue
            if l1 * l1 + l2 * l2 + l3 * l3 != e1 * e1 + e2 * e2 + e3 * e3:
                continue
            cubic = 2 * (l1**3 + l2**3 + l3**3) - (e1**3 + e2**3 + e3**3) - (n1**3 + n2**3 + n3**3)
            if cubic or not any((q, l1, l2, l3, e1, e2, e3, n1, n2, n3)):
                continue
            if _gcd((q, l1, l2, l3, e1, e2, e3, n1, n2, n3)) == 1:
                out.add(canonical_form(q, (l1, l2, l3), (e1, e2, e3), (n1, n2, n3)))
    return out
