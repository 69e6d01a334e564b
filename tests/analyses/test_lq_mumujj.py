"""The LQ-pair → μμjj analysis plugin (analyses/recast_analyses/lq_mumujj)."""

from __future__ import annotations

import math
from pathlib import Path

import awkward as ak
import numpy as np
import pytest
import vector

import recast.chain
from recast.exceptions import BranchNotFound, InvalidParameter
from recast_analyses.lq_mumujj import ANALYSIS, selection

M_MU = 0.1056584


def _event(mus, jets, weight=1e-3):
    """One event dict from muons (pt, eta, phi, charge) and jets (pt, eta, phi, m, btag)."""
    return {
        "mu_pt": [m[0] for m in mus],
        "mu_eta": [m[1] for m in mus],
        "mu_phi": [m[2] for m in mus],
        "mu_charge": [m[3] for m in mus],
        "jet_pt": [j[0] for j in jets],
        "jet_eta": [j[1] for j in jets],
        "jet_phi": [j[2] for j in jets],
        "jet_m": [j[3] for j in jets],
        "jet_btag": [j[4] for j in jets],
        "met": 0.0,
        "met_phi": 0.0,
        "weight": weight,
    }


def _mass(a, b, ma=0.0, mb=0.0):
    """Invariant mass of two (pt, eta, phi) objects, by hand."""
    pa = np.array([a[0] * math.cos(a[2]), a[0] * math.sin(a[2]), a[0] * math.sinh(a[1])])
    pb = np.array([b[0] * math.cos(b[2]), b[0] * math.sin(b[2]), b[0] * math.sinh(b[1])])
    ea, eb = math.sqrt(pa @ pa + ma**2), math.sqrt(pb @ pb + mb**2)
    p = pa + pb
    return math.sqrt((ea + eb) ** 2 - p @ p)


# A clean signal-like event: mu1 + j1 and mu2 + j2 come from two ~1 TeV LQs.
MU = [(600.0, 0.0, 0.0, 1), (450.0, 1.0, 1.5, -1)]
JETS = [(550.0, 0.3, 3.0, 20.0, False), (500.0, -1.0, -1.7, 20.0, False)]


def test_hand_computed_kinematics():
    rec = selection.reconstruct(ak.Array([_event(MU, JETS)]))
    assert bool(rec.passed[0])
    assert rec.st[0] == pytest.approx(600 + 450 + 550 + 500)
    assert rec.mll[0] == pytest.approx(_mass(MU[0], MU[1], M_MU, M_MU), rel=1e-9)
    a = (_mass(MU[0], JETS[0], M_MU, 20), _mass(MU[1], JETS[1], M_MU, 20))
    b = (_mass(MU[0], JETS[1], M_MU, 20), _mass(MU[1], JETS[0], M_MU, 20))
    best = a if abs(a[0] - a[1]) <= abs(b[0] - b[1]) else b
    assert rec.mlq_min[0] == pytest.approx(min(best), rel=1e-9)
    assert rec.mlq_max[0] == pytest.approx(max(best), rel=1e-9)
    assert int(rec.category[0]) == 0


def _lq_pair_events(n, mass, seed):
    """n events of two LQs of `mass` GeV, each decaying isotropically to a muon and a quark."""
    rng = np.random.default_rng(seed)
    events, truth = [], []
    for _ in range(n):
        # LQ1 momentum: random, LQ2 balances it in the transverse plane with its own pz
        pt, phi, pz1, pz2 = rng.uniform(50, 600), rng.uniform(-np.pi, np.pi), *rng.normal(0, 800, 2)
        lqs = [
            vector.obj(px=pt * np.cos(phi), py=pt * np.sin(phi), pz=pz1, mass=mass),
            vector.obj(px=-pt * np.cos(phi), py=-pt * np.sin(phi), pz=pz2, mass=mass),
        ]
        mus, jets = [], []
        for k, lq in enumerate(lqs):
            cth, ph = rng.uniform(-1, 1), rng.uniform(-np.pi, np.pi)
            sth, p = math.sqrt(1 - cth**2), mass / 2
            mu = vector.obj(px=p * sth * np.cos(ph), py=p * sth * np.sin(ph), pz=p * cth, mass=0.0)
            q = vector.obj(px=-mu.px, py=-mu.py, pz=-mu.pz, mass=0.0)
            mu, q = mu.boost_p4(lq), q.boost_p4(lq)
            mus.append((mu.pt, mu.eta, mu.phi, 1 if k == 0 else -1))
            jets.append((q.pt, q.eta, q.phi, 0.0, False))
        # jets in reverse input order: the selection must sort by pT itself
        events.append(_event(mus, jets[::-1]))
        truth.append((mus, jets))
    return ak.Array(events), truth


