"""ATLAS high-mass dimuon analysis (arXiv:1903.06248): selection, likelihood, fiducial limits."""

from __future__ import annotations

import json
import math

import awkward as ak
import numpy as np
import pyhf
import pytest

from recast import chain
from recast.analysis import get_analysis
from recast.cli import cli
from recast.exceptions import BranchNotFound, InvalidParameter
from recast.fiducial import fiducial_limit, fiducial_limits

ANA = get_analysis("atlas_1903_06248")
MU = 0.1056583755


def events(muons: list[list[tuple[float, float, float, int]]], weights: list[float]) -> ak.Array:
    """Events from per-event lists of (pt, eta, phi, charge)."""
    return ak.Array(
        {
            "mu_pt": [[m[0] for m in ev] for ev in muons],
            "mu_eta": [[m[1] for m in ev] for ev in muons],
            "mu_phi": [[m[2] for m in ev] for ev in muons],
            "mu_charge": [[m[3] for m in ev] for ev in muons],
            "weight": weights,
        }
    )


def back_to_back_mass(pt: float) -> float:
    """m of two muons with this pT at eta = 0, phi = 0 and pi."""
    e = math.hypot(pt, MU)
    return 2 * e


# ------------------------------------------------------------------ selection
def test_selection_by_hand():
    from recast_analyses.atlas_1903_06248.selection import dimuon_mass

    evs = events(
        [
            [(500.0, 0.0, 0.0, 1), (500.0, 0.0, math.pi, -1)],  # m = 1000 GeV: pass
            [(500.0, 0.0, 0.0, 1), (500.0, 0.0, math.pi, 1)],  # same sign: fail
            [(500.0, 2.6, 0.0, 1), (500.0, 0.0, math.pi, -1)],  # |eta| > 2.5: fail
            [(25.0, 0.0, 0.0, 1), (500.0, 0.0, math.pi, -1)],  # pT < 30: fail
            [(100.0, 0.0, 0.0, 1), (100.0, 0.0, math.pi, -1)],  # m = 200 < 225: fail
            # three muons: the two leading (700 -, 300 +) are used: m = 2 sqrt(700*300)
            [(300.0, 0.0, math.pi, 1), (40.0, 0.0, 1.0, 1), (700.0, 0.0, 0.0, -1)],
            # leading pair same sign although a third muon would make an OS pair: fail
            [(700.0, 0.0, 0.0, -1), (300.0, 0.0, math.pi, -1), (200.0, 0.0, 1.0, 1)],
        ],
        [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0],
    )
    mll, w = dimuon_mass(evs)
    assert w.tolist() == [1.0, 6.0]
    assert mll[0] == pytest.approx(back_to_back_mass(500.0), rel=1e-9)
    assert mll[1] == pytest.approx(2 * math.sqrt(700 * 300), rel=1e-6)


def test_signal_histogram_counts_and_stat():
    evs = events([[(500.0, 0.0, 0.0, 1), (500.0, 0.0, math.pi, -1)]] * 4, [1e-3, 1e-3, 2e-3, 2e-3])
    sig = ANA.signal(evs, lumi_fb=139.0)
    counts, unc = sig["mumu"]
    assert counts.shape == unc.shape == (99,)
    from recast_analyses.atlas_1903_06248.likelihood import highpt_correction

    i = np.searchsorted(ANA.edges, 1000.0) - 1
    corr = float(highpt_correction(back_to_back_mass(500.0)))
    assert corr == pytest.approx(0.5179 / 0.752, rel=1e-3)  # published acc x eff / ours at 1 TeV
    assert counts[i] == pytest.approx(6e-3 * 1000 * 139 * corr)  # pb x 1000 fb/pb x fb^-1
    assert unc[i] == pytest.approx(math.sqrt(2 * 1e-6 + 2 * 4e-6) * 1000 * 139 * corr)
    assert counts.sum() == pytest.approx(counts[i])


