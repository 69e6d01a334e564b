"""Shared pieces of the subcommands: building a model point from ``--mass/--coupling/--gX/--charges``."""

from __future__ import annotations

from recast.models import Model, get_model, parse_number

__all__ = ["model_from_options"]


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
        UnknownModel, InvalidParameter: as :func:`recast.models.get_model`, naming the option.
    """
    params = dict(couplings)
    if gx is not None:
        params["gX"] = parse_number("--gX", gx)
    if eps is not None:
        params["eps"] = parse_number("--eps", eps)
    return get_model(
        name,
        mass=parse_number("--mass", mass) if mass is not None else None,
        couplings=params,
        charges=charges,
    )
