"""``recast validate``: recast's numbers vs the published ones (one row per check)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from recast.validation import CheckResult

__all__ = ["format_row", "validate"]

_HEADER = f"{'suite':<18} {'check':<22} {'ours':>11} {'published':>11} {'unit':<9} {'dev':>8} {'tol':>6}  status"


def __dir__() -> list[str]:
    return __all__


def format_row(result: CheckResult) -> str:
    """One table line: suite, check id, ours, published, unit, deviation %, tolerance %, status."""
    from recast.validation.report import format_value

    c = result.check
    dev = "—" if result.deviation is None else f"{100 * result.deviation:+.1f}%"
    unit = "" if c.unit == "1" else c.unit
    return (
        f"{result.suite:<18} {c.id:<22} {format_value(result.ours):>11} {format_value(c.published):>11} "
        f"{unit:<9} {dev:>8} {100 * c.tolerance:>5g}%  {result.status}"
    )


@click.command("validate")
@click.argument("names", nargs=-1, metavar="[NAME]...")
@click.option("--fast", is_flag=True, help="Only the fast checks (seconds, no event generation): what CI runs.")
@click.option("--report", "report_dir", type=click.Path(file_okay=False), default=None,
              help="Write DIR/validation.md and overlay plots DIR/img/validation_<suite>_<group>.png.")
@click.option("--force", is_flag=True, help="Overwrite an existing DIR/validation.md.")
@click.option("--notes/--no-notes", default=True, show_default=True, help="Print the reason under each KNOWN/FAIL row.")
def validate(names: tuple[str, ...], fast: bool, report_dir: str | None, force: bool, notes: bool) -> None:
    """Compare recast with the published numbers: each check PASS, KNOWN or FAIL.

    NAME is an analysis id (see `recast analyses`) or a model suite (flavour, atlas); none
    means all. PASS: |ours/published - 1| <= tolerance. KNOWN: outside tolerance but not
    worse than the deviation recorded (with its reason) in the check. FAIL otherwise: the
    exit status is then 1. The full set runs Pythia for the LQ search (minutes).
    """
    from recast.validation import Status, load_suites, run_suite
    from recast.validation.report import check_report_dir, write_report
    from recast.validation.run import ValidationRun

    suites = load_suites(names)  # unknown names fail here, before any measurement
    if report_dir is not None:
        check_report_dir(report_dir, force=force)  # refuse early, not after minutes of running
    click.echo(_HEADER)
    done = []
    for suite in suites:
        res = run_suite(suite, fast=fast)
        if not res.results:
            click.echo(f"{suite.name:<18} (no fast checks: run without --fast)")
        for r in res.results:
            click.echo(format_row(r))
            if notes and r.status is not Status.PASS and r.note:
                click.echo(f"{'':<18}   ↳ {r.note}")
        done.append(res)
    run = ValidationRun(tuple(done), fast)
    click.echo(run.summary())
    if report_dir is not None:
        argv = " ".join(["recast validate", *names, *(["--fast"] if fast else []), "--report", report_dir])
        paths = write_report(run, report_dir, force=force, command=argv)
        click.echo(f"wrote {paths[-1]} and {len(paths) - 1} plot(s)")
    if run.failed:
        sys.exit(1)
