"""The limits.json schema (recast/schemas/1.0.0/limits.schema.json): what `recast limits` writes
validates against it, a producer bug is refused before anything is written, `recast plot` reads it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from ntuples import dimuon_ntuple

from recast.cli import cli
from recast.exceptions import LimitsError

LUMI_ATLAS_FB = 139.0  # arXiv:1903.06248 abstract
LUMI_CMS_FB = 140.0  # arXiv:2103.02708 abstract
XSEC_PB = 0.01


def _dimuon_events(path: Path, *, n: int = 40, mass: float = 2000.0) -> Path:
    """Reconstructed back-to-back opposite-sign muon pairs, m(mumu) ~ *mass* GeV, sigma = 0.01 pb in total."""
    return dimuon_ntuple(path, n=n, mass=mass, xsec_pb=XSEC_PB)


@pytest.fixture
def real_result(runner, tmp_path, monkeypatch):
    """limits.json of `recast limits --events FILE --mass 2000` for B-3Lmu (ATLAS + CMS dimuon searches)."""
    def run(*extra: str) -> Path:
        monkeypatch.setenv("RECAST_CACHE_DIR", str(tmp_path / "cache"))
        events = _dimuon_events(tmp_path / "zp.root")
        out = tmp_path / ("res" + "".join(extra).replace("-", "_"))
        res = runner.invoke(cli, ["limits", "--model", "B-3Lmu", "--lumi", "139", "--events", str(events),
                                  "--mass", "2000", "--out", str(out), "--quiet", *extra])
        assert res.exit_code == 0, res.output
        return out
    return run


def test_a_real_result_validates_and_plots(real_result, runner):
    from recast.chain import check_result
    from recast.plotting.exclusion import validate_limit_result

    out = real_result()
    doc = json.loads((out / "limits.json").read_text())
    check_result(doc)
    validate_limit_result(doc)
    assert doc["units"] == {"mass": "GeV", "xsec": "pb", "lumi": "fb^-1"}
    assert set(doc["per_analysis"]) == {"atlas_1903_06248", "cms_2103_02708"}
    for aid, lumi in (("atlas_1903_06248", LUMI_ATLAS_FB), ("cms_2103_02708", LUMI_CMS_FB)):
        res = doc["per_analysis"][aid]
        assert res["lumi_fb"] == lumi  # each search at its own Run 2 luminosity
        (p,) = res["points"]
        assert p["xsec_pb"] == XSEC_PB and p["mass_GeV"] == 2000.0
        # N = sigma x L x (acc x eff) with acc x eff <= 1 (pb x fb^-1 = 1000 events)
        assert 0 < p["signal_events"] <= XSEC_PB * lumi * 1000 * (1 + 1e-9)
        assert p["mu_ul_exp"] == sorted(p["mu_ul_exp"])
    assert doc["points"][0]["analysis"] == doc["analysis_per_mass"]["2000"]
    plots = out.parent / "plots"
    res = runner.invoke(cli, ["plot", str(out / "limits.json"), "--out", str(plots)])
    assert res.exit_code == 0, res.output
    assert (plots / "exclusion.png").stat().st_size > 1000


def test_a_combined_result_validates(real_result):
    from recast.chain import check_result

    doc = json.loads((real_result("--combine") / "limits.json").read_text())
    check_result(doc)
    assert doc["points"][0]["analysis"] == "combined" and doc["points"][0]["method"] == doc["combined"]["limit_method"]
    # the combination is at least as strong as the better single search (more signal, same mu)
    best = min(p["mu_ul_exp"][2] for res in doc["per_analysis"].values() for p in res["points"])
    assert doc["combined"]["points"][0]["mu_ul_exp"][2] < best


def _valid_doc(real_result) -> dict:
    return json.loads((real_result() / "limits.json").read_text())


@pytest.mark.parametrize(
    ("damage", "needle"),
    [
        (lambda d: d.pop("mass_limit_GeV"), "'mass_limit_GeV' is a required property"),
        (lambda d: d["points"][0].pop("mu_ul_obs"), "$['points'][0]: 'mu_ul_obs' is a required property"),
        (lambda d: d["points"][0].update(mu_ul_exp=[1.0, 2.0]), "$['points'][0]['mu_ul_exp']"),
        (lambda d: d["per_analysis"]["cms_2103_02708"].update(limit_method="guess"), "'guess'"),
        (lambda d: d.update(units={"mass": "TeV", "xsec": "pb", "lumi": "fb^-1"}), "$['units']['mass']"),
        (lambda d: d.update(br_mu=1.0), "'br_mu' was unexpected"),
    ],
)
def test_write_results_refuses_a_result_off_the_schema(real_result, tmp_path, damage, needle):
    """A producer bug (a result whose document is off the schema) is a LimitsError naming the JSON path, and
    nothing is written: write_results checks the document it writes."""
    from types import SimpleNamespace

    from recast.chain import write_results

    doc = _valid_doc(real_result)
    damage(doc)
    out = tmp_path / "written"
    with pytest.raises(LimitsError, match=r"limits\.schema\.json") as err:
        write_results(SimpleNamespace(to_json=lambda: doc), {}, out, plots=False)
    assert needle in str(err.value) and "\n" not in str(err.value)
    assert not out.exists()


def test_schema_is_shipped_and_versioned():
    from recast.plotting.exclusion import LIMIT_RESULT_SCHEMA
    from recast.schemas import SCHEMA_VERSION, load_schema

    schema = load_schema("limits.schema.json")
    assert schema is LIMIT_RESULT_SCHEMA
    assert f"/{SCHEMA_VERSION}/limits.schema.json" in schema["$id"]
    assert schema["properties"]["units"]["properties"]["xsec"] == {"const": "pb"}


@pytest.mark.parametrize("extra", [(), ("--combine",)])
def test_typed_result_round_trips_a_real_limits_json(real_result, extra):
    """recast.results.LimitResult: from_json(doc).to_json() == doc, with the numbers typed and reachable."""
    from recast.results import LimitResult

    doc = json.loads((real_result(*extra) / "limits.json").read_text())
    res = LimitResult.from_json(doc)
    assert res.to_json() == doc
    assert res.units == {"mass": "GeV", "xsec": "pb", "lumi": "fb^-1"}
    cms = res.per_analysis["cms_2103_02708"]
    assert cms.lumi_fb == LUMI_CMS_FB and cms.points[0].xsec_pb == XSEC_PB
    # the sigma limit is mu_UL x sigma
    assert cms.points[0].xsec_ul_pb() == pytest.approx(cms.points[0].mu_ul_exp[2] * XSEC_PB)
    assert (res.combined is not None) == bool(extra)


def test_read_output_gives_back_what_the_cli_wrote(real_result):
    """recast.results.read_output: the output directory -> the same document and the same workspaces
    (a cache hit is answered this way); from_checked types without checking, from_json checks."""
    from recast.exceptions import InvalidCard
    from recast.results import LimitResult, read_output

    out = real_result()
    doc = json.loads((out / "limits.json").read_text())
    result, workspaces = read_output(out)
    assert result.to_json() == doc == LimitResult.from_checked(doc).to_json()
    files = sorted((out / "workspaces").glob("*.json"))
    assert len(files) == 2 and sorted(workspaces) == [f.stem for f in files]
    assert all(workspaces[f.stem] == json.loads(f.read_text()) for f in files)
    doc["units"]["xsec"] = "fb"  # off the schema (const "pb"): only the checking door refuses it
    assert LimitResult.from_checked(doc).units["xsec"] == "fb"
    with pytest.raises(InvalidCard, match="units"):
        LimitResult.from_json(doc)


def test_typed_result_refuses_an_off_schema_document(real_result):
    from recast.exceptions import InvalidCard
    from recast.results import LimitResult

    doc = json.loads((real_result() / "limits.json").read_text())
    del doc["per_analysis"]["atlas_1903_06248"]["mass_limit_GeV"]
    where = r"\$\['per_analysis'\]\['atlas_1903_06248'\]: 'mass_limit_GeV' is a required"
    with pytest.raises(InvalidCard, match=where):
        LimitResult.from_json(doc)
