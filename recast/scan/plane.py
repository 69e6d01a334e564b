"""Coupling-plane scans of a leptoquark: collider verdict from the efficiency maps and flavour verdicts.

``recast scan --model S3 --plane "y_bmu=0.01:2:20,y_smu=0.01:2:20" --masses 1000:2200:200`` evaluates
every (coupling point, mass): the collider CLs at μ = 1 (observed and expected) of every
leptoquark analysis with a map, the constraining one (smallest median expected CLs), and the
``recast flavour`` numbers (:func:`recast.lowenergy.grid.flavour_grid`).

**Method.** Asymptotic CLs with the q̃μ test statistic (arXiv:1007.1727; :func:`recast.stats.cls`
with the pruning of :func:`recast.stats.upper_limit`, so CLs(1) < 0.05 ⇔ μ_UL < 1 of ``recast
limits --method asymptotic``), for every analysis whatever its declared method: the Bayesian fit
of the ATLAS dimuon search takes ~11 s per point. Validity: asymptotics need a background of
≳ 10 events where the signal sits; the high-mass bins of lq_mumujj hold b ≪ 1, where asymptotic
CLs exclude with fewer signal events than an exact method (see its analysis.yaml).

**Exact shortcuts** (tests/test_plane_scan.py pins each):

* LQ pair production is QCD: σ(M) does not depend on the couplings, which only set the branching
  ratios. The signal of a point is ``Σ_k c_k ε_k(M)`` with ``c_k = Σ_states σ Σ B_i B_j`` per channel
  pair (:func:`recast.effmaps.channels.pair_coefficients`): points with the same ``c`` (rounded to
  1e-12 relative) have the same yields, hence the same CLs, and are fitted once. With two
  non-zero couplings the branching ratios depend only on their ratio: a log grid with equal
  ranges has 2N − 1 distinct patterns instead of N².
* Flavour: match + run once per mass per coupling bilinear (:mod:`recast.lowenergy.grid`).
* The distinct fits run in parallel (forked processes like ``recast limits``, or Dask when asked)
  and are cached on disk as they finish (the store ``store("scan/plane/<hash>")``): a re-run or an interrupted
  scan resumes.

Points with a state wider than :data:`recast.sources.MAX_WIDTH_OVER_MASS` (the maps assume a
narrow state), or producing unmapped channels (e or τ legs) above
:data:`recast.sources.UNMAPPED_TOLERANCE`, get no collider verdict (``status``).
"""

from __future__ import annotations

import itertools
import math
import os
import re
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from recast.cache import cache_key, store
from recast.exceptions import InvalidParameter, LimitsError, closest

__all__ = [
    "MASS_AXIS_GEV",
    "MASS_PLANE_LQS",
    "PLANE_COLUMNS",
    "PLANE_LQS",
    "PLANE_VERSION",
    "Axis",
    "PlaneRun",
    "fit_pattern",
    "parse_plane",
    "plane_analyses",
    "run_plane",
    "write_plane_outputs",
]


def __dir__() -> list[str]:
    return __all__


#: Bump when the per-fit physics or the cache layout changes (invalidates cached fits; 3: checksummed entries).
PLANE_VERSION = 3
#: Leptoquarks a coupling-plane scan takes (Spm's plane is its two masses: :mod:`recast.viability.spm_plane`).
PLANE_LQS = ("S3", "S1", "R2")
#: Leptoquarks whose plane is (mass, mass): Spm (m_μ fixes η_L η_R A⟨φ⟩, so Δa_μ depends on the masses only).
MASS_PLANE_LQS = ("Spm",)
#: Allowed range of a mass axis [GeV] (Spm): the σ table's first point to 20 TeV (approximation: Δa_μ needs
#: M ≫ m_t; above ~7 TeV the 2021 (g−2) value is out of reach).
MASS_AXIS_GEV = (100.0, 20000.0)
_SPM_HINT = "give --plane 'MSp=lin:1000:7000:25,MSm=lin:1000:7000:25' (masses in GeV)"
#: Relative rounding of the pair coefficients when grouping points with identical yields.
_DEDUPE_DIGITS = 12
_CLS_ALPHA = 0.05  # 95% CL