def test_pairing_recovers_the_true_mass():
    events, _ = _lq_pair_events(200, 1000.0, seed=1)
    rec = selection.reconstruct(events)
    # Events whose objects are all in acceptance: the true pairing has Δm = 0, so the
    # minimum-|Δm| rule must pick it and both masses equal 1000 GeV (muon mass neglected).
    ok = ak.to_numpy((ak.num(events.mu_pt) == 2) & (rec.mlq_min > 0) & ~ak.is_none(rec.mlq_min))
    acc = (
        ak.to_numpy(ak.all(abs(events.mu_eta) < 2.5, axis=1) & ak.all(abs(events.jet_eta) < 2.5, axis=1))
        & ak.to_numpy(ak.all(events.mu_pt > 40, axis=1) & ak.all(events.jet_pt > 50, axis=1))
        & ok
    )
    assert acc.sum() > 50
    m_min = ak.to_numpy(rec.mlq_min)[acc]
    m_max = ak.to_numpy(rec.mlq_max)[acc]
    assert np.allclose(m_min, 1000.0, rtol=1e-4)
    assert np.allclose(m_max, 1000.0, rtol=1e-4)


def test_wrong_pairing_would_differ():
    """The alternative pairing gives different masses: the test above can fail."""
    _, truth = _lq_pair_events(20, 1000.0, seed=2)
    diffs = []
    for mus, jets in truth:
        m1 = _mass(mus[0], jets[1])
        m2 = _mass(mus[1], jets[0])
        diffs.append(abs(m1 - m2))
    assert np.median(diffs) > 50.0


def test_btag_category_uses_the_two_leading_jets():
    third = (80.0, 0.0, 1.0, 10.0, True)
    lead_tag = [(550.0, 0.3, 3.0, 20.0, True), JETS[1]]
    sub_tag = [JETS[0], (500.0, -1.0, -1.7, 20.0, True)]
    ev = ak.Array(
        [
            _event(MU, JETS),  # no tag -> SR_0b
            _event(MU, lead_tag),  # leading jet tagged -> SR_1b
            _event(MU, sub_tag),  # sub-leading tagged -> SR_1b
            _event(MU, [*JETS, third]),  # only a third jet tagged -> SR_0b
        ]
    )
    rec = selection.reconstruct(ev)
    assert [selection.REGIONS[c] for c in rec.category.tolist()] == ["SR_0b", "SR_1b", "SR_1b", "SR_0b"]
    assert rec.n_btag.tolist() == [0, 1, 1, 0]


@pytest.mark.parametrize(
    ("mus", "jets", "why"),
    [
        ([(600.0, 0.0, 0.0, 1), (450.0, 1.0, 1.5, 1)], JETS, "same-sign muons"),
        ([(600.0, 0.0, 0.0, 1)], JETS, "one muon"),
        ([(600.0, 0.0, 0.0, 1), (35.0, 1.0, 1.5, -1)], JETS, "second muon below 40 GeV"),
        ([(600.0, 0.0, 0.0, 1), (450.0, 2.7, 1.5, -1)], JETS, "second muon at |eta| > 2.5"),
        (MU, JETS[:1], "one jet"),
        (MU, [JETS[0], (500.0, 2.6, -1.7, 20.0, False)], "second jet at |eta| > 2.5"),
        (MU, [JETS[0], (45.0, -1.0, -1.7, 5.0, False)], "second jet below 50 GeV"),
        # nearly collinear muons: m_mumu = sqrt(2*600*450*(cosh 0.05 - cos 0.05)) = 37 GeV
        ([(600.0, 0.0, 0.0, 1), (450.0, 0.05, 0.05, -1)], JETS, "m_mumu < 130 GeV"),
    ],
)
def test_cuts_reject(mus, jets, why):
    rec = selection.reconstruct(ak.Array([_event(mus, jets)]))
    assert not bool(rec.passed[0]), why
    assert int(rec.category[0]) == -1


def test_st_cut():
    """S_T = 590 GeV fails; the rest of the event passes m_mumu."""
    low = [(200.0, 0.0, 0.0, 1), (150.0, 1.0, 1.5, -1)]
    lowj = [(150.0, 0.3, 3.0, 10.0, False), (90.0, -1.0, -1.7, 10.0, False)]
    rec = selection.reconstruct(ak.Array([_event(low, lowj)]))
    assert rec.st[0] == pytest.approx(590.0)
    assert rec.mll[0] > 130.0
    assert not bool(rec.passed[0])
    # the 600 GeV threshold sits between 590 and 610
    lowj2 = [(170.0, 0.3, 3.0, 10.0, False), (90.0, -1.0, -1.7, 10.0, False)]
    rec2 = selection.reconstruct(ak.Array([_event(low, lowj2)]))
    assert rec2.st[0] == pytest.approx(610.0)
    assert bool(rec2.passed[0]) == bool(rec2.mlq_min[0] > 500.0)


def test_extra_soft_muon_is_ignored():
    ev = _event([*MU, (20.0, 0.0, 0.5, 1)], JETS)
    rec = selection.reconstruct(ak.Array([ev]))
    ref = selection.reconstruct(ak.Array([_event(MU, JETS)]))
    assert bool(rec.passed[0])
    assert rec.mlq_min[0] == pytest.approx(ref.mlq_min[0])


