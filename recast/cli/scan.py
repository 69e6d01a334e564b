"""``recast scan``: dimuon searches (the constraining one, the combination) and flavour fit over Z′ models x masses;
with ``--plane``, a leptoquark coupling plane x masses from the efficiency maps (:mod:`recast.scan.plane`)."""

from __future__ import annotations

import math
import re
from typing import Any

import click

__all__ = ["format_table", "scan"]


def __dir__() -> list[str]:
    return __all__


#: A Dask scheduler address: protocol://host:port (tcp, tls, ucx, inproc, ws, wss).
_SCHEDULER = re.compile(r"^((tcp|tls|ucx|ws|wss)://[^\s/:]+:\d{1,5}|inproc://\S+)/?$")


def format_table(rows: list[dict[str, Any]], *, limit: int | None = None) -> str:
    """Plain-text ranking table (rank, model, X_q, muon X_L2/X_E2, excluded, flavour 1σ, viable masses,
    the constraining search per mass)."""
    head = (f"{'rank':>4} {'model':<9} {'X_q':>4} {'X_mu':>7} {'excluded (obs) [GeV]':<22} "
            f"{'flavour 1sigma [GeV]':<22} {'viable [GeV]':<18} constraining search [GeV]")
    lines = [head.rstrip()]
    shown = rows if limit is None else rows[:limit]
    for r in shown:
        lines.append(
            f"{r['rank']:>4} {r['model']:<9} {r['X_q']:>4} {r['X_mu']:>7} {r['excluded_obs']:<22} "
            f"{r['flavour_1sigma']:<22} {r['viable_masses']:<18} {r['constraining_search']}".rstrip()
        )
    if limit is not None and len(rows) > limit:
        lines.append(f"... {len(rows) - limit} more in the CSV/JSON")
    return "\n".join(lines)


@click.command("scan")
@click.option("--model", "model", default="Zp", show_default=True,
              help="Zp (with --atlas or --ids) or a named Z' model (B-3Lmu, Lmu-Ltau, Ltilde-mu-tau, B-L); "
                   "S3, S1 or R2 with --plane (couplings), Spm with --plane (its masses MSp, MSm).")
@click.option("--atlas", is_flag=True, help="Scan every quark-universal atlas entry the filters keep.")
@click.option("--ids", default=None, help="Comma-separated atlas ids (A0001,A0150) instead of / within --atlas.")
@click.option("--muoquark", default=None, help="Keep atlas entries where this LQ is a muoquark: S3, S1, R2, Spm.")
@click.option("--category", type=click.Choice(["vector", "chiral"]), default=None,
              help="Keep vector or chiral atlas entries.")
@click.option("--max-charge", type=click.IntRange(min=1, max=100), default=None,
              help="Atlas charge range |X| <= N (default 10).")
@click.option("--masses", default=None,
              help="Masses in GeV: START:STOP:STEP (stop included) or a comma list. Z': 250-5806 GeV "
                   "[default 500:5000:250]; --plane: inside the efficiency maps (400-2500 GeV) "
                   "[default 1000:2400:200].")
@click.option("--plane", default=None,
              help="Leptoquark coupling plane (--model S3|S1|R2): 'y_bmu=LO:HI:N,y_smu=LO:HI:N', log spacing "
                   "('y_bmu=lin:LO:HI:N' for linear). Per point and mass: collider CLs at mu = 1 from the efficiency "
                   "maps and the `recast flavour` verdicts; scan.csv has one row per (coupling point, mass). "
                   "--model Spm: the masses, 'MSp=lin:1000:7000:25,MSm=lin:1000:7000:25' [GeV]: (g-2) band and the "
                   "published LQ pair limits (no LHC verdict above the 3 TeV cross-section table).")
@click.option("--coupling", "coupling", default=None,
              help="--plane: the other couplings, e.g. 'y_dmu=0.1' (default: the model's benchmark, e.g. S3 "
                   "y_bmu = 1, y_smu = V_cb (M/8 TeV)^2, minus the plane's own).")
@click.option("--lumi", type=float, default=139.0, show_default=True,
              help="--plane: luminosity in fb^-1 (an analysis' own luminosity uses its observed data).")
@click.option("--plot", "plot", is_flag=True,
              help="--plane with S3 (y_bmu, y_smu): also draw OUT/lq_plane.pdf/.png, the collider contour along "
                   "y_bmu ~ 1 with the flavour bands.")
