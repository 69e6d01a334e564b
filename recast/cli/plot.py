"""``recast plot RESULT.json``: figures from a saved ``recast limits`` result (PDF + PNG)."""

from __future__ import annotations

import json
import math
import os
import sys
from pathlib import Path
from typing import Any

import click

from recast.exceptions import InvalidCard, OutputExists

__all__ = ["dimuon_gx_limits", "plot", "plots_from_result"]


def __dir__() -> list[str]:
    return __all__


def _muon_br(result: dict[str, Any]) -> float | None:
    """B(LQ -> mu q) when every contributing state decays to muon + quark with one common BR, else None.

    ``branching_ratios`` maps state -> "<pdg> <pdg>" -> BR (limits.json schema).
    """
    brs = set()
    for channels in result["branching_ratios"].values():
        mu = sum(br for ch, br in channels.items() if {abs(int(x)) for x in ch.split()} & {13})
        if mu > 0:
            brs.add(round(mu, 3))
    return brs.pop() if len(brs) == 1 else None


def dimuon_gx_limits(result: dict[str, Any], g_x: float) -> list[tuple[float, float]]:
    """(mass GeV, largest allowed g_X) from a Z′ limit result computed at coupling ``g_x``.

    σ×B ∝ g_X² at fixed mass (all partial widths scale as g_X², so the BRs do not change;
    narrow-width approximation), hence g_X,max = g_X·√μ_UL (observed, else expected median).
    """
    out = []
    for p in sorted(result["points"], key=lambda p: p["mass_GeV"]):
        mu = p["mu_ul_obs"]
        if mu is None and p["mu_ul_exp"] is not None:
            mu = p["mu_ul_exp"][2]
        if mu is not None and mu > 0 and math.isfinite(mu):
            out.append((float(p["mass_GeV"]), g_x * math.sqrt(mu)))
    return out


def plots_from_result(
    result: dict[str, Any], out_dir: Path, *, fit: str | None = None, theta_bs: float = 1e-3
) -> tuple[list[Path], list[str]]:
    """Every figure the result supports: the mass-limit plot, and the LQ or Z′ plane.

    Returns:
        (written paths, messages about figures that were skipped and why).
    """
    from recast.models import LEPTOQUARKS, get_model
    from recast.plotting import plot_lq_plane, plot_mass_limit, plot_zprime_plane

    paths = plot_mass_limit(result, out_dir, fit=fit)
    skipped: list[str] = []
    name = str(result["model"])
    lumi = float(result["lumi_fb"])
    ml = result["mass_limit_GeV"]
    if name in LEPTOQUARKS:
        if name != "S3":
            skipped.append(f"LQ plane: drawn for S3 only (model {name} has no tree-level C9 = -C10)")
        elif ml.get("observed") is None and ml.get("expected") is None:
            skipped.append("LQ plane: the result has no mass limit")
        else:
            br = _muon_br(result)
            lims = []
            for kind in ("observed", "expected"):
                if ml.get(kind) is not None:
                    label = f"this recast ({kind})" + (f", B(LQ→μq) = {br:g}" if br is not None else "")
                    lims.append({"mass_GeV": float(ml[kind]), "br_mu": br, "label": label})
            paths += plot_lq_plane(out_dir, lhc_limits=lims, fit=fit, lumi_fb=lumi)
    else:
        g_x = result["params"].get("gX")
        if g_x is None:
            skipped.append("Z' plane: the result does not say at which gX it was computed ('params': {'gX': ...})")
        else:
            try:
                charges = result.get("charges")  # written for Zp (--charges) only
                model = get_model(name, charges=charges) if charges else get_model(name)
            except Exception as err:  # noqa: BLE001 - any model error only skips the plane
                skipped.append(f"Z' plane: cannot build model {name!r}: {err}")
            else:
                paths += plot_zprime_plane(
                    out_dir,
                    model=model,
                    dimuon_limits=dimuon_gx_limits(result, float(g_x)),
                    theta_bs=theta_bs,
                    fit=fit,
                    lumi_fb=lumi,
                )
    return paths, skipped


_WHERE = "the limits.json that `recast limits` wrote (results/<model>_<lumi>fb/limits.json or <--out>/limits.json)"


def _read_result(result_file: str) -> tuple[str, str]:
    """(text, source name) of the result file; '-' reads stdin."""
    if result_file == "-":
        return sys.stdin.read(), "<stdin>"
    path = Path(result_file)
    if not path.is_file():
        what = "is a folder" if path.is_dir() else "not found"
        msg = f"result file {result_file} {what} — give {_WHERE}"
        raise InvalidCard(msg)
    try:
        return path.read_text(encoding="utf-8"), str(path)
    except UnicodeDecodeError as err:
        msg = f"{path} is not a JSON text file (binary or not UTF-8 at byte {err.start}) — give {_WHERE}"
        raise InvalidCard(msg) from err


#: The seed's figures `recast plot --figure NAME` draws (arXiv:2107.07518).
FIGURES = {
    "spm-plane": "Model III's (M_S+, M_S-) plane: the (g-2)_mu band and the LHC pair limits, 1-7 TeV",
    "single-mediator": "one Z' for both anomalies? (g_X, M_Z') from 10 MeV to 10 TeV for L_mu-L_tau and a chiral "
                       "atlas U(1)_X: the b->smumu and (g-2)_mu bands, trident and B_s mixing",
}

