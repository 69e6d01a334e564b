"""Leptoquark coupling-plane scan: points per second, cold and warm (``recast scan --plane``).

Run: ``python benchmarks/bench_plane.py [--plane "y_bmu=0.01:2:20,y_smu=0.01:2:20"] [--masses 1000:2200:200]``.

Runs the CLI in a subprocess twice on its own empty ``$RECAST_CACHE_DIR``: cold (every distinct
branching-ratio pattern fitted) and warm (all fits from the cache; flavour recomputed), and prints
wall time, the CPU time of the process and its children (the machine may be shared: CPU time
over wall time shows how much of the 2 cores the run got), points per second and distinct fits.
Issue 14 target: the default 20 x 20 x 7 S3 plane in under 60 s; issue 23: under 30 s cold
(measured 2026-12-08, quiet 2-core machine: 12.9 s cold, 3.6 s warm).

``--compare``: instead, the cold plane in this process with one job (``run_plane(jobs=1)``, each on its own
empty cache), twice: on the fit path before issue 23 item 5 (baseline: a schema check per workspace
content, the pruning Jacobian one parameter at a time, the free fit to the data also for expected-only
CLs, pyhf's measurement re-check per model) and on the current one; prints the CPU seconds of each (CPU,
not wall: the machine may be shared) and checks that both give identical rows.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import json
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np


def _run(args: list[str], cache: str) -> tuple[float, float, str]:
    env = {**os.environ, "RECAST_CACHE_DIR": cache}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    out = subprocess.run(args, env=env, check=True, capture_output=True, text=True).stdout
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, out


@contextlib.contextmanager
def _old_fit_path() -> Iterator[None]:
    """The plane's fit path before issue 23 item 5: each of its four savings switched off (patching internals)."""
    import functools
    from unittest import mock

    import recast.stats.upper_limits as ul
    from recast.stats.fisher import rate_jacobian

    def content_only(obj: object) -> object:
        raise TypeError(obj)  # stands for the skeleton's "not JSON": the digest is the content's, as before

    init = ul._Problem.__init__

    def eager_init(self: Any, *args: Any, **kwargs: Any) -> None:
        init(self, *args, **kwargs)
        _ = self.free_data  # the free fit to the data, right after the background-only fit as before

    with contextlib.ExitStack() as stack:
        for target, value in [
            ("recast.stats.workspace._NotJson", TypeError),
            ("recast.stats.workspace._skeleton", content_only),
            ("recast.stats.upper_limits.rate_jacobian", functools.partial(rate_jacobian, grouped=False)),
            ("recast.stats.upper_limits.workspace_model", lambda ws: ws.model(validate=False)),
            ("recast.stats.upper_limits._Problem.__init__", eager_init),
        ]:
            stack.enter_context(mock.patch(target, value))
        yield


def compare(model: str, plane: str, masses: list[float]) -> None:
    """The cold plane in this process, one job, on the old fit path (baseline) and the new: CPU seconds of each."""
    from unittest import mock

    from recast.blas import one_blas_thread
    from recast.scan.plane import parse_plane, run_plane

    one_blas_thread()  # as the forked workers
    axes = parse_plane(plane, model)

    def cold() -> tuple[float, list[dict[str, Any]], int]:
        with (tempfile.TemporaryDirectory() as cache, mock_env("RECAST_CACHE_DIR", cache),
              mock.patch("recast.stats.workspace._VALIDATED", {})):  # no schema check remembered
            t0 = time.process_time()
            run = run_plane(model, axes, masses, jobs=1)
            return time.process_time() - t0, run.rows, run.distinct

    tiny = tuple(dataclasses.replace(a, n=2) for a in axes)
    with tempfile.TemporaryDirectory() as cache, mock_env("RECAST_CACHE_DIR", cache):  # imports, maps, per-mass
        run_plane(model, (tiny[0], tiny[1]), masses, jobs=1)  # tables: outside both timings, neither path gains
    with _old_fit_path():
        old_s, old, distinct = cold()
    new_s, new, _ = cold()
    same = json.dumps(old, default=float) == json.dumps(new, default=float)
    print(f"cold {model} plane {plane} x {len(masses)} masses ({distinct} distinct fits), in process, one job: "
          f"baseline (old fit path) {old_s:.1f} CPU-s, new {new_s:.1f} CPU-s: x{old_s / new_s:.2f}; "
          f"identical rows: {same} (load average {os.getloadavg()[0]:.1f})")


@contextlib.contextmanager
def mock_env(name: str, value: str) -> Iterator[None]:
    """Environment variable *name* set to *value* inside the block."""
    from unittest import mock

    with mock.patch.dict(os.environ, {name: value}):
        yield


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", default="S3")
    ap.add_argument("--plane", default="y_bmu=0.01:2:20,y_smu=0.01:2:20")
    ap.add_argument("--masses", default="1000:2200:200")
    ap.add_argument("--jobs", default=None)
    ap.add_argument("--compare", action="store_true", help="old vs new fit path in this process (docstring)")
    a = ap.parse_args()
    if a.compare:
        lo, hi, step = (float(x) for x in a.masses.split(":"))
        compare(a.model, a.plane, [float(m) for m in np.arange(lo, hi + step / 2, step)])
        return
    recast = str(Path(sys.executable).with_name("recast"))
    with tempfile.TemporaryDirectory() as cache, tempfile.TemporaryDirectory() as out:
        args = [recast, "scan", "--model", a.model, "--plane", a.plane, "--masses", a.masses, "--out", out,
                "--force", "--no-progress", *(["--jobs", a.jobs] if a.jobs else [])]
        for label in ("cold", "warm"):
            wall, cpu, text = _run(args, cache)
            head = text.splitlines()[0]
            points = int(re.search(r"= (\d+) points", head).group(1))  # type: ignore[union-attr]
            distinct = int(re.search(r"(\d+) distinct", head).group(1))  # type: ignore[union-attr]
            print(f"{label}: {points} points ({distinct} distinct fits) in {wall:.1f} s wall, {cpu:.1f} s CPU "
                  f"-> {points / wall:.0f} points/s (load average {os.getloadavg()[0]:.1f})")
        print(head)


if __name__ == "__main__":
    main()
