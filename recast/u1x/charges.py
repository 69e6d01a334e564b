"""Former home of the U(1)_X charge assignments; they now live in :mod:`recast.models.charges`.

Kept so ``recast.u1x.charges`` imports keep working: the atlas uses the model library's
charges (atlas imports models, never the reverse).
"""

from __future__ import annotations

from recast.models.charges import ANOMALY_NAMES, NAMED_CHARGES, Charges, named_charges, parse_charges
from recast.models.charges import SPECIES as SPECIES  # importable here before, not in __all__

__all__ = ["ANOMALY_NAMES", "NAMED_CHARGES", "Charges", "named_charges", "parse_charges"]


def __dir__() -> list[str]:
    return __all__
