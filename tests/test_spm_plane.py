"""Model III's (M_S+, M_S−) plane: ``recast scan --model Spm --plane 'MSp=...,MSm=...'`` (viability.spm_plane)."""

from __future__ import annotations

import csv
import json

import pytest

from recast.cli import cli
from recast.exceptions import InvalidParameter
from recast.lowenergy.g2 import g2_radiative_spm
from recast.models import get_model
from recast.scan.plane import PLANE_COLUMNS, parse_plane
from recast.viability.spm_plane import SPM_COLUMNS, run_spm_plane, spm_cell, xsec_table_end
from recast.viability.verdict import lhc_lq_check

SPM_PLANE = "MSp=lin:1000:7000:7,MSm=lin:1000:7000:7"


def test_light_cells_are_excluded_by_the_published_lq_pair_limits():
    """1 TeV S± pairs: σ(1 TeV)/σ(1.81 TeV) ≈ 160 times the CMS b μ limit; an in-table exclusion decides even when
    the other doublet is above the σ table."""
    r = spm_cell(1000.0, 1000.0)
    assert r["status"] == "ok" and r["excluded_obs"] is True and r["lhc_ratio"] > 100
    assert "1.81 TeV" in r["analysis"] and r["viable"] is False
    r = spm_cell(1200.0, 5000.0)  # S+ excluded (t mu > 1.6 TeV), S- outside the table
    assert r["excluded_obs"] is True and r["status"] == "ok" and r["lhc_states_outside_table"] == "Smp23 Smp53"
    r = spm_cell(2500.0, 2500.0)  # inside the table, below every limit: sigma(2.5 TeV)/sigma(1.6 TeV) << 1
    assert r["excluded_obs"] is False and r["lhc_ratio"] < 0.05


def test_cells_beyond_the_xsec_table_have_no_lhc_verdict():
    assert xsec_table_end() == 3000.0
    r = spm_cell(5000.0, 6000.0)
    assert r["status"] == "outside xsec table" and r["excluded_obs"] is None and r["lhc_ratio"] is None
    # Spp23 (-> t nu only) has no muon channel, so no limit to apply
    assert r["lhc_states_outside_table"] == "Smp23 Smp53 Spp53" and r["sigma_pb"] == 0.0
    assert r["g2_2sigma"] and r["viable"] is None  # (g-2) explained, but no LHC verdict: not called viable
    r = spm_cell(2000.0, 4000.0)  # S+ inside and allowed, S- beyond: still no verdict (no silent extrapolation)
    assert r["status"] == "outside xsec table" and r["excluded_obs"] is None and r["analysis"].startswith("published")


def test_g2_band_flags_follow_g2_radiative_spm():
    """Δa_μ is the existing g2_radiative_spm; the 2021 band (251 ± 59)e-11 sits at multi-TeV masses."""
    for mp, mm in ((1000.0, 1000.0), (5000.0, 5000.0), (6000.0, 6000.0), (3000.0, 7000.0)):
        r = spm_cell(mp, mm)
        da = g2_radiative_spm(mp, mm) * 1e11
        assert r["delta_a_mu_1e11"] == pytest.approx(da)
        assert r["g2_1sigma"] == (abs(da - 251.0) < 59.0) and r["g2_2sigma"] == (abs(da - 251.0) < 118.0)
    assert not spm_cell(1000.0, 1000.0)["g2_2sigma"] and spm_cell(6000.0, 6000.0)["g2_1sigma"]
    assert spm_cell(5000.0, 5000.0)["C9"] == 0.0 and not spm_cell(5000.0, 5000.0)["flavour_2sigma"]


def test_the_scan_and_the_spm_plane_figure_use_one_lhc_check():
    """Inside the table the scan's verdict is the figure's (`recast plot --figure spm-plane`, lhc_lq_check >= 1)."""
    spm = get_model("Spm")
    for mp in (1000.0, 1500.0, 1700.0, 1900.0, 2500.0):
        for mm in (1000.0, 1800.0, 2900.0):
            assert spm_cell(mp, mm)["excluded_obs"] == (lhc_lq_check(spm.with_params(MSp=mp, MSm=mm))[0] >= 1.0)