def test_yields_normalisation_and_mc_stat():
    w1, w2 = 2e-4, 5e-4  # pb
    ev = ak.Array([_event(MU, JETS, w1), _event(MU, JETS, w2), _event(MU, JETS[:1], 1.0)])
    sig = ANALYSIS.signal(ev, lumi_fb=139.0)
    assert set(sig) == {"SR_0b", "SR_1b"}
    counts, unc = sig["SR_0b"]
    i = int(np.searchsorted(selection.MLQ_EDGES, float(selection.reconstruct(ev).mlq_min[0]))) - 1
    assert counts[i] == pytest.approx((w1 + w2) * 1000 * 139)
    assert unc[i] == pytest.approx(math.hypot(w1, w2) * 1000 * 139)
    assert counts.sum() == pytest.approx(counts[i])
    assert not sig["SR_1b"][0].any()
    assert len(counts) == len(selection.MLQ_EDGES) - 1


def test_missing_field_and_bad_lumi():
    ev = ak.Array([_event(MU, JETS)])
    with pytest.raises(BranchNotFound, match="jet_btag"):
        selection.reconstruct(ev[[f for f in ev.fields if f != "jet_btag"]])
    with pytest.raises(InvalidParameter, match="lumi"):
        ANALYSIS.signal(ev, lumi_fb=0.0)


def test_plugin_contract():
    from recast.analysis.registry import check_analysis, get_analysis

    ana = get_analysis("lq_mumujj")
    check_analysis(ana)
    assert ana.applies_to == ("leptoquark",)
    assert ana.has_observed is False
    assert any("expected limits only" in a for a in ana.approximations)
    assert any("Pythia" in a for a in ana.approximations)
    assert ana.meta["regions"]["SR_0b"]["edges"] == list(selection.MLQ_EDGES)


# --- shipped background -------------------------------------------------------------------


@pytest.fixture(scope="module")
def bkg():
    from recast_analyses.lq_mumujj.background import load_background

    return load_background()


def test_background_matches_selection_and_cites_normalisations(bkg):
    assert bkg.edges == selection.MLQ_EDGES
    assert bkg.regions == selection.REGIONS
    assert bkg.cuts == dict(selection.CUTS)
    assert set(bkg.processes) == {"zjets", "ttbar", "other"}
    # diboson/Wt/fakes: bounded as a fixed fraction of the simulated total, 100% uncertainty
    from scripts.lq_mumujj.make_background import OTHER_BACKGROUND_FRACTION

    other = bkg.processes["other"]
    assert other.rel_unc == 1.0 and OTHER_BACKGROUND_FRACTION == 0.10
    for r in bkg.regions:
        sim = np.add(bkg.processes["zjets"].yields_per_fb[r], bkg.processes["ttbar"].yields_per_fb[r])
        assert np.allclose(other.yields_per_fb[r], 0.10 * sim)
    z, t = bkg.processes["zjets"].normalisation, bkg.processes["ttbar"].normalisation
    assert z["sigma_ref_pb"] == 1981.0 and "1603.09222" in z["sigma_ref_source"]
    assert t["sigma_ref_pb"] == 831.76 and "1112.5675" in t["sigma_ref_source"]
    for norm in (z, t):
        assert norm["k_factor"] == pytest.approx(norm["sigma_ref_pb"] / norm["sigma_LO_pb"])
    # LO -> NNLO K-factors of the size known for Drell-Yan and ttbar
    assert 1.2 < z["k_factor"] < 1.6
    assert 1.4 < t["k_factor"] < 1.9
    assert bkg.processes["zjets"].rel_unc == 0.5
    assert bkg.processes["ttbar"].rel_unc == 0.3


def test_background_provenance_is_reproducible(bkg):
    from scripts.lq_mumujj.make_background import SAMPLES

    prov = bkg.provenance
    assert prov["command"].startswith("python -m scripts.lq_mumujj.make_background")
    assert prov["scale"] == 1.0
    by_name = {s["name"]: s for s in prov["samples"]}
    assert set(by_name) == {s.name for s in SAMPLES}
    for s in SAMPLES:
        p = by_name[s.name]
        assert p["settings"] == list(s.settings)
        assert p["seed"] == s.seed and p["n_events"] == s.n_events
        # weights sum to Pythia's sigma_gen (pb)
        assert p["sum_weights_pb"] == pytest.approx(p["sigma_gen_pb"], rel=1e-6)


def test_background_yields_are_sums_of_the_samples(bkg):
    """Per-fb yields = sum over the samples' selected sigma x K x 1000 (empty bins floored)."""
    prov = bkg.provenance
    floored = {(b["process"], b["region"], b["bin"]) for b in prov["empty_bins"]["bins"]}
    assert not floored  # the m-hat tail slices populate every bin: no placeholder events
    for name, proc in bkg.processes.items():
        if name == "other":  # bounded, not simulated
            continue
        for r in bkg.regions:
            from_samples = sum(s["yield_per_fb"][r] for s in prov["samples"] if s["process"] == name)
            in_bins = sum(y for i, y in enumerate(proc.yields_per_fb[r]) if (name, r, i) not in floored)
            assert in_bins == pytest.approx(from_samples, rel=1e-9)
            rows = zip(proc.yields_per_fb[r], proc.variances_per_fb2[r], proc.mc_events[r], strict=True)
            for i, (y, v, n) in enumerate(rows):
                assert y > 0 and v > 0
                assert (n == 0) == ((name, r, i) in floored)


