"""PASS / KNOWN / FAIL of one check (the validation contract, docs/validation.md).

With ``dev = ours/published - 1``:

* **PASS**  if ``|dev| <= tolerance``;
* **KNOWN** if outside tolerance, a ``known_deviation`` is recorded and
  ``|dev| <= |dev_recorded| + KNOWN_SLACK`` (not worse than recorded; the slack absorbs
  Monte-Carlo noise) — shown red in the report, does not fail;
* **FAIL**  otherwise, and whenever our value is missing or not finite;
* **SANITY** for a check whose ``quantity`` starts with "sanity check" (it compares different
  quantities, e.g. a one-channel limit with a published combination): never PASS; FAIL only
  if our value is missing or not finite.
"""

from __future__ import annotations

import enum
import math
from dataclasses import dataclass

from recast.validation.checks import Check

__all__ = ["KNOWN_SLACK", "CheckResult", "Status", "deviation", "evaluate", "is_sanity"]

#: absolute slack on |dev| for a recorded known deviation (MC noise), see the module docstring
KNOWN_SLACK = 0.02
#: rounding guard: a value exactly at the tolerance edge passes despite binary floating point
_EPS = 1e-9


def __dir__() -> list[str]:
    return __all__


class Status(enum.Enum):
    """Outcome of one check; ``FAIL`` makes ``recast validate`` exit 1."""

    PASS = "PASS"
    KNOWN = "KNOWN"
    FAIL = "FAIL"
    SANITY = "SANITY"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class CheckResult:
    """One measured check.

    Attributes:
        suite: analysis id or model suite name.
        check: the check definition.
        ours: our value in the unit of ``check.published`` (None if it could not be measured).
        status: PASS / KNOWN / FAIL.
        note: why (e.g. the error that prevented the measurement, or a stale known deviation).
    """

    suite: str
    check: Check
    ours: float | None
    status: Status
    note: str = ""

    @property
    def deviation(self) -> float | None:
        """``ours/published - 1`` (None if not measured)."""
        return None if self.ours is None else deviation(self.ours, self.check.published)


def deviation(ours: float, published: float) -> float:
    """Relative deviation ``ours/published - 1``.

    Example:
        >>> round(deviation(0.588, 0.776), 3)
        -0.242
    """
    return ours / published - 1.0


def is_sanity(check: Check) -> bool:
    """A sanity check (``quantity`` starts with "sanity check"): compared, never counted as PASS."""
    return check.quantity.lower().startswith("sanity check")


def evaluate(check: Check, ours: float | None, *, suite: str = "", note: str = "") -> CheckResult:
    """Status of *check* given our value (see the module docstring).

    Example:
        >>> from recast.validation.checks import Check
        >>> c = Check("a", "g", "q", published=100.0, unit="GeV", source="src", tolerance=0.1, fast=True)
        >>> evaluate(c, 110.0).status, evaluate(c, 111.0).status
        (<Status.PASS: 'PASS'>, <Status.FAIL: 'FAIL'>)
    """
    if ours is None or not math.isfinite(ours):
        why = note or "not measured (no value returned)"
        return CheckResult(suite, check, None if ours is None else float(ours), Status.FAIL, why)
    if is_sanity(check):
        why = note or "sanity check: not like-for-like, not a PASS"
        return CheckResult(suite, check, float(ours), Status.SANITY, why)
    dev = abs(deviation(ours, check.published))
    kd = check.known_deviation
    if dev <= check.tolerance + _EPS:
        if kd is not None:
            note = note or "within tolerance now: the recorded known_deviation can be removed"
        return CheckResult(suite, check, float(ours), Status.PASS, note)
    if kd is not None:
        recorded = abs(deviation(kd.measured, check.published))
        if dev <= recorded + KNOWN_SLACK + _EPS:
            return CheckResult(suite, check, float(ours), Status.KNOWN, note or kd.note)
        why = f"worse than the recorded known deviation ({recorded:.1%} + {KNOWN_SLACK:.0%} slack)"
        return CheckResult(suite, check, float(ours), Status.FAIL, note or why)
    return CheckResult(suite, check, float(ours), Status.FAIL, note or "outside tolerance, no known deviation recorded")
