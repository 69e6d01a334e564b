"""The main job cold (`recast limits --model S3 --lumi 139`, empty cache, efficiency maps), in one process:
today's chain against two baselines: the Bayesian expected band evaluated toy by toy (what
``_expected_band`` did before 2026-12-07, same numbers to 1e-10), and the forked fit workers with
OpenBLAS's own threads (before :mod:`recast.blas`; same numbers).

Run: ``python benchmarks/bench_main_job.py [--repeat 2]``. Each run has its own empty cache.
Requirement (issue 23): the cold main job <= 10 s on a quiet 2-core machine.
Measured 2026-12-08 on a quiet 2-core machine: today 3.90 s, toys one by one 7.74 s, threaded BLAS workers 6.81 s (best of 2).
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from pathlib import Path

import recast.blas
from recast.chain import cached_limits
from recast.stats import bayes


def _one_by_one(marg: bayes._Marginal, toys: object, hint: float) -> list[float]:
    return [bayes.posterior_quantile(marg, t, mu_hint=hint) for t in toys]  # type: ignore[attr-defined]


def timed(label: str, tmp: Path) -> float:
    os.environ["RECAST_CACHE_DIR"] = os.fspath(tmp / "cache")
    t0 = time.perf_counter()
    result, _, from_cache = cached_limits("S3", out=tmp / "out", force=True, lumi_fb=139.0, progress=False)
    dt = time.perf_counter() - t0
    assert not from_cache
    print(f"{label:<34} {dt:7.2f} s   expected limit {result.mass_limit_GeV.expected:.1f} GeV")
    return dt


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=2)
    args = ap.parse_args()
    batched = bayes._toy_quantiles
    one_thread = recast.blas.one_blas_thread
    new, old, threads = [], [], []
    for _ in range(args.repeat):
        with tempfile.TemporaryDirectory() as tmp:
            bayes._toy_quantiles = _one_by_one  # type: ignore[assignment]
            old.append(timed("baseline: toys one by one", Path(tmp) / "a"))
            bayes._toy_quantiles = batched
            recast.blas.one_blas_thread = lambda: None  # the forked workers inherit the no-op
            threads.append(timed("baseline: workers' BLAS threaded", Path(tmp) / "c"))
            recast.blas.one_blas_thread = one_thread
            new.append(timed("today", Path(tmp) / "b"))
    print(f"best of {args.repeat}: today {min(new):.2f} s, toys one by one {min(old):.2f} s "
          f"({min(old) / min(new):.2f}x), BLAS threaded workers {min(threads):.2f} s ({min(threads) / min(new):.2f}x); "
          f"requirement <= 10 s: {'PASS' if min(new) <= 10 else 'FAIL'}")


if __name__ == "__main__":
    main()
