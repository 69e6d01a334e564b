"""`recast scan` with both dimuon searches (ATLAS arXiv:1903.06248, CMS arXiv:2103.02708), without Pythia.

The reference narrow Z′ comes from a stub (:class:`NarrowReference`): back-to-back muons at
η = 0 whose m_μμ follows a Gaussian of 2% relative width (deterministic quantiles), so both
selections accept every event. The assertions hold for any signal shape: the constraining
search is the one with the smaller expected limit, the combined expected limit is never weaker
than the best single one, the scan agrees with ``recast limits`` (run_limits) on the same
point, and the per-point verdicts are σ×B against the limits.
"""

from __future__ import annotations

import csv
import json
import math
from dataclasses import dataclass

import awkward as ak
import numpy as np
import pytest
from scipy.stats import norm

from recast.cli import cli
from recast.io import from_branches
from recast.sources import SignalPoint

ATLAS, CMS = "atlas_1903_06248", "cms_2103_02708"
#: relative mass resolution of the stub (CMS quotes 1-3% for high-mass dimuons, arXiv:2103.02708 Sec. 3;
#: a test shape, not a claim about either detector)
STUB_RESOLUTION = 0.02


def f32(x: list) -> ak.Array:
    return ak.values_astype(ak.Array(x), np.float32)


@dataclass(frozen=True)
class NarrowReference:
    """Stub reference signal (recast.scan.searches.ReferenceSignal): σ×B(μμ) = *xsec_pb* at every mass."""

    n: int = 400
    xsec_pb: float = 1e-3

    def events(self, mass: float):
        q = norm.ppf((np.arange(self.n) + 0.5) / self.n)
        mll = mass * (1 + STUB_RESOLUTION * q)
        pt = [[m / 2, m / 2] for m in mll]
        return from_branches({
            "mu_pt": f32(pt), "mu_eta": f32([[0.0, 0.0]] * self.n), "mu_phi": f32([[0.0, math.pi]] * self.n),
            "mu_charge": ak.values_astype(ak.Array([[-1, 1]] * self.n), np.int32),
            "weight": np.full(self.n, self.xsec_pb / self.n),
        })

    def point(self, mass: float, xsec_pb: float | None = None) -> SignalPoint:
        xs = self.xsec_pb if xsec_pb is None else xsec_pb
        ev = self.events(mass)
        ev = ak.with_field(ev, np.full(self.n, xs / self.n), "weight")
        return SignalPoint(float(mass), xs, 0.10, ev, f"stub narrow Z' m={mass:g}")

    def points(self, masses, *, branches):
        assert {"mu_pt", "mu_eta", "mu_phi", "mu_charge", "weight"} <= set(branches)
        return (self.point(m) for m in masses)


@pytest.fixture(autouse=True)
def _stub_reference(monkeypatch):
    """No Pythia: the scan's default reference signal is the stub."""
    import recast.scan.runner
    import recast.scan.searches

    monkeypatch.setattr(recast.scan.runner, "GeneratedReference", NarrowReference)
    monkeypatch.setattr(recast.scan.searches, "GeneratedReference", NarrowReference)


MASSES = [500.0, 1000.0, 2000.0, 3000.0, 4000.0]
CLI_GRID = MASSES[1:]


@pytest.fixture(scope="module")
def limits():
    from recast.scan import scan_analyses, search_limits

    anas = scan_analyses()
    return {m: search_limits(m, reference=NarrowReference(), analyses=anas, method="asymptotic") for m in MASSES}


def test_both_searches_run_through_the_registry(limits):
    from recast.scan import scan_analyses

    assert [a.id for a in scan_analyses()] == [ATLAS, CMS]
    for lim in limits.values():
        assert sorted(lim["searches"]) == [ATLAS, CMS]
        assert lim["combination"] == "combined" and lim["combined"]["analyses"] == [ATLAS, CMS]
        assert all(s["method"] == "asymptotic" for s in lim["searches"].values())


def test_the_constraining_search_has_the_better_expected_limit(limits):
    for lim in limits.values():
        exp = {aid: s["expected_pb"] for aid, s in lim["searches"].items()}
        assert lim["constraining"] == min(exp, key=exp.get)
    # with this stub shape each search constrains somewhere (ATLAS at 500 GeV, CMS above: measured, not a claim about
    # the real detectors), so a selection that always took one search would fail here
    assert {lim["constraining"] for lim in limits.values()} == {ATLAS, CMS}
    # the order in which the searches are given does not matter
    from recast.scan import scan_analyses, search_limits

    swapped = search_limits(500.0, reference=NarrowReference(), analyses=scan_analyses()[::-1], method="asymptotic")
    assert swapped["constraining"] == limits[500.0]["constraining"]


def test_combined_expected_never_weaker_than_the_best_single(limits):
    for lim in limits.values():
        best = min(s["expected_pb"] for s in lim["searches"].values())
        assert lim["combined"]["expected_pb"] <= best * (1 + 1e-6)
        # and no stronger than two independent equal searches allow: 1/sqrt(2) of the best (Gaussian regime) or
        # the background-free limit 3 events / (s_A + s_B) per pb
        assert lim["combined"]["expected_pb"] >= 0.5 * best