def test_cli_spm_plane_writes_the_plane_scan_format(runner, tmp_path):
    out = tmp_path / "o"
    res = runner.invoke(cli, ["scan", "--model", "Spm", "--plane", SPM_PLANE, "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert "plane scan: Spm MSp=lin:1000:7000:7 x MSm=lin:1000:7000:7 = 49 points" in res.output
    with (out / "scan.csv").open() as f:
        rows = list(csv.DictReader(f))
    assert tuple(rows[0])[: len(PLANE_COLUMNS)] == PLANE_COLUMNS and tuple(rows[0]) == SPM_COLUMNS
    assert len(rows) == 49 and {r["x_name"] for r in rows} == {"MSp"}
    cell = {(float(r["x"]), float(r["y"])): r for r in rows}
    assert cell[(1000.0, 1000.0)]["excluded_obs"] == "True"
    assert cell[(6000.0, 6000.0)]["status"] == "outside xsec table" and cell[(6000.0, 6000.0)]["excluded_obs"] == ""
    assert cell[(6000.0, 6000.0)]["g2_1sigma"] == "True"
    doc = json.loads((out / "scan.json").read_text())
    assert set(doc) == {"inputs", "conventions", "distinct_fits", "count", "rows"} and doc["count"] == 49
    assert doc["inputs"]["xsec_table_end_GeV"] == 3000.0 and "not extrapolated" in doc["conventions"]["collider"]


@pytest.mark.parametrize(("args", "needle"), [
    (["--plane", SPM_PLANE, "--masses", "1000"], "--masses does not apply"),
    (["--plane", SPM_PLANE, "--analysis", "lq_mumujj"], "--analysis does not apply"),
    (["--plane", SPM_PLANE, "--lumi", "300"], "--lumi does not apply"),
    (["--plane", "MSp=lin:50:7000:3,MSm=lin:1000:7000:3"], "100-20000 GeV"),
    (["--plane", "y_bmu=0.1:1:3,MSm=lin:1000:7000:3"], "no mass 'y_bmu'"),
    (["--plane", SPM_PLANE, "--coupling", "y_bmu=1"], "not a parameter of the Spm plane"),
])
def test_bad_spm_plane_input_is_one_line_and_writes_nothing(args, needle, runner, tmp_path):
    out = tmp_path / "o"
    res = runner.invoke(cli, ["scan", "--model", "Spm", *args, "--out", str(out)])
    assert res.exit_code == 2 and needle in res.output, res.output
    assert res.output.strip().startswith("recast: error:") and len(res.output.strip().splitlines()) == 1
    assert not (out / "scan.csv").exists()


def test_parse_and_run_need_the_two_masses():
    x, y = parse_plane("MSp=lin:1000:3000:3,MSm=2000:8000:3", "Spm")
    assert (x.name, y.name, x.log, y.log) == ("MSp", "MSm", False, True)
    with pytest.raises(InvalidParameter, match="twice"):
        parse_plane("MSp=lin:1000:3000:3,MSp=lin:1000:3000:3", "Spm")
    run = run_spm_plane((x, y))
    assert len(run.rows) == 9 and run.masses[0] == 1000.0


def test_cells_carry_the_mmu_condition():
    """Per cell the η_L η_R A⟨φ⟩ and |η_L η_R sin 2θ| that give m_μ (recast.lowenergy.radiative_mass): far from the
    diagonal a few per cent suffices, at M_S+ = M_S- no mixing exists (empty, non-perturbative); the JSON says so."""
    from recast.lowenergy.radiative_mass import spm_required_coupling, spm_required_mixing

    r = spm_cell(1000.0, 7000.0)
    assert r["mmu_eta_sin2theta"] == pytest.approx(spm_required_mixing(1000.0, 7000.0))
    assert r["mmu_eta_sin2theta"] < 0.02
    assert r["mmu_eta_A_vev_GeV2"] == pytest.approx(spm_required_coupling(1000.0, 7000.0)) and r["mmu_perturbative"]
    r = spm_cell(6000.0, 6000.0)
    assert r["mmu_eta_sin2theta"] is None and r["mmu_perturbative"] is False and r["mmu_eta_A_vev_GeV2"] > 1e6
    assert spm_cell(6000.0, 6010.0)["mmu_perturbative"] is False and spm_cell(6000.0, 6100.0)["mmu_perturbative"]


def test_cli_spm_plane_reports_the_mmu_condition(runner, tmp_path):
    out = tmp_path / "o"
    res = runner.invoke(cli, ["scan", "--model", "Spm", "--plane", SPM_PLANE, "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert "7 cells need it > 4 pi" in res.output  # the 7 diagonal cells of the 7 x 7 plane
    doc = json.loads((out / "scan.json").read_text())
    assert "mmu" in doc["conventions"] and sum(not r["mmu_perturbative"] for r in doc["rows"]) == 7
