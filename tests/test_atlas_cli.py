"""`recast atlas` command line: enumerate, filters, check, show, JSON/CSV output."""

from __future__ import annotations

import csv
import json

import pytest

from recast.cli import cli


def _count(output: str) -> int:
    line = next(ln for ln in output.splitlines() if ln.startswith("inequivalent solutions:"))
    return int(line.split(":")[1].split()[0])


def _filter_counts(output: str) -> dict[str, int]:
    out = {}
    for ln in output.splitlines():
        if ln.startswith("  --"):
            key, val = ln.strip().rsplit(":", 1)
            out[key] = int(val)
    return out


def test_enumerate_default(runner):
    res = runner.invoke(cli, ["atlas"])
    assert res.exit_code == 0, res.output
    assert _count(res.output) == 275
    assert "276" in res.output and "trivial" in res.output  # the published number is explained
    rows = [ln for ln in res.output.splitlines() if ln.startswith("A0")]
    assert len(rows) == 275 and rows[0].split()[0] == "A0001" and rows[-1].split()[0] == "A0275"


def test_enumerate_limit_and_range(runner):
    res = runner.invoke(cli, ["atlas", "--max-charge", "5", "--limit", "2"])
    assert res.exit_code == 0, res.output
    assert _count(res.output) == 35
    assert "33 more" in res.output
    assert "(arXiv" not in res.output  # the paper note only applies at |X| <= 10


@pytest.mark.parametrize(
    ("args", "counts"),
    [
        (["--muoquark", "S3"], {"--muoquark S3": 273}),
        (["--muoquark", "s1"], {"--muoquark S1": 273}),
        (["--muoquark", "R2"], {"--muoquark R2": 273}),
        (["--category", "vector"], {"--category vector": 254}),
        (["--category", "chiral"], {"--category chiral": 21}),
        (["--muoquark", "S3", "--category", "chiral"], {"--muoquark S3": 273, "--category chiral": 21}),
        (["--class", "2+1"], {}),
        (["--class", "2+1", "--muoquark", "S3"], {"--muoquark S3": 171}),
        (["--class", "2+1", "--construction", "paper", "--muoquark", "S3"], {"--muoquark S3": 171}),
        (["--class", "2+1", "--construction", "free", "--muoquark", "S3"], {"--muoquark S3": 537}),
        (
            ["--class", "2+1", "--muoquark", "S3", "--category", "chiral"],
            {"--muoquark S3": 171, "--category chiral": 13},
        ),
    ],
)
def test_filters_print_counts(runner, args, counts):
    res = runner.invoke(cli, ["atlas", "--limit", "0", *args])
    assert res.exit_code == 0, res.output
    assert _filter_counts(res.output) == counts
    if "2+1" in args:
        # the paper's construction (arXiv:2107.07518) by default; the free X_q3 scan on request
        free = "free" in args
        assert _count(res.output) == (565 if free else 185)
        assert f"construction: {'free' if free else 'paper'}: " in res.output
        assert f"(--construction {'paper' if free else 'free'}: {185 if free else 565} classes" in res.output
    else:
        assert "construction:" not in res.output


def test_construction_needs_two_plus_one(runner):
    res = runner.invoke(cli, ["atlas", "--construction", "free"])
    assert res.exit_code == 2
    assert "recast: error: --construction applies to the 2+1 class only" in res.output
    res = runner.invoke(cli, ["atlas", "--class", "2+1", "--construction", "scan"])
    assert res.exit_code == 2 and "'scan' is not one of 'paper', 'free'" in res.output


def test_help_explains_constructions(runner):
    res = runner.invoke(cli, ["atlas", "--help"])
    assert res.exit_code == 0
    text = " ".join(res.output.split())
    assert "X_q12 = 0, X_q3 = 3 X_q" in text and "arXiv:2107.07518" in text
    assert "free: scan every integer X_q3" in text


def test_two_plus_one_rows_name_the_universal_parent(runner, tmp_path):
    out = tmp_path / "t.json"
    res = runner.invoke(cli, ["atlas", "--class", "2+1", "--muoquark", "S3", "--limit", "1", "--json", str(out)])
    assert res.exit_code == 0, res.output
    doc = json.loads(out.read_text())
    assert doc["construction"] == "paper" and doc["count"] == 171
    assert all(r["extends"].startswith("A") for r in doc["solutions"])
    header = next(ln for ln in res.output.splitlines() if ln.startswith("id"))
    assert header.split()[-1] == "extends"
    res = runner.invoke(cli, ["atlas", "--class", "2+1", "--construction", "free", "--json", str(out), "--force"])
    doc = json.loads(out.read_text())
    assert doc["construction"] == "free" and doc["count"] == 565
    assert sum(r["extends"] is None for r in doc["solutions"]) == 380


