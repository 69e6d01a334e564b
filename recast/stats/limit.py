"""The confidence level of every limit and the result of one upper-limit computation (:class:`UpperLimit`).

Both the CLs limits (:mod:`recast.stats.upper_limits`) and the Bayesian ones (:mod:`recast.stats.bayes`)
return an :class:`UpperLimit`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["CL", "UpperLimit"]

CL = 0.95  # confidence level of all limits


def __dir__() -> list[str]:
    return __all__


@dataclass(frozen=True)
class UpperLimit:
    """95% CL upper limits on the signal strength μ.

    Attributes:
        observed: observed limit, or None when the workspace holds no real data
            (Asimov projection / no published data).
        expected: expected limits at (-2σ, -1σ, median, +1σ, +2σ), increasing.
        method: ``"asymptotic"``, ``"toys(N)"`` or ``"bayesian"``.
        seconds: wall time of the computation.
        fits: number of maximum-likelihood fits run.
        notes: what the computation approximated (fixed nuisance parameters, pseudo-experiments, sampling).
    """

    observed: float | None
    expected: tuple[float, float, float, float, float]
    method: str = "asymptotic"
    seconds: float = 0.0
    fits: int = 0
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def median(self) -> float:
        """Median expected limit."""
        return self.expected[2]

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready dict: ``{"observed", "expected": [5 values], "method"}``."""
        return {"observed": self.observed, "expected": list(self.expected), "method": self.method}
