"""End-to-end `recast limits` timing: cold cache on all cores vs one core, and the cached rerun.

Run: ``python benchmarks/bench_limits.py [--masses 1000:2400:200] [--events-per-point 3000]``.
Each variant uses its own empty cache directory (``$RECAST_CACHE_DIR``), so "cold" means
what a new user sees: event generation, selection, workspaces, limits and plots. The
baseline, in the same process, is the identical chain with generation on one worker
(``jobs=1``); the cached variant repeats the default run and is served from the result cache.
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

from recast.chain import DEFAULT_EVENTS_PER_POINT, cached_limits
from recast.masses import parse_masses
from recast.models import Leptoquark


def timed(label: str, cache: Path, out: Path, **kwargs) -> float:
    os.environ["RECAST_CACHE_DIR"] = os.fspath(cache)
    t0 = time.perf_counter()
    result, _, from_cache = cached_limits("S3", out=out, force=True, lumi_fb=139.0, progress=False, **kwargs)
    dt = time.perf_counter() - t0
    exp = result.mass_limit_GeV.expected
    print(f"{label:<28} {dt:8.1f} s   expected limit {exp:.0f} GeV   from cache: {from_cache}")
    return dt


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--masses", default=Leptoquark.DEFAULT_MASSES, help="GeV, start:stop:step")
    ap.add_argument("--events-per-point", type=int, default=DEFAULT_EVENTS_PER_POINT)
    args = ap.parse_args()
    kw = {"masses": parse_masses(args.masses), "events_per_point": args.events_per_point}
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        base = timed("baseline: cold, jobs=1", tmp / "c1", tmp / "o1", jobs=1, **kw)
        cold = timed(f"cold, jobs={os.cpu_count()}", tmp / "c2", tmp / "o2", **kw)
        warm = timed("cached rerun", tmp / "c2", tmp / "o3", **kw)
    print(f"speed-up of the parallel cold run: {base / cold:.2f}x; cached rerun {warm:.2f} s")


if __name__ == "__main__":
    main()
