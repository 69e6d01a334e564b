"""Expected LQ mass limits of the μμjj analysis, for validation against arXiv:2006.05872.

The whole recast chain, one point at a time through :func:`recast.chain.evaluate_point` (handed in
as *chain*, :class:`recast.analysis.protocol.Chain`: the plugin does not import the orchestrator)
(Pythia 8 LQ pairs through recast's fast detector, cached; σ from the NNLO+NNLL table; this
analysis' workspace; the expected (median, Asimov) 95% CL upper limit on μ), then the mass
limit where μ_UL(m) crosses 1 (:func:`recast.stats.mass_limit`), for the benchmarks of
:data:`BENCHMARKS`:

* ``"cmu"``: S1 with only ``yR_cmu`` = 1, so S1 → c μ with B = 1 (B(μq) = 1, q = c);
* ``"muq"``: S3 with only ``y_smu`` = 1, S3^{4/3} (``S3m43``) only → s μ (B(μq) = 1);
* ``"bmu"``: the S3 b→sμμ benchmark, S3^{4/3} only → b μ;
* ``"s3"``: the S3 b→sμμ benchmark with all its charge states that decay to muons.

:meth:`recast_analyses.lq_mumujj.LQMuMuJJ.measure_validation` (``recast validate``) uses it; the
printed scan is ``python -m scripts.lq_mumujj.validate`` from a recast checkout. Published
(observed) limits: 1.7 TeV for B(μq) = 1 (arXiv:2006.05872 abstract) and 1.71 TeV for B(bμ) = 1
(shared/reference/physics.md Sec. 3).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from recast.analysis.protocol import Chain

__all__ = ["BENCHMARKS", "DEFAULT_MASSES", "PUBLISHED_LIMIT_GEV", "LimitScan", "expected_mass_limit"]


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
#: Scanned LQ masses [GeV]: they bracket the published 1.7 TeV limit.
DEFAULT_MASSES = (1400.0, 1600.0, 1800.0, 2000.0, 2200.0)


@dataclass(frozen=True)
class LimitScan:
    """Result of :func:`expected_mass_limit`."""

    benchmark: str
    lumi_fb: float
    masses: tuple[float, ...]  # GeV
    xsec_pb: tuple[float, ...]
    signal_events: tuple[float, ...]  # selected, at lumi_fb
    mu_ul_expected: tuple[float, ...]  # median (inf: no selected signal)
    mass_limit_GeV: float | None
    seconds: float


def expected_mass_limit(
    benchmark: str = "cmu",
    *,
    chain: Chain,
    masses: Sequence[float] = DEFAULT_MASSES,
    lumi_fb: float = 139.0,
    n_events: int = 3000,
    seed: int = 1,
    jobs: int | None = None,
    source: Any = None,
) -> LimitScan:
    """Expected 95% CL lower mass limit (GeV) of the μμjj analysis for one benchmark.

    Args:
        benchmark: a key of :data:`BENCHMARKS`.
        chain: recast's chain (the module :mod:`recast.chain`): ``evaluate_point``, ``limit_method``.
        masses: LQ masses in GeV (increasing).
        lumi_fb: integrated luminosity in fb⁻¹.
        n_events: signal events per charge state and mass point (fast Pythia mode).
        seed: generator seed.
        jobs: worker processes.
        source: the signal (a :class:`recast.sources.SignalSource`); default: generated at
            *masses* (:class:`recast.sources.GeneratedSource`, *n_events*, *seed*, the benchmark's
            charge states), as ``recast limits --events-per-point``.

    Returns:
        A :class:`LimitScan` (``mass_limit_GeV`` is None if no crossing in the range).
    """
    from recast.models import get_model
    from recast.sources import GeneratedSource
    from recast.stats import mass_limit
    from recast_analyses.lq_mumujj import ANALYSIS

    model_name, couplings, states = BENCHMARKS[benchmark]
    t0 = time.perf_counter()
    model = get_model(model_name, couplings=couplings)
    if source is None:
        source = GeneratedSource(list(masses), n_events, seed=seed, jobs=jobs, progress=False,
                                 states=list(states) if states else None)
    method = chain.limit_method(ANALYSIS)
    pts = [chain.evaluate_point(pt, ANALYSIS, lumi_fb=lumi_fb, method=method)[0]
           for pt in source.points(model, branches=sorted(ANALYSIS.branches))]
    medians = [p["mu_ul_exp"][2] if p["mu_ul_exp"] else None for p in pts]
    return LimitScan(
        benchmark=benchmark,
        lumi_fb=lumi_fb,
        masses=tuple(float(p["mass_GeV"]) for p in pts),
        xsec_pb=tuple(float(p["xsec_pb"]) for p in pts),
        signal_events=tuple(float(p["signal_events"]) for p in pts),
        mu_ul_expected=tuple(float("inf") if m is None else float(m) for m in medians),
        mass_limit_GeV=mass_limit([p["mass_GeV"] for p in pts], medians),
        seconds=time.perf_counter() - t0,
    )
