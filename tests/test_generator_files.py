"""Generator files in (issue 15, item 2): LHE (pylhe; showered by Pythia 8) and HepMC3 (pyhepmc,
straight into the detector) → our ntuple with σ from the file; `recast limits --events` reads them too.

Files (tests/data/README.md): a MadGraph5_aMC@NLO 2.2.1 LHE (written by another program),
and an LHE and a HepMC3 file written from Pythia 8 events. Only the ``slow`` tests run Pythia
(a few seconds each: ≤ 100 events).
"""

from __future__ import annotations

import gzip
import hashlib
import shutil
import sys
from pathlib import Path
from types import SimpleNamespace

import awkward as ak
import numpy as np
import pytest
import vector
from click.testing import CliRunner

from recast.cli import cli
from recast.events import files
from recast.exceptions import EventsFileError

DATA = Path(__file__).parent / "data"
MG5 = DATA / "madgraph-2.2.1-z-ll-mlm-100ev.lhe"
PY_LHE = DATA / "pythia_dy_mumu.lhe"
PY_HEPMC = DATA / "pythia_dy_mumu.hepmc3.gz"

# the <init> block of the MadGraph file: XSECUP of processes 3, 2, 1 (2, 1, 0 extra jets) [pb]
MG5_XSECUP = {3: 0.60733273992e03, 2: 0.10785969890e04, 1: 0.20649062749e04}
MG5_UNIT_WEIGHT = 0.37513  # pb, XWGTUP of every event (weighting strategy 3)
MG5_N_GENERATED = 10000  # events of the MadGraph run (its run card); the file keeps the first 100
MG5_MMLL = 30.0  # GeV, run-card cut mmll: min m(l+l-)
PY_LHE_XSEC = 1.80566071e-01  # pb, the <init> σ of the Pythia LHE (Pythia's σ_gen)
PY_HEPMC_XSEC = 1.90395161e-01  # pb, GenCrossSection of the Pythia HepMC3 file
M_WINDOW = (400.0, 2000.0)  # GeV, PhaseSpace:mHatMin/Max of both Pythia files

vector.register_awkward()


def _one_error_line(res, code: int = 2) -> str:
    assert res.exit_code == code, (res.exit_code, res.output, res.exception)
    assert "Traceback" not in res.output
    lines = [x for x in res.stderr.splitlines() if x.strip()]
    assert len(lines) == 1, res.stderr
    assert lines[0].startswith("recast: error: ") and " — " in lines[0], lines[0]
    return lines[0]


def _p4(p):
    return ak.zip({"px": p.vector.px, "py": p.vector.py, "pz": p.vector.pz, "E": p.vector.e}, with_name="Momentum4D")


# ------------------------------------------------------------------ format detection


def test_format_detected_from_content_not_name(tmp_path):
    assert files.detect_format(MG5) == "lhe"
    assert files.detect_format(PY_LHE) == "lhe"
    assert files.detect_format(PY_HEPMC) == "hepmc3"  # gzip undone first
    disguised = tmp_path / "events.root"
    shutil.copyfile(MG5, disguised)
    assert files.detect_format(disguised) == "lhe"
    zipped = tmp_path / "x.txt"
    zipped.write_bytes(gzip.compress(MG5.read_bytes()))
    assert files.detect_format(zipped) == "lhe"
    hepmc2 = tmp_path / "h.dat"
    hepmc2.write_text("HepMC::Version 2.06.09\nHepMC::IO_GenEvent-START_EVENT_LISTING\n")
    assert files.detect_format(hepmc2) == "hepmc2"
    text = tmp_path / "a.lhe"
    text.write_text("mass,xsec\n1000,0.1\n")
    with pytest.raises(EventsFileError, match=r"a.lhe is not a ROOT file \(no ROOT file header\) nor an LHE or HepMC"):
        files.detect_format(text)


# ------------------------------------------------------------------ the MadGraph LHE (another program)