@click.option("--dask", "use_dask", is_flag=True,
              help="--plane: run the fits on a Dask LocalCluster of --jobs workers (default: forked processes).")
@click.option("--gX", "gx", type=float, default=0.1, show_default=True,
              help="U(1)_X gauge coupling (multiplies the charges; dimensionless, > 0 and <= 4π).")
@click.option("--analysis", "analyses", multiple=True,
              help="Dimuon search id (repeatable; default: every installed search that constrains Z' models).")
@click.option("--method", type=click.Choice(["asymptotic", "bayesian"]), default=None,
              help="Limit method of every search (default: the one each analysis' paper used, from its analysis.yaml).")
@click.option("--fit", default="2021", show_default=True, help="Flavour fit inputs: 2021 or 2025.")
@click.option("--jobs", "-j", type=click.IntRange(min=1, max=256), default=None,
              help="LocalCluster worker processes (1 thread each) [default 1]; --plane: processes for the fits "
                   "[default: all cores].")
@click.option("--scheduler", default=None,
              help="Address of an existing Dask scheduler (tcp://host:8786), or 'synchronous' to run in process.")
@click.option("--out", "out_dir", default="scan-results", show_default=True, type=click.Path(file_okay=False),
              help="Output directory for scan.csv and scan.json.")
@click.option("--force", is_flag=True, help="Overwrite existing scan.csv/scan.json.")
@click.option("--top", type=click.IntRange(min=0), default=20, show_default=True, help="Rows of the ranking to print.")
@click.option("--progress/--no-progress", default=True, show_default=True, help="Progress bar of points done (stderr).")
def scan(
    model: str,
    atlas: bool,
    ids: str | None,
    muoquark: str | None,
    category: str | None,
    max_charge: int | None,
    masses: str | None,
    plane: str | None,
    coupling: str | None,
    lumi: float,
    plot: bool,
    use_dask: bool,
    gx: float,
    analyses: tuple[str, ...],
    method: str | None,
    fit: str,
    jobs: int | None,
    scheduler: str | None,
    out_dir: str,
    force: bool,
    top: int,
    progress: bool,
) -> None:
    """Scan Z' models x masses: dimuon exclusion (every Z' search, e.g. ATLAS 139 fb^-1 and CMS
    140 fb^-1: the constraining one per mass and their combination), the flavour-preferred
    region (b->smumu with a free g_bs, B_s mixing, trident) and viability.

    Writes OUT/scan.csv (one row per model, ranked) and OUT/scan.json (rows, every point,
    inputs). Points are cached on disk: re-running skips done points, an interrupted scan resumes.

    Example: recast scan --model Zp --atlas --muoquark S3 --masses 500:5000:250 --gX 0.1

    With --plane (leptoquarks): recast scan --model S3 --plane "y_bmu=0.01:2:20,y_smu=0.01:2:20"
    --masses 1000:2200:200 writes OUT/scan.csv with one row per (coupling point, mass).
    """
    import os
    from pathlib import Path

    if plane is not None:  # one BLAS thread per fit process: set before the imports below load numpy
        for var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
            os.environ.setdefault(var, "1")

    from recast.atomic import check_output
    from recast.cli.options import bounded
    from recast.exceptions import InvalidParameter
    from recast.lowenergy import load_fit
    from recast.models.base import MAX_COUPLING
    from recast.scan import parse_scan_masses, run_scan, scan_models, summarise, write_outputs

    gx = bounded("--gX", gx, lo=0.0, hi=MAX_COUPLING, lo_open=True)
    if scheduler is not None and scheduler != "synchronous" and not _SCHEDULER.match(scheduler):
        msg = (f"--scheduler {scheduler!r} is neither 'synchronous' nor a Dask scheduler address — "
               "give e.g. tcp://127.0.0.1:8786 (from `dask scheduler`) or 'synchronous'")
        raise InvalidParameter(msg)
    fit_name = load_fit(fit)["name"]  # unknown fit -> one-line error with the valid names
    if plane is not None:
        _plane_scan(model=model, plane=plane, masses=masses, coupling=coupling, lumi=lumi, analyses=analyses,
                    method=method, fit=fit_name, jobs=jobs, scheduler=scheduler, use_dask=use_dask, out_dir=out_dir,
                    force=force, progress=progress, plot=plot)
        return
    jobs = jobs or 1
    grid = parse_scan_masses(masses or "500:5000:250")
    id_list = [x.strip() for x in ids.split(",") if x.strip()] if ids else None
    models = scan_models(model, atlas=atlas, muoquark=muoquark, category=category, max_charge=max_charge, ids=id_list)
    for name in ("scan.csv", "scan.json"):  # before the scan runs: existing outputs, a read-only --out
        check_output(Path(out_dir) / name, force=force)
    run = run_scan(models, grid, gx=gx, fit=fit_name, jobs=jobs, scheduler=scheduler, progress=progress,
                   analyses=list(analyses) or None, method=method)
    rows = summarise(models, grid, run.points)
    inputs = {
        "model": model, "atlas": atlas, "ids": id_list, "muoquark": muoquark, "category": category,
        "max_charge": max_charge, "masses_GeV": grid, "gX": gx, "fit": fit_name,
        "fit_label": load_fit(fit_name)["label"], "analyses": run.analyses, "method": method or "declared per analysis",
    }
    csv_path, json_path = write_outputs(out_dir, rows, inputs=inputs, force=force)
    n_viable = sum(r["viable"] for r in rows)
    click.echo(
        f"scan: {len(models)} models x {len(grid)} masses = {len(run.points)} points "
        f"({run.cached} from cache, {run.computed} computed) in {run.seconds:.1f} s on {run.executor}"
    )
    click.echo(f"g_X = {gx:g}, flavour fit {fit_name}; dimuon searches: {', '.join(run.analyses) or 'none needed'}; "
               f"viable models: {n_viable} of {len(rows)}")
    click.echo(format_table(rows, limit=top))
    click.echo(f"wrote {csv_path} and {json_path}")


