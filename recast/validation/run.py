"""Measure the checks of each suite and give every one its status."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from recast.validation.checks import Suite, load_suites
from recast.validation.status import CheckResult, Status, evaluate

__all__ = ["SuiteResult", "ValidationRun", "run_suite", "run_validation"]


def __dir__() -> list[str]:
    return __all__


@dataclass(frozen=True)
class SuiteResult:
    """The measured checks of one suite.

    Attributes:
        suite: the suite definition.
        results: one result per selected check, in document order.
        seconds: wall time of the measurement.
    """

    suite: Suite
    results: tuple[CheckResult, ...]
    seconds: float


@dataclass(frozen=True)
class ValidationRun:
    """All suites of one ``recast validate`` call.

    Attributes:
        suites: per-suite results (suites without selected checks are included, empty).
        fast: only ``fast: true`` checks were run.
    """

    suites: tuple[SuiteResult, ...]
    fast: bool
    counts: dict[Status, int] = field(init=False)

    def __post_init__(self) -> None:
        counts = dict.fromkeys(Status, 0)
        for r in self.results:
            counts[r.status] += 1
        object.__setattr__(self, "counts", counts)

    @property
    def results(self) -> list[CheckResult]:
        """Every check result, suite by suite."""
        return [r for s in self.suites for r in s.results]

    @property
    def failed(self) -> bool:
        """Any FAIL (the command then exits 1)."""
        return self.counts[Status.FAIL] > 0

    def summary(self) -> str:
        """``"12 checks (fast): 1 PASS, 10 KNOWN, 1 FAIL"``; statuses with no check are left out."""
        n = sum(self.counts.values())
        mode = " (fast)" if self.fast else ""
        parts = ", ".join(f"{self.counts[s]} {s}" for s in Status if self.counts[s]) or "none run"
        return f"{n} checks{mode}: {parts}"


def _measure(suite: Suite, ids: list[str], *, fast: bool) -> tuple[dict[str, float], str]:
    """Our values (and an error note if the measurement failed as a whole)."""
    if not ids:
        return {}, ""
    try:
        return _MEASURE[suite.kind](suite, ids, fast=fast)
    except Exception as err:  # noqa: BLE001 - a plugin error becomes FAIL rows with the reason, not a traceback
        return {}, f"measurement failed: {type(err).__name__}: {err}"


def _measure_model(suite: Suite, ids: list[str], *, fast: bool) -> tuple[dict[str, float], str]:
    """A model-level suite: recast's own numbers (fast and full runs alike)."""
    from recast.validation.measure import measure_model_suite

    return measure_model_suite(suite.name, ids), ""


def _measure_analysis(suite: Suite, ids: list[str], *, fast: bool) -> tuple[dict[str, float], str]:
    """An analysis suite: the plugin's ``measure_validation``, handed recast's chain (:mod:`recast.chain`)."""
    from recast import chain as chain_module
    from recast.analysis import get_analysis
    from recast.analysis.protocol import Chain

    chain: Chain = chain_module  # mypy checks the module against the protocol the plugins are typed with

    ana = get_analysis(suite.name)
    fn: Callable[..., Mapping[str, float]] | None = getattr(ana, "measure_validation", None)  # not demanded
    if not callable(fn):
        return {}, "plugin has no measure_validation (see recast/analysis/protocol.py)"
    import inspect

    takes_chain = "chain" in inspect.signature(fn).parameters  # plugins written before the chain existed don't
    return dict(fn(ids, fast=fast, chain=chain) if takes_chain else fn(ids, fast=fast)), ""


#: how each kind of suite is measured
_MEASURE = {"model": _measure_model, "analysis": _measure_analysis}


def run_suite(suite: Suite, *, fast: bool = False) -> SuiteResult:
    """Measure the selected checks of *suite* and evaluate them."""
    checks = suite.select(fast=fast)
    t0 = time.perf_counter()
    values, error = _measure(suite, [c.id for c in checks], fast=fast)
    results = []
    for c in checks:
        v = values.get(c.id)
        results.append(evaluate(c, None if v is None else float(v), suite=suite.name, note=error))
    return SuiteResult(suite, tuple(results), time.perf_counter() - t0)


def run_validation(
    names: Sequence[str] = (),
    *,
    fast: bool = False,
    on_suite: Callable[[SuiteResult], None] | None = None,
) -> ValidationRun:
    """Run the named suites (all if empty): analyses by id, model suites by name.

    Args:
        names: analysis ids and/or model suite names (``flavour``, ``atlas``).
        fast: only the ``fast: true`` checks (seconds; no event generation).
        on_suite: called with each suite's result as soon as it is measured (progress output).

    Raises:
        UnknownAnalysis: a name that is neither (the message lists the valid names).
    """
    out = []
    for suite in load_suites(names):
        res = run_suite(suite, fast=fast)
        if on_suite is not None:
            on_suite(res)
        out.append(res)
    return ValidationRun(tuple(out), fast)