def test_madgraph_lhe_summary_reads_the_init_block():
    s = files.lhe_summary(MG5)
    assert s["xsec_pb"] == pytest.approx(sum(MG5_XSECUP.values()), rel=1e-12)  # 3750.836 pb
    assert {p["id"]: p["xsec_pb"] for p in s["processes"]} == pytest.approx(MG5_XSECUP, rel=1e-12)
    assert s["n_events"] == 100
    assert s["beams"] == [[2212, 3500.0], [2212, 3500.0]] and s["sqrt_s_GeV"] == pytest.approx(7000.0)
    assert s["weighting_strategy"] == 3
    assert s["file_generator"] == "MadGraph5_aMC@NLO 2.2.1"
    # unweighted (strategy 3): N_generated × unit weight is the integrated σ, equal to Σ XSECUP
    # within the quoted MC error
    assert abs(MG5_N_GENERATED * MG5_UNIT_WEIGHT - s["xsec_pb"]) < s["xsec_err_pb"]


def test_madgraph_lhe_events_physics():
    ev = files.read_lhe(MG5)
    assert len(ev) == 100
    assert np.allclose(ak.to_numpy(ev.eventinfo.weight), MG5_UNIT_WEIGHT)
    p = ev.particles
    final = p[p.status == 1]
    lep = final[(abs(final.id) == 11) | (abs(final.id) == 13)]
    assert ak.all(ak.num(lep) == 2)
    assert ak.all(lep.id[:, 0] + lep.id[:, 1] == 0)  # l+ l-, same flavour
    m_ll = (_p4(lep[:, 0]) + _p4(lep[:, 1])).mass
    assert ak.min(m_ll) > MG5_MMLL  # the run card's mmll cut
    z = p[p.id == 23]  # resonant events carry the Z; its mass is the pair's
    has_z = ak.num(z) == 1
    assert np.allclose(ak.to_numpy(z[has_z].m[:, 0]), ak.to_numpy(m_ll[has_z]), rtol=1e-5)
    # process @1, @2, @3 = l+ l- with 0, 1, 2 extra partons
    partons = final[(abs(final.id) <= 5) | (final.id == 21)]
    assert ak.all(ak.num(partons) == ev.eventinfo.pid - 1)
    # four-momentum conservation: incoming = final state
    p_in, p_out = _p4(p[p.status == -1]), _p4(final)
    for comp in ("px", "py", "pz", "E"):
        diff = ak.sum(getattr(p_in, comp), axis=1) - ak.sum(getattr(p_out, comp), axis=1)
        assert np.max(np.abs(ak.to_numpy(diff))) < 1e-6 * 7000.0


# ------------------------------------------------------------------ the Pythia files


def test_pythia_lhe_summary_and_events():
    s = files.lhe_summary(PY_LHE)
    assert s["xsec_pb"] == pytest.approx(PY_LHE_XSEC, rel=1e-8)
    assert s["n_events"] == 40 and s["weighting_strategy"] == -4 and s["sqrt_s_GeV"] == pytest.approx(13000.0)
    ev = files.read_lhe(PY_LHE)
    assert np.allclose(ak.to_numpy(ev.eventinfo.weight), PY_LHE_XSEC / 40, rtol=1e-8)  # strategy -4: pb
    final = ev.particles[ev.particles.status == 1]
    assert ak.all(ak.sort(final.id, axis=1) == ak.Array([[-13, 13]] * 40))  # exactly mu+ mu-
    m = ak.to_numpy((_p4(final[:, 0]) + _p4(final[:, 1])).mass)
    assert np.all((m >= M_WINDOW[0]) & (m <= M_WINDOW[1]))


def _hepmc_final_state_momentum(path: Path) -> np.ndarray:
    """Σ (px, py, pz, E) of the status-1 particles per event [GeV] (pyhepmc)."""
    import pyhepmc

    with pyhepmc.open(path) as f:
        return np.array(
            [
                [sum(getattr(p.momentum, c) for p in ev.particles if p.status == 1) for c in ("px", "py", "pz", "e")]
                for ev in f
            ]
        )


def test_hepmc_file_conserves_momentum():
    """Beams + final state only (tests/data/README.md): the final state carries the two 6.5 TeV beams."""
    total = _hepmc_final_state_momentum(PY_HEPMC)
    assert len(total) == 20
    assert np.allclose(total, [0.0, 0.0, 0.0, 13000.0], atol=1e-6 * 13000.0)