def _plane_scan(*, model: str, plane: str, masses: str | None, coupling: str | None, lumi: float,
                analyses: tuple[str, ...], method: str | None, fit: str, jobs: int | None, scheduler: str | None,
                use_dask: bool, out_dir: str, force: bool, progress: bool, plot: bool = False) -> None:
    """``recast scan --plane``: check everything, run :func:`recast.scan.plane.run_plane`, write and report."""
    from pathlib import Path

    from recast.atomic import check_output
    from recast.exceptions import InvalidParameter
    from recast.masses import parse_masses
    from recast.models import parse_couplings
    from recast.models.leptoquark import LEPTOQUARKS
    from recast.scan.plane import parse_plane, run_plane, write_plane_outputs

    axes = parse_plane(plane, model)
    if model == "Spm":
        _spm_plane_scan(axes, masses=masses, coupling=coupling, lumi=lumi, analyses=analyses, method=method, fit=fit,
                        scheduler=scheduler, use_dask=use_dask, out_dir=out_dir, force=force, plot=plot)
        return
    if plot and (model, axes[0].name, axes[1].name) != ("S3", "y_bmu", "y_smu"):
        msg = "--plot draws the S3 (y_bmu, y_smu) plane — give --plane 'y_bmu=...,y_smu=...' or drop --plot"
        raise InvalidParameter(msg)
    if method not in (None, "asymptotic"):
        msg = (f"--plane computes asymptotic CLs at mu = 1 for every point; --method {method} is not available "
               "there — drop --method (or check single points with recast limits --method bayesian)")
        raise InvalidParameter(msg)
    grid = parse_masses(masses or LEPTOQUARKS[model].DEFAULT_MASSES)
    fixed = parse_couplings(coupling) if coupling else None
    for name in ("scan.csv", "scan.json"):
        check_output(Path(out_dir) / name, force=force)
    run = run_plane(model, axes, grid, fixed=fixed, lumi_fb=lumi, fit=fit, analyses=list(analyses) or None,
                    jobs=jobs, scheduler=scheduler, dask=use_dask, progress=progress)
    fixed_text = {f"{m:g}": v for m, v in run.fixed.items()}
    inputs = {"model": model, "plane": [a.text() for a in axes], "masses_GeV": grid, "lumi_fb": lumi, "fit": fit,
              "fixed_couplings": fixed_text, "fixed_from": "--coupling" if fixed is not None else "model benchmark",
              "analyses": run.analyses, "method": "asymptotic CLs at mu = 1 (q~mu, arXiv:1007.1727)"}
    csv_path, json_path = write_plane_outputs(out_dir, run, inputs=inputs, force=force)
    _report_plane(run, model, axes, lumi, inputs)
    click.echo(f"wrote {csv_path} and {json_path}")
    if plot:
        from recast.plotting.planes import plot_lq_plane

        paths = plot_lq_plane(Path(out_dir), lhc_plane=run.rows, fit=fit, lumi_fb=lumi,
                              mass_range=(min(grid) * 0.8, 1.0e4))
        click.echo("wrote " + " and ".join(str(p_) for p_ in paths))