@dataclass(frozen=True)
class Axis:
    """One plane axis: coupling *name* from *lo* to *hi* in *n* points, log or linear spacing."""

    name: str
    lo: float
    hi: float
    n: int
    log: bool = True

    def values(self) -> np.ndarray:
        """The grid values (dimensionless)."""
        return np.geomspace(self.lo, self.hi, self.n) if self.log else np.linspace(self.lo, self.hi, self.n)

    def text(self) -> str:
        """The axis as written on the command line."""
        return f"{self.name}={'' if self.log else 'lin:'}{self.lo:g}:{self.hi:g}:{self.n}"


_PLANE_HINT = 'give --plane "y_bmu=LO:HI:N,y_smu=LO:HI:N" (log spacing; "y_bmu=lin:LO:HI:N" for linear)'


def parse_plane(text: str, model: str) -> tuple[Axis, Axis]:
    """Parse ``--plane`` for leptoquark *model*: two couplings, each ``[lin:]LO:HI:N``.

    For Spm (:data:`MASS_PLANE_LQS`) the two axes are the masses MSp and MSm in GeV (same syntax).

    Raises:
        InvalidParameter: not a leptoquark of :data:`PLANE_LQS` or :data:`MASS_PLANE_LQS`, not two axes, an
            unknown or repeated coupling, N < 2, LO >= HI, LO <= 0 on a log axis, |value| above the
            perturbative 4π (a mass outside 100-20000 GeV for Spm).
    """
    from recast.models.leptoquark import LEPTOQUARKS

    if model not in PLANE_LQS + MASS_PLANE_LQS:
        msg = (f"--plane scans a leptoquark's couplings (S3, S1, R2) or Spm's masses; model {model!r} is none of "
               f"{', '.join(PLANE_LQS + MASS_PLANE_LQS)} — use --model S3, S1, R2 or Spm (Z' models: recast scan "
               "without --plane)")
        raise InvalidParameter(msg)
    masses = model in MASS_PLANE_LQS
    names = list(LEPTOQUARKS[model].MASS_PARAMS) if masses else [
        p.name for p in LEPTOQUARKS[model].PARAMETERS if p.unit == ""]
    parts = [p.strip() for p in text.split(",") if p.strip()]
    if len(parts) != 2:
        what = "masses" if masses else "couplings"
        msg = f"--plane {text!r} needs exactly two {what} — {_SPM_HINT if masses else _PLANE_HINT}"
        raise InvalidParameter(msg)
    axes = [_parse_axis(part, model, names, masses=masses) for part in parts]
    if axes[0].name == axes[1].name:
        msg = f"--plane names {axes[0].name} twice — give two different couplings"
        raise InvalidParameter(msg)
    return axes[0], axes[1]


def _parse_axis(part: str, model: str, names: list[str], *, masses: bool = False) -> Axis:
    """One ``name=[lin:]LO:HI:N`` of ``--plane`` (see :func:`parse_plane`); *masses*: a mass axis in GeV."""

    name, eq, spec = (x.strip() for x in part.partition("="))
    hint = _SPM_HINT if masses else _PLANE_HINT
    if not eq:
        msg = f"--plane part {part!r} has no '=' — {hint}"
        raise InvalidParameter(msg)
    if name not in names:
        msg = f"--plane: {model} has no {'mass' if masses else 'coupling'} {name!r}; {closest(name, names)}"
        raise InvalidParameter(msg)
    log = not spec.startswith("lin:")
    spec = re.sub(r"^(lin|log):", "", spec)
    fields = spec.split(":")
    try:
        if len(fields) != 3:
            raise ValueError(spec)
        lo, hi, n_f = float(fields[0]), float(fields[1]), float(fields[2])
    except ValueError:
        msg = f"--plane part {part!r} is not {name}=LO:HI:N — {hint}"
        raise InvalidParameter(msg) from None
    problem = _axis_problem(name, spec, (lo, hi, n_f), log=log, masses=masses, n_text=fields[2].strip())
    if problem:
        msg = f"--plane {name}: {problem}"
        raise InvalidParameter(msg)
    return Axis(name, lo, hi, int(n_f), log)


