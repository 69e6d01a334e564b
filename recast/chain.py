"""The main chain: model point -> signal events -> analyses -> pyhf limits -> mass limit.

Units: masses in GeV, cross-sections in pb, luminosity in fb^-1.

Example (the Python equivalent of ``recast limits --model S3 --lumi 139``)::

    from recast.chain import run_limits, write_results
    result, workspaces = run_limits("S3", lumi_fb=139.0)
    write_results(result, workspaces, "results/S3_139fb")
"""

from __future__ import annotations

import json
import math
import os
import shutil
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from recast import __version__
from recast.atomic import copy_dir, make_temp_dir, replace_dir
from recast.cache import RECORD_VERSION, cache_key, store
from recast.effmaps.maps import maps_digest
from recast.evaluate import SAME_DATASET_REL, analysis_lumi, evaluate, limit_method
from recast.exceptions import InvalidCard, InvalidParameter, LimitsError, OutputExists, RecastError
from recast.fiducial import fiducial_limit  # re-exported: the fiducial route of protocol.Chain
from recast.masses import check_collider_masses, parse_masses
from recast.models import Leptoquark, ZPrimeModel, get_model
from recast.results import LimitResult, check_document, json_scalar, jsonable, read_output, summary_sentence
from recast.runner import run_tasks
from recast.sources import FileSource, GeneratedSource, MapSource, SignalPoint, SignalSource, source_label

if TYPE_CHECKING:
    from recast.analysis import Analysis
    from recast.models import Model

__all__ = [
    "DEFAULT_EVENTS_PER_POINT",
    "SAME_DATASET_REL",
    "analyses_fingerprint",
    "analysis_lumi",
    "best_expected_per_mass",
    "cached_limits",
    "check_collider_masses",
    "check_result",
    "combined_point",
    "default_source",
    "evaluate_point",
    "fiducial_limit",
    "limit_method",
    "parse_masses",
    "run_limits",
    "summary_sentence",
    "write_results",
]

#: Events generated per charge state and mass point (fast mode, as the shipped LQ background).
#: The signal MC-stat uncertainty is then ~2-3% per populated bin and the expected LQ mass
#: limit is stable to ~1% against doubling it (README, "Limits"); a cold
#: `recast limits --model S3 --lumi 139` stays well under 5 min on 2 cores.
DEFAULT_EVENTS_PER_POINT = 3000
def __dir__() -> list[str]:
    return __all__


def _select_analyses(model: Model, ids: Sequence[str] | None) -> list[Analysis]:
    from recast.analysis import get_analysis, list_analyses

    if ids:
        analyses = [get_analysis(i) for i in ids]
        for ana in analyses:
            if model.kind not in ana.applies_to:
                msg = (f"analysis {ana.id} does not constrain {model.kind} models like {model.name} "
                       f"(it applies to: {', '.join(ana.applies_to)})")
                raise LimitsError(msg)
        return analyses
    analyses = [a for a in list_analyses(failures={}) if model.kind in a.applies_to]
    if not analyses:
        msg = f"no installed analysis constrains {model.kind} models like {model.name}; see `recast analyses`"
        raise LimitsError(msg)
    return analyses


#: Lepton channels of ``recast limits --channel``: "auto" (by the model's couplings), μμ, ee, both ("ll").
LEPTON_CHANNELS = ("auto", "mumu", "ee", "ll")


def lepton_couplings(model: Any) -> tuple[float, float]:
    """(g_L² + g_R²) of the electron and of the muon (PDG 11, 13); (0, 1) for a model without ``couplings()``.

    Example:
        >>> from recast.models import get_model
        >>> lepton_couplings(get_model("Zp_SSM", MZp=4000.0))[0] > 0
        True
    """
    fun = getattr(model, "couplings", None)
    table = fun() if callable(fun) else None
    if not isinstance(table, dict) or not all(isinstance(k, int) for k in table):
        return 0.0, 1.0  # leptoquarks: muon couplings only in recast's models
    e, mu = (table.get(pdg, (0.0, 0.0)) for pdg in (11, 13))
    return float(e[0] ** 2 + e[1] ** 2), float(mu[0] ** 2 + mu[1] ** 2)