def _spm_plane_scan(axes: Any, *, masses: str | None, coupling: str | None, lumi: float, analyses: tuple[str, ...],
                    method: str | None, fit: str, scheduler: str | None, use_dask: bool, out_dir: str, force: bool,
                    plot: bool) -> None:
    """``recast scan --model Spm --plane 'MSp=...,MSm=...'``: Model III's mass plane (recast.viability.spm_plane)."""
    from pathlib import Path

    from recast.atomic import check_output
    from recast.models import parse_couplings
    from recast.viability.spm_plane import run_spm_plane, write_spm_plane_outputs, xsec_table_end

    _refuse_spm_options(masses=masses, analyses=analyses, method=method, lumi=lumi,
                        dask=use_dask or scheduler is not None)
    fixed = parse_couplings(coupling) if coupling else None
    stems = ["scan.csv", "scan.json"] + (["spm_plane.pdf", "spm_plane.png"] if plot else [])
    for name in stems:
        check_output(Path(out_dir) / name, force=force)
    run = run_spm_plane(axes, couplings=fixed, fit=fit)
    end = xsec_table_end()
    inputs = {"model": "Spm", "plane": [a.text() for a in axes], "fit": fit, "fixed_couplings": run.fixed[0.0],
              "fixed_from": "--coupling" if fixed is not None else "model defaults",
              "analyses": run.analyses, "xsec_table_end_GeV": end,
              "method": "published scalar-LQ pair mass limits rescaled by sigma(M) B^2 (recast.viability.verdict)"}
    csv_path, json_path = write_spm_plane_outputs(out_dir, run, inputs=inputs, force=force)
    _report_spm_plane(run, axes, inputs)
    click.echo(f"wrote {csv_path} and {json_path}")
    if plot:
        _plot_spm_plane(Path(out_dir), axes, fixed, fit)


def _refuse_spm_options(*, masses: str | None, analyses: tuple[str, ...], method: str | None, lumi: float,
                        dask: bool) -> None:
    """One-line errors for the ``recast scan`` options the Spm mass plane does not take."""
    from recast.exceptions import InvalidParameter

    why = {"--masses": masses is not None and "the plane's axes are the masses MSp and MSm",
           "--analysis": bool(analyses) and "the Spm plane uses the published LQ pair limits, not the efficiency maps",
           "--method": method is not None and "the published limits need no fit",
           "--lumi": lumi != 139.0 and "the published limits hold at their own luminosities",
           "--dask/--scheduler": dask and "the Spm plane runs in process"}
    for opt, reason in why.items():
        if reason:
            msg = f"{opt} does not apply to --model Spm --plane ({reason}) — drop {opt}"
            raise InvalidParameter(msg)


