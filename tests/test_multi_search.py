"""Several searches per model point: per-mass best-expected choice and the --combine workspace."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from recast.limits import _best_expected_per_mass, _mass_limits, analysis_lumi


def _pt(m: float, exp_median: float | None, obs: float | None = None) -> dict:
    band = None if exp_median is None else [exp_median * f for f in (0.5, 0.7, 1.0, 1.4, 1.9)]
    return {"mass_GeV": m, "mu_ul_exp": band, "mu_ul_obs": obs}


def test_best_expected_is_chosen_per_mass_and_recorded():
    a, b = SimpleNamespace(id="a"), SimpleNamespace(id="b")
    per = {"a": [_pt(1000, 0.1, 0.12), _pt(2000, 0.8, 0.9), _pt(3000, None)],
           "b": [_pt(1000, 0.2, 0.05), _pt(2000, 0.5, 1.5), _pt(3000, float("nan"))]}
    pts = _best_expected_per_mass([a, b], per)
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
