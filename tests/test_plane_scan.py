"""Leptoquark coupling-plane scans (recast.scan.plane, recast.lowenergy.grid, ``recast scan --plane``).

Each shortcut of the plane scan is pinned against the direct computation: identical branching
ratios give identical yields (QCD pair production), the bilinear Wilson-coefficient grid equals
``recast.lowenergy.evaluate`` point by point, and the CLs(μ = 1) verdict equals ``recast limits``
(maps, asymptotic) at the same coupling point and mass. Uses the shipped maps and small grids.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from recast.cli import cli
from recast.effmaps.channels import pair_coefficients
from recast.effmaps.maps import load_maps
from recast.exceptions import InvalidParameter
from recast.lowenergy import evaluate
from recast.lowenergy.grid import NSIGMA_BOUNDS, flavour_grid
from recast.models.leptoquark import R2, S3
from recast.scan.plane import Axis, parse_plane, run_plane

S3_PLANE = "y_bmu=0.05:0.5:3,y_smu=0.05:0.5:3"


# ---------------------------------------------------------------- parsing


def test_parse_plane_log_and_linear():
    x, y = parse_plane("y_bmu=0.01:1:3, y_smu=lin:0:0.2:5", "S3")
    np.testing.assert_allclose(x.values(), [0.01, 0.1, 1.0])
    np.testing.assert_allclose(y.values(), [0.0, 0.05, 0.1, 0.15, 0.2])
    assert x.log and not y.log and y.text() == "y_smu=lin:0:0.2:5"


@pytest.mark.parametrize(("text", "model", "needle"), [
    ("y_bmu=0.1:1:3,y_xmu=0.1:1:3", "S3", "no coupling 'y_xmu'"),
    ("y_bmu=0.1:1:1,y_smu=0.1:1:3", "S3", "N >= 2"),
    ("y_bmu=0:1:3,y_smu=0.1:1:3", "S3", "log axis needs LO > 0"),
    ("y_bmu=0.1:1:3,y_smu=0.1:1:3", "B-L", "none of S3, S1, R2, Spm"),
    ("y_bmu=0.1:1:3", "S3", "exactly two couplings"),
    ("y_bmu=1:0.1:3,y_smu=0.1:1:3", "S3", "LO must be below HI"),
    ("y_bmu=0.1:20:3,y_smu=0.1:1:3", "S3", "4π"),
    ("y_bmu=0.1:1:3,y_bmu=0.1:1:3", "S3", "twice"),
    ("y_bmu=0.1:1:inf,y_smu=0.1:1:3", "S3", "integer N >= 2"),
    ("y_bmu=0.1:1:nan,y_smu=0.1:1:3", "S3", "integer N >= 2"),
    ("y_bmu=0.1:1:1e300,y_smu=0.1:1:3", "S3", "at most 200 points per axis, got 1e300$"),
])
def test_bad_plane_is_one_line_error(text, model, needle, runner, tmp_path):
    with pytest.raises(InvalidParameter, match=needle):
        parse_plane(text, model)
    res = runner.invoke(cli, ["scan", "--model", model, "--plane", text, "--out", str(tmp_path / "o")])
    assert res.exit_code == 2
    lines = res.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("recast: error:") and "Traceback" not in res.output


def test_cli_plane_refuses_bayesian_and_masses_outside_the_maps(runner, tmp_path):
    res = runner.invoke(cli, ["scan", "--model", "S3", "--plane", S3_PLANE, "--method", "bayesian",
                              "--out", str(tmp_path / "o")])
    assert res.exit_code == 2 and "asymptotic" in res.output
    res = runner.invoke(cli, ["scan", "--model", "S3", "--plane", S3_PLANE, "--masses", "3000",
                              "--out", str(tmp_path / "o")])
    assert res.exit_code == 2 and "outside the efficiency-map grid" in res.output


def test_plane_mass_outside_the_maps_names_a_fix_recast_scan_has(runner, tmp_path):
    """recast scan has no --generate: the one-line error must not offer it."""
    res = runner.invoke(cli, ["scan", "--model", "S3", "--plane", S3_PLANE, "--masses", "300",
                              "--out", str(tmp_path / "o")])
    assert res.exit_code == 2 and len(res.output.strip().splitlines()) == 1
    assert "outside the efficiency-map grid (400-2500 GeV)" in res.output and "--masses" in res.output
    assert "--generate" not in res.output


def test_plane_cli_loads_numpy_with_one_blas_thread(tmp_path):
    """The forked fit workers inherit the parent's BLAS: OPENBLAS_NUM_THREADS=1 must be set before numpy loads."""
    import os
    import subprocess
    import sys

    probe = """
import os, sys
seen = []
class Hook:
    def find_spec(self, name, path=None, target=None):
        if name == "numpy" and not seen:
            seen.append(os.environ.get("OPENBLAS_NUM_THREADS"))
        return None
sys.meta_path.insert(0, Hook())
from recast.cli import cli
try:
    cli(["scan", "--model", "S3", "--plane", "y_bmu=0.1:1:2,y_smu=0.1:1:2", "--masses", "300", "--out", sys.argv[1]],
        standalone_mode=False)
except Exception:
    pass
print(seen)
"""
    blas = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
    env = {k: v for k, v in os.environ.items() if k not in blas}
    out = subprocess.run([sys.executable, "-c", probe, str(tmp_path / "o")], env=env, capture_output=True, text=True,
                         check=True, timeout=120).stdout
    assert out.strip().splitlines()[-1] == "['1']"


