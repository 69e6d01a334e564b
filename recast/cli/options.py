"""Shared pieces of the subcommands: building a model point from ``--mass/--coupling/--gX/--charges``."""

from __future__ import annotations

import math

from recast.exceptions import InvalidParameter
from recast.models import Model, get_model, min_mass, parse_number
from recast.models.base import MASS_RANGE_GEV

__all__ = ["LUMI_RANGE_FB", "bounded", "model_from_options"]

#: Accepted integrated luminosities [fb^-1]: above zero, up to 10x the HL-LHC's 3000 fb^-1.
LUMI_RANGE_FB = (0.0, 30000.0)


def __dir__() -> list[str]:
    return __all__


def model_from_options(
    name: str,
    *,
    mass: str | None,
    couplings: dict[str, float],
    gx: str | None = None,
    charges: str | None = None,
    eps: str | None = None,
) -> Model:
    """The model point the options describe (``mass`` in GeV; numbers given as option text).

    Raises:
        UnknownModel, InvalidParameter: as :func:`recast.models.get_model`, naming the option;
            ``--mass`` outside the model's range (:func:`recast.models.min_mass` to 100000 GeV).
    """
    params = dict(couplings)
    if gx is not None:
        params["gX"] = parse_number("--gX", gx)
    if eps is not None:
        params["eps"] = parse_number("--eps", eps)
    return get_model(
        name,
        mass=bounded("--mass", mass, lo=min_mass(name), hi=MASS_RANGE_GEV[1], unit="GeV")
        if mass is not None
        else None,
        couplings=params,
        charges=charges,
    )


def bounded(name: str, value: float | str, *, lo: float, hi: float, unit: str = "", lo_open: bool = False) -> float:
    """*value* as a finite number in [lo, hi] (or (lo, hi] with *lo_open*), else InvalidParameter.

    Args:
        name: the option (``--lumi``), named in the message.
        value: a number or the option text.
        lo, hi: the accepted range, in *unit*.
        unit: the unit for the message (``"fb^-1"``, ``"GeV"``, ``"pb"``; empty if dimensionless).
        lo_open: exclude *lo* itself.

    Example:
        >>> bounded("--lumi", "139", lo=0, hi=30000, unit="fb^-1", lo_open=True)
        139.0
    """
    u = f" {unit}" if unit else " (dimensionless)"
    rng = f"{'> ' if lo_open else '>= '}{lo:.4g} and <= {hi:.4g}{u}"
    try:
        x = float(value)
    except (TypeError, ValueError) as err:
        msg = f"{name} must be a number {rng}, got {value!r} — give a number"
        raise InvalidParameter(msg) from err
    if not math.isfinite(x) or (x <= lo if lo_open else x < lo) or x > hi:
        msg = f"{name} must be {rng}, got {value} — give a value in that range"
        raise InvalidParameter(msg)
    return x