def _axis_problem(name: str, spec: str, values: tuple[float, float, float], *, log: bool, masses: bool,
                  n_text: str) -> str | None:
    """What is wrong with one parsed ``--plane`` axis (LO, HI, N), or None."""
    from recast.models.base import MAX_COUPLING

    lo, hi, n_f = values
    if not (math.isfinite(lo) and math.isfinite(hi) and math.isfinite(n_f)) or n_f != int(n_f) or n_f < 2:
        return f"need finite LO, HI and an integer N >= 2, got {spec!r}"
    if lo >= hi:
        return f"LO must be below HI, got {lo:g} >= {hi:g}"
    if log and lo <= 0:
        return f"a log axis needs LO > 0, got {lo:g} — give {name}=lin:{lo:g}:{hi:g}:{int(n_f)}"
    if masses and not (MASS_AXIS_GEV[0] <= lo and hi <= MASS_AXIS_GEV[1]):
        return (f"masses must lie in {MASS_AXIS_GEV[0]:g}-{MASS_AXIS_GEV[1]:g} GeV (the pair cross-section table "
                f"starts at 100 GeV), got {spec!r}")
    if not masses and max(abs(lo), abs(hi)) > MAX_COUPLING:
        return f"|coupling| must be <= 4π = {MAX_COUPLING:.4g} (perturbativity), got {spec!r}"
    if n_f > 200:
        return f"at most 200 points per axis, got {n_text}"
    return None


def plane_analyses(ids: Sequence[str] | None = None) -> list[Any]:
    """The leptoquark analyses with efficiency maps (through the registry), or the requested *ids*.

    Raises:
        LimitsError: an id that does not apply to leptoquarks or has no map; none installed.
    """
    from recast.analysis import get_analysis, list_analyses
    from recast.effmaps.maps import load_maps

    maps = load_maps()
    if ids:
        chosen = [get_analysis(i) for i in ids]
        for ana in chosen:
            if "leptoquark" not in ana.applies_to or ana.id not in maps.arrays:
                msg = (f"analysis {ana.id} has no leptoquark efficiency map (maps: {', '.join(sorted(maps.arrays))}) "
                       "— choose one of those with --analysis")
                raise LimitsError(msg)
        return chosen
    chosen = [a for a in list_analyses(failures={}) if "leptoquark" in a.applies_to and a.id in maps.arrays]
    if not chosen:
        msg = "no installed leptoquark analysis has an efficiency map; see `recast analyses`"
        raise LimitsError(msg)
    return chosen


# --------------------------------------------------------------------------- one distinct fit
def fit_pattern(mass: float, coefficients: Mapping[str, float], analyses: Sequence[Any], *, lumi_fb: float,
                xsec_rel_unc: float) -> dict[str, dict[str, Any]]:
    """Asymptotic CLs at μ = 1 of every analysis for the map signal of pair *coefficients* [pb] at *mass* [GeV].

    Each analysis is one :func:`recast.evaluate.evaluate` (``test_mu=1``) of the map signal.

    Returns:
        ``{analysis id: {"cls_obs": float | None (no observed data), "cls_exp": [5 values, -2σ..+2σ],
        "signal_events": float}}``; a zero signal has CLs = 1 exactly.
    """
    from functools import partial

    from recast.effmaps.maps import load_maps
    from recast.evaluate import evaluate
    from recast.sources import SignalPoint

    maps = load_maps()
    yields = {ana.id: partial(maps.yields, ana.id, coefficients, mass) for ana in analyses}
    point = SignalPoint(mass, float(sum(coefficients.values())), xsec_rel_unc, None, "efficiency maps", yields)
    out: dict[str, dict[str, Any]] = {}
    for ana in analyses:
        ev = evaluate(point, ana, lumi_fb=lumi_fb, test_mu=1.0)
        out[ana.id] = {"cls_obs": ev.cls_obs, "cls_exp": ev.cls_exp, "signal_events": ev.signal_events}
    return out


def _fit_batch(batch: list[tuple[str, float, dict[str, float]]],
               state: tuple[list[Any], float, dict[float, float]]) -> list[tuple[str, dict[str, Any]]]:
    """``(key, fits)`` of each distinct pattern; *state* holds the analyses (or, on Dask, their ids:
    resolved through the registry in the worker), the luminosity and the cross-section uncertainty per mass."""
    from recast.analysis import get_analysis

    chosen, lumi_fb, rel = state
    analyses = [get_analysis(a) if isinstance(a, str) else a for a in chosen]
    return [(k, fit_pattern(m, c, analyses, lumi_fb=lumi_fb, xsec_rel_unc=rel[m])) for k, m, c in batch]


