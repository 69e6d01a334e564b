"""Which models and masses a scan covers: ``--model/--atlas/--muoquark/--ids`` and ``--masses``."""

from __future__ import annotations

from recast.exceptions import InvalidParameter, UnknownModel
from recast.masses import parse_masses as parse_mass_grid
from recast.scan.points import ScanModel

__all__ = ["MASS_RANGE_GEV", "parse_scan_masses", "scan_models"]

#: Masses the scan accepts [GeV]: the dimuon spectrum of arXiv:1903.06248 (limits from 250 GeV,
#: bins up to 5806 GeV) within the σ_unit table (250-6000 GeV).
MASS_RANGE_GEV = (250.0, 5806.0)


def __dir__() -> list[str]:
    return __all__


def parse_scan_masses(text: str) -> list[float]:
    """``"500:5000:250"`` (start:stop:step, stop included) or ``"1000,2000"`` → masses in GeV.

    :func:`recast.masses.parse_masses` (the one ``--masses`` parser) within :data:`MASS_RANGE_GEV`.

    Raises:
        InvalidParameter: malformed text, a step <= 0, an empty range or a mass outside
            :data:`MASS_RANGE_GEV`.

    Example:
        >>> parse_scan_masses("500:1500:250")
        [500.0, 750.0, 1000.0, 1250.0, 1500.0]
    """
    return parse_mass_grid(text, bounds=MASS_RANGE_GEV, where="the dimuon search range")


def scan_models(
    model: str = "Zp",
    *,
    atlas: bool = False,
    muoquark: str | None = None,
    category: str | None = None,
    max_charge: int | None = None,
    ids: list[str] | None = None,
) -> list[ScanModel]:
    """The Z′ models of a scan.

    Args:
        model: ``Zp`` (with ``atlas`` or ``ids``) or a named Z′ model (``B-3Lmu``, ``Lmu-Ltau``, ...).
        atlas: every quark-universal atlas entry (|X| <= ``max_charge``) the filters keep.
        muoquark: keep entries where this LQ (S3, S1, R2, Spm) is a muoquark.
        category: ``vector`` or ``chiral``.
        max_charge: atlas charge range (default 10).
        ids: explicit atlas ids (``A0001``...), combined with the filters.

    Raises:
        UnknownModel: unknown model name or atlas id; InvalidParameter: inconsistent options
            or nothing left after filtering.
    """
    if model.lower() != "zp":
        if atlas or ids or muoquark or category or max_charge is not None:
            msg = f"--atlas/--ids/--muoquark/--category/--max-charge need --model Zp, not {model!r}"
            raise InvalidParameter(msg)
        return [_named_model(model)]
    if not atlas and not ids:
        msg = "--model Zp needs --atlas (all atlas entries the filters keep) or --ids A0001,..."
        raise InvalidParameter(msg)
    return _atlas_models(muoquark=muoquark, category=category, max_charge=max_charge, ids=ids)


def _named_model(name: str) -> ScanModel:
    """A named Z′ model (``B-3Lmu``, ``Zp_SSM``, ...) as a scan model."""
    from recast.models import LEPTOQUARKS, ZPrimeModel, get_model, model_names

    z = get_model(name)  # UnknownModel with a hint for bad names
    if not isinstance(z, ZPrimeModel):
        zs = [n for n in model_names() if n not in LEPTOQUARKS]
        msg = f"recast scan covers Z' models; {name!r} is a {z.kind}; use one of {', '.join(zs)}"
        raise InvalidParameter(msg)
    return ScanModel(z.name, z.charges)  # type: ignore[attr-defined]


def _atlas_models(*, muoquark: str | None, category: str | None, max_charge: int | None,
                  ids: list[str] | None) -> list[ScanModel]:
    """The atlas entries at |X| <= *max_charge* (or the *ids*) that the filters keep."""
    from recast.u1x import DEFAULT_MAX_CHARGE, enumerate_atlas, filter_atlas

    n_max = DEFAULT_MAX_CHARGE if max_charge is None else max_charge
    sols = enumerate_atlas(max_charge=n_max)
    if ids:
        by_id = {s.id: s for s in sols}
        missing = [i for i in ids if i.upper() not in by_id]
        if missing:
            msg = f"unknown atlas id {missing[0]!r}; the universal atlas at |X| <= {n_max} has A0001..A{len(sols):04d}"
            raise UnknownModel(msg)
        sols = tuple(by_id[i.upper()] for i in ids)
    kept = filter_atlas(sols, muoquark=muoquark, category=category)
    if not kept:
        msg = "no atlas entry passes the filters; relax --muoquark/--category or raise --max-charge"
        raise InvalidParameter(msg)
    return [ScanModel(s.id, s.charges()) for s in kept]
