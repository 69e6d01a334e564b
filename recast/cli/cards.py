"""``recast cards``: write MadGraph and Pythia 8 cards for a model point."""

from __future__ import annotations

import click

from recast.cli.options import model_from_options
from recast.constants import SQRT_S
from recast.models import parse_couplings, parse_number

__all__ = ["cards"]


def __dir__() -> list[str]:
    return __all__


def _integer(name: str, text: str) -> int:
    value = parse_number(name, text)
    if value != int(value):
        from recast.exceptions import InvalidParameter

        msg = f"{name} must be a whole number, got {text!r}"
        raise InvalidParameter(msg)
    return int(value)


@click.command("cards")
@click.option(
    "--model",
    "model_name",
    required=True,
    help="Model name (see `recast models`): S3, S1, R2, Spm, B-3Lmu, Lmu-Ltau, Ltilde-mu-tau, B-L, Zp.",
)
@click.option(
    "--mass", default=None, metavar="GEV", help="Main mass in GeV (MS3, MZp, ...; > 0). Default: the model's."
)
@click.option(
    "--coupling",
    default=None,
    metavar="NAME=VALUE,...",
    help="Couplings, e.g. 'y_bmu=1.0,y_smu=0.1' (dimensionless; names in `recast models show`).",
)
@click.option("--gX", "gx", default=None, metavar="FLOAT", help="Z' models: U(1)_X gauge coupling g_X (dimensionless).")
@click.option("--eps", default=None, metavar="FLOAT", help="Z' models: kinetic mixing (only 0 is supported).")
@click.option(
    "--charges",
    default=None,
    metavar="CHARGES",
    help="Model Zp: U(1)_X charges, e.g. 'q=0 L=0,1,-1' (must be anomaly-free).",
)
@click.option("--nevents", default="10000", metavar="N", show_default=True, help="Events in the MadGraph run card.")
@click.option("--seed", default="1", metavar="N", show_default=True, help="MadGraph random seed.")
@click.option(
    "--sqrt-s",
    "sqrt_s",
    default=str(int(SQRT_S)),
    metavar="GEV",
    show_default=True,
    help="Collider energy in GeV (beams sqrt-s/2 each).",
)
@click.option(
    "--out", "out", required=True, type=click.Path(), help="Output directory (must not exist unless --force)."
)
@click.option("--force", is_flag=True, help="Replace an existing output directory.")
@click.option("--ufo", "with_ufo", is_flag=True, help="Z' models and Spm: also write the UFO the proc card imports.")
def cards(
    model_name: str,
    mass: str | None,
    coupling: str | None,
    gx: str | None,
    eps: str | None,
    charges: str | None,
    nevents: str,
    seed: str,
    sqrt_s: str,
    out: str,
    force: bool,
    with_ufo: bool = False,
) -> None:
    """Write param_card.dat (SLHA), proc_card_mg5.dat, run_card.dat and pythia8.cmnd into OUT.

    Masses in GeV; widths and branching ratios are computed by recast and written into
    the DECAY blocks. Nothing is written if any input is bad.

    Example: recast cards --model S3 --mass 1500 --coupling "y_bmu=1.0,y_smu=0.1" --out s3cards
    """
    from recast.cards import write_cards
    from recast.ufo import ufo_writer

    model = model_from_options(
        model_name, mass=mass, couplings=parse_couplings(coupling), gx=gx, charges=charges, eps=eps
    )
    from recast.masses import check_collider_masses

    check_collider_masses(model, [model.mass])  # LHC generator cards: a Z' below 1 GeV has no search here
    paths = write_cards(
        model,
        out,
        force=force,
        nevents=_integer("--nevents", nevents),
        seed=_integer("--seed", seed),
        sqrt_s=parse_number("--sqrt-s", sqrt_s),
        extra=ufo_writer(model) if with_ufo else None,
    )
    click.echo(f"wrote cards for {model.label()} to {out}:")
    for s in model.states():
        click.echo(f"  {s.name}: width {s.width:.6g} GeV")
    for name in paths:
        click.echo(f"  {name}")