# --------------------------------------------------------------------------- the grid
@dataclass
class _Cell:
    """One (coupling point, mass): its pair coefficients' fit key, or why it has no collider verdict."""

    status: str
    key: str | None = None
    sigma_pb: float = 0.0
    br_mu: dict[str, float] = field(default_factory=dict)
    max_width_over_mass: float = 0.0


def _cell(model_cls: type[Any], mass: float, couplings: dict[str, float], maps: Any,
          context: str) -> tuple[_Cell, dict[str, float] | None]:
    from recast.events.generate import muon_br
    from recast.sources import map_pattern

    point = model_cls(**{model_cls.MASS_PARAMS[0]: mass, **couplings})
    pat = map_pattern(point, maps)  # the one signal check, as recast limits' MapSource
    br_mu = {st.name: muon_br(st) for st in point.states()}
    status = pat.problem or "ok"
    if status != "ok":
        return _Cell(status, None, float(sum(pat.sigmas.values())), br_mu, pat.max_width_over_mass), None
    # absolute c_k [pb]: the yields are linear in them (a c / sum(c) key would merge points whose
    # B(mu) differs through channels without a dimuon pair, e.g. a tau leg)
    pattern = sorted((k, float(f"{v:.{_DEDUPE_DIGITS}g}")) for k, v in pat.mapped.items() if v > 0)
    key = cache_key({"v": PLANE_VERSION, "ctx": context, "mass_GeV": mass, "pattern": pattern})
    return _Cell(status, key, float(sum(pat.sigmas.values())), br_mu, pat.max_width_over_mass), pat.mapped


def _fixed_couplings(model_cls: type[Any], mass: float, axes: tuple[Axis, Axis],
                     fixed: Mapping[str, float] | None) -> dict[str, float]:
    """Couplings held fixed: *fixed* if given, else the model's benchmark at *mass*; the plane's own are dropped."""
    from recast.lowenergy.grid import coupling_names

    names = coupling_names(model_cls)
    if fixed is None:
        bench = model_cls(**{model_cls.MASS_PARAMS[0]: mass}).params
        fixed = {k: v for k, v in bench.items() if k in names and v}
    unknown = [k for k in fixed if k not in names]
    if unknown:
        msg = f"--coupling {unknown[0]!r} is not a coupling of {model_cls.__name__}; {closest(unknown[0], names)}"
        raise InvalidParameter(msg)
    return {**dict.fromkeys(names, 0.0), **{k: float(v) for k, v in fixed.items() if k not in (a.name for a in axes)}}


# --------------------------------------------------------------------------- main entry
@dataclass
class PlaneRun:
    """Outcome of :func:`run_plane`.

    Attributes:
        rows: one dict per (coupling point, mass), :data:`PLANE_COLUMNS` (plus ``per_analysis``).
        axes: the two plane axes; masses: GeV; fixed: the couplings held fixed (per mass).
        analyses: ids fitted; distinct: distinct fits needed; cached / computed: of those.
        seconds: wall time; executor: where the fits ran.
    """

    rows: list[dict[str, Any]]
    axes: tuple[Axis, Axis]
    masses: list[float]
    fixed: dict[float, dict[str, float]]
    analyses: list[str]
    distinct: int = 0
    cached: int = 0
    computed: int = 0
    seconds: float = 0.0
    executor: str = "cache only"
    seconds_flavour: float = 0.0


#: scan.csv columns of a plane scan, one row per (coupling point, mass).
PLANE_COLUMNS = (
    "model", "mass_GeV", "x_name", "x", "y_name", "y", "status", "sigma_pb", "br_mu_max", "width_over_mass",
    "analysis", "cls_obs", "cls_exp", "cls_exp_m1", "cls_exp_p1", "excluded_obs", "excluded_exp",
    "C9", "C10", "C_LL", "bs_mumu_ratio", "delta_a_mu_1e11", "Bs_mixing", "trident",
    "pull_C_LL", "pull_delta_a_mu", "pull_Bs_mixing", "pull_trident", "chi2", "delta_chi2",
    "flavour_1sigma", "flavour_2sigma", "viable",
)


def _quoted(fits: dict[str, dict[str, Any]]) -> tuple[str, dict[str, Any]]:
    """The constraining analysis: smallest median expected CLs at μ = 1 (ties: first id)."""
    aid = min(sorted(fits), key=lambda a: fits[a]["cls_exp"][2])
    return aid, fits[aid]