def test_json_and_csv_roundtrip(runner, tmp_path):
    jpath, cpath = tmp_path / "atlas.json", tmp_path / "atlas.csv"
    res = runner.invoke(cli, ["atlas", "--limit", "0", "--json", str(jpath), "--csv", str(cpath)])
    assert res.exit_code == 0, res.output
    doc = json.loads(jpath.read_text())
    assert doc["count"] == len(doc["solutions"]) == 275 and doc["max_charge"] == 10
    first = doc["solutions"][0]
    assert first == {
        "id": "A0001", "q": 0, "L1": -1, "L2": 1, "L3": 0, "E1": -1, "E2": 1, "E3": 0,
        "N1": -1, "N2": 1, "N3": 0, "category": "vector", "vector": True,
        "S3": True, "S1": True, "R2": True, "Spm": True,
    }  # fmt: skip
    with cpath.open() as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 275
    assert rows[0]["id"] == "A0001" and rows[0]["S3"] == "1"
    # every row is anomaly-free when read back
    from recast.u1x import Charges

    for r in rows:
        ch = Charges.make(
            Q=int(r["q"]),
            L=[int(r[f"L{i}"]) for i in (1, 2, 3)],
            E=[int(r[f"E{i}"]) for i in (1, 2, 3)],
            N=[int(r[f"N{i}"]) for i in (1, 2, 3)],
        )
        assert ch.anomaly_free
    assert sum(r["category"] == "chiral" for r in rows) == 21
    # standard labelling: the muon (family 2) is an S3 muoquark charge, X_L2 = -(X_S3 + X_q)
    b3l = next(r for r in rows if r["id"] == "A0214")
    assert (b3l["q"], b3l["L1"], b3l["L2"], b3l["L3"]) == ("1", "0", "-9", "0")
    assert not list(tmp_path.glob(".*tmp"))  # no temp files left behind


def test_output_exists_needs_force(runner, tmp_path):
    out = tmp_path / "a.json"
    out.write_text("keep")
    res = runner.invoke(cli, ["atlas", "--limit", "0", "--json", str(out)])
    assert res.exit_code == 2 and "--force" in res.output
    assert out.read_text() == "keep"
    args = ["atlas", "--limit", "0", "--muoquark", "S3", "--category", "chiral", "--json", str(out), "--force"]
    res = runner.invoke(cli, args)
    assert res.exit_code == 0
    doc = json.loads(out.read_text())
    assert doc["count"] == 21 and doc["filters"] == {"muoquark": "S3", "category": "chiral"}


def test_csv_two_plus_one_header(runner, tmp_path):
    out = tmp_path / "t.csv"
    res = runner.invoke(cli, ["atlas", "--class", "2+1", "--limit", "0", "--csv", str(out)])
    assert res.exit_code == 0, res.output
    header = out.read_text().splitlines()[0].split(",")
    assert header[:2] == ["id", "q3"] and header[-1] == "extends" and len(out.read_text().splitlines()) == 186
    args = ["atlas", "--class", "2+1", "--construction", "free", "--limit", "0", "--csv", str(out), "--force"]
    res = runner.invoke(cli, args)
    assert res.exit_code == 0, res.output
    with out.open() as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 565 and sum(r["extends"] == "" for r in rows) == 380


def test_check_misprint_exit_1(runner):
    res = runner.invoke(cli, ["atlas", "check", "--q", "0", "--L", "0,7,-7", "--E", "-3,8,-5", "--N", "5,3,8"])
    assert res.exit_code == 1, res.output
    assert "grav^2xU(1)_X = -16" in res.output
    assert "U(1)_X^3 = -1024" in res.output
    assert "N3 -> -8" in res.output
    assert "SU(2)^2xU(1)_X = " not in res.output  # only the failing conditions are named


def test_check_corrected_example(runner):
    res = runner.invoke(cli, ["atlas", "check", "--q", "0", "--L", "0,7,-7", "--E", "-3,8,-5", "--N", "5,3,-8"])
    assert res.exit_code == 0, res.output
    assert "verdict: anomaly-free" in res.output
    assert "category: chiral" in res.output
    assert "X_S+ = -7, X_S- = -8, X_phi = X_S+ - X_S- = 1" in res.output
    assert "atlas id: A0081" in res.output


def test_check_fractions_b_minus_3lmu(runner):
    res = runner.invoke(cli, ["atlas", "check", "--q", "1/3", "--L", "0,-3,0"])
    assert res.exit_code == 0, res.output
    assert "X_S3 = 8/3" in res.output and "X_S1 = 8/3" in res.output
    assert "|X_Phi| = 3 (N1 N2, N2 N3)" in res.output


