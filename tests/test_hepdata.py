"""HEPData out (issue 15, item 3): a limits result as a HEPData submission (hepdata-lib) that
hepdata-validator accepts, with the numbers of limits.json in it.

No Pythia: the signal is a stub source of synthetic Z' -> mu mu events through the ATLAS dimuon
search (arXiv:1903.06248), as in tests/test_limits_pipeline.py.
"""

from __future__ import annotations

import json
import math
import tarfile

import awkward as ak
import numpy as np
import pytest
import yaml
from click.testing import CliRunner

from recast.cli import cli
from recast.export.hepdata import MISSING, hepdata_submission, validate_submission, write_hepdata
from recast.io import from_branches
from recast.sources import SignalPoint

DIMUON = "atlas_1903_06248"
MASSES = [2000.0, 3000.0, 4000.0, 5000.0]
XSEC_REL_UNC = 0.10


def _falling_xsec(m: float) -> float:
    """A test sigma x B(mumu) [pb] falling steeply enough that mu_UL crosses 1 inside MASSES (not a model)."""
    return 0.05 * math.exp(-(m - 2000.0) / 250.0)


class StubSource:
    """Back-to-back muons at eta = 0 with m(mumu) = the mass, sigma from _falling_xsec."""

    def __init__(self, masses=MASSES, n: int = 200):
        self.masses, self.n = list(masses), n

    def __len__(self) -> int:
        return len(self.masses)

    def points(self, model, *, branches):
        return (self._point(m) for m in self.masses)

    def _point(self, m: float) -> SignalPoint:
        f32 = lambda x: ak.values_astype(ak.Array(x), np.float32)  # noqa: E731
        n, xs = self.n, _falling_xsec(m)
        events = from_branches({
            "mu_pt": f32([[m / 2, m / 2]] * n), "mu_eta": f32([[0.0, 0.0]] * n), "mu_phi": f32([[0.0, math.pi]] * n),
            "mu_charge": ak.values_astype(ak.Array([[-1, 1]] * n), np.int32), "weight": np.full(n, xs / n),
        })
        return SignalPoint(m, xs, XSEC_REL_UNC, events, f"stub m={m:g}")


def _result(lumi_fb: float = 139.0) -> dict:
    from recast.chain import run_limits

    result, _workspaces = run_limits("B-3Lmu", lumi_fb=lumi_fb, analyses=[DIMUON], source=StubSource(),
                                     method="asymptotic", progress=False)
    result = result.to_json()  # the limits.json document
    return result


@pytest.fixture(scope="module")
def run2():
    return _result()


@pytest.fixture(scope="module")
def projected():
    return _result(300.0)  # away from the search's 139 fb^-1: Asimov, expected limits only


def _load(folder, name: str) -> dict:
    return yaml.safe_load((folder / "submission" / name).read_text())


def _var(table: dict, prefix: str) -> dict:
    (var,) = [v for v in table["dependent_variables"] if v["header"]["name"].startswith(prefix)]
    return var


def test_submission_is_accepted_by_hepdata_validator(run2, tmp_path):
    out = write_hepdata(run2, tmp_path / "hd")
    assert validate_submission(out / "submission.tar.gz") == []
    assert validate_submission(out / "submission") == []
    with tarfile.open(out / "submission.tar.gz") as tar:
        names = sorted(tar.getnames())
    assert names == sorted(p.name for p in (out / "submission").iterdir())
    assert names == ["cross-section_limits.yaml", f"cross-section_limits_{DIMUON}.yaml", "limits.json",
                     "mass_limits.yaml", "submission.yaml"]
    assert not list(tmp_path.glob("*.tar.gz")) and not list(tmp_path.glob(".hd*"))  # nothing beside it
    # the limits.json is attached as an additional resource, number for number
    assert json.loads((out / "submission" / "limits.json").read_text()) == json.loads(json.dumps(run2))
    header = next(yaml.safe_load_all((out / "submission" / "submission.yaml").read_text()))
    assert "limits.json" in [r["location"] for r in header["additional_resources"]]


