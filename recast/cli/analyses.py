"""``recast analyses``: list the analysis plugins; fiducial σ×B limits of a resonance search."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, cast

import click

from recast.atomic import check_output, write_text
from recast.cli.options import LUMI_RANGE_FB, bounded
from recast.exceptions import UnknownAnalysis, closest
from recast.masses import parse_masses  # the shared --masses parser (re-exported)

if TYPE_CHECKING:
    from recast.analysis.protocol import FiducialRoute

__all__ = ["analyses", "parse_masses"]


def __dir__() -> list[str]:
    return __all__


@click.group("analyses", invoke_without_command=True)
@click.pass_context
def analyses(ctx: click.Context) -> None:
    """List the registered analyses (id, arXiv, luminosity in fb^-1, model kinds).

    Analyses are plugins in the ``recast.analyses`` entry-point group.
    """
    if ctx.invoked_subcommand is None:
        ctx.invoke(list_cmd)


@analyses.command("list")
def list_cmd() -> None:
    """List the registered analyses; plugins that fail to load are reported, not fatal."""
    from recast.analysis import list_analyses

    failures: dict[str, str] = {}
    rows = list_analyses(failures=failures)
    click.echo(f"{'id':<18} {'arXiv':<11} {'lumi [fb^-1]':>12}  {'data':<9} models")
    for a in rows:
        data = "observed" if a.has_observed else "expected"
        click.echo(f"{a.id:<18} {a.arxiv:<11} {a.lumi_fb:>12g}  {data:<9} {', '.join(a.applies_to)}")
    for name, reason in sorted(failures.items()):
        click.echo(f"warning: analysis {name!r} skipped: {reason}", err=True)


@analyses.command("fiducial-limits")
@click.argument("analysis_id")
@click.option("--masses", default="1000:4000:1000", show_default=True,
              help="Pole masses in GeV: START:STOP:STEP (STOP included) or M1,M2,...")
@click.option("--lumi", "lumi_fb", type=float, default=None,
              help="Luminosity in fb^-1 [default: the analysis' own; otherwise an Asimov projection].")
@click.option(
    "--json",
    "json_out",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write [{mass_GeV, expected_fb, observed_fb}] to this JSON file ('-' = stdout); "
    "must not exist unless --force.",
)
@click.option("--channel", type=click.Choice(["mumu", "ee", "ll"]), default="mumu", show_default=True,
              help="Lepton channel: mumu, ee, or ll (ee + mumu combined, one sigma x B per flavour).")
@click.option("--force", is_flag=True, help="Overwrite an existing --json file.")
def fiducial_limits_cmd(
    analysis_id: str, masses: str, lumi_fb: float | None, json_out: Path | None, channel: str, force: bool
) -> None:
    """95% CL upper limits on fiducial sigma x B [fb] of a narrow resonance (ANALYSIS_ID).

    Expected (median) and observed limits from the analysis' pyhf likelihood (its fiducial route
    through recast's evaluation step, recast.fiducial), beside the published limits where the
    analysis ships them.
    """
    from recast.analysis import get_analysis, list_analyses
    from recast.fiducial import fiducial_limits, has_fiducial_route

    ana = get_analysis(analysis_id)
    if not has_fiducial_route(ana):  # optional (protocol docstring)
        able = [a.id for a in list_analyses(failures={}) if has_fiducial_route(a)]
        msg = f"analysis {analysis_id!r} has no fiducial limits; {closest(analysis_id, able)}"
        raise UnknownAnalysis(msg)
    route = cast("FiducialRoute", ana)
    if lumi_fb is not None:
        lumi_fb = bounded("--lumi", lumi_fb, lo=LUMI_RANGE_FB[0], hi=LUMI_RANGE_FB[1], unit="fb^-1", lo_open=True)
    mass_list = parse_masses(masses)
    if json_out is not None and str(json_out) != "-":
        check_output(json_out, force=force, kind="file", option="--json")  # before computing anything
    rows = fiducial_limits(route, mass_list, lumi_fb=lumi_fb, channel=channel)
    lumi = ana.lumi_fb if lumi_fb is None else lumi_fb
    projection = lumi != ana.lumi_fb
    label = "Asimov projection, expected only" if projection else "observed data"
    click.echo(f"{ana.id} (arXiv:{ana.arxiv}), {lumi:g} fb^-1, {label}, channel {channel}: "
               "95% CL limits on fiducial sigma x B [fb]")
    click.echo(f"{'mass [GeV]':>10} {'expected':>10} {'observed':>10} {'published exp':>14} {'published obs':>14}")
    for r in rows:
        obs = "-" if r["observed_fb"] is None else f"{r['observed_fb']:.4g}"
        pub = "-" if r.get("published_expected_fb") is None else f"{r['published_expected_fb']:.4g}"
        pubo = "-" if r.get("published_observed_fb") is None else f"{r['published_observed_fb']:.4g}"
        click.echo(f"{r['mass_GeV']:>10g} {r['expected_fb']:>10.4g} {obs:>10} {pub:>14} {pubo:>14}")
    for note in ana.approximations:
        click.echo(f"approximation: {note}")
    if json_out is not None:
        payload = [
            {
                "mass_GeV": r["mass_GeV"],
                "channel": channel,
                "expected_fb": r["expected_fb"],
                "observed_fb": r["observed_fb"],
                "expected_band_fb": r.get("expected_band_fb"),
                "published_expected_fb": r.get("published_expected_fb"),
                "published_observed_fb": r.get("published_observed_fb"),
            }
            for r in rows
        ]
        text = json.dumps(payload, indent=1) + "\n"
        if str(json_out) == "-":
            click.echo(text, nl=False)
            return
        write_text(json_out, text)
        click.echo(f"wrote {json_out}")
