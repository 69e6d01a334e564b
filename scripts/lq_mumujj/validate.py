"""Print the expected LQ mass limits of the μμjj analysis (validation against arXiv:2006.05872).

Run ``python -m scripts.lq_mumujj.validate [--events 3000] [--masses 1400:2200:200] [--benchmark cmu]``
from a recast checkout. The scan itself is
:func:`recast_analyses.lq_mumujj.validation.expected_mass_limit` (one point at a time through
:func:`recast.chain.evaluate_point`); see there for the benchmarks.
"""

from __future__ import annotations

import argparse

__all__ = ["main"]


def __dir__() -> list[str]:
    return __all__


def main(argv: list[str] | None = None) -> int:
    """Print the expected-limit scan of the chosen benchmarks."""
    import recast.chain
    from recast.masses import parse_masses
    from recast_analyses.lq_mumujj.validation import BENCHMARKS, PUBLISHED_LIMIT_GEV, expected_mass_limit

    ap = argparse.ArgumentParser(prog="python -m scripts.lq_mumujj.validate", description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=3000, help="signal events per state and mass (default 3000)")
    ap.add_argument("--masses", default="1400:2200:200", help="LO:HI:STEP in GeV (default 1400:2200:200)")
    ap.add_argument("--lumi", type=float, default=139.0, help="luminosity in fb^-1 (default 139)")
    ap.add_argument("--benchmark", choices=sorted(BENCHMARKS), action="append", help="default: cmu and s3")
    ap.add_argument("--jobs", type=int, default=None)
    args = ap.parse_args(argv)
    masses = parse_masses(args.masses)
    for bm in args.benchmark or ["cmu", "s3"]:
        scan = expected_mass_limit(bm, chain=recast.chain, masses=masses, lumi_fb=args.lumi, n_events=args.events,
                                   jobs=args.jobs)
        model, couplings, states = BENCHMARKS[bm]
        print(f"benchmark {bm} ({model} {couplings or 'default couplings'}, states {states or 'all'}), "
              f"{args.lumi:g} fb^-1, expected only:")
        print("  mass_GeV  xsec_pb     signal_events  mu_ul_exp")
        for m, x, n, mu in zip(scan.masses, scan.xsec_pb, scan.signal_events, scan.mu_ul_expected, strict=True):
            print(f"  {m:8.0f}  {x:.3e}  {n:13.2f}  {mu:9.3f}")
        lim = "none in range" if scan.mass_limit_GeV is None else f"{scan.mass_limit_GeV:.0f} GeV"
        print(f"  expected mass limit: {lim} (published observed: {PUBLISHED_LIMIT_GEV:.0f} GeV); {scan.seconds:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
