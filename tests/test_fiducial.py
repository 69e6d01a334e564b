"""The fiducial σ×B limits go through recast's one evaluation step (recast.fiducial -> recast.evaluate.evaluate_signal);
the plugin supplies only its fiducial signal and workspace, and the numbers are those of before the move."""

from __future__ import annotations

import ast
import inspect
import sys

import numpy as np
import pytest

import recast.chain
import recast.evaluate
import recast.fiducial
from recast.analysis import get_analysis
from recast.blas import one_blas_thread
from recast.evaluate import evaluate_signal
from recast.fiducial import evaluate_fiducial, fiducial_limit, fiducial_limits, has_fiducial_route
from recast.stats import UpperLimit

ANA = get_analysis("atlas_1903_06248")

#: ATLAS arXiv:1903.06248 fiducial limits [fb] at 139 fb^-1 with the declared (Bayesian) method, computed by the
#: plugin's own fiducial_limit before it moved onto recast.fiducial (observed, expected -2σ..+2σ), with one BLAS
#: thread (as the tests and recast's forked workers run): the ee + μμ Bayesian limits move by up to 1 % with
#: OpenBLAS's thread count (ll at 1 TeV: median 0.2413 with one thread, 0.2427 with two; mumu and ee do not).
BEFORE = {
    ("mumu", 1000.0): (0.9177323143187379, (0.3791226014663094, 0.5117709825581809, 0.6934337372433705,
        0.997178990170899, 1.258421112773246)),
    ("mumu", 3000.0): (0.06687537893613926, (0.04959764574111793, 0.05616234128423574, 0.07665437944436362,
        0.10708301746966901, 0.1300258861134459)),
    ("ee", 1000.0): (0.24453362939440787, (0.1473616533799158, 0.1933362017441906, 0.2703969314369182,
        0.36652386528965125, 0.4999233916281217)),
    ("ee", 3000.0): (0.030079186164339577, (0.029836356692810158, 0.03038403424077261, 0.039430580737205026,
        0.054259680938596844, 0.07236746126925807)),
    ("ll", 1000.0): (0.25432718214533395, (0.13210030328197409, 0.18103863909492934, 0.24128923524057974,
        0.34526598562118066, 0.4614140481432262)),
    ("ll", 3000.0): (0.021703625353369543, (0.019244728021119248, 0.022703553821448563, 0.03338977900721271,
        0.04355360758062965, 0.05222500349096884)),
}


@pytest.mark.parametrize(("channel", "mass"), sorted(BEFORE))
def test_the_fiducial_limits_are_those_of_before_the_move(channel, mass):
    one_blas_thread()  # as BEFORE was computed, whatever OPENBLAS_NUM_THREADS says
    observed, expected = BEFORE[channel, mass]
    lim = fiducial_limit(ANA, mass, channel=channel)
    assert lim.method == "bayesian"  # the analysis' declared method
    assert lim.observed == pytest.approx(observed, rel=1e-9)
    assert lim.expected == pytest.approx(expected, rel=1e-9)


def test_a_projection_is_the_same_asimov_limit_as_before():
    lim = fiducial_limit(ANA, 2000.0, lumi_fb=300.0, method="asymptotic")
    assert lim.observed is None and lim.method == "asymptotic"
    assert lim.expected == pytest.approx((0.05796346747036564, 0.07920080382900231, 0.11287889483466573,
                                          0.1628950863406049, 0.22795200704480764), rel=1e-9)


def test_the_evaluation_is_a_one_fb_narrow_resonance():
    """σ_fid × B = 1 fb per channel: L × acc×eff events per spectrum (99 bins + overflow), observed data at 139/fb."""
    ev = evaluate_fiducial(ANA, 1000.0, channel="ll", method="asymptotic")
    assert ev.point.mass == 1000.0 and ev.point.xsec_pb == pytest.approx(1e-3) and ev.point.xsec_rel_unc == 0.0
    assert ev.lumi_fb == 139.0 and ev.observed
    expected = 139.0 * (ANA.fiducial_efficiency(1000.0, "mumu") + ANA.fiducial_efficiency(1000.0, "ee"))
    assert ev.signal_events == pytest.approx(expected, rel=1e-4)  # events below 225 GeV: lost, negligible at 1 TeV
    assert ev.spec is not None and {c["name"] for c in ev.spec["channels"]} == {"mumu", "ee"}
    assert all(len(c["samples"][0]["data"]) == 100 for c in ev.spec["channels"])  # the overflow bin
    proj = evaluate_fiducial(ANA, 1000.0, lumi_fb=300.0, method="asymptotic")
    assert proj.lumi_fb == 300.0 and not proj.observed and proj.limit is not None and proj.limit.observed is None
    assert proj.signal_events == pytest.approx(300.0 * ANA.fiducial_efficiency(1000.0), rel=1e-4)


