"""Efficiency maps vs per-point generation: speed and agreement, and the cold main job both ways.

Run: ``python benchmarks/bench_effmaps.py [--events 3000] [--skip-cold]``.

1. For the test points of tests/test_effmaps.py (S3 benchmark, S1 → cμ, R2, an S1 texture
   with ν channels, R2 → uμ⁺): the lq_mumujj and ATLAS-dimuon signal yields at 139 fb⁻¹ from
   the maps (:class:`recast.sources.MapSource`) and from Pythia generation
   (:class:`recast.sources.GeneratedSource`, ``--events`` per state), the time of each, and
   the pull (maps − generation) / combined MC σ.
2. ``recast limits --model S3 --lumi 139`` on an empty cache (``cached_limits``, each variant
   with its own empty ``$RECAST_CACHE_DIR``): maps (the default) and ``--generate``; wall
   time, expected mass limit and their relative difference.
"""

from __future__ import annotations

import argparse
import math
import os
import tempfile
import time
from pathlib import Path

import numpy as np

POINTS = (
    ("S3", None, 1600.0),
    ("S1", {"yR_cmu": 1.0}, 1400.0),
    ("R2", None, 1800.0),
    ("S1", {"yL_bmu": 1.0, "yL_smu": 0.5}, 1200.0),
    ("R2", {"yRL_umu": 1.0}, 1400.0),
)


def _total(sig) -> tuple[float, float]:  # noqa: ANN001
    n = sum(float(np.sum(v[0])) for v in sig.values())
    u = math.sqrt(sum(float(np.sum(np.asarray(v[1]) ** 2)) for v in sig.values()))
    return n, u


def compare_points(events: int) -> None:
    from recast.analysis import get_analysis
    from recast.models import get_model
    from recast.sources import GeneratedSource, MapSource

    anas = [get_analysis("lq_mumujj"), get_analysis("atlas_1903_06248")]
    branches = sorted({b for a in anas for b in a.branches})
    print(f"{'point':<34} {'analysis':<17} {'maps':>9} {'generated':>10} {'pull':>6} {'t_maps':>7} {'t_gen':>7}")
    for model, couplings, mass in POINTS:
        point = get_model(model, couplings=couplings)
        t0 = time.perf_counter()
        (mp,) = MapSource([mass]).points(point, branches=branches)
        map_sig = [mp.signal(a, lumi_fb=139.0) for a in anas]
        t_map = time.perf_counter() - t0
        t0 = time.perf_counter()
        (gp,) = GeneratedSource([mass], events, seed=11, progress=False).points(point, branches=branches)
        gen_sig = [gp.signal(a, lumi_fb=139.0) for a in anas]
        t_gen = time.perf_counter() - t0
        label = f"{model} {couplings or 'benchmark'} {mass:g}"
        for ana, a, b in zip(anas, map_sig, gen_sig, strict=True):
            (na, ua), (nb, ub) = _total(a), _total(b)
            pull = (na - nb) / math.hypot(ua, ub) if ua or ub else 0.0
            print(f"{label[:34]:<34} {ana.id:<17} {na:9.3f} {nb:10.3f} {pull:6.2f} {t_map:7.3f} {t_gen:7.1f}")


def cold_main_job() -> None:
    from recast.chain import cached_limits

    with tempfile.TemporaryDirectory() as tmp:
        out = {}
        for label, kw in (("maps (default)", {}), ("--generate", {"generate": True})):
            os.environ["RECAST_CACHE_DIR"] = os.fspath(Path(tmp) / label.split()[0])
            t0 = time.perf_counter()
            result, _, _ = cached_limits("S3", out=Path(tmp) / f"out-{len(out)}", force=True, lumi_fb=139.0,
                                      progress=False, **kw)
            dt = time.perf_counter() - t0
            exp = result.mass_limit_GeV.expected
            out[label] = exp
            print(f"cold recast limits --model S3 --lumi 139, {label:<15} {dt:7.1f} s   expected limit {exp:.0f} GeV")
        a, b = out.values()
        print(f"maps / generate - 1 = {a / b - 1:+.2%}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=3000, help="generated events per state (as recast limits)")
    ap.add_argument("--skip-cold", action="store_true", help="only the per-point comparison")
    args = ap.parse_args()
    compare_points(args.events)
    if not args.skip_cold:
        cold_main_job()


if __name__ == "__main__":
    main()
