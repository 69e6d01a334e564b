"""The `recast limits` chain: input validation, outputs, caching, and the validated LQ limit."""

from __future__ import annotations

import json

import pytest

from recast.chain import parse_masses, summary_sentence
from recast.cli import cli
from recast.exceptions import InvalidParameter

PUBLISHED_LQ_LIMIT_GEV = 1700.0  # ATLAS 139 fb^-1, B(LQ -> mu q) = 1 (arXiv:2006.05872 abstract)


def test_parse_masses_range_is_stop_inclusive():
    assert parse_masses("1000:2400:200") == [1000.0 + 200 * i for i in range(8)]
    assert parse_masses("1500") == [1500.0]
    assert parse_masses("1000, 2000") == [1000.0, 2000.0]


@pytest.mark.parametrize("text", ["2000:1000:100", "a:b:c", "1000:2000:0", "-5,10", ""])
def test_parse_masses_rejects_bad_ranges(text):
    with pytest.raises(InvalidParameter):
        parse_masses(text)


def test_summary_sentence_expected_only():
    from types import SimpleNamespace

    from recast.results import MassLimit

    result = SimpleNamespace(model="S3", mass_range_GeV=[1000, 2400], projection=False,
                             mass_limit_GeV=MassLimit(observed=None, expected=1712.0, expected_band=[1600, 1800]))
    text = summary_sentence(result)  # the LimitResult fields it reads
    assert "S3" in text and "1.71 TeV" in text and "expected limit only" in text


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["--model", "S7", "--lumi", "139"], "unknown model 'S7'"),
        (["--model", "S3", "--lumi", "0"], "--lumi must be > 0"),
        (["--model", "S3", "--lumi", "-3"], "--lumi must be > 0"),
        (["--model", "S3", "--lumi", "139", "--masses", "2000:1000:100"], "empty"),
        (["--model", "S3", "--lumi", "139", "--analysis", "nope"], "unknown analysis 'nope'"),
        (["--model", "B-3Lmu", "--lumi", "139", "--analysis", "lq_mumujj"], "does not constrain zprime"),
        (["--model", "S3", "--lumi", "139", "--mass", "-100"], "must be > 0 GeV"),
    ],
)
def test_limits_bad_input_one_line_exit_2_nothing_written(runner, tmp_path, args, needle):
    out = tmp_path / "res"
    res = runner.invoke(cli, ["limits", *args, "--out", str(out), "--quiet"])
    assert res.exit_code == 2, res.output
    err = res.stderr if hasattr(res, "stderr") else res.output
    assert needle in err
    assert len(err.strip().splitlines()) == 1
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []


def test_limits_existing_output_needs_force(runner, tmp_path):
    out = tmp_path / "res"
    out.mkdir()
    res = runner.invoke(cli, ["limits", "--model", "S3", "--lumi", "139", "--out", str(out)])
    assert res.exit_code == 2
    assert "--force" in res.stderr


@pytest.mark.slow
def test_limits_end_to_end_small(runner, tmp_path):
    """Full chain on a tiny sample: outputs exist, schema as documented, cache serves run 2."""
    out = tmp_path / "s3"
    args = ["limits", "--model", "S3", "--lumi", "139", "--masses", "1400,2000", "--events-per-point", "300",
            "--quiet", "--out", str(out)]
    res = runner.invoke(cli, args)
    assert res.exit_code == 0, res.output + str(res.exception)
    doc = json.loads((out / "limits.json").read_text())
    assert doc["model"] == "S3" and doc["lumi_fb"] == 139
    assert set(doc["mass_limit_GeV"]) == {"observed", "expected", "expected_band"}
    p = doc["points"][0]
    assert set(p) >= {"mass_GeV", "xsec_pb", "signal_events", "mu_ul_obs", "mu_ul_exp"}
    assert len(p["mu_ul_exp"]) == 5 and p["mu_ul_exp"] == sorted(p["mu_ul_exp"])
    assert p["mu_ul_obs"] is None  # lq_mumujj has no observed data
    # S3m43 -> b mu with B ~ 1 at the benchmark point
    assert doc["branching_ratios"]["S3m43"]["5 13"] > 0.999
    assert (out / "exclusion.pdf").stat().st_size > 1000
    assert (out / "exclusion.png").stat().st_size > 1000
    # both installed searches constrain leptoquarks (the dimuon one through LQ -> mu q pairs)
    assert doc["analyses"] == ["atlas_1903_06248", "lq_mumujj"]
    assert doc["headline_analysis"] == "lq_mumujj"
    ws = sorted(w.name for w in (out / "workspaces").glob("*.json"))
    assert ws == [f"{a}_{m}.json" for a in doc["analyses"] for m in (1400, 2000)]
    assert doc["per_analysis"]["atlas_1903_06248"]["has_observed"] is True
    assert "expected limit only" in res.output
    # a second identical run is served from the cache
    res2 = runner.invoke(cli, [*args, "--force"])
    assert res2.exit_code == 0
    assert "served from cache" in res2.output
    assert json.loads((out / "limits.json").read_text()) == doc


