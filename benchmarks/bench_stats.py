"""Benchmark: recast.stats.upper_limit against pyhf 0.7.6's own upper_limit on the same workspace.

Baseline: ``pyhf.infer.intervals.upper_limits.upper_limit(data, model, scan=None)``
(root finding with toms748, the asymptotic q̃μ calculator, 5 fits per CLs evaluation).
Ours: ``recast.stats.upper_limit(spec)`` (see recast/stats/upper_limits.py for the method).

Workspaces:
* ``20bin``: 20 bins, per-bin background uncertainty (shapesys), signal MC stat (staterror),
  xsec normsys — the model of the issue's "5-11 s per point" measurement.
* ``dimuon_<M>``: the 99-bin ATLAS dimuon spectrum (atlas_1903_06248) with a narrow
  resonance at M GeV (σ_fid = 1 fb), 10% signal MC stat per bin and a 10% xsec uncertainty.
* ``lq_mumujj``: the LQ μμjj workspace (2 regions) with a peaked signal (if the plugin loads).

Bayesian limits (``--bayesian``, or ``--only-bayesian``): the cost of one dimuon fiducial mass
point, ``recast.fiducial.fiducial_limit(ANALYSIS, M)`` with the flat-prior Bayesian method (200 nuisance samples,
200 pseudo-experiments for the expected band; recast/stats/bayes.py) against the asymptotic
CLs limit of the same workspace as baseline, in the same process, best of 3.

``--attribution``: the dimuon fiducial limits after each modelling change of issue 10 (method,
mass response, overflow bin), the before->after table of docs/readme/analyses_stats.md.

Run: ``python benchmarks/bench_stats.py [--skip-pyhf-dimuon] [--bayesian | --only-bayesian | --attribution]
[--json out.json]``.
"""

from __future__ import annotations

import argparse
import json
import time
import warnings

import numpy as np
import pyhf

from recast.stats import Sample, build_workspace, upper_limit


def ws_20bin() -> dict:
    rng = np.random.default_rng(1)
    n = 20
    b = np.linspace(100, 10, n)
    s = 10 * np.exp(-0.5 * ((np.arange(n) - 12) / 2.0) ** 2)
    return build_workspace(
        signal={"sr": (s, 0.05 * s)},
        backgrounds={"sr": [Sample("bkg", b, stat_unc=0.1 * b)]},
        observed={"sr": rng.poisson(b).tolist()},
        lumi_fb=139.0, ref_lumi_fb=139.0, xsec_rel_unc=0.1,
    )  # fmt: skip


def ws_dimuon(mass: float) -> dict:
    from recast.analysis import get_analysis

    ana = get_analysis("atlas_1903_06248")
    s = ana.narrow_resonance(mass)
    return ana.workspace({"mumu": (s, 0.1 * s)}, lumi_fb=139.0, xsec_rel_unc=0.1)


def ws_lq() -> dict | None:
    from recast.analysis import get_analysis
    from recast.exceptions import RecastError

    try:
        ana = get_analysis("lq_mumujj")
        nb = len(ana.edges) - 1
        sig = {r: (np.array([0.2, 0.5, 1.5, 4.0, 2.0, 0.8, 0.3][:nb]) * (2.0 if r.endswith("1b") else 1.0),
                   0.1 * np.array([0.2, 0.5, 1.5, 4.0, 2.0, 0.8, 0.3][:nb])) for r in ana.regions}
        return ana.workspace(sig, lumi_fb=139.0, xsec_rel_unc=0.1)
    except (RecastError, ImportError, AttributeError) as err:
        print(f"lq_mumujj skipped: {err}")
        return None


def run_pyhf(spec: dict) -> tuple[float, list[float], float]:
    pyhf.set_backend("numpy")
    ws = pyhf.Workspace(spec)
    model = ws.model()
    data = ws.data(model)
    t0 = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        obs, exp = pyhf.infer.intervals.upper_limits.upper_limit(data, model, scan=None)
    return float(obs), [float(x) for x in exp], time.perf_counter() - t0


def bench_bayesian(masses: tuple[float, ...] = (500.0, 1000.0, 2000.0, 3000.0, 4000.0, 5000.0)) -> list[dict]:
    """Seconds per dimuon fiducial mass point: Bayesian vs asymptotic CLs (baseline)."""
    from recast.analysis import get_analysis
    from recast.fiducial import fiducial_limit

    ana = get_analysis("atlas_1903_06248")
    fiducial_limit(ana, 1000.0)  # warm-up (imports, pyhf schema cache)
    rows = []
    for m in masses:
        timing = {}
        for method in ("asymptotic", "bayesian"):
            best = min(_timed(lambda: fiducial_limit(ana, m, method=method)) for _ in range(3))  # noqa: B023
            timing[method] = best
        rows.append({"workspace": f"dimuon_fid_{m:.0f}", "bayesian_s": timing["bayesian"],
                     "asymptotic_s": timing["asymptotic"]})  # fmt: skip
        print(f"dimuon_fid_{m:<6.0f} bayesian {timing['bayesian']:.3f} s   asymptotic {timing['asymptotic']:.3f} s"
              f"   ratio x{timing['bayesian'] / timing['asymptotic']:.1f}", flush=True)
    return rows