def test_limits_are_the_mu_limit_times_the_reference_cross_section(limits):
    """sigma x B limit [pb] = mu_UL x sigma_ref: independent of the reference normalisation."""
    from recast.scan import scan_analyses, search_limits

    anas = scan_analyses()
    other = search_limits(2000.0, reference=NarrowReference(xsec_pb=0.05), analyses=anas, method="asymptotic")
    for aid in (ATLAS, CMS):
        for k in ("observed_pb", "expected_pb"):
            assert other["searches"][aid][k] == pytest.approx(limits[2000.0]["searches"][aid][k], rel=3e-3)


def test_scan_agrees_with_recast_limits_on_the_same_point(limits):
    """B-3Lmu at g_X = 0.1: run_limits on the stub events scaled to the model's sigma x B(mumu) picks the same search
    per mass and gives mu_UL = 1/ratio of the scan point (each search, the best-expected choice and the combination)."""
    masses = [500.0, 2000.0, 4000.0]  # ATLAS constrains at 500 GeV, CMS at 2 and 4 TeV (the stub shape)
    from recast.chain import run_limits
    from recast.scan import evaluate_point, scan_models

    (model,) = scan_models("B-3Lmu")
    gx = 0.1
    pts = {m: evaluate_point(model, m, gx=gx, fit="2021", limits=limits[m]) for m in masses}
    ref = NarrowReference()

    class ModelSource:
        def __len__(self):
            return len(masses)

        def points(self, model, *, branches):
            return (ref.point(m, xsec_pb=pts[m]["sigma_b_pb"]) for m in masses)

    res, _ = run_limits("B-3Lmu", lumi_fb=139.0, params={"gX": gx}, source=ModelSource(), method="asymptotic",
                        combine=True, progress=False)
    res = res.to_json()  # the limits.json document
    assert res["analyses"] == [ATLAS, CMS]
    best = res["best_single"]["points"]
    assert {p["analysis"] for p in best} == {ATLAS, CMS}
    for i, m in enumerate(masses):
        p = pts[m]
        assert p["narrow"]
        wf = p["width_factor"]  # the scan widens the narrow limits for Gamma/M (0.4% here); run_limits: narrow events
        assert best[i]["analysis"] == p["constraining"] == res["analysis_per_mass"][f"{m:g}"]
        for aid in (ATLAS, CMS):
            lp = res["per_analysis"][aid]["points"][i]
            assert lp["mu_ul_exp"][2] == pytest.approx(1 / (p["searches"][aid]["ratio_exp"] * wf), rel=5e-3)
            assert lp["mu_ul_obs"] == pytest.approx(1 / (p["searches"][aid]["ratio_obs"] * wf), rel=5e-3)
        comb = res["combined"]["points"][i]
        assert comb["mu_ul_exp"][2] == pytest.approx(1 / (p["combined"]["ratio_exp"] * wf), rel=5e-3)
        assert p["ratio_exp"] == p["combined"]["ratio_exp"]  # the quoted verdict is the combination
        assert p["excluded_exp"] == (comb["mu_ul_exp"][2] < 1 / wf) == p["excluded_exp_combined"]


def test_point_verdicts_are_sigma_b_against_the_limits(limits):
    from recast.scan import evaluate_point, scan_models, unit_xsec_pb

    (model,) = scan_models("B-3Lmu")
    m, gx = 3000.0, 0.05
    p = evaluate_point(model, m, gx=gx, fit="2021", limits=limits[m])
    assert p["sigma_b_pb"] == pytest.approx((gx / 3) ** 2 * unit_xsec_pb(m) * p["br_mumu"], rel=1e-12)
    wf = p["width_factor"]
    for aid, s in p["searches"].items():
        lim = limits[m]["searches"][aid]
        assert s["limit_obs_pb"] == pytest.approx(lim["observed_pb"] * wf, rel=1e-12)
        assert s["ratio_exp"] == pytest.approx(p["sigma_b_pb"] / (lim["expected_pb"] * wf), rel=1e-12)
        assert s["excluded_obs"] == (p["sigma_b_pb"] > lim["observed_pb"] * wf)
    assert p["excluded_obs_single"] == p["searches"][p["constraining"]]["excluded_obs"]
    assert p["excluded_obs"] == p["excluded_obs_combined"] == p["combined"]["excluded_obs"]
    # the combined expected ratio is at least the constraining search's (never a weaker expected limit)
    assert p["combined"]["ratio_exp"] >= p["searches"][p["constraining"]]["ratio_exp"] * (1 - 1e-6)


