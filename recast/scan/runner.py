"""Run a scan over (model, mass) points on Dask, with an on-disk cache that makes it resumable.

Work units are (model, mass) points (:func:`recast.scan.points.point_verdict`); a Dask task
evaluates a batch of them (a point costs ~0.5 ms, a Dask task ~1 ms of overhead and a cache
file write ~0.5 ms). Each point has a key, a hash of every input (charges, mass, g_X, fit, the
search limits used, :data:`SCAN_VERSION`); the results of a task are written as one shard
``{key: result}`` (:func:`point_store`) as soon as they reach the client, so a re-run
skips done work and an interrupted scan resumes from the last finished task. The
model-independent search limits (:func:`recast.scan.searches.search_limits`: every Z′ search,
the constraining one, the combination) are computed once per mass (also Dask tasks) and
cached in the store ``store("scan/limits")``, keyed by the reference signal, the analyses and their
shipped data, and the limit method.

Executors: ``scheduler="synchronous"`` (Dask's synchronous scheduler, in process: tests),
a :class:`distributed.LocalCluster` with ``jobs`` single-threaded worker processes (default),
or an existing cluster at ``scheduler="tcp://host:port"``.
"""

from __future__ import annotations

import functools
import math
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from recast.cache import Store, cache_key, store
from recast.exceptions import InvalidParameter
from recast.runner import DaskExecutor, Progress, dask_executor, run_tasks
from recast.scan.points import ScanModel, point_verdict
from recast.scan.searches import GeneratedReference, ReferenceSignal, scan_analyses, search_limits

__all__ = ["SCAN_VERSION", "ScanRun", "inputs_fingerprint", "point_key", "point_store", "run_scan"]

#: Bump when the per-point physics or the cache layout changes (invalidates cached points; 4: checksummed entries).
SCAN_VERSION = 4
#: Entries of a search-limit document that a point depends on (its cache key).
_LIMIT_KEYS = ("searches", "constraining", "combined", "combination", "published_expected_fb")


@functools.cache
def inputs_fingerprint() -> str:
    """Hash of the data the points depend on: every installed analysis' shipped files (code and
    published numbers, :func:`recast.chain.analyses_fingerprint`) and the Z′ unit cross-section
    table. A change to either invalidates the cache."""
    from recast.chain import analyses_fingerprint
    from recast.data import data_file
    from recast.scan.xsec import TABLE_FILE

    table = data_file(TABLE_FILE).read_text(encoding="utf-8")
    return cache_key({"analyses": analyses_fingerprint(), TABLE_FILE: table})


def __dir__() -> list[str]:
    return __all__


@dataclass
class ScanRun:
    """Raw outcome of :func:`run_scan`.

    Attributes:
        points: per-point dicts in (model, mass) order.
        limits: search limits per mass (:func:`recast.scan.searches.search_limits`).
        analyses: ids of the searches evaluated.
        cached: points taken from the cache; computed: points evaluated in this run.
        seconds: wall time; executor: description of where the points ran.
    """

    points: list[dict[str, Any]]
    limits: dict[float, dict[str, Any]]
    analyses: list[str] = field(default_factory=list)
    cached: int = 0
    computed: int = 0
    seconds: float = 0.0
    executor: str = ""
    stats: dict[str, Any] = field(default_factory=dict)


# --------------------------------------------------------------------------- tasks
def _limit_batch(batch: list[float], state: tuple[ReferenceSignal, list[str], str | None]) -> list[dict[str, Any]]:
    reference, ids, method = state
    analyses = scan_analyses(ids)  # through the registry, in the worker process
    return [search_limits(m, reference=reference, analyses=analyses, method=method) for m in batch]


def _points_task(batch: list[tuple[ScanModel, float]],
                 state: tuple[float, str, dict[float, dict[str, Any]]]) -> list[dict[str, Any]]:
    gx, fit, limits = state
    return [point_verdict(m, mass, gx=gx, fit=fit, limits=limits.get(mass)) for m, mass in batch]


# --------------------------------------------------------------------------- cache
def _positive_or_none(x: Any) -> bool:
    return x is None or (isinstance(x, (int, float)) and math.isfinite(x) and x > 0)


