"""The fast detector: response functions by hand, and simulate() on hand-built events."""

from __future__ import annotations

import doctest
import math

import awkward as ak
import numpy as np
import pytest

import recast.detector as det
from recast.detector import (
    DETECTOR_VERSION,
    MUON_HIGHPT_RATIO,
    btag_efficiency,
    btag_efficiency_pt,
    jet_resolution,
    muon_efficiency,
    muon_resolution,
    simulate,
)


def test_public_api_and_doctests():
    assert det.__dir__() == det.__all__
    assert DETECTOR_VERSION == "1.1.0"  # 1.1.0 added mu_highpt, jet_flavour
    assert doctest.testmod(det).failed == 0


def test_muon_resolution_numbers():
    assert muon_resolution(10.0, 0.0) == pytest.approx(math.hypot(0.017, 0.001))  # 1.7% + tiny
    assert muon_resolution(10.0, 2.0) == pytest.approx(math.hypot(0.023, 0.0015))
    assert muon_resolution(1000.0, 0.3) == pytest.approx(math.hypot(0.017, 0.10))  # ~10% at 1 TeV
    assert muon_resolution(1000.0, -1.5) == pytest.approx(math.hypot(0.023, 0.15))
    r = muon_resolution(np.array([20, 100, 500, 2000.0]), 0.0)
    assert np.all(np.diff(r) > 0)


def test_muon_efficiency_numbers():
    assert muon_efficiency(100.0, 1.0) == pytest.approx(0.97 * (1 - 0.002))
    assert muon_efficiency(100.0, 0.05) == pytest.approx(0.70 * 0.998)  # |eta| < 0.1 gap
    assert muon_efficiency(100.0, 2.6) == 0.0
    assert muon_efficiency(3.0, 0.5) == 0.0


def test_highpt_working_point_costs_about_20_percent():
    # arXiv:2012.00578 / 1603.05598 Sec. 5.1: High-pT WP ~20% below Medium; Medium 0.97 here
    assert pytest.approx(0.80) == MUON_HIGHPT_RATIO * 0.97
    med = muon_efficiency(np.array([100.0, 1000.0]), 1.0)
    hi = muon_efficiency(np.array([100.0, 1000.0]), 1.0, wp="highpt")
    assert hi.tolist() == pytest.approx((0.80 * np.array([0.998, 0.98])).tolist())
    assert np.all(hi / med == pytest.approx(0.80 / 0.97))
    with pytest.raises(ValueError, match="working point"):
        muon_efficiency(100.0, 1.0, wp="tight")


def test_pt_dependent_btag_against_cited_values():
    # arXiv:1907.05120: 77% WP, c rejection 4.9, light rejection 110 (tt-bar jets, pT < 600 GeV)
    assert btag_efficiency_pt(4, 150.0) == pytest.approx(1 / 4.9)
    assert btag_efficiency_pt(0, 150.0) == pytest.approx(1 / 110)
    assert btag_efficiency_pt(21, 1500.0) == pytest.approx(3 / 110)  # degraded rejection (approximation)
    eb = btag_efficiency_pt(5, np.array([20.0, 100.0, 250.0, 600.0, 1050.0, 1500.0, 3000.0]))
    assert eb.tolist() == pytest.approx([0.65, 0.80, 0.80, 0.75, 0.65, 0.55, 0.55])
    # averaged over the tt-bar b-jet pT range it is the nominal 77% WP
    assert 0.74 < float(np.mean(btag_efficiency_pt(5, np.linspace(40, 300, 100)))) < 0.80


def test_jet_resolution_and_btag():
    assert jet_resolution(100.0) == pytest.approx(math.sqrt(0.03**2 + 0.75**2 / 100 + 0.03**2))
    assert jet_resolution(1000.0) == pytest.approx(math.sqrt(0.003**2 + 0.75**2 / 1000 + 0.03**2))
    assert btag_efficiency([5, 4, 0, 21]).tolist() == [0.77, 0.20, 0.0077, 0.0077]


def _particle(px, py, pz, pid, status=1, charge=0.0, m=0.0):
    return {"px": px, "py": py, "pz": pz, "e": math.sqrt(px * px + py * py + pz * pz + m * m),
            "id": pid, "status": status, "charge": charge}


def _dimuon_event():
    """mu- (100, 0, 30) and mu+ (-60, 0, 30): isolated; a 120 GeV b jet; a neutrino balancing pT."""
    return [
        _particle(100.0, 0.0, 30.0, 13, charge=-1.0),
        _particle(-60.0, 0.0, 30.0, -13, charge=1.0),
        _particle(0.0, 80.0, 10.0, 211, charge=1.0),  # two hadrons forming a jet at phi = pi/2
        _particle(0.0, 40.0, 5.0, 111),
        _particle(0.0, 118.0, 14.0, 5, status=-71, m=4.8),  # the b quark before hadronisation
        _particle(-40.0, -120.0, 20.0, 14),  # neutrino: invisible
    ]


def _events(n, maker):
    return ak.Array([maker() for _ in range(n)])