def test_vector_records_accepted():
    import vector

    vector.register_awkward()
    mu = ak.zip({"pt": [[600.0, 600.0]], "eta": [[0.0, 0.0]], "phi": [[0.0, math.pi]], "mass": [[MU, MU]],
                 "charge": [[1, -1]]}, with_name="Momentum4D")
    evs = ak.zip({"mu": mu, "weight": [1.0]}, depth_limit=1)
    from recast_analyses.atlas_1903_06248.selection import dimuon_mass

    mll, _ = dimuon_mass(evs)
    assert mll[0] == pytest.approx(back_to_back_mass(600.0), rel=1e-6)


def test_missing_branches():
    with pytest.raises(BranchNotFound, match="mu_charge"):
        ANA.signal(ak.Array({"mu_pt": [[1.0]], "mu_eta": [[0.0]], "mu_phi": [[0.0]], "weight": [1.0]}), lumi_fb=1)
    with pytest.raises(InvalidParameter, match="luminosity"):
        ANA.signal(events([[(500.0, 0.0, 0.0, 1)]], [1.0]), lumi_fb=0)


# ------------------------------------------------------------------ published inputs
def test_spectrum_and_background_normalisation():
    assert len(ANA.edges) == 100
    assert ANA.edges[0] == 225.0 and ANA.edges[-1] == pytest.approx(5806.19)
    obs = ANA.observed()
    assert obs.sum() == pytest.approx(138731, abs=2)  # HEPData t2 total (rounded per bin)
    bkg = ANA.background()
    assert bkg.sum() == pytest.approx(138700.0)  # Contur normalisation
    centres = 0.5 * (ANA.edges[1:] + ANA.edges[:-1])
    # the fit/data cross-check table of the shipped file, reproduced
    for lo, hi, fit, data in [(1000, 1500, 412.6, 414), (1500, 2000, 42.8, 45), (2000, 3000, 7.8, 6)]:
        sel = (centres >= lo) & (centres < hi)
        assert bkg[sel].sum() == pytest.approx(fit, abs=0.1)
        assert obs[sel].sum() == data
    assert ANA.background(lumi_fb=278.0).sum() == pytest.approx(2 * 138700.0)


def test_resolution_and_efficiency():
    assert ANA.resolution(1000) == pytest.approx(0.053)
    assert ANA.resolution(2500) == pytest.approx(0.095)
    assert ANA.resolution(4000) == pytest.approx(0.1355)  # linear extrapolation (approximation)
    assert ANA.fiducial_efficiency(200) == pytest.approx(0.54)
    assert ANA.fiducial_efficiency(6000) == pytest.approx(0.38)
    assert ANA.published_expected_fiducial(2000) == pytest.approx(0.192311)


def test_narrow_resonance_normalisation():
    s = ANA.narrow_resonance(2000.0, sigma_fid_fb=1.0, shape="gaussian")
    assert s.sum() == pytest.approx(139 * ANA.fiducial_efficiency(2000.0), rel=1e-6)
    # paper's response: |d| <= 0.5 keeps everything inside 225-5806 GeV at 2 TeV
    sp = ANA.narrow_resonance(2000.0, sigma_fid_fb=1.0)
    assert sp.sum() == pytest.approx(139 * ANA.fiducial_efficiency(2000.0), rel=1e-6)
    peak = np.argmax(s)
    assert ANA.edges[peak] <= 2000.0 < ANA.edges[peak + 1]


# ------------------------------------------------------------------ likelihood
def test_workspace_data_and_projection():
    s = ANA.narrow_resonance(1500.0)
    ws = ANA.workspace({"mumu": (s, 0.1 * s)}, lumi_fb=139.0, xsec_rel_unc=0.05)
    pyhf.schema.validate(ws, "workspace.json")
    assert ws["observations"][0]["data"] == pytest.approx(ANA.observed().tolist())
    mods = {m["name"] for smp in ws["channels"][0]["samples"] for m in smp["modifiers"]}
    assert {"mu", "xsec", "staterror_mumu", "background_norm", "bkg_tilt", "bkg_highmass"} <= mods
    proj = ANA.workspace({"mumu": (s, 0.1 * s)}, lumi_fb=3000.0, xsec_rel_unc=0.05)
    assert proj["observations"][0]["data"] == pytest.approx((ANA.background() * 3000 / 139).tolist())


