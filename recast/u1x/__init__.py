"""The U(1)_X atlas: anomaly-free charge assignments (arXiv:2107.07518).

* :class:`Charges` and the six anomaly sums come from :mod:`recast.models.charges`.
* :mod:`recast.u1x.enumerate`: fast enumeration of the quark-universal and 2+1 classes
  (2+1: the paper's construction by default, or the free X_q3 scan), the equivalence
  convention, stable ids and :func:`lookup_atlas_id`.
* :mod:`recast.u1x.muoquark`: muoquark selection rules for S3, S1, R2 and S±.
* :mod:`recast.u1x.classify`: vector/chiral category, quark class.
* :mod:`recast.u1x.report`: the ``recast atlas check``/``show`` report.
* :mod:`recast.u1x.export`: filters and atomic JSON/CSV output.
* :mod:`recast.u1x.counts`: :func:`count_class` (counts by class, construction, filter).
"""

from recast.models.charges import NAMED_CHARGES, Charges, named_charges, parse_charges
from recast.u1x.counts import count_class
from recast.u1x.enumerate import (
    CONSTRUCTIONS,
    DEFAULT_CONSTRUCTION,
    DEFAULT_MAX_CHARGE,
    Solution,
    atlas_id_of,
    canonical_form,
    count_solutions,
    enumerate_atlas,
    extend_to_two_plus_one,
    lookup_atlas_id,
)
from recast.u1x.export import atlas_rows, filter_atlas, write_csv, write_json
from recast.u1x.muoquark import is_muoquark
from recast.u1x.report import Report, check_charges, resolve_charges

__all__ = [
    "CONSTRUCTIONS",
    "DEFAULT_CONSTRUCTION",
    "DEFAULT_MAX_CHARGE",
    "NAMED_CHARGES",
    "Charges",
    "Report",
    "Solution",
    "atlas_id_of",
    "atlas_rows",
    "canonical_form",
    "check_charges",
    "count_class",
    "count_solutions",
    "enumerate_atlas",
    "extend_to_two_plus_one",
    "filter_atlas",
    "is_muoquark",
    "lookup_atlas_id",
    "named_charges",
    "parse_charges",
    "resolve_charges",
    "write_csv",
    "write_json",
]


def __dir__() -> list[str]:
    return __all__
