"""Atlas counts by class, construction and filter (for ``recast atlas`` and validation checks).

The counts at ``max_charge = 10`` (integer charges in [-10, 10], the range of
arXiv:2107.07518) with the equivalence of :data:`recast.u1x.enumerate.EQUIVALENCE`:

==================================  =====  ==========
class / construction                 all   S3 muoquark
==================================  =====  ==========
universal                            275    273
2+1, paper construction              185    171
2+1, free X_q3 scan                  565    537
==================================  =====  ==========

The paper construction (physics.md §1, arXiv:2107.07518) extends each universal class
with X_q ≠ 0 by X_q12 = 0, X_q3 = 3 X_q; the free scan also keeps X_q3 not divisible by 3
whose lepton charges would leave the range once X_q is made an integer (see
``docs/readme/atlas.md``).
"""

from __future__ import annotations

from recast.u1x.enumerate import DEFAULT_CONSTRUCTION, DEFAULT_MAX_CHARGE, enumerate_atlas
from recast.u1x.export import filter_atlas

__all__ = ["count_class"]


def __dir__() -> list[str]:
    return __all__


def count_class(
    quark_class: str = "universal",
    *,
    muoquark: str | None = None,
    category: str | None = None,
    construction: str = DEFAULT_CONSTRUCTION,
    max_charge: int = DEFAULT_MAX_CHARGE,
) -> int:
    """Number of inequivalent atlas classes that pass the filters.

    Args:
        quark_class: ``"universal"`` or ``"2+1"``.
        muoquark: keep classes where this LQ (``S3``, ``S1``, ``R2``, ``Spm``) is a
            muoquark for some muon labelling (2+1 rule of physics.md §1 in the 2+1 class).
        category: ``"vector"`` or ``"chiral"``.
        construction: 2+1 only: ``"paper"`` (default, arXiv:2107.07518: extend each
            universal class with X_q ≠ 0 by X_q12 = 0, X_q3 = 3 X_q) or ``"free"`` (scan X_q3).
        max_charge: every charge is an integer in [-max_charge, max_charge].

    Returns:
        The count (dimensionless).

    Raises:
        InvalidParameter: unknown class, construction, leptoquark or category, or a bad range.

    Example:
        >>> count_class("2+1", muoquark="S3", construction="paper")
        171
        >>> count_class("2+1", muoquark="S3", construction="free")
        537
    """
    sols = enumerate_atlas(max_charge=max_charge, quark_class=quark_class, construction=construction)
    return len(filter_atlas(sols, muoquark=muoquark, category=category))
