"""Reading events: recast, Delphes-like and NanoAOD-like files written with uproot."""

from __future__ import annotations

import doctest
import math

import awkward as ak
import numpy as np
import pytest
import uproot

import recast.io as rio
from recast.cli import cli
from recast.events import write_events
from recast.exceptions import BranchNotFound, EventsFileError
from recast.io import describe, detect_schema, iterate_events, read_events, read_metadata

MU_PT = [[100.0, 50.0], [], [30.0]]
MU_ETA = [[0.5, -0.5], [], [1.0]]
MU_PHI = [[0.0, math.pi], [], [1.0]]
MU_Q = [[-1, 1], [], [1]]
JET_PT = [[40.0], [60.0, 25.0], []]
JET_ETA = [[0.1], [1.0, -2.0], []]
JET_PHI = [[1.0], [2.0, -3.0], []]
JET_M = [[5.0], [8.0, 3.0], []]


def _write(path, tree, branches: dict):
    types = {k: ak.Array(v).type.content if isinstance(v, list) else np.asarray(v).dtype for k, v in branches.items()}
    with uproot.recreate(path) as f:
        f.mktree(tree, {k: (str(t) if not isinstance(t, np.dtype) else t) for k, t in types.items()})
        f[tree].extend({k: ak.Array(v) if isinstance(v, list) else np.asarray(v) for k, v in branches.items()})
    return path


def _jag(values, dtype):
    return ak.values_astype(ak.Array(values), dtype)


@pytest.fixture
def delphes_file(tmp_path):
    p = tmp_path / "delphes.root"
    branches = {
        "Muon.PT": _jag(MU_PT, np.float32), "Muon.Eta": _jag(MU_ETA, np.float32),
        "Muon.Phi": _jag(MU_PHI, np.float32), "Muon.Charge": _jag(MU_Q, np.int32),
        "Jet.PT": _jag(JET_PT, np.float32), "Jet.Eta": _jag(JET_ETA, np.float32),
        "Jet.Phi": _jag(JET_PHI, np.float32), "Jet.Mass": _jag(JET_M, np.float32),
        "Jet.BTag": _jag([[1], [2, 3], []], np.uint32),  # bit 0: tagged -> [T], [F, T]
        "MissingET.MET": _jag([[10.0], [20.0], [30.0]], np.float32),
        "MissingET.Phi": _jag([[0.1], [0.2], [0.3]], np.float32),
        "Event.Weight": _jag([[2.0], [3.0], [4.0]], np.float32),
    }
    with uproot.recreate(p) as f:
        f.mktree("Delphes", {k: v.type.content for k, v in branches.items()})
        f["Delphes"].extend(branches)
    return p


@pytest.fixture
def nano_file(tmp_path):
    p = tmp_path / "nano.root"
    mu = ak.zip({"pt": _jag(MU_PT, np.float32), "eta": _jag(MU_ETA, np.float32),
                 "phi": _jag(MU_PHI, np.float32), "charge": _jag(MU_Q, np.int32)})
    jet = ak.zip({"pt": _jag(JET_PT, np.float32), "eta": _jag(JET_ETA, np.float32),
                  "phi": _jag(JET_PHI, np.float32), "mass": _jag(JET_M, np.float32),
                  "btagDeepFlavB": _jag([[0.9], [0.1, 0.3], []], np.float32)})
    data = {"Muon": mu, "Jet": jet, "MET_pt": np.array([10.0, 20, 30], np.float32),
            "MET_phi": np.array([0.1, 0.2, 0.3], np.float32)}
    with uproot.recreate(p) as f:
        f.mktree("Events", {k: v.type.content if isinstance(v, ak.Array) else v.dtype for k, v in data.items()},
                 counter_name=lambda name: f"n{name}", field_name=lambda outer, inner: f"{outer}_{inner}")
        f["Events"].extend(data)
    return p


@pytest.fixture
def recast_file(tmp_path):
    ev = ak.zip({
        "mu_pt": _jag(MU_PT, np.float32), "mu_eta": _jag(MU_ETA, np.float32),
        "mu_phi": _jag(MU_PHI, np.float32), "mu_charge": _jag(MU_Q, np.int32),
        "jet_pt": _jag(JET_PT, np.float32), "jet_eta": _jag(JET_ETA, np.float32),
        "jet_phi": _jag(JET_PHI, np.float32), "jet_m": _jag(JET_M, np.float32),
        "jet_btag": ak.Array([[True], [False, True], []]),
        "met": np.array([10.0, 20, 30], np.float32), "met_phi": np.array([0.1, 0.2, 0.3], np.float32),
        "weight": np.array([2.0, 3.0, 4.0]),
    }, depth_limit=1)
    return write_events(ev, tmp_path / "recast.root", {"xsec_pb": 9.0, "seed": 7})


def _check(ev, weights=(2.0, 3.0, 4.0)):
    assert len(ev) == 3
    assert ev.fields == [*rio.FIELDS, "muons", "jets"]  # flat ntuple fields and vector records
    assert ev.mu_pt.tolist() == MU_PT and ev.jet_btag.tolist() == [[True], [False, True], []]
    assert ev.muons.pt.tolist() == MU_PT
    assert ev.muons.charge.tolist() == MU_Q
    assert ev.jets.mass.tolist() == JET_M
    assert ev.jets.btag.tolist() == [[True], [False, True], []]
    assert ev.met.tolist() == pytest.approx([10.0, 20.0, 30.0])
    assert ev.weight.tolist() == pytest.approx(list(weights))
    # vector behaviours: back-to-back 100 and 50 GeV muons at eta = +-0.5:
    # m^2 = 2 pT1 pT2 (cosh(d eta) - cos(d phi)) = 2*100*50*(cosh 1 + 1) (mu mass negligible)
    m = (ev.muons[0, 0] + ev.muons[0, 1]).mass
    assert float(m) == pytest.approx(math.sqrt(2 * 100 * 50 * (math.cosh(1.0) + 1)), rel=1e-5)
    assert float(ev.muons[0, 0].mass) == pytest.approx(0.1056583755)