@pytest.mark.slow
def test_upper_limit_fast_and_matches_unpruned():
    """The pruned fit (default) agrees with keeping every nuisance parameter, and is fast."""
    from recast.stats import upper_limit

    s = ANA.narrow_resonance(2000.0)
    ws = ANA.workspace({"mumu": (s, 0.1 * s)}, lumi_fb=139.0, xsec_rel_unc=0.1)
    fast = upper_limit(ws)
    assert fast.seconds < 3.0  # < 1 s on an idle core; margin for a shared CI machine
    full = upper_limit(ws, prune=0.0)
    # pruning budget: sum rho^2 <= 1e-2 -> sigma_mu within 0.5%; the requirement is 1%
    assert fast.observed == pytest.approx(full.observed, rel=0.01)
    assert fast.expected == pytest.approx(full.expected, rel=0.01)


# ------------------------------------------------------------------ validation
MASSES = [float(m) for m in range(500, 5001, 500)]


@pytest.fixture(scope="module")
def fid():
    return fiducial_limits(ANA, MASSES)


def test_declared_method_is_recorded(fid):
    assert ANA.limit_method == "bayesian"
    assert ANA.meta["limit_method"]["value"] == "bayesian"
    assert all(row["method"] == "bayesian" for row in fid)


@pytest.mark.parametrize("i", range(len(MASSES)))
def test_expected_fiducial_limit_reproduces_published(fid, i):
    """Ours within the validation block's tolerance, or within its recorded known deviation."""
    row = fid[i]
    published = ANA.published_expected_fiducial(row["mass_GeV"])
    assert row["published_expected_fb"] == pytest.approx(published)
    check = {c["id"]: c for c in ANA.meta["validation"]}[f"fid_exp_m{int(row['mass_GeV'])}"]
    assert check["published"]["value"] == pytest.approx(published, rel=1e-4)
    dev = row["expected_fb"] / published - 1
    allowed = check["tolerance"]
    if "known_deviation" in check:
        allowed = abs(check["known_deviation"]["measured"] / published - 1) + 0.02
    assert abs(dev) <= allowed


@pytest.mark.parametrize("i", range(len(MASSES)))
def test_observed_fiducial_limit_vs_published(fid, i):
    row = fid[i]
    published = ANA.published_observed_fiducial(row["mass_GeV"])
    assert row["published_observed_fb"] == pytest.approx(published)
    check = {c["id"]: c for c in ANA.meta["validation"]}[f"fid_obs_m{int(row['mass_GeV'])}"]
    dev = row["observed_fb"] / published - 1
    allowed = check["tolerance"]
    if "known_deviation" in check:
        allowed = abs(check["known_deviation"]["measured"] / published - 1) + 0.02
    assert abs(dev) <= allowed


def test_observed_fiducial_limits(fid):
    for row in fid:
        band = row["expected_band_fb"]
        assert band == sorted(band)
        assert row["observed_fb"] is not None
        # observed within the +-2 sigma band (the paper reports no significant deviation)
        assert band[0] <= row["observed_fb"] <= band[4]
    # the limit falls steeply with mass as the background vanishes
    assert fid[1]["expected_fb"] > 3 * fid[3]["expected_fb"] > 6 * fid[7]["expected_fb"]
    # b -> 0 at 5 TeV: ~3 signal events (flat-prior Bayesian, n = 0), 21% of them above 5806 GeV
    n_sig = fid[-1]["observed_fb"] * 139 * ANA.fiducial_efficiency(5000.0)
    assert n_sig == pytest.approx(2.996, rel=0.03)


