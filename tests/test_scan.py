"""`recast scan`: per-point physics against hand calculations, the CLI, outputs, resume, Dask."""

from __future__ import annotations

import csv
import itertools
import json
import math

import numpy as np
import pytest
from test_scan_zprime import NarrowReference

import recast.scan
from recast.cli import cli
from recast.exceptions import InvalidParameter, UnknownModel
from recast.scan import (
    dimuon_limits,
    evaluate_point,
    fiducial_acceptance,
    format_ranges,
    parse_masses,
    run_scan,
    scan_models,
    summarise,
    unit_xsec_pb,
    width_factor,
)
from recast.scan.runner import point_key, point_store


@pytest.fixture(autouse=True)
def _stub_reference(monkeypatch):
    """No Pythia: the reference narrow Z' of the search limits is the stub of tests/test_scan_zprime.py."""
    import recast.scan.runner
    import recast.scan.searches

    monkeypatch.setattr(recast.scan.runner, "GeneratedReference", NarrowReference)
    monkeypatch.setattr(recast.scan.searches, "GeneratedReference", NarrowReference)


def _limits(mass: float, obs: dict[str, float], exp: dict[str, float], *, combined: tuple[float, float] | None,
            pub: float | None = None) -> dict:
    """A search-limit document (recast.scan.searches.search_limits) with hand-chosen limits [pb]."""
    best = min(exp, key=exp.get)
    comb = None if combined is None else {"observed_pb": combined[0], "expected_pb": combined[1],
                                          "method": "asymptotic", "analyses": sorted(obs)}
    return {"mass_GeV": mass, "reference_xsec_pb": 1.0, "reference": "hand",
            "searches": {k: {"observed_pb": obs[k], "expected_pb": exp[k], "method": "asymptotic"} for k in obs},
            "constraining": best, "combined": comb, "combination": "combined" if comb else "one search",
            "published_expected_fb": pub}

# Hand inputs (recast.constants / recast.lowenergy.mixing values written out, not imported).
# α = 1/127.9 as wilson uses it; V_tb V_ts* cancels in the B_s-mixing reach (K ∝ 1/V_ts, √C_SM ∝ V_ts).
V, ALPHA, VTB_VTS = 246.22, 1 / 127.9, 0.999112 * -0.0412295
K_HAND = math.pi * V**2 / (ALPHA * VTB_VTS)  # GeV², C9 normalisation
G_F, M_W, ETA_B, S0 = 1.1663788e-5, 80.3692, 0.551, 2.301
C_SM_HAND = G_F**2 * M_W**2 * VTB_VTS**2 * ETA_B * S0 / (4 * math.pi**2)  # GeV⁻², B_s mixing SM coefficient
DELTA_MAX_2021 = 0.966 + 2 * 0.063 - 1  # ΔM_s/SM within 2σ (flavour_fits.yaml, 2021)
M_TOP = 172.5


def test_public_api():
    assert recast.scan.__all__ == sorted(recast.scan.__all__)
    assert dir(recast.scan) == recast.scan.__all__
    assert {"run_scan", "evaluate_point", "summarise", "write_outputs", "parse_masses"} <= set(recast.scan.__all__)
    assert recast.scan.evaluate_point is recast.scan.point_verdict  # the earlier names, kept
    assert recast.scan.parse_masses is recast.scan.parse_scan_masses


# ------------------------------------------------------------------ inputs
def test_parse_masses():
    assert parse_masses("500:5000:250")[:3] == [500.0, 750.0, 1000.0]
    assert len(parse_masses("500:5000:250")) == 19
    assert parse_masses("2000,1000") == [1000.0, 2000.0]
    for bad in ("3000:1000:250", "500:1000:0", "a:b:c", "1:2", "100:1000:100", "7000"):
        with pytest.raises(InvalidParameter):
            parse_masses(bad)