def _collider_columns(cell: _Cell, fits: dict[str, dict[str, Any]] | None) -> dict[str, Any]:
    if fits is None:
        return {"analysis": "", "cls_obs": None, "cls_exp": None, "cls_exp_m1": None, "cls_exp_p1": None,
                "excluded_obs": None, "excluded_exp": None, "per_analysis": {}}
    aid, f = _quoted(fits)
    obs = f["cls_obs"]
    return {"analysis": aid, "cls_obs": obs, "cls_exp": f["cls_exp"][2], "cls_exp_m1": f["cls_exp"][1],
            "cls_exp_p1": f["cls_exp"][3], "excluded_obs": None if obs is None else bool(obs < _CLS_ALPHA),
            "excluded_exp": bool(f["cls_exp"][2] < _CLS_ALPHA), "per_analysis": fits}


def run_plane(
    model: str,
    axes: tuple[Axis, Axis],
    masses: Sequence[float],
    *,
    fixed: Mapping[str, float] | None = None,
    lumi_fb: float = 139.0,
    fit: str | None = None,
    analyses: Sequence[str] | None = None,
    jobs: int | None = None,
    scheduler: str | None = None,
    dask: bool = False,
    progress: bool = False,
    on_fit: Callable[[int], None] | None = None,
) -> PlaneRun:
    """Evaluate every (coupling point, mass) of a leptoquark coupling plane (module docstring).

    Args:
        model: ``S3``, ``S1`` or ``R2``.
        axes: the two coupling axes (:func:`parse_plane`).
        masses: leptoquark masses in GeV (inside the efficiency-map grid).
        fixed: the other couplings; default the model's benchmark at each mass (S3: y_bμ = 1,
            y_sμ = V_cb (M/8 TeV)²; S1: yL_bμ = 1; R2: yLR_bμ = 1), the plane's couplings removed.
        lumi_fb: luminosity [fb⁻¹]; at an analysis' own luminosity its observed data are used.
        fit: flavour fit inputs.
        analyses: analysis ids (default: every leptoquark analysis with a map).
        jobs: processes for the distinct fits (default all cores); Dask workers with *dask*.
        scheduler: a Dask scheduler address or ``"synchronous"`` (implies Dask).
        dask: run the fits on a Dask LocalCluster of *jobs* workers.
        progress: a progress bar of the distinct fits (stderr).
        on_fit: called with the number of fits cached so far after each shard is written (may raise
            KeyboardInterrupt to stop: the cached fits are kept).

    Raises:
        InvalidParameter, LimitsError: bad model, masses outside the maps, stale maps, bad analyses.
    """
    from recast.models.leptoquark import LEPTOQUARKS

    t0 = time.perf_counter()
    fit_name, grid, chosen, context = _check_request(model, masses, lumi_fb=lumi_fb, fit=fit, analyses=analyses)
    model_cls = LEPTOQUARKS[model]
    layout = _layout(model_cls, axes, grid, fixed, context)
    flavour: dict[float, dict[str, np.ndarray]] = {}
    t_flav = [0.0]

    def flavour_side() -> None:
        t = time.perf_counter()
        flavour.update(_flavour_grids(model_cls, axes, grid, layout, fit_name))
        t_flav[0] = time.perf_counter() - t

    results, cached, executor = _fit_all(layout, chosen, context, lumi_fb=lumi_fb, jobs=jobs, scheduler=scheduler,
                                         dask=dask, progress=progress, on_fit=on_fit, side=flavour_side)
    rows = _rows(model, axes, grid, layout, results, flavour)
    t1 = time.perf_counter()
    return PlaneRun(rows=rows, axes=axes, masses=grid, fixed=layout.fixed, analyses=[a.id for a in chosen],
                    distinct=len(layout.tasks), cached=cached, computed=len(layout.tasks) - cached, seconds=t1 - t0,
                    executor=executor, seconds_flavour=t_flav[0])


