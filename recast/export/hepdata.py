"""A ``limits.json`` result as a HEPData submission (``hepdata_lib``), checked with ``hepdata-validator``.

Written by :func:`write_hepdata` into a folder: ``submission.tar.gz`` (the archive to upload)
and the same YAML files unpacked in ``submission/`` (one per table, listed in ``submission.yaml``).
Tables:

* **Cross-section limits** (the quoted, per-mass selected result) and one table per analysis
  (and the combination, with ``--combine``): independent variable the model mass [GeV];
  dependent variables the observed and expected 95% CL upper limits μ_UL × σ [pb] on the
  model's signal cross-section σ — the leptoquark pair σ (decays with the model's branching
  ratios, listed in the description) or σ × B(Z′ → μμ) — the expected limit with its ±1σ and
  ±2σ bands as asymmetric errors, the theory σ with its relative uncertainty, and the same
  limits on the signal strength μ.
* **Mass limits**: observed and expected lower mass limits [GeV] (where μ_UL = 1) of the
  quoted result, of each analysis and of the combination; the expected limit carries the
  masses where the ±1σ band crosses 1 as its asymmetric error.

A missing number (no observed limit at a projected luminosity, a point without selected
signal, no crossing in the scanned range) is written as ``-``, HEPData's empty value. The
descriptions carry the model parameters, luminosity, limit method, every approximation and
note of the result. Units: GeV, pb, fb^-1.

Example:
    >>> from recast.export.hepdata import hepdata_submission  # doctest: +SKIP
    >>> sub = hepdata_submission(json.load(open("results/S3_139fb/limits.json")))  # doctest: +SKIP
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import warnings
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from recast.constants import SQRT_S
from recast.exceptions import RecastError

__all__ = ["HepDataError", "hepdata_submission", "validate_submission", "write_hepdata"]

MISSING = "-"  # HEPData's empty value
SQRT_S_GEV = SQRT_S  # the signal's collision energy (recast.constants; every shipped analysis is a 13 TeV search)


def __dir__() -> list[str]:
    return __all__


class HepDataError(RecastError, ValueError):
    """The HEPData submission could not be made, or hepdata-validator refused it."""


def _import_hepdata_lib() -> Any:
    """hepdata_lib, imported with hepdata-validator's jsonschema.RefResolver DeprecationWarning
    (jsonschema ≥ 4.18) silenced."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        import hepdata_lib  # type: ignore[import-untyped]
    return hepdata_lib


def _doc(result: Any) -> dict[str, Any]:
    if hasattr(result, "to_json"):
        return dict(result.to_json())
    if not isinstance(result, Mapping):
        msg = f"expected a limits.json document (dict) or a recast.results.LimitResult, got {type(result).__name__}"
        raise HepDataError(msg)
    from recast.results import LimitResult

    return LimitResult.from_json(dict(result)).to_json()  # checked against the shipped schema


def _num(x: float | None) -> float | str:
    return MISSING if x is None else float(x)


def _mass_name(doc: dict[str, Any]) -> str:
    first = next(iter(doc["params"]), "M")
    return f"{first} ({doc['model']} mass)"


def _reaction(doc: dict[str, Any]) -> str:
    from recast.models import LEPTOQUARK_NAMES

    if doc["model"] in LEPTOQUARK_NAMES:
        return "P P --> LQ LQBAR X"
    return "P P --> ZPRIME X --> MU+ MU- X"


def _xs_label(doc: dict[str, Any]) -> str:
    """What limits.json's ``xsec_pb`` is: the LQ pair σ (summed over the charge states generated,
    decays in the events) or σ(pp → Z′ → μμ) (Pythia's σ includes B(μμ); recast.events.generate)."""
    if "LQ" in _reaction(doc):
        return "sigma(pp -> LQ LQbar)"
    return "sigma x B(Zprime -> mu mu)"


def _qualify(var: Any, doc: dict[str, Any], lumi_fb: float, analysis: str) -> None:
    var.add_qualifier("SQRT(S)", SQRT_S_GEV, "GeV")
    var.add_qualifier("LUMINOSITY", lumi_fb, "fb$^{-1}$")
    var.add_qualifier("CL", "95%")
    var.add_qualifier("Analysis", analysis)
    var.add_qualifier("Model", doc["model"])