def test_public_api_and_doctests():
    assert rio.__dir__() == rio.__all__
    assert doctest.testmod(rio).failed == 0


def test_read_recast(recast_file):
    assert detect_schema(recast_file) == "recast"
    _check(read_events(recast_file))
    assert read_metadata(recast_file) == {"xsec_pb": 9.0, "seed": 7}


def test_read_delphes(delphes_file):
    assert detect_schema(delphes_file) == "delphes"
    _check(read_events(delphes_file))
    _check(read_events(delphes_file, schema="delphes"))
    assert read_metadata(delphes_file) == {}


def test_read_nanoaod(nano_file):
    assert detect_schema(nano_file) == "nanoaod"
    # DeepJet scores 0.9, 0.1, 0.3 against the 0.2770 medium WP -> T, F, T; no genWeight -> 1
    _check(read_events(nano_file), weights=(1.0, 1.0, 1.0))


def test_branch_subset_and_many_files(recast_file, delphes_file):
    ev = read_events(recast_file, branches=["mu_pt", "met"])
    assert ev.fields == ["mu_pt", "mu_eta", "mu_phi", "met", "muons"]
    assert ev.muons.fields == ["pt", "eta", "phi", "mass"]  # kinematics come along, not the charge
    both = read_events([recast_file, delphes_file], branches=["jets", "weight"])
    assert len(both) == 6 and both.weight.tolist() == [2.0, 3.0, 4.0, 2.0, 3.0, 4.0]
    with pytest.raises(BranchNotFound, match="did you mean mu_pt"):
        read_events(recast_file, branches=["mu_ptt"])


def test_iterate_in_chunks(recast_file, delphes_file):
    chunks = list(iterate_events([recast_file, delphes_file], step_size=2))
    assert [len(c) for c in chunks] == [2, 1, 2, 1]
    whole = ak.concatenate(chunks)
    assert ak.to_list(read_events([recast_file, delphes_file], step_size=2)) == ak.to_list(whole)
    assert whole.muons.pt.tolist() == MU_PT + MU_PT
    assert ak.sum(whole.weight) == pytest.approx(18.0)


def test_error_not_root_missing_truncated(tmp_path, recast_file):
    text = tmp_path / "events.root"
    text.write_text("root:x:0:0 this is not a ROOT file\n" * 10)
    with pytest.raises(EventsFileError, match=r"events.root is not a ROOT file"):
        read_events(text)
    with pytest.raises(EventsFileError, match="does not exist"):
        read_events(tmp_path / "nope.root")
    cut = tmp_path / "cut.root"
    cut.write_bytes(recast_file.read_bytes()[:3000])
    with pytest.raises(EventsFileError, match=r"cut.root is truncated: 3000 bytes on disk"):
        read_events(cut)
    assert isinstance(EventsFileError("x"), OSError)


def test_error_no_known_tree_and_empty(tmp_path):
    p = _write(tmp_path / "other.root", "ntuple", {"x": np.arange(3.0)})
    with pytest.raises(EventsFileError, match=r"other.root has no known events tree; trees found: ntuple"):
        read_events(p)
    with pytest.raises(EventsFileError, match="no TTree 'Delphes'"):
        read_events(p, schema="delphes")
    with pytest.raises(EventsFileError, match="unknown events schema 'delfes'; did you mean delphes"):
        read_events(p, schema="delfes")
    empty = tmp_path / "empty.root"
    with uproot.recreate(empty) as f:
        f.mktree("events", {k: "var * float32" if k.startswith(("mu_", "jet_")) else "float32"
                            for k in rio.FIELDS})
    with pytest.raises(EventsFileError, match=r"empty.root: tree 'events' is empty"):
        read_events(empty)


def test_error_missing_branches(tmp_path):
    p = _write(tmp_path / "partial.root", "Delphes", {"Muon.PT": MU_PT, "Muon.Eta": MU_ETA})
    with pytest.raises(BranchNotFound) as err:
        read_events(p)
    msg = str(err.value)
    assert "partial.root: tree 'Delphes' (delphes schema) lacks branch(es) Muon.Phi, Muon.Charge, Jet.PT" in msg
    assert "Event.Weight" not in msg  # optional
    assert isinstance(err.value, KeyError)
    with pytest.raises(BranchNotFound, match=r"Muon\.Phi"):
        read_events(p, branches=["mu_pt"])  # the kinematics are always needed


def test_describe_and_cli_inspect(runner, delphes_file, tmp_path):
    info = describe(delphes_file)
    assert info["schema"] == "delphes" and info["entries"] == 3
    assert info["weights"] == {"sum": 9.0, "min": 2.0, "max": 4.0, "source": "Event.Weight"}
    res = runner.invoke(cli, ["inspect", str(delphes_file)])
    assert res.exit_code == 0, res.output
    assert "schema   delphes (tree 'Delphes')" in res.output and "entries  3" in res.output
    assert "weights  sum 9, min 2, max 4 (branch Event.Weight)" in res.output
    bad = tmp_path / "bad.root"
    bad.write_text("hello")
    res = runner.invoke(cli, ["inspect", str(bad)])
    assert res.exit_code == 2
    assert res.output.strip().endswith(
        "bad.root is not a ROOT file (no ROOT file header) nor an LHE or HepMC file — give a .root, LHE or HepMC3 file"
    )