@pytest.mark.slow
@pytest.mark.parametrize(
    ("model", "couplings", "states"),
    [
        ("S1", {"yR_cmu": 1.0}, None),  # S1 -> c mu with B = 1: the published B(mu q) = 1 case
        # S3^{4/3} -> b mu alone is the validation check lq_bmu_limit (tests/test_validation.py, full run)
    ],
)
def test_expected_lq_mass_limit_near_published(model, couplings, states):
    """Expected mass limit within +-10% of ATLAS' 1.7 TeV (arXiv:2006.05872; LQ -> b mu: 1.71 TeV)."""
    from recast.chain import run_limits

    result, _ = run_limits(model, lumi_fb=139.0, couplings=couplings, masses=[1400, 1600, 1800, 2000],
                           events_per_point=1000, fast=True, progress=False, seed=5, states=states)
    result = result.to_json()  # the limits.json document
    limit = result["mass_limit_GeV"]["expected"]
    assert limit is not None
    assert abs(limit / PUBLISHED_LQ_LIMIT_GEV - 1) < 0.10, limit


@pytest.mark.slow
def test_full_s3_benchmark_is_stronger_than_its_b_mu_state_alone():
    """All S3 states together (S3m13 -> t mu adds mu mu events) exclude more than S3m43 alone."""
    from recast.chain import run_limits

    kw = {"lumi_fb": 139.0, "masses": [1600, 2000], "events_per_point": 500, "progress": False, "seed": 5}
    alone, _ = run_limits("S3", states=["S3m43"], **kw)
    alone = alone.to_json()  # the limits.json document
    full, _ = run_limits("S3", **kw)
    full = full.to_json()  # the limits.json document
    for a, f in zip(alone["points"], full["points"], strict=True):
        assert f["xsec_pb"] == pytest.approx(2 * a["xsec_pb"])  # two pair-produced states, same mass
        assert f["signal_events"] > 1.05 * a["signal_events"]


@pytest.mark.slow
def test_projection_to_3000_is_asimov_labelled_and_stronger():
    """--lumi != 139: expected (Asimov) only, labelled as a projection; sensitivity grows."""
    from recast.chain import run_limits, summary_sentence
    from recast.results import LimitResult

    kw = {"masses": [1800, 2200], "events_per_point": 300, "progress": False, "seed": 3}
    run2, _ = run_limits("S3", lumi_fb=139.0, **kw)
    run2 = run2.to_json()  # the limits.json document
    hl, _ = run_limits("S3", lumi_fb=3000.0, **kw)
    hl = hl.to_json()  # the limits.json document
    assert hl["projection"] is True and run2["projection"] is False
    assert "[projection]" in summary_sentence(LimitResult.from_json(hl))
    assert any("projection to 3000 fb^-1" in n for n in hl["notes"])
    dimuon = hl["per_analysis"]["atlas_1903_06248"]["points"]
    assert all(p["mu_ul_obs"] is None for p in dimuon)  # no data at 3000 fb^-1
    assert all(p["mu_ul_obs"] is not None for p in run2["per_analysis"]["atlas_1903_06248"]["points"])
    for a, b in zip(run2["points"], hl["points"], strict=True):
        assert b["signal_events"] == pytest.approx(a["signal_events"] * 3000 / 139)
        assert b["mu_ul_exp"][2] < a["mu_ul_exp"][2]