def test_paper_mass_response():
    """The Crystal Ball + Gaussian response: Gaussian core = the paper's 5.3/8.2/10.8 %,
    normalised, and wider than the core (tails)."""
    from recast_analyses.atlas_1903_06248 import likelihood as lh

    for m, res in ((1000.0, 0.053), (2000.0, 0.082), (3000.0, 0.108)):
        assert lh.mass_response(m)["sigma_g"] == pytest.approx(res, abs=0.0005)
        s = ANA.narrow_resonance(m, shape="paper")
        g = ANA.narrow_resonance(m, shape="gaussian")
        peak = int(np.argmax(g))
        assert s[peak] < g[peak]  # part of the signal is in the tails
    cdf = lh.mass_response_cdf(np.array([0.0, 1000.0, 1e5]), 1000.0)
    assert cdf[0] == 0.0 and cdf[2] == pytest.approx(1.0)
    assert 0.5 < cdf[1] < 0.6  # mean response slightly below 1 (mu_G = -0.6 %)


def test_measure_validation_contract():
    ids = [c["id"] for c in ANA.meta["validation"]]
    assert len(ids) == len(set(ids)) == 55  # 20 mumu + 20 ee + 12 ee+mumu fiducial limits, 3 benchmark Z' limits
    vals = ANA.measure_validation(["fid_exp_m3000", "fid_obs_m3000"], fast=True, chain=chain)
    assert vals["fid_exp_m3000"] == pytest.approx(0.0738, rel=0.10)
    assert vals["fid_obs_m3000"] == pytest.approx(0.0692, rel=0.10)
    with pytest.raises(InvalidParameter):
        ANA.measure_validation(["nope"], fast=True, chain=chain)


# ------------------------------------------------------------- benchmark Z'
def test_benchmark_xsec_is_the_cms_templates_copy():
    """benchmark_xsec.csv carries the same recast Pythia cross-sections as the CMS templates."""
    from recast_analyses.atlas_1903_06248.benchmarks import benchmark_xsec_fb
    from recast_analyses.cms_2103_02708.templates import load_templates

    for name, t in load_templates()["models"].items():
        for m, xs in zip(t["mass_GeV"], t["xsec_pb"], strict=True):
            assert benchmark_xsec_fb(name, m) == pytest.approx(1000.0 * xs, rel=1e-5)
    # log-linear in between: the geometric mean half way
    mid = benchmark_xsec_fb("Zp_psi", 3750.0)
    assert mid == pytest.approx(math.sqrt(benchmark_xsec_fb("Zp_psi", 3500.0) * benchmark_xsec_fb("Zp_psi", 4000.0)))
    # SSM couples more strongly than psi: larger sigma x B at every mass
    assert all(benchmark_xsec_fb("Zp_SSM", m) > 2 * benchmark_xsec_fb("Zp_psi", m) for m in (3500.0, 5000.0))
    for bad in (("Zp_SSM", 3000.0), ("Zp_chi", 4000.0)):
        with pytest.raises(InvalidParameter):
            benchmark_xsec_fb(*bad)