def test_scan_models_selection():
    assert [m.label for m in scan_models("B-3Lmu")] == ["B-3Lmu"]
    ms = scan_models("Zp", atlas=True, muoquark="S3")
    assert len(ms) == 273  # 275 classes at |X| <= 10, two without an S3 muoquark (`recast atlas`)
    assert scan_models("Zp", ids=["A0001", "A0003"], muoquark="S3")[0].label == "A0001"  # A0003: no S3 muoquark
    with pytest.raises(UnknownModel):
        scan_models("Zq")
    with pytest.raises(InvalidParameter):
        scan_models("S3")
    with pytest.raises(InvalidParameter):
        scan_models("Zp")  # needs --atlas or --ids
    with pytest.raises(UnknownModel):
        scan_models("Zp", ids=["A9999"])


# ------------------------------------------------------------------ physics per point
def test_unit_xsec_table_shape():
    # σ_unit falls steeply with M (parton luminosities); A_fid rises towards ~0.96 (central decays)
    s = [unit_xsec_pb(m) for m in (500, 1000, 2000, 4000)]
    assert all(a > 10 * b for a, b in itertools.pairwise(s))
    assert 200 < unit_xsec_pb(1000) < 350  # Pythia LO table, 272.5 pb at 1 TeV
    assert 0.8 < fiducial_acceptance(1000) < fiducial_acceptance(4000) < 1.0
    # log-linear interpolation between table nodes 1000 and 1250 GeV
    assert unit_xsec_pb(1125) == pytest.approx(math.sqrt(unit_xsec_pb(1000) * unit_xsec_pb(1250)), rel=1e-9)
    with pytest.raises(InvalidParameter):
        unit_xsec_pb(100)


def _widths_b3lmu(mass: float) -> tuple[float, float]:
    """(muon, total) Γ/M of the B − 3L_μ Z′ per g_X² by hand: Γ = N_c M (g_L² + g_R²)/(24π)."""
    quarks = 5 * 3 * (2 * (1 / 3) ** 2)  # u d s c b: vector coupling 1/3
    r = (M_TOP / mass) ** 2
    top = 3 * math.sqrt(1 - 4 * r) * (1 / 3) ** 2 * (1 + 2 * r) * 2  # g_V = 1/3, g_A = 0: N_c β g_V²(1+2r)·2
    muon, numu = 2 * 9, 9  # X_L = X_E = −3; ν_μ left-handed only
    return muon / (24 * math.pi), (quarks + top + muon + numu) / (24 * math.pi)


def _b_mumu_b3lmu(mass: float) -> float:
    mu, tot = _widths_b3lmu(mass)
    return mu / tot