def _hepmc_truth_mass(path: Path) -> np.ndarray:
    """m(μ+μ−) of the hardest final-state μ+ and μ− per event, straight from pyhepmc."""
    import pyhepmc

    out = []
    with pyhepmc.open(path) as f:
        for ev in f:
            mus = [p for p in ev.particles if p.status == 1 and abs(p.pid) == 13]
            best = [max((p for p in mus if p.pid == q), key=lambda p: p.momentum.pt()) for q in (13, -13)]
            tot = best[0].momentum + best[1].momentum
            out.append(tot.m())
    return np.array(out)


def test_hepmc_straight_into_the_detector():
    events, info = files.read_hepmc(PY_HEPMC, seed=3)
    assert info["n_events"] == len(events) == 20
    assert info["xsec_pb"] == pytest.approx(PY_HEPMC_XSEC, rel=1e-8)
    w = ak.to_numpy(events.weight)
    assert w.sum() == pytest.approx(PY_HEPMC_XSEC, rel=1e-12) and np.allclose(w, w[0])
    truth = _hepmc_truth_mass(PY_HEPMC)
    # FSR only lowers m(μμ) below mHat (400-2000 GeV); it is a few-% effect in most events
    assert np.all(truth < M_WINDOW[1]) and np.median(truth) > M_WINDOW[0]
    two = ak.to_numpy(ak.num(events.mu_pt) == 2)
    assert two.sum() >= 10  # 2 × 97% efficiency, |eta| < 2.5: most events keep both muons
    mu = events[two]
    pair = ak.zip(
        {"pt": mu.mu_pt, "eta": mu.mu_eta, "phi": mu.mu_phi, "mass": ak.full_like(mu.mu_pt, 0.10566)},
        with_name="Momentum4D",
    )
    m_reco = ak.to_numpy((pair[:, 0] + pair[:, 1]).mass)
    assert np.all(ak.to_numpy(mu.mu_charge[:, 0] + mu.mu_charge[:, 1]) == 0)
    # the detector smears muon pT by ~3-8% here (recast.detector.muon_resolution): m(μμ) follows the truth
    assert np.median(np.abs(m_reco / truth[two] - 1.0)) < 0.08


def test_hepmc_units_format_and_compression_do_not_change_the_events(tmp_path):
    """The same events as HepMC3 in MeV and as HepMC2, and gzipped under a name without .gz,
    give the same detector-level events and σ (the detector seed is the same)."""
    import pyhepmc

    with gzip.open(PY_HEPMC, "rb") as g, pyhepmc.open(g) as f:
        events = list(f)
    for ev in events:
        ev.set_units(pyhepmc.Units.MEV, pyhepmc.Units.MM)
    mev, v2 = tmp_path / "mev.hepmc3", tmp_path / "v2.dat"
    with pyhepmc.open(mev, "w") as f:
        for ev in events:
            f.write(ev)
    with pyhepmc.open(v2, "w", format="HepMC2") as f:
        for ev in events:
            f.write(ev)
    disguised = tmp_path / "zipped.hepmc"
    shutil.copyfile(PY_HEPMC, disguised)
    assert files.detect_format(v2) == "hepmc2" and files.detect_format(disguised) == "hepmc3"
    ref, info = files.read_hepmc(PY_HEPMC, seed=5)
    assert info["sqrt_s_GeV"] == pytest.approx(13000.0, rel=1e-9)  # the two status-4 protons of 6500 GeV
    for path in (mev, v2, disguised):
        other, other_info = files.read_hepmc(path, seed=5)
        assert other_info["n_events"] == 20 and other_info["xsec_pb"] == pytest.approx(info["xsec_pb"], rel=1e-12)
        assert other_info["sqrt_s_GeV"] == pytest.approx(13000.0, rel=1e-9)  # in GeV whatever the file's unit
        assert ak.all(ak.num(other.mu_pt) == ak.num(ref.mu_pt))
        assert np.allclose(ak.to_numpy(ak.flatten(other.mu_pt)), ak.to_numpy(ak.flatten(ref.mu_pt)), rtol=1e-6)
        assert np.allclose(ak.to_numpy(other.met), ak.to_numpy(ref.met), rtol=1e-6, atol=1e-6)


