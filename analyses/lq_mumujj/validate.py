"""Expected LQ mass limits of the μμjj analysis, for validation against arXiv:2006.05872.

Generates the S3^{4/3} state (``S3m43``) pair with Pythia 8 through recast's fast detector
at a few masses, normalises it to the NNLO+NNLL cross-section
(:func:`recast.xsec.lq_pair_xsec`), builds the workspace of :data:`analyses.lq_mumujj.ANALYSIS`
and finds the expected (median, Asimov) 95% CL upper limit on μ; the mass limit is where
log μ_UL(m) crosses 0. Two benchmarks:

* ``"muq"``: S3 with only ``y_smu`` = 1, so S3m43 → s μ with B = 1 (B(μq) = 1, light quark);
* ``"bmu"``: the S3 b→sμμ benchmark (``y_bmu`` = 1, ``y_smu`` = V_cb (M/8 TeV)²), S3m43 → b μ.

Run ``python -m analyses.lq_mumujj.validate [--events 2000] [--masses 1200:2200:200]``.
Published (observed) limit for comparison: 1.7 TeV for B(μq) = 1 (arXiv:2006.05872).
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

__all__ = ["BENCHMARKS", "LimitScan", "expected_mass_limit", "main", "signal_events"]


def __dir__() -> list[str]:
    return __all__


#: Benchmark couplings of the S3 model (see the module docstring).
BENCHMARKS: dict[str, dict[str, float] | None] = {
    "muq": {"y_smu": 1.0},
    "bmu": None,  # the model's default: the b→sμμ benchmark
}
PUBLISHED_LIMIT_GEV = 1700.0  # arXiv:2006.05872 abstract, muon channel, B(μq) = 1


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


def signal_events(benchmark: str, mass: float, *, n_events: int, seed: int, jobs: int | None = None):  # noqa: ANN201
    """Detector-level S3m43 pair events with weights normalised to σ_NNLO+NNLL × B (pb).

    Returns:
        ``(events, sigma_pb, rel_unc)``.
    """
    from recast.cards.pythia import pythia_settings
    from recast.events import generate_arrays
    from recast.models import get_model
    from recast.xsec import lq_pair_xsec

    couplings = BENCHMARKS[benchmark]
    model = get_model("S3", mass=mass, couplings=couplings) if couplings else get_model("S3", mass=mass)
    settings = pythia_settings(model, state="S3m43", fast=True)
    events, info = generate_arrays(settings, n_events=n_events, seed=seed, jobs=jobs, fast=True, progress=False)
    sigma, rel = lq_pair_xsec(mass)
    # Pythia's σ_gen is σ_LO(pp → S S*) for B = 1 over the open channels: rescale to NNLO+NNLL.
    events["weight"] = events.weight * (sigma / info["xsec_pb"])
    return events, sigma, rel


def expected_mass_limit(
    benchmark: str = "muq",
    *,
    masses: Sequence[float] = (1200.0, 1400.0, 1600.0, 1800.0, 2000.0, 2200.0),
    lumi_fb: float = 139.0,
    n_events: int = 2000,
    seed: int = 1,
    jobs: int | None = None,
) -> LimitScan:
    """Expected 95% CL lower mass limit (GeV) of the μμjj analysis for an S3m43 benchmark.

    Args:
        benchmark: ``"muq"`` (S3m43 → sμ) or ``"bmu"`` (S3m43 → bμ).
        masses: LQ masses in GeV (increasing).
        lumi_fb: integrated luminosity in fb⁻¹.
        n_events: signal events per mass point (fast Pythia mode).
        seed: generator seed (the same for every mass).
        jobs: worker processes.

    Returns:
        A :class:`LimitScan` (``mass_limit_GeV`` is None if no crossing in the range).
    """
    from analyses.lq_mumujj import ANALYSIS
    from recast.stats import mass_limit, upper_limit

    t0 = time.perf_counter()
    xs, nsig, mus = [], [], []
    for m in masses:
        events, sigma, rel = signal_events(benchmark, m, n_events=n_events, seed=seed, jobs=jobs)
        sig = ANALYSIS.signal(events, lumi_fb=lumi_fb)
        ws = ANALYSIS.workspace(sig, lumi_fb=lumi_fb, xsec_rel_unc=rel, mass_GeV=m)
        lim = upper_limit(ws, observed=False)
        xs.append(sigma)
        nsig.append(float(sum(np.sum(c) for c, _ in sig.values())))
        mus.append(float(lim.median))
    return LimitScan(
        benchmark=benchmark,
        lumi_fb=lumi_fb,
        masses=tuple(float(m) for m in masses),
        xsec_pb=tuple(xs),
        signal_events=tuple(nsig),
        mu_ul_expected=tuple(mus),
        mass_limit_GeV=mass_limit(list(masses), mus),
        seconds=time.perf_counter() - t0,
    )


def main(argv: list[str] | None = None) -> int:
    """Print the expected-limit scan for both benchmarks."""
    ap = argparse.ArgumentParser(prog="python -m analyses.lq_mumujj.validate", description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=2000, help="signal events per mass point (default 2000)")
    ap.add_argument("--masses", default="1200:2200:200", help="LO:HI:STEP in GeV (default 1200:2200:200)")
    ap.add_argument("--lumi", type=float, default=139.0, help="luminosity in fb^-1 (default 139)")
    ap.add_argument("--benchmark", choices=sorted(BENCHMARKS), action="append", help="default: both")
    ap.add_argument("--jobs", type=int, default=None)
    args = ap.parse_args(argv)
    lo, hi, step = (float(x) for x in args.masses.split(":"))
    masses = list(np.arange(lo, hi + step / 2, step))
    for bm in args.benchmark or sorted(BENCHMARKS, reverse=True):
        scan = expected_mass_limit(bm, masses=masses, lumi_fb=args.lumi, n_events=args.events, jobs=args.jobs)
        print(f"benchmark {bm} (S3m43 -> {'s mu' if bm == 'muq' else 'b mu'}), {args.lumi:g} fb^-1, expected only:")
        print("  mass_GeV  xsec_pb     signal_events  mu_ul_exp")
        for m, x, n, mu in zip(scan.masses, scan.xsec_pb, scan.signal_events, scan.mu_ul_expected):
            print(f"  {m:8.0f}  {x:.3e}  {n:13.2f}  {mu:9.3f}")
        lim = "none in range" if scan.mass_limit_GeV is None else f"{scan.mass_limit_GeV:.0f} GeV"
        print(f"  expected mass limit: {lim} (published observed: {PUBLISHED_LIMIT_GEV:.0f} GeV); {scan.seconds:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