def test_lo_reference_xsec_reproduces_stored_value(bkg):
    """Pythia's LO σ(Z→μμ, 66-116 GeV) recomputed here agrees with the stored K-factor input."""
    from scripts.lq_mumujj.make_background import NORMALISATION, lo_xsec_pb

    lo, _err = lo_xsec_pb(NORMALISATION["zjets"]["reference_settings"], n_events=5000, seed=7)
    stored = bkg.processes["zjets"].normalisation["sigma_LO_pb"]
    assert lo == pytest.approx(stored, rel=0.03)
    # LO Drell-Yan at 13 TeV is ~1.4 nb per lepton flavour in this window
    assert 1200 < lo < 1700


def test_background_physics(bkg):
    z, t = bkg.processes["zjets"], bkg.processes["ttbar"]
    # ttbar has two b jets: its share is larger in the b-tagged region
    share = {r: sum(t.yields_per_fb[r]) / (sum(t.yields_per_fb[r]) + sum(z.yields_per_fb[r])) for r in bkg.regions}
    assert share["SR_1b"] > share["SR_0b"]
    # Z+jets dominates the untagged region
    assert share["SR_0b"] < 0.5
    # the spectrum falls steeply with m_LQ^min
    for r in bkg.regions:
        tot, _ = bkg.total(r, lumi_fb=139.0)
        assert tot[0] > 10 * tot[3] > 0
        assert tot[0] > 100 * tot[-1]


def test_background_scales_with_luminosity(bkg):
    y1, u1 = bkg.total("SR_0b", lumi_fb=1.0)
    y2, u2 = bkg.total("SR_0b", lumi_fb=139.0)
    assert np.allclose(np.array(y2), 139 * np.array(y1))
    assert np.allclose(np.array(u2), 139 * np.array(u1))  # MC-stat unc. scales like the yield
    z = bkg.processes["zjets"]
    assert z.expected("SR_0b", lumi_fb=10.0)[0][0] == pytest.approx(10 * z.yields_per_fb["SR_0b"][0])


def test_malformed_background_document():
    from recast.exceptions import InvalidCard
    from recast_analyses.lq_mumujj.background import parse_background

    with pytest.raises(InvalidCard, match="make_background"):
        parse_background({"edges": [1, 2]}, "bad.json")


# --- workspace ----------------------------------------------------------------------------


def _signal(values):
    n = len(selection.MLQ_EDGES) - 1
    v = np.zeros(n)
    v[-len(values) :] = values
    return {r: (v.copy(), 0.1 * v) for r in selection.REGIONS}


def test_workspace_validates_and_is_asimov(bkg):
    import pyhf

    sig = _signal([1.0, 3.0, 2.0])
    ws = ANALYSIS.workspace(sig, lumi_fb=139.0, xsec_rel_unc=0.2, mass_GeV=1800.0)
    pyhf.schema.validate(ws, "workspace.json")
    assert [c["name"] for c in ws["channels"]] == ["SR_0b", "SR_1b"]
    for ch, obs in zip(ws["channels"], ws["observations"], strict=True):
        names = [s["name"] for s in ch["samples"]]
        assert names == ["signal", "zjets", "ttbar", "other"]
        tot, _ = bkg.total(ch["name"], lumi_fb=139.0)
        assert np.allclose(obs["data"], tot)  # no observed data: Asimov background
        mods = {m["name"]: m for s in ch["samples"] for m in s["modifiers"]}
        assert mods["zjets_norm"]["data"] == {"hi": 1.5, "lo": 0.5}
        assert mods["ttbar_norm"]["data"] == {"hi": 1.3, "lo": 0.7}
        assert mods["xsec"]["data"] == {"hi": 1.2, "lo": 0.8}
        assert mods["other_norm"]["data"] == {"hi": 2.0, "lo": 0.5}  # within a factor 2
    model = pyhf.Workspace(ws).model()
    assert model.config.poi_name == "mu"


def test_workspace_carries_experimental_systematics(bkg):
    """lumi (1.7%) on signal and simulated backgrounds; correlated histosys from the varied selections."""
    ev = ak.Array([_flavoured(MU, JETS, (5, 0), weight=1e-3)] * 20)
    sig = ANALYSIS.signal(ev, lumi_fb=139.0)
    assert set(sig.variations) == set(selection.SYSTEMATICS)
    ws = ANALYSIS.workspace(sig, lumi_fb=139.0, xsec_rel_unc=0.2)
    by_sample = {
        (ch["name"], s["name"]): {m["name"]: m for m in s["modifiers"]} for ch in ws["channels"] for s in ch["samples"]
    }
    for key, mods in by_sample.items():
        if key[1] == "other":
            assert "lumi" not in mods and "jes" not in mods  # bounded: its own 100% normsys only
            continue
        assert mods["lumi"]["data"] == pytest.approx({"hi": 1.017, "lo": 0.983})
    # signal JES: 1% jet-pT shift -> the signal histosys equals the varied selection's yields
    sr = by_sample[("SR_1b", "signal")]
    nominal = np.asarray(sig["SR_1b"][0])
    assert np.allclose(sr["btag_b"]["data"]["hi_data"], sig.variations["btag_b"]["up"]["SR_1b"])
    assert np.all(np.asarray(sr["btag_b"]["data"]["hi_data"]) >= nominal)
    # background: the stored variations, scaled to the luminosity; b-tag up raises tt-bar in SR_1b
    t = bkg.processes["ttbar"]
    hi = np.asarray(by_sample[("SR_1b", "ttbar")]["btag_b"]["data"]["hi_data"])
    nom_t = np.asarray(t.expected("SR_1b", lumi_fb=139.0)[0])
    assert np.all(hi[:5] > nom_t[:5])
    assert 1.01 < hi[0] / nom_t[0] < 1.10  # 2% per-jet uncertainty on ~two b jets
    jes = np.asarray(by_sample[("SR_0b", "zjets")]["jes"]["data"]["hi_data"])
    z0 = np.asarray(bkg.processes["zjets"].expected("SR_0b", lumi_fb=139.0)[0])
    assert 1.0 < jes[0] / z0[0] < 1.15  # falling spectrum: +JES raises the yield by a few %
    ANALYSIS.experimental_systematics = False
    try:
        plain = ANALYSIS.workspace(ANALYSIS.signal(ev, lumi_fb=139.0), lumi_fb=139.0, xsec_rel_unc=0.2)
    finally:
        ANALYSIS.experimental_systematics = True
    names = {m["name"] for ch in plain["channels"] for s in ch["samples"] for m in s["modifiers"]}
    assert not names & {"lumi", *selection.SYSTEMATICS}


