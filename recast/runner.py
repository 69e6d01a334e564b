"""Run a list of tasks in process, in forked processes or on Dask, with one optional progress bar.

The one runner of the orchestrators (:mod:`recast.chain`, :mod:`recast.scan.plane`,
:mod:`recast.scan.runner`). A task function takes a *batch* (a list of tasks) and the *state*
and returns one result per task::

    run = run_tasks(fit_batch, tasks, mode="fork", jobs=4, state=(analyses, lumi_fb))
    run.results  # in task order;  run.executor: "4 forked processes"

Modes:

* ``"inline"``: ``fn(batch, state)`` for each batch, in this process (label ``"in process"``);
* ``"fork"``: each task in one of ``min(jobs, len(tasks))`` forked processes, which inherit
  *fn* and *state* (nothing is pickled but the task and its result); results are grouped
  into batches of ``batch_size`` for ``on_result`` as they finish. Falls back to ``"inline"``
  for one job, one task or a platform without fork. Label ``"N forked processes"``;
* ``"dask"``: each batch is one Dask task ``fn(batch, state)`` (*state* is shipped with it):
  Dask's synchronous scheduler (``scheduler="synchronous"``, in process), a
  :class:`distributed.LocalCluster` of ``jobs`` single-threaded worker processes
  (``scheduler=None``) or an existing cluster (``scheduler="tcp://host:port"``). Open one
  :func:`dask_executor` to run several lists on the same cluster.

Progress: the bar advances once per finished task, or, with ``Progress(..., reported=True)``,
by what the tasks themselves :func:`report` (e.g. per generated event): in process directly,
from forked workers through a queue the runner drains while it waits (Dask workers' reports
do not reach the bar; the synchronous scheduler's do).

A low layer: stdlib, tqdm, Dask (imported lazily) and :mod:`recast.exceptions` only.
"""

from __future__ import annotations

import contextlib
import functools
import logging
import math
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, Literal, TypeVar

from recast.exceptions import InvalidParameter

__all__ = ["DaskExecutor", "Mode", "Progress", "Ran", "dask_executor", "default_jobs", "report", "run_tasks"]

T = TypeVar("T")
S = TypeVar("S")
R = TypeVar("R")

Mode = Literal["inline", "fork", "dask"]
#: ``fn(batch, state) -> one result per task of the batch``.
BatchFn = Callable[[list[T], S], list[R]]


def __dir__() -> list[str]:
    return __all__


@dataclass(frozen=True)
class Progress:
    """The tqdm bar of a run: ``total`` defaults to ``initial + len(tasks)``; it advances per finished
    task, or by the tasks' own :func:`report` calls if ``reported``."""

    desc: str
    unit: str
    total: int | None = None
    initial: int = 0
    reported: bool = False


_REPORT: Callable[[int], object] | None = None  # where report() goes: the bar, a fork queue's put, or nowhere


def report(n: int) -> None:
    """Advance the bar of the running :func:`run_tasks` by *n* units (``Progress(reported=True)``) from a task."""
    if _REPORT is not None:
        _REPORT(n)


@contextlib.contextmanager
def _reporting_to(sink: Callable[[int], object] | None) -> Iterator[None]:
    global _REPORT  # noqa: PLW0603
    saved, _REPORT = _REPORT, sink
    try:
        yield
    finally:
        _REPORT = saved


@dataclass
class Ran(Generic[R]):
    """Outcome of :func:`run_tasks`: the results in task order and where they ran."""

    results: list[R] = field(default_factory=list)
    executor: str = ""