def lepton_channel(model: Any, requested: str = "auto") -> str:
    """The dilepton channel(s) to use: *requested*, or by the model's couplings ("auto").

    auto: a model coupling to electrons and muons uses ee + μμ combined ("ll", as the
    experiments do), one coupling to muons only uses "mumu", one to electrons only "ee".

    Raises:
        InvalidParameter: unknown *requested*, or a channel the model has no coupling for.
    """
    if requested not in LEPTON_CHANNELS:
        msg = f"unknown lepton channel {requested!r} — use one of {', '.join(LEPTON_CHANNELS)}"
        raise InvalidParameter(msg)
    e, mu = lepton_couplings(model)
    if requested == "auto":
        return "ll" if e > 0 and mu > 0 else ("ee" if e > 0 else "mumu")
    if requested != "mumu" and e == 0:
        msg = f"--channel {requested}: model {model.name} has no electron coupling — use --channel mumu"
        raise InvalidParameter(msg)
    return requested


def _branching_ratios(model: Model) -> dict[str, dict[str, float]]:
    return {
        st.name: {" ".join(str(d) for d in ch): round(br, 6) for ch, br in st.branching_ratios().items()}
        for st in model.states()
    }


def run_limits(
    model_name: str,
    *,
    lumi_fb: float,
    masses: Sequence[float] | None = None,
    couplings: dict[str, float] | None = None,
    charges: str | None = None,
    params: dict[str, float] | None = None,
    analyses: Sequence[str] | None = None,
    events_per_point: int | None = None,
    events_files: Sequence[str | os.PathLike[str]] | None = None,
    xsec_pb: float | None = None,
    seed: int = 1,
    jobs: int | None = None,
    fast: bool = True,
    toys: int | None = None,
    method: str | None = None,
    states: Sequence[str] | None = None,
    progress: bool = True,
    combine: bool = False,
    source: SignalSource | None = None,
    generate: bool | None = None,
    channel: str = "auto",
) -> tuple[LimitResult, dict[str, dict[str, Any]]]:
    """Run the whole chain and return ``(result, workspaces)``.

    Args:
        model_name: model name (``S3``, ``B-3Lmu``, ``Zp`` with ``charges``, ...).
        lumi_fb: integrated luminosity in fb^-1. At an analysis' own luminosity (within 1 %,
            :func:`analysis_lumi`: 139 means Run 2 for ATLAS and CMS alike) its observed
            data are used; at any other value only expected (Asimov) limits (a projection).
        masses: mass points in GeV (default: the model kind's ``DEFAULT_MASSES``, e.g.
            :attr:`recast.models.Leptoquark.DEFAULT_MASSES`).
        couplings: dimensionless couplings (``{"y_bmu": 1.0}``); default: the model's benchmark.
        charges: U(1)_X charges for ``Zp``.
        params: further model parameters (e.g. ``{"gX": 0.1}``).
        analyses: analysis ids (default: every installed analysis that applies).
        events_per_point: events generated per charge state and mass (default
            :data:`DEFAULT_EVENTS_PER_POINT`; giving it asks for generation).
        events_files: the user's own ntuples (recast or Delphes) instead of generation: one
            model point at the model mass; σ from the file or ``xsec_pb``.
        xsec_pb: signal cross-section in pb for ``events_files``.
        seed: generator seed. jobs: worker processes. fast: hadronisation/MPI off (default,
            consistent with the shipped LQ background).
        toys: CLs from this many toys instead of asymptotics (recorded as ``toys``; only with
            *method* None or ``"toys"``).
        method: limit method for every analysis (``"asymptotic"``, ``"toys"``, ``"bayesian"``);
            default: each analysis' declared ``limit_method`` (the one its paper used),
            asymptotic CLs if it declares none, toys if *toys* is given.
        states: leptoquarks: only these charge states contribute (e.g. ``["S3m43"]`` for the
            S3 -> b mu channel alone); default all that decay to muons.
        progress: show progress bars.
        combine: also combine the analyses into one workspace per mass
            (:mod:`recast.stats.combine`: shared μ and theory cross-section uncertainty,
            experimental ones uncorrelated, luminosity correlated within an experiment);
            the quoted limit is then the combined one. Analyses sharing events are refused.
        source: where the signal comes from (:class:`recast.sources.SignalSource`); default
            :class:`~recast.sources.FileSource` for *events_files*, else
            :class:`~recast.sources.GeneratedSource` at *masses* (then *masses*,
            *events_files*, *xsec_pb*, *events_per_point*, *seed*, *jobs*, *fast*, *states* are unused).
        generate: leptoquarks: True generates events at every mass (:class:`~recast.sources.GeneratedSource`);
            None (default) uses the efficiency maps (:class:`~recast.sources.MapSource`) unless
            *events_per_point* is given or *fast* is False; False insists on the maps.
        channel: dilepton channel(s) of the dilepton searches (:func:`lepton_channel`): "auto"
            (default: ee + μμ for a model coupling to both, as the experiments), "mumu", "ee", "ll".

    Returns:
        The typed ``limits.json`` (:class:`recast.results.LimitResult`; checked against the schema
        once, when :func:`write_results` writes it) and ``{"<analysis>_<mass>": pyhf workspace spec}``.
    """
    _check_request(lumi_fb, toys=toys, method=method)
    model = get_model(model_name, couplings=couplings, charges=charges, **(params or {}))
    check_collider_masses(model, list(masses) if masses else [model.mass] if events_files else [])
    chosen = _select_analyses(model, analyses)
    leptons = _lepton_request(model, channel)
    if combine:
        _check_combinable(model, chosen)  # before any generation
    branches = sorted({b for a in chosen for b in a.branches})
    if source is None:
        source = default_source(model, masses=masses, events_files=events_files, xsec_pb=xsec_pb,
                                events_per_point=events_per_point, generate=generate, seed=seed, jobs=jobs,
                                fast=fast, progress=progress, states=states)
    points = source.points(model, branches=branches)  # checks the request before the progress bar
    if not isinstance(source, FileSource):
        points = _with_progress(points, len(source), progress)

    per_analysis: dict[str, list[dict[str, Any]]] = {a.id: [] for a in chosen}
    methods = {a.id: limit_method(a, method=method, toys=toys) for a in chosen}
    workspaces: dict[str, dict[str, Any]] = {}
    combined_points: list[dict[str, Any]] = []
    for pt, evaluated in _evaluate_points(points, chosen, lumi_fb=lumi_fb, methods=methods, toys=toys, jobs=jobs,
                                          leptons=leptons):
        for ana, (entry, spec) in zip(chosen, evaluated, strict=True):
            workspaces[f"{ana.id}_{pt.mass:g}"] = spec
            per_analysis[ana.id].append(entry)
        if combine:
            combined_points.append(combined_point(chosen, workspaces, pt, methods=methods, method=method, toys=toys,
                                                   lumi_fb=lumi_fb))
            workspaces[f"combined_{pt.mass:g}"] = combined_points[-1].pop("workspace")
    result = _assemble_result(model, chosen, per_analysis, methods=methods, lumi_fb=lumi_fb, states=states)
    result |= {"charges": str(charges)} if charges else {}  # the model cannot be rebuilt from its name alone
    result |= {"toys": int(toys)} if toys else {}
    result["signal_source"] = source_label(source)
    result["notes"].append(f"signal: {result['signal_source']}")
    result["notes"].append(_channel_note(chosen, leptons["channel"]))
    if combine:
        _quote_combination(result, chosen, combined_points)
    return LimitResult.from_checked(jsonable(result)), workspaces


