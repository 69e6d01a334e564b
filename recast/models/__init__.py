"""The model library: muoquark leptoquarks and U(1)_X Z′ bosons.

Example:
    >>> from recast.models import get_model
    >>> m = get_model("Lmu-Ltau", MZp=500, gX=0.1)
    >>> round(m.states()[0].width, 4)  # GeV: (mu + tau) vector + (nu_mu + nu_tau) left-handed
    0.3979
"""

from __future__ import annotations

import math

from recast.exceptions import InvalidParameter, UnknownModel, closest
from recast.models.base import Channel, Model, Parameter, State
from recast.models.charges import NAMED_CHARGES, Charges, parse_charges
from recast.models.leptoquark import LEPTOQUARK_NAMES, LEPTOQUARKS, R2, S1, S3, Leptoquark, Spm
from recast.models.zprime import BENCHMARK_ZPRIMES, ZPRIME_XSEC_REL_UNC, ZPrime, ZPrimeModel

__all__ = [
    "LEPTOQUARKS",
    "LEPTOQUARK_NAMES",
    "R2",
    "S1",
    "S3",
    "ZPRIME_XSEC_REL_UNC",
    "Channel",
    "Leptoquark",
    "Model",
    "Parameter",
    "Spm",
    "State",
    "ZPrime",
    "ZPrimeModel",
    "get_model",
    "min_mass",
    "model_names",
    "parse_couplings",
    "parse_number",
]


def __dir__() -> list[str]:
    return __all__


def model_names() -> list[str]:
    """All model names: leptoquarks, named Z′ models, and ``Zp`` (user charges)."""
    return [*LEPTOQUARKS, *NAMED_CHARGES, *BENCHMARK_ZPRIMES, "Zp"]


def min_mass(name: str) -> float:
    """The smallest mass in GeV model *name* accepts (Z′ models: 0.01; others and unknown names: 1).

    Example:
        >>> min_mass("Lmu-Ltau"), min_mass("S3")
        (0.01, 1.0)
    """
    lookup = {n.lower(): n for n in model_names()}
    key = lookup.get(name.lower(), "")
    if key in LEPTOQUARKS:
        return LEPTOQUARKS[key].MIN_MASS_GEV
    if key in BENCHMARK_ZPRIMES:
        return BENCHMARK_ZPRIMES[key].MIN_MASS_GEV
    return ZPrime.MIN_MASS_GEV if key else Model.MIN_MASS_GEV


def parse_number(name: str, text: str | float) -> float:
    """A finite number from user text, or :class:`InvalidParameter` naming the option.

    Example:
        >>> parse_number("--mass", "1.5e3")
        1500.0
    """
    try:
        value = float(text)
    except (TypeError, ValueError) as err:
        msg = f"{name} must be a number, got {text!r}"
        raise InvalidParameter(msg) from err
    if not math.isfinite(value):
        msg = f"{name} must be finite, got {text!r}"
        raise InvalidParameter(msg)
    return value


def parse_couplings(text: str | None) -> dict[str, float]:
    """Parse ``"y_bmu=1.0,y_smu=0.1"`` into a dict (values must be numbers).

    Example:
        >>> parse_couplings("y_bmu=1.0, y_smu=-0.05")
        {'y_bmu': 1.0, 'y_smu': -0.05}
    """
    out: dict[str, float] = {}
    if not text:
        return out
    for item in text.split(","):
        if not item.strip():
            continue
        key, sep, val = item.partition("=")
        if not sep or not key.strip():
            msg = f"coupling {item.strip()!r} is not of the form name=value (e.g. y_bmu=1.0)"
            raise InvalidParameter(msg)
        out[key.strip()] = parse_number(f"coupling {key.strip()}", val.strip())
    return out


def get_model(
    name: str,
    *,
    mass: float | None = None,
    couplings: dict[str, float] | None = None,
    charges: Charges | str | None = None,
    **params: float,
) -> Model:
    """Build a model point by name (case-insensitive).

    Args:
        name: ``S3``, ``S1``, ``R2``, ``Spm``, a named U(1)_X (``B-3Lmu``, ``Lmu-Ltau``,
            ``Ltilde-mu-tau``, ``B-L``) or ``Zp`` with ``charges``.
        mass: the main mass in GeV (MS3, MZp, ...).
        couplings: extra dimensionless couplings, e.g. ``{"y_bmu": 1.0}``.
        charges: for ``Zp``: a :class:`Charges` or text such as ``"q=0 L=0,1,-1"``.
        params: any further parameter by its own name.

    Raises:
        UnknownModel: the name is not in :func:`model_names`.
        InvalidParameter: unknown parameter, non-numeric value or mass <= 0.
    """
    params = dict(params) | dict(couplings or {})
    lookup = {n.lower(): n for n in model_names()}
    key = lookup.get(name.lower())
    if key is None:
        msg = f"unknown model {name!r}; {closest(name, model_names())}"
        raise UnknownModel(msg)
    if key in LEPTOQUARKS:
        cls = LEPTOQUARKS[key]
        if mass is not None:
            # every degenerate mass parameter follows --mass unless given explicitly (Spm: MSp and MSm)
            for mname in cls.MASS_PARAMS:
                params.setdefault(mname, mass)
        if charges is not None:
            msg = f"--charges applies to Z' models, not to {key}"
            raise InvalidParameter(msg)
        return cls(**params)
    if mass is not None:
        params["MZp"] = mass
    if key in BENCHMARK_ZPRIMES:
        if charges is not None:
            msg = f"--charges applies to U(1)_X Z' models, not to the benchmark {key} (its couplings are fixed)"
            raise InvalidParameter(msg)
        return BENCHMARK_ZPRIMES[key](**params)
    if key == "Zp":
        if charges is None:
            msg = "model Zp needs charges, e.g. --charges 'q=0 L=0,1,-1' or an atlas id"
            raise InvalidParameter(msg)
        if isinstance(charges, str):
            charges = _charges_from_text(charges)
        return ZPrime(charges, **params)
    return ZPrime(NAMED_CHARGES[key], **params)


def _charges_from_text(text: str) -> Charges:
    """Charges from a named model, an atlas id (if the atlas provides one) or explicit text."""
    if text in NAMED_CHARGES:
        return NAMED_CHARGES[text]
    if "=" not in text:
        try:
            from recast.u1x.enumerate import lookup_atlas_id
        except ImportError:
            pass
        else:
            return lookup_atlas_id(text)
    return parse_charges(text)