def _check_request(model: str, masses: Sequence[float], *, lumi_fb: float, fit: str | None,
                   analyses: Sequence[str] | None) -> tuple[str, list[float], list[Any], str]:
    """Check everything before any work: (fit name, masses, analyses, cache context)."""
    from recast.chain import analyses_fingerprint
    from recast.effmaps.maps import load_maps, maps_digest, stale_reasons
    from recast.lowenergy import load_fit

    if model in MASS_PLANE_LQS:
        msg = f"{model}'s plane is its masses — use recast.viability.spm_plane.run_spm_plane (recast scan --plane)"
        raise InvalidParameter(msg)
    if model not in PLANE_LQS:
        parse_plane("", model)  # the one-line error
    if not lumi_fb or lumi_fb <= 0 or not math.isfinite(lumi_fb):
        msg = f"--lumi must be > 0 fb^-1, got {lumi_fb:g}"
        raise InvalidParameter(msg)
    fit_name = str(load_fit(fit)["name"])
    maps = load_maps()
    grid = [float(m) for m in masses]
    for m in grid:
        maps.check_mass(m, fix="choose --masses inside it")  # recast scan has no --generate
    stale = stale_reasons(maps, selections=False)
    if stale:
        msg = (f"the efficiency maps are stale ({'; '.join(stale)}) — remake them with "
               "`python -m scripts.lq_mumujj.make_maps`")
        raise LimitsError(msg)
    chosen = plane_analyses(analyses)
    fingerprint = analyses_fingerprint()
    from recast import __version__

    context = cache_key({"v": PLANE_VERSION, "recast": __version__, "maps": maps_digest(),
                         "analyses": {a.id: fingerprint.get(a.id) for a in chosen},
                         "lumi_fb": lumi_fb, "method": "asymptotic CLs(mu=1)"})
    return fit_name, grid, chosen, context


@dataclass
class _Layout:
    """Every cell of the grid, the distinct fits, the fixed couplings and σ uncertainty per mass."""

    cells: dict[tuple[int, int, int], _Cell]
    tasks: dict[str, tuple[float, dict[str, float]]]
    fixed: dict[float, dict[str, float]]
    rel: dict[float, float]


def _layout(model_cls: type[Any], axes: tuple[Axis, Axis], grid: list[float], fixed: Mapping[str, float] | None,
            context: str) -> _Layout:
    from recast.effmaps.maps import load_maps

    maps = load_maps()
    out = _Layout({}, {}, {}, {})
    xs, ys = axes[0].values(), axes[1].values()
    for k, mass in enumerate(grid):
        base = _fixed_couplings(model_cls, mass, axes, fixed)
        out.fixed[mass] = {n: v for n, v in base.items() if v}
        out.rel[mass] = model_cls(**{model_cls.MASS_PARAMS[0]: mass}).xsec_rel_unc(mass)
        for (i, x), (j, y) in itertools.product(enumerate(xs), enumerate(ys)):
            values = {**base, axes[0].name: float(x), axes[1].name: float(y)}
            cell, coef = _cell(model_cls, mass, values, maps, context)
            out.cells[(i, j, k)] = cell
            if cell.key is not None and cell.key not in out.tasks and coef is not None:
                out.tasks[cell.key] = (mass, coef)
    return out