def _lepton_request(model: Any, channel: str) -> dict[str, Any]:
    """``{"channel", "ee_per_mumu"}`` for :func:`evaluate_point` (checked before any generation)."""
    chan = lepton_channel(model, channel)
    e, mu = lepton_couplings(model)
    if chan != "mumu" and mu == 0:
        msg = (f"model {model.name} couples to electrons only: recast's events are Z' -> mumu — "
               "use `recast analyses fiducial-limits atlas_1903_06248 --channel ee`")
        raise LimitsError(msg)
    return {"channel": chan, "ee_per_mumu": e / mu if mu > 0 else 0.0}


def _channel_note(chosen: Sequence[Any], channel: str) -> str:
    """One line saying which lepton channels each analysis used."""
    if channel == "mumu":
        return "lepton channel: mumu"
    with_ee = [a.id for a in chosen if callable(getattr(a, "ee_signal", None))]
    rest = [a.id for a in chosen if a.id not in with_ee]
    text = {"ll": "ee + mumu combined", "ee": "ee alone"}[channel]
    note = (f"lepton channel: {text} in {', '.join(with_ee) or 'no analysis'} (ee signal: a narrow resonance with "
            "sigma x B(ee) = sigma x B(mumu) x Gamma_ee/Gamma_mumu, each analysis' ee acc x eff and resolution; "
            "approximation: recast's events carry no electrons)")
    return note + (f"; mumu only in {', '.join(rest)}" if rest else "")


