"""U(1)_X charge assignments and the six gauge-anomaly sums.

Fields per family i = 1..3: Q (3,2,1/6), U (3,1,2/3), D (3,1,-1/3), L (1,2,-1/2),
E (1,1,-1), N (1,1,0); conditions as in arXiv:2107.07518 (shared/reference/physics.md §1).
Arithmetic is exact (``fractions.Fraction``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from fractions import Fraction

from recast.exceptions import AnomalyError, InvalidParameter, UnknownModel, closest

#: One charge for all three families, or one per family.
ChargeInput = int | Fraction | str | float | Iterable[int | Fraction | str | float]

__all__ = ["ANOMALY_NAMES", "NAMED_CHARGES", "Charges", "named_charges", "parse_charges"]

ANOMALY_NAMES = ("SU(3)^2xU(1)_X", "SU(2)^2xU(1)_X", "U(1)_Y^2xU(1)_X", "grav^2xU(1)_X", "U(1)_YxU(1)_X^2", "U(1)_X^3")
SPECIES = ("Q", "U", "D", "L", "E", "N")


def __dir__() -> list[str]:
    return __all__


def _triple(values: ChargeInput) -> tuple[Fraction, Fraction, Fraction]:
    if isinstance(values, (int, Fraction, str, float)):
        values = (values,) * 3
    vals = tuple(Fraction(v) for v in values)
    if len(vals) != 3:
        got = ",".join(str(v) for v in vals)
        msg = f"expected three family charges (or one for all families), got {len(vals)}: {got}"
        raise InvalidParameter(msg)
    a, b, c = vals
    return a, b, c


@dataclass(frozen=True)
class Charges:
    """U(1)_X charges of the SM fermions (plus three right-handed neutrinos) and the Higgs."""

    Q: tuple[Fraction, Fraction, Fraction]
    U: tuple[Fraction, Fraction, Fraction]
    D: tuple[Fraction, Fraction, Fraction]
    L: tuple[Fraction, Fraction, Fraction]
    E: tuple[Fraction, Fraction, Fraction]
    N: tuple[Fraction, Fraction, Fraction]
    H: Fraction = field(default=Fraction(0))
    name: str = ""

    @classmethod
    def make(
        cls,
        *,
        Q: ChargeInput = 0,
        U: ChargeInput | None = None,
        D: ChargeInput | None = None,
        L: ChargeInput = 0,
        E: ChargeInput | None = None,
        N: ChargeInput | None = None,
        H: int | Fraction | str | float = 0,
        name: str = "",
    ) -> Charges:
        """Build charges; ``U`` and ``D`` default to ``Q`` (quark-flavour universal), ``E``/``N`` to ``L``."""
        q = _triple(Q)
        lep = _triple(L)
        return cls(
            Q=q,
            U=_triple(U) if U is not None else q,
            D=_triple(D) if D is not None else q,
            L=lep,
            E=_triple(E) if E is not None else lep,
            N=_triple(N) if N is not None else lep,
            H=Fraction(H),
            name=name,
        )

    def anomalies(self) -> dict[str, Fraction]:
        """The six anomaly sums (all zero for a consistent U(1)_X)."""
        Q, U, D, L, E, N = self.Q, self.U, self.D, self.L, self.E, self.N
        r = range(3)
        sums = (
            sum(2 * Q[i] - U[i] - D[i] for i in r),
            sum(3 * Q[i] + L[i] for i in r),
            sum(Q[i] + 3 * L[i] - 8 * U[i] - 2 * D[i] - 6 * E[i] for i in r),
            sum(6 * Q[i] + 2 * L[i] - 3 * U[i] - 3 * D[i] - E[i] - N[i] for i in r),
            sum(Q[i] ** 2 - L[i] ** 2 - 2 * U[i] ** 2 + D[i] ** 2 + E[i] ** 2 for i in r),
            sum(6 * Q[i] ** 3 + 2 * L[i] ** 3 - 3 * U[i] ** 3 - 3 * D[i] ** 3 - E[i] ** 3 - N[i] ** 3 for i in r),
        )
        return {n: Fraction(s) for n, s in zip(ANOMALY_NAMES, sums, strict=True)}

    @property
    def anomaly_free(self) -> bool:
        """True when all six anomaly sums vanish."""
        return all(v == 0 for v in self.anomalies().values())

    def require_anomaly_free(self) -> Charges:
        """Return self, or raise :class:`AnomalyError` naming each failing condition."""
        bad = {k: v for k, v in self.anomalies().items() if v != 0}
        if bad:
            what = ", ".join(f"{k} = {v}" for k, v in bad.items())
            msg = f"charges {self.label()} are not anomaly-free: {what}; check them with `recast atlas check`"
            raise AnomalyError(msg)
        return self

    def label(self) -> str:
        """Compact text form, parseable by :func:`parse_charges`."""
        def fmt(t: tuple[Fraction, ...]) -> str:
            return ",".join(str(x) for x in t)
        return f"Q={fmt(self.Q)} U={fmt(self.U)} D={fmt(self.D)} L={fmt(self.L)} E={fmt(self.E)} N={fmt(self.N)}"

    def as_dict(self) -> dict[str, list[str] | str]:
        """JSON-friendly form (fractions as strings)."""
        return {s: [str(x) for x in getattr(self, s)] for s in SPECIES} | {"H": str(self.H)}


_ASSIGN = re.compile(r"\s*([A-Za-z]+)\s*=\s*([^=]+?)\s*(?=(?:[;\s]+[A-Za-z]+\s*=)|$)")


def parse_charges(text: str) -> Charges:
    """Parse ``"q=1/3 L=0,-3,0 E=0,-3,0 N=0,-3,0"`` (``q`` sets Q=U=D; separators: space or ``;``).

    Example:
        >>> parse_charges("q=0 L=0,1,-1").anomaly_free
        True
    """
    kwargs: dict[str, object] = {}
    pos = 0
    for m in _ASSIGN.finditer(text):
        key, val = m.group(1), m.group(2).strip().strip(";")
        pos = m.end()
        try:
            parts = [Fraction(v) for v in val.split(",")]
        except (ValueError, ZeroDivisionError) as err:
            msg = f"charge {key}={val!r} is not a number or list of 3 numbers (use e.g. L=0,1,-1 or q=1/3)"
            raise InvalidParameter(msg) from err
        value = parts[0] if len(parts) == 1 else parts
        if key == "q":
            kwargs.update(Q=value)
        elif key in SPECIES or key == "H":
            kwargs[key] = value
        else:
            msg = f"unknown species {key!r} in charges; {closest(key, [*SPECIES, 'q', 'H'])}"
            raise InvalidParameter(msg)
    if not kwargs or text[pos:].strip():
        msg = f"cannot parse charges {text!r}; write e.g. 'q=1/3 L=0,-3,0 E=0,-3,0 N=0,-3,0'"
        raise InvalidParameter(msg)
    return Charges.make(**kwargs)  # type: ignore[arg-type]


# Named models, shared/reference/physics.md §2.
NAMED_CHARGES: dict[str, Charges] = {
    # arXiv:2103.13991 Model I: B - 3 L_mu.
    "B-3Lmu": Charges.make(Q=Fraction(1, 3), L=(0, -3, 0), name="B-3Lmu"),
    # L_mu - L_tau (quarks neutral).
    "Lmu-Ltau": Charges.make(Q=0, L=(0, 1, -1), name="Lmu-Ltau"),
    # arXiv:2107.07518 Model III (radiative y_mu); X_N = (5,3,-8): the printed (5,3,8) is anomalous.
    "Ltilde-mu-tau": Charges.make(Q=0, L=(0, 7, -7), E=(-3, 8, -5), N=(5, 3, -8), name="Ltilde-mu-tau"),
    # B - L (universal).
    "B-L": Charges.make(Q=Fraction(1, 3), L=(-1, -1, -1), name="B-L"),
}


def named_charges(name: str) -> Charges:
    """Charges of a named U(1)_X (case-insensitive), or :class:`UnknownModel`-style error."""
    for key, ch in NAMED_CHARGES.items():
        if key.lower() == name.lower():
            return ch
    msg = f"unknown U(1)_X {name!r}; {closest(name, NAMED_CHARGES)}"
    raise UnknownModel(msg)