def _limit_variables(points: list[dict[str, Any]], doc: dict[str, Any], lumi_fb: float, analysis: str,
                     mass_name: str) -> list[Any]:
    """Mass (independent) and the σ×B, theory-σ and μ limit variables of one set of points."""
    from hepdata_lib import Uncertainty, Variable

    mass = Variable(mass_name, is_independent=True, is_binned=False, units="GeV",
                    values=[float(p["mass_GeV"]) for p in points])
    out = [mass]
    has_obs = any(p["mu_ul_obs"] is not None for p in points)
    for unit, scale, label in (("pb", True, _xs_label(doc)), ("", False, "mu")):
        def factor(p: dict[str, Any], scale: bool = scale) -> float:
            return float(p["xsec_pb"]) if scale else 1.0

        if has_obs:
            obs = Variable(f"Observed 95% CL upper limit on {label}", is_independent=False, is_binned=False,
                           units=unit, values=[_num(None if p["mu_ul_obs"] is None else p["mu_ul_obs"] * factor(p))
                                               for p in points])
            _qualify(obs, doc, lumi_fb, analysis)
            out.append(obs)
        exp = Variable(f"Expected 95% CL upper limit on {label}", is_independent=False, is_binned=False, units=unit,
                       values=[_num(None if not p["mu_ul_exp"] else p["mu_ul_exp"][2] * factor(p)) for p in points],
                       zero_uncertainties_warning=False)
        for name, lo, hi in (("1 sigma", 1, 3), ("2 sigma", 0, 4)):
            band = Uncertainty(name, is_symmetric=False)
            band.values = [((p["mu_ul_exp"][lo] - p["mu_ul_exp"][2]) * factor(p),
                            (p["mu_ul_exp"][hi] - p["mu_ul_exp"][2]) * factor(p)) if p["mu_ul_exp"] else (0.0, 0.0)
                           for p in points]
            exp.add_uncertainty(band)
        _qualify(exp, doc, lumi_fb, analysis)
        out.append(exp)
        if scale:
            theory = Variable(f"Theory {_xs_label(doc)}", is_independent=False, is_binned=False, units="pb",
                              values=[float(p["xsec_pb"]) for p in points], zero_uncertainties_warning=False)
            unc = Uncertainty("theory", is_symmetric=True)
            unc.values = [float(p["xsec_rel_unc"]) * float(p["xsec_pb"]) for p in points]
            theory.add_uncertainty(unc)
            theory.add_qualifier("SQRT(S)", SQRT_S_GEV, "GeV")
            theory.add_qualifier("Model", doc["model"])
            out.append(theory)
    return out


def _describe_common(doc: dict[str, Any]) -> str:
    params = ", ".join(f"{k} = {v:g}" for k, v in doc["params"].items())
    brs = "; ".join(f"{state}: " + ", ".join(f"B({pair}) = {b:.3g}"
                                              for pair, b in sorted(d.items(), key=lambda kv: -kv[1]) if b >= 1e-3)
                    for state, d in doc["branching_ratios"].items())
    states = doc["states"] if isinstance(doc["states"], str) else ", ".join(doc["states"])
    return (f"Model {doc['model']} ({params}; masses GeV, couplings dimensionless), states: {states}. "
            f"Branching ratios (PDG ids of the decay products): {brs}. "
            f"{_xs_label(doc)} is the signal cross-section of limits.json (xsec_pb)"
            + (", summed over the charge states, with the branching ratios above in the decays; "
               if "LQ" in _reaction(doc) else "; ")
            + "its upper limit is mu_UL times it, at these branching ratios.")


def _approximations(items: list[str]) -> str:
    return " ".join(f"Approximation: {a.rstrip('.')}." for a in items)


def _points_table(title: str, points: list[dict[str, Any]], doc: dict[str, Any], lumi_fb: float, method: str,
                  approximations: list[str], analysis: str, extra: str = "") -> Any:
    from hepdata_lib import Table

    table = Table(title)
    kept = [p for p in points if p["mu_ul_exp"] is not None or p["mu_ul_obs"] is not None]
    dropped = [p["mass_GeV"] for p in points if p not in kept]
    table.description = (
        f"95% CL upper limits on {_xs_label(doc)} [pb] and on the signal strength mu versus the {doc['model']} mass, "
        f"{analysis}, {lumi_fb:g} fb^-1 at sqrt(s) = 13 TeV, limit method: {method}. "
        + ("The expected limit's errors are its +-1 sigma and +-2 sigma bands. " if kept else "")
        + (f"Masses without selected signal (no limit): {', '.join(f'{m:g}' for m in dropped)} GeV. "
           if dropped else "")
        + extra + _describe_common(doc) + " " + _approximations(approximations)
    ).strip()
    table.location = "recast limits.json"
    table.keywords["observables"] = ["SIG"]
    table.keywords["reactions"] = [_reaction(doc)]
    table.keywords["cmenergies"] = [SQRT_S_GEV]
    table.keywords["phrases"] = ["Exotic", "Leptoquark" if "LQ" in _reaction(doc) else "Zprime", "Limit", "Muon"]
    for var in _limit_variables(kept or points[:0], doc, lumi_fb, analysis, _mass_name(doc)):
        table.add_variable(var)
    return table