def test_workspace_projection_scales_background(bkg):
    sig = _signal([1.0])
    ws = ANALYSIS.workspace(sig, lumi_fb=278.0, xsec_rel_unc=0.1)
    tot, _ = bkg.total("SR_0b", lumi_fb=278.0)
    assert np.allclose(ws["observations"][0]["data"], tot)


def test_expected_limit_background_free_tail():
    """10 signal events in the almost empty last bins: μ_UL ≈ 3/10 (asymptotics: a bit less)."""
    from recast.stats import upper_limit

    sig = {
        r: (np.zeros(len(selection.MLQ_EDGES) - 1), np.zeros(len(selection.MLQ_EDGES) - 1)) for r in selection.REGIONS
    }
    s = sig["SR_0b"][0]
    s[-1] = 10.0
    ws = ANALYSIS.workspace(sig, lumi_fb=139.0, xsec_rel_unc=0.0)
    lim = upper_limit(ws, observed=False)
    assert lim.observed is None
    assert 0.1 < lim.median < 0.45


@pytest.mark.slow
def test_make_background_end_to_end(tmp_path):
    """A tiny run of the generator script writes a loadable, seeded document."""
    from recast_analyses.lq_mumujj.background import parse_background
    from scripts.lq_mumujj.make_background import main

    out = tmp_path / "bkg.json"
    assert main(["--scale", "0.005", "--jobs", "1", "--no-progress", "--out", str(out)]) == 0
    import json

    doc = json.loads(out.read_text())
    b = parse_background(doc, str(out))
    assert b.edges == selection.MLQ_EDGES
    assert doc["provenance"]["scale"] == 0.005
    assert all(s["n_events"] >= 100 for s in doc["provenance"]["samples"])


def test_background_guard_against_changed_cuts(monkeypatch):
    """Changing a cut without regenerating the background is caught on load."""
    from recast.exceptions import InconsistentCard
    from recast_analyses.lq_mumujj.background import load_background

    monkeypatch.setattr(selection, "CUTS", {**selection.CUTS, "st_min": 900.0})
    with pytest.raises(InconsistentCard, match="regenerate"):
        load_background.__wrapped__()
    monkeypatch.setattr(selection, "MLQ_EDGES", (500.0, 13000.0))
    with pytest.raises(InconsistentCard, match="bins"):
        load_background.__wrapped__()


# --- working points and experimental systematics ------------------------------------------------


def _flavoured(mus, jets, flavours, highpt=None, weight=1e-3):
    ev = _event(mus, jets, weight)
    ev["jet_flavour"] = list(flavours)
    ev["mu_highpt"] = list(highpt) if highpt is not None else [True] * len(mus)
    return ev


def test_truth_tagging_probabilities_from_cited_rates():
    """P(SR_1b) = 1 - (1-e1)(1-e2) with the pT-dependent 77% WP rates (arXiv:1907.05120)."""
    from recast.detector import btag_efficiency_pt

    ev = ak.Array([_flavoured(MU, JETS, (5, 5)), _flavoured(MU, JETS, (4, 0)), _flavoured(MU, JETS, (0, 0))])
    rec = selection.reconstruct(ev)
    e = lambda f, pt: float(btag_efficiency_pt(f, pt))  # noqa: E731
    assert rec.p_1b[0] == pytest.approx(1 - (1 - e(5, 550.0)) * (1 - e(5, 500.0)))
    assert rec.p_1b[1] == pytest.approx(1 - (1 - 1 / 4.9) * (1 - e(0, 500.0)))
    assert rec.p_1b[2] == pytest.approx(1 - (1 - 1 / 110) ** 2)
    # the event weight is split between the regions, none lost
    y = selection.yields(ev[:1], lumi_fb=1.0)
    assert sum(y["SR_0b"][0]) + sum(y["SR_1b"][0]) == pytest.approx(1.0)  # 1e-3 pb x 1 fb^-1
    assert sum(y["SR_1b"][0]) == pytest.approx(float(rec.p_1b[0]))
    # the legacy option ignores the flavour and uses the stored flat tag (all False here)
    assert selection.reconstruct(ev, selection.LEGACY).p_1b.tolist() == [0.0, 0.0, 0.0]


