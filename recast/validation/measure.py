"""Our values for the model-level checks (``recast/data/1.0.0/validation.yaml``).

Each suite maps check ids to a function returning our value in the unit of the check's
``published`` value. Only public recast functions are called, so the checks follow the
library as it changes. Analysis checks are measured by the plugins themselves
(``measure_validation``, see :mod:`recast.analysis.protocol`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from recast.exceptions import InvalidParameter

__all__ = ["MODEL_MEASUREMENTS", "atlas_universal_count", "measure_model_suite", "s3_benchmark_c9"]


def __dir__() -> list[str]:
    return __all__


def s3_benchmark_c9() -> float:
    """C9 (b→sμμ, NP part, flavio basis) of the S3 b→sμμ benchmark (``get_model("S3")``).

    Uses :func:`recast.lowenergy.wilson_coefficients` on the default S3 model
    (M = 1.5 TeV, y_bμ = 1, y_sμ = V_cb (M / 8 TeV)^2, shared/reference/physics.md §3).
    """
    from recast.lowenergy import wilson_coefficients
    from recast.models import get_model

    return float(wilson_coefficients(get_model("S3")).C9)


def atlas_universal_count() -> int:
    """Inequivalent quark-flavour-universal U(1)_X solutions, |X| <= 10, counted as the paper.

    arXiv:2107.07518 includes the trivial (all-zero) assignment in its count; recast's atlas
    excludes it by default (docs/readme/atlas.md), so the comparison adds it back.
    """
    from recast.u1x import count_solutions

    return int(count_solutions(max_charge=10, quark_class="universal", include_trivial=True))


#: suite -> check id -> measurement (our value in the unit of the published one)
MODEL_MEASUREMENTS: dict[str, dict[str, Callable[[], float]]] = {
    "flavour": {"c9_s3_benchmark": s3_benchmark_c9},
    "atlas": {"universal_count": atlas_universal_count},
}


def measure_model_suite(suite: str, check_ids: Sequence[str]) -> dict[str, float]:
    """Our value for each check id of a model-level suite.

    Raises:
        InvalidParameter: a suite or check id without a measurement here.
    """
    table = MODEL_MEASUREMENTS.get(suite)
    if table is None:
        msg = f"no measurements for model suite {suite!r} — add them to recast.validation.measure"
        raise InvalidParameter(msg)
    missing = [c for c in check_ids if c not in table]
    if missing:
        msg = f"suite {suite!r}: no measurement for {', '.join(missing)} — add it to recast.validation.measure"
        raise InvalidParameter(msg)
    return {c: float(table[c]()) for c in check_ids}
