"""``recast limits``: model point -> LHC mass limit (the main command)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from recast.results import LimitResult

__all__ = ["limits"]


def __dir__() -> list[str]:
    return __all__


@click.command()
@click.option("--model", "model_name", required=True,
              help="Model name: S3, S1, R2, Spm, B-3Lmu, Lmu-Ltau, ..., or Zp with --charges.")
@click.option("--lumi", type=float, required=True,
              help="Integrated luminosity in fb^-1 (139 = Run 2 data; other values: Asimov projection).")
@click.option("--masses", default=None,
              help="Mass points in GeV: start:stop:step (stop inclusive) or a comma list. "
                   "Default: LQ 1000:2400:200, Z' 1000:6000:500.")
@click.option("--coupling", default=None,
              help='Dimensionless couplings, e.g. "y_bmu=1.0,y_smu=0.0014" (default: the model benchmark).')
@click.option("--gX", "g_x", type=float, default=None, help="Z' gauge coupling g_X (dimensionless).")
@click.option("--charges", default=None, help="U(1)_X charges for --model Zp: atlas id or 'q=0 L=0,1,-1 E=... N=...'.")
@click.option("--analysis", "analysis_ids", multiple=True,
              help="Analysis id (repeatable; default: all that apply). See `recast analyses`.")
@click.option("--generate", is_flag=True,
              help="Leptoquarks: generate events at every mass (Pythia 8) instead of using the efficiency maps "
                   "(the default for leptoquarks; --events-per-point and --full imply it).")
@click.option("--events-per-point", type=click.IntRange(min=10), default=None,
              help="Generated events per charge state and mass point (default 3000).")
@click.option("--events", "events_files", multiple=True, type=click.Path(dir_okay=False),
              help="Use your own events at --mass instead of generating: ntuple(s) (recast, Delphes, NanoAOD ROOT), "
                   "an LHE file (showered by Pythia 8) or a HepMC3 file; sigma from the file.")
@click.option("--mass", type=float, default=None, help="Model mass in GeV for --events.")
@click.option("--xsec", type=float, default=None,
              help="Signal cross-section in pb for --events (default: from the file).")
@click.option("--states", default=None,
              help="Leptoquarks: comma list of charge states to include (e.g. S3m43); "
                   "default all that decay to muons.")
@click.option("--seed", type=int, default=1, show_default=True, help="Generator seed.")
@click.option("--jobs", type=click.IntRange(min=1), default=None, help="Worker processes (default: all cores).")
@click.option("--fast/--full", default=True, show_default=True,
              help="Generate without (--fast, as the shipped LQ background was made) or with (--full) "
                   "hadronisation and MPI.")
@click.option("--toys", type=click.IntRange(min=100), default=None, help="CLs from toys instead of asymptotics.")
@click.option("--method", type=click.Choice(["asymptotic", "toys", "bayesian"]), default=None,
              help="Limit method for every analysis (default: the one each analysis' paper used, from its "
                   "analysis.yaml).")
@click.option("--channel", type=click.Choice(["auto", "mumu", "ee", "ll"]), default="auto", show_default=True,
              help="Dilepton channel(s) of the dilepton searches: auto (by the model's couplings: ee + mumu "
                   "combined for a model coupling to both), mumu, ee, or ll (ee + mumu).")
@click.option("--combine", is_flag=True,
              help="Also combine the searches (one pyhf workspace, shared signal strength) and quote the combined "
                   "limit.")
@click.option("--out", "out_dir", type=click.Path(file_okay=False), default=None,
              help="Output directory (default results/<model>_<lumi>fb/).")
@click.option("--force", is_flag=True,
              help="Overwrite an existing --out directory (the default results/ directory is always replaced).")
@click.option("--no-cache", is_flag=True, help="Recompute instead of reusing an identical earlier run.")
@click.option("--hepdata", "hepdata_dir", type=click.Path(file_okay=False), default=None, expose_value=False,
              callback=lambda ctx, _, v: ctx.meta.__setitem__("recast.hepdata", v),
              help="Also write the result as a HEPData submission into this folder (see `recast hepdata`).")
@click.option("--quiet", is_flag=True, help="No progress bars.")
def limits(
    model_name: str,
    lumi: float,
    masses: str | None,
    coupling: str | None,
    g_x: float | None,
    charges: str | None,
    analysis_ids: tuple[str, ...],
    generate: bool,
    events_per_point: int | None,
    events_files: tuple[str, ...],
    mass: float | None,
    xsec: float | None,
    states: str | None,
    seed: int,
    jobs: int | None,
    fast: bool,
    toys: int | None,
    method: str | None,
    channel: str,
    combine: bool,
    out_dir: str | None,
    force: bool,
    no_cache: bool,
    quiet: bool,
) -> None:
    """95% CL limits for a model: signal (LQ: efficiency maps, or --generate), the searches, pyhf fits.

    Prints a table of upper limits on the signal strength per mass point and one sentence
    with the mass limit; writes limits.json, pyhf workspaces and exclusion.pdf/png.
    """
    from pathlib import Path

    from recast import api
    from recast.atomic import check_output
    from recast.chain import parse_masses
    from recast.cli.options import LUMI_RANGE_FB, bounded
    from recast.exceptions import InvalidParameter
    from recast.models import parse_couplings
    from recast.results import summary_sentence

    lumi = bounded("--lumi", lumi, lo=LUMI_RANGE_FB[0], hi=LUMI_RANGE_FB[1], unit="fb^-1", lo_open=True)
    if xsec is not None:
        xsec = bounded("--xsec", xsec, lo=0.0, hi=1.0e9, unit="pb", lo_open=True)

    # the default results/<model>_<lumi>fb/ is recast's own: a rerun replaces it; an explicit
    # --out that exists needs --force
    out = Path(out_dir or f"results/{model_name}_{lumi:g}fb")
    force = force or out_dir is None
    check_output(out, force=force, kind="folder")  # before any generation: existing, read-only, the current folder
    hepdata_dir = click.get_current_context().meta.get("recast.hepdata")
    hepdata_force = bool(click.get_current_context().params.get("force"))  # the flag itself, not the default-out rule
    if hepdata_dir is not None:
        check_output(hepdata_dir, force=hepdata_force, kind="folder", option="--hepdata")
    params = {}
    if g_x is not None:
        params["gX"] = g_x
    if events_files and mass is None:
        msg = "--events needs --mass (GeV) of the model point the events were generated at"
        raise InvalidParameter(msg)
    if mass is not None:
        params["mass"] = mass
    kwargs = {
        "charges": charges,
        "params": params,
        "analyses": list(analysis_ids) or None,
        "events_files": list(events_files) or None,
        "xsec_pb": xsec,
        "seed": seed,
        "jobs": jobs,
        "fast": fast,
        "toys": toys,
        "method": method,
        "states": [x.strip() for x in states.split(",") if x.strip()] if states else None,
    }
    kwargs["channel"] = channel
    if combine:
        kwargs["combine"] = True
    if events_per_point:
        kwargs["events_per_point"] = events_per_point
    if generate:
        kwargs["generate"] = True
    res = api.limits(model_name, lumi, parse_masses(masses) if masses is not None else None, parse_couplings(coupling),
                     out=out, force=force, use_cache=not no_cache, progress=not quiet, **kwargs)
    _echo_table(res.result)
    if res.from_cache:
        click.echo("(served from cache; --no-cache recomputes)")
    click.echo(summary_sentence(res.result))
    click.echo(f"wrote {out}/limits.json, {out}/workspaces/, {out}/exclusion.pdf|png")
    if hepdata_dir is not None:
        from recast.cli.hepdata import echo_written
        from recast.export.hepdata import write_hepdata

        echo_written(write_hepdata(res.result, hepdata_dir, force=hepdata_force, workspaces=out / "workspaces"))


def _echo_table(result: LimitResult) -> None:
    from recast.cards.slha import particle_name

    lo, hi = result.mass_range_GeV
    several = len(result.analyses) > 1
    which = result.selection if several else result.headline_analysis
    click.echo(f"model {result.model}  lumi {result.lumi_fb:g} fb^-1  analysis {which}  "
               f"masses {lo:g}-{hi:g} GeV  limits {result.limit_method}")
    for state, brs in result.branching_ratios.items():
        ranked = sorted(brs.items(), key=lambda kv: -kv[1])
        text = ", ".join(
            f"B({' '.join(particle_name(int(p)) for p in k.split())})={v:.3f}" for k, v in ranked if v >= 1e-3
        )
        click.echo(f"  {state}: {text}")
    for note in result.notes + [f"approximation: {a}" for a in result.approximations]:
        click.echo(f"  note: {note}")
    click.echo(f"{'mass [GeV]':>10} {'sigma [pb]':>11} {'N_sig':>8} {'mu_UL obs':>10} "
               f"{'-2s':>8} {'-1s':>8} {'exp':>8} {'+1s':>8} {'+2s':>8}  analysis")
    for p in result.points:
        exp = p.mu_ul_exp or [float("nan")] * 5
        obs = "-" if p.mu_ul_obs is None else f"{p.mu_ul_obs:.3g}"
        click.echo(f"{p.mass_GeV:>10g} {p.xsec_pb:>11.3e} {p.signal_events:>8.2f} {obs:>10} "
                   + " ".join(f"{x:>8.3g}" for x in exp) + f"  {p.analysis or result.headline_analysis}")
    if several:  # every search's own mass limit, next to the quoted one
        for aid, res in result.per_analysis.items():
            lim = res.mass_limit_GeV
            click.echo(f"  {aid}: observed {_tev(lim.observed)}, expected {_tev(lim.expected)} ({res.limit_method})")
        if result.combined is not None:
            lim = result.combined.mass_limit_GeV
            click.echo(f"  combined ({' + '.join(result.combined.analyses)}): observed {_tev(lim.observed)}, "
                       f"expected {_tev(lim.expected)} ({result.combined.limit_method})")


def _tev(x: float | None) -> str:
    return "none in range" if x is None else f"{x / 1000:.2f} TeV"
