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

#: ATLAS arXiv:1903.06248 fiducial limits [fb] at 139 fb^-1 with the declared (Bayesian) method (observed, expected
#: -2σ..+2σ), one BLAS thread, as recast.fiducial computes them since the Bayesian limits draw their proposal with a
#: Cholesky root, make every variate from scrambled Sobol' uniforms and polish the background-only fit
#: (recast.stats.bayes): the ll expected limit at 0.5 TeV agrees to 2e-7 between OpenBLAS's Haswell and SkylakeX
#: kernels and without numpy's AVX-512 code (before: 1.006 / 0.969 / 0.972 fb).
#: Compared to 1e-5: two machines gave the same limits to 3.4e-7, and the asymptotic limit moves by 2.7e-7 with the
#: BLAS thread count (optimiser end points); far below the Monte Carlo error of the limits (~1.5 %), so the pin
#: still catches any change of method or input.
BEFORE = {
    ("ee", 1000.0): (0.24457706086533723, (0.14197275518183755, 0.19006883561909282, 0.2627564400160553,
        0.3681030101848484, 0.4934068737481181)),
    ("ee", 3000.0): (0.030081338313708735, (0.02984110382561793, 0.030370035730637707, 0.040011889707682144,
        0.05406056971803182, 0.07152822170859001)),
    ("ll", 1000.0): (0.2537850831896703, (0.1345021696024522, 0.18059839730049737, 0.24419853568980476,
        0.3365394531070976, 0.4593708709672403)),
    ("ll", 3000.0): (0.021694337813099377, (0.01926956853123292, 0.022512360254514707, 0.03287688441365254,
        0.04245946334117475, 0.05331291978809474)),
    ("mumu", 1000.0): (0.9101464590130598, (0.3814965478194463, 0.48791814207905265, 0.6805484189693061,
        0.9455793739119118, 1.2516198349604695)),
    ("mumu", 3000.0): (0.066770973360882, (0.04961265926819604, 0.056009007894221224, 0.07786716392014399,
        0.1026356188393209, 0.13841702126629185)),
}
_PIN = 1e-5


@pytest.mark.parametrize(("channel", "mass"), sorted(BEFORE))
def test_the_fiducial_limits_are_pinned(channel, mass):
    one_blas_thread()  # as BEFORE was computed, whatever OPENBLAS_NUM_THREADS says
    observed, expected = BEFORE[channel, mass]
    lim = fiducial_limit(ANA, mass, channel=channel)
    assert lim.method == "bayesian"  # the analysis' declared method
    assert lim.observed == pytest.approx(observed, rel=_PIN)
    assert lim.expected == pytest.approx(expected, rel=_PIN)


def test_a_projection_is_the_same_asimov_limit_as_before():
    lim = fiducial_limit(ANA, 2000.0, lumi_fb=300.0, method="asymptotic")
    assert lim.observed is None and lim.method == "asymptotic"
    assert lim.expected == pytest.approx((0.057963464321040284, 0.07920081926919965, 0.11287890677176052,
                                          0.16289510261046394, 0.22795201818343697), rel=_PIN)


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
    assert ev.limit.observed == pytest.approx(BEFORE["mumu", 3000.0][0], rel=_PIN)


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
