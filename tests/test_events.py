"""Event generation with Pythia 8: physics of the samples, weights, cache, reproducibility."""

from __future__ import annotations

import os

import awkward as ak
import numpy as np
import pytest

import recast.events as events_pkg
import recast.events.pythia_run as run
from recast.cards.pythia import pythia_settings
from recast.cli import cli
from recast.detector import muon_resolution
from recast.events import chunk_seed, generate, generate_arrays
from recast.events.pythia_run import PythiaError
from recast.exceptions import InvalidParameter
from recast.io import read_events, read_metadata
from recast.models import get_model
from recast.xsec import lq_pair_xsec


def test_public_api():
    assert events_pkg.__dir__() == events_pkg.__all__
    assert run.__dir__() == run.__all__


def test_chunk_seeds():
    seeds = {chunk_seed(7, i) for i in range(1000)}
    assert len(seeds) == 1000 and all(1 <= s <= 900_000_000 for s in seeds)
    assert chunk_seed(7, 3) == chunk_seed(7, 3) != chunk_seed(8, 3)


def test_bad_settings_and_arguments():
    with pytest.raises(PythiaError, match=r"Pythia rejected setting.*Foo:bar = 1"):
        generate_arrays(["Beams:eCM = 13000", "Foo:bar = 1"], n_events=5, seed=1, jobs=1, progress=False)
    with pytest.raises(PythiaError, match="failed to initialise"):  # no process switched on
        generate_arrays(["Beams:eCM = 13000"], n_events=5, seed=1, jobs=1, progress=False)
    with pytest.raises(InvalidParameter, match="n_events must be >= 1"):
        generate_arrays([], n_events=0, seed=1)
    with pytest.raises(InvalidParameter, match="no couplings to light quarks"):
        generate(get_model("Lmu-Ltau", mass=500), n_events=5, seed=1, progress=False)


def test_generate_argument_errors(tmp_path, runner):
    with pytest.raises(InvalidParameter, match="is a directory; give a file name"):
        generate(get_model("S3"), n_events=5, seed=1, out=tmp_path, progress=False)
    res = runner.invoke(cli, ["generate", "--model", "S4", "--events", "5"])
    assert res.exit_code == 2 and "unknown model 'S4' — did you mean S3" in res.output
    res = runner.invoke(cli, ["generate", "--model", "S3", "--coupling", "y_bmu", "--events", "5"])
    assert res.exit_code == 2 and "not of the form name=value" in res.output


def _pairs(ev):
    """Average m(mu j) of the better of the two mu-j pairings of the two leading muons and jets."""
    sel = ev[(ak.num(ev.muons) >= 2) & (ak.num(ev.jets) >= 2)]
    mu, j = sel.muons, sel.jets
    a, b = (mu[:, 0] + j[:, 0]).mass, (mu[:, 1] + j[:, 1]).mass
    c, d = (mu[:, 0] + j[:, 1]).mass, (mu[:, 1] + j[:, 0]).mass
    return ak.to_numpy(np.where(abs(a - b) < abs(c - d), (a + b) / 2, (c + d) / 2)), len(sel) / len(ev)


