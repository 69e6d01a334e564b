"""Several searches per model point: per-mass best-expected choice and the --combine workspace."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from recast.chain import _mass_limits, analysis_lumi, best_expected_per_mass


def _pt(m: float, exp_median: float | None, obs: float | None = None) -> dict:
    band = None if exp_median is None else [exp_median * f for f in (0.5, 0.7, 1.0, 1.4, 1.9)]
    return {"mass_GeV": m, "mu_ul_exp": band, "mu_ul_obs": obs}


def test_best_expected_is_chosen_per_mass_and_recorded():
    a, b = SimpleNamespace(id="a"), SimpleNamespace(id="b")
    per = {"a": [_pt(1000, 0.1, 0.12), _pt(2000, 0.8, 0.9), _pt(3000, None)],
           "b": [_pt(1000, 0.2, 0.05), _pt(2000, 0.5, 1.5), _pt(3000, float("nan"))]}
    pts = best_expected_per_mass([a, b], per)
    # by expected, never by observed: at 1 TeV a (0.1 < 0.2) although b's observed is stronger
    assert [p["analysis"] for p in pts] == ["a", "b", "a"]
    assert pts[0]["mu_ul_obs"] == 0.12 and pts[1]["mu_ul_obs"] == 1.5
    # mass limit from the chosen points: expected mu_UL crosses 1 between 2000 (0.5) and 3000 (none)
    assert _mass_limits(pts[:2])["expected"] is None  # both below 1: no crossing inside the scan


def test_lumi_within_one_percent_is_the_analysis_own_data_set():
    cms, atlas = SimpleNamespace(lumi_fb=140.0), SimpleNamespace(lumi_fb=139.0)
    assert analysis_lumi(cms, 139.0) == 140.0 and analysis_lumi(atlas, 140.0) == 139.0
    assert analysis_lumi(cms, 137.0) == 137.0  # 2.1 % away: a projection
    assert analysis_lumi(cms, 300.0) == pytest.approx(300.0)


# ------------------------------------------------------------------ --combine
import numpy as np  # noqa: E402
import pyhf  # noqa: E402
from scipy.stats import norm  # noqa: E402

from recast.analysis import get_analysis  # noqa: E402
from recast.exceptions import LimitsError  # noqa: E402
from recast.stats import cls, upper_limit  # noqa: E402
from recast.stats.combine import check_combinable, combine_workspaces  # noqa: E402

ATLAS, CMS = get_analysis("atlas_1903_06248"), get_analysis("cms_2103_02708")
LUMI = {"atlas_1903_06248": ("ATLAS", 0.017), "cms_2103_02708": ("CMS", 0.018)}


def _specs(mass: float, sigma_fb: float) -> dict[str, dict]:
    """Both searches' workspaces for a narrow resonance of sigma x B = sigma_fb.

    5 % resolution, acc x eff 0.8 / 0.45.
    """
    out = {}
    for ana, eff in ((ATLAS, 0.45), (CMS, 0.8)):
        s = np.diff(norm.cdf(ana.edges, loc=mass, scale=0.05 * mass)) * sigma_fb * ana.lumi_fb * eff
        out[ana.id] = ana.workspace({"mumu": (s, 0.02 * s)}, lumi_fb=ana.lumi_fb, xsec_rel_unc=0.1)
    return out


def test_combined_workspace_correlations():
    c = combine_workspaces(_specs(3000.0, 0.1), lumi_unc=LUMI)
    pyhf.Workspace(c)
    names = {m["name"] for ch in c["channels"] for s in ch["samples"] for m in s["modifiers"]}
    assert {"mu", "xsec", "lumi_ATLAS", "lumi_CMS"} <= names  # shared μ and theory; lumi per experiment
    assert "cms_2103_02708__cms_mumu_bkg_syst" in names and "atlas_1903_06248__bkg_highmass" in names
    assert "atlas_1903_06248__staterror_mumu" in names and "cms_2103_02708__staterror_mumu" in names
    assert not names & {"cms_mumu_bkg_syst", "bkg_highmass", "staterror_mumu"}  # experimental: uncorrelated
    assert [ch["name"] for ch in c["channels"]] == ["atlas_1903_06248__mumu", "cms_2103_02708__mumu"]
    assert len(c["observations"][0]["data"]) == 99 and len(c["observations"][1]["data"]) == 41


@pytest.mark.parametrize("mass", [1000.0, 3000.0, 5000.0])
def test_combined_expected_never_weaker_than_best_single(mass):
    specs = _specs(mass, 1.0)
    single = [upper_limit(s, observed=True, method="asymptotic") for s in specs.values()]
    comb = upper_limit(combine_workspaces(specs, lumi_unc=LUMI), observed=True, method="asymptotic")
    best = min(u.expected[2] for u in single)
    assert comb.expected[2] <= best * (1 + 1e-6)
    # two searches of comparable reach: the combination gains clearly (>= 10 %) over the better one
    assert comb.expected[2] < 0.9 * best


def test_combined_bayesian_background_free_adds_the_signal_yields():
    """At 5 TeV both searches see no event and b ~ 0: the flat-prior limit is 3.0 events of the summed yield."""
    specs = _specs(5000.0, 1.0)
    for s in specs.values():
        for ch in s["channels"]:
            for smp in ch["samples"]:
                if smp["name"] == "signal":
                    smp["modifiers"] = [m for m in smp["modifiers"] if m["type"] == "normfactor"]
    c = combine_workspaces(specs, lumi_unc={k: (v[0], 0.0) for k, v in LUMI.items()})
    n_sig = sum(sum(smp["data"]) for ch in c["channels"] for smp in ch["samples"] if smp["name"] == "signal")
    ul = upper_limit(c, observed=True, method="bayesian")
    assert ul.observed * n_sig == pytest.approx(3.0, rel=0.04)


def test_pyhf_cls_reproduces_the_combined_cls():
    c = combine_workspaces(_specs(3000.0, 0.1), lumi_unc=LUMI)
    ws = pyhf.Workspace(c)
    model = ws.model()
    obs, exp = pyhf.infer.hypotest(0.8, ws.data(model), model, test_stat="qtilde", return_expected_set=True)
    ours_obs, ours_exp = cls(c, 0.8)
    assert ours_obs == pytest.approx(float(obs), rel=1e-3)
    assert ours_exp == pytest.approx([float(x) for x in exp], rel=1e-3)


def test_shared_events_refused_naming_the_pair():
    twin = SimpleNamespace(id="atlas_other", meta={"experiment": "ATLAS", "dataset": ATLAS.meta["dataset"]})
    with pytest.raises(LimitsError, match="analyses atlas_1903_06248 and atlas_other share events") as err:
        check_combinable([ATLAS, CMS, twin])
    assert "\n" not in str(err.value)
    check_combinable([ATLAS, CMS])  # different experiments: fine
    with pytest.raises(LimitsError, match="declares no experiment and dataset"):
        check_combinable([ATLAS, SimpleNamespace(id="x", meta={"experiment": "CMS"})])


def test_cli_combine_needs_two_analyses(runner):
    from recast.cli import cli

    res = runner.invoke(
        cli,
        [
            "limits",
            "--model",
            "Zp_SSM",
            "--lumi",
            "140",
            "--combine",
            "--analysis",
            "cms_2103_02708",
            "--masses",
            "4000",
            "--quiet",
        ],
    )
    assert res.exit_code == 2
    assert "needs at least two analyses" in res.stderr and res.stderr.count("\n") == 1


@pytest.mark.slow
def test_combine_end_to_end_zp_ssm():
    """Z'_SSM at 4 and 4.5 TeV (500 Pythia events): per-analysis, best-single and combined results all in
    limits.json; the combined expected limit is never weaker than the best single expected limit."""
    from recast.chain import run_limits

    r, ws = run_limits(
        "Zp_SSM", lumi_fb=139.0, masses=[4000.0, 4500.0], events_per_point=500, progress=False, jobs=1, combine=True
    )
    r = r.to_json()  # the limits.json document
    assert r["analyses"] == ["atlas_1903_06248", "cms_2103_02708"]
    assert r["per_analysis"]["cms_2103_02708"]["lumi_fb"] == 140.0  # --lumi 139 = Run 2 for CMS too
    for i, p in enumerate(r["combined"]["points"]):
        singles = [r["per_analysis"][a]["points"][i]["mu_ul_exp"][2] for a in r["analyses"]]
        assert p["mu_ul_exp"][2] <= min(singles) * 1.001
        assert p["mu_ul_obs"] is not None  # both at their own luminosity: observed data
        assert f"combined_{p['mass_GeV']:g}" in ws
    assert r["points"][0]["analysis"] == "combined" and r["best_single"]["points"][0]["analysis"] in r["analyses"]


def test_atlas_dimuon_and_lq_search_share_events():
    """Both run on the ATLAS Run-2 data set: --combine refuses them with one line naming the pair."""
    with pytest.raises(LimitsError, match="analyses atlas_1903_06248 and lq_mumujj share events"):
        check_combinable([get_analysis("atlas_1903_06248"), get_analysis("lq_mumujj")])