# ---------------------------------------------------------------- exact shortcuts


def test_equal_branching_ratios_give_identical_yields():
    """σ(M) is QCD: scaling every coupling (narrow widths) leaves the BRs and hence the yields unchanged."""
    maps = load_maps()
    a = S3(MS3=1600.0, y_bmu=0.2, y_smu=0.05)
    b = S3(MS3=1600.0, y_bmu=0.6, y_smu=0.15)
    ca, cb = pair_coefficients(a)[0], pair_coefficients(b)[0]
    assert ca.keys() == cb.keys()
    ya = maps.yields("lq_mumujj", ca, 1600.0, lumi_fb=139.0)
    yb = maps.yields("lq_mumujj", cb, 1600.0, lumi_fb=139.0)
    for region in ya:
        np.testing.assert_allclose(ya[region][0], yb[region][0], rtol=1e-12)
        np.testing.assert_allclose(ya[region][1], yb[region][1], rtol=1e-12)
    # and a different ratio gives different yields (the test can fail)
    c = pair_coefficients(S3(MS3=1600.0, y_bmu=0.2, y_smu=0.2))[0]
    yc = maps.yields("lq_mumujj", c, 1600.0, lumi_fb=139.0)
    assert not np.allclose(yc["SR_1b"][0], ya["SR_1b"][0], rtol=1e-3)


def test_log_grid_with_equal_ranges_has_2n_minus_1_fits():
    run = run_plane("S3", parse_plane(S3_PLANE, "S3"), [1600.0], jobs=1, analyses=["lq_mumujj"])
    assert len(run.rows) == 9 and all(r["status"] == "ok" for r in run.rows)
    assert run.distinct == 2 * 3 - 1
    by_ratio: dict[float, set[float]] = {}
    for r in run.rows:
        by_ratio.setdefault(round(math.log(r["y"] / r["x"]), 9), set()).add(r["cls_exp"])
    assert len(by_ratio) == 5 and all(len(v) == 1 for v in by_ratio.values())


def test_each_cell_is_fitted_with_its_own_pair_coefficients():
    """A fit is shared only by cells with the same absolute c_k [pb]: a τ channel (no dimuon pair, ε = 0)
    lowers B(μ) and every c_k by the same factor, which a key on c_k / Σ c would not see."""
    from recast.models.leptoquark import LEPTOQUARKS
    from recast.scan.plane import _layout

    axes = parse_plane("yLR_dmu=0.1:1:3,yLR_dtau=0.1:1:3", "R2")
    layout = _layout(LEPTOQUARKS["R2"], axes, [1400.0], {}, "test")
    xs, ys = axes[0].values(), axes[1].values()
    totals = []
    for (i, j, _), cell in layout.cells.items():
        assert cell.status == "ok" and cell.key is not None
        own = pair_coefficients(R2(MR2=1400.0, yLR_dmu=float(xs[i]), yLR_dtau=float(ys[j])))[0]
        fitted = layout.tasks[cell.key][1]
        assert fitted.keys() == {k for k, v in own.items() if v > 0}
        for k, v in fitted.items():
            assert v == pytest.approx(own[k], rel=1e-9)
        totals.append(sum(own.values()))
    assert len({round(t, 15) for t in totals}) > 3  # B(μ) varies over the plane (the test can fail)