def test_zpsi_mass_limit_from_fiducial_limits():
    """The Z'_psi limit is where our observed fiducial limit meets sigma x B(mumu): checked at
    the crossing itself, against the ordering SSM > psi, and against the validation record."""
    from recast_analyses.atlas_1903_06248.benchmarks import BENCHMARK_MASSES, benchmark_mu_ul, benchmark_xsec_fb

    cache: dict = {}

    def limit_at(m):
        if m not in cache:
            cache[m] = fiducial_limit(ANA, m)
        return cache[m]

    mu = benchmark_mu_ul("Zp_psi", limit_at=limit_at)
    assert mu == sorted(mu) and mu[0] < 1.0 < mu[1]  # excluded at 3.5 TeV, not at 4 TeV
    vals = ANA.measure_validation(["zp_psi_mass_limit_obs_mumu"], fast=True, chain=chain)
    m_lim = vals["zp_psi_mass_limit_obs_mumu"]
    assert BENCHMARK_MASSES[0] < m_lim < BENCHMARK_MASSES[1]
    # at the crossing, sigma x B = the fiducial limit there (b ~ 0: both fall smoothly, log-linear)
    assert benchmark_xsec_fb("Zp_psi", m_lim) == pytest.approx(fiducial_limit(ANA, m_lim).observed, rel=0.03)
    from recast_analyses.atlas_1903_06248.benchmarks import fiducial_mass_limit

    assert fiducial_mass_limit("Zp_SSM", limit_at=limit_at) > m_lim + 400.0
    # mumu only at LO: below the published ee + mumu 4.5 TeV, and only a sanity check (not like-for-like)
    check = {c["id"]: c for c in ANA.meta["validation"]}["zp_psi_mass_limit_obs_mumu"]
    assert check["published"]["value"] == 4500
    assert check["quantity"].startswith("sanity check")
    assert m_lim < 4500.0


@pytest.mark.parametrize("mass", [500.0, 2000.0])
def test_bayesian_signal_window_is_exact_enough(mass):
    """Evaluating only the bins near the signal exactly (first order elsewhere) changes the
    Bayesian limit by < 0.3 % against evaluating every bin exactly (observed data and the
    Asimov data set)."""
    import pyhf

    from recast.stats import bayes

    ws = ANA.fiducial_workspace(ANA.fiducial_signal(mass, lumi_fb=139.0), lumi_fb=139.0)
    marg = bayes._Marginal(pyhf.Workspace(ws), samples=200, seed=0)
    for data in (marg.main, marg.b_nominal):
        fast = bayes.posterior_quantile(marg, data)
        full = bayes.posterior_quantile(marg, data, window_tol=0.0)
        assert fast == pytest.approx(full, rel=3e-3)


def test_methods_agree_at_large_background():
    """At 500 GeV (b ~ 10^3 per bin) asymptotic CLs and the Bayesian limit agree; at 4 TeV
    (b << 1) asymptotics are too strong by ~20-25 % (they exclude with ~2 events, not 3)."""
    lo_b = fiducial_limit(ANA, 500.0, method="bayesian").expected[2]
    lo_a = fiducial_limit(ANA, 500.0, method="asymptotic").expected[2]
    assert lo_a == pytest.approx(lo_b, rel=0.08)
    hi_b = fiducial_limit(ANA, 4000.0, method="bayesian").expected[2]
    hi_a = fiducial_limit(ANA, 4000.0, method="asymptotic").expected[2]
    assert 0.65 < hi_a / hi_b < 0.85


def test_fiducial_projection_has_no_observed(fid):
    rows = fiducial_limits(ANA, [3000.0], lumi_fb=3000.0)
    assert rows[0]["observed_fb"] is None
    # few background events at 3 TeV: the limit improves between 1/sqrt(L) and 1/L
    gain = fid[5]["expected_fb"] / rows[0]["expected_fb"]
    assert math.sqrt(3000 / 139) < gain < 3000 / 139


def test_cli_fiducial_limits_json(runner, tmp_path):
    out = tmp_path / "fid.json"
    res = runner.invoke(cli, ["analyses", "fiducial-limits", "atlas_1903_06248", "--masses", "2000:3000:1000",
                              "--json", str(out)])
    assert res.exit_code == 0, res.output
    rows = json.loads(out.read_text())
    assert [r["mass_GeV"] for r in rows] == [2000.0, 3000.0]
    assert set(rows[0]) >= {"mass_GeV", "expected_fb", "observed_fb"}
    assert rows[0]["expected_fb"] == pytest.approx(ANA.published_expected_fiducial(2000.0), rel=0.25)
    assert "approximation:" in res.stdout