def _fit_all(layout: _Layout, chosen: list[Any], context: str, *, lumi_fb: float, jobs: int | None,
             scheduler: str | None, dask: bool, progress: bool, on_fit: Callable[[int], None] | None,
             side: Callable[[], None]) -> tuple[dict[str, Any], int, str]:
    """The fits of every distinct pattern: cached ones read, the rest computed and cached as they finish;
    *side* (the flavour grid) runs in this process meanwhile."""
    fits = store(f"scan/plane/{context}")
    results = {k: v for k, v in fits.merged("fits").items() if k in layout.tasks}
    cached = len(results)
    todo = sorted(((k, m, c) for k, (m, c) in layout.tasks.items() if k not in results), key=lambda t: (t[1], t[0]))
    if not todo:
        side()
        return results, cached, "cache only"
    from recast.runner import Progress, run_tasks

    def keep(res: list[tuple[str, dict[str, Any]]]) -> None:
        fits.put_shard("fits", dict(res))
        results.update(res)
        if on_fit is not None:
            on_fit(len(results))

    bar = Progress("distinct fits", "fit", total=len(layout.tasks), initial=cached) if progress else None
    on_dask = bool(dask or scheduler)
    ids = [a.id for a in chosen]
    executor = run_tasks(_fit_batch, todo, mode="dask" if on_dask else "fork", jobs=jobs, scheduler=scheduler,
                         state=(ids if on_dask else chosen, lumi_fb, layout.rel), on_result=keep, progress=bar,
                         batch_size=None if on_dask else max(1, min(8, len(todo) // 16)),  # a shard per few fits
                         alongside=side).executor
    return results, cached, executor


_FLAVOUR_ROW = ("C9", "C10", "C_LL", "bs_mumu_ratio", "delta_a_mu_1e11", "Bs_mixing", "trident",
                "pull_C_LL", "pull_delta_a_mu", "pull_Bs_mixing", "pull_trident", "chi2", "delta_chi2")


def _flavour_grids(model_cls: type[Any], axes: tuple[Axis, Axis], grid: list[float], layout: _Layout,
                   fit_name: str) -> dict[float, dict[str, np.ndarray]]:
    from recast.lowenergy.grid import flavour_grid

    grid_x, grid_y = np.meshgrid(axes[0].values(), axes[1].values(), indexing="ij")
    return {mass: flavour_grid(model_cls, mass, {**layout.fixed[mass], axes[0].name: grid_x, axes[1].name: grid_y},
                               fit=fit_name) for mass in grid}


def _rows(model: str, axes: tuple[Axis, Axis], grid: list[float], layout: _Layout, results: dict[str, Any],
          flavour: dict[float, dict[str, np.ndarray]]) -> list[dict[str, Any]]:
    xs, ys = axes[0].values(), axes[1].values()
    rows: list[dict[str, Any]] = []
    for k, mass in enumerate(grid):
        flav = flavour[mass]
        for i, j in itertools.product(range(len(xs)), range(len(ys))):
            cell = layout.cells[(i, j, k)]
            fits = results.get(cell.key) if cell.key else None
            row: dict[str, Any] = {
                "model": model, "mass_GeV": mass, "x_name": axes[0].name, "x": float(xs[i]),
                "y_name": axes[1].name, "y": float(ys[j]), "status": cell.status, "sigma_pb": cell.sigma_pb,
                "br_mu_max": max(cell.br_mu.values(), default=0.0), "br_mu": cell.br_mu,
                "width_over_mass": cell.max_width_over_mass, **_collider_columns(cell, fits),
                **{col: float(flav[col][i, j]) for col in _FLAVOUR_ROW},
                "flavour_1sigma": bool(flav["flavour_1sigma"][i, j]),
                "flavour_2sigma": bool(flav["flavour_2sigma"][i, j]),
            }
            verdict = row["excluded_obs"] if row["excluded_obs"] is not None else row["excluded_exp"]
            row["viable"] = bool(row["flavour_1sigma"] and cell.status == "ok" and verdict is False)
            rows.append(row)
    return rows


def write_plane_outputs(out_dir: str | os.PathLike[str], run: PlaneRun, *, inputs: dict[str, Any],
                        force: bool = False) -> tuple[Any, Any]:
    """Write ``scan.csv`` (one row per (coupling point, mass), :data:`PLANE_COLUMNS`) and ``scan.json``
    (inputs, conventions, every row with its per-analysis CLs) into *out_dir*, atomically.

    Raises:
        OutputExists: a file exists and *force* is False.
    """
    import json

    from recast.atomic import write_texts
    from recast.scan.table import csv_text, scan_output_paths

    csv_path, json_path = scan_output_paths(out_dir, force=force)
    cells = [{k: ("" if v is None else (f"{v:.6g}" if isinstance(v, float) else v)) for k, v in r.items()}
             for r in run.rows]
    doc = {
        "inputs": inputs,
        "conventions": {
            "collider": ("asymptotic CLs (q~mu, arXiv:1007.1727) at mu = 1 from the efficiency maps, pruned as "
                         "recast.stats.upper_limit; excluded = CLs < 0.05 (<=> mu_UL < 1); the quoted analysis has the "
                         "smallest median expected CLs; cls_obs empty where the analysis has no observed data"),
            "status": "ok; wide (a state with width/mass > 10%: maps assume narrow states); unmapped channels; "
                      "no muon channel",
            "flavour": ("recast flavour numbers (built-in 4-observable fit); flavour_1sigma: C_LL within 1 sigma, "
                        "B_s mixing and trident within 2 sigma"),
            "viable": "flavour_1sigma and status ok and not excluded (observed, else expected)",
            "units": {"mass": "GeV", "sigma": "pb", "lumi": "fb^-1", "delta_a_mu": "1e-11"},
        },
        "distinct_fits": run.distinct,
        "count": len(run.rows),
        "rows": run.rows,
    }
    write_texts({csv_path: csv_text(cells, PLANE_COLUMNS), json_path: json.dumps(doc, indent=1, default=float) + "\n"})
    return csv_path, json_path