def test_flavour_grid_equals_recast_flavour_point_by_point():
    xs, ys = np.geomspace(0.01, 2.0, 4), np.geomspace(1e-3, 0.5, 3)
    gx, gy = np.meshgrid(xs, -ys, indexing="ij")
    grid = flavour_grid(S3, 1400.0, {"y_bmu": gx, "y_smu": gy, "y_dmu": 0.02}, fit="2021")
    for i, j in [(0, 0), (1, 2), (3, 1), (2, 2)]:
        res = evaluate(S3(MS3=1400.0, y_bmu=gx[i, j], y_smu=gy[i, j], y_dmu=0.02), fit="2021")
        obs = {o.key: o for o in res.observables}
        for col, ref in (("C9", res.wilson.C9), ("C10", res.wilson.C10), ("chi2", res.chi2),
                         ("delta_chi2", res.chi2 - res.chi2_sm), ("bs_mumu_ratio", res.bs_mumu_ratio),
                         ("pull_C_LL", obs["C_LL"].pull), ("Bs_mixing", obs["Bs_mixing"].prediction),
                         ("delta_a_mu_1e11", obs["delta_a_mu"].prediction)):
            assert grid[col][i, j] == pytest.approx(ref, rel=1e-6, abs=1e-12), col
    # R2 (C9 = +C10 from yLR) and a coupling held fixed
    g = flavour_grid(R2, 1800.0, {"yLR_bmu": gx, "yLR_smu": -gy, "yRL_tmu": 0.3})
    res = evaluate(R2(MR2=1800.0, yLR_bmu=gx[2, 1], yLR_smu=-gy[2, 1], yRL_tmu=0.3))
    assert g["C9"][2, 1] == pytest.approx(res.wilson.C9, rel=1e-6)
    assert g["chi2"][2, 1] == pytest.approx(res.chi2, rel=1e-6)


def test_flavour_bounds_as_the_zprime_scan():
    from recast.scan.points import NSIGMA_BOUNDS as SCAN_BOUNDS

    assert NSIGMA_BOUNDS == SCAN_BOUNDS


# ---------------------------------------------------------------- collider verdict vs recast limits


def test_plane_verdict_equals_recast_limits_at_a_grid_point():
    """CLs(μ=1) from the plane vs μ_UL of `recast limits` (maps, asymptotic) at the same point and mass:
    CLs_exp(1) < 0.05 ⇔ μ_UL,exp < 1, and CLs_exp at μ = μ_UL,exp is 0.05."""
    from recast.chain import run_limits
    from recast.stats import cls

    axes = (Axis("y_bmu", 0.1, 1.0, 2), Axis("y_smu", 0.1, 1.0, 2))
    mass = 1800.0
    run = run_plane("S3", axes, [mass], jobs=1)
    seen = set()
    for row in run.rows:
        if (row["x"], row["y"]) not in ((1.0, 0.1), (0.1, 1.0)):
            continue
        result, workspaces = run_limits("S3", lumi_fb=139.0, masses=[mass], method="asymptotic", progress=False,
                                        couplings={"y_bmu": row["x"], "y_smu": row["y"]}, generate=False)
        result = result.to_json()  # the limits.json document
        for aid, fit in row["per_analysis"].items():
            pt = result["per_analysis"][aid]["points"][0]
            mu_exp = pt["mu_ul_exp"][2]
            assert (fit["cls_exp"][2] < 0.05) == (mu_exp < 1.0)
            seen.add(fit["cls_exp"][2] < 0.05)
            c_at_ul = cls(workspaces[f"{aid}_{mass:g}"], mu_exp, prune=1e-3, poi_max=1e6)[1][2]
            assert c_at_ul == pytest.approx(0.05, rel=0.02)
            if fit["cls_obs"] is not None:
                assert (fit["cls_obs"] < 0.05) == (pt["mu_ul_obs"] < 1.0)
        assert row["analysis"] == result["analysis_per_mass"][f"{mass:g}"]  # same constraining analysis
    assert seen == {True, False}  # one point excluded, one allowed: the comparison can fail


def test_wide_points_get_no_collider_verdict():
    axes = (Axis("y_bmu", 0.1, 3.0, 2), Axis("y_smu", 0.1, 3.0, 2))
    run = run_plane("S3", axes, [1400.0], jobs=1, analyses=["lq_mumujj"])
    wide = [r for r in run.rows if r["status"] == "wide"]
    assert wide and all(r["width_over_mass"] > 0.10 and r["cls_exp"] is None and not r["viable"] for r in wide)
    narrow = [r for r in run.rows if r["status"] == "ok"]
    assert narrow and all(r["width_over_mass"] <= 0.10 and r["cls_exp"] is not None for r in narrow)


# ---------------------------------------------------------------- resume and the CLI


def test_resume_from_cache_and_after_losing_a_shard(tmp_path):
    import os
    from pathlib import Path

    axes = parse_plane("y_bmu=0.1:0.4:2,y_smu=0.1:0.4:2", "S3")
    first = run_plane("S3", axes, [1600.0], jobs=1, analyses=["lq_mumujj"])
    assert first.computed == first.distinct == 3
    again = run_plane("S3", axes, [1600.0], jobs=1, analyses=["lq_mumujj"])
    assert again.cached == 3 and again.computed == 0 and again.executor == "cache only"
    assert [r["cls_exp"] for r in again.rows] == [r["cls_exp"] for r in first.rows]
    shards = sorted((Path(os.environ["RECAST_CACHE_DIR"]) / "scan" / "plane").rglob("*.json"))
    shards[0].write_text("{torn")  # a damaged shard: its fits are recomputed
    third = run_plane("S3", axes, [1600.0], jobs=1, analyses=["lq_mumujj"])
    assert third.computed >= 1 and third.cached + third.computed == 3
    assert [r["cls_exp"] for r in third.rows] == [r["cls_exp"] for r in first.rows]


