"""recast.analysis: the plugin contract, the entry-point registry, analysis.yaml schema, CLI listing."""

from __future__ import annotations

import copy
from importlib.metadata import EntryPoint
from typing import ClassVar

import numpy as np
import pytest

import recast.analysis as ra
from recast.analysis import registry
from recast.cli import cli
from recast.exceptions import AnalysisLoadError, InvalidCard, UnknownAnalysis


def test_public_api():
    assert dir(ra) == sorted(ra.__all__)
    assert {"Analysis", "get_analysis", "list_analyses", "register_analysis", "load_metadata"} <= set(ra.__all__)


def test_builtin_ids_without_import():
    assert {"atlas_1903_06248", "lq_mumujj"} <= set(ra.analysis_ids())


def test_get_dimuon_fulfils_protocol():
    ana = ra.get_analysis("atlas_1903_06248")
    assert isinstance(ana, ra.Analysis)
    assert (ana.id, ana.arxiv, ana.sqrt_s_GeV, ana.lumi_fb) == ("atlas_1903_06248", "1903.06248", 13000.0, 139.0)
    assert ana.has_observed is True
    assert set(ana.applies_to) == {"zprime", "leptoquark"}
    assert {"mu_pt", "mu_eta", "mu_phi", "mu_charge", "weight"} == set(ana.branches)
    assert ana.approximations and all(isinstance(a, str) for a in ana.approximations)
    assert ra.get_analysis(ana) is ana  # instances pass through, checked
    assert ra.get_analysis("atlas_1903_06248") is ana  # loaded once


def test_unknown_analysis_did_you_mean():
    with pytest.raises(UnknownAnalysis, match=r"did you mean atlas_1903_06248[,?]") as err:
        ra.get_analysis("atlas_1903_0624")
    assert isinstance(err.value, KeyError)
    assert "valid: " in str(err.value)


@pytest.fixture
def broken_plugin(monkeypatch):
    """An extra entry point whose module does not exist."""
    real = registry._entry_points

    def fake():
        eps = dict(real())
        eps["broken_search"] = EntryPoint(
            "broken_search", "recast_analyses.no_such_module:ANALYSIS", registry.ENTRY_POINT_GROUP
        )
        return eps

    monkeypatch.setattr(registry, "_entry_points", fake)
    yield "broken_search"
    registry._LOADED.pop("broken_search", None)


def test_broken_plugin_skipped_in_listing(broken_plugin):
    failures: dict[str, str] = {}
    ids = [a.id for a in ra.list_analyses(failures=failures)]
    assert "atlas_1903_06248" in ids and broken_plugin not in ids
    assert "ModuleNotFoundError" in failures[broken_plugin]
    with pytest.warns(ra.AnalysisLoadWarning, match="broken_search"):
        ra.list_analyses()


def test_broken_plugin_get_raises(broken_plugin):
    with pytest.raises(AnalysisLoadError, match=r"'broken_search' .* failed to load: ModuleNotFoundError"):
        ra.get_analysis(broken_plugin)


def test_cli_lists_and_warns(runner, broken_plugin):
    res = runner.invoke(cli, ["analyses"])
    assert res.exit_code == 0, res.output
    line = next(ln for ln in res.stdout.splitlines() if ln.startswith("atlas_1903_06248"))
    assert "1903.06248" in line and "139" in line and "zprime" in line and "leptoquark" in line
    assert "warning: analysis 'broken_search' skipped" in res.stderr


def test_cli_list_subcommand(runner):
    res = runner.invoke(cli, ["analyses", "list"])
    assert res.exit_code == 0
    assert "atlas_1903_06248" in res.stdout


