"""``recast viability``: do the seed's models explain b→sμμ and (g−2)_μ while passing the constraints?"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from recast.atomic import check_output

if TYPE_CHECKING:
    from recast.viability import Verdict

__all__ = ["format_verdict", "viability", "viability_document"]


def __dir__() -> list[str]:
    return __all__


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


def format_verdict(v: Verdict) -> str:
    """The text block of one model: the three answers, what decides each, the point (and the scan ranges)."""
    head = (f"{v.model} ({v.mediators} mediator{'s' if v.mediators > 1 else ''}): b->smumu {_yes(v.b_to_s_mumu)}, "
            f"(g-2)_mu {_yes(v.g_minus_2)}, allowed {_yes(v.allowed)} => viable {_yes(v.viable).upper()}")
    lines = [head]
    lines += [f"  {k:<12} {text}" for k, text in v.deciding.items()]
    lines.append(f"  point        {_point_text(v.point)}")
    if v.scan:
        ranges = ", ".join(f"{k} {lo:g}..{hi:g} ({n})" for k, (lo, hi, n) in v.scan["ranges"].items())
        lines.append(f"  scan         {v.scan['points']} points: {ranges}")
    return "\n".join(lines)


def _point_text(point: dict[str, Any]) -> str:
    parts = []
    for name, value in point.items():
        if isinstance(value, dict) and name != "X_LQ":
            inner = ", ".join(f"{k}={x:.4g}" if isinstance(x, float) else f"{k}={x}" for k, x in value.items()
                              if k not in ("g_V_mu", "g_A_mu", "g_nu_mu", "charges"))
            parts.append(f"{name}[{inner}]")
        elif isinstance(value, dict):
            parts.append("X: " + ", ".join(f"{k} {x}" for k, x in value.items()))
        else:
            parts.append(f"{name} {value}")
    return "; ".join(parts)


def _evaluate(names: list[str], fit: str | None) -> list[Verdict]:
    from recast.viability import best_single, get_composite, judge, preset_names, single_names

    singles = {n.lower(): n for n in single_names()}
    presets = {n.lower(): n for n in preset_names()}
    for n in names:  # every name is checked before the first evaluation
        if n.lower() not in singles and n.lower() not in presets:
            get_composite(n)  # raises UnknownModel naming the closest
    return [best_single(singles[n.lower()], fit=fit) if n.lower() in singles else judge(get_composite(n), fit=fit)
            for n in names]


def viability_document(verdicts: list[Verdict], fit: str | None) -> dict[str, Any]:
    """The ``--json`` document (schema recast/schemas/1.0.0/viability.schema.json)."""
    from recast.lowenergy.fit import load_fit
    from recast.schemas import SCHEMA_VERSION
    from recast.viability import LHC_INPUTS
    from recast.viability.verdict import NSIGMA

    spec = load_fit(fit)
    return {"schema_version": SCHEMA_VERSION, "fit": spec["name"], "fit_label": spec["label"], "nsigma": NSIGMA,
            "lhc_inputs": LHC_INPUTS, "results": [v.as_dict() for v in verdicts]}


@click.command("viability")
@click.argument("names", nargs=-1, metavar="[MODEL]...")
@click.option("--fit", default=None, help="Flavour fit inputs: 2021 (default, the one the seed models target) or 2025.")
@click.option("--json", "json_out", default=None, help="Also write the results as JSON to this file.")
@click.option("--force", is_flag=True, help="Overwrite an existing --json file.")
def viability(names: tuple[str, ...], fit: str | None, json_out: str | None, force: bool) -> None:
    """Does each model explain b->smumu and (g-2)_mu, and is it allowed? Prints the constraint deciding each.

    MODEL: a composite preset (ModelI, ModelII, ModelIII, TypeA, TypeB, TypeC) or a single mediator
    (S3, S1, R2, Zp_heavy, Zp_light: best point of a grid scan over its couplings and mass, ranges printed).
    With no MODEL: the seed's list (every single mediator, then the presets). Masses in GeV.
    """
    from recast.cli.flavour import write_json_atomic
    from recast.lowenergy.fit import load_fit
    from recast.viability import LHC_INPUTS, seed_list

    spec = load_fit(fit)  # a bad --fit fails before any work
    if json_out:
        check_output(json_out, force=force, kind="file", option="--json")
    verdicts = _evaluate(list(names) or seed_list(), fit)
    if json_out:
        write_json_atomic(viability_document(verdicts, fit), Path(json_out), force=force)
    click.echo(f"fit inputs: {spec['label']} (explains = within 2 sigma)")
    click.echo(f"{LHC_INPUTS}")
    click.echo("")
    click.echo("\n\n".join(format_verdict(v) for v in verdicts))
    single = [v for v in verdicts if v.mediators == 1]
    if single:
        both = [v.model for v in single if v.viable]
        click.echo("")
        click.echo(f"single mediator explaining both anomalies while allowed: {', '.join(both) if both else 'NONE'}")
    multi = [v.model for v in verdicts if v.mediators > 1 and v.viable]
    if len(verdicts) > len(single):
        click.echo(f"viable multi-mediator models: {', '.join(multi) if multi else 'none'}")
