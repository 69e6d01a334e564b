"""Regression battery for hostile input (issue 12): every case ends in exactly one line
``recast: error: <what> — <fix>`` on stderr, exit status 2 (1 for a bug), no traceback, and no
file created or changed. Also: damaged cache entries recover by themselves, concurrent writers
of one output folder never crash half-way, output folders are not mode 0700.

No Pythia: every case fails before generation, or ``run_limits`` is replaced by a canned result.
"""

from __future__ import annotations

import errno
import hashlib
import json
import math
import os
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import awkward as ak
import numpy as np
import pytest
import uproot
from click.testing import CliRunner
from ntuples import dimuon_ntuple

from recast.cli import cli

LONG = "a" * 300


# --------------------------------------------------------------------------- helpers


def _snapshot(root: Path) -> dict[str, str]:
    """Every path under *root* with a hash of its content (folders: 'dir') and its mode."""
    out = {}
    for p in sorted(root.rglob("*")):
        rel = p.relative_to(root).as_posix()
        if p.is_dir():
            out[rel] = f"dir {stat.S_IMODE(p.stat().st_mode):o}"
        else:
            out[rel] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


def _events(path: Path, *, n: int = 40, mass: float = 2000.0, meta: object = None) -> Path:
    """A small recast-format ntuple: back-to-back opposite-sign muon pairs at m(mumu) ~ *mass*."""
    dimuon_ntuple(path, n=n, mass=mass, pt_offset=-50.0, pt_sigma=20.0, xsec_pb=0.01)
    if meta is not None:
        with uproot.update(path) as f:
            del f["metadata"]
            f["metadata"] = json.dumps(meta)
    return path


def _damaged_middle(path: Path) -> Path:
    """An ntuple whose compressed baskets are zeroed in the middle (header and footer intact)."""
    rng = np.random.default_rng(1)
    n = 4000
    cnt = rng.integers(0, 3, n)
    jag = lambda: ak.values_astype(ak.unflatten(rng.random(cnt.sum()) * 100, cnt), np.float32)  # noqa: E731
    from recast.events import write_events

    ev = ak.zip({
        "mu_pt": jag(), "mu_eta": jag(), "mu_phi": jag(),
        "mu_charge": ak.values_astype(ak.unflatten(np.ones(cnt.sum()), cnt), np.int32),
        "jet_pt": jag(), "jet_eta": jag(), "jet_phi": jag(), "jet_m": jag(),
        "jet_btag": ak.unflatten(np.ones(cnt.sum(), bool), cnt),
        "met": rng.random(n).astype(np.float32), "met_phi": rng.random(n).astype(np.float32), "weight": np.ones(n),
    }, depth_limit=1)
    tmp = path.with_suffix(".good")
    write_events(ev, tmp, {"xsec_pb": 1.0})
    data = bytearray(tmp.read_bytes())
    tmp.unlink()
    mid = len(data) // 2
    data[mid:mid + 400] = bytes(400)
    path.write_bytes(bytes(data))
    return path


def _limit_result(model: str = "S3") -> dict:
    pts = []
    for m in (1000.0, 1500.0, 2000.0):
        xs = 6.83e-3 * math.exp(-(m - 1000) / 160.0)
        mu = 3e-4 / xs
        pts.append({"mass_GeV": m, "xsec_pb": xs, "xsec_rel_unc": 0.1, "signal_events": 5.0,
                    "mu_ul_obs": mu * 1.1, "mu_ul_exp": [mu * 0.5, mu * 0.7, mu, mu * 1.4, mu * 1.9]})
    lim = {"observed": 1300.0, "expected": 1350.0, "expected_band": [1250.0, 1450.0]}
    per = {"lumi_fb": 139.0, "limit_method": "asymptotic", "approximations": ["test input"], "has_observed": True,
           "points": [dict(p) for p in pts], "mass_limit_GeV": lim}
    return {
        "model": model,
        "params": {},
        "states": "all decaying to muons",
        "lumi_fb": 139.0,
        "projection": False,
        "analyses": ["lq_mumujj"],
        "headline_analysis": "lq_mumujj",
        "selection": "best expected limit per mass",
        "analysis_per_mass": {f"{p['mass_GeV']:g}": "lq_mumujj" for p in pts},
        "limit_method": "asymptotic",
        "branching_ratios": {"S3m43": {"5 13": 1.0}},
        "notes": [],
        "units": {"mass": "GeV", "xsec": "pb", "lumi": "fb^-1"},
        "approximations": ["test input"],
        "points": [p | {"analysis": "lq_mumujj"} for p in pts],
        "mass_range_GeV": [1000.0, 2000.0],
        "mass_limit_GeV": lim,
        "per_analysis": {"lq_mumujj": per},
    }


WORKSPACE = {
    "channels": [
        {
            "name": "ch",
            "samples": [
                {"name": "signal", "data": [5.0], "modifiers": [{"name": "mu", "type": "normfactor", "data": None}]},
                {"name": "bkg", "data": [10.0], "modifiers": []},
            ],
        }
    ],
    "observations": [{"name": "ch", "data": [10.0]}],
    "measurements": [{"name": "meas", "config": {"poi": "mu", "parameters": []}}],
    "version": "1.0.0",
}