@pytest.mark.slow
def test_lq_s3_sample_physics_weights_and_cache(tmp_path):
    model = get_model("S3", mass=1500)
    out = tmp_path / "s3.root"
    path = generate(model, n_events=200, seed=7, out=out, fast=True, progress=False, jobs=2)
    assert path == out
    meta = read_metadata(out)
    states = [s["state"] for s in meta["states"]]
    assert states == ["S3m43", "S3m13"]  # S3p23 -> t nu only: no muons
    assert meta["states_skipped"] == [{"state": "S3p23", "br_muon": 0.0}]
    ev = read_events(out)
    assert len(ev) == 400
    sigma = lq_pair_xsec(1500.0)[0]
    assert sigma == pytest.approx(2.577066e-4)  # NNLL-fast stop pairs at 1.5 TeV (lq_pair_xsec_13tev_nnlo_nnll.csv)
    assert ak.sum(ev.weight) == pytest.approx(2 * sigma)  # NNLO+NNLL per state
    assert np.allclose(ak.to_numpy(ev.weight), sigma / 200)
    for st in meta["states"]:  # Pythia LO is below NNLO+NNLL (K ~ 1.5 at 1.5 TeV)
        assert 0.45 * sigma < st["pythia_lo_xsec_pb"] < 0.9 * sigma
    assert (
        meta["seed"] == 7 and meta["generator"] == "pythia8mc 8.317.2" and meta["detector_version"] == "1.1.0"
    )  # recast.detector.DETECTOR_VERSION
    # S3m43 -> b mu- (BR 1): two opposite-sign muons and a b-tagged jet most of the time
    m43 = ev[ev.state == 9000007]
    two = m43[ak.num(m43.muons) >= 2]
    assert len(two) / len(m43) > 0.8
    assert np.mean(ak.to_numpy(two.muons.charge[:, 0] * two.muons.charge[:, 1]) == -1) > 0.95
    assert np.mean(ak.to_numpy(ak.sum(m43.jets.btag, axis=1)) >= 1) > 0.75
    mass, frac = _pairs(m43)
    assert frac > 0.75
    median = np.median(mass)
    assert 1300 < median < 1550  # FSR out of R = 0.4 jets pulls the peak ~5% low
    assert np.mean(np.abs(mass - 1500) < 300) > 0.6
    # S3m13 -> t mu / b nu: about half the events have >= 1 muon from t mu, fewer have 2
    m13 = ev[ev.state == 9000006]
    assert 0.05 < np.mean(ak.num(m13.muons) >= 2) < 0.6

    # cache: the identical request reuses the file; --no-cache regenerates
    cached = generate(model, n_events=200, seed=7, fast=True, progress=False)
    assert cached.parent.name == "events" and cached.is_file()
    stamp = os.stat(cached).st_mtime_ns
    again = generate(model, n_events=200, seed=7, fast=True, progress=False, out=tmp_path / "copy.root")
    assert os.stat(cached).st_mtime_ns == stamp  # not regenerated
    assert again.read_bytes() == out.read_bytes()
    generate(model, n_events=200, seed=7, fast=True, progress=False, cache=False)
    assert os.stat(cached).st_mtime_ns != stamp


@pytest.mark.slow
def test_reproducible_per_seed_and_jobs_independent(monkeypatch):
    monkeypatch.setattr(run, "CHUNK_EVENTS", 60)  # 150 events = 3 chunks
    s = pythia_settings(get_model("S3", mass=1000), state="S3m43")
    a, ia = generate_arrays(s, n_events=150, seed=3, jobs=1, fast=True, progress=False)
    b, ib = generate_arrays(s, n_events=150, seed=3, jobs=2, fast=True, progress=False)
    c, _ = generate_arrays(s, n_events=150, seed=4, jobs=2, fast=True, progress=False)
    assert ia["n_chunks"] == 3
    assert ak.to_list(a) == ak.to_list(b)
    assert ia["xsec_pb"] == pytest.approx(ib["xsec_pb"], rel=1e-12)
    assert ak.to_list(a.mu_pt) != ak.to_list(c.mu_pt)
    # the weights sum to Pythia's sigma_gen; LO sigma(1 TeV) ~ 4.5e-3 pb (NNLO+NNLL 6.83e-3)
    assert ak.sum(a.weight) == pytest.approx(ia["xsec_pb"])
    assert 0.5 * 6.83e-3 < ia["xsec_pb"] < 0.9 * 6.83e-3


@pytest.mark.slow
def test_biased_sampling_weights():
    """With PhaseSpace:bias2Selection the weights vary but still sum to sigma_gen."""
    s = [
        "Beams:eCM = 13000",
        "Top:gg2ttbar = on",
        "Top:qqbar2ttbar = on",
        "PhaseSpace:bias2Selection = on",
        "PhaseSpace:bias2SelectionPow = 2",
        "PhaseSpace:bias2SelectionRef = 100",
        "PhaseSpace:pTHatMin = 50",
    ]
    ev, info = generate_arrays(s, n_events=200, seed=1, jobs=1, fast=True, progress=False)
    w = ak.to_numpy(ev.weight)
    assert w.std() / w.mean() > 0.3  # genuinely weighted
    assert w.sum() == pytest.approx(info["xsec_pb"])
    assert 100 < info["xsec_pb"] < 1000  # sigma(tt, pTHat > 50 GeV) at 13 TeV, LO: a few hundred pb


def _dimuon_mass(ev):
    two = ev[ak.num(ev.muons) >= 2]
    mu = two.muons
    return ak.to_numpy((mu[:, 0] + mu[:, 1]).mass), two