def test_a_given_reference_is_used_even_if_it_is_falsy(monkeypatch):
    """A reference with __len__ (like recast.sources' sources) may be falsy: it is still the one used, never Pythia."""
    import recast.scan.runner
    from recast.scan import run_scan, scan_models

    class Sized(NarrowReference):
        def __len__(self):
            return 0

    def no_generation():
        raise AssertionError("the default (Pythia) reference was built although one was given")

    monkeypatch.setattr(recast.scan.runner, "GeneratedReference", no_generation)
    run = run_scan(scan_models("B-3Lmu"), [2000.0], gx=0.05, fit="2021", method="asymptotic",
                   scheduler="synchronous", reference=Sized())
    assert run.limits[2000.0]["reference"] == "stub narrow Z' m=2000" and run.computed == 1


def test_searches_on_one_data_set_are_not_combined(monkeypatch):
    """Two searches sharing events: each evaluated, the best expected quoted, no combination, the reason recorded."""
    from recast.scan import scan_analyses, search_limits

    atlas, cms = scan_analyses()
    monkeypatch.setitem(cms.meta, "dataset", atlas.meta["dataset"])
    lim = search_limits(2000.0, reference=NarrowReference(), analyses=[atlas, cms], method="asymptotic")
    assert lim["combined"] is None and "share events" in lim["combination"] and sorted(lim["searches"]) == [ATLAS, CMS]
    one = search_limits(2000.0, reference=NarrowReference(), analyses=[cms], method="asymptotic")
    assert one["combined"] is None and one["combination"] == "one search" and one["constraining"] == CMS


def _csv(path):
    with path.open(newline="") as fh:
        return list(csv.DictReader(fh))


def test_cli_columns_name_the_constraining_search_and_the_combined_verdict(runner, tmp_path, limits):
    out = tmp_path / "out"
    args = ["scan", "--model", "B-3Lmu", "--masses", "1000:4000:1000", "--gX", "0.03", "--method", "asymptotic",
            "--scheduler", "synchronous", "--no-progress", "--out", str(out)]
    res = runner.invoke(cli, args)
    assert res.exit_code == 0, res.output
    assert f"dimuon searches: {ATLAS}, {CMS}" in res.output
    (row,) = _csv(out / "scan.csv")
    doc = json.loads((out / "scan.json").read_text())
    (jrow,) = doc["models"]
    assert doc["inputs"]["analyses"] == [ATLAS, CMS] and doc["inputs"]["method"] == "asymptotic"
    pts = jrow["points"]
    for p in pts:  # the CLI's limits are the module fixture's (same stub, same method)
        lim = limits[p["mass_GeV"]]
        assert p["constraining"] == lim["constraining"]
        assert p["searches"][ATLAS]["limit_exp_pb"] == pytest.approx(lim["searches"][ATLAS]["expected_pb"]
                                                                     * p["width_factor"], rel=1e-9)
    by = {aid: [p["mass_GeV"] for p in pts if p["constraining"] == aid] for aid in (ATLAS, CMS)}
    from recast.scan import format_ranges

    expect = "; ".join(f"{aid}: {format_ranges(ms, CLI_GRID)}" for aid, ms in by.items() if ms)
    assert set(row["constraining_search"].split("; ")) == set(expect.split("; "))
    assert row["excluded_obs_combined"] == format_ranges([p["mass_GeV"] for p in pts if p["excluded_obs_combined"]],
                                                         CLI_GRID)
    assert row["excluded_obs"] == row["excluded_obs_combined"]  # combination allowed: it is the quoted verdict
    assert row["excluded_obs_single"] == format_ranges([p["mass_GeV"] for p in pts if p["excluded_obs_single"]],
                                                       CLI_GRID)
    assert row["dimuon"] == f"Drell-Yan: {ATLAS} + {CMS} combined"
    assert "constraining search [GeV]" in res.output and row["constraining_search"] in res.output
    for key in ("constraining_search", "excluded_obs_combined", "excluded_exp_combined", "excluded_obs_single"):
        assert row[key] == str(jrow[key])
    # resumable: everything from the cache on a re-run, same table
    res2 = runner.invoke(cli, [*args, "--force"])
    assert "(4 from cache, 0 computed)" in res2.output and _csv(out / "scan.csv") == [row]


def test_cli_single_search_has_no_combined_verdict(runner, tmp_path):
    out = tmp_path / "out"
    res = runner.invoke(cli, ["scan", "--model", "B-3Lmu", "--masses", "2000,3000", "--gX", "0.03", "--analysis", CMS,
                              "--method", "asymptotic", "--scheduler", "synchronous", "--no-progress",
                              "--out", str(out)])
    assert res.exit_code == 0, res.output
    (row,) = _csv(out / "scan.csv")
    assert row["constraining_search"] == f"{CMS}: 2000-3000"
    assert row["excluded_obs_combined"] == "n/a" and row["excluded_obs"] == row["excluded_obs_single"]


def test_cli_refuses_a_search_that_does_not_constrain_zprimes(runner, tmp_path):
    res = runner.invoke(cli, ["scan", "--model", "B-3Lmu", "--masses", "2000", "--analysis", "lq_mumujj",
                              "--scheduler", "synchronous", "--no-progress", "--out", str(tmp_path / "o")])
    assert res.exit_code == 2 and res.output.startswith("recast: error: analysis lq_mumujj does not constrain Z'")
    assert len(res.output.strip().splitlines()) == 1