def default_source(
    model: Model,
    *,
    masses: Sequence[float] | None = None,
    events_files: Sequence[str | os.PathLike[str]] | None = None,
    xsec_pb: float | None = None,
    events_per_point: int | None = None,
    generate: bool | None = None,
    seed: int = 1,
    jobs: int | None = None,
    fast: bool = True,
    progress: bool = True,
    states: Sequence[str] | None = None,
) -> SignalSource:
    """The signal source :func:`run_limits` uses when none is given (arguments as there): the user's files,
    else the efficiency maps for a leptoquark (unless generation is asked for), else embedded generation."""
    mass_list = list(masses) if masses else parse_masses(model.DEFAULT_MASSES)
    if generate is None:
        generate = events_per_point is not None or not fast
    if events_files:
        return FileSource(list(events_files), xsec_pb=xsec_pb)
    if isinstance(model, Leptoquark) and not generate:
        return MapSource(mass_list, states=states)
    return GeneratedSource(mass_list, events_per_point or DEFAULT_EVENTS_PER_POINT, seed=seed, jobs=jobs,
                           fast=fast, progress=progress, states=states)


def _evaluate_batch(batch: list[tuple[int, int]], state: tuple[list[SignalPoint], list[Any], dict[str, Any]]
                    ) -> list[tuple[tuple[dict[str, Any], dict[str, Any]], bool]]:
    """(point, analysis) tasks (in a forked worker); also whether the workspace was checked against the schema."""
    from recast.stats.workspace import is_validated

    points, chosen, kw = state
    out = []
    for i, j in batch:
        entry, spec = evaluate_point(points[i], chosen[j], method=kw["methods"][chosen[j].id], lumi_fb=kw["lumi_fb"],
                                     toys=kw["toys"], **kw["leptons"])
        out.append(((entry, spec), is_validated(spec)))
    return out


def _evaluate_points(points: Any, chosen: Sequence[Any], *, lumi_fb: float, methods: dict[str, str],
                     toys: int | None, jobs: int | None, leptons: dict[str, Any] | None = None) -> Any:
    """``(point, [(entry, spec) per analysis])`` in mass order.

    Points that carry yields (efficiency maps: nothing left to generate) are fitted in *jobs*
    forked processes (default all cores; in process for one job or without fork:
    :func:`recast.runner.run_tasks`), the slowest analyses first; events are evaluated one
    point at a time as they arrive.
    """
    leptons = leptons or {}
    it = iter(points)
    first = next(it, None)
    if first is None:
        return
    if first.yields is None:
        for pt in _chain(first, it):
            yield pt, [evaluate_point(pt, a, lumi_fb=lumi_fb, method=methods[a.id], toys=toys, **leptons)
                       for a in chosen]
        return
    from recast.stats.workspace import mark_validated

    pts = [first, *it]
    tasks = sorted(((i, j) for i in range(len(pts)) for j in range(len(chosen))),
                   key=lambda t: methods[chosen[t[1]].id] != "bayesian")  # the slow Bayesian fits first
    state = (pts, list(chosen), {"methods": methods, "lumi_fb": lumi_fb, "toys": toys, "leptons": leptons})
    results = run_tasks(_evaluate_batch, tasks, mode="fork", jobs=jobs, batch_size=1, state=state).results
    done = {}
    for task, (res, checked) in zip(tasks, results, strict=True):
        done[task] = res
        if checked:  # the worker checked it: write_results does not check the same content again
            mark_validated(res[1])
    for i, pt in enumerate(pts):
        yield pt, [done[i, j] for j in range(len(chosen))]


def _chain(first: Any, rest: Any) -> Any:
    yield first
    yield from rest