@pytest.fixture
def here(tmp_path, monkeypatch):
    """Run in an empty folder (the current folder is part of the no-leftover check)."""
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    return work


def _one_error_line(res, code: int = 2) -> str:
    assert res.exit_code == code, (res.exit_code, res.output, res.exception)
    assert "Traceback" not in res.output
    lines = [x for x in res.stderr.splitlines() if x.strip()]
    assert len(lines) == 1, res.stderr
    assert lines[0].startswith("recast: error: "), lines[0]
    assert " — " in lines[0], f"no '<what> — <fix>' in: {lines[0]}"
    return lines[0]


# --------------------------------------------------------------------------- the table


# (id, setup(work) -> None, argv (with {W} for the work folder), text expected in the one line)
def _file(name: str, text: str = "x"):
    def setup(w: Path) -> None:
        (w / name).write_text(text)

    return setup


def _dir(name: str):
    def setup(w: Path) -> None:
        (w / name).mkdir()

    return setup


def _bytes(name: str, data: bytes):
    def setup(w: Path) -> None:
        (w / name).write_bytes(data)

    return setup


def _json(name: str, doc: object):
    return _file(name, json.dumps(doc))


def _ntuple(name: str, **kw):
    def setup(w: Path) -> None:
        _events(w / name, **kw)

    return setup


def _nothing(w: Path) -> None:
    return None


ROOT_HEADER = b"root\x00\x00\xf6\x4a" + bytes(200)