def test_simulate_dimuon_event_statistics():
    ev = simulate(_events(4000, _dimuon_event), rng=1)
    n_mu = ak.num(ev.mu_pt)
    # both muons found with probability ~ 0.97^2 (pT-loss factor negligible)
    frac2 = float(np.mean(n_mu == 2))
    assert frac2 == pytest.approx((0.97 * 0.998) ** 2, abs=0.015)
    two = ev[n_mu == 2]
    assert np.all(two.mu_pt[:, 0] > 0)
    # leading muon ~100 GeV mu- (charge -1), resolution 1.7% (+) 1% at 100 GeV
    lead = ak.to_numpy(two.mu_pt[:, 0])
    assert np.mean(two.mu_charge[:, 0] == -1) > 0.99
    rel = np.std(1 / lead * 100.0 - 1)
    assert rel == pytest.approx(float(muon_resolution(100.0, 0.0)), rel=0.1)  # curvature smearing
    # the jet: ~120 GeV at phi = pi/2, labelled b -> tagged ~77% of the time
    nj = ak.num(ev.jet_pt)
    assert np.all(nj == 1)
    assert float(np.median(ak.flatten(ev.jet_pt))) == pytest.approx(math.hypot(0, 120.0), rel=0.03)
    assert float(np.median(ak.flatten(ev.jet_phi))) == pytest.approx(math.pi / 2, abs=0.01)
    assert float(np.mean(ak.flatten(ev.jet_btag))) == pytest.approx(0.77, abs=0.02)
    assert set(ak.flatten(ev.jet_flavour).tolist()) == {5}  # truth label kept per jet
    # High-pT WP flag: conditional probability eps_HighPt / eps_Medium per reconstructed muon
    assert float(np.mean(ak.flatten(ev.mu_highpt))) == pytest.approx(MUON_HIGHPT_RATIO, abs=0.015)
    # MET: the neutrino (-40, -120) when both muons are found
    met = ak.to_numpy(two.met)
    assert float(np.median(met)) == pytest.approx(math.hypot(40, 120), rel=0.03)
    assert float(np.median(ak.to_numpy(two.met_phi))) == pytest.approx(math.atan2(-120, -40), abs=0.05)
    # a lost mu- (100, 0) is invisible to the calorimeter too: MET -> (60, -120)
    lost = ev[(n_mu == 1)]
    lost = lost[lost.mu_charge[:, 0] == 1]
    assert len(lost) > 30
    assert float(np.median(ak.to_numpy(lost.met))) == pytest.approx(math.hypot(60, 120), rel=0.05)


def test_non_isolated_muon_goes_into_jet_and_light_mistag():
    def event():
        return [
            _particle(50.0, 0.0, 0.0, 13, charge=-1.0),
            _particle(40.0, 2.0, 0.0, 211, charge=1.0),  # Delta R = 0.05, 40/50 > 6%
            _particle(-100.0, 0.0, 0.0, 2),  # a light quark recoiling (fast mode: partons cluster)
        ]

    ev = simulate(_events(3000, event), rng=2)
    assert ak.sum(ak.num(ev.mu_pt)) == 0  # not isolated
    assert np.all(ak.num(ev.jet_pt) == 2)
    lead_phi = np.abs(ak.to_numpy(ev.jet_phi[:, 0]))
    assert np.all((lead_phi < 0.1) | (lead_phi > 3.0))
    # the muon's momentum sits in the phi = 0 jet: ~90 GeV
    j0 = ev.jet_pt[np.abs(ev.jet_phi) < 0.1]
    assert float(np.median(ak.flatten(j0))) == pytest.approx(90.0, rel=0.03)
    assert float(np.mean(ak.flatten(ev.jet_btag))) == pytest.approx(0.0077, abs=0.004)


def test_acceptance_cuts_and_invisible():
    def event():
        return [
            _particle(5.0, 0.0, 60.0, 13, charge=-1.0),  # |eta| ~ 3.2: outside the muon system
            _particle(0.0, 8.0, 0.0, 211, charge=1.0),  # 8 GeV jet: below 20 GeV
            _particle(0.0, 0.0, 30.0, 22),  # pT = 0 (beam line): no eta, ignored
        ]

    ev = simulate(_events(10, event), rng=3)
    assert ak.sum(ak.num(ev.mu_pt)) == 0
    assert ak.sum(ak.num(ev.jet_pt)) == 0


def test_seeded():
    events = _events(200, _dimuon_event)
    a, b, c = simulate(events, rng=5), simulate(events, rng=5), simulate(events, rng=6)
    assert ak.all(a.mu_pt == b.mu_pt) and ak.all(a.met == b.met)
    assert not ak.all(ak.flatten(a.jet_pt) == ak.flatten(c.jet_pt))
    assert ak.all(a.mu_highpt == b.mu_highpt)
    assert a.fields == ["mu_pt", "mu_eta", "mu_phi", "mu_charge", "mu_highpt", "jet_pt", "jet_eta",
                        "jet_phi", "jet_m", "jet_btag", "jet_flavour", "met", "met_phi"]


def test_new_flags_leave_the_1_0_0_branches_unchanged(monkeypatch):
    """The 1.1.0 flags come from a side stream: the main stream (and so every 1.0.0 branch) is untouched."""
    events = _events(300, _dimuon_event)
    rng_a = np.random.default_rng(11)
    a = simulate(events, rng=rng_a)
    monkeypatch.setattr(det, "_side_stream", lambda rng: np.random.default_rng(999))
    rng_b = np.random.default_rng(11)
    b = simulate(events, rng=rng_b)
    assert rng_a.bit_generator.state == rng_b.bit_generator.state
    for f in a.fields:
        same = ak.all(ak.flatten(a[f], axis=None) == ak.flatten(b[f], axis=None))
        assert same == (f != "mu_highpt"), f
