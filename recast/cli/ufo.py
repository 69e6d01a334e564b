"""``recast ufo``: write the UFO model of a Z′ (any U(1)_X, or the SSM / E6 ψ benchmark) or of the S± pair."""

from __future__ import annotations

import click

from recast.cli.options import model_from_options
from recast.models import parse_couplings

__all__ = ["ufo"]


def __dir__() -> list[str]:
    return __all__


@click.command("ufo")
@click.option("--model", "model_name", required=True,
              help="B-3Lmu, Lmu-Ltau, Ltilde-mu-tau, B-L, Zp (with --charges), Zp_SSM, Zp_psi or Spm.")
@click.option("--charges", default=None, metavar="CHARGES",
              help="Model Zp: an atlas id (A0011, T0020, ...) or charges, e.g. 'q=0 L=0,1,-1' (anomaly-free).")
@click.option(
    "--mass", default=None, metavar="GEV", help="Main mass in GeV (MZp; MSp = MSm for Spm). Default: the model's."
)
@click.option("--gX", "gx", default=None, metavar="FLOAT", help="Z' models: U(1)_X gauge coupling g_X.")
@click.option(
    "--coupling",
    default=None,
    metavar="NAME=VALUE,...",
    help="Other parameters, e.g. 'light_nuR=1' (Z') or 'eta_L=1,eta_R=0.5,A=1000' (Spm).",
)
@click.option(
    "--out",
    "out",
    required=True,
    type=click.Path(),
    help="UFO directory to write; name it as `recast cards` does (recast_<model>_UFO) to keep its proc card.",
)
@click.option("--force", is_flag=True, help="Replace an existing output directory.")
def ufo(
    model_name: str, charges: str | None, mass: str | None, gx: str | None, coupling: str | None, out: str, force: bool
) -> None:
    """Write a UFO model directory (SM of ufo-sm + the Z' or S+/S-) for MadGraph and friends.

    Benchmark Z' (Zp_SSM, Zp_psi): chiral couplings per fermion, BLOCK ZPCHIRAL (pdg, 1) = g_L,
    (pdg, 2) = g_R, fixed by the model (only --mass is free).

    Parameters, blocks and PDG ids are those of `recast cards`, so its param_card.dat loads
    into the UFO unchanged; decays.py holds recast's analytic widths; restrict_default.dat is
    the param card of this point (use `import model DIR-full` to vary the couplings in MadGraph).

    Example: recast ufo --model B-3Lmu --mass 1000 --gX 0.1 --out recast_Bm3Lmu_UFO
    """
    from recast.ufo import ufo_name, write_ufo

    model = model_from_options(model_name, mass=mass, couplings=parse_couplings(coupling), gx=gx, charges=charges)
    path = write_ufo(model, out, force=force)
    click.echo(f"wrote UFO for {model.label()} to {path}")
    click.echo(f"  MadGraph: import model {path.resolve()}   (recast cards imports {ufo_name(model)})")
