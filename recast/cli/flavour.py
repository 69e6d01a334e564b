"""``recast flavour``: b→sμμ Wilson coefficients, flavour observables, pulls and χ² of a model point."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from recast.atomic import check_output, write_text

if TYPE_CHECKING:
    from recast.lowenergy.fit import FlavourResult
    from recast.lowenergy.smelli import SmelliResult

__all__ = ["flavour", "format_result", "write_json_atomic"]


def __dir__() -> list[str]:
    return __all__


def write_json_atomic(doc: dict[str, Any], path: Path, *, force: bool = False) -> None:
    """Write ``doc`` as JSON to ``path`` via a temp file in the same directory and ``os.replace``.

    Raises:
        OutputExists: ``path`` exists and ``force`` is false.
        OutputNotWritable: ``path`` is a folder or cannot be written.
    """
    path = check_output(path, force=force, kind="file", option="--json")
    write_text(path, json.dumps(doc, indent=2, sort_keys=False) + "\n")


def format_result(res: FlavourResult, smelli: SmelliResult | None = None) -> str:
    """Human-readable table of a :class:`recast.lowenergy.FlavourResult`; with a
    :class:`recast.lowenergy.smelli.SmelliResult`, smelli's verdict replaces the built-in fit's table."""
    wc = res.wilson
    head = [f"model {res.model} at M = {res.mass_GeV:g} GeV; fit inputs: {res.fit_label}"]
    if smelli is not None:
        head = [f"model {res.model} at M = {res.mass_GeV:g} GeV; likelihood: smelli (global SMEFT likelihood)"]
    lines = [
        *head,
        "",
        "Wilson coefficients (NP, mu = m_b; H_eff = -(4G_F/sqrt2) V_tb V_ts* e^2/(16pi^2) sum C_i O_i):",
        f"  C9 = {wc.C9 + 0.0:+.4g}   C10 = {wc.C10 + 0.0:+.4g}   "
        f"C9' = {wc.C9p + 0.0:+.4g}   C10' = {wc.C10p + 0.0:+.4g}",
        f"  BR(Bs->mumu)/SM = {res.bs_mumu_ratio:.4g} (not in chi2: inside the b->smumu fit)",
        *([f"  b->dmumu (V_tb V_td* normalisation): C9_bd = {wc.C9_bd:+.4g}   C10_bd = {wc.C10_bd:+.4g}"
           " (not in chi2)"] if wc.C9_bd or wc.C10_bd else []),
        "",
    ]
    if smelli is not None:
        lines += [smelli.text(), *(f"  note: {n}" for n in res.notes)]
        return "\n".join(lines)
    lines += [
        "likelihood: built-in 4-observable fit (--likelihood smelli: smelli's global likelihood)",
        f"  {'observable':<26} {'prediction':>12} {'measured':>18} {'pull':>8}",
    ]
    for o in res.observables:
        unit = f" [{o.unit}]" if o.unit else ""
        meas = f"{o.value:.4g} ± {o.sigma:.2g}"
        lines.append(f"  {o.label + unit:<26} {o.prediction:>12.4g} {meas:>18} {o.pull:>+8.2f}")
    dchi2 = res.chi2 - res.chi2_sm
    lines += ["", f"  chi2 = {res.chi2:.3f}   (SM: {res.chi2_sm:.3f}, delta chi2 = {dchi2:+.3f}, 4 observables)"]
    lines += [f"  note: {n}" for n in res.notes]
    return "\n".join(lines)


@click.command("flavour")
@click.option("--model", "model_name", required=True, help="Model name (S3, S1, R2, Spm, a named Z' or Zp).")
@click.option("--mass", default=None, help="Main mass in GeV (MS3, MZp, ...); default: the model's.")
@click.option(
    "--coupling",
    default=None,
    help="Couplings, e.g. 'y_bmu=1.0,y_smu=0.0015' (dimensionless); for Z' also the flavour "
    "parameters g_bs (left-handed b-s coupling) and g_bs_R.",
)
@click.option("--gX", "gx", default=None, help="Z' gauge coupling g_X (dimensionless).")
@click.option("--charges", default=None, help="U(1)_X charges for model Zp, e.g. 'q=0 L=0,1,-1'.")
@click.option("--fit", "fit", default=None, help="Flavour fit inputs: 2021 (default) or 2025.")
@click.option(
    "--likelihood",
    type=click.Choice(["builtin", "smelli"]),
    default="builtin",
    show_default=True,
    help="builtin: the 4-observable fit (fast). smelli: smelli's global SMEFT likelihood, tree-level "
    "matching at mu = M (pip install 'recast[smelli]'; 2-6 min for the first point in a process, then cached).",
)
@click.option("--json", "json_out", default=None, help="Also write the result as JSON to this path ('-' = stdout).")
@click.option("--force", is_flag=True, help="Overwrite an existing --json file.")
def flavour(
    model_name: str,
    mass: str | None,
    coupling: str | None,
    gx: str | None,
    charges: str | None,
    fit: str | None,
    likelihood: str,
    json_out: str | None,
    force: bool,
) -> None:
    """Wilson coefficients C9, C10 (b->smumu), B_s mixing, trident and (g-2)_mu of a model point,
    each with its pull against the chosen fit inputs, and the total chi2.

    Masses in GeV. Example: recast flavour --model S3 --mass 1500 --coupling "y_bmu=1.0,y_smu=0.00145"
    (add --likelihood smelli for smelli's global likelihood instead of the 4-observable fit).
    """
    from recast.api import flavour as flavour_api
    from recast.cli.options import bounded, model_from_options
    from recast.lowenergy.fit import split_couplings
    from recast.models import parse_couplings
    from recast.models.base import MAX_COUPLING

    model_params, flav = split_couplings(parse_couplings(coupling))
    flav = {k: bounded(f"coupling {k}", v, lo=-MAX_COUPLING, hi=MAX_COUPLING) for k, v in flav.items()}
    model = model_from_options(model_name, mass=mass, couplings=model_params, gx=gx, charges=charges)
    if json_out and json_out != "-":
        check_output(json_out, force=force, kind="file", option="--json")  # before computing anything
    res = flavour_api(model, likelihood=likelihood, fit=fit, g_bs=flav.get("g_bs", 0.0), g_bs_R=flav.get("g_bs_R", 0.0))
    if json_out == "-":
        click.echo(json.dumps(res.to_dict(), indent=2))
        return
    if json_out:
        write_json_atomic(res.to_dict(), Path(json_out), force=force)
    click.echo(format_result(res.result, res.smelli))
