"""``recast atlas``: enumerate, check and show anomaly-free U(1)_X charge assignments."""

from __future__ import annotations

import json
import sys
from fractions import Fraction
from typing import Any, overload

import click

from recast.exceptions import InvalidParameter
from recast.u1x import DEFAULT_MAX_CHARGE, Charges, Report, enumerate_atlas
from recast.u1x.enumerate import CONSTRUCTIONS, EQUIVALENCE, PAPER_COUNT
from recast.u1x.muoquark import LEPTOQUARK_NAMES, SELECTION_RULES

__all__ = ["atlas"]


def __dir__() -> list[str]:
    return __all__


_CLASS_TEXT = {
    "universal": "quark-flavour-universal class (X_Q = X_U = X_D = X_q, X_H = 0)",
    "2+1": "2+1 class (X_Q,U,D = 0 for families 1,2, X_q3 != 0 for family 3, X_H = 0)",
}


@click.group("atlas", invoke_without_command=True)
@click.option(
    "--max-charge",
    type=int,
    default=DEFAULT_MAX_CHARGE,
    show_default=True,
    metavar="N",
    help="Every U(1)_X charge is an integer in [-N, N] (dimensionless).",
)
@click.option(
    "--class",
    "quark_class",
    type=click.Choice(["universal", "2+1"]),
    default="universal",
    show_default=True,
    help="Quark class: universal X_q, or 2+1 (X_q12 = 0, X_q3 != 0; see --construction).",
)
@click.option(
    "--construction",
    type=click.Choice(list(CONSTRUCTIONS)),
    default=None,
    help="How the 2+1 class is built. paper (default): extend each quark-universal solution with "
    "X_q != 0 by X_q12 = 0, X_q3 = 3 X_q, as arXiv:2107.07518 does (185 classes at |X| <= 10). "
    "free: scan every integer X_q3 != 0 directly (565 classes; X_q = X_q3/3 may be fractional, and "
    "380 of them extend no universal solution of the range). Only with --class 2+1.",
)
@click.option(
    "--muoquark",
    "lq",
    type=click.Choice(list(LEPTOQUARK_NAMES), case_sensitive=False),
    help="Keep classes where this LQ is a muoquark for some muon labelling. "
    + "; ".join(f"{k}: {v}" for k, v in SELECTION_RULES.items()),
)
@click.option("--category", type=click.Choice(["vector", "chiral"]), help="vector: X_Li = X_Ei (after relabelling).")
@click.option("--json", "json_path", type=click.Path(dir_okay=False), help="Write the (filtered) solutions as JSON.")
@click.option("--csv", "csv_path", type=click.Path(dir_okay=False), help="Write the (filtered) solutions as CSV.")
@click.option("--force", is_flag=True, help="Overwrite existing --json/--csv files.")
@click.option("--limit", type=click.IntRange(min=0), default=None, help="Print at most this many table rows.")
@click.pass_context
def atlas(
    ctx: click.Context,
    max_charge: int,
    quark_class: str,
    construction: str | None,
    lq: str | None,
    category: str | None,
    json_path: str | None,
    csv_path: str | None,
    force: bool,
    limit: int | None,
) -> None:
    """Enumerate anomaly-free U(1)_X with integer charges |X| <= N (arXiv:2107.07518).

    Classes are counted up to relabelling of the L, E and N families (independently),
    overall sign and normalisation (gcd = 1); the trivial solution is excluded. Ids
    (A0001.. universal, T0001.. 2+1) do not depend on --max-charge and work as
    `--model Zp --charges A0042`. The 2+1 class is the paper's construction (each universal
    solution with X_q != 0 extended by X_q12 = 0, X_q3 = 3 X_q) unless --construction free.
    Subcommands: `check` (validate charges), `show` (named model/id).
    """
    if ctx.invoked_subcommand is not None:
        return
    from recast.api import atlas as atlas_api

    res = atlas_api(max_charge=max_charge, quark_class=quark_class, construction=construction, muoquark=lq,
                    category=category)
    construction = res.construction
    click.echo(f"U(1)_X atlas: {_CLASS_TEXT[quark_class]}, integer charges |X| <= {max_charge}")
    if construction:
        other = "free" if construction == "paper" else "paper"
        n_other = len(enumerate_atlas(max_charge=max_charge, quark_class=quark_class, construction=other))
        click.echo(f"construction: {construction}: {CONSTRUCTIONS[construction]}")
        click.echo(f"  (--construction {other}: {n_other} classes; see docs/readme/atlas.md)")
    click.echo(f"equivalence: {EQUIVALENCE}")
    note = ""
    if quark_class == "universal" and max_charge == 10:
        note = f"   (arXiv:2107.07518 quotes {PAPER_COUNT} = {res.counts['all']} + the trivial solution; see docs)"
    click.echo(f"inequivalent solutions: {res.counts['all']}{note}")
    if lq:
        click.echo(f"  --muoquark {lq}: {res.counts['muoquark']}")
    if category:
        click.echo(f"  --category {category}: {res.counts['category']}")
    rows = res.rows
    if json_path:
        res.write_json(json_path, force=force)
        click.echo(f"wrote {len(rows)} solutions to {json_path}")
    if csv_path:
        res.write_csv(csv_path, force=force)
        click.echo(f"wrote {len(rows)} solutions to {csv_path}")
    _table(rows, limit)