CASES = [
    # cards: file-system errors, the current folder
    ("cards-proc", _nothing, ["cards", "--model", "S3", "--out", "/proc/x"], "cannot write in /proc"),
    ("cards-file-parent", _file("F"), ["cards", "--model", "S3", "--out", "F/sub"], "F is a file, not a folder"),
    ("cards-long-name", _nothing, ["cards", "--model", "S3", "--out", LONG], "too long"),
    ("cards-dot-force", _file("keep.txt"), ["cards", "--model", "S3", "--out", ".", "--force"], "current folder"),
    ("cards-dotdot-force", _nothing, ["cards", "--model", "S3", "--out", "..", "--force"], "current folder"),
    ("cards-exists", _dir("c"), ["cards", "--model", "S3", "--out", "c"], "--force"),
    ("cards-mass-0", _nothing, ["cards", "--model", "S3", "--mass", "0", "--out", "c"], "GeV"),
    ("cards-nevents-0", _nothing, ["cards", "--model", "S3", "--nevents", "0", "--out", "c"], "nevents"),
    ("ufo-dot-force", _file("keep.txt"), ["ufo", "--model", "B-3Lmu", "--out", ".", "--force"], "current folder"),
    ("ufo-proc", _nothing, ["ufo", "--model", "B-3Lmu", "--out", "/proc/x"], "cannot write in /proc"),
    ("ufo-file-parent", _file("F"), ["ufo", "--model", "B-3Lmu", "--out", "F/sub"], "F is a file, not a folder"),
    # limits: mass grids, bounds
    ("limits-masses-inf", _nothing, ["limits", "--model", "S3", "--lumi", "139", "--masses", "1000:inf:100"], "finite"),
    ("limits-masses-nan", _nothing, ["limits", "--model", "S3", "--lumi", "139", "--masses", "nan:2000:100"], "finite"),
    (
        "limits-masses-huge",
        _nothing,
        ["limits", "--model", "S3", "--lumi", "139", "--masses", "1:1e12:1"],
        "1,000,000,000,000 mass points",
    ),
    (
        "limits-masses-tiny-step",
        _nothing,
        ["limits", "--model", "S3", "--lumi", "139", "--masses", "1000:2400:0.001"],
        "1,400,001 mass points",
    ),
    (
        "limits-masses-empty",
        _nothing,
        ["limits", "--model", "S3", "--lumi", "139", "--masses", ""],
        "--masses is empty",
    ),
    ("limits-masses-step-0", _nothing, ["limits", "--model", "S3", "--lumi", "139", "--masses", "1000:2000:0"], "step"),
    (
        "limits-masses-step-neg",
        _nothing,
        ["limits", "--model", "S3", "--lumi", "139", "--masses", "1000:2000:-5"],
        "step",
    ),
    (
        "limits-masses-reversed",
        _nothing,
        ["limits", "--model", "S3", "--lumi", "139", "--masses", "2000:1000:100"],
        "empty",
    ),
    (
        "limits-masses-words",
        _nothing,
        ["limits", "--model", "S3", "--lumi", "139", "--masses", "a:b:c"],
        "cannot parse",
    ),
    ("limits-masses-1e300", _nothing, ["limits", "--model", "S3", "--lumi", "139", "--masses", "1e300"], "GeV"),
    (
        "limits-masses-list-cap",
        _nothing,
        ["limits", "--model", "S3", "--lumi", "139", "--masses", ",".join(str(1000 + i) for i in range(201))],
        "201 mass points",
    ),
    ("limits-lumi-0", _nothing, ["limits", "--model", "S3", "--lumi", "0"], "fb^-1"),
    ("limits-lumi-neg", _nothing, ["limits", "--model", "S3", "--lumi", "-139"], "fb^-1"),
    ("limits-lumi-inf", _nothing, ["limits", "--model", "S3", "--lumi", "inf"], "fb^-1"),
    ("limits-lumi-nan", _nothing, ["limits", "--model", "S3", "--lumi", "nan"], "fb^-1"),
    (
        "limits-xsec-neg",
        _ntuple("e.root"),
        ["limits", "--model", "B-3Lmu", "--lumi", "139", "--events", "e.root", "--mass", "2000", "--xsec", "-1"],
        "pb",
    ),
    (
        "limits-out-dot",
        _nothing,
        ["limits", "--model", "S3", "--lumi", "139", "--out", ".", "--force"],
        "current folder",
    ),
    ("limits-out-exists", _dir("r"), ["limits", "--model", "S3", "--lumi", "139", "--out", "r"], "--force"),
    (
        "limits-out-file-parent",
        _file("F"),
        ["limits", "--model", "S3", "--lumi", "139", "--out", "F/r"],
        "not a folder",
    ),
    (
        "limits-states-no-muons",
        _nothing,
        ["limits", "--model", "S3", "--lumi", "139", "--masses", "1000", "--states", "S3p23", "--out", "r", "--quiet"],
        "do not decay to muons (BR <= 0.001) — choose among S3m43, S3m13",
    ),
    (
        "limits-events-no-mass",
        _ntuple("e.root"),
        ["limits", "--model", "B-3Lmu", "--lumi", "139", "--events", "e.root"],
        "--mass",
    ),
    # numbers out of range
    (
        "flavour-mass-1e300",
        _nothing,
        ["flavour", "--model", "S3", "--mass", "1e300"],
        "--mass must be >= 1 and <= 1e+05 GeV",
    ),
    ("flavour-mass-1e-300", _nothing, ["flavour", "--model", "S3", "--mass", "1e-300"], "GeV"),
    ("flavour-mass-nan", _nothing, ["flavour", "--model", "S3", "--mass", "nan"], "--mass"),
    ("models-coupling-1e200", _nothing, ["models", "show", "S3", "--coupling", "y_bmu=1e200"], "4π"),
    ("models-coupling-nan", _nothing, ["models", "show", "S3", "--coupling", "y_bmu=nan"], "y_bmu"),
    ("models-gx-huge", _nothing, ["models", "show", "B-3Lmu", "--gX", "1e9"], "4π"),
    ("models-mass-neg", _nothing, ["models", "show", "B-3Lmu", "--mass", "-5"], "GeV"),
    ("generate-mass-nan", _nothing, ["generate", "--model", "S3", "--mass", "nan"], "--mass must be"),
    ("generate-mass-inf", _nothing, ["generate", "--model", "S3", "--mass", "inf"], "--mass must be"),
    ("generate-gx-inf", _nothing, ["generate", "--model", "B-3Lmu", "--gX", "inf"], "--gX"),
    # inspect
    ("inspect-metadata-list", _ntuple("l.root", meta=[1, 2]), ["inspect", "l.root"], "JSON list, not an object"),
    ("inspect-damaged-middle", lambda w: _damaged_middle(w / "d.root"), ["inspect", "d.root"], "is damaged"),
    ("inspect-text", _file("t.root", "hello"), ["inspect", "t.root"], "not a ROOT file"),
    ("inspect-missing", _nothing, ["inspect", "nope.root"], "does not exist"),
    ("inspect-header-only", _bytes("h.root", ROOT_HEADER), ["inspect", "h.root"], "h.root"),
    # plot
    ("plot-no-argument", _nothing, ["plot"], "no result file given"),
    ("plot-root-file", _ntuple("e.root"), ["plot", "e.root"], "not a JSON text file"),
    ("plot-binary", _bytes("b.json", bytes(range(256)) * 4), ["plot", "b.json"], "not a JSON text file"),
    ("plot-missing", _nothing, ["plot", "missing.json"], "limits.json that `recast limits` wrote"),
    ("plot-folder", _dir("d"), ["plot", "d"], "is a folder"),
    (
        "plot-theta-bs-0",
        _json("r.json", _limit_result("Lmu-Ltau") | {"params": {"gX": 0.1}}),
        ["plot", "r.json", "--out", "o", "--theta-bs", "0"],
        "--theta-bs",
    ),
    (
        "plot-theta-bs-nan",
        _json("r.json", _limit_result()),
        ["plot", "r.json", "--out", "o", "--theta-bs", "nan"],
        "--theta-bs",
    ),
    ("plot-empty-object", _json("r.json", {}), ["plot", "r.json", "--out", "o"], "required property"),
    ("plot-bad-fit", _json("r.json", _limit_result()), ["plot", "r.json", "--out", "o", "--fit", "1999"], "1999"),
    ("plot-out-is-file", _json("r.json", _limit_result()), ["plot", "r.json", "--out", "r.json"], "is a file"),
    # flavour / analyses writers
    ("flavour-json-dir", _dir("D"), ["flavour", "--model", "S3", "--json", "D", "--force"], "is a folder"),
    ("flavour-json-exists", _file("f.json", "{}"), ["flavour", "--model", "S3", "--json", "f.json"], "--force"),
    ("flavour-json-long", _nothing, ["flavour", "--model", "S3", "--json", LONG + ".json"], "255"),
    (
        "fiducial-json-exists",
        _file("x.json", "[]"),
        ["analyses", "fiducial-limits", "atlas_1903_06248", "--masses", "2000", "--json", "x.json"],
        "--force",
    ),
    ("fiducial-lumi-inf", _nothing, ["analyses", "fiducial-limits", "atlas_1903_06248", "--lumi", "inf"], "fb^-1"),
    (
        "fiducial-masses-inf",
        _nothing,
        ["analyses", "fiducial-limits", "atlas_1903_06248", "--masses", "1000:inf:1"],
        "finite",
    ),
    ("generate-out-exists", _file("ev.root", "old"), ["generate", "--model", "S3", "--out", "ev.root"], "--force"),
    ("generate-out-folder", _dir("evd"), ["generate", "--model", "S3", "--out", "evd"], "evd"),
    # scan
    (
        "scan-scheduler-banana",
        _nothing,
        ["scan", "--ids", "A0001", "--masses", "1000", "--scheduler", "banana"],
        "--scheduler 'banana'",
    ),
    (
        "scan-scheduler-no-port",
        _nothing,
        ["scan", "--ids", "A0001", "--masses", "1000", "--scheduler", "tcp://nohost"],
        "--scheduler",
    ),
    ("scan-gx-inf", _nothing, ["scan", "--ids", "A0001", "--gX", "inf"], "--gX"),
    ("scan-gx-0", _nothing, ["scan", "--ids", "A0001", "--gX", "0"], "--gX"),
    ("scan-top-neg", _nothing, ["scan", "--ids", "A0001", "--top", "-1"], "--top"),
    ("scan-jobs-0", _nothing, ["scan", "--ids", "A0001", "--jobs", "0"], "--jobs"),
    ("scan-masses-outside", _nothing, ["scan", "--ids", "A0001", "--masses", "100:200:50"], "dimuon search range"),
    (
        "scan-out-exists",
        lambda w: (w / "s").mkdir() or (w / "s" / "scan.csv").write_text("x"),
        ["scan", "--ids", "A0001", "--masses", "1000", "--out", "s"],
        "--force",
    ),
    # found by a hostile sweep
    (
        "flavour-g-bs-1e300",
        _nothing,
        ["flavour", "--model", "Zp", "--charges", "q=0 L=0,1,-1", "--coupling", "g_bs=1e300"],
        "coupling g_bs must be",
    ),
    ("cards-nul-in-path", _nothing, ["cards", "--model", "S3", "--out", "a\x00b"], "NUL character"),
    (
        "plot-all-zero",
        _json(
            "z.json",
            _limit_result("Lmu-Ltau")
            | {
                "params": {"gX": 0.1},
                "points": [
                    {
                        "mass_GeV": 1000,
                        "xsec_pb": 0,
                        "xsec_rel_unc": 0.1,
                        "signal_events": 0,
                        "mu_ul_obs": None,
                        "mu_ul_exp": [0, 0, 0, 0, 0],
                        "analysis": "lq_mumujj",
                    }
                ],
            },
        ),
        ["plot", "z.json", "--out", "o"],
        "no positive",
    ),
    (
        "limits-states-unknown",
        _nothing,
        ["limits", "--model", "S3", "--lumi", "139", "--states", "XX"],
        "S3 has no state 'XX'",
    ),  # no --quiet: fails before the progress bar starts
    (
        "limits-no-muon-coupling",
        _nothing,
        ["limits", "--model", "S3", "--lumi", "139", "--coupling", "y_bmu=0,y_smu=0", "--masses", "1000"],
        "set a muon coupling",
    ),
    ("models-zp-bad-charges", _nothing, ["models", "show", "Zp", "--charges", "q=a L=1,2,3"], "q"),
    # click's own usage errors: one line too
    ("click-missing-value", _nothing, ["limits", "--model"], "requires an argument"),
    ("click-missing-option", _nothing, ["limits", "--model", "S3"], "--lumi"),
    ("click-no-command", _nothing, ["frobnicate"], "No such command"),
    ("click-no-option", _nothing, ["cards", "--bogus"], "No such option"),
    ("click-bad-float", _nothing, ["limits", "--model", "S3", "--lumi", "lots"], "'lots' is not a valid float"),
    ("click-bad-choice", _nothing, ["scan", "--category", "spinor"], "spinor"),
    ("click-extra-argument", _nothing, ["models", "show", "S3", "S1"], "unexpected extra argument"),
    ("unknown-model", _nothing, ["models", "show", "S4"], "did you mean S3"),
]