def _check_request(lumi_fb: float, *, toys: int | None, method: str | None) -> None:
    if not lumi_fb or lumi_fb <= 0 or not math.isfinite(lumi_fb):
        msg = f"--lumi must be > 0 fb^-1, got {lumi_fb:g}"
        raise InvalidParameter(msg)
    if toys and method not in (None, "toys"):  # toys would be run under another method's name
        msg = f"--toys {toys} asks for CLs from toys but --method is {method} — drop --toys or use --method toys"
        raise InvalidParameter(msg)


def _check_combinable(model: Any, chosen: Sequence[Any]) -> None:
    from recast.stats.combine import check_combinable

    if len(chosen) < 2:
        found = ", ".join(a.id for a in chosen)
        msg = f"--combine needs at least two analyses that constrain {model.name}; found {found}"
        raise LimitsError(msg)
    check_combinable(chosen)


def evaluate_point(point: SignalPoint, analysis: Any, *, lumi_fb: float, method: str,
                   toys: int | None = None, channel: str = "mumu",
                   ee_per_mumu: float = 0.0) -> tuple[dict[str, Any], dict[str, Any]]:
    """``(limits.json point, workspace spec)`` of one mass point in one analysis (:func:`recast.evaluate.evaluate`).

    The point carries ``mass_GeV``, ``xsec_pb``, ``xsec_rel_unc``, ``signal_events``,
    ``mu_ul_obs``, ``mu_ul_exp`` (±2σ, ±1σ, median; both null without selected signal) and
    ``events`` (the source label).
    """
    ev = evaluate(point, analysis, lumi_fb=lumi_fb, method=method, toys=toys, channel=channel,
                  ee_per_mumu=ee_per_mumu)
    return ev.entry(), cast("dict[str, Any]", ev.spec)  # a limit evaluation always builds the workspace


def _notes(chosen: Sequence[Any], used: Sequence[Any], *, lumi_fb: float, projection: bool) -> list[str]:
    notes = []
    if projection:
        notes.append(f"projection to {lumi_fb:g} fb^-1: expected (Asimov) limits only")
    notes += [f"{a.id}: no observed data; expected limits only" for a in chosen if not a.has_observed]
    if len(used) > 1:
        notes.append("the quoted limit takes, at each mass, the analysis with the best expected limit "
                     "(column 'analysis'); per-analysis results are under per_analysis")
    return notes


def _assemble_result(model: Any, chosen: Sequence[Any], per_analysis: dict[str, list[dict[str, Any]]], *,
                     methods: dict[str, str], lumi_fb: float, states: Sequence[str] | None) -> dict[str, Any]:
    """The ``limits.json`` document quoting, per mass, the analysis with the best expected limit."""
    results = {
        ana.id: {
            "lumi_fb": analysis_lumi(ana, lumi_fb),
            "limit_method": methods[ana.id],
            "approximations": list(ana.approximations),
            "has_observed": bool(ana.has_observed),
            "points": per_analysis[ana.id],
            "mass_limit_GeV": _mass_limits(per_analysis[ana.id]),
        }
        for ana in chosen
    }
    # headline: at each mass the analysis with the best *expected* sensitivity (smallest median
    # mu_UL), the convention of MadAnalysis 5 / CheckMATE / SModelS; which one is recorded per point
    per_mass = best_expected_per_mass(chosen, per_analysis)
    used = [a for a in chosen if any(p["analysis"] == a.id for p in per_mass)] or list(chosen[:1])
    best = max(used, key=lambda a: sum(p["analysis"] == a.id for p in per_mass))  # most masses
    projection = any(analysis_lumi(a, lumi_fb) != a.lumi_fb for a in chosen)
    approximations = list(dict.fromkeys(x for a in used for x in a.approximations))
    approximations += model.XSEC_NOTES  # e.g. the Z' LO cross-section and its assumed uncertainty
    masses_done = [p["mass_GeV"] for p in per_mass]
    used_methods = sorted({methods[a.id] for a in used})
    return {
        "model": model.name,
        "params": model.params,
        "states": list(states) if states else "all decaying to muons",
        "lumi_fb": lumi_fb,
        "projection": projection,
        "analyses": [a.id for a in chosen],
        "headline_analysis": best.id,
        "analysis_per_mass": {f"{p['mass_GeV']:g}": p["analysis"] for p in per_mass},
        "selection": "best expected limit per mass",
        "limit_method": used_methods[0] if len(used_methods) == 1 else ", ".join(used_methods),
        "branching_ratios": _branching_ratios(model),
        "mass_range_GeV": [min(masses_done), max(masses_done)],
        "units": {"mass": "GeV", "xsec": "pb", "lumi": "fb^-1"},
        "approximations": approximations,
        "notes": _notes(chosen, used, lumi_fb=lumi_fb, projection=projection),
        "points": per_mass,
        "mass_limit_GeV": _mass_limits(per_mass),
        "per_analysis": results,
    }