def test_convert_records_sigma_and_source_and_caches(tmp_path):
    from recast.io import read_events, read_metadata

    out = files.convert(PY_HEPMC, progress=False)
    meta = read_metadata(out)
    assert meta["xsec_pb"] == pytest.approx(PY_HEPMC_XSEC, rel=1e-8)
    assert meta["sum_weights_pb"] == pytest.approx(PY_HEPMC_XSEC, rel=1e-9)
    assert meta["xsec_source"] == "hepmc3 GenCrossSection of the last event"
    assert meta["source_sha256"] == hashlib.sha256(PY_HEPMC.read_bytes()).hexdigest()
    assert meta["source_format"] == "hepmc3" and meta["n_events"] == 20
    stamp = out.stat().st_mtime_ns
    assert files.convert(PY_HEPMC, progress=False) == out and out.stat().st_mtime_ns == stamp  # cached
    # --xsec overrides the file's σ; the events keep their shape
    own = files.convert(PY_HEPMC, xsec_pb=2.0, out=tmp_path / "own.root", progress=False)
    assert read_metadata(own)["xsec_pb"] == 2.0 and read_metadata(own)["xsec_source"] == "--xsec"
    assert float(ak.sum(read_events(own).weight)) == pytest.approx(2.0)
    # recast.io reads the generator file itself wherever it reads a ROOT ntuple
    ev = read_events(PY_HEPMC, branches=["muons", "weight"])
    assert len(ev) == 20 and float(ak.sum(ev.weight)) == pytest.approx(PY_HEPMC_XSEC, rel=1e-9)


def test_limits_file_source_takes_hepmc_with_its_sigma():
    """`recast limits --events FILE.hepmc3.gz`: FileSource reads through recast.io."""
    from recast.sources import FileSource

    model = SimpleNamespace(mass=1000.0, kind="zprime", xsec_rel_unc=lambda mass: 0.1)
    (point,) = FileSource([PY_HEPMC]).points(model, branches=["muons", "weight"])
    assert point.xsec_pb == pytest.approx(PY_HEPMC_XSEC, rel=1e-8)
    assert len(point.events) == 20 and float(ak.sum(point.events.weight)) == pytest.approx(PY_HEPMC_XSEC)
    assert point.source == str(PY_HEPMC)


# ------------------------------------------------------------------ CLI


def test_cli_generate_from_hepmc_and_inspect(tmp_path):
    runner = CliRunner()
    out = tmp_path / "h.root"
    res = runner.invoke(cli, ["generate", "--from", str(PY_HEPMC), "--out", str(out), "--no-progress"])
    assert res.exit_code == 0, res.output
    assert f"wrote {out}" in res.output
    assert "total sigma 0.190395 pb (hepmc3 GenCrossSection of the last event), 20 events" in res.output
    res = runner.invoke(cli, ["inspect", str(MG5)])
    assert res.exit_code == 0, res.output
    assert "format   lhe (written by MadGraph5_aMC@NLO 2.2.1)" in res.output
    assert "events   100" in res.output and "sigma    3750.84 pb" in res.output
    assert "process 1: 2064.91 +- 4.91 pb" in res.output


def _truncated(src: Path, n: int):
    def make(w: Path) -> Path:
        data = gzip.decompress(src.read_bytes()) if src.suffix == ".gz" else src.read_bytes()
        (w / "t.dat").write_bytes(data[:n])
        return w / "t.dat"

    return make


def _text(text: str):
    def make(w: Path) -> Path:
        (w / "t.dat").write_text(text)
        return w / "t.dat"

    return make


def _edited(src: Path, old: str, new: str):
    def make(w: Path) -> Path:
        (w / "t.dat").write_text(src.read_text().replace(old, new, 1))
        return w / "t.dat"

    return make


