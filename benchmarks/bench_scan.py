"""Scan throughput: a plain serial loop vs ``run_scan`` on Dask (synchronous, 1 and 2 workers).

Run: ``python benchmarks/bench_scan.py [--models 60] [--masses 500:5000:250]``.

The same (model, mass) points are evaluated by

* the baseline: a plain Python loop calling :func:`recast.scan.evaluate_point` (no cache),
* :func:`recast.scan.run_scan` with Dask's synchronous scheduler (in process, with the cache),
* a LocalCluster with 1 and with 2 single-threaded worker processes.

Each Dask run starts from an empty point cache (the per-mass dimuon limits, which are the same
for every run, are computed once beforehand and copied in). Reported: wall time including the
cluster start, the steady-state rate (first to last point received) and the speed-up over the
serial loop. The machine is shared, so expect ±20% between runs.
"""

from __future__ import annotations

import argparse
import os
import shutil
import tempfile
import time
from pathlib import Path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--models", type=int, default=60, help="number of S3-muoquark atlas models")
    ap.add_argument("--masses", default="500:5000:250", help="GeV, START:STOP:STEP")
    ap.add_argument("--gx", type=float, default=0.1)
    args = ap.parse_args()

    root = Path(tempfile.mkdtemp(prefix="bench-scan-"))
    os.environ["RECAST_CACHE_DIR"] = str(root / "limits-cache")
    from recast.scan import evaluate_point, parse_masses, run_scan, scan_models

    models = scan_models("Zp", atlas=True, muoquark="S3")[: args.models]
    masses = parse_masses(args.masses)
    n = len(models) * len(masses)
    print(f"{len(models)} models x {len(masses)} masses = {n} points, g_X = {args.gx}")

    t = time.perf_counter()
    warm = run_scan(models[:1] + [m for m in models if m.x_q != 0][:1], masses, gx=args.gx, fit="2021", scheduler="synchronous")
    limits = warm.limits
    print(f"dimuon limits for {len(masses)} masses (once, cached): {time.perf_counter() - t:.1f} s")

    # baseline: plain serial loop
    t = time.perf_counter()
    for model in models:
        for m in masses:
            evaluate_point(model, m, gx=args.gx, fit="2021", limits=None if model.x_q == 0 else limits[m])
    serial = time.perf_counter() - t
    print(f"\n{'executor':<34} {'wall [s]':>9} {'points/s':>9} {'steady pts/s':>13} {'speed-up':>9}")
    print(f"{'plain serial loop (baseline)':<34} {serial:9.2f} {n / serial:9.0f} {n / serial:13.0f} {1.0:9.2f}")

    runs = [("dask synchronous (in process)", {"scheduler": "synchronous"}),
            ("LocalCluster, 1 worker", {"jobs": 1}),
            ("LocalCluster, 2 workers", {"jobs": 2})]
    for label, kw in runs:
        cache = root / label.replace(" ", "_").replace(",", "")
        shutil.copytree(root / "limits-cache" / "scan" / "limits", cache / "scan" / "limits")
        os.environ["RECAST_CACHE_DIR"] = str(cache)
        stamps: list[float] = []
        t = time.perf_counter()
        res = run_scan(models, masses, gx=args.gx, fit="2021", on_point=lambda _p: stamps.append(time.perf_counter()), **kw)
        wall = time.perf_counter() - t
        assert res.computed == n, res.computed
        steady = (len(stamps) - 1) / (stamps[-1] - stamps[0]) if len(stamps) > 1 else float("nan")
        print(f"{label:<34} {wall:9.2f} {n / wall:9.0f} {steady:13.0f} {serial / wall:9.2f}")
    print(f"\nper-point cost (serial loop): {1e3 * serial / n:.2f} ms; "
          "dask runs also write one cache file per point")
    shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
