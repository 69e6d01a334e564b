"""``recast generate`` (Pythia 8 + fast detector → ROOT) and ``recast inspect FILE``."""

from __future__ import annotations

import json

import click

__all__ = ["generate", "inspect"]


def __dir__() -> list[str]:
    return __all__


@click.command()
@click.option("--model", "model_name", default=None, help="Model name (S3, S1, R2, Spm, B-3Lmu, B-L, Zp, ...).")
@click.option("--from", "from_file", default=None, type=click.Path(dir_okay=False), metavar="FILE",
              help="Instead of --model: an LHE file (showered by Pythia 8) or a HepMC3 file (straight into "
                   "the detector); σ from the file. Format detected from content.")
@click.option("--xsec", type=float, default=None, metavar="PB",
              help="With --from: cross-section in pb instead of the file's.")
@click.option("--mass", default=None, metavar="GEV", help="Main mass in GeV (MS3, MZp, ...; 1-100000).")
@click.option("--coupling", "couplings", default=None, help="Couplings, e.g. 'y_bmu=1.0,y_smu=0.1'.")
@click.option("--gX", "g_x", default=None, metavar="FLOAT",
              help="U(1)_X gauge coupling (Z' models; dimensionless, |g_X| <= 4π).")
@click.option("--charges", default=None, help="U(1)_X charges for model Zp, e.g. 'q=1/3 L=0,-3,0'.")
@click.option("--events", "n_events", type=click.IntRange(min=1), default=10000, show_default=True,
              help="Events per generated state.")
@click.option("--seed", type=click.IntRange(min=0), default=1, show_default=True, help="Random seed.")
@click.option("--out", type=click.Path(dir_okay=False), default=None,
              help="Output ROOT file (default: the cached file); must not exist unless --force.")
@click.option("--force", is_flag=True, help="Overwrite an existing --out file.")
@click.option("--fast", is_flag=True, help="Switch hadronisation and MPI off (~4x faster).")
@click.option("--jobs", type=click.IntRange(min=1), default=None, help="Worker processes [default: all cores].")
@click.option("--no-cache", is_flag=True, help="Regenerate even if an identical request is cached.")
@click.option("--verbose", is_flag=True, help="Show Pythia's banner, statistics and warnings.")
@click.option("--no-progress", is_flag=True, help="Hide the progress bar.")
def generate(model_name: str | None, from_file: str | None, xsec: float | None, mass: str | None,
             couplings: str | None, g_x: str | None, charges: str | None, n_events: int, seed: int,
             out: str | None, force: bool, fast: bool, jobs: int | None, no_cache: bool, verbose: bool,
             no_progress: bool) -> None:
    """Generate signal events with Pythia 8 and the fast detector; write a ROOT ntuple.

    Leptoquarks: QCD pair production of every charge state that decays to muons, weighted
    with the NNLO+NNLL σ (pb). Z': q qbar -> Z' -> mu mu, weighted with Pythia's σ (pb).
    --from FILE: the events of an LHE file (e.g. MadGraph's unweighted_events.lhe.gz) showered
    by Pythia 8, or of a HepMC3 file, through the detector; σ (pb) from the file.

    Example: recast generate --model S3 --mass 1500 --events 20000 --seed 7 --out s3_1500.root
    """
    from recast.atomic import check_output

    if from_file is not None:
        given = [o for o, v in (("--model", model_name), ("--mass", mass), ("--coupling", couplings),
                                ("--gX", g_x), ("--charges", charges)) if v is not None]
        ctx = click.get_current_context()
        given += [o for o, name in (("--events", "n_events"), ("--jobs", "jobs"))
                  if ctx.get_parameter_source(name) is click.core.ParameterSource.COMMANDLINE]
        if given:
            raise click.UsageError(f"--from FILE takes every event of the file, in one Pythia process; "
                                   f"drop {', '.join(given)}")
        if out is not None:
            check_output(out, force=force, kind="file")
        _generate_from(from_file, xsec=xsec, seed=seed, out=out, fast=fast, cache=not no_cache,
                       progress=not no_progress, verbose=verbose)
        return
    if model_name is None:
        raise click.UsageError("give --model NAME (with --mass, --coupling ...) or --from FILE (LHE or HepMC3)")
    if xsec is not None:
        raise click.UsageError("--xsec goes with --from FILE; a model's σ comes from recast")
    from recast.cli.options import model_from_options
    from recast.events import generate as run
    from recast.io import read_metadata
    from recast.masses import check_collider_masses
    from recast.models import parse_couplings

    model = model_from_options(model_name, mass=mass, couplings=parse_couplings(couplings), gx=g_x, charges=charges)
    check_collider_masses(model, [model.mass])  # LHC events of a Z' below 1 GeV: no search uses them
    if out is not None:
        check_output(out, force=force, kind="file")  # before generating: an existing file, a folder, read-only
    path = run(model, n_events=n_events, seed=seed, out=out, jobs=jobs, fast=fast,
               cache=not no_cache, progress=not no_progress, verbose=verbose)
    meta = read_metadata(path)
    click.echo(f"wrote {path}")
    click.echo(f"  model {model!r}")
    for st in meta.get("states", []):
        lo = st.get("pythia_lo_xsec_pb")
        extra = f", Pythia LO {lo:.4g} pb" if lo is not None else ""
        click.echo(f"  {st['state']}: {st['n_events']} events, sigma {st.get('xsec_pb', meta['xsec_pb']):.4g} pb"
                   f"{extra}, BR(mu) {st['br_muon']:.3g}")
    for st in meta.get("states_skipped", []):
        click.echo(f"  {st['state']}: skipped (BR to muons {st['br_muon']:.3g})")
    click.echo(f"  total sigma {meta['xsec_pb']:.4g} pb ({meta['xsec_source']}), "
               f"{meta['n_events']} events, seed {meta['seed']}, {meta['generator']}, "
               f"detector {meta['detector_version']}")