def _quote_combination(result: dict[str, Any], chosen: Sequence[Any], combined_points: list[dict[str, Any]]) -> None:
    """Make the combined limit the quoted one; the best single-analysis result moves to ``best_single``."""
    comb_method = combined_points[0]["method"] if combined_points else "asymptotic"
    result["combined"] = {
        "analyses": [a.id for a in chosen],
        "limit_method": comb_method,
        "correlations": "mu and theory xsec shared; experimental uncertainties uncorrelated; luminosity "
                        "correlated within an experiment (lumi_<experiment>, signal only)",
        "points": combined_points,
        "mass_limit_GeV": _mass_limits(combined_points),
    }
    result["best_single"] = {"points": result["points"], "mass_limit_GeV": result["mass_limit_GeV"]}
    result["points"] = [{**p, "analysis": "combined"} for p in combined_points]
    result["mass_limit_GeV"] = result["combined"]["mass_limit_GeV"]
    result["limit_method"] = comb_method
    result["selection"] = "combined (" + " + ".join(a.id for a in chosen) + ")"
    result["headline_analysis"] = " + ".join(a.id for a in chosen) + " combined"
    result["approximations"] = list(dict.fromkeys(x for a in chosen for x in a.approximations)) + [
        x for x in result["approximations"] if x.startswith("Z'")]


def combined_point(
    chosen: Sequence[Analysis],
    workspaces: Mapping[str, dict[str, Any]],
    pt: SignalPoint,
    *,
    methods: Mapping[str, str],
    method: str | None,
    toys: int | None,
    lumi_fb: float,
) -> dict[str, Any]:
    """The combined workspace of all *chosen* analyses at one mass point and its upper limit.

    The method: *method*/*toys* if given, else the analyses' common declared method
    (asymptotic CLs if they differ, labelled).
    """
    from recast.stats import upper_limit
    from recast.stats.combine import combine_workspaces

    specs = {a.id: workspaces[f"{a.id}_{pt.mass:g}"] for a in chosen}
    lumi_unc: dict[str, tuple[str, float]] = {}
    for a in chosen:
        rel = a.meta.get("lumi_rel_unc", {}).get("value", 0.0)  # check_combinable ran: every one has its meta
        lumi_unc[a.id] = (str(a.meta["experiment"]), float(rel))
    spec = combine_workspaces(specs, lumi_unc=lumi_unc)
    declared = {methods[a.id] for a in chosen}
    meth = method or ("toys" if toys else (declared.pop() if len(declared) == 1 else "asymptotic"))
    observed = all(a.has_observed and analysis_lumi(a, lumi_fb) == a.lumi_fb for a in chosen)
    ul = upper_limit(spec, toys=toys, observed=observed, method=meth)
    return {"mass_GeV": pt.mass, "xsec_pb": pt.xsec_pb, "xsec_rel_unc": pt.xsec_rel_unc,
            "signal_events": float(sum(s["data"][i] for ch in spec["channels"] for s in ch["samples"]
                                       if s["name"] == "signal" for i in range(len(s["data"])))),
            "mu_ul_obs": ul.observed, "mu_ul_exp": list(ul.expected), "method": meth, "workspace": spec}


def _mass_limits(pts: list[dict[str, Any]]) -> dict[str, Any]:
    """Observed, expected and ±1σ expected mass limits [GeV] from points with ``mu_ul_*``."""
    from recast.stats import mass_limit

    ms = [p["mass_GeV"] for p in pts]
    exp = [[p["mu_ul_exp"][i] if p["mu_ul_exp"] else None for p in pts] for i in range(5)]
    obs = [p["mu_ul_obs"] for p in pts]
    return {
        "observed": mass_limit(ms, obs) if any(o is not None for o in obs) else None,
        "expected": mass_limit(ms, exp[2]),
        # +1σ fluctuation of the data -> weaker limit on mu -> lower mass limit
        "expected_band": [mass_limit(ms, exp[3]), mass_limit(ms, exp[1])],
    }