def test_highpt_working_point_drops_flagged_muons():
    ev = ak.Array([_flavoured(MU, JETS, (0, 0), highpt=(True, False))])
    assert not bool(selection.reconstruct(ev).passed[0])  # only one High-pT muon left
    assert bool(selection.reconstruct(ev, selection.Options(muon_wp="medium")).passed[0])


def test_variations_have_the_cited_sizes():
    ev = ak.Array([_flavoured(MU, JETS, (5, 0))])
    up, _ = selection.vary(ev, "mu_scale", +1)
    assert ak.to_list(up.mu_pt[0]) == pytest.approx([606.0, 454.5])  # +1%
    up, _ = selection.vary(ev, "jes", +1)
    down, _ = selection.vary(ev, "jes", -1)
    # arXiv:2007.02645: 1% for 250 < pT < 2000 GeV
    assert ak.to_list(up.jet_pt[0]) == pytest.approx([555.5, 505.0])
    assert ak.to_list(down.jet_m[0]) == pytest.approx([19.8, 19.8])
    assert float(selection.jes_uncertainty(20.0)) == pytest.approx(0.05)
    assert float(selection.jes_uncertainty(3000.0)) == pytest.approx(0.035)
    _, opt = selection.vary(ev, "btag_b", -1)
    p_nom = float(selection.reconstruct(ev).p_1b[0])
    p_dn = float(selection.reconstruct(ev, opt).p_1b[0])
    from recast.detector import btag_efficiency_pt

    eb = float(btag_efficiency_pt(5, 550.0)) * (1 - np.interp(550.0, (250.0, 600.0), (0.02, 0.08)))
    assert p_dn == pytest.approx(1 - (1 - eb) * (1 - 1 / 110))
    assert p_dn < p_nom
    with pytest.raises(ValueError, match="unknown systematic"):
        selection.vary(ev, "pileup", 1)


def test_systematic_yields_symmetrise_resolutions():
    ev = ak.Array([_flavoured(MU, JETS, (5, 0), weight=1e-3)] * 50)
    nom = selection.yields(ev, lumi_fb=1.0)
    syst = selection.systematic_yields(ev, lumi_fb=1.0)
    assert set(syst) == set(selection.SYSTEMATICS)
    for r in selection.REGIONS:
        n = np.array(nom[r][0])
        up, dn = np.array(syst["jer"]["up"][r]), np.array(syst["jer"]["down"][r])
        assert np.allclose(up + dn, 2 * n) or np.all(dn == 0)
    # b-tag up moves events from SR_0b to SR_1b, conserving the total
    tot_up = sum(syst["btag_b"]["up"]["SR_0b"]) + sum(syst["btag_b"]["up"]["SR_1b"])
    assert tot_up == pytest.approx(sum(nom["SR_0b"][0]) + sum(nom["SR_1b"][0]))
    assert sum(syst["btag_b"]["up"]["SR_1b"]) > sum(nom["SR_1b"][0])


def test_new_branches_round_trip_and_fallback(tmp_path):
    """recast files carry mu_highpt / jet_flavour; files without them are read with the fallback."""
    from recast.events.generate import write_events
    from recast.io import read_events

    ev = ak.Array([_flavoured(MU, JETS, (5, 0), highpt=(True, False))] * 3)
    ev = ak.with_field(ev, ak.values_astype(ev.jet_flavour, np.int8), "jet_flavour")
    with_new = write_events(ev, tmp_path / "new.root", {"note": "test"})
    got = read_events(with_new, branches=ANALYSIS.branches)
    assert ak.to_list(got.mu_highpt[0]) == [True, False]
    assert ak.to_list(got.jet_flavour[0]) == [5, 0]
    assert not bool(selection.reconstruct(got).passed[0])  # second muon fails the High-pT WP
    old = write_events(
        ev[[f for f in ev.fields if f not in ("mu_highpt", "jet_flavour")]], tmp_path / "old.root", {"note": "test"}
    )
    got = read_events(old, branches=ANALYSIS.branches)
    assert "mu_highpt" not in got.fields and "jet_flavour" not in got.fields
    rec = selection.reconstruct(got)  # fallback: the file's own muon ID and jet_btag
    assert bool(rec.passed[0]) and rec.p_1b.tolist() == [0.0, 0.0, 0.0]


def test_measure_validation_rejects_unknown_checks():
    assert {c["id"] for c in ANALYSIS.meta["validation"]} == {"lq_b1_mumu_limit", "lq_bmu_limit"}
    with pytest.raises(InvalidParameter, match="unknown lq_mumujj validation"):
        ANALYSIS.measure_validation(["nope"], fast=True)
    assert ANALYSIS.measure_validation([], fast=True) == {}


# --- make_background without Pythia (its pieces, on synthetic kept events) ----------------------