@pytest.mark.parametrize(("setup", "argv", "needle"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_bad_input_one_line_exit_2_nothing_written(here, setup, argv, needle):
    setup(here)
    before = _snapshot(here.parent)
    t0 = time.monotonic()
    res = CliRunner().invoke(cli, argv)
    elapsed = time.monotonic() - t0
    line = _one_error_line(res)
    assert needle in line, line
    assert _snapshot(here.parent) == before, "a file was created, changed or left behind"
    assert elapsed < 20, f"took {elapsed:.1f} s (hangs are bugs)"


def test_battery_covers_the_issue_table():
    ids = {c[0] for c in CASES}
    assert len(CASES) == len(ids) >= 60
    for needed in (
        "cards-proc",
        "cards-file-parent",
        "cards-long-name",
        "cards-dot-force",
        "limits-masses-inf",
        "limits-masses-huge",
        "limits-masses-tiny-step",
        "limits-masses-empty",
        "flavour-mass-1e300",
        "flavour-mass-1e-300",
        "models-coupling-1e200",
        "inspect-metadata-list",
        "inspect-damaged-middle",
        "plot-root-file",
        "plot-binary",
        "plot-missing",
        "plot-theta-bs-0",
        "flavour-json-dir",
        "scan-scheduler-banana",
        "scan-gx-inf",
        "scan-top-neg",
        "generate-out-exists",
        "fiducial-json-exists",
        "generate-mass-nan",
        "limits-states-no-muons",
        "click-missing-value",
        "plot-no-argument",
    ):
        assert needed in ids, needed


# --------------------------------------------------------------------------- file-system errors we cannot make as root


@pytest.mark.parametrize(
    ("code", "needle"),
    [(errno.EROFS, "Read-only file system"), (errno.EACCES, "Permission denied"), (errno.EBUSY, "busy")],
)
def test_unwritable_output_folder(here, monkeypatch, code, needle):
    """A read-only / forbidden / busy output folder (simulated: tests run as root) fails before any work."""
    import tempfile

    import recast.atomic

    def refuse(*_a, **_k):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(recast.atomic.tempfile, "mkstemp", refuse)
    before = _snapshot(here.parent)
    res = CliRunner().invoke(cli, ["cards", "--model", "S3", "--out", "c"])
    line = _one_error_line(res)
    assert "cannot write in" in line and needle.split()[0].lower() in line.lower(), line
    assert _snapshot(here.parent) == before
    monkeypatch.setattr(recast.atomic.tempfile, "mkstemp", tempfile.mkstemp)


@pytest.mark.parametrize(
    ("err", "needle"),
    [
        (FileNotFoundError(errno.ENOENT, "No such file or directory", "/x/y"), "/x/y: no such file or directory — "),
        (NotADirectoryError(errno.ENOTDIR, "Not a directory", "F/sub"), "F/sub: a part of the path is a file"),
        (OSError(errno.EROFS, "Read-only file system", "/ro/c"), "/ro/c: read-only file system — "),
        (OSError(errno.ENAMETOOLONG, "File name too long", LONG), "(300 characters): file name too long — "),
        (OSError(errno.EBUSY, "Device or resource busy", "/mnt"), "/mnt: busy"),
        (PermissionError(errno.EACCES, "Permission denied", "/root/x"), "/root/x: permission denied — "),
        (IsADirectoryError(errno.EISDIR, "Is a directory", "D"), "D: is a folder, not a file — "),
        (OverflowError("(34, 'Numerical result out of range')"), "a number is out of range"),
        (ZeroDivisionError("float division by zero"), "a number is out of range"),
        (json.JSONDecodeError("Expecting value", "{", 1), "damaged or non-JSON input"),
        (UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte"), "binary or not UTF-8"),
    ],
)
def test_boundary_turns_expected_failures_into_one_line(monkeypatch, err, needle):
    """Whatever raises deep inside a command, the root group prints one line and exits 2."""
    import recast.cli.models as models_cli

    def boom(*_a, **_k):
        raise err

    monkeypatch.setattr(models_cli, "model_names", boom)
    res = CliRunner().invoke(cli, ["models"])
    line = _one_error_line(res)
    assert needle in line, line


def test_unexpected_exception_is_a_bug_exit_1(monkeypatch):
    import recast.cli.models as models_cli

    def boom(*_a, **_k):
        raise RuntimeError("internal state\nspread over lines")

    monkeypatch.setattr(models_cli, "model_names", boom)
    res = CliRunner().invoke(cli, ["models"])
    line = _one_error_line(res, code=1)
    assert "unexpected RuntimeError: internal state spread over lines" in line
    assert "this is a bug, rerun with --debug" in line
    debug = CliRunner().invoke(cli, ["--debug", "models"])
    assert debug.exit_code == 1 and isinstance(debug.exception, RuntimeError)  # the traceback is kept


def test_success_still_exits_0_and_help_is_not_an_error():
    assert CliRunner().invoke(cli, ["models"]).exit_code == 0
    bare = CliRunner().invoke(cli, [])  # `recast` alone prints the help (not a one-line error)
    assert bare.exit_code == 0 and bare.stdout.startswith("Usage: ") and "Commands:" in bare.stdout and not bare.stderr
    res = CliRunner().invoke(cli, ["--help"])
    assert res.exit_code == 0 and "Usage" in res.output and not res.stderr
    assert CliRunner().invoke(cli, ["limits", "--help"]).exit_code == 0


def test_cache_folder_unusable(here, monkeypatch):
    """RECAST_CACHE_DIR below a file: one line naming the path, nothing written."""
    (here / "F").write_text("x")
    _events(here / "e.root")
    monkeypatch.setenv("RECAST_CACHE_DIR", os.fspath(here / "F" / "cache"))
    before = _snapshot(here.parent)
    res = CliRunner().invoke(
        cli,
        [
            "limits",
            "--model",
            "B-3Lmu",
            "--lumi",
            "139",
            "--events",
            "e.root",
            "--mass",
            "2000",
            "--out",
            "r",
            "--quiet",
        ],
    )
    line = _one_error_line(res)
    assert ("F" in line and "not a folder" in line) or "a part of the path is a file" in line, line
    assert _snapshot(here.parent) == before


# --------------------------------------------------------------------------- writers


def test_cards_force_replaces_and_leaves_nothing_behind(here):
    runner = CliRunner()
    assert runner.invoke(cli, ["cards", "--model", "S3", "--out", "c"]).exit_code == 0
    first = _snapshot(here)
    assert runner.invoke(cli, ["cards", "--model", "S3", "--mass", "2000", "--out", "c", "--force"]).exit_code == 0
    names = sorted(p.name for p in here.iterdir())
    assert names == ["c"], names  # no .c.xxxx.old / .tmp siblings
    assert _snapshot(here) != first  # replaced by the 2 TeV cards


def test_plot_failure_leaves_no_figure(here, monkeypatch):
    """If the second figure fails, the first is not left in --out either."""
    from recast import plotting

    (here / "r.json").write_text(json.dumps(_limit_result()))

    def boom(*_a, **_k):
        raise ZeroDivisionError("float division by zero")

    monkeypatch.setattr(plotting, "plot_lq_plane", boom)
    before = _snapshot(here.parent)
    line = _one_error_line(CliRunner().invoke(cli, ["plot", "r.json", "--out", "o"]))
    assert "out of range" in line
    assert _snapshot(here.parent) == before


def _canned_limits(monkeypatch, calls: list):
    import recast.chain
    import recast.plotting

    def fake_run_limits(model_name, **_kw):
        from recast.results import LimitResult

        calls.append(model_name)
        return LimitResult.from_json(_limit_result()), {"lq_mumujj_1000": WORKSPACE}

    def fake_plot(result, out_dir, *, stem="exclusion", **_kw):  # the figures are tested in test_plotting
        paths = [Path(out_dir) / f"{stem}.{ext}" for ext in ("pdf", "png")]
        for p in paths:
            p.write_bytes(json.dumps(result["mass_limit_GeV"]).encode())
        return paths

    monkeypatch.setattr(recast.chain, "run_limits", fake_run_limits)
    monkeypatch.setattr(recast.plotting, "plot_mass_limit", fake_plot)


LIMITS_ARGS = ["limits", "--model", "S3", "--lumi", "139", "--masses", "1000:2000:500", "--quiet"]


@pytest.mark.parametrize(
    ("damage", "reason"),
    [
        (lambda e: (e / "limits.json").write_bytes((e / "limits.json").read_bytes()[:300]), "limits.json changed"),
        (lambda e: (e / "limits.json").write_text("{}"), "limits.json changed"),
        (lambda e: next((e / "workspaces").glob("*.json")).write_text("not a workspace"), "workspaces/"),
        (lambda e: (e / "extra.txt").write_text("x"), "not written by recast"),
        (lambda e: (e / "exclusion.png").unlink(), "exclusion.png is missing"),
    ],
    ids=["truncated", "empty-object", "workspace-text", "extra-file", "missing-file"],
)
def test_damaged_cache_entry_recovers(here, monkeypatch, damage, reason):
    from recast.cache import cache_dir

    calls: list = []
    _canned_limits(monkeypatch, calls)
    res = CliRunner().invoke(cli, [*LIMITS_ARGS, "--out", "r"])
    assert res.exit_code == 0, res.output
    (entry,) = [p for p in cache_dir("limits").iterdir() if p.is_dir()]
    assert stat.S_IMODE((here / "r").stat().st_mode) == 0o777 & ~_umask()  # not mkdtemp's 0700
    good = json.loads((here / "r" / "limits.json").read_text())
    damage(entry)
    res = CliRunner().invoke(cli, [*LIMITS_ARGS, "--out", "r", "--force"])
    assert res.exit_code == 0, res.output
    warnings = [x for x in res.stderr.splitlines() if x.startswith("recast: warning:")]
    assert len(warnings) == 1 and reason in warnings[0] and "discarded, recomputing" in warnings[0], res.stderr
    assert len(calls) == 2 and "served from cache" not in res.output  # recomputed
    assert json.loads((here / "r" / "limits.json").read_text()) == good
    assert json.loads(next((here / "r" / "workspaces").glob("*.json")).read_text()) == WORKSPACE
    res = CliRunner().invoke(cli, [*LIMITS_ARGS, "--out", "r", "--force"])  # the new entry is intact
    assert res.exit_code == 0 and "served from cache" in res.output and "warning" not in res.stderr
    assert len(calls) == 2


def test_cache_entry_without_its_record_or_with_bad_content_is_recomputed(here, monkeypatch):
    """An entry whose checksum record is gone is not served; nor one whose (checksummed) content is not a result."""
    from recast.cache import RECORD_SUFFIX, cache_dir, store

    calls: list = []
    _canned_limits(monkeypatch, calls)
    assert CliRunner().invoke(cli, [*LIMITS_ARGS, "--out", "r"]).exit_code == 0
    (entry,) = [p for p in cache_dir("limits").iterdir() if p.is_dir()]
    entry.with_name(entry.name + RECORD_SUFFIX).unlink()
    res = CliRunner().invoke(cli, [*LIMITS_ARGS, "--out", "r", "--force"])
    assert res.exit_code == 0 and "served from cache" not in res.output and len(calls) == 2
    assert "it has no checksum record" in res.stderr
    store("limits").put(entry.name, lambda tmp: (tmp.mkdir(), (tmp / "limits.json").write_text("{}")))
    res = CliRunner().invoke(cli, [*LIMITS_ARGS, "--out", "r", "--force"])
    assert res.exit_code == 0 and "'model' is a required property" in res.stderr and len(calls) == 3


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def test_concurrent_folder_replacement_threads(tmp_path):
    """8 writers x 6 rounds replace one folder: no crash, the result is one complete copy, nothing left."""
    from recast.atomic import copy_dir

    srcs = []
    for i in range(8):
        s = tmp_path / f"src{i}"
        (s / "workspaces").mkdir(parents=True)
        (s / "limits.json").write_text(json.dumps({"writer": i}))
        (s / "workspaces" / "w.json").write_text(json.dumps({"writer": i}))
        srcs.append(s)
    out = tmp_path / "outs" / "same"
    errors: list[BaseException] = []

    def work(src: Path) -> None:
        try:
            for _ in range(6):
                copy_dir(src, out)
        except BaseException as err:  # noqa: BLE001
            errors.append(err)

    threads = [threading.Thread(target=work, args=(s,)) for s in srcs]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    assert sorted(p.name for p in out.parent.iterdir()) == ["same"]
    a = json.loads((out / "limits.json").read_text())
    assert json.loads((out / "workspaces" / "w.json").read_text()) == a  # both files from the same writer


def test_concurrent_folder_replacement_processes(tmp_path):
    """The same across 4 processes (flock on a lock file outside the output folder)."""
    src = tmp_path / "src"
    src.mkdir()
    (src / "limits.json").write_text("{}")
    out = tmp_path / "outs" / "same"
    code = "import sys; from recast.atomic import copy_dir\nfor _ in range(15): copy_dir(sys.argv[1], sys.argv[2])\n"
    procs = [
        subprocess.Popen([sys.executable, "-c", code, os.fspath(src), os.fspath(out)], stderr=subprocess.PIPE)
        for _ in range(4)
    ]
    for p in procs:
        _, err = p.communicate(timeout=120)
        assert p.returncode == 0, err.decode()
    assert sorted(p.name for p in out.parent.iterdir()) == ["same"]
    assert (out / "limits.json").read_text() == "{}"


def test_replace_dir_restores_the_old_folder_on_failure(tmp_path, monkeypatch):
    from recast import atomic

    out = tmp_path / "out"
    out.mkdir()
    (out / "old.txt").write_text("old")
    tmp = atomic.make_temp_dir(out)
    (tmp / "new.txt").write_text("new")
    real = os.replace
    n = {"calls": 0}

    def flaky(a, b):
        n["calls"] += 1
        if n["calls"] == 2:  # the rename of the new folder into place
            raise OSError(errno.EXDEV, "Invalid cross-device link", os.fspath(b))
        return real(a, b)

    monkeypatch.setattr(atomic.os, "replace", flaky)
    with pytest.raises(OSError, match="cross-device"):
        atomic.replace_dir(tmp, out)
    monkeypatch.setattr(atomic.os, "replace", real)
    assert (out / "old.txt").read_text() == "old" and not (out / "new.txt").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["out", tmp.name])  # only the caller's tmp


@pytest.mark.parametrize("damage", ["empty-object", "truncated", "negative-limit"])
def test_damaged_scan_limit_cache_recovers(here, monkeypatch, damage):
    """A damaged cached search limit of `recast scan` is reported once, discarded and recomputed."""
    from test_scan_zprime import NarrowReference

    from recast.cache import cache_dir
    from recast.scan import runner, searches

    monkeypatch.setattr(runner, "GeneratedReference", NarrowReference)  # no Pythia: the stub narrow Z'
    monkeypatch.setattr(searches, "GeneratedReference", NarrowReference)
    calls = _counted_search_limits(monkeypatch)
    args = ["scan", "--model", "B-3Lmu", "--masses", "1000", "--scheduler", "synchronous", "--no-progress",
            "--method", "asymptotic", "--out", "s"]
    res = CliRunner().invoke(cli, args)
    assert res.exit_code == 0, res.output
    good = json.loads((here / "s" / "scan.json").read_text())
    (entry,) = (cache_dir("scan") / "limits").glob("*.json")
    doc = json.loads(entry.read_text())
    if damage == "negative-limit":
        next(iter(doc["searches"].values()))["observed_pb"] = -1.0
    entry.write_text({"empty-object": "{}", "truncated": json.dumps(doc)[:40]}.get(damage, json.dumps(doc)))
    for folder in (cache_dir("scan") / "points").iterdir():  # force the points to be re-evaluated
        for f in folder.glob("*.json"):
            f.unlink()
    res = CliRunner().invoke(cli, [*args, "--force"])
    assert res.exit_code == 0, res.output
    warnings = [x for x in res.stderr.splitlines() if x.startswith("recast: warning:")]
    assert len(warnings) == 1 and "discarded, recomputing" in warnings[0]
    assert calls == [1000.0, 1000.0]
    assert json.loads((here / "s" / "scan.json").read_text())["models"] == good["models"]


def _counted_search_limits(monkeypatch) -> list:
    """Spy on recast.scan.runner.search_limits: the returned list gets the mass of every call."""
    from recast.scan import runner

    calls: list = []
    real = runner.search_limits

    def counted(mass, **kw):
        calls.append(mass)
        return real(mass, **kw)

    monkeypatch.setattr(runner, "search_limits", counted)
    return calls


def _canned_zprime(monkeypatch, tmp_path: Path, n: int) -> list:
    """recast.events.generate with the Z' generation replaced by *n* canned events; returns the list of calls."""
    import importlib

    from recast.io import read_events

    gen = importlib.import_module("recast.events.generate")
    canned = read_events(_events(tmp_path / "src.root", n=n))
    fields = ["mu_pt", "mu_eta", "mu_phi", "mu_charge", "jet_pt", "jet_eta", "jet_phi", "jet_m", "jet_btag", "met",
              "met_phi", "weight"]
    calls: list = []

    def fake_generate(model, *_a, **_k):
        calls.append(model.name)
        return ak.zip({f: canned[f] for f in fields}, depth_limit=1), {"states": [], "xsec_pb": 0.01}

    monkeypatch.setattr(gen, "_generate_zprime", fake_generate)
    return calls


def test_damaged_cached_events_are_regenerated(tmp_path, monkeypatch, capsys):
    """A cached events file damaged after it was written is reported once and regenerated."""
    import importlib

    from recast.cache import RECORD_SUFFIX
    from recast.io import read_events
    from recast.models import get_model

    gen = importlib.import_module("recast.events.generate")  # the module (recast.events.generate is the function)
    calls = _canned_zprime(monkeypatch, tmp_path, 200)
    model = get_model("B-3Lmu", mass=2000.0)
    first = gen.generate(model, n_events=200, seed=1, progress=False)
    assert first.with_name(first.name + RECORD_SUFFIX).is_file() and calls == ["B-3Lmu"]
    assert gen.generate(model, n_events=200, seed=1, progress=False) == first and len(calls) == 1  # cache hit
    data = bytearray(first.read_bytes())
    mid = len(data) // 2
    data[mid : mid + 64] = bytes(64)
    first.write_bytes(bytes(data))
    capsys.readouterr()
    again = gen.generate(model, n_events=200, seed=1, progress=False)
    err = capsys.readouterr().err
    assert err.count("recast: warning:") == 1 and "changed since it was written" in err
    assert len(calls) == 2 and again == first
    assert len(read_events(again)) == 200


def test_changed_shipped_analysis_data_is_not_served_from_the_cache(here, monkeypatch, tmp_path):
    """The limits cache key fingerprints every analysis' shipped files: a regenerated background (or a changed
    selection) in a plugin folder changes the fingerprint, and the next run recomputes instead of serving
    the stale entry."""
    import shutil
    import sys
    from types import SimpleNamespace

    import recast.chain
    import recast_analyses.lq_mumujj
    from recast.analysis import registry

    pkg = tmp_path / "stale_plugin"
    shutil.copytree(Path(recast_analyses.lq_mumujj.__file__).parent, pkg,
                    ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "stale_plugin", raising=False)
    plugin = SimpleNamespace(id="lq_mumujj", package="stale_plugin")
    monkeypatch.setattr(registry, "list_analyses", lambda **_kw: [plugin])
    before = recast.chain.analyses_fingerprint()

    calls: list = []
    _canned_limits(monkeypatch, calls)
    assert CliRunner().invoke(cli, [*LIMITS_ARGS, "--out", "r"]).exit_code == 0
    assert "served from cache" in CliRunner().invoke(cli, [*LIMITS_ARGS, "--out", "r", "--force"]).output
    assert len(calls) == 1

    bkg = pkg / "background.json"
    bkg.write_text(bkg.read_text().replace("1", "2", 1))  # a regenerated background
    assert recast.chain.analyses_fingerprint() != before
    res = CliRunner().invoke(cli, [*LIMITS_ARGS, "--out", "r", "--force"])
    assert res.exit_code == 0 and "served from cache" not in res.output and len(calls) == 2


def test_write_texts_writes_all_files_or_none(tmp_path):
    """recast.atomic.write_texts (scan.csv + scan.json): a failure on the second file leaves neither, nor temp files."""
    from recast.atomic import write_texts

    a, b = tmp_path / "scan.csv", tmp_path / "scan.json"
    with pytest.raises(TypeError):
        write_texts({a: "x\n", b: 123})  # type: ignore[dict-item]
    assert sorted(tmp_path.iterdir()) == []
    write_texts({a: "x\n", b: "{}\n"})
    assert a.read_text() == "x\n" and b.read_text() == "{}\n"
    assert stat.S_IMODE(a.stat().st_mode) == 0o666 & ~_umask()