BAD = [
    ("csv", _text("mass,xsec\n1000,0.1\n"), "is not a ROOT file (no ROOT file header) nor an LHE or HepMC file"),
    ("empty", _text(""), "is empty"),
    ("lhe-cut-in-header", _truncated(MG5, 20000), "malformed LHE file (header"),
    ("lhe-cut-in-events", _truncated(MG5, 60000), "malformed or truncated LHE file (events"),
    ("lhe-bad-number", _edited(MG5, "0.58437780464E+02", "fiftyeight"), "malformed LHE file (events"),
    (
        "lhe-no-events",
        _text(MG5.read_text().split("<event>")[0] + "</LesHouchesEvents>\n"),
        "no <event> blocks",
    ),
    ("lhe-negative-sigma", _edited(MG5, "0.60733273992E+03", "-0.60733273992E+03"), "negative cross-section"),
    ("hepmc-cut", _truncated(PY_HEPMC, 5000), "truncated or malformed hepmc3 file"),
    (
        "hepmc-garbage-event",
        _text("HepMC::Version 3.02.05\nHepMC::Asciiv3-START_EVENT_LISTING\nE 0 x\n"),
        "no readable events",
    ),
]


@pytest.mark.parametrize(("setup", "expected"), [b[1:] for b in BAD], ids=[b[0] for b in BAD])
@pytest.mark.parametrize("command", ["generate", "inspect"])
def test_bad_generator_files_fail_on_one_line(tmp_path, setup, expected, command):
    path = setup(tmp_path)
    argv = ["generate", "--from", str(path), "--no-progress"] if command == "generate" else ["inspect", str(path)]
    line = _one_error_line(CliRunner().invoke(cli, argv))
    assert expected in line, line
    assert not list(tmp_path.glob("*.root"))


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["generate", "--from", str(PY_HEPMC), "--model", "S3"], "drop --model"),
        (["generate", "--from", str(PY_HEPMC), "--events", "10"], "--from FILE takes every event of the file"),
        (["generate", "--from", str(PY_HEPMC), "--xsec", "-1"], "--xsec must be a positive cross-section in pb"),
        (["generate", "--from", str(PY_HEPMC), "--fast"], "that Pythia does not touch — drop --fast"),
        (["generate"], "give --model NAME"),
        (["generate", "--model", "S3", "--xsec", "1"], "--xsec goes with --from FILE"),
        (["generate", "--from", "nope.lhe"], "does not exist"),
    ],
)
def test_generate_from_option_errors(tmp_path, monkeypatch, argv, expected):
    monkeypatch.chdir(tmp_path)
    line = _one_error_line(CliRunner().invoke(cli, argv))
    assert expected in line, line


def test_hepmc_without_cross_section_asks_for_xsec(tmp_path):
    text = gzip.decompress(PY_HEPMC.read_bytes()).decode()
    lines = [x for x in text.splitlines() if not x.startswith("A 0 GenCrossSection")]
    bare = tmp_path / "bare.hepmc"
    bare.write_text("\n".join(lines) + "\n")
    with pytest.raises(EventsFileError, match=r"carries no cross-section .* pass --xsec in pb"):
        files.read_hepmc(bare)
    events, info = files.read_hepmc(bare, xsec_pb=1.5)
    assert info["xsec_pb"] == 1.5 and float(ak.sum(events.weight)) == pytest.approx(1.5)


def test_xsec_override_drops_the_files_sigma_error(tmp_path):
    """The file's σ error (HepMC3 GenCrossSection: 0.0192 pb on 0.190 pb) is not an error on a σ given
    with --xsec: the ntuple records none, and keeps the file's σ apart."""
    from recast.io import read_metadata

    meta = read_metadata(files.convert(PY_HEPMC, progress=False))
    assert meta["xsec_err_pb"] == pytest.approx(0.0192481625, rel=1e-8)  # the file's own error, on its own σ
    own = read_metadata(files.convert(PY_HEPMC, xsec_pb=2.0, out=tmp_path / "own.root", progress=False))
    assert own["xsec_pb"] == 2.0 and own["xsec_err_pb"] is None
    assert own["source_info"]["xsec_err_pb"] is None
    assert own["source_info"]["xsec_from_file_pb"] == pytest.approx(PY_HEPMC_XSEC, rel=1e-8)


