"""Expected LQ mass limits of the μμjj analysis, for validation against arXiv:2006.05872.

Runs the whole recast chain (:func:`recast.limits.run_limits`: Pythia 8 LQ pairs through
recast's fast detector, cached; σ from the NNLO+NNLL table; this analysis' workspace; the
expected (median, Asimov) 95% CL upper limit on μ; the mass limit where μ_UL(m) crosses 1)
for the benchmarks of :data:`BENCHMARKS`:

* ``"cmu"``: S1 with only ``yR_cmu`` = 1, so S1 → c μ with B = 1 (B(μq) = 1, q = c);
* ``"muq"``: S3 with only ``y_smu`` = 1, S3^{4/3} (``S3m43``) only → s μ (B(μq) = 1);
* ``"bmu"``: the S3 b→sμμ benchmark, S3^{4/3} only → b μ;
* ``"s3"``: the S3 b→sμμ benchmark with all its charge states that decay to muons.

Run ``python -m recast_analyses.lq_mumujj.validate [--events 3000] [--masses 1400:2200:200]
[--benchmark cmu]``. Published (observed) limits: 1.7 TeV for B(μq) = 1 (arXiv:2006.05872
abstract) and 1.71 TeV for B(bμ) = 1 (shared/reference/physics.md Sec. 3).
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

__all__ = ["BENCHMARKS", "PUBLISHED_LIMIT_GEV", "LimitScan", "expected_mass_limit", "main"]


def __dir__() -> list[str]:
    return __all__


#: Benchmark → (model, couplings or None for the model's default, charge states or None for all).
BENCHMARKS: dict[str, tuple[str, dict[str, float] | None, tuple[str, ...] | None]] = {
    "cmu": ("S1", {"yR_cmu": 1.0}, ("S1m13",)),
    "muq": ("S3", {"y_smu": 1.0}, ("S3m43",)),
    "bmu": ("S3", None, ("S3m43",)),
    "s3": ("S3", None, None),
}
PUBLISHED_LIMIT_GEV = 1700.0  # arXiv:2006.05872 abstract, muon channel, B(μq) = 1
DEFAULT_MASSES = (1400.0, 1600.0, 1800.0, 2000.0, 2200.0)


@dataclass(frozen=True)
class LimitScan:
    """Result of :func:`expected_mass_limit`."""

    benchmark: str
    lumi_fb: float
    masses: tuple[float, ...]  # GeV
    xsec_pb: tuple[float, ...]
    signal_events: tuple[float, ...]  # selected, at lumi_fb
    mu_ul_expected: tuple[float, ...]  # median
    mass_limit_GeV: float | None
    seconds: float


def expected_mass_limit(
    benchmark: str = "cmu",
    *,
    masses: Sequence[float] = DEFAULT_MASSES,
    lumi_fb: float = 139.0,
    n_events: int = 3000,
    seed: int = 1,
    jobs: int | None = None,
) -> LimitScan:
    """Expected 95% CL lower mass limit (GeV) of the μμjj analysis for one benchmark.

    Args:
        benchmark: a key of :data:`BENCHMARKS`.
        masses: LQ masses in GeV (increasing).
        lumi_fb: integrated luminosity in fb⁻¹.
        n_events: signal events per charge state and mass point (fast Pythia mode).
        seed: generator seed.
        jobs: worker processes.

    Returns:
        A :class:`LimitScan` (``mass_limit_GeV`` is None if no crossing in the range).
    """
    from recast.limits import run_limits

    model, couplings, states = BENCHMARKS[benchmark]
    t0 = time.perf_counter()
    result, _ = run_limits(model, lumi_fb=lumi_fb, masses=list(masses), couplings=couplings,
                           analyses=["lq_mumujj"], events_per_point=n_events, seed=seed, jobs=jobs,
                           states=list(states) if states else None, progress=False)
    res = result["per_analysis"]["lq_mumujj"]
    pts = res["points"]
    return LimitScan(
        benchmark=benchmark,
        lumi_fb=lumi_fb,
        masses=tuple(float(p["mass_GeV"]) for p in pts),
        xsec_pb=tuple(float(p["xsec_pb"]) for p in pts),
        signal_events=tuple(float(p["signal_events"]) for p in pts),
        mu_ul_expected=tuple(float(p["mu_ul_exp"][2]) if p["mu_ul_exp"] else float("inf") for p in pts),
        mass_limit_GeV=res["mass_limit_GeV"]["expected"],
        seconds=time.perf_counter() - t0,
    )


def main(argv: list[str] | None = None) -> int:
    """Print the expected-limit scan of the chosen benchmarks."""
    ap = argparse.ArgumentParser(
        prog="python -m recast_analyses.lq_mumujj.validate", description=__doc__.splitlines()[0]
    )
    ap.add_argument("--events", type=int, default=3000, help="signal events per state and mass (default 3000)")
    ap.add_argument("--masses", default="1400:2200:200", help="LO:HI:STEP in GeV (default 1400:2200:200)")
    ap.add_argument("--lumi", type=float, default=139.0, help="luminosity in fb^-1 (default 139)")
    ap.add_argument("--benchmark", choices=sorted(BENCHMARKS), action="append", help="default: cmu and s3")
    ap.add_argument("--jobs", type=int, default=None)
    args = ap.parse_args(argv)
    lo, hi, step = (float(x) for x in args.masses.split(":"))
    masses = list(np.arange(lo, hi + step / 2, step))
    for bm in args.benchmark or ["cmu", "s3"]:
        scan = expected_mass_limit(bm, masses=masses, lumi_fb=args.lumi, n_events=args.events, jobs=args.jobs)
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