def test_dimuon_point_b3lmu_hand_computed():
    (model,) = scan_models("B-3Lmu")
    gx, m = 0.05, 2000.0
    # hand limits [pb]: A is the better expected search, B the better observed one; combined better than both
    lim = _limits(m, {"A": 2.0e-4, "B": 1.2e-4}, {"A": 1.0e-4, "B": 1.5e-4}, combined=(1.1e-4, 0.7e-4), pub=0.19)
    p = evaluate_point(model, m, gx=gx, fit="2021", limits=lim)
    assert p["br_mumu"] == pytest.approx(_b_mumu_b3lmu(m), rel=1e-9)
    sigma_b = (gx / 3) ** 2 * unit_xsec_pb(m) * _b_mumu_b3lmu(m)
    assert p["sigma_b_pb"] == pytest.approx(sigma_b, rel=1e-9)
    assert p["sigma_fid_fb"] == pytest.approx(sigma_b * 1e3 * fiducial_acceptance(m), rel=1e-9)
    # width correction: Γ/M = g_X² Σ/(24π), limits × 1 + (Γ/M)/0.1 (w6/w1 − 1), HEPData t7 at 2 TeV
    gamma_over_m = gx**2 * _widths_b3lmu(m)[1]
    assert p["width_over_mass"] == pytest.approx(gamma_over_m, rel=1e-9)
    wf = 1 + gamma_over_m / 0.1 * (0.219317 / 0.192311 - 1)
    assert p["width_factor"] == pytest.approx(wf, rel=1e-9)
    # the constraining search is the better *expected* one (A), even though B's observed limit is stronger
    assert p["constraining"] == "A"
    assert p["searches"]["A"]["ratio_obs"] == pytest.approx(sigma_b / (2.0e-4 * wf))
    assert p["searches"]["B"]["ratio_exp"] == pytest.approx(sigma_b / (1.5e-4 * wf))
    assert p["excluded_obs_single"] == (sigma_b > 2.0e-4 * wf)
    # the quoted verdict is the combination's
    assert p["ratio_obs"] == pytest.approx(sigma_b / (1.1e-4 * wf))
    assert p["ratio_exp"] == pytest.approx(sigma_b / (0.7e-4 * wf))
    assert p["excluded_obs"] == p["excluded_obs_combined"] == (sigma_b > 1.1e-4 * wf)
    assert p["limit_pub_exp_fb"] == pytest.approx(0.19 * wf)
    assert p["excluded_pub_exp"] == (p["sigma_fid_fb"] > 0.19 * wf)
    assert p["narrow"] and p["dimuon"] == "DY"
    # sigma x B scales as g_X^2 (B does not change): at 1.5e-4 pb excluded by the combination (1.1e-4), not by
    # the constraining search A alone (2e-4); at 2.5e-4 pb by both
    for target, by_a in ((1.5e-4, False), (2.5e-4, True)):
        q = evaluate_point(model, m, gx=gx * math.sqrt(target / sigma_b), fit="2021", limits=lim)
        assert q["sigma_b_pb"] == pytest.approx(target, rel=1e-9) and q["width_factor"] < 1.01
        assert q["excluded_obs"] and q["excluded_obs_combined"] and q["excluded_obs_single"] == by_a
    # without a combination the constraining search's verdict is quoted
    single = {**lim, "combined": None, "combination": "one search"}
    r = evaluate_point(model, m, gx=gx, fit="2021", limits=single)
    assert r["excluded_obs"] == r["excluded_obs_single"] and r["excluded_obs_combined"] is None
    assert r["ratio_exp"] == p["searches"]["A"]["ratio_exp"]


def _eta_np(m: float) -> float:
    a_mt = 0.1180 / (1 + 23 / 3 * 0.1180 / (2 * math.pi) * math.log(162.5 / 91.188))
    a_m = a_mt / (1 + 7 * a_mt / (2 * math.pi) * math.log(m / 162.5))
    return ETA_B * (a_m / a_mt) ** (6 / 21)


def test_flavour_reach_hand_computed_and_threshold():
    # A0001: X_q = 0, muon L2 = E2 = 1 → left-handed muon coupling g_X, so C_LL = −K g_bs g_X/M²;
    # B_s mixing: η_NP g_bs²/(2M² C_SM) ≤ δ_max → |C_LL| ≤ |K| g_X sqrt(2 C_SM δ_max/η_NP)/M, with
    # η_NP = η_B [α_s(M)/α_s(m_t)]^(6/21) (LO, hep-ph/0005183; recast.lowenergy.mixing), by hand in _eta_np.
    # C_LL is run with wilson from μ = M to μ_b (SMEFT gauge+Yukawa to M_Z, then QED): |C_LL| at
    # μ_b is 3-5 % below the tree-level value, more so at larger M (longer ln(M/M_Z)).
    (model,) = scan_models("Zp", ids=["A0001"])
    gx = 0.1
    tree_times_m = abs(K_HAND) * gx * math.sqrt(2 * C_SM_HAND * DELTA_MAX_2021)
    running = []
    for m in (500.0, 1000.0, 2000.0):
        p = evaluate_point(model, m, gx=gx, fit="2021", limits=None)
        running.append(p["c_ll_reach"] * math.sqrt(_eta_np(m)) / (tree_times_m / m))
        assert p["flavour_1sigma"] == (p["c_ll_reach"] >= 0.39 - 0.07)
        assert p["flavour_2sigma"] == (p["c_ll_reach"] >= 0.39 - 2 * 0.07)
        assert p["dimuon"].startswith("no DY") and p["sigma_fid_fb"] == 0 and not p["excluded_obs"]
    assert all(0.94 < r < 0.98 for r in running), running
    assert running[0] > running[1] > running[2]
    # the 1σ edge: reach = 0.32 at M* = r(M*) |K| g_X sqrt(2 C_SM δ/η_NP)/0.32 ≈ 720 GeV (530 GeV before
    # the B_s-mixing running factor)
    m_star = tree_times_m / 0.32
    for _ in range(4):
        r = evaluate_point(model, m_star, gx=gx, fit="2021", limits=None)["c_ll_reach"] / (tree_times_m / m_star)
        m_star = r * tree_times_m / 0.32
    assert 680 < m_star < 760
    assert evaluate_point(model, m_star * 0.99, gx=gx, fit="2021", limits=None)["flavour_1sigma"]
    assert not evaluate_point(model, m_star * 1.01, gx=gx, fit="2021", limits=None)["flavour_1sigma"]