def default_jobs() -> int:
    """The cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


# --------------------------------------------------------------------------- Dask
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


@dataclass(frozen=True)
class DaskExecutor:
    """An open Dask executor: a distributed ``client`` (``None`` for the synchronous scheduler), its label."""

    client: Any
    label: str
    jobs: int


@contextlib.contextmanager
def dask_executor(jobs: int = 1, scheduler: str | None = None) -> Iterator[DaskExecutor]:
    """Dask's synchronous scheduler, a new LocalCluster of *jobs* processes, or the cluster at *scheduler*."""
    if scheduler == "synchronous":
        yield DaskExecutor(None, "dask synchronous scheduler (in process)", jobs)
        return
    from distributed import Client, LocalCluster

    with _quiet_dask():
        if scheduler:
            try:
                client = Client(scheduler, timeout="10s")  # type: ignore[no-untyped-call]
            except (OSError, TimeoutError) as err:
                msg = f"cannot connect to the Dask scheduler at {scheduler!r} ({err}); start one with `dask scheduler`"
                raise InvalidParameter(msg) from err
            try:
                yield DaskExecutor(client, f"Dask cluster at {scheduler}", jobs)
            finally:
                client.close()  # type: ignore[no-untyped-call]
            return
        cluster = LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=jobs, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=logging.ERROR
        )
        client = Client(cluster)  # type: ignore[no-untyped-call]
        try:
            yield DaskExecutor(client, f"Dask LocalCluster, {jobs} worker process(es) x 1 thread", jobs)
        finally:
            client.close()  # type: ignore[no-untyped-call]
            cluster.close()


def _run_dask(ex: DaskExecutor, fn: BatchFn[T, S, R], batches: list[list[T]], state: S,
              done: Callable[[int, list[R]], None]) -> None:
    """Each batch as one Dask task; ``done(batch number, results)`` as they arrive."""
    if ex.client is None:
        from dask.delayed import delayed

        for n, b in enumerate(batches):  # a partial is opaque to dask: no traversal of the (large) arguments
            done(n, delayed(functools.partial(fn, b, state), pure=False)().compute(scheduler="synchronous"))
        return
    from distributed import as_completed

    futures = [ex.client.submit(fn, b, state, pure=False) for b in batches]
    index = {f.key: n for n, f in enumerate(futures)}
    try:
        for fut in as_completed(futures):  # type: ignore[no-untyped-call]
            done(index[fut.key], fut.result())
    finally:
        ex.client.cancel(futures)


# --------------------------------------------------------------------------- fork
_INHERITED: tuple[Any, ...] = ()  # (fn, tasks, state, report queue) of the running fork pool, inherited by its workers


def _fork_task(i: int) -> tuple[int, list[Any]]:
    from recast.blas import one_blas_thread

    one_blas_thread()  # the workers fill the cores: OpenBLAS's own threads would oversubscribe them
    fn, tasks, state, queue = _INHERITED
    with _reporting_to(None if queue is None else queue.put):
        return i, fn([tasks[i]], state)


def _drain(queue: Any, sink: Callable[[int], object]) -> None:
    """Pass every report waiting in *queue* to *sink*."""
    import queue as queue_module

    while True:
        try:
            sink(queue.get_nowait())
        except (queue_module.Empty, OSError, ValueError):
            return


def _run_fork(fn: BatchFn[T, S, R], tasks: Sequence[T], state: S, workers: int, batch_size: int,
              done: Callable[[list[tuple[int, list[R]]]], None], alongside: Callable[[], None] | None,
              sink: Callable[[int], object] | None) -> None:
    """Every task in *workers* forked processes; ``done([(task index, results)])`` per *batch_size* finished;
    the workers' :func:`report` calls reach *sink* (if any) through a queue."""
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

    global _INHERITED  # noqa: PLW0603
    ctx = multiprocessing.get_context("fork")
    queue = None if sink is None else ctx.Queue()
    saved, _INHERITED = _INHERITED, (fn, tasks, state, queue)
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=ctx)
    try:
        pending = {pool.submit(_fork_task, i) for i in range(len(tasks))}
        if alongside is not None:
            alongside()  # in this process, while the workers compute
        batch: list[tuple[int, list[R]]] = []
        while pending:
            finished, pending = wait(pending, timeout=None if sink is None else 0.2, return_when=FIRST_COMPLETED)
            if queue is not None and sink is not None:
                _drain(queue, sink)
            for fut in finished:
                batch.append(fut.result())
                if len(batch) >= batch_size:
                    done(batch)
                    batch = []
        if batch:
            done(batch)
        pool.shutdown()
        if queue is not None and sink is not None:
            _drain(queue, sink)  # the workers have exited: every report is in the queue
    finally:
        pool.shutdown(wait=False, cancel_futures=True)  # after an error: no new task starts
        _INHERITED = saved
        if queue is not None:
            queue.close()


