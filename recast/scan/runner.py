"""Run a scan over (model, mass) points on Dask, with an on-disk cache that makes it resumable.

Work units are (model, mass) points (:func:`recast.scan.points.evaluate_point`); a Dask task
evaluates a batch of them (a point costs ~0.5 ms, a Dask task ~1 ms of overhead and a cache
file write ~0.5 ms). Each point has a key, a hash of every input (charges, mass, g_X, fit, the
dimuon limit used, :data:`SCAN_VERSION`); the results of a task are written as one shard
``{key: result}`` (:func:`point_cache_dir`) as soon as they reach the client, so a re-run
skips done work and an interrupted scan resumes from the last finished task. The
model-independent dimuon limits are computed once per mass (also Dask tasks) and cached in
``cache_dir("scan")/limits``.

Executors: ``scheduler="synchronous"`` (Dask's synchronous scheduler, in process: tests),
a :class:`distributed.LocalCluster` with ``jobs`` single-threaded worker processes (default),
or an existing cluster at ``scheduler="tcp://host:port"``.
"""

from __future__ import annotations

import contextlib
import functools
import json
import logging
import math
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from recast.atomic import write_text
from recast.cache import cache_dir, cache_key
from recast.exceptions import InvalidParameter
from recast.scan.points import ScanModel, dimuon_limits, evaluate_point

__all__ = ["SCAN_VERSION", "ScanRun", "inputs_fingerprint", "point_cache_dir", "point_key", "run_scan"]

#: Bump when the per-point physics changes (invalidates cached points).
SCAN_VERSION = 2
_ANALYSIS = "atlas_1903_06248"


@functools.cache
def inputs_fingerprint() -> str:
    """Hash of the data the points depend on: the dimuon analysis package (code and published
    numbers) and the Z′ unit cross-section table. A change to either invalidates the cache."""
    from importlib.util import find_spec

    from recast.data import data_file
    from recast.scan.xsec import TABLE_FILE

    spec = find_spec(f"analyses.{_ANALYSIS}")  # locates the package without importing it (pyhf is slow)
    pkg = Path(next(iter(spec.submodule_search_locations)))  # type: ignore[union-attr, arg-type]
    texts = {
        p.name: p.read_text(encoding="utf-8")
        for p in sorted(pkg.iterdir(), key=lambda x: x.name)
        if p.is_file() and p.name.endswith((".py", ".csv", ".txt", ".yaml"))
    }
    texts[TABLE_FILE] = data_file(TABLE_FILE).read_text(encoding="utf-8")
    return cache_key(texts)


def __dir__() -> list[str]:
    return __all__


@dataclass
class ScanRun:
    """Raw outcome of :func:`run_scan`.

    Attributes:
        points: per-point dicts in (model, mass) order.
        limits: dimuon limits per mass.
        cached: points taken from the cache; computed: points evaluated in this run.
        seconds: wall time; executor: description of where the points ran.
    """

    points: list[dict]
    limits: dict[float, dict]
    cached: int = 0
    computed: int = 0
    seconds: float = 0.0
    executor: str = ""
    stats: dict = field(default_factory=dict)


# --------------------------------------------------------------------------- tasks
def _limit_task(mass: float) -> dict:
    return dimuon_limits(mass)


def _points_task(batch: list[tuple[ScanModel, float]], gx: float, fit: str, limits: dict[float, dict]) -> list[dict]:
    return [evaluate_point(m, mass, gx=gx, fit=fit, limits=limits.get(mass)) for m, mass in batch]


# --------------------------------------------------------------------------- cache
def _write_json(path: Path, doc: dict) -> None:
    write_text(path, json.dumps(doc))  # dumps uses the C encoder; json.dump to a file does not


def _read_json(path: Path) -> dict | None:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):  # missing or torn file: recompute
        return None