def _limit_doc_ok(doc: object, mass: float, ids: Sequence[str]) -> bool:
    """A cached search limit: the mass, every search with finite positive (or null) limits [pb], the constraining
    one, a combination with a finite positive (or null) expected limit."""
    if not isinstance(doc, dict):
        return False
    try:
        searches = doc["searches"]
        return (float(doc["mass_GeV"]) == float(mass) and sorted(searches) == sorted(ids)
                and doc["constraining"] in searches
                and all(_positive_or_none(s[k]) for s in searches.values() for k in ("observed_pb", "expected_pb"))
                and (doc["combined"] is None or _positive_or_none(doc["combined"]["expected_pb"])))
    except (KeyError, TypeError, ValueError):
        return False


def _limit_problem(doc: object, *, mass: float, ids: Sequence[str]) -> str | None:
    return None if _limit_doc_ok(doc, mass, ids) else "not a valid search limit"


def _limit_name(mass: float, context: dict[str, Any]) -> str:
    return f"{cache_key({'inputs': inputs_fingerprint(), 'mass_GeV': mass, 'v': SCAN_VERSION, **context})}.json"


def point_key(model: ScanModel, mass: float, *, gx: float, fit: str, limits: dict[str, Any] | None) -> str:
    """Cache key of one point: a hash of every input (the search limits it was compared with included)."""
    lim = None if limits is None else {k: limits.get(k) for k in _LIMIT_KEYS}
    return cache_key({"v": SCAN_VERSION, "model": model.key(), "mass_GeV": mass, "gX": gx, "fit": fit, "limits": lim})


def point_store(*, gx: float, fit: str) -> Store:
    """The store of the point shards for one (g_X, fit): ``store("scan/points/<hash>")``.

    Each finished Dask task writes one shard ``<hash of its point keys>.json`` holding
    ``{"points": {point_key: result}}``; deleting a shard makes exactly its points recompute.
    """
    key = cache_key({"v": SCAN_VERSION, "inputs": inputs_fingerprint(), "gX": gx, "fit": fit})
    return store(f"scan/points/{key}")


# --------------------------------------------------------------------------- search limits
def _cached_limits(masses: Sequence[float], context: dict[str, Any],
                   ids: Sequence[str]) -> dict[float, dict[str, Any]]:
    """The cached search limits of *masses*; a damaged entry is reported on one line and discarded."""
    limits: dict[float, dict[str, Any]] = {}
    cache = store("scan/limits")
    for m in masses:
        doc = cache.read_json(_limit_name(m, context), check=functools.partial(_limit_problem, mass=m, ids=ids))
        if doc is not None:
            limits[m] = doc
    return limits


def _store_limits(limits: dict[float, dict[str, Any]], context: dict[str, Any], res: list[dict[str, Any]]) -> None:
    cache = store("scan/limits")
    for doc in res:
        cache.put_json(_limit_name(doc["mass_GeV"], context), doc)
        limits[doc["mass_GeV"]] = doc


# --------------------------------------------------------------------------- points
class _PointStore:
    """The (model, mass) grid of a scan: cached points, and new ones written as shards as they arrive."""

    def __init__(self, models: Sequence[ScanModel], masses: list[float], *, gx: float, fit: str,
                 limits: dict[float, dict[str, Any]]) -> None:
        self.models, self.masses, self.gx, self.fit, self.limits = models, masses, gx, fit, limits
        self.store = point_store(gx=gx, fit=fit)
        self.results: dict[tuple[int, int], dict[str, Any]] = {}
        self.cached = 0

    def key(self, i: int, j: int) -> str:
        model, mass = self.models[i], self.masses[j]
        return point_key(model, mass, gx=self.gx, fit=self.fit, limits=None if model.x_q == 0 else self.limits[mass])

    def index_cached(self) -> list[tuple[int, int]]:
        """Take every cached point; return the (model, mass) cells still to compute."""
        stored = self.store.merged("points")
        todo = []
        for i in range(len(self.models)):
            for j in range(len(self.masses)):
                doc = stored.get(self.key(i, j))
                if doc is None:
                    todo.append((i, j))
                else:
                    self.results[(i, j)] = doc
        self.cached = len(self.results)
        return todo

    def compute(self, executor: DaskExecutor, todo: list[tuple[int, int]], *, batch_size: int | None,
                progress: bool, on_point: Callable[[dict[str, Any]], None] | None) -> None:
        """Evaluate the *todo* cells on the executor, caching each finished task's points."""
        index = {(self.models[i].label, self.masses[j]): (i, j) for i, j in todo}
        total = len(self.models) * len(self.masses)

        def keep(res: list[dict[str, Any]]) -> None:
            cells = [index[(doc["model"], doc["mass_GeV"])] for doc in res]
            keys = [self.key(i, j) for i, j in cells]
            self.store.put_shard("points", dict(zip(keys, res, strict=True)))
            for cell, doc in zip(cells, res, strict=True):
                self.results[cell] = doc
                if on_point is not None:
                    on_point(doc)

        units = [(self.models[i], self.masses[j]) for i, j in todo]
        bar = Progress("scan points", "pt", total=total, initial=self.cached) if progress else None
        run_tasks(_points_task, units, mode="dask", executor=executor, batch_size=batch_size,
                  state=(self.gx, self.fit, self.limits), on_result=keep, progress=bar)

    def ordered(self) -> list[dict[str, Any]]:
        return [self.results[(i, j)] for i in range(len(self.models)) for j in range(len(self.masses))]


