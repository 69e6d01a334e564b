"""`recast models` and `recast cards` end to end with CliRunner."""

from __future__ import annotations

import math

import pyslha
import pytest

from recast.cli import cli


def test_models_lists_every_model_one_line_each(runner):
    res = runner.invoke(cli, ["models"])
    assert res.exit_code == 0, res.output
    lines = res.output.strip().splitlines()
    names = [line.split()[0] for line in lines]
    singles = ["S3", "S1", "R2", "Spm", "B-3Lmu", "Lmu-Ltau", "Ltilde-mu-tau", "B-L", "Zp_SSM", "Zp_psi", "Zp"]
    assert names == [*singles, "ModelI", "ModelII", "ModelIII", "TypeA", "TypeB", "TypeC"]
    kinds = [line.split()[1] for line in lines]
    assert kinds == ["leptoquark"] * 4 + ["zprime"] * 7 + ["composite"] * 6
    assert "--charges" in lines[len(singles) - 1]


def test_models_show_composite(runner):
    res = runner.invoke(cli, ["models", "show", "ModelI"])
    assert res.exit_code == 0, res.output
    assert "S3, X = 8/3" in res.output and "S1, X = 8/3" in res.output and "X = 3 breaks U(1)_X" in res.output
    assert "(-V_td, -V_ts, 1) eta_3" in res.output and "arXiv:2103.13991" in res.output


def test_models_show_s3(runner):
    res = runner.invoke(cli, ["models", "show", "S3"])
    assert res.exit_code == 0, res.output
    out = res.output
    assert "(3bar, 3, 1/3)" in out
    for pdg in ("9000005", "9000006", "9000007"):
        assert pdg in out
    assert "-4/3" in out and "-1/3" in out and "2/3" in out
    assert "MS3 = 1500 [1500] GeV" in out
    assert "y_smu = 0.00144492" in out  # V_cb (1500/8000)^2
    # decay table at the default point: S3m43 total width 2 * 1500/(16 pi) * (1 + y_smu^2)
    g = 2 * 1500 / (16 * math.pi) * (1 + 0.001444921875**2)
    assert f"S3m43: total width {g:.6g} GeV" in out
    assert "-> b mu-" in out and "-> t vm" in out


def test_models_show_with_point_and_zprime(runner):
    res = runner.invoke(cli, ["models", "show", "Lmu-Ltau", "--mass", "500", "--gX", "0.1"])
    assert res.exit_code == 0, res.output
    assert "MZp = 500 [1000] GeV" in res.output
    assert f"Zp: total width {500 * 0.06 / (24 * math.pi):.6g} GeV" in res.output  # 0.397887
    assert "BR = 0.333333" in res.output
    res = runner.invoke(cli, ["models", "show", "Zp", "--charges", "q=1/3 L=0,-3,0"])
    assert res.exit_code == 0, res.output
    assert "mu-  g_L = -0.3" in res.output


def test_cards_writes_all_files(runner, tmp_path):
    out = tmp_path / "s3"
    res = runner.invoke(
        cli, ["cards", "--model", "S3", "--mass", "1500", "--coupling", "y_bmu=1.0,y_smu=0.1", "--out", str(out)]
    )
    assert res.exit_code == 0, res.output
    assert sorted(p.name for p in out.iterdir()) == [
        "param_card.dat",
        "proc_card_mg5.dat",
        "pythia8.cmnd",
        "run_card.dat",
    ]
    doc = pyslha.readSLHA((out / "param_card.dat").read_text())
    assert doc.blocks["YUKS3LL"][3, 2] == 1.0 and doc.blocks["YUKS3LL"][2, 2] == 0.1
    assert doc.decays[9000007].totalwidth == pytest.approx(2.02 * 1500 / (16 * math.pi), rel=1e-8)
    assert "generate p p > S3m43 S3m43~" in (out / "proc_card_mg5.dat").read_text()
    # --force replaces
    res = runner.invoke(cli, ["cards", "--model", "S3", "--mass", "2000", "--out", str(out), "--force"])
    assert res.exit_code == 0, res.output
    assert pyslha.readSLHA((out / "param_card.dat").read_text()).blocks["MASS"][9000007] == 2000.0