# ------------------------------------------------------------------ Pythia (slow: a few seconds)


def _make_module():
    sys.path.insert(0, str(DATA))
    try:
        import make_generator_files
    finally:
        sys.path.remove(str(DATA))
    return make_generator_files


@pytest.mark.slow
def test_pythia_writes_lhe_and_recast_showers_it(tmp_path):
    """Pythia's LHEF writer → pylhe σ = Pythia's σ; the shower keeps every event and σ."""
    make = _make_module()
    path = tmp_path / "dy.lhe"
    sigma = make.write_lhe(path, n=40, seed=5)
    s = files.lhe_summary(path)
    assert s["xsec_pb"] == pytest.approx(sigma, rel=1e-7) and s["n_events"] == 40
    events, info = files.shower_lhe(path, seed=2, fast=True, progress=False)
    assert len(events) == info["n_showered"] == 40
    assert float(ak.sum(events.weight)) == pytest.approx(sigma, rel=1e-7)
    # the showered events are the file's events in order: the dimuon mass survives shower + detector
    lhe = files.read_lhe(path)
    final = lhe.particles[lhe.particles.status == 1]
    m_lhe = ak.to_numpy((_p4(final[:, 0]) + _p4(final[:, 1])).mass)
    two = ak.to_numpy(ak.num(events.mu_pt) == 2)
    mu = events[two]
    pair = ak.zip(
        {"pt": mu.mu_pt, "eta": mu.mu_eta, "phi": mu.mu_phi, "mass": ak.full_like(mu.mu_pt, 0.10566)},
        with_name="Momentum4D",
    )
    m_reco = ak.to_numpy((pair[:, 0] + pair[:, 1]).mass)
    assert two.sum() >= 20 and np.median(np.abs(m_reco / m_lhe[two] - 1.0)) < 0.08


@pytest.mark.slow
def test_pythia_writes_hepmc_read_back_with_its_sigma(tmp_path):
    make = _make_module()
    path = tmp_path / "dy.hepmc3"
    sigma = make.write_hepmc(path, n=10, seed=7)
    events, info = files.read_hepmc(path)
    assert info["n_events"] == len(events) == 10
    assert info["xsec_pb"] == pytest.approx(sigma, rel=1e-8)
    assert np.allclose(_hepmc_final_state_momentum(path), [0.0, 0.0, 0.0, 13000.0], atol=1e-6 * 13000.0)
    assert np.all(_hepmc_truth_mass(path) < M_WINDOW[1])


@pytest.mark.slow
def test_madgraph_lhe_round_trip_through_pythia(tmp_path):
    """The MadGraph file through `recast generate --from`: σ = Σ XSECUP, 100 events, and the
    Z → μμ events give back their LHE dimuon mass at detector level. Gzipped, as MadGraph
    writes it (unweighted_events.lhe.gz), and under a name without .gz."""
    from recast.io import read_events, read_metadata

    out, zipped = tmp_path / "mg.root", tmp_path / "unweighted_events.lhe"
    zipped.write_bytes(gzip.compress(MG5.read_bytes()))
    argv = ["generate", "--from", str(zipped), "--out", str(out), "--no-progress", "--seed", "4"]
    res = CliRunner().invoke(cli, argv)
    assert res.exit_code == 0, res.output
    meta = read_metadata(out)
    assert meta["xsec_pb"] == pytest.approx(sum(MG5_XSECUP.values()), rel=1e-12)
    assert meta["source_info"]["file_generator"] == "MadGraph5_aMC@NLO 2.2.1"
    events = read_events(out)
    assert len(events) == 100 and float(ak.sum(events.weight)) == pytest.approx(sum(MG5_XSECUP.values()))
    lhe = files.read_lhe(MG5)
    final = lhe.particles[lhe.particles.status == 1]
    mus = final[abs(final.id) == 13]
    is_mumu = ak.to_numpy(ak.num(mus) == 2)
    assert is_mumu.sum() == 45  # of the 100 events (the rest e+e-)
    m_lhe = ak.to_numpy((_p4(mus[is_mumu][:, 0]) + _p4(mus[is_mumu][:, 1])).mass)
    # both muons well inside the detector (|eta| < 2.4, pT > 10 GeV): each is found with ~97%
    # (recast.detector.muon_efficiency), so ≥ n·0.94 − 3σ(binomial) of these events keep both
    v = mus[is_mumu].vector
    inside = ak.to_numpy(ak.all((abs(v.eta) < 2.4) & (v.pt > 10.0), axis=1))
    reco = events[is_mumu][inside]
    two = ak.to_numpy(ak.num(reco.mu_pt) == 2)
    n = int(inside.sum())
    assert n >= 10 and two.sum() >= n * 0.94 - 3.0 * np.sqrt(n * 0.94 * 0.06)
    pair = ak.zip(
        {
            "pt": reco.mu_pt[two],
            "eta": reco.mu_eta[two],
            "phi": reco.mu_phi[two],
            "mass": ak.full_like(reco.mu_pt[two], 0.10566),
        },
        with_name="Momentum4D",
    )
    m_reco = ak.to_numpy((pair[:, 0] + pair[:, 1]).mass)
    # muons from a Z have pT ~ 45 GeV: ~2% resolution (recast.detector); FSR only lowers m
    assert np.median(np.abs(m_reco / m_lhe[inside][two] - 1.0)) < 0.05
    # no muon appears in the e+e- events
    assert ak.sum(ak.num(events[~is_mumu].mu_pt)) <= 2