def best_expected_per_mass(
    chosen: Sequence[Any], per_analysis: dict[str, list[dict[str, Any]]]
) -> list[dict[str, Any]]:
    """Per mass, the point of the analysis with the smallest finite median expected mu_UL.

    Each returned point is that analysis' point plus ``"analysis": id``. A mass where no
    analysis has a finite expected limit takes the first analysis' point.
    """
    out = []
    for i, first in enumerate(per_analysis[chosen[0].id]):
        best_id, best_val = chosen[0].id, math.inf
        for ana in chosen:
            p = per_analysis[ana.id][i]
            v = p["mu_ul_exp"][2] if p["mu_ul_exp"] else None
            if v is not None and math.isfinite(v) and 0 < v < best_val:
                best_id, best_val = ana.id, v
        out.append({**per_analysis[best_id][i], "analysis": best_id})
        assert out[-1]["mass_GeV"] == first["mass_GeV"]
    return out


def _with_progress(points: Iterable[SignalPoint], total: int, enabled: bool) -> Iterator[SignalPoint]:
    from tqdm.auto import tqdm

    with tqdm(total=total, desc="mass points", unit="pt", disable=not enabled, leave=False) as bar:
        for p in points:
            yield p
            bar.update(1)


def write_results(
    result: LimitResult,
    workspaces: dict[str, dict[str, Any]],
    out: str | os.PathLike[str],
    *,
    force: bool = False,
    plots: bool = True,
) -> Path:
    """Write ``limits.json``, ``workspaces/*.json`` and the exclusion plot into *out* atomically.

    The directory is assembled in a temporary sibling and renamed into place, so a failure
    leaves nothing behind. An existing *out* needs ``force=True``. The document is checked
    against the shipped schema here, once (:func:`check_result`).
    """
    from recast.stats import write_workspace

    doc = result.to_json()
    text = json.dumps(doc, indent=2, default=json_scalar) + "\n"
    check_result(json.loads(text))  # a producer bug fails here, before anything is written
    out = Path(out)
    if out.exists() and not force:
        msg = f"output directory {out} exists; pass --force to overwrite or choose another --out"
        raise OutputExists(msg)
    tmp = make_temp_dir(out)  # 0777 & ~umask, not mkdtemp's 0700
    try:
        (tmp / "workspaces").mkdir()
        for name, spec in workspaces.items():
            write_workspace(spec, tmp / "workspaces" / f"{name}.json")
        (tmp / "limits.json").write_text(text)
        if plots:
            from recast.plotting import plot_mass_limit

            plot_mass_limit(doc, tmp, stem="exclusion", checked=True)
        replace_dir(tmp, out)  # concurrent writers take turns
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return out


def check_result(result: dict[str, Any]) -> dict[str, Any]:
    """Check a ``limits.json`` document against the shipped schema (``limits.schema.json``).

    Raises:
        LimitsError: the document does not match the schema (a bug in its producer), with the
            JSON path of the first bad item.
    """
    from recast.schemas import SCHEMA_VERSION

    try:
        return check_document(result, hint=f"limits.schema.json {SCHEMA_VERSION}; a recast bug, please report it")
    except InvalidCard as err:
        raise LimitsError(str(err)) from None


def analyses_fingerprint() -> dict[str, str]:
    """Hash of every installed analysis' shipped files (code, analysis.yaml, background data).

    Part of the :func:`cached_limits` key: a regenerated background or a changed selection
    must not be answered from the cache.
    """
    import hashlib
    from importlib.resources import files as _files

    from recast.analysis.registry import list_analyses

    out = {}
    for ana in list_analyses():
        package: str = getattr(ana, "package", "")  # typed in Analysis, not demanded by the registry
        if not package:  # a plugin without a package folder: keyed by its id only
            out[ana.id] = ""
            continue
        h = hashlib.sha256()
        root = _files(package)
        for entry in sorted(root.iterdir(), key=lambda e: e.name):
            if entry.is_file() and entry.name.endswith((".py", ".yaml", ".json", ".csv", ".txt")):
                h.update(entry.name.encode())
                h.update(entry.read_bytes())
        out[ana.id] = h.hexdigest()[:16]
    return out