def _generate_from(path: str, *, xsec: float | None, seed: int, out: str | None, fast: bool, cache: bool,
                   progress: bool, verbose: bool) -> None:
    from recast.events.files import convert
    from recast.io import read_metadata

    result = convert(path, out=out, seed=seed, fast=fast, xsec_pb=xsec, cache=cache,
                     progress=None if progress else False, verbose=verbose)
    meta = read_metadata(result)
    src = meta["source_info"]
    click.echo(f"wrote {result}")
    click.echo(f"  from   {meta['source_file']} ({meta['source_format']}"
               + (f", written by {src['file_generator']}" if src.get("file_generator") else "") + ")")
    if meta["source_format"] == "lhe":
        beams = " + ".join(f"{pdg} ({e:g} GeV)" for pdg, e in src["beams"])
        click.echo(f"  beams  {beams}, sqrt(s) {src['sqrt_s_GeV']:g} GeV, "
                   f"weighting strategy {src['weighting_strategy']}")
        for pr in src["processes"]:
            click.echo(f"  process {pr['id']}: sigma {pr['xsec_pb']:.6g} +- {pr['xsec_err_pb']:.3g} pb")
        click.echo(f"  {src['n_showered']} of {src['n_events']} LHE events showered "
                   f"(Pythia's own sigma estimate {src['pythia_xsec_pb']:.4g} pb)")
    click.echo(f"  total sigma {meta['xsec_pb']:.6g} pb ({meta['xsec_source']}), {meta['n_events']} events, "
               f"seed {meta['seed']}, {meta['generator']}, detector {meta['detector_version']}")


@click.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--schema", type=click.Choice(["recast", "delphes", "nanoaod"]), default=None,
              help="Force the schema instead of detecting it.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of text.")
def inspect(file: str, schema: str | None, as_json: bool) -> None:
    """Show what an events file holds: schema, entries, branches, cross-section (pb), weights."""
    from recast.io import describe

    info = describe(file, schema=schema)
    if as_json:
        click.echo(json.dumps(info, indent=2, sort_keys=True, default=str))
        return
    if info.get("schema") is None:  # an LHE or HepMC file: what it says about itself
        click.echo(f"file     {info['file']}")
        click.echo(f"format   {info['format']}" + (f" (written by {info['file_generator']})"
                                                   if info.get("file_generator") else ""))
        click.echo(f"events   {info['n_events']}")
        xs = info.get("xsec_pb")
        click.echo(f"sigma    {xs:.6g} pb" if xs is not None else "sigma    none in the file (pass --xsec)")
        for pr in info.get("processes", []):
            click.echo(f"  process {pr['id']}: {pr['xsec_pb']:.6g} +- {pr['xsec_err_pb']:.3g} pb")
        if "beams" in info:
            click.echo(f"beams    {info['beams']}, sqrt(s) {info['sqrt_s_GeV']:g} GeV")
        return
    click.echo(f"file     {info['file']}")
    click.echo(f"schema   {info['schema']} (tree {info['tree']!r})")
    click.echo(f"entries  {info['entries']}")
    meta = info["metadata"]
    if meta:
        model = meta.get("model", {})
        params = ", ".join(f"{k}={v:g}" for k, v in model.get("params", {}).items() if v)
        click.echo(f"model    {model.get('name')} ({params})")
        click.echo(f"sigma    {meta.get('xsec_pb', float('nan')):.4g} pb ({meta.get('xsec_source', '?')})")
        for st in meta.get("states", []):
            lo = st.get("pythia_lo_xsec_pb")
            extra = f", Pythia LO {lo:.4g} pb" if lo is not None else ""
            click.echo(f"  state  {st['state']} (pdg {st['pdg']}): {st['n_events']} events{extra}")
        click.echo(f"source   {meta.get('generator')}, seed {meta.get('seed')}, "
                   f"detector {meta.get('detector_version')}, fast={meta.get('fast')}")
    w = info.get("weights")
    if w:
        src = w["source"] or "none (1 per event)"
        click.echo(f"weights  sum {w['sum']:.4g}, min {w['min']:.4g}, max {w['max']:.4g} (branch {src})")
    click.echo("branches")
    for name, typ in info["branches"].items():
        click.echo(f"  {name:<16} {typ}")
