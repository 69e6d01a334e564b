"""The ee channel of the ATLAS dilepton search (arXiv:1903.06248): spectrum, efficiency, response,
the ee and ee + μμ fiducial limits, the benchmark Z′ limits ee + μμ against ee + μμ, sanity checks."""

from __future__ import annotations

import csv
import json
from importlib.resources import files

import numpy as np
import pytest
from click.testing import CliRunner

from recast import chain
from recast.analysis import get_analysis
from recast.cli import cli
from recast.exceptions import InvalidParameter
from recast.fiducial import fiducial_limit
from recast.validation.checks import Check
from recast.validation.status import Status, evaluate

ANA = get_analysis("atlas_1903_06248")
PKG = "recast_analyses.atlas_1903_06248"


def _rows(name: str) -> list[dict[str, str]]:
    text = files(PKG).joinpath(name).read_text(encoding="utf-8")
    return list(csv.DictReader(ln for ln in text.splitlines() if ln and not ln.startswith("#")))


def test_ee_data_files_keep_their_source_header():
    for name in ("ee_mll_spectrum.csv", "fidlimits_ee_expected.csv", "fidlimits_ee_observed.csv",
                 "fidlimits_ll_expected.csv", "fidlimits_ll_observed.csv"):
        head = files(PKG).joinpath(name).read_text(encoding="utf-8").splitlines()[0]
        assert head.startswith("# SOURCE: alisw/rivet"), name
        assert "ATLAS_2019_I1725190.yoda" in head, name


def test_ee_spectrum_totals_the_published_178022_events():
    """HEPData t1: 178 022 events (the stored per-10-GeV values; 178 020 after rounding each bin)."""
    from recast_analyses.atlas_1903_06248 import likelihood as lh

    rows = _rows("ee_mll_spectrum.csv")
    assert round(sum(float(r["n_events_derived"]) for r in rows)) == 178022
    assert lh.observed("ee").sum() == 178020
    assert lh.observed("ee").size == 99
    # the ee background fit (Contur's ee parameters) is normalised to 178 000 and follows the data
    b, n = lh.background("ee"), lh.observed("ee")
    assert b.sum() == pytest.approx(178000.0)
    c = 0.5 * (lh.edges()[1:] + lh.edges()[:-1])
    for lo, hi in ((225.0, 300.0), (300.0, 500.0), (500.0, 1000.0)):
        sel = (c >= lo) & (c < hi)
        assert b[sel].sum() == pytest.approx(n[sel].sum(), rel=0.01)
    # more electrons than muons at every mass below 1.5 TeV (the higher ee acc x eff)
    assert np.all(lh.background("ee")[c < 1500] > lh.background("mumu")[c < 1500])


def test_ee_efficiency_is_the_rivet_curve_and_matches_hepdata_t22():
    """ε(m) = 0.74 − 0.04 exp(−(m−200)/100) − 0.08 exp(−(m−200)/1000) (Rivet ATLAS_2019_I1725190)."""
    assert ANA.fiducial_efficiency(200.0, "ee") == pytest.approx(0.62)
    assert ANA.fiducial_efficiency(1000.0, "ee") == pytest.approx(0.74 - 0.04 * np.exp(-8) - 0.08 * np.exp(-0.8))
    assert ANA.fiducial_efficiency(1000.0, "ee") == pytest.approx(0.7040, abs=1e-4)
    assert ANA.fiducial_efficiency(5000.0, "ee") == pytest.approx(0.7394, abs=1e-4)
    # HEPData t22 series y02 (unlabelled in the export) is this curve: Rivet fit 0.3-1.2 % below it, 0.5-5.8 TeV
    t22 = [(float(r["mass_GeV"]), float(r["value"])) for r in _rows("acc_eff_t22.csv") if r["series"] == "y02"]
    for m, v in t22:
        if 500.0 <= m <= 5800.0:
            assert 0.985 * v < ANA.fiducial_efficiency(m, "ee") < v, m
    # higher than the muon one everywhere
    assert all(ANA.fiducial_efficiency(m, "ee") > ANA.fiducial_efficiency(m) + 0.14 for m in (500.0, 3000.0, 6000.0))
    with pytest.raises(InvalidParameter, match="unknown lepton channel"):
        ANA.fiducial_efficiency(1000.0, "tautau")


def test_ee_mass_response_is_narrow():
    """The electron Crystal Ball + Gaussian of Rivet: σ_G 0.6-0.9 % (calorimeter), far below μμ's 5-11 %."""
    from recast_analyses.atlas_1903_06248 import likelihood as lh

    for m in (500.0, 1000.0, 2000.0, 4000.0):
        ee, mm = lh.mass_response(m, "ee"), lh.mass_response(m)
        assert 0.005 < ee["sigma_g"] < 0.009
        assert ee["sigma_g"] < 0.5 * mm["sigma_g"]
        assert 0.25 < ee["kappa"] < 0.40
    s = ANA.narrow_resonance(2000.0, channel="ee")
    assert s.sum() == pytest.approx(139.0 * ANA.fiducial_efficiency(2000.0, "ee"), rel=0.01)
    assert s.max() / s.sum() > 0.5  # one 2 %-wide bin holds most of the peak