def test_limit_curves_carry_the_limits_json_numbers(run2, tmp_path):
    out = write_hepdata(run2, tmp_path / "hd")
    table = _load(out, "cross-section_limits.yaml")
    masses = [v["value"] for v in table["independent_variables"][0]["values"]]
    assert masses == MASSES
    assert table["independent_variables"][0]["header"]["units"] == "GeV"
    exp = _var(table, "Expected 95% CL upper limit on sigma x B(Zprime -> mu mu)")
    obs = _var(table, "Observed 95% CL upper limit on sigma x B(Zprime -> mu mu)")
    theory = _var(table, "Theory sigma x B")
    assert exp["header"]["units"] == obs["header"]["units"] == theory["header"]["units"] == "pb"
    quals = {q["name"]: q["value"] for q in exp["qualifiers"]}
    assert quals["LUMINOSITY"] == 139.0 and quals["SQRT(S)"] == 13000.0 and quals["CL"] == "95%"
    for p, e, o, t in zip(run2["points"], exp["values"], obs["values"], theory["values"], strict=True):
        xs = _falling_xsec(p["mass_GeV"])
        assert t["value"] == pytest.approx(xs, rel=1e-4)  # 5 significant digits (hepdata_lib rounding)
        assert t["errors"][0]["symerror"] == pytest.approx(XSEC_REL_UNC * xs, rel=1e-4)
        m2, m1, med, p1, p2 = p["mu_ul_exp"]
        assert e["value"] == pytest.approx(med * xs, rel=1e-4)  # sigma_UL = mu_UL x sigma
        band = {err["label"]: err["asymerror"] for err in e["errors"]}
        assert band["1 sigma"]["minus"] == pytest.approx((m1 - med) * xs, rel=1e-3, abs=1e-12)
        assert band["1 sigma"]["plus"] == pytest.approx((p1 - med) * xs, rel=1e-3, abs=1e-12)
        assert band["2 sigma"]["minus"] == pytest.approx((m2 - med) * xs, rel=1e-3, abs=1e-12)
        assert band["2 sigma"]["plus"] == pytest.approx((p2 - med) * xs, rel=1e-3, abs=1e-12)
        assert o["value"] == pytest.approx(p["mu_ul_obs"] * xs, rel=1e-4)
    mu = _var(table, "Expected 95% CL upper limit on mu")
    assert [v["value"] for v in mu["values"]] == pytest.approx([p["mu_ul_exp"][2] for p in run2["points"]], rel=1e-4)


def test_mass_limit_is_where_the_limit_meets_the_theory_curve(run2, tmp_path):
    """mu_UL = sigma_UL / sigma: the tabulated curves cross (log sigma linear in m, as
    recast.stats.upper_limits.mass_limit interpolates) at the tabulated expected mass limit."""
    out = write_hepdata(run2, tmp_path / "hd")
    table = _load(out, "cross-section_limits.yaml")
    exp = np.array([v["value"] for v in _var(table, "Expected 95% CL upper limit on sigma")["values"]])
    theory = np.array([v["value"] for v in _var(table, "Theory sigma")["values"]])
    r = np.log(exp / theory)
    i = int(np.nonzero((r[:-1] < 0) & (r[1:] >= 0))[0][0])
    crossing = MASSES[i] + (MASSES[i + 1] - MASSES[i]) * (-r[i]) / (r[i + 1] - r[i])
    limits = _load(out, "mass_limits.yaml")
    rows = [v["value"] for v in limits["independent_variables"][0]["values"]]
    assert rows == ["quoted: best expected limit per mass", DIMUON]
    expected = _var(limits, "Expected lower limit")
    assert expected["values"][0]["value"] == pytest.approx(run2["mass_limit_GeV"]["expected"], rel=1e-4)
    assert crossing == pytest.approx(run2["mass_limit_GeV"]["expected"], rel=1e-3)
    lo, hi = run2["mass_limit_GeV"]["expected_band"]
    err = expected["values"][0]["errors"][0]["asymerror"]
    assert err["minus"] == pytest.approx(min(lo, hi) - run2["mass_limit_GeV"]["expected"], rel=1e-3)
    assert err["plus"] == pytest.approx(max(lo, hi) - run2["mass_limit_GeV"]["expected"], rel=1e-3)
    assert 3000 < run2["mass_limit_GeV"]["expected"] < 4000
    observed = _var(limits, "Observed lower limit")
    assert observed["values"][0]["value"] == pytest.approx(run2["mass_limit_GeV"]["observed"], rel=1e-4)


def test_descriptions_carry_method_approximations_and_notes(run2):
    sub = hepdata_submission(run2)
    assert run2["approximations"] and run2["limit_method"] == "asymptotic"
    for a in run2["approximations"]:
        assert a.rstrip(".") in sub.comment
    quoted = sub.tables[0]
    assert "limit method: asymptotic" in quoted.description and "139 fb^-1" in quoted.description
    assert all(a.rstrip(".") in quoted.description for a in run2["approximations"])
    assert "B(13 -13)" in quoted.description or "B(-13 13)" in quoted.description  # Z' -> mu mu