def test_cards_zprime_options(runner, tmp_path):
    out = tmp_path / "zp"
    res = runner.invoke(
        cli,
        [
            "cards",
            "--model",
            "Zp",
            "--charges",
            "q=0 L=0,1,-1",
            "--mass",
            "700",
            "--gX",
            "0.2",
            "--eps",
            "0",
            "--nevents",
            "500",
            "--seed",
            "3",
            "--sqrt-s",
            "14000",
            "--out",
            str(out),
        ],
    )
    assert res.exit_code == 0, res.output
    doc = pyslha.readSLHA((out / "param_card.dat").read_text())
    assert doc.blocks["MASS"][32] == 700.0 and doc.blocks["U1X"][1] == 0.2
    assert doc.decays[32].totalwidth == pytest.approx(700 * (2 * 0.08 + 2 * 0.04) / (24 * math.pi), rel=1e-8)
    run = (out / "run_card.dat").read_text()
    assert "7000.0 = ebeam1" in run and "500 = nevents" in run and "3 = iseed" in run


def test_help_states_units(runner):
    res = runner.invoke(cli, ["cards", "--help"])
    assert res.exit_code == 0
    assert "GeV" in res.output and "--gX" in res.output and "--force" in res.output
    res = runner.invoke(cli, ["models", "show", "--help"])
    assert "GeV" in res.output


BAD = [
    (["--model", "S4"], "unknown model 'S4'", "valid: B-3Lmu, B-L, Lmu-Ltau, Ltilde-mu-tau, R2, S1, S3, Spm, Zp"),
    (["--model", "S3", "--mass", "0"], "--mass must be >= 1 and <= 1e+05 GeV", None),
    (["--model", "S3", "--mass", "-1500"], "--mass must be >= 1 and <= 1e+05 GeV", None),
    (["--model", "B-3Lmu", "--mass", "-5"], "--mass must be >= 0.01 and <= 1e+05 GeV", None),
    (["--model", "S3", "--coupling", "y_xmu=1"], "has no parameter 'y_xmu'", None),
    (["--model", "Lmu-Ltau", "--coupling", "y_bmu=1"], "has no parameter 'y_bmu'", None),
    (["--model", "S3", "--mass", "heavy"], "--mass must be a number", None),
    (["--model", "S3", "--coupling", "y_bmu=big"], "coupling y_bmu must be a number", None),
    (["--model", "S3", "--coupling", "y_bmu"], "name=value", None),
    (["--model", "B-3Lmu", "--gX", "x"], "--gX must be a number", None),
    (["--model", "S3", "--nevents", "ten"], "--nevents must be a number", None),
    (["--model", "S3", "--nevents", "0"], "nevents must be >= 1", None),
    (["--model", "S3", "--sqrt-s", "-13000"], "sqrt_s must be > 0 GeV", None),
    (["--model", "Zp"], "needs charges", None),
    (["--model", "Zp", "--charges", "q=0 L=0,1,0"], "not anomaly-free", None),
    (["--model", "Lmu-Ltau", "--eps", "0.01"], "kinetic mixing", None),
    (["--model", "S3", "--charges", "q=0 L=0,1,-1"], "--charges applies to Z'", None),
]


@pytest.mark.parametrize(("args", "needle", "extra"), BAD, ids=[" ".join(a) for a, _, _ in BAD])
def test_cards_bad_input_exit_2_nothing_written(runner, tmp_path, args, needle, extra):
    out = tmp_path / "out"
    res = runner.invoke(cli, ["cards", *args, "--out", str(out)])
    assert res.exit_code == 2, res.output
    err = res.stderr.strip()
    assert err.startswith("recast: error: ") and "\n" not in err, err
    assert needle in err
    if extra:
        assert extra in err
    assert list(tmp_path.iterdir()) == []  # nothing written, no temp dirs


def test_cards_existing_output_without_force(runner, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "mine.txt").write_text("keep me")
    res = runner.invoke(cli, ["cards", "--model", "S3", "--out", str(out)])
    assert res.exit_code == 2
    assert (
        res.stderr.strip()
        == f"recast: error: output directory {out} exists — pass --force to overwrite it or choose another --out"
    )
    assert [p.name for p in out.iterdir()] == ["mine.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]


def test_models_show_unknown(runner):
    res = runner.invoke(cli, ["models", "show", "S33"])
    assert res.exit_code == 2
    assert res.stderr.strip().startswith("recast: error: unknown model 'S33' — did you mean S3")