def test_ee_fiducial_limits_near_the_published_ones_below_3_tev():
    """Expected ee limits within 15 % of HEPData t5 at 0.5, 1, 2 TeV; the higher masses are recorded deviations."""
    for m in (500.0, 1000.0, 2000.0):
        lim = fiducial_limit(ANA, m, channel="ee")
        assert lim.expected[2] == pytest.approx(ANA.published_expected_fiducial(m, "ee"), rel=0.15), m
    checks = {c["id"]: c for c in ANA.meta["validation"]}
    for m in range(500, 5001, 500):
        for kind in ("exp", "obs"):
            c = checks[f"fid_{kind}_ee_m{m}"]
            assert c["tolerance"] == 0.15
            assert c["published"]["value"] == pytest.approx(
                ANA._lh.published_fiducial(float(m), observed=kind == "obs", channel="ee"), rel=1e-5)


def test_combined_fiducial_limits_match_hepdata_t3_below_3_tev():
    """ee + μμ in one likelihood gives the published combined expected limits (HEPData t3) to ≤ 6 % at 0.5-2 TeV."""
    vals = ANA.measure_validation(["fid_exp_ll_m500", "fid_exp_ll_m1000", "fid_exp_ll_m2000"], fast=True,
                                  chain=chain)
    for m in (500, 1000, 2000):
        assert vals[f"fid_exp_ll_m{m}"] == pytest.approx(ANA.published_expected_fiducial(float(m), "ll"), rel=0.06)


def test_ee_plus_mumu_is_stronger_than_either_channel():
    for m in (1000.0, 3000.0, 5000.0):
        ll = fiducial_limit(ANA, m, channel="ll")
        mm = fiducial_limit(ANA, m, channel="mumu")
        ee = fiducial_limit(ANA, m, channel="ee")
        assert ll.expected[2] < min(mm.expected[2], ee.expected[2]), m
    one = (np.append(np.ones(99), 0.0), np.zeros(100))  # 99 bins and the overflow bin
    ws = ANA.fiducial_workspace({"mumu": one, "ee": one}, lumi_fb=139.0)
    names = {mod["name"] for ch in ws["channels"] for smp in ch["samples"] for mod in smp["modifiers"]}
    assert {"background_norm", "background_ee_norm", "bkg_tilt", "bkg_tilt_ee"} <= names  # separate fits


def test_benchmark_limits_ee_plus_mumu_against_the_published_combination():
    """Z′_SSM / Z′_ψ: ee + μμ (LO σ) above μμ alone, and compared with ATLAS's ee + μμ 5.1 / 4.5 TeV."""
    from recast_analyses.atlas_1903_06248.benchmarks import XSEC_ORDER_LABEL

    vals = ANA.measure_validation(["zp_ssm_mass_limit_obs", "zp_psi_mass_limit_obs", "zp_psi_mass_limit_obs_mumu"],
                                  fast=True, chain=chain)
    assert vals["zp_psi_mass_limit_obs"] > vals["zp_psi_mass_limit_obs_mumu"] + 300.0
    assert vals["zp_ssm_mass_limit_obs"] == pytest.approx(5100.0, rel=0.04)
    assert vals["zp_psi_mass_limit_obs"] == pytest.approx(4500.0, rel=0.10)
    checks = {c["id"]: c for c in ANA.meta["validation"]}
    for cid in ("zp_ssm_mass_limit_obs", "zp_psi_mass_limit_obs"):
        assert "ee + mumu" in checks[cid]["quantity"] and "LO" in checks[cid]["quantity"]
    assert "LO" in XSEC_ORDER_LABEL


def test_sanity_checks_never_pass():
    c = Check("x", "g", "sanity check, not like-for-like: mumu alone vs ee + mumu", published=100.0, unit="GeV",
              source="s", tolerance=0.1, fast=True)
    assert evaluate(c, 100.0).status is Status.SANITY
    assert evaluate(c, float("nan")).status is Status.FAIL
    checks = {c["id"]: c for c in ANA.meta["validation"]}
    assert checks["zp_psi_mass_limit_obs_mumu"]["quantity"].startswith("sanity check")


