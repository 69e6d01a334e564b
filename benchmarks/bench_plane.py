"""Leptoquark coupling-plane scan: points per second, cold and warm (``recast scan --plane``).

Run: ``python benchmarks/bench_plane.py [--plane "y_bmu=0.01:2:20,y_smu=0.01:2:20"] [--masses 1000:2200:200]``.

Runs the CLI in a subprocess twice on its own empty ``$RECAST_CACHE_DIR``: cold (every distinct
branching-ratio pattern fitted) and warm (all fits from the cache; flavour recomputed), and prints
wall time, the CPU time of the process and its children (the machine may be shared: CPU time
over wall time shows how much of the 2 cores the run got), points per second and distinct fits.
Issue 14 target: the default 20 x 20 x 7 S3 plane in under 60 s; issue 23: under 30 s cold.

``--compare [--every N]``: instead, the distinct fits of the plane (every N-th) in this process, one worker,
twice: the fit path before issue 23 item 5 (baseline: a schema check per workspace content, the pruning
Jacobian one parameter at a time, the free fit to the data also for expected-only CLs, pyhf's measurement
re-check per model) and the current one; prints the CPU seconds of each (CPU, not wall: the machine may be
shared) and checks that both give identical fits.
"""

from __future__ import annotations

import argparse
import contextlib
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
    """The plane's fit path before issue 23 item 5, by switching each of its four savings off."""
    import functools
    from unittest import mock

    import recast.stats.upper_limits as ul
    import recast.stats.workspace as wsm
    from recast.stats.fisher import rate_jacobian

    def content_only(obj: object) -> object:
        raise wsm._NotJson  # the digest falls back to the content: one schema check per content

    init = ul._Problem.__init__

    def eager_init(self: Any, *args: Any, **kwargs: Any) -> None:
        init(self, *args, **kwargs)
        _ = self.free_data  # the free fit to the data, right after the background-only fit as before

    with contextlib.ExitStack() as stack:
        for target, name, value in [
            (wsm, "_skeleton", content_only),
            (wsm, "_VALIDATED", {}),
            (ul, "rate_jacobian", functools.partial(rate_jacobian, grouped=False)),
            (ul, "workspace_model", lambda ws: ws.model(validate=False)),
            (ul._Problem, "__init__", eager_init),
        ]:
            stack.enter_context(mock.patch.object(target, name, value))
        yield


def compare(model: str, plane: str, masses: list[float], every: int) -> None:
    """CPU seconds of the plane's distinct fits, old path (baseline) and new, in this process (module docstring)."""
    from recast.blas import one_blas_thread
    from recast.models.leptoquark import LEPTOQUARKS
    from recast.scan.plane import _check_request, _layout, fit_pattern, parse_plane
    from recast.stats.workspace import _VALIDATED

    one_blas_thread()  # as the forked workers
    axes = parse_plane(plane, model)
    _, grid, chosen, context = _check_request(model, masses, lumi_fb=139.0, fit=None, analyses=None)
    layout = _layout(LEPTOQUARKS[model], axes, grid, None, context)
    tasks = sorted(layout.tasks.values(), key=lambda t: t[0])[::every]

    def run() -> tuple[float, list[dict[str, Any]]]:
        t0 = time.process_time()
        fits = [fit_pattern(m, c, chosen, lumi_fb=139.0, xsec_rel_unc=layout.rel[m]) for m, c in tasks]
        return time.process_time() - t0, fits

    fit_pattern(*tasks[0], chosen, lumi_fb=139.0, xsec_rel_unc=layout.rel[tasks[0][0]])  # imports, caches
    with _old_fit_path():
        old_s, old = run()
    _VALIDATED.clear()
    new_s, new = run()
    same = json.dumps(old) == json.dumps(new)
    print(f"{len(tasks)} distinct fits of {model} {plane} x {len(grid)} masses, one process: baseline (old path) "
          f"{old_s:.1f} CPU-s ({1e3 * old_s / len(tasks):.0f} ms/fit), new {new_s:.1f} CPU-s "
          f"({1e3 * new_s / len(tasks):.0f} ms/fit): x{old_s / new_s:.2f}; identical fits: {same} "
          f"(load average {os.getloadavg()[0]:.1f})")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", default="S3")
    ap.add_argument("--plane", default="y_bmu=0.01:2:20,y_smu=0.01:2:20")
    ap.add_argument("--masses", default="1000:2200:200")
    ap.add_argument("--jobs", default=None)
    ap.add_argument("--compare", action="store_true", help="old vs new fit path in this process (docstring)")
    ap.add_argument("--every", type=int, default=1, help="--compare: every N-th distinct fit")
    a = ap.parse_args()
    if a.compare:
        lo, hi, step = (float(x) for x in a.masses.split(":"))
        compare(a.model, a.plane, [float(m) for m in np.arange(lo, hi + step / 2, step)], a.every)
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