# --------------------------------------------------------------------------- the runner
def _open_bar(progress: Progress | None, n_tasks: int, stack: contextlib.ExitStack) -> Any:
    """The tqdm bar of *progress* (closed with *stack*), or None."""
    if progress is None:
        return None
    from tqdm.auto import tqdm

    total = progress.initial + n_tasks if progress.total is None else progress.total
    bar = tqdm(total=total, initial=progress.initial, desc=progress.desc, unit=progress.unit, leave=False,
               dynamic_ncols=True)
    stack.callback(bar.close)
    return bar


def _batches(items: Sequence[T], jobs: int, batch_size: int | None) -> list[list[T]]:
    if batch_size is None:
        batch_size = max(1, min(64, math.ceil(len(items) / (8 * max(jobs, 1)))))
    return [list(items[i : i + batch_size]) for i in range(0, len(items), batch_size)]


def run_tasks(
    fn: BatchFn[T, S, R],
    tasks: Sequence[T],
    *,
    mode: Mode = "inline",
    state: S,
    jobs: int | None = None,
    scheduler: str | None = None,
    executor: DaskExecutor | None = None,
    batch_size: int | None = None,
    on_result: Callable[[list[R]], None] | None = None,
    progress: Progress | None = None,
    alongside: Callable[[], None] | None = None,
) -> Ran[R]:
    """Run ``fn(batch, state)`` over *tasks*; the results in task order and the executor's label.

    Args:
        fn: ``fn(batch, state)`` returns one result per task of *batch*, in order (a module-level
            function in ``"dask"`` mode: it is pickled; any callable in the other modes).
        tasks: the work units.
        mode: ``"inline"``, ``"fork"`` or ``"dask"`` (module docstring).
        state: the second argument of *fn*: inherited by the forked workers, shipped with each Dask task.
        jobs: forked processes or LocalCluster workers (default: the cores this process may use).
        scheduler: Dask: ``None`` (a LocalCluster), ``"synchronous"`` or a scheduler address.
        executor: Dask: an open :func:`dask_executor` to use instead of a new one.
        batch_size: tasks per batch (default: about 8 batches per job, at most 64).
        on_result: called in this process with the results of each finished batch (completion order).
        progress: the one tqdm bar of the run, advanced after each ``on_result`` (or by the tasks'
            :func:`report` calls, ``Progress(reported=True)``); ``None``: no bar.
        alongside: runs in this process while the forked workers compute (first in the other modes).

    Raises:
        The first exception of a task, with its own type (the other tasks are cancelled).
    """
    njobs = executor.jobs if executor is not None else (jobs or default_jobs())
    batches = _batches(tasks, njobs, batch_size)
    parts: dict[int, list[R]] = {}  # by the index of a batch's (fork: a task's) first task
    with contextlib.ExitStack() as stack:
        bar = _open_bar(progress, len(tasks), stack)
        sink = bar.update if bar is not None and progress is not None and progress.reported else None
        stack.enter_context(_reporting_to(sink))

        def finished(pieces: list[tuple[int, list[R]]]) -> None:
            parts.update(pieces)
            res = [r for _, rs in pieces for r in rs]
            if on_result is not None:
                on_result(res)
            if bar is not None and sink is None:
                bar.update(len(res))

        def done(n: int, res: list[R]) -> None:
            finished([(n * len(batches[0]), res)])

        label = "in process"
        if mode == "dask":
            if alongside is not None:
                alongside()
            ex = executor or stack.enter_context(dask_executor(njobs, scheduler))
            label = ex.label
            _run_dask(ex, fn, batches, state, done)
        elif mode == "fork" and njobs >= 2 and len(tasks) >= 2 and os.name == "posix":
            workers = min(njobs, len(tasks))
            _run_fork(fn, tasks, state, workers, len(batches[0]), finished, alongside, sink)
            label = f"{workers} forked processes"
        elif mode in ("inline", "fork"):
            if alongside is not None:
                alongside()
            for n, b in enumerate(batches):
                done(n, fn(b, state))
        else:
            msg = f"unknown runner mode {mode!r}: inline, fork or dask"
            raise InvalidParameter(msg)
    return Ran([r for n in sorted(parts) for r in parts[n]], label)
