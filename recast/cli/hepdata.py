"""``recast hepdata RESULT.json DIR``: a saved limits result as a HEPData submission."""

from __future__ import annotations

import json

import click

__all__ = ["hepdata"]


def __dir__() -> list[str]:
    return __all__


@click.command("hepdata")
@click.argument("result_file", metavar="RESULT.json")
@click.argument("out_dir", metavar="DIR", type=click.Path(file_okay=False))
@click.option("--force", is_flag=True, help="Replace an existing DIR.")
def hepdata(result_file: str, out_dir: str, force: bool) -> None:
    """Write the HEPData submission of a `recast limits` result (RESULT.json, '-' = stdin) into DIR:
    sigma (x B) and mu limit curves with their +-1/2 sigma bands, the theory sigma [pb], the mass
    limits [GeV], the method and approximations as descriptions, limits.json and the pyhf
    workspaces beside it as resources; checked with hepdata-validator. Upload DIR/submission.tar.gz.

    Example: recast hepdata results/S3_139fb/limits.json hepdata_S3
    """
    from pathlib import Path

    from recast.atomic import check_output
    from recast.cli.plot import _read_result
    from recast.export.hepdata import write_hepdata

    check_output(out_dir, force=force, kind="folder", option="DIR")
    text, source = _read_result(result_file)
    doc = json.loads(text)
    from recast.results import LimitResult

    result = LimitResult.from_json(doc, source=source) if isinstance(doc, dict) else doc
    workspaces = None if result_file == "-" else Path(result_file).parent / "workspaces"  # beside limits.json
    path = write_hepdata(result, out_dir, force=force, workspaces=workspaces)
    echo_written(path)


def echo_written(path: object) -> None:
    """The one line `recast hepdata` and `recast limits --hepdata` print."""
    click.echo(f"wrote {path}/submission.tar.gz (HEPData submission, accepted by hepdata-validator; "
               f"tables in {path}/submission/)")