def _synthetic_events(n, seed):
    """*n* events spanning the selection (muons and jets of 30 GeV-1.5 TeV), weight 0.01 pb each."""
    rng = np.random.default_rng(seed)
    nmu, njet = rng.integers(1, 4, n), rng.integers(1, 5, n)
    m, j = int(nmu.sum()), int(njet.sum())

    def pts(k):
        return np.exp(rng.uniform(np.log(30.0), np.log(1500.0), k)).astype(np.float32)

    def desc(counts, values):
        return ak.sort(ak.unflatten(values, counts), axis=1, ascending=False)

    return ak.Array({
        "mu_pt": desc(nmu, pts(m)), "mu_eta": ak.unflatten(rng.uniform(-2.7, 2.7, m).astype(np.float32), nmu),
        "mu_phi": ak.unflatten(rng.uniform(-np.pi, np.pi, m).astype(np.float32), nmu),
        "mu_charge": ak.unflatten(rng.choice([-1, 1], m).astype(np.int32), nmu),
        "mu_highpt": ak.unflatten(rng.uniform(size=m) < 0.85, nmu),
        "jet_pt": desc(njet, pts(j)), "jet_eta": ak.unflatten(rng.uniform(-2.7, 2.7, j).astype(np.float32), njet),
        "jet_phi": ak.unflatten(rng.uniform(-np.pi, np.pi, j).astype(np.float32), njet),
        "jet_m": ak.unflatten(rng.uniform(0, 50, j).astype(np.float32), njet),
        "jet_btag": ak.unflatten(rng.uniform(size=j) < 0.3, njet),
        "jet_flavour": ak.unflatten(rng.choice([0, 4, 5], j).astype(np.int8), njet),
        "met": rng.uniform(0, 300, n).astype(np.float32), "met_phi": rng.uniform(-np.pi, np.pi, n).astype(np.float32),
        "weight": np.full(n, 0.01),
    })  # fmt: skip


#: LO cross-sections standing in for Pythia's (pb); the K-factors follow from the cited σ_ref.
_LO = {"zjets": 1400.0, "ttbar": 500.0}


@pytest.fixture(scope="module")
def synthetic_background(tmp_path_factory):
    """make_background on kept synthetic events of every sample (scale 0.002: 100-120 events each):
    nothing is generated, K-factors are given, so no Pythia runs."""
    from scripts.lq_mumujj import make_background as mb

    kept = tmp_path_factory.mktemp("events")
    for s in mb.SAMPLES:
        n = mb.sample_events(s, 0.002)
        mb._save_events(kept / f"{s.name}_{n}_{s.seed}.npz", _synthetic_events(n, s.seed), {"xsec_pb": 0.01 * n})
    kf = {p: {"sigma_LO_pb": lo, "sigma_LO_err_pb": 1.0, "k_factor": mb.NORMALISATION[p]["sigma_ref_pb"] / lo}
          for p, lo in _LO.items()}
    return mb.make_background(scale=0.002, events_dir=kept, k_factors=kf, progress=False)


def test_synthetic_background_sums_samples_times_k_and_floors_empty_bins(synthetic_background):
    from recast_analyses.lq_mumujj.background import parse_background
    from scripts.lq_mumujj.make_background import NORMALISATION, OTHER_BACKGROUND_FRACTION, SAMPLES

    doc = synthetic_background
    prov = doc["provenance"]
    assert [s["name"] for s in prov["samples"]] == [s.name for s in SAMPLES]
    assert prov["command"] == "python -m scripts.lq_mumujj.make_background --scale 0.002"
    floored = {(b["process"], b["region"], b["bin"]): b["yield_per_fb"] for b in prov["empty_bins"]["bins"]}
    assert floored  # 100 events per slice leave bins empty
    for proc, lo in _LO.items():
        p = doc["processes"][proc]
        k = NORMALISATION[proc]["sigma_ref_pb"] / lo
        assert p["normalisation"]["k_factor"] == pytest.approx(k) and p["rel_unc"] == NORMALISATION[proc]["rel_unc"]
        samples = [s for s in prov["samples"] if s["process"] == proc]
        tail = samples[-1]  # the highest-mhat slice: one of its events, sigma_gen * K * 1000 / N per fb^-1
        assert tail["sigma_gen_pb"] == pytest.approx(0.01 * tail["n_events"]) and tail["k_factor"] == pytest.approx(k)
        w_floor = tail["sigma_gen_pb"] * k * 1000.0 / tail["n_events"]
        # a sample's yield per fb^-1: its selected weights (pb) x K x 1000
        hists = selection.histograms(_synthetic_events(tail["n_events"], tail["seed"]), scale=k * 1000.0)
        assert tail["yield_per_fb"] == pytest.approx({r: float(np.sum(h.values())) for r, h in hists.items()})
        for r in doc["regions"]:
            kept = [y for i, y in enumerate(p["yield_per_fb"][r]) if (proc, r, i) not in floored]
            assert sum(kept) == pytest.approx(sum(s["yield_per_fb"][r] for s in samples), rel=1e-12)
            for i, n_mc in enumerate(p["mc_events"][r]):
                if n_mc == 0:
                    assert floored[proc, r, i] == pytest.approx(w_floor) == p["yield_per_fb"][r][i]
                    assert p["variance_per_fb2"][r][i] == pytest.approx(w_floor**2)  # 100% uncertainty
                    for var in p["systematics"].values():  # variations of a floored bin: the floored nominal
                        assert var["up"][r][i] == var["down"][r][i] == p["yield_per_fb"][r][i]
    other = doc["processes"]["other"]
    for r in doc["regions"]:
        sim = np.add(doc["processes"]["zjets"]["yield_per_fb"][r], doc["processes"]["ttbar"]["yield_per_fb"][r])
        assert np.allclose(other["yield_per_fb"][r], OTHER_BACKGROUND_FRACTION * sim, rtol=1e-12)
    assert parse_background(doc, "synthetic").edges == selection.MLQ_EDGES  # the runtime reads what it writes