def test_cli_plane_writes_one_row_per_point_and_mass(runner, tmp_path):
    import csv

    out = tmp_path / "plane"
    res = runner.invoke(cli, ["scan", "--model", "S3", "--plane", "y_bmu=0.1:0.4:2,y_smu=0.1:0.4:2",
                              "--masses", "1400,2000", "--analysis", "lq_mumujj", "--jobs", "1", "--out", str(out),
                              "--no-progress"])
    assert res.exit_code == 0, res.output
    rows = list(csv.DictReader((out / "scan.csv").read_text().splitlines()))
    assert len(rows) == 2 * 2 * 2
    assert {r["mass_GeV"] for r in rows} == {"1400", "2000"}
    assert all(r["excluded_exp"] == "True" for r in rows if r["mass_GeV"] == "1400")  # 1.4 TeV S3: excluded
    assert all(r["excluded_exp"] == "False" for r in rows if r["mass_GeV"] == "2000")  # above the ~1.8 TeV limit
    assert "model benchmark" in res.output and "distinct branching-ratio patterns" in res.output


def test_lq_plane_plot_draws_the_collider_contour_between_excluded_and_allowed_masses(runner, tmp_path):
    import json

    import matplotlib.pyplot as plt

    from recast.plotting.planes import collider_contour_grid, lq_plane_figure

    out = tmp_path / "plane"
    res = runner.invoke(cli, ["scan", "--model", "S3", "--plane", "y_bmu=0.5:1:2,y_smu=0.01:0.5:3",
                              "--masses", "1400,2000", "--analysis", "lq_mumujj", "--jobs", "1", "--out", str(out),
                              "--no-progress", "--plot"])
    assert res.exit_code == 0, res.output
    assert (out / "lq_plane.png").is_file()
    rows = json.loads((out / "scan.json").read_text())["rows"]
    masses, prod, cls_grid, xb, kind = collider_contour_grid(rows, y_bmu=1.0)
    assert xb == 1.0 and kind == "expected" and list(masses) == [1400.0, 2000.0]
    np.testing.assert_allclose(prod, np.geomspace(0.01, 0.5, 3))  # |y_bmu y_smu| at y_bmu = 1
    assert np.all(cls_grid[:, 0] < 0.05) and np.all(cls_grid[:, 1] > 0.05)
    fig = lq_plane_figure(lhc_plane=rows, mass_range=(1000.0, 1e4))
    try:
        contour = [a for a in fig.axes[0].findobj() if a.get_gid() == "lhc_contour"]
        assert contour
        xs = np.concatenate([p.vertices[:, 0] for p in contour[0].get_paths()])
        assert xs.size and np.all((xs > 1400.0) & (xs < 2000.0))  # CLs = 0.05 crossed between the two masses
    finally:
        plt.close(fig)


def test_dask_and_forked_processes_give_the_same_fits(tmp_path, monkeypatch):
    axes = parse_plane("y_bmu=0.1:0.4:2,y_smu=0.1:0.4:2", "S3")
    forked = run_plane("S3", axes, [1600.0], jobs=2, analyses=["lq_mumujj"])
    assert forked.executor == "2 forked processes" and forked.computed == 3
    monkeypatch.setenv("RECAST_CACHE_DIR", str(tmp_path / "other-cache"))
    on_dask = run_plane("S3", axes, [1600.0], jobs=1, scheduler="synchronous", analyses=["lq_mumujj"])
    assert on_dask.executor.startswith("dask synchronous") and on_dask.computed == 3
    assert [r["cls_exp"] for r in on_dask.rows] == [r["cls_exp"] for r in forked.rows]


def test_interrupted_scan_resumes_with_the_remaining_fits():
    axes = parse_plane("y_bmu=0.1:0.4:3,y_smu=0.1:0.4:3", "S3")  # 5 distinct fits, one shard each

    def stop_after_two(done: int) -> None:
        if done >= 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_plane("S3", axes, [1600.0], jobs=1, analyses=["lq_mumujj"], on_fit=stop_after_two)
    resumed = run_plane("S3", axes, [1600.0], jobs=1, analyses=["lq_mumujj"])
    assert (resumed.cached, resumed.computed) == (2, 3)
