"""``recast models``: list the model library, ``recast models show NAME``: one model in detail."""

from __future__ import annotations

import click

from recast.cli.options import model_from_options
from recast.models import Model, ZPrimeModel, get_model, model_names, parse_couplings

__all__ = ["models", "show_model"]


def __dir__() -> list[str]:
    return __all__


_ZP_SUMMARY = "Zp             zprime      Z' of any anomaly-free U(1)_X given with --charges (e.g. 'q=0 L=0,1,-1')"


@click.group(invoke_without_command=True)
@click.pass_context
def models(ctx: click.Context) -> None:
    """List the models (one line each); `recast models show NAME` for details.

    Masses are in GeV; couplings are dimensionless.
    """
    if ctx.invoked_subcommand is None:
        for name in model_names():
            click.echo(_ZP_SUMMARY if name == "Zp" else get_model(name).summary())
        from recast.cli.composite import composite_summaries

        for line in composite_summaries():  # several mediators (recast.viability)
            click.echo(line)


def _fmt_pdgs(ids: tuple[int, ...]) -> str:
    from recast.cards.slha import particle_name

    return " ".join(particle_name(i) for i in ids)


def show_model(model: Model) -> str:
    """Multi-line description: fields, states (charge, PDG id), parameters, decay table."""
    lines = [f"model {model.name} ({model.kind}): {model.description}", "", "fields (SU3, SU2, U1_Y):"]
    lines += [f"  {f}" for f in model.fields()]
    lines += ["", "states:", f"  {'name':<8} {'Q':>5} {'PDG':>8} {'mass [GeV]':>11} {'width [GeV]':>12}"]
    states = model.states()
    for s in states:
        lines.append(f"  {s.name:<8} {s.charge!s:>5} {s.pdg:>8d} {s.mass:>11.6g} {s.width:>12.5g}")
    lines += ["", "parameters (name = value [default] unit: meaning):"]
    for p in model.PARAMETERS:
        unit = f" {p.unit}" if p.unit else ""
        lines.append(f"  {p.name} = {model.params[p.name]:.6g} [{p.default:g}]{unit}: {p.description}")
    if model.DEFAULTS_NOTE:
        lines.append(f"  ({model.DEFAULTS_NOTE})")
    if isinstance(model, ZPrimeModel):
        lines += ["", "couplings g_L, g_R to SM fermions (nonzero only):"]
        for pdg, (g_l, g_r) in model.couplings().items():
            if g_l or g_r:
                lines.append(f"  {_fmt_pdgs((pdg,)):<4} g_L = {g_l:+.6g}  g_R = {g_r:+.6g}")
    from recast.lowenergy.conventions import sign_conventions

    conventions = sign_conventions(model)
    if conventions:
        lines += ["", "sign conventions (computed by recast.lowenergy; recast's couplings are real):"]
        lines += [f"  {c}" for c in conventions]
    from recast.lowenergy.clfv import clfv_lines
    from recast.lowenergy.g2 import delta_a_mu

    lines += ["", *clfv_lines(delta_a_mu(model)[0], what=f"{model.name}'s")]
    from recast.lowenergy.radiative_mass import model_mmu_lines

    mmu = model_mmu_lines(model)
    lines += ["", *mmu] if mmu else []
    lines += ["", "decays at this point:"]
    for s in states:
        lines.append(f"  {s.name}: total width {s.width:.6g} GeV")
        for ids, br in sorted(s.branching_ratios().items(), key=lambda kv: (-kv[1], kv[0])):
            lines.append(f"    -> {_fmt_pdgs(ids):<10} BR = {br:.6g}")
    return "\n".join(lines)


@models.command("show")
@click.argument("name")
@click.option(
    "--mass", "mass", default=None, metavar="GEV", help="Main mass in GeV (MS3, MZp, ...); default: the model's."
)
@click.option(
    "--coupling",
    "coupling",
    default=None,
    metavar="NAME=VALUE,...",
    help="Couplings, e.g. 'y_bmu=1.0,y_smu=0.1' (dimensionless).",
)
@click.option("--gX", "gx", default=None, metavar="FLOAT", help="Z' gauge coupling g_X (dimensionless).")
@click.option("--charges", default=None, help="U(1)_X charges for model Zp, e.g. 'q=0 L=0,1,-1'.")
def show(name: str, mass: str | None, coupling: str | None, gx: str | None, charges: str | None) -> None:
    """Fields, quantum numbers, PDG ids, parameters (units: GeV) and decay table of NAME."""
    from recast.cli.composite import is_composite, show_composite
    from recast.exceptions import InvalidParameter

    if is_composite(name):  # ModelI, ..., TypeC: mediators, charges, couplings and sources
        if any(x is not None for x in (mass, coupling, gx, charges)):
            msg = f"--mass/--coupling/--gX/--charges do not apply to the composite preset {name} — drop them"
            raise InvalidParameter(msg)
        click.echo(show_composite(name))
        return
    model = model_from_options(name, mass=mass, couplings=parse_couplings(coupling), gx=gx, charges=charges)
    click.echo(show_model(model))