def test_cli_fiducial_limits_channel_ee(tmp_path):
    out = tmp_path / "ee.json"
    res = CliRunner().invoke(cli, ["analyses", "fiducial-limits", "atlas_1903_06248", "--channel", "ee",
                                   "--masses", "2000", "--json", str(out)])
    assert res.exit_code == 0, res.output
    assert "channel ee" in res.output
    rows = json.loads(out.read_text())
    assert rows[0]["channel"] == "ee"
    assert rows[0]["published_expected_fb"] == pytest.approx(0.0610527)


def test_cli_bad_channel_is_one_line_error():
    res = CliRunner().invoke(cli, ["analyses", "fiducial-limits", "atlas_1903_06248", "--channel", "tau"])
    assert res.exit_code == 2
    lines = [ln for ln in res.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("recast: error: ") and " — " in lines[0], res.stderr


# ------------------------------------------------- channel chosen by the couplings
def test_channel_chosen_by_the_couplings():
    from recast.chain import lepton_channel, lepton_couplings
    from recast.models import get_model

    ssm, psi = get_model("Zp_SSM", MZp=4000.0), get_model("Zp_psi", MZp=4000.0)
    assert lepton_channel(ssm) == lepton_channel(psi) == "ll"  # couple to e and mu: ee + mumu, as the experiments
    e, mu = lepton_couplings(ssm)
    assert e == pytest.approx(mu) and e > 0  # lepton universal
    muonic = get_model("B-3Lmu", MZp=2000.0)
    assert lepton_couplings(muonic)[0] == 0.0 and lepton_channel(muonic) == "mumu"
    assert lepton_channel(get_model("S3")) == "mumu"  # leptoquarks: muon couplings only
    assert lepton_channel(ssm, "mumu") == "mumu" and lepton_channel(ssm, "ee") == "ee"
    with pytest.raises(InvalidParameter, match="no electron coupling — use --channel mumu"):
        lepton_channel(muonic, "ll")
    with pytest.raises(InvalidParameter, match=r"unknown lepton channel 'tau' — use one of"):
        lepton_channel(ssm, "tau")


def test_event_route_ee_plus_mumu_is_stronger_than_mumu():
    """recast limits' event route: the ATLAS μμ events plus the ee narrow resonance (σ×B(ee) = σ×B(μμ) × Γee/Γμμ)."""
    import awkward as ak

    from recast.chain import evaluate_point
    from recast.sources import SignalPoint

    n, xsec_pb = 200, 1.0e-4  # 0.1 fb: ~6 mumu events at 139 fb^-1
    ev = ak.Array({"mu_pt": [[1500.0, 1500.0]] * n, "mu_eta": [[0.0, 0.0]] * n,
                   "mu_phi": [[0.0, np.pi]] * n, "mu_charge": [[1, -1]] * n, "weight": [xsec_pb / n] * n})
    pt = SignalPoint(mass=3000.0, xsec_pb=xsec_pb, xsec_rel_unc=0.1, events=ev, source="test")
    kw = {"lumi_fb": 139.0, "method": "asymptotic"}
    mm, ws_mm = evaluate_point(pt, ANA, channel="mumu", **kw)
    ll, ws_ll = evaluate_point(pt, ANA, channel="ll", ee_per_mumu=1.0, **kw)
    ee, _ = evaluate_point(pt, ANA, channel="ee", ee_per_mumu=1.0, **kw)
    assert [c["name"] for c in ws_mm["channels"]] == ["mumu"]
    assert sorted(c["name"] for c in ws_ll["channels"]) == ["ee", "mumu"]
    n_ee = 0.1 * 139.0 * ANA.fiducial_efficiency(3000.0, "ee")
    assert ll["signal_events"] == pytest.approx(mm["signal_events"] + n_ee, rel=0.02)
    assert ll["mu_ul_exp"][2] < min(mm["mu_ul_exp"][2], ee["mu_ul_exp"][2])
    # an analysis without ee_signal keeps its mumu signal
    cms = get_analysis("cms_2103_02708")
    assert callable(getattr(cms, "ee_signal", None))
    assert not callable(getattr(get_analysis("lq_mumujj"), "ee_signal", None))


def test_cli_limits_bad_channel_is_one_line_error():
    res = CliRunner().invoke(cli, ["limits", "--model", "Zp_SSM", "--lumi", "139", "--channel", "tau"])
    assert res.exit_code == 2
    lines = [ln for ln in res.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("recast: error: ") and " — " in lines[0], res.stderr


def test_cli_limits_channel_without_electron_coupling_is_one_line_error(tmp_path):
    res = CliRunner().invoke(cli, ["limits", "--model", "B-3Lmu", "--lumi", "139", "--channel", "ee",
                                   "--masses", "2000", "--out", str(tmp_path / "o")])
    assert res.exit_code == 2, res.output
    lines = [ln for ln in res.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1 and lines[0].startswith("recast: error: ") and "no electron coupling" in lines[0]
