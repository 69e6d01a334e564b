"""Leptoquark coupling-plane scan: points per second, cold and warm (``recast scan --plane``).

Run: ``python benchmarks/bench_plane.py [--plane "y_bmu=0.01:2:20,y_smu=0.01:2:20"] [--masses 1000:2200:200]``.

Runs the CLI in a subprocess twice on its own empty ``$RECAST_CACHE_DIR``: cold (every distinct
branching-ratio pattern fitted) and warm (all fits from the cache; flavour recomputed), and prints
wall time, the CPU time of the process and its children (the machine may be shared: CPU time
over wall time shows how much of the 2 cores the run got), points per second and distinct fits.
Issue 14 target: the default 20 x 20 x 7 S3 plane in under 60 s.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def _run(args: list[str], cache: str) -> tuple[float, float, str]:
    env = {**os.environ, "RECAST_CACHE_DIR": cache}
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    out = subprocess.run(args, env=env, check=True, capture_output=True, text=True).stdout
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--model", default="S3")
    ap.add_argument("--plane", default="y_bmu=0.01:2:20,y_smu=0.01:2:20")
    ap.add_argument("--masses", default="1000:2200:200")
    ap.add_argument("--jobs", default=None)
    a = ap.parse_args()
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