def attribution(masses: tuple[float, ...] = tuple(float(m) for m in range(500, 5001, 500))) -> list[dict]:
    """Dimuon fiducial limits [fb] after each modelling change, in order (docs/readme/analyses_stats.md).

    0: asymptotic CLs, Gaussian core resolution, 99 bins (recast before issue 10);
    1: + flat-prior Bayesian method; 2: + ATLAS Crystal Ball + Gaussian mass response;
    3: + overflow bin above 5806 GeV (= the shipped model).
    """
    from recast.analysis import get_analysis
    from recast.fiducial import fiducial_limit

    ana = get_analysis("atlas_1903_06248")
    steps = [("asymptotic", "gaussian", False), ("bayesian", "gaussian", False),
             ("bayesian", "paper", False), ("bayesian", "paper", True)]  # fmt: skip
    keep = ana._overflow_signal
    rows = []
    try:
        for i, (method, shape, overflow) in enumerate(steps):
            ana._overflow_signal = keep if overflow else (lambda *a, **k: 0.0)  # type: ignore[method-assign]
            for m in masses:
                lim = fiducial_limit(ana, m, method=method, shape=shape)
                rows.append({"step": i, "method": method, "shape": shape, "overflow": overflow, "mass_GeV": m,
                             "expected_fb": lim.expected[2], "observed_fb": lim.observed,
                             "published_expected_fb": ana.published_expected_fiducial(m),
                             "published_observed_fb": ana.published_observed_fiducial(m)})  # fmt: skip
    finally:
        ana._overflow_signal = keep  # type: ignore[method-assign]
    for kind in ("expected", "observed"):
        print(f"{kind}: mass | published | " + " | ".join(f"step {i}" for i in range(len(steps))))
        for m in masses:
            sel = [r for r in rows if r["mass_GeV"] == m]
            pub = sel[0][f"published_{kind}_fb"]
            cells = " | ".join(f"{r[kind + '_fb']:.4g} ({r[kind + '_fb'] / pub - 1:+.0%})" for r in sel)
            print(f"| {m:.0f} | {pub:.4g} | {cells} |")
    return rows


def _timed(fun) -> float:
    t0 = time.perf_counter()
    fun()
    return time.perf_counter() - t0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--skip-pyhf-dimuon", action="store_true", help="do not run pyhf's baseline on 99 bins (slow)")
    ap.add_argument("--bayesian", action="store_true", help="also time Bayesian dimuon fiducial limits")
    ap.add_argument("--only-bayesian", action="store_true", help="time only the Bayesian dimuon fiducial limits")
    ap.add_argument("--attribution", action="store_true", help="dimuon fiducial limits after each change, then exit")
    ap.add_argument("--json", default=None, help="write results to this JSON file")
    args = ap.parse_args()
    if args.only_bayesian or args.attribution:
        rows = attribution() if args.attribution else bench_bayesian()
        if args.json:
            with open(args.json, "w", encoding="utf-8") as fh:
                json.dump(rows, fh, indent=1)
        return
    cases = {"20bin": ws_20bin(), "dimuon_1000": ws_dimuon(1000.0), "dimuon_2000": ws_dimuon(2000.0),
             "dimuon_3000": ws_dimuon(3000.0)}  # fmt: skip
    lq = ws_lq()
    if lq is not None:
        cases["lq_mumujj"] = lq
    results = []
    for name, spec in cases.items():
        ours = min((upper_limit(spec) for _ in range(3)), key=lambda r: r.seconds)  # best of 3 (shared machine)
        npars = pyhf.Workspace(spec).model().config.npars
        row = {"workspace": name, "bins": sum(len(c["samples"][0]["data"]) for c in spec["channels"]),
               "parameters": npars, "ours_s": ours.seconds, "ours_fits": ours.fits,
               "ours_obs": ours.observed, "ours_exp": list(ours.expected)}  # fmt: skip
        if not (args.skip_pyhf_dimuon and name.startswith("dimuon")):
            obs, exp, secs = run_pyhf(spec)
            row.update(pyhf_s=secs, pyhf_obs=obs, pyhf_exp=exp,
                       max_rel_diff=max(abs(ours.observed / obs - 1),
                                        *(abs(a / b - 1) for a, b in zip(ours.expected, exp))))  # fmt: skip
        results.append(row)
        line = f"{name:<12} bins={row['bins']:>3} pars={npars:>3}  ours {row['ours_s']:.3f} s ({ours.fits} fits)"
        if "pyhf_s" in row:
            line += f"  pyhf {row['pyhf_s']:.1f} s  speed-up x{row['pyhf_s'] / row['ours_s']:.0f}"
            line += f"  max |rel diff| {row['max_rel_diff']:.2e}"
        print(line, flush=True)
    if args.bayesian:
        results += bench_bayesian()
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump(results, fh, indent=1)


if __name__ == "__main__":
    main()