@pytest.mark.parametrize(
    ("args", "match"),
    [
        (["atlas_1903_06248", "--masses", "4000:1000:1000"], "empty mass range"),
        (["atlas_1903_06248", "--masses", "a:b"], "START:STOP:STEP"),
        (["atlas_1903_06248", "--masses", "100"], "outside the dimuon spectrum"),
        (["atlas_1903_0624"], "did you mean atlas_1903_06248"),
        (["lq_mumujj"], "has no fiducial limits"),
        (["atlas_1903_06248", "--lumi", "-1"], "--lumi must be > 0"),
    ],
)
def test_cli_errors(runner, tmp_path, args, match):
    out = tmp_path / "x.json"
    res = runner.invoke(cli, ["analyses", "fiducial-limits", *args, "--json", str(out)])
    assert res.exit_code == 2
    assert match in res.stderr
    assert not out.exists()


def test_exported_workspace_pyhf_cli_cls(tmp_path):
    """`pyhf cls` on the written dimuon workspace gives our CLs (within 1e-3)."""
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    from recast.stats import cls, write_workspace

    s = ANA.narrow_resonance(2000.0, sigma_fid_fb=0.15)
    spec = ANA.workspace({"mumu": (s, np.zeros_like(s))}, lumi_fb=139.0, xsec_rel_unc=0.1)
    path = write_workspace(spec, tmp_path / "atlas_1903_06248_2000.json")
    exe = shutil.which("pyhf") or str(Path(sys.executable).with_name("pyhf"))
    res = json.loads(subprocess.run([exe, "cls", str(path)], capture_output=True, text=True, check=True).stdout)
    ours_obs, ours_exp = cls(spec, 1.0)
    assert 0.01 < ours_obs < 0.9  # a point near the limit, not a trivial CLs
    assert res["CLs_obs"] == pytest.approx(ours_obs, abs=1e-3)
    assert res["CLs_exp"] == pytest.approx(ours_exp, abs=1e-3)


@pytest.mark.slow
def test_highpt_calibration_closure_on_fresh_zprime_events(tmp_path):
    """Z' events (a seed not used for the calibration): corrected acc x eff = published."""
    from recast.events import generate
    from recast.io import read_events
    from recast.models import get_model
    from recast_analyses.atlas_1903_06248.likelihood import acc_eff, highpt_correction
    from recast_analyses.atlas_1903_06248.selection import dimuon_mass

    model = get_model("B-3Lmu", MZp=2000.0, gX=0.1)
    path = generate(model, n_events=2000, seed=11, fast=True, cache=False, progress=False, out=tmp_path / "zp.root")
    ev = read_events(path)
    mll, _ = dimuon_mass(ev)
    assert np.median(mll) == pytest.approx(2000.0, rel=0.03)
    assert float(np.sum(highpt_correction(mll))) / len(ev) == pytest.approx(acc_eff(2000.0), rel=0.04)


@pytest.mark.parametrize("mass", [500.0, 2000.0])
def test_batched_toy_limits_equal_the_one_by_one_search(mass):
    """The expected band's pseudo-experiments, evaluated together (log-terms tabulated once, one matrix
    product), give each toy's posterior limit as the one-toy search does, to rounding; the toys the shared
    first grid cannot settle go to that search."""
    import numpy as np
    import pyhf

    from recast.stats import bayes

    ws = ANA.fiducial_workspace(ANA.fiducial_signal(mass, lumi_fb=139.0), lumi_fb=139.0)
    marg = bayes._Marginal(pyhf.Workspace(ws), samples=200, seed=0)
    toys = np.random.default_rng(3).poisson(marg.b_nominal, size=(60, marg.b_nominal.size)).astype(float)
    hint = bayes.posterior_quantile(marg, marg.b_nominal)
    one_by_one = [bayes.posterior_quantile(marg, t, mu_hint=hint) for t in toys]
    assert bayes._toy_quantiles(marg, toys, hint) == pytest.approx(one_by_one, rel=1e-9)
    settled, widen = bayes._grid_pass(marg, toys, min(3 * hint, marg.mu_max))
    assert np.isfinite(settled).sum() + widen.sum() >= 55  # the matrix products do (almost) all the work
