"""Pythia 8 cards: LQ decay tables and charges, Z' coupling normalisation, .cmnd files."""

from __future__ import annotations

import doctest
import math
from collections import Counter

import pytest

import recast.cards.pythia as card
import recast.events.settings as event_settings
from recast.cards.pythia import pythia_settings, pythia_zprime_couplings, write_pythia_cmnd
from recast.exceptions import InvalidParameter
from recast.models import get_model
from recast.quiet import quiet_stdout


def _lines(settings: list[str]) -> dict[str, str]:
    out = {}
    for s in settings:
        if s.startswith("#") or "Channel" in s:
            continue
        key, _, val = s.partition("=")
        out[key.strip()] = val.strip()
    return out


def _init(settings: list[str], extra: tuple[str, ...] = ()):
    import pythia8mc

    py = pythia8mc.Pythia("", False)
    lines = [s for s in settings if not s.startswith("#")] + ["Print:quiet = on", "Random:setSeed = on",
                                                               "Random:seed = 11", *extra]
    assert all(py.readString(s) for s in lines)  # no unknown setting
    with quiet_stdout(True):
        assert py.init()
    return py


def test_public_api_and_doctests():
    assert card.__dir__() == card.__all__
    assert doctest.testmod(card).failed == 0


@pytest.mark.parametrize(("state", "charge_type", "first"), [("S3m43", -4, (5, 13)), ("S3m13", -1, (6, 13))])
def test_lq_state_settings(state, charge_type, first):
    model = get_model("S3", mass=1500)
    st = next(s for s in model.states() if s.name == state)
    s = pythia_settings(model, state=state)
    kv = _lines(s)
    assert kv["LeptoQuark:gg2LQLQbar"] == kv["LeptoQuark:qqbar2LQLQbar"] == "on"
    assert "LeptoQuark:all" not in kv  # no single production
    assert float(kv["42:m0"]) == 1500
    assert int(kv["42:chargeType"]) == charge_type
    assert math.isclose(float(kv["42:mWidth"]), st.width, rel_tol=1e-9)
    assert float(kv["42:mMin"]) == pytest.approx(1500 - 10 * st.width)
    chans = [x for x in s if "Channel" in x]
    assert chans[0].startswith("42:oneChannel") and all(c.startswith("42:addChannel") for c in chans[1:])
    brs = {tuple(int(t) for t in c.split()[-2:]): float(c.split()[3]) for c in chans}
    assert brs == pytest.approx(st.branching_ratios())
    assert first in brs and all(c.split()[4] == "100" for c in chans)  # meMode 100: BR from the table


def test_lq_default_state_and_errors():
    model = get_model("S3", mass=1200)
    assert any("S3m43" in x for x in pythia_settings(model))  # first state that decays
    with pytest.raises(InvalidParameter, match="did you mean S3m43"):
        pythia_settings(model, state="S3m34")
    with pytest.raises(InvalidParameter, match="no open decay"):
        pythia_settings(get_model("S1", yL_bmu=0.0), state="S1m13")  # every coupling zero
    with pytest.raises(InvalidParameter, match="sqrt_s"):
        pythia_settings(model, sqrt_s=-1)


def test_lq_pythia_accepts_charge_and_branching_ratios():
    """Pythia keeps chargeType and BRs after init, and events pass its charge check."""
    model = get_model("S3", mass=1000)
    py = _init(pythia_settings(model, state="S3m13", fast=True), ("PartonLevel:ISR = off",))
    assert py.particleData.chargeType(42) == -1
    st = next(s for s in model.states() if s.name == "S3m13")
    assert py.particleData.mWidth(42) == pytest.approx(st.width, rel=1e-6)
    entry = py.particleData.particleDataEntryPtr(42)
    table = {(entry.channel(i).product(0), entry.channel(i).product(1)): entry.channel(i).bRatio()
             for i in range(entry.sizeChannels())}
    assert table == pytest.approx(st.branching_ratios(), rel=1e-6)
    counts = Counter()
    with quiet_stdout(True):
        ok = [py.next() for _ in range(100)]
    assert all(ok)  # an inconsistent charge would abort events ("charge not conserved")
    proc = py.process
    for i in range(proc.size()):
        if abs(proc[i].id()) == 42:
            counts[abs(proc[proc[i].daughter1()].id())] += 1
    assert set(counts) <= {6, 5, 13, 14}


