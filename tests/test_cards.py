"""Card writers: SLHA param cards parsed back with pyslha, MadGraph cards, atomic writes, examples."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pyslha
import pytest

import recast.cards as cards_pkg
from recast.cards import CARD_FILES, EXAMPLES, write_cards
from recast.cards.madgraph import proc_card, run_card
from recast.cards.slha import param_card, particle_name
from recast.exceptions import InvalidParameter, OutputExists
from recast.models import get_model, model_names
from recast.ufo import write_examples

ROOT = Path(__file__).resolve().parents[1]
PI = math.pi


def all_models():
    for name in model_names():
        if name == "Zp":
            yield get_model("Zp", mass=800, gX=0.2, charges="q=1/3 L=0,-3,0")
        else:
            yield get_model(name)


def parse_run_card(text: str) -> dict[str, str]:
    out = {}
    for line in text.splitlines():
        if line.startswith("#") or not line.strip():
            continue
        m = re.fullmatch(r"\s*(\S+)\s*=\s*(\w+)\s*!.*", line)
        assert m, f"run_card line not in 'value = name ! comment' format: {line!r}"
        out[m.group(2)] = m.group(1)
    return out


def test_public_api():
    assert dir(cards_pkg) == sorted(cards_pkg.__all__)
    assert CARD_FILES == ("param_card.dat", "proc_card_mg5.dat", "run_card.dat", "pythia8.cmnd")


@pytest.mark.parametrize("model", list(all_models()), ids=lambda m: m.name)
def test_param_card_round_trip_every_model(model):
    doc = pyslha.readSLHA(param_card(model))
    states = model.states()
    from recast.cards.ufo import ufo_for

    ufo = ufo_for(model)
    for s in states:
        pdg = ufo.pdg[s.name]
        assert doc.blocks["MASS"][pdg] == pytest.approx(s.mass, rel=1e-8)
        dec = doc.decays[pdg]
        assert dec.totalwidth == pytest.approx(s.width, rel=1e-8)
        brs = {tuple(d.ids): d.br for d in dec.decays}
        assert brs == pytest.approx(s.branching_ratios(), rel=1e-8)
        if brs:
            assert sum(brs.values()) == pytest.approx(1.0, abs=1e-7)
    # SM inputs present
    assert doc.blocks["SMINPUTS"][3] == pytest.approx(0.118)
    assert doc.blocks["MASS"][6] == pytest.approx(172.5)
    # deterministic: the same point gives the same bytes
    assert param_card(model) == param_card(model)


def test_s3_param_card_by_hand():
    m = get_model("S3", mass=1500, couplings={"y_bmu": 1.0, "y_smu": 0.1})
    doc = pyslha.readSLHA(param_card(m))
    assert [doc.blocks["MASS"][i] for i in (9000005, 9000006, 9000007)] == [1500.0] * 3
    yuk = doc.blocks["YUKS3LL"]
    assert yuk[3, 2] == 1.0 and yuk[2, 2] == 0.1  # (quark family, lepton family)
    assert sum(1 for k in yuk if yuk[k] != 0) == 2 and len(yuk) == 9
    g0 = 1500 / (16 * PI)  # 29.8415518 GeV
    # S3^{-4/3}: 2 (1 + 0.01) g0 = 60.27993 GeV, BR(b mu) = 1/1.01
    assert doc.decays[9000007].totalwidth == pytest.approx(2.02 * g0, rel=1e-8)
    br = {tuple(d.ids): d.br for d in doc.decays[9000007].decays}
    assert br == pytest.approx({(5, 13): 1 / 1.01, (3, 13): 0.01 / 1.01}, rel=1e-8)
    # S3^{+2/3} -> t nu_mu: 2 g0 (1 - 172.5^2/1500^2)^2 + c nu_mu: 0.02 g0
    assert doc.decays[9000005].totalwidth == pytest.approx(2 * g0 * 0.973724900625 + 0.02 * g0, rel=1e-8)


def test_r2_and_s1_blocks():
    doc = pyslha.readSLHA(param_card(get_model("R2", couplings={"yRL_cmu": 0.3, "yLR_bmu": 1.0})))
    assert doc.blocks["YUKR2RL"][2, 2] == 0.3 and doc.blocks["YUKR2LR"][3, 2] == 1.0
    br = {tuple(d.ids): d.br for d in doc.decays[9000006].decays}  # R2^{2/3}: b mu+ and c nubar_mu
    assert br == pytest.approx({(5, -13): 1 / 1.09, (4, -14): 0.09 / 1.09}, rel=1e-8)
    doc = pyslha.readSLHA(param_card(get_model("S1", couplings={"yL_bmu": 1.0, "yR_tmu": 0.5})))
    assert doc.blocks["YUKS1LL"][3, 2] == 1.0 and doc.blocks["YUKS1RR"][3, 2] == 0.5


def test_zprime_param_cards():
    doc = pyslha.readSLHA(param_card(get_model("Lmu-Ltau", mass=500, gX=0.1)))
    assert doc.blocks["MASS"][32] == 500.0  # recast's UFO (recast ufo) numbers every Z' 32
    assert doc.blocks["U1X"][1] == 0.1
    assert doc.blocks["U1XCHARGE"][4, 2] == 1.0 and doc.blocks["U1XCHARGE"][4, 3] == -1.0
    # 500 (2 * 0.02 + 2 * 0.01)/(24 pi) = 0.3978874 GeV
    assert doc.decays[32].totalwidth == pytest.approx(500 * 0.06 / (24 * PI), rel=1e-8)
    doc = pyslha.readSLHA(param_card(get_model("B-3Lmu", mass=1000, gX=0.1)))
    assert doc.blocks["MASS"][32] == 1000.0
    assert doc.blocks["U1X"][1] == 0.1
    assert doc.blocks["U1XCHARGE"][4, 2] == -3.0  # X_L2
    assert doc.blocks["U1XCHARGE"][1, 3] == pytest.approx(1 / 3)  # X_Q3


def test_headers_name_the_ufo():
    for model in (
        get_model("Spm"),
        get_model("B-3Lmu"),
        get_model("Zp", charges="q=0 L=0,1,-1"),
        get_model("Lmu-Ltau"),
    ):
        assert "UFO: none" not in param_card(model)
        assert "recast cards ... --ufo" in proc_card(model)  # the UFO recast writes
    for model in (get_model("S3"),):
        assert "UFO: none" not in param_card(model)
    assert "were not checked against the NLO_LQ_S1 files" in param_card(get_model("S1")).replace("\n", " ")


@pytest.mark.parametrize(
    ("name", "kwargs", "import_line", "processes"),
    [
        (
            "S3",
            {},
            "import model NLO_LQ_S3",
            ["generate p p > S3m43 S3m43~", "add process p p > S3m13 S3m13~", "add process p p > S3p23 S3p23~"],
        ),
        ("S1", {}, "import model NLO_LQ_S1", ["generate p p > S1m13 S1m13~"]),
        ("R2", {}, "import model NLO_LQ_R2", ["generate p p > R2p53 R2p53~", "add process p p > R2p23 R2p23~"]),
        ("B-3Lmu", {"mass": 1000}, "import model recast_Bm3Lmu_UFO", ["generate p p > zp > mu+ mu-"]),
        (
            "Lmu-Ltau",
            {"mass": 500},
            "import model recast_LmumLtau_UFO",
            [
                "generate p p > mu+ mu- zp, zp > mu+ mu-",
                "add process p p > mu+ vm zp, zp > mu+ mu-",
                "add process p p > mu- vm~ zp, zp > mu+ mu-",
            ],
        ),
    ],
)
def test_proc_cards(name, kwargs, import_line, processes):
    text = proc_card(get_model(name, **kwargs))
    lines = text.splitlines()
    assert import_line in lines
    assert [x for x in lines if x.startswith(("generate", "add process"))] == processes
    assert "define p = g u c d s u~ c~ d~ s~" in lines
    out = [x for x in lines if x.startswith("output ")]
    assert len(out) == 1 and f"launch {out[0].split()[1]}" in lines
    assert "./param_card.dat" in lines and "./run_card.dat" in lines


def test_run_card_format_and_values():
    rc = parse_run_card(run_card(get_model("S3"), nevents=5000, seed=42))
    assert rc["ebeam1"] == rc["ebeam2"] == "6500.0"  # sqrt(s) = 13 TeV
    assert rc["nevents"] == "5000" and rc["iseed"] == "42"
    assert rc["lpp1"] == rc["lpp2"] == "1"
    rc = parse_run_card(run_card(get_model("S3"), sqrt_s=13600.0))
    assert rc["ebeam1"] == "6800.0"
    for bad in ({"nevents": 0}, {"seed": -1}, {"sqrt_s": 0.0}):
        with pytest.raises(InvalidParameter):
            run_card(get_model("S3"), **bad)


def test_particle_names():
    assert [particle_name(i) for i in (5, -5, 13, -13, 14, -14, 6)] == ["b", "b~", "mu-", "mu+", "vm", "vm~", "t"]


def test_write_cards_and_overwrite(tmp_path):
    out = tmp_path / "s3"
    paths = write_cards(get_model("S3"), out, nevents=123, seed=7)
    assert sorted(p.name for p in out.iterdir()) == sorted(CARD_FILES)
    assert paths["param_card.dat"].read_text() == param_card(get_model("S3"))
    assert parse_run_card(paths["run_card.dat"].read_text())["nevents"] == "123"
    pythia = paths["pythia8.cmnd"].read_text()
    assert "Random:seed = 7" in pythia and "Main:numberOfEvents = 123" in pythia
    with pytest.raises(OutputExists, match="--force"):
        write_cards(get_model("S3"), out)
    write_cards(get_model("S3", mass=2000), out, force=True)
    assert pyslha.readSLHA((out / "param_card.dat").read_text()).blocks["MASS"][9000007] == 2000.0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["s3"]  # no temp dirs left over


def test_write_cards_atomic_on_failure(tmp_path, monkeypatch):
    from recast.cards import pythia

    def boom(*args, **kwargs):
        raise RuntimeError("pythia writer failed")

    monkeypatch.setattr(pythia, "write_pythia_cmnd", boom)
    with pytest.raises(RuntimeError):
        write_cards(get_model("S3"), tmp_path / "s3")
    assert list(tmp_path.iterdir()) == []
    # an existing directory survives a failed --force rewrite untouched
    (tmp_path / "keep").mkdir()
    (tmp_path / "keep" / "old.txt").write_text("old")
    with pytest.raises(RuntimeError):
        write_cards(get_model("S3"), tmp_path / "keep", force=True)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep"]
    assert (tmp_path / "keep" / "old.txt").read_text() == "old"


def test_shipped_examples_regenerate_byte_for_byte(tmp_path):
    write_examples(tmp_path)
    assert sorted(p.name for p in (ROOT / "cards").iterdir() if p.is_dir()) == sorted(EXAMPLES)
    for dirname in EXAMPLES:
        for name in CARD_FILES:
            shipped = (ROOT / "cards" / dirname / name).read_bytes()
            fresh = (tmp_path / dirname / name).read_bytes()
            assert fresh == shipped, (
                f"cards/{dirname}/{name} is stale: rerun recast.ufo.write_examples('cards', force=True)"
            )


def test_shipped_s3_example_is_the_bsmumu_point():
    doc = pyslha.readSLHA((ROOT / "cards" / "S3_M1500" / "param_card.dat").read_text())
    y_b, y_s = doc.blocks["YUKS3LL"][3, 2], doc.blocks["YUKS3LL"][2, 2]
    # eta_bmu eta_smu / M^2 = V_cb/(8 TeV)^2 = 0.0411/6.4e7 GeV^-2
    assert y_b * y_s / 1500.0**2 == pytest.approx(0.0411 / 8000.0**2, rel=1e-7)
    assert doc.blocks["MASS"][9000007] == 1500.0
    doc = pyslha.readSLHA((ROOT / "cards" / "Lmu-Ltau_M500" / "param_card.dat").read_text())
    assert doc.blocks["MASS"][32] == 500.0 and doc.blocks["U1X"][1] == 0.1
    doc = pyslha.readSLHA((ROOT / "cards" / "B-3Lmu_M1000" / "param_card.dat").read_text())
    assert doc.blocks["MASS"][32] == 1000.0 and doc.blocks["U1X"][1] == 0.1


def test_no_timestamps_or_versions_in_cards():
    for dirname in EXAMPLES:
        for name in CARD_FILES:
            text = (ROOT / "cards" / dirname / name).read_text()
            assert not re.search(r"20\d\d-\d\d-\d\d|\d\d:\d\d:\d\d", text), f"{dirname}/{name} has a timestamp"
            assert "version" not in text.lower()


def test_pythia_reads_shipped_cmnd_without_unknown_settings():
    pythia8 = pytest.importorskip("pythia8mc")
    for dirname in EXAMPLES:
        p = pythia8.Pythia("", False)
        text = (ROOT / "cards" / dirname / "pythia8.cmnd").read_text()
        for line in text.splitlines():
            if line.strip() and not line.startswith("!"):
                assert p.readString(line), f"Pythia rejected {line!r} in cards/{dirname}/pythia8.cmnd"


def test_submodule_public_api():
    import recast.cards.madgraph as mg
    import recast.cli.cards as cli_cards
    import recast.cli.models as cli_models
    from recast.cards import slha, ufo

    for mod in (mg, slha, ufo, cli_cards, cli_models):
        assert dir(mod) == sorted(mod.__all__)
        for name in mod.__all__:
            assert hasattr(mod, name)
