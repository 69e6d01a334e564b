"""recast.validation and `recast validate`: check statuses, schemas, CLI, report, shipped checks."""

from __future__ import annotations

import copy
import math
from typing import ClassVar

import numpy as np
import pytest
from click.testing import CliRunner

from recast.analysis import load_metadata, register_analysis, registry, validate_metadata
from recast.cli import cli
from recast.exceptions import InvalidCard, UnknownAnalysis
from recast.validation import (
    KNOWN_SLACK,
    Check,
    KnownDeviation,
    Status,
    evaluate,
    load_suites,
    model_suites,
    run_validation,
    write_report,
)
from recast.validation.checks import parse_model_suites


def _check(published=100.0, tolerance=0.10, known=None, **kw) -> Check:
    kd = None if known is None else KnownDeviation(known, "recorded reason")
    return Check(id=kw.pop("id", "c"), group=kw.pop("group", "g"), quantity="q", published=published,
                 unit="GeV", source="src", tolerance=tolerance, fast=True, known_deviation=kd, **kw)


# ------------------------------------------------------------------ statuses (the contract)
@pytest.mark.parametrize(("ours", "status"), [(110.0, Status.PASS), (90.0, Status.PASS), (100.0, Status.PASS),
                                               (110.01, Status.FAIL), (89.99, Status.FAIL)])
def test_pass_up_to_the_tolerance_edge(ours, status):
    assert evaluate(_check(), ours).status is status


def test_edge_pass_for_a_tolerance_not_representable_in_binary():
    # 0.776 * 1.06 is not exactly representable: the edge must still pass
    assert evaluate(_check(published=0.776, tolerance=0.06), 0.776 * 1.06).status is Status.PASS
    assert evaluate(_check(published=1700.0, tolerance=0.06), 1802.0).status is Status.PASS
    assert evaluate(_check(published=1700.0, tolerance=0.06), 1803.0).status is Status.FAIL


def test_known_when_not_worse_than_recorded():
    c = _check(known=80.0)  # recorded dev -20 %
    assert evaluate(c, 80.0).status is Status.KNOWN
    assert evaluate(c, 85.0).status is Status.KNOWN  # better, still outside tolerance
    assert evaluate(c, 122.0).status is Status.KNOWN  # |+22 %| = 20 % + 2 % slack, the other side
    assert evaluate(c, 78.0).status is Status.KNOWN  # -22 %: exactly the slack
    worse = evaluate(c, 77.9)  # -22.1 %: worse than recorded by more than the slack
    assert worse.status is Status.FAIL and "worse than the recorded" in worse.note
    assert evaluate(c, 80.0).note == "recorded reason"
    assert KNOWN_SLACK == 0.02


def test_fail_outside_tolerance_without_record():
    r = evaluate(_check(), 85.0)
    assert r.status is Status.FAIL and r.deviation == pytest.approx(-0.15)
    assert "no known deviation" in r.note


@pytest.mark.parametrize("ours", [None, math.nan, math.inf])
def test_missing_or_non_finite_value_fails(ours):
    assert evaluate(_check(), ours).status is Status.FAIL


def test_stale_known_deviation_is_flagged():
    r = evaluate(_check(known=80.0), 101.0)
    assert r.status is Status.PASS and "can be removed" in r.note


# ------------------------------------------------------------------ schema
def test_schema_requires_a_validation_block():
    doc = copy.deepcopy(load_metadata("recast_analyses.lq_mumujj"))
    del doc["validation"]
    with pytest.raises(InvalidCard, match="'validation' is a required property"):
        validate_metadata(doc)
    doc["validation"] = []
    with pytest.raises(InvalidCard, match=r"\$\['validation'\]"):
        validate_metadata(doc)


@pytest.mark.parametrize(
    ("edit", "match"),
    [
        (lambda c: c["published"].pop("source"), "'source' is a required property"),
        (lambda c: c["published"].pop("unit"), "'unit' is a required property"),
        (lambda c: c.pop("tolerance"), "'tolerance' is a required property"),
        (lambda c: c.update(tolerance=0), "less than or equal to the minimum of 0"),
        (lambda c: c.update(tolerance=1.5), "greater than the maximum of 1"),
        (lambda c: c.update(id="Bad-Id"), "does not match"),
        (lambda c: c.update(known_deviation={"measured": 1.0}), "'note' is a required property"),
        (lambda c: c["published"].update(value=0), "should not be valid|is not allowed"),
    ],
)
def test_schema_rejects_bad_checks(edit, match):
    doc = copy.deepcopy(load_metadata("recast_analyses.lq_mumujj"))
    edit(doc["validation"][0])
    with pytest.raises(InvalidCard, match=match):
        validate_metadata(doc)