def _check_request(models: Sequence[ScanModel], jobs: int) -> None:
    if jobs < 1:
        msg = f"--jobs must be >= 1, got {jobs}"
        raise InvalidParameter(msg)
    labels = [m.label for m in models]
    if len(set(labels)) != len(labels):
        msg = "scan models must have distinct labels"
        raise InvalidParameter(msg)


# --------------------------------------------------------------------------- main entry
def run_scan(
    models: Sequence[ScanModel],
    masses: Sequence[float],
    *,
    gx: float,
    fit: str,
    jobs: int = 1,
    scheduler: str | None = None,
    batch_size: int | None = None,
    progress: bool = False,
    on_point: Callable[[dict[str, Any]], None] | None = None,
    analyses: Sequence[str] | None = None,
    method: str | None = None,
    reference: ReferenceSignal | None = None,
) -> ScanRun:
    """Evaluate every (model, mass) point, using and filling the cache.

    Args:
        models: Z′ models (charges) to scan.
        masses: Z′ masses in GeV.
        gx: U(1)_X gauge coupling.
        fit: flavour fit-input set.
        jobs: LocalCluster worker processes (ignored with ``scheduler``).
        scheduler: ``None`` (LocalCluster), ``"synchronous"`` or a Dask scheduler address.
        batch_size: points per Dask task (default: about 8 tasks per worker, at most 64).
        progress: show a tqdm progress bar of points done.
        on_point: called with each newly computed point after it is cached (may raise, e.g.
            KeyboardInterrupt, to stop the scan: the points cached so far are kept).
        analyses: ids of the dimuon searches (default: every installed one that applies to Z′).
        method: limit method of every search (default: each analysis' declared one).
        reference: the reference narrow Z′ signal (default
            :class:`~recast.scan.searches.GeneratedReference`: Pythia events, cached).

    Returns:
        A :class:`ScanRun` with the points in (model, mass) order.
    """
    t0 = time.perf_counter()
    grid = [float(m) for m in masses]
    _check_request(models, jobs)
    needs_dy = any(m.x_q not in (None, 0) for m in models)
    ids = [a.id for a in scan_analyses(analyses)] if needs_dy else []  # no plugin import without Drell-Yan
    reference = GeneratedReference() if reference is None else reference  # a source may define __len__
    context = {"reference": repr(reference), "analyses": ids, "method": method}
    limits = _cached_limits(grid, context, ids) if needs_dy else {}
    missing = [m for m in grid if m not in limits] if needs_dy else []
    store = _PointStore(models, grid, gx=gx, fit=fit, limits=limits)
    todo = [] if missing else store.index_cached()
    executor = "cache only"
    if missing or todo:
        with dask_executor(jobs, scheduler) as ex:
            executor = ex.label
            if missing:
                run_tasks(_limit_batch, missing, mode="dask", executor=ex, batch_size=1, state=(reference, ids, method),
                          on_result=functools.partial(_store_limits, limits, context))
                todo = store.index_cached()
            store.compute(ex, todo, batch_size=batch_size, progress=progress, on_point=on_point)
    return ScanRun(
        points=store.ordered(),
        limits=limits,
        analyses=ids,
        cached=store.cached,
        computed=len(models) * len(grid) - store.cached,
        seconds=time.perf_counter() - t0,
        executor=executor,
    )
