"""Mass grids given on the command line (``--masses``), in GeV."""

from __future__ import annotations

import math
from collections.abc import Sequence

from recast.constants import M_MU
from recast.exceptions import InvalidParameter
from recast.models.base import MASS_RANGE_GEV, Model

__all__ = ["MAX_MASS_POINTS", "check_collider_masses", "parse_masses"]

#: Largest mass grid accepted: every point is a Pythia run (limits) or a fit (scan).
MAX_MASS_POINTS = 200

_HINT = "use START:STOP:STEP in GeV (stop included, e.g. 1000:2400:100) or a comma list (1000,1500)"


def __dir__() -> list[str]:
    return __all__


def parse_masses(text: str, *, bounds: tuple[float, float] | None = None, where: str = "") -> list[float]:
    """Parse ``"1000:2400:200"`` (start:stop:step, stop inclusive) or ``"1000,1500"`` into GeV.

    Args:
        text: the grid.
        bounds: optional (low, high) in GeV every mass must lie in.
        where: what the bounds are, for the error message (e.g. "the dimuon search range").

    Returns:
        Sorted, distinct masses in GeV.

    Raises:
        InvalidParameter: empty or malformed text, a non-finite number, step <= 0, an empty range,
            more than :data:`MAX_MASS_POINTS` points, a mass outside 1-100000 GeV or outside ``bounds``.

    Example:
        >>> parse_masses("1000:1400:200")
        [1000.0, 1200.0, 1400.0]
    """
    if not text.strip():
        msg = f"--masses is empty — {_HINT}"
        raise InvalidParameter(msg)
    try:
        masses = _parse_range(text) if ":" in text else [float(x) for x in text.split(",") if x.strip()]
    except ValueError as err:
        if isinstance(err, InvalidParameter):
            raise
        msg = f"cannot parse --masses {text!r} — {_HINT}"
        raise InvalidParameter(msg) from err
    _check_grid(text, masses)
    _check_bounds(masses, MASS_RANGE_GEV, "the collider mass range",
                  "give masses in GeV (a lighter Z' has only low-energy constraints: recast flavour)")
    if bounds is not None:
        _check_bounds(masses, bounds, where or "the allowed range", "give masses in that range")
    return sorted(set(masses))


def _parse_range(text: str) -> list[float]:
    """``start:stop:step`` (stop included) in GeV; ValueError if it is not three numbers."""
    start, stop, step = (float(x) for x in text.split(":"))
    if not all(math.isfinite(x) for x in (start, stop, step)):
        msg = f"--masses {text!r}: start, stop and step must be finite numbers of GeV — {_HINT}"
        raise InvalidParameter(msg)
    if not step > 0:
        msg = f"--masses {text!r}: the step must be > 0 GeV — {_HINT}"
        raise InvalidParameter(msg)
    n = math.floor((stop - start) / step + 1e-9) + 1
    if n > MAX_MASS_POINTS:
        msg = (f"--masses {text!r} has {n:,} mass points, more than {MAX_MASS_POINTS} — "
               "use a larger step or a shorter range")
        raise InvalidParameter(msg)
    return [round(start + i * step, 6) for i in range(max(n, 0))]


def _check_grid(text: str, masses: list[float]) -> None:
    """A non-empty grid of at most :data:`MAX_MASS_POINTS` finite, positive masses."""
    if not masses:
        msg = f"--masses {text!r} is an empty mass range — {_HINT}"
        raise InvalidParameter(msg)
    if len(set(masses)) > MAX_MASS_POINTS:
        msg = f"--masses has {len(set(masses))} mass points, more than {MAX_MASS_POINTS} — give fewer masses"
        raise InvalidParameter(msg)
    if not all(math.isfinite(m) for m in masses) or min(masses) <= 0:
        msg = f"--masses {text!r}: masses must be finite and > 0 GeV — {_HINT}"
        raise InvalidParameter(msg)


def _check_bounds(masses: list[float], bounds: tuple[float, float], what: str, fix: str) -> None:
    """InvalidParameter naming the first mass outside *bounds* (GeV), *what* they are and the *fix*."""
    lo, hi = bounds
    bad = [m for m in masses if not lo <= m <= hi]
    if bad:
        msg = f"--masses: {bad[0]:g} GeV is outside {what} {lo:g}-{hi:g} GeV — {fix}"
        raise InvalidParameter(msg)


def check_collider_masses(model: Model, masses: Sequence[float]) -> None:
    """InvalidParameter if a mass [GeV] is one no collider search of recast applies to: below 2 m_μ
    (a Z′ there cannot decay to μμ) or below the 1 GeV the mass grids start at (:data:`MASS_RANGE_GEV`)."""
    light = [m for m in masses if m < MASS_RANGE_GEV[0]]
    if not light:
        return
    m = min(light)
    why = (f"below 2 m_mu = {2 * M_MU:.4g} GeV it cannot decay to mumu" if m < 2 * M_MU
           else f"below {MASS_RANGE_GEV[0]:g} GeV, where recast's dimuon searches start")
    msg = (f"{model.name} at {m:g} GeV: no collider search applies ({why}) — use `recast flavour` "
           "for its (g-2) and low-energy constraints, or a mass >= 1 GeV")
    raise InvalidParameter(msg)