def test_check_separate_quark_charges(runner):
    # 2+1 version of B - 3L_mu: X_q12 = 0, X_q3 = 1
    res = runner.invoke(cli, ["atlas", "check", "--Q", "0,0,1", "--L", "0,-3,0", "--json"])
    assert res.exit_code == 0, res.output
    doc = json.loads(res.output)
    assert doc["quark_class"] == "2+1"
    # X_L2 = -3 X_q3: the b mu S3 charge 2 equals that of the Q3 Q3 diquark (physics.md §1 list)
    assert doc["muoquarks"]["S3"] == {"muoquark": False, "charges": []}
    res = runner.invoke(cli, ["atlas", "check", "--Q", "0,0,1", "--L", "0,-3,0"])
    assert "Q3 Q3" in res.output
    res = runner.invoke(cli, ["atlas", "check", "--q", "0", "--U", "1", "--L", "0,0,0"])
    assert res.exit_code == 1 and "SU(3)^2xU(1)_X = -3" in res.output


@pytest.mark.parametrize(
    ("args", "msg"),
    [
        (["--q", "x", "--L", "0,1,-1"], "--q 'x' is not a number"),
        (["--L", "0,1"], "needs 1 or 3 charges"),
        (["--L", "1/0,1,1"], "is not a number"),
    ],
)
def test_check_bad_input_exit_2(runner, args, msg):
    res = runner.invoke(cli, ["atlas", "check", *args])
    assert res.exit_code == 2
    assert msg in res.output


def test_check_needs_l(runner):
    res = runner.invoke(cli, ["atlas", "check", "--q", "0"])
    assert res.exit_code == 2 and "--L is required" in res.output


@pytest.mark.parametrize("name", ["B-3Lmu", "Lmu-Ltau", "Ltilde-mu-tau", "B-L", "b-3lmu", "A0042", "T0001"])
def test_show(runner, name):
    res = runner.invoke(cli, ["atlas", "show", name])
    assert res.exit_code == 0, res.output
    assert "verdict: anomaly-free" in res.output
    assert res.output.count(" 0\n") >= 6 or "0" in res.output


def test_show_b_minus_3lmu_content(runner):
    res = runner.invoke(cli, ["atlas", "show", "B-3Lmu"])
    assert "S3  (3b,3,1/3)     yes: X_S3 = 8/3 (Q3 L2)" in res.output
    assert "atlas id: A0214" in res.output


def test_show_unknown(runner):
    res = runner.invoke(cli, ["atlas", "show", "B-3Lmuu"])
    assert res.exit_code == 2
    assert "did you mean B-3Lmu" in res.output
    res = runner.invoke(cli, ["atlas", "show", "A9999"])
    assert res.exit_code == 2 and "A0001..A0275" in res.output


def test_bad_max_charge(runner):
    res = runner.invoke(cli, ["atlas", "--max-charge", "0"])
    assert res.exit_code == 2 and "max_charge must be an integer" in res.output


def test_check_trivial_and_text_charges(runner):
    res = runner.invoke(cli, ["atlas", "check", "--L", "0"])
    assert res.exit_code == 0 and "trivial U(1)_X" in res.output and "atlas id: none" in res.output
    res = runner.invoke(cli, ["atlas", "show", "q=0 L=0,1,-1"])
    assert res.exit_code == 0 and "atlas id: A0001" in res.output
    res = runner.invoke(cli, ["atlas", "show", "q=0 L=0,1"])
    assert res.exit_code == 2 and "expected three family charges (or one for all families), got 2: 0,1" in res.output


def test_show_json(runner):
    res = runner.invoke(cli, ["atlas", "show", "Ltilde-mu-tau", "--json"])
    assert res.exit_code == 0
    doc = json.loads(res.output)
    assert doc["category"] == "chiral" and doc["atlas_id"] == "A0081"
    assert doc["muoquarks"]["Spm"]["charges"] == [["-7", "-8"]]


def test_atlas_command_imports_only_the_atlas_layer():
    """`recast atlas` loads no scipy, no flavour fit and no results layer (issue 20: they made a 4 ms
    enumeration a 2 s command), and computes the 14 850 muoquark checks of the rows once."""
    import subprocess
    import sys

    code = ("import sys, io, contextlib\n"
            "import recast.u1x.muoquark as mq\n"
            "from recast.cli import cli\n"
            "calls = []\n"
            "orig = mq._Allowed.__init__\n"
            "mq._Allowed.__init__ = lambda self, *a: (calls.append(1), orig(self, *a))[1]\n"
            "with contextlib.redirect_stdout(io.StringIO()):\n"
            "    cli(['atlas'], standalone_mode=False)\n"
            "heavy = [m for m in ('scipy', 'recast.lowenergy', 'recast.results', 'recast.api.limit_result', 'pyhf',"
            " 'matplotlib') if m in sys.modules]\n"
            "print(heavy, len(calls))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    heavy, n_indices = out.stdout.split("]")
    assert heavy + "]" == "[]"
    # at most one index per class and LQ (classes differing only in X_N share one): flags and labelling share it
    assert 0 < int(n_indices) <= 275 * 4