def _limit_doc_ok(doc: object, mass: float) -> bool:
    """A cached dimuon limit is a dict with the mass and finite positive observed/expected limits [fb]."""
    if not isinstance(doc, dict):
        return False
    try:
        return (float(doc["mass_GeV"]) == float(mass)
                and all(math.isfinite(float(doc[k])) and float(doc[k]) > 0 for k in ("observed_fb", "expected_fb")))
    except (KeyError, TypeError, ValueError):
        return False


def _limit_path(mass: float) -> Path:
    d = cache_dir("scan") / "limits"
    d.mkdir(exist_ok=True)
    key = cache_key({"analysis": _ANALYSIS, "inputs": inputs_fingerprint(), "mass_GeV": mass, "v": SCAN_VERSION})
    return d / f"{key}.json"


def point_key(model: ScanModel, mass: float, *, gx: float, fit: str, limits: dict | None) -> str:
    """Cache key of one point: a hash of every input."""
    lim = None if limits is None else [limits["observed_fb"], limits["expected_fb"], limits.get("published_expected_fb")]
    return cache_key({"v": SCAN_VERSION, "model": model.key(), "mass_GeV": mass, "gX": gx, "fit": fit, "limits": lim})


def point_cache_dir(*, gx: float, fit: str) -> Path:
    """Folder of the point shards for one (g_X, fit): ``cache_dir("scan")/points/<hash>``.

    Each finished Dask task writes one shard ``<hash of its point keys>.json`` holding
    ``{"points": {point_key: result}}``; deleting a shard makes exactly its points recompute.
    """
    d = cache_dir("scan") / "points" / cache_key({"v": SCAN_VERSION, "inputs": inputs_fingerprint(), "gX": gx, "fit": fit})
    d.mkdir(parents=True, exist_ok=True)
    return d


def _load_points(folder: Path) -> dict[str, dict]:
    out: dict[str, dict] = {}
    for shard in sorted(folder.glob("*.json")):
        doc = _read_json(shard)
        if doc and isinstance(doc.get("points"), dict):
            out.update(doc["points"])
    return out


# --------------------------------------------------------------------------- executors
@contextlib.contextmanager
def _quiet_dask() -> Iterator[None]:
    loggers = [logging.getLogger(n) for n in ("distributed", "tornado", "bokeh")]
    saved = [lg.level for lg in loggers]
    for lg in loggers:
        lg.setLevel(logging.ERROR)
    try:
        yield
    finally:
        for lg, lvl in zip(loggers, saved, strict=True):
            lg.setLevel(lvl)


@contextlib.contextmanager
def _executor(jobs: int, scheduler: str | None) -> Iterator[tuple[object | None, str]]:
    """Yield (distributed Client or None for the synchronous scheduler, description)."""
    if scheduler == "synchronous":
        yield None, "dask synchronous scheduler (in process)"
        return
    from distributed import Client, LocalCluster

    with _quiet_dask():
        if scheduler:
            try:
                client = Client(scheduler, timeout="10s")
            except (OSError, TimeoutError) as err:
                msg = f"cannot connect to the Dask scheduler at {scheduler!r} ({err}); start one with `dask scheduler`"
                raise InvalidParameter(msg) from err
            try:
                yield client, f"Dask cluster at {scheduler}"
            finally:
                client.close()
            return
        cluster = LocalCluster(
            n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=logging.ERROR
        )
        client = Client(cluster)
        try:
            yield client, f"Dask LocalCluster, {jobs} worker process(es) x 1 thread"
        finally:
            client.close()
            cluster.close()


def _run_tasks(client, fn: Callable, batches: list, args: tuple, on_result: Callable[[list], None]) -> None:
    """Run ``fn(batch, *args)`` for every batch; ``on_result`` gets each result as it arrives."""
    if client is None:
        import functools

        import dask

        for b in batches:  # a partial is opaque to dask: no traversal of the (large) arguments
            on_result(dask.delayed(functools.partial(fn, b, *args), pure=False)().compute(scheduler="synchronous"))
        return
    from distributed import as_completed

    futures = [client.submit(fn, b, *args, pure=False) for b in batches]
    try:
        for fut in as_completed(futures):
            on_result(fut.result())
    finally:
        client.cancel(futures)