def test_repeated_check_id_is_rejected():
    entry = {"id": "a", "group": "g", "quantity": "qqq", "published": {"value": 1, "unit": "fb", "source": "src"},
             "tolerance": 0.1, "fast": True}
    doc = {"suites": {"s": {"title": "t", "reference": "r", "method": [], "validation": [entry, dict(entry)]}}}
    with pytest.raises(InvalidCard, match="appears twice"):
        parse_model_suites(doc)
    del doc["suites"]["s"]["validation"][1]["published"]["source"]
    with pytest.raises(InvalidCard, match=r"\['published'\]: 'source' is a required property"):
        parse_model_suites(doc)


def test_shipped_model_suites_parse():
    suites = model_suites()
    assert {"flavour", "atlas"} <= set(suites)
    c9 = {c.id: c for c in suites["flavour"].checks}["c9_s3_benchmark"]
    assert c9.tolerance == 0.015 and "flavio" in c9.source


def test_unknown_name_lists_the_choices():
    with pytest.raises(UnknownAnalysis, match=r"unknown analysis or suite 'nosuch' — choose from .*lq_mumujj.*flavour"):
        load_suites(["nosuch"])


# ------------------------------------------------------------------ a synthetic analysis through the CLI
class ToyValidated:
    """A minimal plugin with two validation checks whose values the test sets."""

    id = "toy_validated"
    arxiv = "0000.00000"
    title = "toy"
    sqrt_s_GeV = 13000.0
    lumi_fb = 139.0
    applies_to = ("zprime",)
    has_observed = False
    approximations: ClassVar[list[str]] = ["toy approximation"]
    branches = ("weight",)

    def __init__(self, values: dict[str, float]) -> None:
        self.values = values
        self.calls: list[tuple[tuple[str, ...], bool]] = []
        self.meta = {
            "arxiv": self.arxiv,
            "title": "toy search",
            "approximations": self.approximations,
            "validation": [
                {
                    "id": "lim_m1000",
                    "group": "limits",
                    "quantity": "expected limit",
                    "x": {"value": 1000, "unit": "GeV"},
                    "published": {"value": 1.0, "unit": "fb", "source": "toy paper Tab. 1"},
                    "tolerance": 0.1,
                    "fast": True,
                },
                {
                    "id": "lim_m2000",
                    "group": "limits",
                    "quantity": "expected limit",
                    "x": {"value": 2000, "unit": "GeV"},
                    "published": {"value": 0.1, "unit": "fb", "source": "toy paper Tab. 1"},
                    "tolerance": 0.1,
                    "fast": True,
                    "known_deviation": {"measured": 0.08, "note": "toy reason"},
                },
                {
                    "id": "mass_limit",
                    "group": "mass",
                    "quantity": "mass limit",
                    "published": {"value": 1700, "unit": "GeV", "source": "toy abstract"},
                    "tolerance": 0.06,
                    "fast": False,
                },
            ],
        }

    def signal(self, events, *, lumi_fb):
        return {"sr": (np.zeros(1), np.zeros(1))}

    def workspace(self, signal, *, lumi_fb, xsec_rel_unc, mass_GeV=None):
        return {}

    def measure_validation(self, check_ids, *, fast):
        self.calls.append((tuple(check_ids), fast))
        return {c: self.values[c] for c in check_ids}


@pytest.fixture
def toy():
    def make(**values):
        ana = ToyValidated({"lim_m1000": 1.05, "lim_m2000": 0.081, "mass_limit": 1750.0, **values})
        register_analysis(ana, replace=True)
        return ana

    yield make
    registry._USER.pop("toy_validated", None)


def test_cli_rows_and_exit_zero_with_known(toy):
    ana = toy()
    res = CliRunner().invoke(cli, ["validate", "toy_validated", "--fast"])
    assert res.exit_code == 0, res.output
    assert ana.calls == [(("lim_m1000", "lim_m2000"), True)]  # the slow check is not measured
    rows = [ln.split() for ln in res.output.splitlines() if ln.startswith("toy_validated")]
    assert [r[1] for r in rows] == ["lim_m1000", "lim_m2000"]
    assert rows[0][-1] == "PASS" and rows[0][5] == "+5.0%" and rows[0][6] == "10%"
    assert rows[1][-1] == "KNOWN" and rows[1][5] == "-19.0%"
    assert "2 checks (fast): 1 PASS, 1 KNOWN\n" in res.output


def test_cli_exit_one_on_fail(toy):
    toy(mass_limit=1600.0)  # -5.9 %: passes; the fast ones fail below
    res = CliRunner().invoke(cli, ["validate", "toy_validated"])
    assert res.exit_code == 0, res.output
    toy(lim_m2000=0.07)  # -30 %, recorded -20 %: worse than the record
    res = CliRunner().invoke(cli, ["validate", "toy_validated"])
    assert res.exit_code == 1
    assert "3 checks: 2 PASS, 1 FAIL\n" in res.output