def test_flavour_best_point_pull_and_trident():
    (model,) = scan_models("Zp", ids=["A0001"])
    p = evaluate_point(model, 1000.0, gx=0.1, fit="2021", limits=None)
    # reach 0.24 < 0.39 (0.48 at 500 GeV since B_s mixing runs C_NP): the best g_bs sits at the mixing edge
    assert abs(p["g_bs_best"]) == pytest.approx(p["g_bs_max"], rel=1e-9)
    # C_LL at g_bs_best is a second wilson run: equal to the linear reach to the RGE solver's precision
    assert p["c_ll_best"] == pytest.approx(-p["c_ll_reach"], rel=1e-7)
    assert p["pulls"]["Bs_mixing"] == pytest.approx(2.0, abs=1e-6)  # exactly at the 2σ edge
    assert p["c_ll_reach"] == pytest.approx(0.24, abs=0.01)
    # trident, L_μ−L_τ-like couplings g_V = g_ν = 0.1 at 1 TeV (arXiv:1406.2332 eq. 3 by hand)
    cv = 1 + 4 * 0.23122
    x = 2 * V**2 * 0.1 * 0.1 / 1000.0**2
    assert p["trident_ratio"] == pytest.approx(((cv + x) ** 2 + 1) / (cv**2 + 1), rel=1e-6)
    # 2025 fit (C_LL = −0.11 ± 0.10): the central value is reachable, pull 0
    q = evaluate_point(model, 1000.0, gx=0.1, fit="2025", limits=None)
    assert q["flavour_1sigma"] and q["pulls"]["C_LL"] == pytest.approx(0.0, abs=1e-7)  # RGE solver precision


def test_wide_points_are_not_tested():
    # A0249 (X_q = 1, charges up to 10) at g_X = 0.3: Γ/M > 10% → neither excluded nor viable
    (model,) = scan_models("Zp", ids=["A0249"])
    lim = _limits(3000.0, {"A": 1e-12}, {"A": 1e-12}, combined=None, pub=1e-9)
    p = evaluate_point(model, 3000.0, gx=0.3, fit="2021", limits=lim)
    assert p["width_over_mass"] > 0.1 and not p["narrow"]
    assert not p["excluded_obs"] and not p["viable"] and "wide" in p["dimuon"]
    assert p["searches"]["A"]["ratio_obs"] > 1e6 and not p["searches"]["A"]["excluded_obs"]


