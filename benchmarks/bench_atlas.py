"""Timing of the U(1)_X atlas enumeration vs a brute-force baseline (same process).

Run: ``python benchmarks/bench_atlas.py`` (add ``--quick`` to skip the N = 4 brute force).

* smart: :func:`recast.u1x.enumerate_atlas` (linear sums fix the third charge of each
  species, sums of squares/cubes matched by hash lookup), cache cleared before each run.
* baseline: :func:`recast.u1x.enumerate.brute_force_atlas`, a loop over every ordered
  (L1, L2, E1, E2, N1, N2) per quark charge, i.e. (2N+1)^6 iterations; only feasible for
  N <= 4, so its growth is extrapolated to N = 10.

Growth exponents p (time ~ N^p) are least-squares fits of log t against log N.
"""

from __future__ import annotations

import argparse
import math
import time

from recast.u1x.enumerate import brute_force_atlas, enumerate_atlas
from recast.u1x.export import atlas_rows
from recast.u1x.muoquark import solution_flags as muoquark_solutions


def _best(fn, repeat: int) -> float:
    best = math.inf
    for _ in range(repeat):
        enumerate_atlas.cache_clear()
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def _slope(ns, ts) -> float:
    xs, ys = [math.log(n) for n in ns], [math.log(t) for t in ts]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="skip the slowest brute-force point (N = 4)")
    args = ap.parse_args(argv)

    small = [2, 3] if args.quick else [2, 3, 4]
    print(f"{'N':>3} {'classes':>8} {'smart [s]':>11} {'brute [s]':>11} {'speed-up':>9}")
    brute_t, smart_small = [], []
    for n in small:
        ref = brute_force_atlas(n)
        tb = _best(lambda n=n: brute_force_atlas(n), 1)
        ts = _best(lambda n=n: enumerate_atlas(max_charge=n), 5)
        assert {(s.q, s.L, s.E, s.N) for s in enumerate_atlas(max_charge=n)} == ref
        brute_t.append(tb)
        smart_small.append(ts)
        print(f"{n:>3} {len(ref):>8} {ts:>11.5f} {tb:>11.3f} {tb / ts:>9.0f}")
    big = [10, 12, 15, 20, 30]
    smart_t = []
    for n in big:
        ts = _best(lambda n=n: enumerate_atlas(max_charge=n), 3)
        smart_t.append(ts)
        print(f"{n:>3} {len(enumerate_atlas(max_charge=n)):>8} {ts:>11.5f} {'':>11} {'':>9}")
    p_brute = _slope(small, brute_t)
    p_smart = _slope(big, smart_t)
    extrap = brute_t[-1] * (10 / small[-1]) ** p_brute
    print(f"growth: smart ~ N^{p_smart:.1f} (N = 10..30); brute force ~ N^{p_brute:.1f} (N = {small[0]}..{small[-1]})")
    naive = brute_t[-1] * ((2 * 10 + 1) / (2 * small[-1] + 1)) ** 7  # (2N+1)^6 loop x (2N+1) quark charges
    print(
        f"N = 10: smart {smart_t[0] * 1e3:.1f} ms; brute force extrapolated {extrap:.0f} s (fit) "
        f"to {naive:.0f} s ((2N+1)^7 scaling), i.e. x{extrap / smart_t[0]:.0f} to x{naive / smart_t[0]:.0f}"
    )
    muoquark_solutions.cache_clear()
    t0 = time.perf_counter()
    rows = atlas_rows(enumerate_atlas(max_charge=10))
    print(f"N = 10 with category and muoquark flags (what `recast atlas` prints): {time.perf_counter() - t0:.3f} s, {len(rows)} rows")
    print("requirement: N = 10 in < 2 s on one core:", "PASS" if smart_t[0] < 2 else "FAIL")


if __name__ == "__main__":
    main()