@pytest.mark.slow
@pytest.mark.parametrize("g_x", [0.1, 0.5])
def test_zprime_dimuon_peak(tmp_path, g_x):
    model = get_model("B-3Lmu", mass=1000, gX=g_x)
    width = model.states()[0].width  # 4.1 GeV (gX = 0.1), 103 GeV (gX = 0.5)
    path = generate(model, n_events=200, seed=11, fast=True, progress=False, jobs=2)
    meta = read_metadata(path)
    ev = read_events(path)
    assert ak.sum(ev.weight) == pytest.approx(meta["xsec_pb"])
    assert meta["states"][0]["br_muon"] == pytest.approx(model.states()[0].branching_ratios()[(13, -13)])
    mass, two = _dimuon_mass(ev)
    assert len(mass) > 150
    # narrow: the peak sits at M; wide (Gamma/M = 10%): the falling q qbar luminosity across the
    # line shape pulls the median a few per cent below M
    assert np.median(mass) == pytest.approx(1000 if g_x == 0.1 else 970, rel=0.03)
    # expected spread: Breit-Wigner (Gamma) convolved with the dimuon mass resolution
    # sigma_m/m = 1/2 sqrt(r1^2 + r2^2) of the two muons' pT resolutions
    r = muon_resolution(ak.to_numpy(ak.flatten(two.muons.pt[:, :2])), ak.to_numpy(ak.flatten(two.muons.eta[:, :2])))
    r = r.reshape(-1, 2)
    sigma_m = 1000 * np.median(0.5 * np.hypot(r[:, 0], r[:, 1]))
    rng = np.random.default_rng(0)
    lo, hi = 1000 - 10 * width, 1000 + 10 * width  # the card's mMin/mMax
    bw = 1000 + width / 2 * np.tan(
        rng.uniform(np.arctan((lo - 1000) / (width / 2)), np.arctan((hi - 1000) / (width / 2)), 200_000)
    )
    smeared = bw + rng.normal(0, sigma_m, bw.size)
    expected = np.subtract(*np.percentile(smeared, [75, 25]))
    observed = np.subtract(*np.percentile(mass, [75, 25]))
    assert observed == pytest.approx(expected, rel=0.3)
    if g_x == 0.1:
        assert width < 0.2 * sigma_m  # resolution-dominated
    else:
        assert observed > 1.5 * np.subtract(*np.percentile(rng.normal(0, sigma_m, 10_000), [75, 25]))


@pytest.mark.slow
def test_cli_generate_and_inspect(runner, tmp_path):
    out = tmp_path / "zp.root"
    args = [
        "generate",
        "--model",
        "B-3Lmu",
        "--mass",
        "2000",
        "--gX",
        "0.3",
        "--events",
        "50",
        "--seed",
        "5",
        "--fast",
        "--jobs",
        "1",
        "--no-progress",
        "--out",
        str(out),
    ]
    res = runner.invoke(cli, args)
    assert res.exit_code == 0, res.output
    assert f"wrote {out}" in res.output
    assert "Zp: 50 events" in res.output and "pythia8mc 8.317.2" in res.output
    res = runner.invoke(cli, ["inspect", str(out)])
    assert res.exit_code == 0, res.output
    assert "schema   recast (tree 'events')" in res.output and "entries  50" in res.output
    assert "model    B-3Lmu (MZp=2000, gX=0.3)" in res.output
    res = runner.invoke(cli, ["generate", "--model", "S3", "--mass", "5000", "--events", "5", "--no-progress"])
    assert res.exit_code == 2
    assert "outside the NNLO+NNLL table" in res.output


@pytest.mark.slow
def test_full_hadron_level_lq_sample():
    """Shower + MPI + hadronisation: b jets from B hadrons are tagged, muons stay isolated."""
    s = pythia_settings(get_model("S3", mass=1500), state="S3m43")
    ev, info = generate_arrays(s, n_events=100, seed=2, jobs=1, progress=False)
    assert info["n_events"] == 100 and info["n_chunks"] == 1
    assert np.mean(ak.num(ev.mu_pt) >= 2) > 0.75
    n_tag = ak.to_numpy(ak.sum(ev.jet_btag, axis=1))
    assert np.mean(n_tag >= 1) > 0.7  # two b jets at 77% each: 1 - 0.23^2 ~ 0.95 in acceptance
    assert np.all(ak.to_numpy(ev.weight) > 0)
