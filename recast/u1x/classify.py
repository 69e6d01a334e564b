"""Categories of U(1)_X charge assignments (shared/reference/physics.md §1).

* **vector**: X_Li = X_Ei for every family, so with X_H = 0 all charged-lepton Yukawas
  L̄_i H E_i are allowed and the Z′ couples vectorially to charged leptons.
* **chiral**: everything else (some muon/electron/tau mass needs another mechanism, e.g.
  the radiative y_μ of the S± model).
* quark class: ``universal`` (X_Q = X_U = X_D = X_q in every family), ``2+1``
  (X_Q,U,D = X_q12 in families 1, 2 and X_q3 ≠ X_q12 in family 3) or ``general``.
"""

from __future__ import annotations

from fractions import Fraction

from recast.models.charges import Charges

__all__ = ["category", "is_vector", "lepton_universal", "quark_class", "vector_after_relabelling"]


def __dir__() -> list[str]:
    return __all__


def is_vector(charges: Charges) -> bool:
    """X_Li = X_Ei for every family i (as labelled).

    Example:
        >>> from recast.models.charges import named_charges
        >>> is_vector(named_charges("B-3Lmu")), is_vector(named_charges("Ltilde-mu-tau"))
        (True, False)
    """
    return tuple(charges.L) == tuple(charges.E)


def vector_after_relabelling(charges: Charges) -> bool:
    """{X_Li} = {X_Ei} as multisets (vector once the E families are relabelled)."""
    return sorted(charges.L) == sorted(charges.E)


def category(charges: Charges, *, relabel: bool = False) -> str:
    """``"vector"`` or ``"chiral"`` (with ``relabel``: up to relabelling the E families)."""
    vec = vector_after_relabelling(charges) if relabel else is_vector(charges)
    return "vector" if vec else "chiral"


def lepton_universal(charges: Charges) -> bool:
    """All three lepton families carry the same (L, E, N) charges."""
    return len({(charges.L[i], charges.E[i], charges.N[i]) for i in range(3)}) == 1


def quark_class(charges: Charges) -> tuple[str, Fraction | None]:
    """Quark class and its quark charge: (``"universal"``, X_q), (``"2+1"``, X_q3) or (``"general"``, None).

    The 2+1 value is returned only for X_q12 = 0 (the atlas normalisation); other 2+1
    assignments (X_q12 ≠ 0) report ``"2+1"`` with None.

    Example:
        >>> quark_class(Charges.make(Q=(0, 0, 1), L=(0, -3, 0)))
        ('2+1', Fraction(1, 1))
    """
    q, u, d = charges.Q, charges.U, charges.D
    if not (q == u == d):
        return "general", None
    if q[0] == q[1] == q[2]:
        return "universal", q[0]
    if q[0] == q[1]:
        return "2+1", (q[2] if q[0] == 0 else None)
    return "general", None