class ToySearch:
    """A user-supplied analysis (no entry point): one bin counting."""

    id = "toy_search"
    arxiv = "0000.00000"
    sqrt_s_GeV = 13000.0
    lumi_fb = 10.0
    applies_to = ("zprime",)
    has_observed = False
    approximations: ClassVar[list[str]] = ["toy"]
    branches = ("weight",)

    def signal(self, events, *, lumi_fb):
        w = float(np.sum(events["weight"])) * 1000 * lumi_fb
        return {"sr": (np.array([w]), np.array([0.0]))}

    def workspace(self, signal, *, lumi_fb, xsec_rel_unc, mass_GeV=None):
        from recast.stats import Sample, build_workspace

        return build_workspace(signal=signal, backgrounds={"sr": [Sample("b", np.array([4.0]))]}, observed=None,
                               lumi_fb=lumi_fb, ref_lumi_fb=self.lumi_fb, xsec_rel_unc=xsec_rel_unc)


def test_register_user_analysis():
    toy = ToySearch()
    try:
        ra.register_analysis(toy)
        assert ra.get_analysis("toy_search") is toy
        assert "toy_search" in ra.analysis_ids()
        with pytest.raises(AnalysisLoadError, match="already registered"):
            ra.register_analysis(ToySearch())
        ws = toy.workspace(toy.signal({"weight": np.array([1e-4, 2e-4])}, lumi_fb=10.0), lumi_fb=10.0, xsec_rel_unc=0.1)
        assert ws["channels"][0]["samples"][0]["data"] == pytest.approx([3.0])  # 3e-4 pb x 10 fb^-1
    finally:
        registry._USER.pop("toy_search", None)


def test_typed_members_every_shipped_plugin_has():
    """package, limit_method, meta and measure_validation are typed members of Analysis (mypy checks each
    plugin against it): every shipped plugin has them, and a plugin without them still registers and runs."""
    from recast.chain import limit_method

    shipped = ra.list_analyses(failures={})
    assert {a.id for a in shipped} >= {"atlas_1903_06248", "cms_2103_02708", "lq_mumujj"}
    for ana in shipped:
        assert ana.package == f"recast_analyses.{ana.id}"
        assert ana.meta["id"] == ana.id
        assert ana.limit_method in ("asymptotic", "bayesian", "toys")
        assert callable(ana.measure_validation)
    toy = ToySearch()
    assert isinstance(toy, ra.Analysis)  # the runtime check demands only the required members
    assert ra.check_analysis(toy) is toy
    assert limit_method(toy) == "asymptotic"


def test_contract_violation_is_reported():
    class Half:
        id = "half"

    with pytest.raises(AnalysisLoadError, match=r"missing arxiv, .*signal, workspace"):
        ra.check_analysis(Half())


# ------------------------------------------------------------------ analysis.yaml schema
@pytest.mark.parametrize("pkg", ["recast_analyses.atlas_1903_06248", "recast_analyses.lq_mumujj"])
def test_shipped_analysis_yaml_validates(pkg):
    meta = ra.load_metadata(pkg)
    assert meta["id"] == pkg.split(".")[-1]


def test_schema_rejects_bad_documents():
    good = ra.load_metadata("recast_analyses.atlas_1903_06248")
    bad = copy.deepcopy(good)
    bad["lumi_fb"] = {"value": 139}  # number without its source
    with pytest.raises(InvalidCard, match=r"\$\['lumi_fb'\]: 'source' is a required property"):
        ra.validate_metadata(bad)
    bad = copy.deepcopy(good)
    bad["applies_to"] = ["axion"]
    with pytest.raises(InvalidCard, match=r"\$\['applies_to'\]\[0\]"):
        ra.validate_metadata(bad)
    bad = copy.deepcopy(good)
    del bad["background"]
    with pytest.raises(InvalidCard, match="'background' is a required property"):
        ra.validate_metadata(bad)


def test_unreadable_yaml(tmp_path):
    p = tmp_path / "analysis.yaml"
    p.write_text("id: [unclosed\n")
    with pytest.raises(InvalidCard, match="cannot read analysis metadata"):
        ra.load_metadata(str(p))