def test_width_factor_from_hepdata():
    # HEPData t7 at 250 GeV: w1 = 6.8848, w6 = 16.8569 fb (Γ/M = 0 and 10%)
    assert width_factor(250.0, 0.10) == pytest.approx(16.8569 / 6.8848, rel=1e-6)
    assert width_factor(250.0, 0.05) == pytest.approx(1 + 0.5 * (16.8569 / 6.8848 - 1), rel=1e-6)
    assert width_factor(3000.0, 0.0) == 1.0
    assert width_factor(250.0, 0.5) == width_factor(250.0, 0.1)  # capped: wider points are not tested


def test_format_ranges():
    grid = [500.0, 750.0, 1000.0, 1250.0]
    assert format_ranges([], grid) == "none"
    assert format_ranges([500.0, 750.0, 1250.0], grid) == "500-750, 1250"


# ------------------------------------------------------------------ CLI and outputs
SMALL = ["--masses", "1000:3000:1000", "--gX", "0.02", "--method", "asymptotic", "--scheduler", "synchronous",
         "--no-progress"]


def _csv(path):
    with path.open(newline="") as fh:
        return list(csv.DictReader(fh))


def _scan(runner, tmp_path, *args):
    out = tmp_path / "out"
    res = runner.invoke(cli, ["scan", *args, *SMALL, "--out", str(out), "--force"])
    return res, out


def test_cli_small_scan_outputs_agree(runner, tmp_path):
    res, out = _scan(runner, tmp_path, "--model", "Zp", "--ids", "A0001,A0214,A0150", "--muoquark", "S3")
    assert res.exit_code == 0, res.output
    assert "3 models x 3 masses = 9 points (0 from cache, 9 computed)" in res.output
    rows = _csv(out / "scan.csv")
    doc = json.loads((out / "scan.json").read_text())
    assert doc["count"] == 3 and doc["inputs"]["gX"] == 0.02 and doc["inputs"]["masses_GeV"] == [1000.0, 2000.0, 3000.0]
    assert [r["model"] for r in rows] == [m["model"] for m in doc["models"]]
    for r, m in zip(rows, doc["models"], strict=True):
        keys = ("rank", "X_mu", "excluded_obs", "excluded_exp", "excluded_pub_exp", "flavour_1sigma", "flavour_2sigma",
                "viable_masses", "n_viable")
        for key in keys:
            assert r[key] == str(m[key])
        assert r["viable"] == str(m["viable"])
        assert len(m["points"]) == 3
    # X_q = 0: no dimuon limit, said so in both outputs
    a1 = next(m for m in doc["models"] if m["model"] == "A0001")
    assert a1["excluded_obs"] == "no DY" and a1["dimuon"].startswith("no DY (X_q = 0)")
    assert all(p["limit_obs_pb"] is None and p["constraining"] is None for p in a1["points"])
    assert a1["constraining_search"] == "no DY" and a1["excluded_obs_combined"] == "no DY"
    # ranks are 1..n, viable models first
    assert [m["rank"] for m in doc["models"]] == [1, 2, 3]
    flags = [m["n_viable"] for m in doc["models"]]
    assert flags == sorted(flags, reverse=True)
    # re-run: everything from the cache, same table
    res2, _ = _scan(runner, tmp_path, "--model", "Zp", "--ids", "A0001,A0214,A0150", "--muoquark", "S3")
    assert "(9 from cache, 0 computed)" in res2.output
    assert _csv(out / "scan.csv") == rows


