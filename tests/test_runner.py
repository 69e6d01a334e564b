"""The one runner (recast.runner): in process, in forked processes and on Dask, the same results in the same order."""

from __future__ import annotations

import os

import pytest

from recast.exceptions import InvalidParameter
from recast.runner import Progress, dask_executor, report, run_tasks

fork_only = pytest.mark.skipif(os.name != "posix", reason="fork start method")


def _square(batch: list[int], state: int) -> list[int]:
    return [state * x * x for x in batch]


def _fail_on_seven(batch: list[int], state: object) -> list[int]:
    if 7 in batch:
        msg = "seven"
        raise KeyError(msg)
    return batch


def _report_state(batch: list[int], state: dict[str, object]) -> list[tuple[int, object, int]]:
    return [(x, state["token"], os.getpid()) for x in batch]


@pytest.mark.parametrize(
    ("mode", "kw", "label"),
    [
        ("inline", {}, "in process"),
        pytest.param("fork", {"jobs": 2}, "2 forked processes", marks=fork_only),
        ("dask", {"scheduler": "synchronous"}, "dask synchronous scheduler (in process)"),
    ],
)
def test_the_three_modes_give_the_same_results_in_task_order(mode, kw, label):
    tasks = list(range(23))
    batches = []
    run = run_tasks(_square, tasks, mode=mode, state=3, batch_size=4, on_result=batches.append, **kw)
    assert run.results == [3 * x * x for x in tasks]
    assert run.executor == label
    assert sorted(r for b in batches for r in b) == sorted(run.results)  # every result reached on_result once
    assert all(0 < len(b) <= 4 for b in batches)


def test_a_real_local_cluster_gives_the_same_results():
    with dask_executor(2) as ex:
        assert "LocalCluster, 2 worker" in ex.label
        first = run_tasks(_square, list(range(9)), mode="dask", executor=ex, state=2, batch_size=2)
        second = run_tasks(_square, [5, 1], mode="dask", executor=ex, state=1)  # the same cluster, reused
    assert first.results == [2 * x * x for x in range(9)] and second.results == [25, 1]
    assert first.executor == second.executor == ex.label


@pytest.mark.parametrize(
    ("mode", "kw"),
    [("inline", {}), pytest.param("fork", {"jobs": 2}, marks=fork_only), ("dask", {"scheduler": "synchronous"})],
)
def test_an_exception_in_a_task_propagates_with_its_type(mode, kw):
    with pytest.raises(KeyError, match="seven"):
        run_tasks(_fail_on_seven, list(range(12)), mode=mode, state=None, batch_size=1, **kw)


@fork_only
def test_forked_workers_see_the_inherited_state():
    """Nothing is pickled but the task: even a lambda and an unpicklable state reach the workers."""
    token = object.__repr__(object())
    state = {"token": token, "unpicklable": lambda: None}
    run = run_tasks(_report_state, list(range(8)), mode="fork", jobs=2, state=state)
    assert [x for x, _, _ in run.results] == list(range(8))
    assert {t for _, t, _ in run.results} == {token}
    assert os.getpid() not in {pid for _, _, pid in run.results}  # computed in the workers
    closure = run_tasks(lambda batch, s: [s + x for x in batch], [1, 2, 3], mode="fork", jobs=2, state=10)
    assert closure.results == [11, 12, 13] and closure.executor == "2 forked processes"


@fork_only
def test_fork_falls_back_to_in_process_for_one_job_or_one_task():
    assert run_tasks(_square, [1, 2], mode="fork", jobs=1, state=1).executor == "in process"
    assert run_tasks(_square, [4], mode="fork", jobs=4, state=1).executor == "in process"


@pytest.mark.parametrize("n", [0, 1, 5, 64, 65, 200])
@pytest.mark.parametrize("batch_size", [None, 1, 3, 64])
def test_batching_covers_every_task_once(n, batch_size):
    seen: list[int] = []

    def record(batch: list[int], state: None) -> list[int]:
        seen.extend(batch)
        return batch

    run = run_tasks(record, list(range(n)), state=None, jobs=2, batch_size=batch_size)
    assert sorted(seen) == list(range(n)) and run.results == list(range(n))


def test_one_progress_bar_counts_every_task(monkeypatch, capsys):
    import tqdm.auto

    bars = []

    class Recording(tqdm.auto.tqdm):  # type: ignore[misc]
        def close(self) -> None:
            bars.append((self.desc, self.n, self.total))
            super().close()

    monkeypatch.setattr(tqdm.auto, "tqdm", Recording)
    run_tasks(_square, list(range(5)), state=1, batch_size=2,
              progress=Progress("distinct fits", "fit", total=8, initial=3))
    assert set(bars) == {("distinct fits", 8, 8)} and "distinct fits" in capsys.readouterr().err
    run_tasks(_square, list(range(5)), state=1)  # no bar unless asked
    assert set(bars) == {("distinct fits", 8, 8)}


def _report_units(batch: list[int], state: int) -> list[int]:
    """Each task reports *state* units per element of its range, one call each (as a generator per event)."""
    for x in batch:
        for _ in range(x):
            report(state)
    return batch


@pytest.fixture
def recorded_bars(monkeypatch):
    import tqdm.auto

    bars: list[tuple[str, int, int]] = []

    class Recording(tqdm.auto.tqdm):  # type: ignore[misc]
        def close(self) -> None:
            if not self.disable:  # the first close (tqdm closes again when collected)
                bars.append((self.desc, self.n, self.total))
            super().close()

    monkeypatch.setattr(tqdm.auto, "tqdm", Recording)
    return bars


@pytest.mark.parametrize(
    ("mode", "kw"),
    [("inline", {}), pytest.param("fork", {"jobs": 2}, marks=fork_only), ("dask", {"scheduler": "synchronous"})],
)
def test_a_reported_bar_counts_what_the_tasks_report_not_the_tasks(mode, kw, recorded_bars):
    tasks = [3, 0, 5, 1, 7]  # 16 reports of 2 units: 32 units from 5 tasks
    run = run_tasks(_report_units, tasks, mode=mode, state=2, batch_size=1,
                    progress=Progress("pythia", "ev", total=32, reported=True), **kw)
    assert run.results == tasks
    assert recorded_bars == [("pythia", 32, 32)]  # forked workers' reports all arrive, through the queue
    run_tasks(_report_units, tasks, mode=mode, state=2, batch_size=1,
              progress=Progress("fits", "fit", total=5), **kw)
    assert recorded_bars[1] == ("fits", 5, 5)  # not reported: one step per task, the reports dropped


def test_report_outside_a_reported_run_goes_nowhere(recorded_bars):
    report(5)  # no run: nothing to advance, no error

    def nested(batch: list[int], state: None) -> list[int]:
        report(1)
        run_tasks(_report_units, [2], state=1)  # an inner run without a bar swallows its reports
        report(1)
        return batch

    run_tasks(nested, [0, 0, 0], state=None, batch_size=1, progress=Progress("outer", "ev", total=6, reported=True))
    assert recorded_bars == [("outer", 6, 6)]


def test_an_unknown_mode_and_an_unreachable_scheduler_are_one_line_errors():
    with pytest.raises(InvalidParameter, match="unknown runner mode 'threads'"):
        run_tasks(_square, [1], mode="threads", state=1)  # type: ignore[arg-type]
    with pytest.raises(InvalidParameter, match=r"cannot connect to the Dask scheduler at 'tcp://127\.0\.0\.1:1'"):
        run_tasks(_square, [1], mode="dask", scheduler="tcp://127.0.0.1:1", state=1)