def test_cli_plugin_error_is_a_fail_row_not_a_traceback(toy):
    ana = toy()
    ana.values = {}  # measure_validation raises KeyError
    res = CliRunner().invoke(cli, ["validate", "toy_validated", "--fast"])
    assert res.exit_code == 1
    assert "measurement failed: KeyError" in res.output and "Traceback" not in res.output


def test_cli_unknown_name_one_line_exit_2():
    res = CliRunner().invoke(cli, ["validate", "nosuch"])
    assert res.exit_code == 2
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("recast: error: unknown analysis or suite 'nosuch' — choose from atlas_1903_06248")


def test_report_files_and_overwrite_refusal(toy, tmp_path):
    toy()
    out = tmp_path / "rep"
    res = CliRunner().invoke(cli, ["validate", "toy_validated", "atlas", "--report", str(out)])
    assert res.exit_code == 0, res.output
    md = (out / "validation.md").read_text(encoding="utf-8")
    assert "🔴 KNOWN" in md and "✅ PASS" in md and "toy reason" in md
    assert "toy paper Tab. 1" in md and "toy approximation" in md  # sources and approximations echoed
    for img in (
        "validation_toy_validated_limits.png",
        "validation_toy_validated_mass.png",
        "validation_atlas_counts.png",
    ):
        assert (out / "img" / img).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert f"(img/{img})" in md
    res = CliRunner().invoke(cli, ["validate", "toy_validated", "--report", str(out)])
    assert res.exit_code == 2 and "exists — pass --force" in res.stderr
    res = CliRunner().invoke(cli, ["validate", "toy_validated", "--fast", "--report", str(out), "--force"])
    assert res.exit_code == 0 and "fast checks only" in (out / "validation.md").read_text(encoding="utf-8")


def test_write_report_marks_fail(toy, tmp_path):
    toy(lim_m1000=2.0)
    run = run_validation(["toy_validated"], fast=True)
    assert run.failed
    write_report(run, tmp_path)
    assert "❌ FAIL" in (tmp_path / "validation.md").read_text(encoding="utf-8")


# ------------------------------------------------------------------ shipped checks
def test_atlas_universal_count_is_the_papers():
    (r,) = run_validation(["atlas"]).results
    assert r.ours == 276 and r.status is Status.PASS  # arXiv:2107.07518: 276 (trivial solution included)


def test_every_shipped_analysis_has_checks():
    suites = {s.name: s for s in load_suites() if s.kind == "analysis"}
    assert {"atlas_1903_06248", "lq_mumujj"} <= set(suites)
    assert any(c.fast for c in suites["atlas_1903_06248"].checks)  # CI covers the dimuon search
    lq = {c.id: c for c in suites["lq_mumujj"].checks}
    assert lq["lq_b1_mumu_limit"].published == 1700 and lq["lq_b1_mumu_limit"].tolerance == 0.06
    assert all(c.fast for c in lq.values())  # signal from the efficiency maps: CI covers the LQ search too


def test_ci_validate_fast_has_no_fail():
    res = CliRunner().invoke(cli, ["validate", "--fast"])
    assert res.exit_code == 0, res.output
    assert " FAIL" not in "\n".join(ln for ln in res.output.splitlines() if not ln.endswith("FAIL"))
    assert "FAIL" not in res.output.splitlines()[-1]


@pytest.mark.slow
def test_full_validation_has_no_fail():
    res = CliRunner().invoke(cli, ["validate"])
    assert res.exit_code == 0, res.output
    assert "FAIL" not in res.output.splitlines()[-1]


@pytest.mark.slow
def test_flavio_reference_value_is_reproduced():
    pytest.importorskip("flavio")
    from recast.validation.reference_flavio import flavio_c9

    c9 = {c.id: c for c in model_suites()["flavour"].checks}["c9_s3_benchmark"]
    assert flavio_c9().real == pytest.approx(c9.published, rel=1e-4)


def test_public_api():
    import recast.validation as rv

    assert sorted(rv.__all__) == sorted(
        [
            "KNOWN_SLACK",
            "REPORT_NAME",
            "Check",
            "CheckResult",
            "KnownDeviation",
            "Status",
            "Suite",
            "SuiteResult",
            "ValidationRun",
            "analysis_suite",
            "deviation",
            "evaluate",
            "load_suites",
            "model_suites",
            "render_markdown",
            "run_suite",
            "run_validation",
            "suite_names",
            "write_report",
        ]
    )
    assert sorted(dir(rv)) == sorted(rv.__all__)


def test_cli_unwritable_report_refused_before_measuring(tmp_path, toy):
    ana = toy()
    blocker = tmp_path / "afile"
    blocker.write_text("x")
    res = CliRunner().invoke(cli, ["validate", "toy_validated", "--fast", "--report", str(blocker / "sub")])
    assert res.exit_code == 2
    assert res.output.strip().startswith("recast: error: --report") and len(res.output.strip().splitlines()) == 1
    assert ana.calls == []  # nothing measured
    assert not (blocker.parent / "sub").exists()