def _mass_limit_table(doc: dict[str, Any]) -> Any:
    from hepdata_lib import Table, Uncertainty, Variable

    rows = [("quoted: " + doc["selection"], doc["mass_limit_GeV"], doc["limit_method"])]
    rows += [(aid, res["mass_limit_GeV"], res["limit_method"]) for aid, res in doc["per_analysis"].items()]
    if doc.get("combined"):
        comb = doc["combined"]
        rows.append(("combined: " + " + ".join(comb["analyses"]), comb["mass_limit_GeV"], comb["limit_method"]))
    table = Table("Mass limits")
    table.description = (
        f"95% CL lower limits on the {doc['model']} mass [GeV] (where the upper limit on mu crosses 1), "
        f"{doc['lumi_fb']:g} fb^-1 at sqrt(s) = 13 TeV: the quoted result, each analysis, and the combination if made. "
        "The expected limit's asymmetric error gives the masses where the +-1 sigma band of mu_UL crosses 1. "
        f"'-': no crossing inside the scanned masses {doc['mass_range_GeV'][0]:g}-{doc['mass_range_GeV'][1]:g} GeV "
        "(or no observed limit). Limit methods: "
        + "; ".join(f"{name}: {method}" for name, _, method in rows) + ". " + _describe_common(doc)
    )
    table.location = "recast limits.json"
    table.keywords["observables"] = ["M"]
    table.keywords["reactions"] = [_reaction(doc)]
    table.keywords["cmenergies"] = [SQRT_S_GEV]
    result = Variable("Result", is_independent=True, is_binned=False, values=[name for name, _, _ in rows])
    obs = Variable(f"Observed lower limit on the {doc['model']} mass", is_independent=False, is_binned=False,
                   units="GeV", values=[_num(lim["observed"]) for _, lim, _ in rows])
    exp = Variable(f"Expected lower limit on the {doc['model']} mass", is_independent=False, is_binned=False,
                   units="GeV", values=[_num(lim["expected"]) for _, lim, _ in rows], zero_uncertainties_warning=False)
    band = Uncertainty("1 sigma", is_symmetric=False)
    vals = []
    for _, lim, _ in rows:
        lo, hi = [*lim["expected_band"], None, None][:2]
        ok = lim["expected"] is not None and lo is not None and hi is not None
        vals.append((min(lo, hi) - lim["expected"], max(lo, hi) - lim["expected"]) if ok else (0.0, 0.0))
    band.values = vals
    exp.add_uncertainty(band)
    for var in (obs, exp):
        var.add_qualifier("SQRT(S)", SQRT_S_GEV, "GeV")
        var.add_qualifier("LUMINOSITY", doc["lumi_fb"], "fb$^{-1}$")
        var.add_qualifier("CL", "95%")
    for var in (result, obs, exp):
        table.add_variable(var)
    return table


def hepdata_submission(result: Mapping[str, Any] | Any) -> Any:
    """The ``hepdata_lib.Submission`` of a limits result (a ``limits.json`` dict or a ``LimitResult``).

    Raises:
        HepDataError: not a limits document; recast.exceptions.InvalidCard: off-schema document.
    """
    Submission = _import_hepdata_lib().Submission  # noqa: N806

    doc = _doc(result)
    sub = Submission()
    quoted_analysis = (doc["headline_analysis"] if len(doc["analyses"]) == 1
                       else f"{doc['selection']} among {', '.join(doc['analyses'])}")
    sub.comment = (
        f"Reinterpretation made with recast: 95% CL limits on the {doc['model']} model from "
        f"{', '.join(doc['analyses'])} at {doc['lumi_fb']:g} fb^-1"
        + (" (projection: expected limits only)" if doc["projection"] else "")
        + f"; quoted: {quoted_analysis}; limit method {doc['limit_method']}"
        + (f" ({doc['toys']} toys)" if doc.get("toys") else "")
        + (f"; signal from {doc['signal_source']}" if doc.get("signal_source") else "") + ". "
        + " ".join(f"Note: {n.rstrip('.')}." for n in doc["notes"]) + " " + _approximations(doc["approximations"])
    ).strip()
    sub.add_table(_points_table("Cross-section limits", doc["points"], doc, doc["lumi_fb"], doc["limit_method"],
                                doc["approximations"], quoted_analysis,
                                "Quoted result: per mass, " + ", ".join(
                                    f"{m} GeV: {a}" for m, a in doc["analysis_per_mass"].items()) + ". "))
    for aid, res in doc["per_analysis"].items():
        sub.add_table(_points_table(f"Cross-section limits {aid}", res["points"], doc, res["lumi_fb"],
                                    res["limit_method"], res["approximations"], aid,
                                    "" if res["has_observed"] else "No observed limit (expected only). "))
    if doc.get("combined"):
        comb = doc["combined"]
        sub.add_table(_points_table("Cross-section limits combined", comb["points"], doc, doc["lumi_fb"],
                                    comb["limit_method"], doc["approximations"], " + ".join(comb["analyses"]),
                                    f"Combination ({comb['correlations']}). "))
    sub.add_table(_mass_limit_table(doc))
    return sub


