"""The U(1)_X atlas: anomaly-free charge assignments (arXiv:2107.07518)."""

from recast.atlas.charges import NAMED_CHARGES, Charges, named_charges

__all__ = ["NAMED_CHARGES", "Charges", "named_charges"]


def __dir__() -> list[str]:
    return __all__