def test_make_background_writes_the_plugins_file_by_default():
    from recast_analyses.lq_mumujj import background
    from scripts.lq_mumujj.make_background import shipped_background_file

    assert shipped_background_file() == Path(background.__file__).with_name("background.json")
    assert shipped_background_file().is_file()


def test_background_pieces_add_bin_by_bin_and_keep_given_k_factors():
    from scripts.lq_mumujj.make_background import add_sample, complete_k_factors, empty_process, other_process

    given = {p: {"sigma_LO_pb": 1.0, "sigma_LO_err_pb": 0.0, "k_factor": 2.0} for p in ("zjets", "ttbar")}
    assert complete_k_factors(given) == given  # nothing left to compute: Pythia is not run
    nb = len(selection.MLQ_EDGES) - 1
    p = empty_process("ttbar", systematics=False)
    assert p["systematics"] == {} and p["mc_events"]["SR_1b"] == [0] * nb
    h = {"yield": {r: [1.0] * nb for r in selection.REGIONS}, "variance": {r: [0.5] * nb for r in selection.REGIONS},
         "mc": {r: [3] * nb for r in selection.REGIONS}, "syst": {}}
    add_sample(p, h)
    add_sample(p, h)
    assert p["yield_per_fb"]["SR_0b"] == [2.0] * nb and p["variance_per_fb2"]["SR_1b"] == [1.0] * nb
    assert p["mc_events"]["SR_0b"] == [6] * nb
    assert other_process([p, p])["yield_per_fb"]["SR_0b"] == pytest.approx([0.4] * nb)  # 10% of 2 x 2


# --- validation: expected_mass_limit through recast.chain.evaluate_point ------------------------


class _StubSource:
    """Two mass points with the same signal shape (last three bins), the second 100 times smaller."""

    def __init__(self, events_at_139):
        self.events_at_139 = events_at_139

    def __len__(self):
        return len(self.events_at_139)

    def points(self, model, *, branches):
        from recast.sources import SignalPoint

        assert "mu_highpt" in branches and model.name == "S1"
        for mass, n in self.events_at_139.items():
            def yields(*, lumi_fb, n=n):
                v = np.zeros(len(selection.MLQ_EDGES) - 1)
                v[-3:] = np.array([0.5, 0.3, 0.2]) * n * lumi_fb / 139.0
                return {r: (v.copy(), 0.05 * v) for r in selection.REGIONS}

            yield SignalPoint(mass, 1e-3, 0.1, None, "stub", {"lq_mumujj": yields})


def test_expected_mass_limit_evaluates_each_point_and_interpolates_the_crossing():
    """μ_UL ∝ 1/s for a fixed shape (the workspace depends on μ s only): 100× less signal gives a
    100× larger μ_UL, and the limit is the log-linear crossing of μ_UL = 1 between the two masses."""
    from recast_analyses.lq_mumujj.validation import BENCHMARKS, expected_mass_limit

    assert BENCHMARKS["cmu"] == ("S1", {"yR_cmu": 1.0}, ("S1m13",))
    scan = expected_mass_limit("cmu", chain=recast.chain, source=_StubSource({1500.0: 40.0, 2000.0: 0.4}))
    assert scan.masses == (1500.0, 2000.0) and scan.xsec_pb == (1e-3, 1e-3)
    assert scan.signal_events == pytest.approx((2 * 40.0, 2 * 0.4))  # both regions
    mu1, mu2 = scan.mu_ul_expected
    assert mu1 < 1 < mu2 and mu2 / mu1 == pytest.approx(100.0, rel=0.02)
    assert scan.mass_limit_GeV == pytest.approx(1500.0 + 500.0 * math.log(1 / mu1) / math.log(mu2 / mu1))


def test_expected_mass_limit_is_recast_limits_on_the_same_signal():
    """The validation scan and `recast limits` (run_limits) give the same μ_UL and mass limit on one source."""
    from recast.chain import run_limits
    from recast_analyses.lq_mumujj.validation import expected_mass_limit

    events = {1400.0: 60.0, 1600.0: 12.0, 1800.0: 3.0, 2000.0: 0.7}
    res, _ = run_limits("S1", lumi_fb=139.0, couplings={"yR_cmu": 1.0}, analyses=["lq_mumujj"],
                        source=_StubSource(events), progress=False)
    res = res.to_json()  # the limits.json document
    scan = expected_mass_limit("cmu", chain=recast.chain, source=_StubSource(events))
    ours = res["per_analysis"]["lq_mumujj"]
    assert scan.mu_ul_expected == tuple(p["mu_ul_exp"][2] for p in ours["points"])
    assert scan.mass_limit_GeV == ours["mass_limit_GeV"]["expected"] and 1600 < scan.mass_limit_GeV < 2000
