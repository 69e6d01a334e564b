"""``recast validate``: recast's numbers against the published ones, check by check.

Every analysis declares its checks in the ``validation`` list of its ``analysis.yaml``
(required by the analysis schema) and measures them in ``measure_validation``; model-level
checks (``flavour``, ``atlas``) live in ``recast/data/1.0.0/validation.yaml`` and are measured
in :mod:`recast.validation.measure`. Each check gets PASS / KNOWN / FAIL
(:mod:`recast.validation.status`); :mod:`recast.validation.report` writes the Markdown report
with overlay plots (``docs/validation.md``).

Example:
    >>> from recast.validation import run_validation
    >>> run = run_validation(["atlas"], fast=True)
    >>> [(r.check.id, r.ours, str(r.status)) for r in run.results]
    [('universal_count', 276.0, 'PASS')]
"""

from __future__ import annotations

from recast.validation.checks import (
    Check,
    KnownDeviation,
    Suite,
    analysis_suite,
    load_suites,
    model_suites,
    suite_names,
)
from recast.validation.report import REPORT_NAME, render_markdown, write_report
from recast.validation.run import SuiteResult, ValidationRun, run_suite, run_validation
from recast.validation.status import KNOWN_SLACK, CheckResult, Status, deviation, evaluate

__all__ = [
    "KNOWN_SLACK",
    "REPORT_NAME",
    "Check",
    "CheckResult",
    "KnownDeviation",
    "Status",
    "Suite",
    "SuiteResult",
    "ValidationRun",
    "analysis_suite",
    "deviation",
    "evaluate",
    "load_suites",
    "model_suites",
    "render_markdown",
    "run_suite",
    "run_validation",
    "suite_names",
    "write_report",
]


def __dir__() -> list[str]:
    return __all__