def cached_limits(model_name: str, *, out: str | os.PathLike[str] | None = None, force: bool = False,
                  use_cache: bool = True, **kwargs: Any) -> tuple[LimitResult, dict[str, dict[str, Any]], bool]:
    """:func:`run_limits` (+ :func:`write_results` into *out*) with an on-disk cache of the whole output.

    The one door of ``recast limits`` and :func:`recast.api.limits`. The output directory of
    every distinct request (all inputs, the recast and detector versions, the analyses' shipped
    data) is kept in the cache store ``store("limits")``; an identical request is answered from it (and
    copied to *out*, atomically) instead of recomputed. A request with its own signal ``source``
    object is not cached (it has no stable key). Returns ``(result, workspaces, from_cache)``.
    User event files are keyed by path, size and modification time. Entries are checksummed
    (:class:`recast.cache.Store`): a damaged one is reported on one stderr line, discarded
    and recomputed, never copied to *out*.
    """
    out = Path(out) if out is not None else None
    if out is not None and out.exists() and not force:
        msg = f"output directory {out} exists; pass --force to overwrite or choose another --out"
        raise OutputExists(msg)
    if kwargs.get("source") is not None:
        result, workspaces = run_limits(model_name, **kwargs)
        if out is not None:
            write_results(result, workspaces, out, force=True)
        return result, workspaces, False
    limits_store, name = store("limits"), _cache_key(model_name, kwargs)
    cached = limits_store.get(name, check=_entry_problem) if use_cache else None  # checksums, then content
    from_cache = cached is not None
    if cached is None:
        result, workspaces = run_limits(model_name, **kwargs)
        cached = limits_store.put(name, lambda tmp: write_results(result, workspaces, tmp))
    with limits_store.lock():  # a concurrent writer does not replace the entry while it is read or copied
        if from_cache:
            result, workspaces = read_output(cached)
        if out is not None:
            copy_dir(cached, out)  # via a temporary sibling and a locked rename
    return result, workspaces, from_cache


def _cache_key(model_name: str, kwargs: dict[str, Any]) -> str:
    """The cache entry name of one :func:`cached_limits` request (every :func:`run_limits` argument, defaults
    filled in: the API and the CLI name different subsets of the same request)."""
    import inspect

    from recast.detector import DETECTOR_VERSION  # lazy: it imports awkward and vector (~0.2 s)

    files = kwargs.get("events_files") or []
    key_payload = {
        "model": model_name, "recast": __version__, "detector": DETECTOR_VERSION, "store": RECORD_VERSION,
        "defaults": [{kind.KIND: kind.DEFAULT_MASSES for kind in (Leptoquark, ZPrimeModel)}, DEFAULT_EVENTS_PER_POINT],
        "effmaps": maps_digest(),
        "files": [[os.fspath(f), Path(f).stat().st_size, Path(f).stat().st_mtime] for f in files if Path(f).exists()],
        "analyses_data": analyses_fingerprint(),
    }
    request = inspect.signature(run_limits).bind(model_name, **kwargs)
    request.apply_defaults()
    key_payload |= {k: v for k, v in request.arguments.items() if k not in ("model_name", "progress", "jobs", "source")}
    return cache_key(key_payload)


def _entry_problem(entry: Path) -> str | None:
    """Content check of a limits cache entry, after its checksums: ``limits.json`` is a valid limits result
    and every ``workspaces/*.json`` is a JSON object with channels."""
    try:
        result = json.loads((entry / "limits.json").read_text(encoding="utf-8"))
        if not isinstance(result, dict):
            return "limits.json is not a JSON object"
        check_document(result, source="limits.json")
        for ws in sorted((entry / "workspaces").glob("*.json")):
            spec = json.loads(ws.read_text(encoding="utf-8"))
            if not isinstance(spec, dict) or "channels" not in spec:
                return f"workspaces/{ws.name} is not a pyhf workspace"
    except (OSError, ValueError, RecastError) as err:
        return f"{type(err).__name__}: {' '.join(str(err).split())[:120]}"
    return None