def _report_spm_plane(run: Any, axes: Any, inputs: dict[str, Any]) -> None:
    """The printed summary of the Spm mass plane: inputs, then per M_S+ the counts over M_S−."""
    rows = run.rows
    end = inputs["xsec_table_end_GeV"]
    click.echo(f"plane scan: Spm {axes[0].text()} x {axes[1].text()} = {len(rows)} points in {run.seconds:.1f} s "
               f"({run.executor})")
    values = ", ".join(f"{k}={v:.4g}" for k, v in run.fixed[0.0].items())
    click.echo(f"couplings ({inputs['fixed_from']}): {values} (Delta a_mu depends on the masses only: m_mu fixes "
               "eta_L eta_R A<phi>)")
    click.echo(f"collider: published LQ pair limits (B = 1 limits rescaled by sigma B^2); the pair cross-section table "
               f"ends at {end:g} GeV: cells with a state above it and none excluded below it have no LHC verdict")
    x, y = axes[0].name, axes[1].name
    mixes = [r["mmu_eta_sin2theta"] for r in rows if r["mmu_eta_sin2theta"] is not None]
    click.echo(f"m_mu condition: |eta_L eta_R sin 2theta| = {min(mixes, default=math.inf):.3g}-"
               f"{max(mixes, default=math.inf):.3g} off the diagonal; {sum(not r['mmu_perturbative'] for r in rows)} "
               "cells need it > 4 pi (non-perturbative; M_S+ = M_S- admits no mixing)")
    click.echo(f"{x + ' [GeV]':>11} {'points':>6} {'excl. obs':>9} {'outside':>7} {'g2 1s':>5} {'g2 2s':>5} "
               f"{'viable':>6} {'unknown':>7}")
    for xv in sorted({r["x"] for r in rows}):
        sub = [r for r in rows if r["x"] == xv]
        click.echo(f"{xv:>11g} {len(sub):>6} {sum(r['excluded_obs'] is True for r in sub):>9} "
                   f"{sum(r['status'] == 'outside xsec table' for r in sub):>7} {sum(r['g2_1sigma'] for r in sub):>5} "
                   f"{sum(r['g2_2sigma'] for r in sub):>5} {sum(r['viable'] is True for r in sub):>6} "
                   f"{sum(r['viable'] is None for r in sub):>7}")
    click.echo(f"(rows: {x}; columns count cells over {y}; unknown = (g-2) explained but no LHC verdict)")


def _plot_spm_plane(out: Any, axes: Any, fixed: dict[str, float] | None, fit: str) -> None:
    """``--plot``: the spm-plane figure over the scanned range, its LHC region from the scan's own cells."""
    from recast.plotting.spm_plane import plot_spm_plane
    from recast.viability.spm_plane import spm_cell

    lo, hi, n = min(a.lo for a in axes), max(a.hi for a in axes), max(a.n for a in axes)

    def excluded(m_plus: float, m_minus: float) -> bool:
        return spm_cell(m_plus, m_minus, couplings=fixed, fit=fit)["excluded_obs"] is True

    paths = plot_spm_plane(out, fit=fit, mass_range=(lo, hi), n=n, lhc_label="published LQ pair limits",
                           lhc_excluded=excluded)
    click.echo("wrote " + " and ".join(str(p_) for p_ in paths))


def _report_plane(run: Any, model: str, axes: Any, lumi: float, inputs: dict[str, Any]) -> None:
    """The printed summary of a plane scan: counts, fixed couplings, method, per-mass verdict counts."""
    fixed_text = inputs["fixed_couplings"]
    grid = inputs["masses_GeV"]
    n = len(run.rows)
    click.echo(f"plane scan: {model} {axes[0].text()} x {axes[1].text()} x {len(grid)} masses = {n} points; "
               f"{run.distinct} distinct branching-ratio patterns fitted ({run.cached} from cache, {run.computed} "
               f"computed) in {run.seconds:.1f} s on {run.executor}")
    fixed_desc = "; ".join(f"{m}: " + (", ".join(f"{k}={v:.4g}" for k, v in c.items()) or "none")
                           for m, c in fixed_text.items())
    click.echo(f"other couplings ({inputs['fixed_from']}): {fixed_desc}")
    click.echo(f"collider: {', '.join(run.analyses)} from the efficiency maps at {lumi:g} fb^-1, asymptotic CLs at "
               "mu = 1 (valid for >~10 background events under the signal; the highest-mass bins hold fewer)")
    click.echo(f"{'mass [GeV]':>10} {'ok':>5} {'excl. obs':>9} {'excl. exp':>9} {'flavour 1s':>10} {'viable':>6}")
    for m in grid:
        rows = [r for r in run.rows if r["mass_GeV"] == m]
        ok = [r for r in rows if r["status"] == "ok"]
        obs = [r["excluded_obs"] for r in ok if r["excluded_obs"] is not None]
        obs_text = str(sum(obs)) if obs else "n/a"  # the quoted analysis has no observed data
        click.echo(f"{m:>10g} {len(ok):>5} {obs_text:>9} "
                   f"{sum(bool(r['excluded_exp']) for r in ok):>9} {sum(r['flavour_1sigma'] for r in rows):>10} "
                   f"{sum(r['viable'] for r in rows):>6}")
