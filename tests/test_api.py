"""The notebook API (recast.model / limits / flavour / atlas): physics through the API equals the CLI's,
results are typed, and `import recast` stays light. Limits use the stub signal source of
test_limits_pipeline.py (synthetic Z' -> mu mu events, no Pythia)."""

from __future__ import annotations

import json
import math
import subprocess
import sys

import pytest
from test_limits_pipeline import DIMUON, MASSES, StubSource, _falling_xsec

import recast
from recast.cli import cli
from recast.exceptions import InvalidParameter, RecastError


# ---------------------------------------------------------------- import and the API functions
def test_import_recast_is_light():
    """`import recast` loads none of the heavy dependencies (pyhf, Pythia, smelli/flavio, matplotlib)."""
    code = ("import sys, recast; heavy = ('pyhf', 'pythia8', 'pythia8mc', 'smelli', 'flavio', 'wilson', "
            "'matplotlib', 'uproot', 'awkward', 'scipy', 'recast.chain', 'recast.api'); "
            "print([m for m in heavy if m in sys.modules])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_api_names_are_plain_functions_not_swapped_modules():
    """recast.limits / recast.flavour / recast.atlas are functions; the machinery lives in packages of other
    names, so importing them rebinds nothing and no module changes class (the old class swap is gone)."""
    import types

    import recast.chain
    import recast.lowenergy
    import recast.u1x

    for name in ("model", "limits", "flavour", "atlas"):
        assert isinstance(getattr(recast, name), types.FunctionType), name
    assert type(recast) is types.ModuleType and type(recast.chain) is types.ModuleType
    assert not callable(recast.chain) and not callable(recast.lowenergy)
    assert recast.limits.__doc__ and "recast.api.limits" in recast.limits.__doc__
    assert {"model", "limits", "flavour", "atlas"} <= set(dir(recast))


# ---------------------------------------------------------------- recast.model
def test_model_widths_and_branching_ratios():
    m = 1500.0
    s3 = recast.model("S3", mass=m, y_bmu=1.0, y_smu=0.0)
    st = {s.name: s for s in s3.states()}
    assert st["S3m43"].width == pytest.approx(2 * m / (16 * math.pi), rel=1e-12)  # (sqrt2 y)^2 M/(16 pi)
    assert st["S3m43"].branching_ratios() == {(5, 13): pytest.approx(1.0)}
    r = (172.5 / m) ** 2  # top phase space (1 - r)^2: B(S3m13 -> b nu) = 1/(1 + (1 - r)^2)
    assert st["S3m13"].branching_ratios()[(5, 14)] == pytest.approx(1 / (1 + (1 - r) ** 2), rel=1e-3)
    zp = recast.model("Lmu-Ltau", mass=500, gX=0.1)
    # vector mu, tau: g^2 M/(12 pi) each; left-handed nu_mu, nu_tau: g^2 M/(24 pi) each -> g^2 M/(4 pi)
    assert zp.states()[0].width == pytest.approx(0.1**2 * 500 / (4 * math.pi), rel=1e-9)
    user = recast.model("Zp", mass=3000, charges="q=0 L=0,1,-1", gX=0.2)
    assert user.params["MZp"] == 3000 and user.couplings()[13] == (0.2, 0.2)
    with pytest.raises(RecastError, match="unknown model"):
        recast.model("S4")


# ---------------------------------------------------------------- recast.chain (stub signal source)
def _limits(model, **kw):
    return recast.limits(model, lumi=139, analyses=[DIMUON], source=StubSource(), method="asymptotic",
                         progress=False, **kw)


def test_limits_through_the_api_equal_run_limits():
    from recast.chain import check_result, run_limits
    from recast.results import LimitResult

    zp = recast.model("B-3Lmu", mass=3000)
    res = _limits(zp)
    direct, _ = run_limits("B-3Lmu", lumi_fb=139.0, analyses=[DIMUON], source=StubSource(), method="asymptotic",
                           progress=False, params=dict(zp.params))
    assert res.mass_limit["expected"] == pytest.approx(direct.mass_limit_GeV.expected, rel=1e-12)
    assert 3000 < res.mass_limit["expected"] < 4000  # sigma falls e^-4/TeV: mu_UL crosses 1 between 3 and 4 TeV
    assert res.mass_limit["observed"] == pytest.approx(direct.mass_limit_GeV.observed, rel=1e-12)
    assert [p.mass_GeV for p in res.points] == MASSES
    assert [p.xsec_pb for p in res.points] == pytest.approx([_falling_xsec(m) for m in MASSES], rel=1e-12)
    doc = res.to_dict()
    check_result(json.loads(json.dumps(doc)))
    assert LimitResult.from_json(doc).to_json() == doc and doc["params"]["MZp"] == 3000
    assert sorted(res.workspaces) == sorted(f"{DIMUON}_{m:g}" for m in MASSES)
    assert res.model == "B-3Lmu" and res.lumi_fb == 139.0  # LimitResult fields read through


def test_the_api_and_the_cli_take_one_door_with_one_cache(runner, tmp_path, monkeypatch):
    """recast.limits() and `recast limits` share cached_limits: an API request is answered from the cache by
    the CLI (and back), with the same numbers; --no-cache / use_cache=False recompute."""
    monkeypatch.setenv("RECAST_CACHE_DIR", str(tmp_path / "cache"))
    first = recast.limits("S3", lumi=139, masses=[1500.0], analyses=["lq_mumujj"], progress=False)
    assert not first.from_cache and first.mass_limit["expected"] is None  # one mass: no crossing
    again = recast.limits("S3", lumi=139, masses=[1500.0], analyses=["lq_mumujj"], progress=False)
    assert again.from_cache and again.to_dict() == first.to_dict() and sorted(again.workspaces) == ["lq_mumujj_1500"]
    res = runner.invoke(cli, ["limits", "--model", "S3", "--lumi", "139", "--masses", "1500", "--analysis",
                              "lq_mumujj", "--out", str(tmp_path / "out"), "--quiet"])
    assert res.exit_code == 0, res.output
    assert "served from cache" in res.output
    assert json.loads((tmp_path / "out" / "limits.json").read_text()) == first.to_dict()
    assert not recast.limits("S3", lumi=139, masses=[1500.0], analyses=["lq_mumujj"], progress=False,
                             use_cache=False).from_cache


def test_limits_couplings_user_charges_and_names():
    zp = recast.model("Zp", mass=3000, charges="q=1/3 L=0,-3,0")
    res = _limits(zp, couplings={"gX": 0.2})
    assert res.params["gX"] == 0.2 and res.to_dict()["charges"].startswith("Q=1/3,1/3,1/3")
    by_name = _limits("B-3Lmu", masses="2000:5000:1000")  # a name and a mass string work too (the stub ignores masses)
    assert by_name.mass_limit["expected"] == pytest.approx(_limits(recast.model("B-3Lmu")).mass_limit["expected"])
    named_zp = _limits("Zp", charges="q=1/3 L=0,-3,0", couplings={"gX": 0.2})
    assert named_zp.mass_limit == res.mass_limit and named_zp.charges == "q=1/3 L=0,-3,0"  # recorded as given
    with pytest.raises(InvalidParameter, match="model must be"):
        recast.limits(42, lumi=139)
    with pytest.raises(InvalidParameter, match="--lumi must be > 0"):
        recast.limits("B-3Lmu", lumi=-1, source=StubSource())


def test_limits_plot_write_repr_html(tmp_path):
    res = _limits(recast.model("B-3Lmu"))
    png = res.plot(tmp_path / "s.png")
    assert png == tmp_path / "s.png" and png.read_bytes()[:4] == b"\x89PNG" and png.stat().st_size > 1000
    assert res.plot(tmp_path / "figs").name == "exclusion.pdf"
    (tmp_path / "taken").mkdir()
    with pytest.raises(RecastError, match="--force"):
        _limits(recast.model("B-3Lmu"), out=tmp_path / "taken")
    out = res.write(tmp_path / "res")
    assert json.loads((out / "limits.json").read_text()) == json.loads(json.dumps(res.to_dict()))
    text = repr(res)
    assert text.startswith(f"<Limits B-3Lmu at 139 fb^-1: expected {res.mass_limit['expected'] / 1000:.2f} TeV")
    page = res._repr_html_()
    assert page.count("<tr>") == 1 + len(MASSES) and "3000" in page and "approximation:" in page
    assert "excluded" in res.summary() or "TeV" in res.summary()


# ---------------------------------------------------------------- recast.lowenergy
def test_flavour_api_equals_the_cli(runner):
    from recast.lowenergy import benchmark_c9

    fl = recast.flavour(recast.model("S3"))
    assert pytest.approx(benchmark_c9(), rel=1e-12) == fl.C9 and round(fl.C9, 3) == -0.363  # seed benchmark
    assert fl.likelihood == "builtin" and fl.smelli is None
    assert fl.delta_chi2 == pytest.approx(fl.chi2 - fl.chi2_sm)
    res = runner.invoke(cli, ["flavour", "--model", "S3", "--json", "-"])
    assert res.exit_code == 0, res.output
    doc = json.loads(res.output)
    assert doc["wilson"]["C9"] == fl.C9 and doc["chi2"] == fl.chi2
    assert doc["likelihood"] == "builtin" and "built-in 4-observable fit" in doc["likelihood_label"]
    assert fl.to_dict() == doc
    text = runner.invoke(cli, ["flavour", "--model", "S3"]).output
    assert "likelihood: built-in 4-observable fit" in text


def test_flavour_api_names_couplings_and_repr():
    a = recast.flavour("S3", mass=1000, y_bmu=1.0, y_smu=0.01)
    b = recast.flavour(recast.model("S3", mass=1000), y_bmu=1.0, y_smu=0.01)
    from recast.lowenergy.wilson import c9_normalisation

    assert a.C9 == b.C9 < 0  # tree level C9 = K y_b y_s/M^2, K = Re[pi v^2/(alpha V_tb V_ts*)] < 0
    c = recast.flavour(recast.model("S3", mass=1500), mass=1000, y_bmu=1.0, y_smu=0.01)  # mass= on a model too
    assert c.C9 == a.C9
    assert pytest.approx(c9_normalisation() * 0.01 / 1000**2, rel=0.06) == a.C9  # + running to 4.8 GeV (-4 %)
    zp = recast.flavour(recast.model("Lmu-Ltau", mass=1000, gX=0.1), g_bs=-0.001, fit="2025")
    assert pytest.approx(-0.11522, rel=1e-3) == zp.C9  # the CLI test's value (tests/test_flavour.py)
    assert "<Flavour Lmu-Ltau" in repr(zp) and "<table>" in zp._repr_html_()
    with pytest.raises(InvalidParameter, match="unknown flavour likelihood"):
        recast.flavour("S3", likelihood="flavio")


# ---------------------------------------------------------------- recast.atlas
def test_atlas_api_counts_and_cli(runner, tmp_path):
    from recast.u1x.enumerate import PAPER_COUNT

    full = recast.atlas()
    assert len(full) == PAPER_COUNT - 1  # arXiv:2107.07518 counts the trivial solution too
    chiral = recast.atlas(category="chiral")
    assert len(chiral) == 21 and chiral.counts == {"all": PAPER_COUNT - 1, "category": 21}
    out = tmp_path / "a.json"
    res = runner.invoke(cli, ["atlas", "--category", "chiral", "--json", str(out)])
    assert res.exit_code == 0, res.output
    assert json.loads(out.read_text()) == json.loads(json.dumps(chiral.to_dict()))
    assert repr(chiral) == "<Atlas 21 classes: universal class, |X| <= 10, category=chiral>"
    assert chiral._repr_html_().count("<tr>") == 22


def test_atlas_api_check():
    chk = recast.atlas("B-3Lmu")
    assert chk.anomaly_free and chk.atlas_id == "A0214" and chk.to_dict()["muoquarks"]["S3"]["muoquark"]
    bad = recast.atlas("q=0 L=0,1,0")
    assert not bad.anomaly_free and "ANOMALOUS" in repr(bad) and "<pre>" in bad._repr_html_()
    with pytest.raises(InvalidParameter, match="--construction applies to the 2\\+1 class only"):
        recast.atlas(construction="free")