def test_lq_antilepton_state():
    """R2 (Q = 5/3) decays to u mu+: chargeType 5 and products (6, -13)."""
    s = pythia_settings(get_model("R2", mass=1500), state="R2p53")
    assert "42:chargeType = 5" in s
    assert "42:oneChannel = 1 1 100 6 -13" in s
    py = _init([*s, "HadronLevel:all = off", "PartonLevel:MPI = off"])
    assert py.particleData.chargeType(42) == 5
    with quiet_stdout(True):
        assert all(py.next() for _ in range(20))


def test_zprime_coupling_normalisation_by_hand():
    model = get_model("B-3Lmu", mass=2000, gX=0.3)
    s2w, alpha = event_settings._pythia_couplings_at(2000.0)
    assert s2w == pytest.approx(0.2312)  # StandardModel:sin2thetaW
    assert 1 / alpha == pytest.approx(1 / 0.00781751, rel=0.05)  # running from alpha(MZ)
    norm = 4 * math.sqrt(s2w * (1 - s2w)) / math.sqrt(4 * math.pi * alpha)
    c = pythia_zprime_couplings(model)
    assert c["vd"] == pytest.approx(0.3 / 3 * norm) and c["ad"] == 0  # X_Q = X_D = 1/3: vector
    assert c["vmu"] == pytest.approx(-0.3 * 3 * norm) and c["amu"] == 0
    assert c["vnumu"] == pytest.approx(-0.3 * 3 / 2 * norm) == c["anumu"]  # left-handed only: v = a
    assert c["ve"] == c["ae"] == 0
    # chiral: Ltilde-mu-tau, X_L2 = 7, X_E2 = 8 -> g_V = 7.5 g, g_A = 0.5 g; e: X_L1 = 0, X_E1 = -3
    chiral = pythia_zprime_couplings(get_model("Ltilde-mu-tau", mass=2000, gX=0.3))
    assert chiral["vmu"] == pytest.approx(7.5 * 0.3 * norm)
    assert chiral["amu"] == pytest.approx(-0.5 * 0.3 * norm)
    assert chiral["ve"] == pytest.approx(-1.5 * 0.3 * norm) and chiral["ae"] == pytest.approx(1.5 * 0.3 * norm)


def test_zprime_sm_like_normalisation():
    """Pythia's default vd = -1 + 4/3 sin^2: our formula gives it for SM Z-like couplings."""
    s2w = 0.2312
    e = 1.0  # any e: v = g_V 4 s c / e with g_V = (e / s c)(-1/4 + s^2/3)
    g_v = e / math.sqrt(s2w * (1 - s2w)) * (-0.25 + s2w / 3)
    assert g_v * 4 * math.sqrt(s2w * (1 - s2w)) / e == pytest.approx(-1 + 4 / 3 * s2w)
    assert -1 + 4 / 3 * s2w == pytest.approx(-0.693, abs=2e-3)  # NewGaugeBosonProcesses.xml default


@pytest.mark.parametrize(("name", "mass", "g_x"), [("B-3Lmu", 1000, 0.1), ("B-3Lmu", 3000, 0.5), ("B-L", 2000, 0.3)])
def test_zprime_width_matches_model(name, mass, g_x):
    """Pythia's Z' total width after init equals the analytic model width within 2%."""
    model = get_model(name, mass=mass, gX=g_x)
    s = pythia_settings(model, fast=True)
    assert "Zprime:gmZmode = 3" in s and "Zprime:universality = off" in s
    assert "32:onMode = off" in s and "32:onIfAny = 13" in s
    py = _init(s)
    assert py.particleData.mWidth(32) == pytest.approx(model.states()[0].width, rel=0.02)


def test_write_cmnd_reads_cleanly(tmp_path):
    import pythia8mc

    model = get_model("S3", mass=1500)
    path = write_pythia_cmnd(model, tmp_path / "cards" / "s3.cmnd", seed=42, fast=True)
    text = path.read_text()
    assert "Random:seed = 42" in text and "Beams:eCM = 13000" in text
    assert "42:chargeType = -4" in text  # the active state: S3m43
    assert "! --- alternative: state S3m13" in text and "! 42:chargeType = -1" in text
    assert "! --- alternative: state S3p23" in text and "! 42:chargeType = 2" in text
    py = pythia8mc.Pythia("", False)
    for line in text.splitlines():  # comments are accepted (skipped), every setting is known
        assert py.readString(line), line
    assert py.readFile(str(path))
    assert not list(tmp_path.glob("cards/.*"))  # no temp file left behind
    with pytest.raises(InvalidParameter, match="seed"):
        write_pythia_cmnd(model, tmp_path / "x.cmnd", seed=0)
    assert not (tmp_path / "x.cmnd").exists()