def test_rows_carry_the_published_limits_beside_ours():
    (row,) = fiducial_limits(ANA, [2000.0], channel="ee", method="asymptotic")
    assert row["published_expected_fb"] == pytest.approx(ANA.published_expected_fiducial(2000.0, "ee"))
    assert row["published_observed_fb"] == pytest.approx(ANA.published_observed_fiducial(2000.0, "ee"))
    assert row["expected_fb"] == row["expected_band_fb"][2] and row["channel"] == "ee"

    class RouteOnly:  # any analysis with the route: the same limit, no published columns
        id, lumi_fb, has_observed, limit_method = ANA.id, ANA.lumi_fb, True, "asymptotic"
        fiducial_signal = staticmethod(ANA.fiducial_signal)
        fiducial_workspace = staticmethod(ANA.fiducial_workspace)

    (bare,) = fiducial_limits(RouteOnly(), [2000.0], channel="ee")
    assert bare["published_expected_fb"] is None and bare["published_observed_fb"] is None
    assert bare["method"] == "asymptotic" and bare["expected_band_fb"] == row["expected_band_fb"]


def test_the_plugin_computes_no_limit_itself():
    """It offers the route (signal + workspace) and no limit method; its module never calls upper_limit."""
    assert has_fiducial_route(ANA) and not has_fiducial_route(get_analysis("lq_mumujj"))
    assert not hasattr(ANA, "fiducial_limit") and not hasattr(ANA, "fiducial_limits")
    tree = ast.parse(inspect.getsource(sys.modules[type(ANA).__module__]))
    names = {a.name for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) for a in n.names}
    assert "upper_limit" not in names and "bayesian_upper_limit" not in names


def test_the_core_step_is_the_one_of_evaluate():
    """evaluate_fiducial ends in evaluate_signal, the last step of evaluate (one workspace -> limit code)."""
    assert "evaluate_signal(" in inspect.getsource(recast.fiducial.evaluate_fiducial)
    assert "evaluate_signal(" in inspect.getsource(recast.evaluate.evaluate)
    calls: list[str] = []

    def workspace(sig):
        calls.append(",".join(sorted(sig)))
        return ANA.fiducial_workspace(sig, lumi_fb=139.0)

    sig = ANA.fiducial_signal(3000.0, lumi_fb=139.0, channel="mumu")
    ev = evaluate_signal(evaluate_fiducial(ANA, 3000.0, method="asymptotic").point, sig, workspace, lumi_fb=139.0,
                         observed=True, method="bayesian")
    assert calls == ["mumu"] and ev.limit is not None
    assert ev.limit.observed == pytest.approx(BEFORE["mumu", 3000.0][0], rel=1e-9)


def test_validation_takes_its_limits_from_the_chain_it_is_handed():
    """measure_validation asks chain.fiducial_limit (recast.chain's is recast.fiducial's), not its own code."""
    assert recast.chain.fiducial_limit is fiducial_limit

    class Stub:
        asked: list[tuple[float, str]] = []  # noqa: RUF012

        def fiducial_limit(self, analysis, mass_GeV, **options):
            self.asked.append((mass_GeV, options["channel"]))
            return UpperLimit(observed=0.5, expected=(0.1, 0.2, 0.3, 0.4, 0.6), method="stub")

    stub = Stub()
    vals = ANA.measure_validation(["fid_exp_m1000", "fid_obs_ee_m2000", "fid_obs_m1000"], fast=True, chain=stub)
    assert vals == {"fid_exp_m1000": 0.3, "fid_obs_ee_m2000": 0.5, "fid_obs_m1000": 0.5}
    assert stub.asked == [(1000.0, "mumu"), (2000.0, "ee")]  # one limit per (mass, channel), cached


def test_bad_requests_are_one_line_errors():
    from recast.exceptions import InvalidParameter

    with pytest.raises(InvalidParameter, match="outside the dimuon spectrum"):
        fiducial_limit(ANA, 100.0)
    with pytest.raises(InvalidParameter, match="unknown channel 'tau'"):
        fiducial_limit(ANA, 1000.0, channel="tau")
    with pytest.raises(InvalidParameter, match="luminosity must be > 0"):
        fiducial_limit(ANA, 1000.0, lumi_fb=0.0)
    assert np.all(ANA.fiducial_signal(1000.0, lumi_fb=139.0)["mumu"][1] == 0.0)