@contextlib.contextmanager
def _inside(folder: Path) -> Iterator[None]:
    """hepdata_lib writes submission.tar.gz into the current folder: run it inside *folder*."""
    old = Path.cwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(old)


def validate_submission(path: str | os.PathLike[str]) -> list[str]:
    """hepdata-validator's messages for a submission archive (``.tar.gz``) or folder (``[]``: valid)."""
    import gc

    # hepdata-validator uses jsonschema.RefResolver (deprecated in jsonschema 4.18) and leaves the
    # data files it reads open: silence both, and close them here (gc) while silenced
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        warnings.simplefilter("ignore", ResourceWarning)
        from hepdata_validator.full_submission_validator import (  # type: ignore[import-untyped]
            FullSubmissionValidator,
        )

        validator = FullSubmissionValidator()
        kind = "directory" if Path(path).is_dir() else "archive"
        valid = validator.validate(**{kind: os.fspath(path)})
        gc.collect()
    if valid:
        return []
    return [f"{Path(name).name}: {m.message}" for name, msgs in validator.get_messages().items() for m in msgs]


def write_hepdata(result: Mapping[str, Any] | Any, outdir: str | os.PathLike[str], *, force: bool = False,
                  workspaces: str | os.PathLike[str] | None = None) -> Path:
    """Write the HEPData submission of *result* into the folder *outdir* (atomically).

    The folder holds ``submission.tar.gz`` (the file to upload to HEPData) and the same files
    unpacked in ``submission/``: ``submission.yaml``, one YAML file per table, and as
    additional resources the ``limits.json`` itself and, if *workspaces* names the folder of
    pyhf workspaces `recast limits` wrote, those as ``pyhf_workspaces.tar.gz``.
    hepdata-validator must accept both before they replace *outdir*.

    Raises:
        OutputExists: *outdir* exists and not *force*.
        HepDataError: hepdata-validator refuses the submission (a recast bug: the message says which file).
    """
    import json
    import tarfile

    from recast.atomic import check_output, make_temp_dir, replace_dir

    out = check_output(outdir, force=force, kind="folder", option="--hepdata")
    doc = _doc(result)
    sub = hepdata_submission(doc)
    tmp = make_temp_dir(out).resolve()
    ws_dir = None if workspaces is None else Path(workspaces).resolve()  # before _inside changes the folder
    try:
        with tempfile.TemporaryDirectory() as scratch, _inside(Path(scratch)):
            (Path(scratch) / "limits.json").write_text(json.dumps(doc, indent=1, sort_keys=True))
            sub.add_additional_resource(
                "recast limits.json: the result these tables were made from (schema limits.schema.json)",
                os.path.join(scratch, "limits.json"), copy_file=True)
            if ws_dir is not None and ws_dir.is_dir():
                archive = Path(scratch) / "pyhf_workspaces.tar.gz"
                with tarfile.open(archive, "w:gz") as tar:
                    for ws in sorted(ws_dir.glob("*.json")):
                        tar.add(ws, arcname=f"workspaces/{ws.name}")
                sub.add_additional_resource(
                    "pyhf workspaces (JSON), one per analysis and mass point: <analysis>_<mass GeV>.json",
                    os.fspath(archive), copy_file=True)
            sub.create_files(os.fspath(tmp / "submission"), validate=False)
            shutil.move(os.path.join(scratch, "submission.tar.gz"), tmp / "submission.tar.gz")
        problems = validate_submission(tmp / "submission.tar.gz") + validate_submission(tmp / "submission")
        if problems:
            msg = f"hepdata-validator refused the submission: {problems[0]} — please report this recast bug"
            raise HepDataError(msg)
        return replace_dir(tmp, out)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