def test_named_model_excluded_range_matches_direct_computation(runner, tmp_path):
    gx, out = 0.02, tmp_path / "out"
    res = runner.invoke(cli, ["scan", "--model", "B-3Lmu", "--masses", "1000:4000:1000", "--gX", "0.02",
                              "--method", "asymptotic", "--scheduler", "synchronous", "--no-progress",
                              "--out", str(out)])
    assert res.exit_code == 0, res.output
    (row,) = _csv(out / "scan.csv")
    masses = [1000.0, 2000.0, 3000.0, 4000.0]
    excluded, expected, single = [], [], []
    for m in masses:
        lim = dimuon_limits(m, method="asymptotic")  # the stub reference, every Z' search: as the CLI
        s = (gx / 3) ** 2 * unit_xsec_pb(m) * _b_mumu_b3lmu(m)
        wf = width_factor(m, gx**2 * _widths_b3lmu(m)[1])  # Γ/M ≈ 1.6e-4: wf - 1 < 1e-3
        assert wf - 1 < 1e-3
        if s > lim["combined"]["observed_pb"] * wf:
            excluded.append(m)
        if s > lim["combined"]["expected_pb"] * wf:
            expected.append(m)
        if s > lim["searches"][lim["constraining"]]["observed_pb"] * wf:
            single.append(m)
    assert row["excluded_obs"] == format_ranges(excluded, masses)
    assert row["excluded_exp"] == format_ranges(expected, masses)
    assert row["excluded_obs_single"] == format_ranges(single, masses)
    # at g_X = 0.02 the low masses are excluded and 4 TeV is not (σ×B falls faster than the limit; with the stub's
    # full acceptance the crossing lies between 3 and 4 TeV)
    assert excluded == masses[: len(excluded)] and 1 <= len(excluded) < 4


def test_cli_bad_input_exit_2_one_line(runner, tmp_path):
    cases = [
        ["--model", "Zq"],
        ["--model", "Zp", "--atlas", "--muoquark", "X7"],
        ["--model", "Zp", "--atlas", "--masses", "3000:1000:250"],
        ["--model", "S3"],
        ["--model", "Zp", "--atlas", "--fit", "1999"],
        ["--model", "Zp", "--ids", "A9999"],
        ["--model", "B-3Lmu", "--gX", "0"],
    ]
    for args in cases:
        res = runner.invoke(cli, ["scan", *args, "--out", str(tmp_path / "o"), "--scheduler", "synchronous",
                                  "--no-progress"])
        assert res.exit_code == 2, (args, res.output)
        lines = res.output.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("recast: error: "), (args, res.output)
    assert not (tmp_path / "o").exists()


def test_cli_refuses_to_overwrite(runner, tmp_path):
    args = ["scan", "--model", "B-3Lmu", *SMALL, "--out", str(tmp_path)]
    assert runner.invoke(cli, args).exit_code == 0
    res = runner.invoke(cli, args)
    assert res.exit_code == 2 and "--force" in res.output


# ------------------------------------------------------------------ cache and resume
def _models():
    return scan_models("Zp", ids=["A0001", "A0214"])


MASSES = [1000.0, 2000.0, 3000.0]


def test_resume_after_deleting_part_of_the_cache():
    models = _models()
    first = run_scan(models, MASSES, gx=0.02, fit="2021", method="asymptotic", scheduler="synchronous", batch_size=2)
    assert (first.cached, first.computed) == (0, 6)
    shards = sorted(point_store(gx=0.02, fit="2021").folder.glob("*.json"))
    assert len(shards) == 3  # one shard per finished task of 2 points
    gone = json.loads(shards[1].read_text())["points"]
    assert len(gone) == 2
    shards[1].unlink()
    again = run_scan(models, MASSES, gx=0.02, fit="2021", method="asymptotic", scheduler="synchronous")
    assert (again.cached, again.computed) == (4, 2)
    assert again.points == first.points
    keys = [point_key(m, x, gx=0.02, fit="2021", limits=None if m.x_q == 0 else first.limits[x])
            for m in models for x in MASSES]
    assert set(gone) <= set(keys)
    # a different input (g_X) is a different point
    other = run_scan(models, MASSES, gx=0.03, fit="2021", method="asymptotic", scheduler="synchronous")
    assert other.computed == 6


def test_resume_after_interrupt():
    models = _models()
    done = []

    def stop_after_k(point):
        done.append(point)
        if len(done) == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_scan(models, MASSES, gx=0.02, fit="2021", method="asymptotic", scheduler="synchronous", batch_size=1,
                 on_point=stop_after_k)
    resumed = run_scan(models, MASSES, gx=0.02, fit="2021", method="asymptotic", scheduler="synchronous")
    assert (resumed.cached, resumed.computed) == (2, 4)
    rows = summarise(models, MASSES, resumed.points)
    assert {r["model"] for r in rows} == {"A0001", "A0214"}