def _batches(items: list, jobs: int, batch_size: int | None) -> list[list]:
    if batch_size is None:
        batch_size = max(1, min(64, math.ceil(len(items) / (8 * max(jobs, 1)))))
    return [items[i : i + batch_size] for i in range(0, len(items), batch_size)]


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
    on_point: Callable[[dict], None] | None = None,
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

    Returns:
        A :class:`ScanRun` with the points in (model, mass) order.
    """
    from tqdm.auto import tqdm

    t0 = time.perf_counter()
    masses = [float(m) for m in masses]
    if jobs < 1:
        msg = f"--jobs must be >= 1, got {jobs}"
        raise InvalidParameter(msg)
    labels = [m.label for m in models]
    if len(set(labels)) != len(labels):
        msg = "scan models must have distinct labels"
        raise InvalidParameter(msg)
    limits: dict[float, dict] = {}
    if any(m.x_q not in (None, 0) for m in models):
        for m in masses:
            path = _limit_path(m)
            doc = _read_json(path)
            if doc is not None and _limit_doc_ok(doc, m):
                limits[m] = doc
            elif path.exists():  # damaged entry: one warning line, discarded, recomputed below
                sys.stderr.write(f"recast: warning: cached dimuon limit {path} is damaged; discarded, recomputing\n")
                path.unlink(missing_ok=True)
    missing_limits = [m for m in masses if m not in limits] if any(m.x_q not in (None, 0) for m in models) else []
    folder = point_cache_dir(gx=gx, fit=fit)
    total = len(models) * len(masses)
    results: dict[tuple[int, int], dict] = {}
    executor = "cache only"
    cached_before = 0

    def key_of(i: int, j: int) -> str:
        model = models[i]
        return point_key(model, masses[j], gx=gx, fit=fit, limits=None if model.x_q == 0 else limits[masses[j]])

    def index_cached() -> list[tuple[int, int]]:
        stored = _load_points(folder)
        todo = []
        for i in range(len(models)):
            for j in range(len(masses)):
                doc = stored.get(key_of(i, j))
                if doc is None:
                    todo.append((i, j))
                else:
                    results[(i, j)] = doc
        return todo

    todo = [] if missing_limits else index_cached()
    cached_before = len(results)
    if missing_limits or todo:
        with _executor(jobs, scheduler) as (client, executor):
            if missing_limits:

                def store_limit(res: list) -> None:
                    for doc in res:
                        _write_json(_limit_path(doc["mass_GeV"]), doc)
                        limits[doc["mass_GeV"]] = doc

                _run_tasks(client, _limit_batch, [[m] for m in missing_limits], (), store_limit)
                todo = index_cached()
                cached_before = len(results)
            index = {(models[i].label, masses[j]): (i, j) for i, j in todo}
            bar = tqdm(total=total, initial=cached_before, desc="scan points", unit="pt", disable=not progress, leave=False)

            def store(res: list) -> None:
                cells = [index[(doc["model"], doc["mass_GeV"])] for doc in res]
                keys = [key_of(i, j) for i, j in cells]
                _write_json(folder / f"{cache_key(sorted(keys))}.json", {"points": dict(zip(keys, res, strict=True))})
                for (i, j), doc in zip(cells, res, strict=True):
                    results[(i, j)] = doc
                    bar.update(1)
                    if on_point is not None:
                        on_point(doc)

            units = [(models[i], masses[j]) for i, j in todo]
            lim_arg = {m: limits[m] for m in masses if m in limits}
            try:
                _run_tasks(client, _points_task, _batches(units, jobs, batch_size), (gx, fit, lim_arg), store)
            finally:
                bar.close()
    points = [results[(i, j)] for i in range(len(models)) for j in range(len(masses))]
    return ScanRun(
        points=points,
        limits=limits,
        cached=cached_before,
        computed=total - cached_before,
        seconds=time.perf_counter() - t0,
        executor=executor,
    )


def _limit_batch(batch: list[float]) -> list[dict]:
    return [_limit_task(m) for m in batch]