def test_recast_limits_events_takes_a_hepmc_file(tmp_path, monkeypatch):
    """`recast limits --events FILE.hepmc3.gz`: σ of the limits is the file's GenCrossSection."""
    import json

    monkeypatch.chdir(tmp_path)
    out = tmp_path / "res"
    res = CliRunner().invoke(cli, ["limits", "--model", "B-3Lmu", "--lumi", "139", "--events", str(PY_HEPMC),
                                   "--mass", "1000", "--analysis", "atlas_1903_06248", "--method", "asymptotic",
                                   "--out", str(out), "--quiet"])
    assert res.exit_code == 0, res.output
    doc = json.loads((out / "limits.json").read_text())
    (point,) = doc["points"]
    assert point["xsec_pb"] == pytest.approx(PY_HEPMC_XSEC, rel=1e-8) and point["mass_GeV"] == 1000.0
    assert point["events"] == str(PY_HEPMC)
    # N = σ × L × (acc × eff) with acc × eff ≤ 1 (pb × fb^-1 = 1000 events)
    assert 0 < point["signal_events"] <= PY_HEPMC_XSEC * 139.0 * 1000.0


def test_recast_limits_refuses_a_truncated_lhe_on_one_line(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    bad = _truncated(MG5, 60000)(tmp_path)
    argv = ["limits", "--model", "B-3Lmu", "--lumi", "139", "--events", str(bad), "--mass", "1000", "--out", "res",
            "--quiet"]
    line = _one_error_line(CliRunner().invoke(cli, argv))
    assert "malformed or truncated LHE file" in line and not (tmp_path / "res").exists()


def test_limits_xsec_rescales_weighted_events_instead_of_flattening(monkeypatch):
    """`recast limits --events FILE --xsec S`: weighted and negative-weight (NLO) events are scaled to
    sum to S, keeping each event's weight relative to the others (the same as `generate --from --xsec`)."""
    import recast.io
    from recast.sources import FileSource

    raw = np.array([1.0, -0.5, 2.5, 1.0])  # e.g. MC@NLO weights, sum 4
    monkeypatch.setattr(recast.io, "read_events", lambda *a, **k: ak.Array({"weight": raw}))
    model = SimpleNamespace(mass=1000.0, xsec_rel_unc=lambda mass: 0.1)
    (point,) = FileSource(["nlo.root"], xsec_pb=2.0).points(model, branches=["weight"])
    assert point.xsec_pb == 2.0
    assert ak.to_numpy(point.events.weight) == pytest.approx(raw * 2.0 / 4.0, rel=1e-12)
    monkeypatch.setattr(recast.io, "read_events", lambda *a, **k: ak.Array({"weight": np.array([1.0, -1.0])}))
    from recast.exceptions import LimitsError

    with pytest.raises(LimitsError, match=r"weights sum to 0, .* — check the files' event weights"):
        FileSource(["zero.root"], xsec_pb=2.0).points(model, branches=["weight"])


def test_limits_events_split_in_files_count_the_signal_once(tmp_path):
    """`recast limits --events a --events b` with two parts of one sample (each normalised to its σ in
    the file) is σ once, not twice; files that disagree on σ need --xsec."""
    from recast.exceptions import LimitsError
    from recast.sources import FileSource

    model = SimpleNamespace(mass=1000.0, xsec_rel_unc=lambda mass: 0.1)
    (one,) = FileSource([PY_HEPMC]).points(model, branches=["muons", "weight"])
    (two,) = FileSource([PY_HEPMC, PY_HEPMC]).points(model, branches=["muons", "weight"])
    assert two.xsec_pb == pytest.approx(PY_HEPMC_XSEC, rel=1e-8) and len(two.events) == 40
    assert float(ak.sum(two.events.weight)) == pytest.approx(PY_HEPMC_XSEC, rel=1e-9)  # was 2 sigma
    assert ak.to_numpy(two.events.weight[:20]) == pytest.approx(ak.to_numpy(one.events.weight) / 2, rel=1e-9)
    other = files.convert(PY_HEPMC, xsec_pb=2.0, out=tmp_path / "other.root", progress=False)
    with pytest.raises(LimitsError, match=r"different cross-sections \(0.190395, 2 pb\) — pass --xsec"):
        FileSource([PY_HEPMC, other]).points(model, branches=["muons", "weight"])


def test_lhe_path_with_blanks_reaches_pythia_whole(tmp_path, monkeypatch):
    """Pythia reads the word setting Beams:LHEF only up to its first blank: a file under a path with
    blanks is handed over through a blank-free link to the same bytes (no event is generated here)."""
    import pythia8mc

    import recast.events.pythia

    src = tmp_path / "my run" / "unweighted events.lhe"
    src.parent.mkdir()
    shutil.copy(MG5, src)
    seen = {}

    class Stop(Exception):
        pass

    def fake_new_pythia(settings, **kw):
        py = pythia8mc.Pythia("", False)
        for s in settings:
            py.readString(s)
        word = py.settings.word("Beams:LHEF")
        seen["word"], seen["bytes"] = word, Path(word).read_bytes() if Path(word).is_file() else None
        raise Stop

    monkeypatch.setattr(recast.events.pythia, "new_pythia", fake_new_pythia)
    with pytest.raises(Stop):
        files.shower_lhe(src, progress=False)
    assert seen["bytes"] == MG5.read_bytes(), seen["word"]
    assert not Path(seen["word"]).exists()  # the link is gone with its temporary folder


def test_limits_refuse_an_lhe_file_at_another_collision_energy(monkeypatch):
    """An LHE file's beams give its sqrt(s) (lhe_summary): 8 TeV events are not the signal of the
    13 TeV searches (recast.constants.SQRT_S), with or without --xsec."""
    import recast.io
    from recast.exceptions import LimitsError
    from recast.sources import FileSource

    ev = ak.Array({"weight": np.full(4, 0.25)})
    monkeypatch.setattr(recast.io, "read_events", lambda *a, **k: ev)
    model = SimpleNamespace(mass=1000.0, xsec_rel_unc=lambda mass: 0.1)
    for rs, ok in ((8000.0, False), (13000.0, True)):
        meta = {"xsec_pb": 1.0, "source_info": {"format": "lhe", "sqrt_s_GeV": rs}}
        monkeypatch.setattr(recast.io, "read_metadata", lambda path, meta=meta: meta)
        for xsec in (None, 2.0):
            if ok:
                (point,) = FileSource(["x.lhe"], xsec_pb=xsec).points(model, branches=["weight"])
                assert point.xsec_pb == (xsec or 1.0)
            else:
                with pytest.raises(LimitsError, match=r"sqrt\(s\) = 8000 GeV, the searches are at 13000 GeV — "):
                    FileSource(["x.lhe"], xsec_pb=xsec).points(model, branches=["weight"])