@pytest.mark.slow
def test_user_events_file_gives_the_same_limit_as_the_embedded_chain(runner, tmp_path):
    """A recast ntuple passed with --events reproduces the generated point (sigma from the file)."""
    from recast.chain import run_limits

    kw = {"lumi_fb": 139.0, "events_per_point": 300, "progress": False, "seed": 4, "analyses": ["lq_mumujj"]}
    gen, _ = run_limits("S3", masses=[1700], **kw)
    gen = gen.to_json()  # the limits.json document
    ntuple = tmp_path / "s3.root"
    res = runner.invoke(cli, ["generate", "--model", "S3", "--mass", "1700", "--events", "300", "--seed", "4",
                              "--fast", "--out", str(ntuple), "--no-progress"])
    assert res.exit_code == 0, res.output
    user, _ = run_limits("S3", events_files=[ntuple], params={"mass": 1700}, **kw)
    user = user.to_json()  # the limits.json document
    assert len(user["points"]) == 1
    assert user["points"][0]["xsec_pb"] == pytest.approx(gen["points"][0]["xsec_pb"])
    assert user["points"][0]["mu_ul_exp"] == pytest.approx(gen["points"][0]["mu_ul_exp"], rel=1e-6)
    # --xsec overrides the file's cross-section: twice the sigma -> half the mu limit (same shape)
    doubled, _ = run_limits("S3", events_files=[ntuple], params={"mass": 1700},
                            xsec_pb=2 * gen["points"][0]["xsec_pb"], **kw)
    doubled = doubled.to_json()  # the limits.json document
    assert doubled["points"][0]["mu_ul_exp"][2] == pytest.approx(gen["points"][0]["mu_ul_exp"][2] / 2, rel=0.02)


def test_events_file_without_jets_is_a_one_line_error(runner, tmp_path):
    import awkward as ak
    import numpy as np
    import uproot

    path = tmp_path / "delphes_mu_only.root"
    branches = {"Muon.PT": ak.Array([[500.0, 400.0]]), "Muon.Eta": ak.Array([[0.1, -0.2]]),
                "Muon.Phi": ak.Array([[0.0, 3.0]]), "Muon.Charge": ak.values_astype(ak.Array([[1, -1]]), np.int32)}
    with uproot.recreate(path) as f:
        f.mktree("Delphes", {k: v.type.content for k, v in branches.items()})
        f["Delphes"].extend(branches)
    out = tmp_path / "res"
    res = runner.invoke(cli, ["limits", "--model", "S3", "--lumi", "139", "--events", str(path), "--mass", "1500",
                              "--xsec", "1e-3", "--analysis", "lq_mumujj", "--out", str(out), "--quiet"])
    assert res.exit_code == 2
    assert "Jet.PT" in res.stderr and str(path) in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1
    assert not out.exists()


def test_limit_method_follows_the_analysis_declaration():
    """The method each analysis' paper used (analysis.yaml) unless the user asks for another."""
    from types import SimpleNamespace

    from recast.analysis import get_analysis
    from recast.chain import limit_method

    dimuon = get_analysis("atlas_1903_06248")
    assert dimuon.limit_method == "bayesian"  # arXiv:1707.02424 convention, see analysis.yaml
    assert limit_method(dimuon) == "bayesian"
    assert limit_method(dimuon, method="asymptotic") == "asymptotic"
    assert limit_method(dimuon, toys=500) == "toys"
    assert limit_method(SimpleNamespace()) == "asymptotic"  # a plugin that declares nothing
    lq = get_analysis("lq_mumujj")
    assert lq.limit_method == lq.meta["limit_method"]["value"] == "asymptotic"
    assert "approximation" in lq.meta["limit_method"]["source"]  # the paper's method is not confirmed