@pytest.mark.slow
def test_local_cluster_matches_synchronous():
    """A real LocalCluster (2 worker processes) gives the same points as the synchronous run."""
    models = _models()
    dist = run_scan(models, MASSES, gx=0.02, fit="2021", method="asymptotic", jobs=2, batch_size=2)
    assert dist.computed == 6 and "LocalCluster" in dist.executor
    sync = run_scan(models, MASSES, gx=0.02, fit="2021", method="asymptotic", scheduler="synchronous")
    assert sync.cached == 6
    assert sync.points == dist.points


@pytest.mark.slow
def test_unit_xsec_table_reproduced_by_pythia():
    from recast.scan.xsec import compute_unit_point, table

    row = compute_unit_point(2000.0, n_sigma=2000, n_acc=1000, seed=7)
    t = table()
    i = int(np.where(t["mass_GeV"] == 2000.0)[0][0])
    assert row["sigma_unit_pb"] == pytest.approx(t["sigma_unit_pb"][i], rel=0.05)
    assert row["a_fid"] == pytest.approx(t["a_fid"][i], abs=0.04)


@pytest.mark.slow
def test_cli_existing_scheduler_address(runner, tmp_path):
    """``--scheduler ADDRESS`` uses an existing cluster (here an in-process LocalCluster) and leaves it running."""
    import logging

    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=1, threads_per_worker=1, processes=False, dashboard_address=None,
                      silence_logs=logging.ERROR) as cluster, Client(cluster) as client:
        res = runner.invoke(cli, ["scan", "--model", "B-3Lmu", "--masses", "1000,2000", "--gX", "0.02",
                                  "--scheduler", cluster.scheduler_address, "--out", str(tmp_path), "--no-progress"])
        assert res.exit_code == 0, res.output
        assert f"Dask cluster at {cluster.scheduler_address}" in res.output
        assert client.status == "running"
    (row,) = _csv(tmp_path / "scan.csv")
    assert row["model"] == "B-3Lmu" and row["excluded_obs"] != "no DY"


@pytest.mark.slow
def test_cli_unreachable_scheduler_exit_2(runner, tmp_path):
    res = runner.invoke(cli, ["scan", "--model", "B-3Lmu", "--masses", "1000", "--scheduler", "tcp://127.0.0.1:9",
                              "--out", str(tmp_path / "o"), "--no-progress"])
    assert res.exit_code == 2 and res.output.startswith("recast: error: cannot connect to the Dask scheduler")
    assert not (tmp_path / "o").exists()


def test_table_matches_the_event_generation_cross_section():
    """σ×B(μμ) of the Pythia card that `recast generate` uses (B − 3L_μ, 2 TeV, g_X = 0.1, only
    Z′ → μμ open, Pythia's own widths) equals (g_X/3)² σ_unit × B_analytic within 3% (MC stat ~1%)."""
    from recast.cards.pythia import pythia_settings
    from recast.models import get_model
    from recast.quiet import quiet_stdout
    from recast.scan.xsec import _pythia

    model = get_model("B-3Lmu", MZp=2000.0, gX=0.1)
    lines = [*pythia_settings(model, fast=True), "PartonLevel:all = off", "ProcessLevel:resonanceDecays = off"]
    py = _pythia(lines, 5)
    with quiet_stdout(True):
        py.nextBatch(3000, 10.0)
    sigma_b = py.infoPython().sigmaGen() * 1e9  # mb -> pb
    predicted = (0.1 / 3) ** 2 * unit_xsec_pb(2000.0) * _b_mumu_b3lmu(2000.0)
    assert sigma_b == pytest.approx(predicted, rel=0.03)
