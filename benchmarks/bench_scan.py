"""Scan throughput: a plain serial loop vs ``run_scan`` on Dask (synchronous, 1 and 2 workers).

Run: ``python benchmarks/bench_scan.py [--models N] [--masses 500:5000:250]`` (default: every
S3-muoquark atlas model, 273 x 19 = 5187 points).

Part 1, the per-mass dimuon limits (a pyhf fit each: the expensive, model-independent work);
part 2, the (model, mass) points with the limits cached. Each is timed as

* the baseline: a plain serial Python loop (:func:`recast.scan.dimuon_limits`,
  :func:`recast.scan.evaluate_point`; no cache, no Dask),
* :func:`recast.scan.run_scan` with Dask's synchronous scheduler (part 2),
* ``run_scan`` on a LocalCluster of 1 and 2 single-threaded worker processes. The cluster is
  started and warmed (imports) once per size and reached through ``scheduler=ADDRESS``, so
  the rows measure throughput; the start-up cost is printed separately (``run_scan`` with
  ``jobs=N`` pays it once per call).

Every run starts from an empty point cache. The machine is shared, so expect ±20%.
"""

from __future__ import annotations

import argparse
import logging
import os
import shutil
import tempfile
import time
from pathlib import Path


def _warm() -> bool:
    """Imports and one pyhf fit (at 260 GeV, not on the grid), so the timings are steady state."""
    from recast.scan import dimuon_limits

    dimuon_limits(260.0)
    return True


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--models", type=int, default=0, help="number of S3-muoquark atlas models (0: all)")
    ap.add_argument("--masses", default="500:5000:250", help="GeV, START:STOP:STEP")
    ap.add_argument("--gx", type=float, default=0.1)
    args = ap.parse_args()

    root = Path(tempfile.mkdtemp(prefix="bench-scan-"))
    counter = iter(range(1000))

    def fresh_cache() -> None:
        os.environ["RECAST_CACHE_DIR"] = str(root / f"c{next(counter)}")

    fresh_cache()
    from distributed import Client, LocalCluster

    from recast.scan import dimuon_limits, evaluate_point, parse_masses, run_scan, scan_models

    models = scan_models("Zp", atlas=True, muoquark="S3")[: args.models or None]
    masses = parse_masses(args.masses)
    n = len(models) * len(masses)
    dy_model = [m for m in models if m.x_q != 0][:1]
    print(f"{len(models)} models x {len(masses)} masses = {n} points, g_X = {args.gx}; {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.1f}")

    # baselines
    _warm()
    t = time.perf_counter()
    limits = {m: dimuon_limits(m) for m in masses}
    serial_lim = time.perf_counter() - t
    t = time.perf_counter()
    for model in models:
        for m in masses:
            evaluate_point(model, m, gx=args.gx, fit="2021", limits=None if model.x_q == 0 else limits[m])
    serial_pts = time.perf_counter() - t

    rows = [("plain serial loop (baseline)", serial_lim, serial_pts, None)]
    fresh_cache()
    run_scan(dy_model, masses, gx=args.gx, fit="2021", scheduler="synchronous")  # limits into this cache
    shutil.rmtree(Path(os.environ["RECAST_CACHE_DIR"]) / "scan" / "points")  # keep the limits only
    t = time.perf_counter()
    res = run_scan(models, masses, gx=args.gx, fit="2021", scheduler="synchronous")
    rows.append(("dask synchronous (in process)", None, time.perf_counter() - t, None))
    assert res.computed == n
    for workers in (1, 2):
        t = time.perf_counter()
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                               silence_logs=logging.ERROR)
        client = Client(cluster)
        client.run(_warm)
        startup = time.perf_counter() - t
        fresh_cache()
        t = time.perf_counter()
        run_scan(dy_model, masses, gx=args.gx, fit="2021", scheduler=cluster.scheduler_address)
        lim_wall = time.perf_counter() - t
        shutil.rmtree(Path(os.environ["RECAST_CACHE_DIR"]) / "scan" / "points")
        t = time.perf_counter()
        res = run_scan(models, masses, gx=args.gx, fit="2021", scheduler=cluster.scheduler_address)
        pts_wall = time.perf_counter() - t
        assert res.computed == n
        client.close()
        cluster.close()
        rows.append((f"LocalCluster, {workers} worker{'s' if workers > 1 else ''}", lim_wall, pts_wall, startup))

    print(f"\n{'executor':<32} {'limits [s]':>10} {'speed-up':>8} {'points [s]':>10} {'points/s':>9} {'speed-up':>8} {'start-up [s]':>12}")
    for label, lim, pts, start in rows:
        lim_s = f"{lim:10.2f} {serial_lim / lim:8.2f}" if lim else f"{'-':>10} {'-':>8}"
        start_s = f"{start:12.1f}" if start else f"{'-':>12}"
        print(f"{label:<32} {lim_s} {pts:10.2f} {n / pts:9.0f} {serial_pts / pts:8.2f} {start_s}")
    print(f"\nper mass (dimuon limit, pyhf): {serial_lim / len(masses):.2f} s; per point (serial loop): "
          f"{1e3 * serial_pts / n:.2f} ms. The Dask runs also hash every point and write one cache shard per task.")
    shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