def _table(rows: list[dict[str, Any]], limit: int | None) -> None:
    shown = rows if limit is None else rows[:limit]
    if not shown:
        if rows:
            click.echo(f"({len(rows)} rows not shown: drop --limit or use --json/--csv)")
        return
    qkey = "q" if "q" in rows[0] else "q3"
    cols = ["id", qkey, "L1", "L2", "L3", "E1", "E2", "E3", "N1", "N2", "N3", "category", *LEPTOQUARK_NAMES]
    if "extends" in rows[0]:
        cols.append("extends")
    widths = {c: max(len(c), 3) for c in cols}
    widths["id"], widths["category"] = 5, 8
    click.echo(" ".join(c.rjust(widths[c]) if c not in ("id", "category") else c.ljust(widths[c]) for c in cols))
    for r in shown:
        cells = []
        for c in cols:
            v = r[c]
            if isinstance(v, bool):
                v = "y" if v else "-"
            elif v is None:
                v = "-"
            cells.append(str(v).ljust(widths[c]) if c in ("id", "category") else str(v).rjust(widths[c]))
        click.echo(" ".join(cells))
    if len(shown) < len(rows):
        click.echo(f"... {len(rows) - len(shown)} more (drop --limit or use --json/--csv)")


@overload
def _values(text: str, option: str) -> tuple[Fraction, ...] | Fraction: ...
@overload
def _values(text: str | None, option: str) -> tuple[Fraction, ...] | Fraction | None: ...
def _values(text: str | None, option: str) -> tuple[Fraction, ...] | Fraction | None:
    if text is None:
        return None
    try:
        vals = tuple(Fraction(v.strip()) for v in text.split(","))
    except (ValueError, ZeroDivisionError) as err:
        msg = f"{option} {text!r} is not a number or a comma list of 3 numbers (e.g. 0,7,-7 or 1/3)"
        raise InvalidParameter(msg) from err
    if len(vals) not in (1, 3):
        msg = f"{option} needs 1 or 3 charges (families 1,2,3), got {len(vals)}: {text!r}"
        raise InvalidParameter(msg)
    return vals[0] if len(vals) == 1 else vals


def _emit(report: Report, as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps(report.as_dict(), indent=2))
    else:
        click.echo(report.text())
    if not report.ok:
        sys.exit(1)  # a verdict, not bad input (bad input exits 2)


@atlas.command("check")
@click.option("--q", "q", metavar="X", help="X_q: sets X_Q = X_U = X_D (one value or three, fractions allowed).")
@click.option("--Q", "big_q", metavar="X", help="X_Q (quark doublets) if different from --q.")
@click.option("--U", "u", metavar="X", help="X_U (up singlets); default: X_Q.")
@click.option("--D", "d", metavar="X", help="X_D (down singlets); default: X_Q.")
@click.option("--L", "lep", metavar="X1,X2,X3", help="X_L of the lepton doublets (required).")
@click.option("--E", "e", metavar="X1,X2,X3", help="X_E of the charged-lepton singlets; default: X_L.")
@click.option("--N", "n", metavar="X1,X2,X3", help="X_N of the right-handed neutrinos; default: X_L.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def check(
    q: str | None,
    big_q: str | None,
    u: str | None,
    d: str | None,
    lep: str | None,
    e: str | None,
    n: str | None,
    as_json: bool,
) -> None:
    """Check a charge assignment exactly; exit 1 (and name the failing sums) if anomalous.

    Example: recast atlas check --q 0 --L 0,7,-7 --E -3,8,-5 --N 5,3,-8
    """
    if lep is None:
        msg = "--L is required (e.g. --L 0,7,-7); --E and --N default to --L"
        raise click.UsageError(msg)
    quark = _values(big_q, "--Q")
    if quark is None:
        quark = _values(q, "--q")
    quark = Fraction(0) if quark is None else quark
    charges = Charges.make(
        Q=quark,
        U=_values(u, "--U"),
        D=_values(d, "--D"),
        L=_values(lep, "--L"),
        E=_values(e, "--E"),
        N=_values(n, "--N"),
    )
    from recast.api import atlas as atlas_api

    _emit(atlas_api(charges).report, as_json)


@atlas.command("show")
@click.argument("name")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def show(name: str, as_json: bool) -> None:
    """Report for a named U(1)_X (B-3Lmu, Lmu-Ltau, Ltilde-mu-tau, B-L), an atlas id or charges text."""
    from recast.api import atlas as atlas_api

    _emit(atlas_api(name).report, as_json)