#: The chiral anomaly-free U(1)_X of the single-mediator figure (physics.md §2, arXiv:2107.07518).
CHIRAL_EXAMPLE = "q=0 L=-1,7,-6 E=1,6,-7 N=-7,-2,9"


def _seed_figure(name: str, out: Path, *, fit: str | None, force: bool) -> None:
    """Write figure *name* of :data:`FIGURES` as ``<name>.pdf|png`` in *out*."""
    from recast.atomic import check_output

    stem = name.replace("-", "_")
    stems = [f"{stem}_{tag}" for tag in ("Lmu-Ltau", "chiral")] if name == "single-mediator" else [stem]
    for ext in ("pdf", "png"):
        for st in stems:
            check_output(out / f"{st}.{ext}", force=force)
    paths: list[Path] = []
    if name == "single-mediator":
        from recast.models import get_model
        from recast.plotting import plot_zprime_plane

        chiral = get_model("Zp", charges=CHIRAL_EXAMPLE)
        for st, model in zip(stems, (get_model("Lmu-Ltau"), chiral), strict=True):
            paths += plot_zprime_plane(out, stem=st, model=model, fit=fit, mass_range=(0.01, 1.0e4),
                                       g_range=(1e-5, 10.0))
    if name == "spm-plane":
        from recast.models import Leptoquark, get_model
        from recast.plotting.spm_plane import plot_spm_plane
        from recast.viability.verdict import lhc_lq_check

        spm = get_model("Spm")
        assert isinstance(spm, Leptoquark)

        def excluded(m_plus: float, m_minus: float) -> bool:
            point = spm.with_params(MSp=m_plus, MSm=m_minus)
            assert isinstance(point, Leptoquark)
            return lhc_lq_check(point)[0] >= 1.0

        paths = plot_spm_plane(out, stem=stem, fit=fit, lhc_excluded=excluded, lhc_label="published LQ pair limits")
    for p in paths:
        click.echo(f"wrote {p}")


@click.command("plot")
@click.argument("result_file", required=False, default=None, metavar="RESULT.json")
@click.option(
    "--out", "out_dir", default="plots", show_default=True, help="Output directory for the PDF and PNG files."
)
@click.option("--fit", default=None, help="Flavour fit inputs stated on the plots: 2021 (default) or 2025.")
@click.option(
    "--theta-bs",
    "theta_bs",
    default=1e-3,
    show_default=True,
    type=float,
    help="Z' plane: |g_bs/g_X| (b-s coupling ratio; dimensionless, > 0 and <= 1).",
)
@click.option("--force", is_flag=True, help="Overwrite existing figures in --out.")
@click.option("--figure", "figure_name", type=click.Choice(list(FIGURES)), default=None,
              help="Draw one of the seed's figures instead of a result's: " + "; ".join(
                  f"{k}: {v}" for k, v in FIGURES.items()))
def plot(result_file: str | None, out_dir: str, fit: str | None, theta_bs: float, force: bool,
         figure_name: str | None) -> None:
    """Make the figures from a saved `recast limits` JSON result (RESULT.json, '-' = stdin):
    the sigma x B limit vs mass [pb, GeV], and the LQ (M, |y_bmu y_smu|) or Z' (M, g_X) plane
    with the flavour constraints; or, with --figure, one of the seed's figures. Nothing is written
    unless every figure succeeds."""
    import shutil

    from recast.atomic import check_output, make_temp_dir
    from recast.cli.options import bounded
    from recast.lowenergy import load_fit
    from recast.plotting.exclusion import validate_limit_result

    if figure_name is not None:
        if result_file is not None:
            msg = f"--figure {figure_name} draws from recast's own physics, not from {result_file} — drop one of them"
            raise InvalidCard(msg)
        load_fit(fit)
        _seed_figure(figure_name, Path(out_dir), fit=fit, force=force)
        return
    if result_file is None:
        msg = f"no result file given — pass {_WHERE}, or '-' to read it from stdin"
        raise InvalidCard(msg)
    theta_bs = bounded("--theta-bs", theta_bs, lo=0.0, hi=1.0, lo_open=True)
    load_fit(fit)  # an unknown fit name fails before any figure is drawn
    text, source = _read_result(result_file)
    try:
        result = json.loads(text)
    except json.JSONDecodeError as err:
        msg = f"{source}: not valid JSON ({err.msg} at line {err.lineno}) — give {_WHERE}"
        raise InvalidCard(msg) from err
    if not isinstance(result, dict):
        msg = f"{source}: expected a JSON object — give {_WHERE}"
        raise InvalidCard(msg)
    validate_limit_result(result, source=source)
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        msg = f"--out {out} is a file — give a folder for the figures"
        raise InvalidCard(msg)
    check_output(out / "exclusion.pdf", force=True)  # the folder can be written (read-only, /proc, ...)
    if not force:
        existing = [p for stem in ("exclusion", "lq_plane", "zprime_plane") for p in out.glob(f"{stem}.*")]
        if existing:
            msg = f"output {existing[0]} exists — pass --force to overwrite or choose another --out"
            raise OutputExists(msg)
    tmp = make_temp_dir(out)
    try:
        made, skipped = plots_from_result(result, tmp, fit=fit, theta_bs=theta_bs)
        out.mkdir(parents=True, exist_ok=True)
        paths = []
        for p in made:  # every figure is complete before any is moved into --out
            os.replace(p, out / p.name)
            paths.append(out / p.name)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    for p in paths:
        click.echo(f"wrote {p}")
    for s in skipped:
        click.echo(f"skipped {s}")