def test_projection_without_observed_limits_is_valid(projected, tmp_path):
    assert projected["projection"] is True
    out = write_hepdata(projected, tmp_path / "hd")
    assert validate_submission(out / "submission.tar.gz") == []
    table = _load(out, "cross-section_limits.yaml")
    names = [v["header"]["name"] for v in table["dependent_variables"]]
    assert not [n for n in names if n.startswith("Observed")]  # no observed limits at 300 fb^-1
    limits = _load(out, "mass_limits.yaml")
    assert [v["value"] for v in _var(limits, "Observed lower limit")["values"]] == [MISSING, MISSING]
    header = next(yaml.safe_load_all((out / "submission" / "submission.yaml").read_text()))
    assert "projection: expected limits only" in header["comment"]


def test_cli_hepdata_from_a_saved_result_and_errors(run2, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "limits.json").write_text(json.dumps(run2))
    runner = CliRunner()
    res = runner.invoke(cli, ["hepdata", "limits.json", "hd"])
    assert res.exit_code == 0, res.output
    assert "wrote hd/submission.tar.gz" in res.output
    assert validate_submission(tmp_path / "hd" / "submission.tar.gz") == []
    res = runner.invoke(cli, ["hepdata", "limits.json", "hd"])
    assert res.exit_code == 2 and res.stderr.strip() == (
        "recast: error: DIR hd exists — pass --force to overwrite it or choose another DIR")
    assert runner.invoke(cli, ["hepdata", "limits.json", "hd", "--force"]).exit_code == 0
    bad = dict(run2)
    del bad["points"]
    (tmp_path / "bad.json").write_text(json.dumps(bad))
    res = runner.invoke(cli, ["hepdata", "bad.json", "hd2"])
    assert res.exit_code == 2 and "'points' is a required property" in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1 and not (tmp_path / "hd2").exists()


def test_cli_hepdata_takes_the_workspaces_beside_a_relative_limits_json(run2, tmp_path, monkeypatch):
    """`recast hepdata res/limits.json hd` (relative paths, the usual call) ships res/workspaces/*.json."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "res" / "workspaces").mkdir(parents=True)
    (tmp_path / "res" / "limits.json").write_text(json.dumps(run2))
    spec = {"channels": [], "note": "stand-in workspace"}
    (tmp_path / "res" / "workspaces" / f"{DIMUON}_2000.json").write_text(json.dumps(spec))
    res = CliRunner().invoke(cli, ["hepdata", "res/limits.json", "hd"])
    assert res.exit_code == 0, res.output
    with tarfile.open(tmp_path / "hd" / "submission" / "pyhf_workspaces.tar.gz") as tar:
        assert tar.getnames() == [f"workspaces/{DIMUON}_2000.json"]
        assert json.load(tar.extractfile(f"workspaces/{DIMUON}_2000.json")) == spec


def test_recast_limits_hepdata_option(tmp_path, monkeypatch):
    """`recast limits ... --hepdata DIR` writes the submission of the limits.json it wrote."""
    import recast.chain

    monkeypatch.setattr(recast.chain, "GeneratedSource", lambda masses, events_per_point, **kw: StubSource(masses))
    monkeypatch.setenv("RECAST_CACHE_DIR", str(tmp_path / "cache"))
    out, hd = tmp_path / "res", tmp_path / "hd"
    argv = ["limits", "--model", "B-3Lmu", "--lumi", "139", "--masses", "2000:5000:1000", "--analysis", DIMUON,
            "--method", "asymptotic", "--out", str(out), "--quiet", "--hepdata", str(hd)]
    res = CliRunner().invoke(cli, argv)
    assert res.exit_code == 0, res.output
    assert f"wrote {hd}/submission.tar.gz" in res.output
    doc = json.loads((out / "limits.json").read_text())
    limits = _load(hd, "mass_limits.yaml")
    assert _var(limits, "Expected lower limit")["values"][0]["value"] == pytest.approx(
        doc["mass_limit_GeV"]["expected"], rel=1e-4)
    # the pyhf workspaces recast limits wrote ride along, one per analysis and mass
    with tarfile.open(hd / "submission" / "pyhf_workspaces.tar.gz") as tar:
        assert sorted(tar.getnames()) == [f"workspaces/{DIMUON}_{m:g}.json" for m in MASSES]
        spec = json.load(tar.extractfile(f"workspaces/{DIMUON}_2000.json"))
    assert spec == json.loads((out / "workspaces" / f"{DIMUON}_2000.json").read_text())
    # an existing --hepdata folder is refused before any work unless --force
    res = CliRunner().invoke(cli, [*argv[:-5], "--out", str(tmp_path / "res2"), "--quiet", "--hepdata", str(hd)])
    assert res.exit_code == 2 and "--hepdata" in res.stderr and "exists" in res.stderr
    assert not (tmp_path / "res2").exists()
