"""UFO models written by ``recast ufo``, checked without MadGraph.

Two independent UFO readers from PyPI load every written model: ``ufoamp`` (tree-level
helicity amplitudes straight from the UFO) and ``ufo-model-loader`` (Symbolica-evaluated
parameters and couplings). The partial widths from the UFO's |M|² must equal recast's
analytic widths; u ū → μ⁺μ⁻ through γ/Z/Z′ must equal an amplitude coded here from the
Lagrangian alone; the param card recast writes must load into the UFO unchanged.
"""

from __future__ import annotations

import cmath
import importlib.util
import math
import sys
from pathlib import Path

import numpy as np
import pyslha
import pytest

# ufoamp 1.0.0 reads the UFO files without closing them (a ResourceWarning per file)
pytestmark = pytest.mark.filterwarnings("ignore::ResourceWarning",
                                        "ignore::pytest.PytestUnraisableExceptionWarning")

ufoamp_model = pytest.importorskip("ufoamp.ufo_model")
if importlib.util.find_spec("ufo_model_loader") is None:
    pytest.skip("ufo-model-loader is not installed", allow_module_level=True)
# ufo-model-loader brings symbolica, whose free licence allows one process per user at a time: it is
# imported only inside the tests that use it (never at collection), and this file's tests all run in
# one xdist worker (pytest -n with --dist loadfile, pyproject.toml).


def _loader():
    """``(load_model, InputParamCard, ParamCard)`` of ufo-model-loader (imported here, not at collection)."""
    from ufo_model_loader.commands import load_model
    from ufo_model_loader.model import InputParamCard
    from ufo_model_loader.param_card import ParamCard

    return load_model, InputParamCard, ParamCard


from ufoamp.analysis import read_param_card  # noqa: E402
from ufoamp.process import Process  # noqa: E402

from recast.cards.slha import param_card  # noqa: E402
from recast.models import get_model  # noqa: E402
from recast.ufo import ufo_name, write_ufo  # noqa: E402

# Z′ points of the issue: two named models, an atlas entry with chiral lepton charges
# (T0020: L = −2,1,−2, E = 0,−3,0) with light ν_R, and user charges.
ZPRIME_POINTS = {
    "B-3Lmu": lambda: get_model("B-3Lmu", mass=1000, gX=0.1),
    "Lmu-Ltau": lambda: get_model("Lmu-Ltau", mass=500, gX=0.1),
    "T0020": lambda: get_model("Zp", mass=2000, gX=0.3, charges="T0020", light_nuR=1),
    "user": lambda: get_model("Zp", mass=800, gX=0.2, charges="q=1/3 L=0,-3,0"),
    "Ltilde-mu-tau": lambda: get_model("Ltilde-mu-tau", mass=1500, gX=0.05),  # Model III, chiral
}
# pole masses the UFO keeps (ufo-sm restrict_default + recast's m_t), GeV
MASSES = {5: 4.7, 6: 172.5, 15: 1.777}


def _write(tmp_path_factory, model):
    root = tmp_path_factory.mktemp("ufo")
    path = write_ufo(model, root / ufo_name(model))
    card = root / "param_card.dat"
    card.write_text(param_card(model))
    return path, card


@pytest.fixture(scope="module", params=sorted(ZPRIME_POINTS))
def zprime(request, tmp_path_factory):
    model = ZPRIME_POINTS[request.param]()
    path, card = _write(tmp_path_factory, model)
    ufo = ufoamp_model.load(str(path))
    return model, path, card, ufo, dict(read_param_card(str(card), ufo))


def _two_body(mother: float, m1: float, m2: float, cos_theta: float = 0.3):
    """Momenta (E, px, py, pz) of a decay at rest, daughter 1 at polar angle θ."""
    p = math.sqrt((mother**2 - (m1 + m2) ** 2) * (mother**2 - (m1 - m2) ** 2)) / (2 * mother)
    s = math.sqrt(1 - cos_theta**2)
    k = np.array([s * 0.6, s * 0.8, cos_theta]) * p
    e1, e2 = math.hypot(p, m1), math.hypot(p, m2)
    return [np.array([mother, 0.0, 0.0, 0.0]), np.array([e1, *k]), np.array([e2, *(-k)])], p


def ufo_width(ufo, overrides, mother_pdg: int, mother_mass: float, daughters: tuple[int, int]) -> float:
    """Γ = |p| ⟨|M|²⟩ / (8π M²) with ⟨|M|²⟩ from ufoamp (mother spin averaged, final summed)."""
    m1, m2 = (MASSES.get(abs(d), 0.0) for d in daughters)
    mom, p = _two_body(mother_mass, m1, m2)
    m2_avg = Process(ufo, [mother_pdg], list(daughters), overrides=overrides).m2(mom)
    return p * m2_avg / (8 * math.pi * mother_mass**2)


def test_zprime_ufo_loads_in_both_readers(zprime):
    model, path, _card, ufo, _overrides = zprime
    zp = ufo.p_by_pdg()[32]
    assert (zp.name, zp.spin, zp.mass, zp.width) == ("zp", 3, "MZp", "WZp")
    loaded, _ = _loader()[0](str(path), "default", True)  # restrict_default = recast's card
    # the loader evaluates the couplings from the card: Z′ μ_L coupling = i g_X X_L2
    g_x, x_l2 = model.params["gX"], float(model.charges.L[1])
    names = {c.name for c in loaded.couplings}
    if x_l2:
        value = loaded.get_coupling("GC_ZP_mu__minus___L").value
        assert value == pytest.approx(1j * g_x * x_l2, rel=1e-8)
    else:  # zero couplings are removed by the restriction, as MadGraph does
        assert "GC_ZP_mu__minus___L" not in names


def test_zprime_partial_widths_from_ufo_match_recast(zprime):
    """Every Z′ → f f̄ from the UFO's |M|² equals recast's Γ (0.1 % asked; measured ≤ 5e-9)."""
    model, _, _, ufo, overrides = zprime
    (state,) = model.states()
    assert state.channels
    worst = 0.0
    for ch in state.channels:
        f, fbar = ch.daughters
        fbar = -f if fbar == f else fbar  # N N (Weyl) is written as the Dirac pair N N~
        gamma = ufo_width(ufo, overrides, 32, model.mass, (f, fbar))
        worst = max(worst, abs(gamma / ch.width - 1))
    assert worst < 1e-3


def _import_ufo(path: Path):
    """Import the UFO as a Python package, the way MadGraph does."""
    spec = importlib.util.spec_from_file_location(path.name, path / "__init__.py",
                                                  submodule_search_locations=[str(path)])
    module = importlib.util.module_from_spec(spec)
    sys.modules[path.name] = module
    try:
        spec.loader.exec_module(module)
    finally:
        for name in [n for n in sys.modules if n == path.name or n.startswith(path.name + ".")]:
            del sys.modules[name]
    return module


def test_zprime_decays_py_is_recasts_width(zprime):
    """decays.py holds recast's analytic widths: their sum is the DECAY 32 of the card."""
    from ufoamp.couplings import evaluate

    model, path, _, ufo, overrides = zprime
    module = _import_ufo(path)
    params, _ = evaluate(ufo, overrides=overrides)
    (decay,) = [d for d in module.all_decays if d.particle.pdg_code == 32]
    ns = {"cmath": cmath, **params}
    total = sum(complex(eval(expr, ns)).real for expr in decay.partial_widths.values())  # noqa: S307
    assert total == pytest.approx(model.states()[0].width, rel=1e-6)


def test_param_card_loads_unchanged(zprime):
    """The card recast writes: pyslha parses it, and it sets every external UFO parameter."""
    model, path, card, ufo, overrides = zprime
    doc = pyslha.readSLHA(card.read_text())
    assert doc.blocks["MASS"][32] == model.mass
    assert doc.blocks["U1X"][1] == model.params["gX"]
    externals = {p.name for p in ufo.parameters if p.nature == "external"}
    assert set(overrides) == externals  # nothing missing, nothing left at a default
    assert not read_param_card(str(card), ufo).unknown or all(
        k[0] == "DECAY" for k in read_param_card(str(card), ufo).unknown)
    load_model, InputParamCard, ParamCard = _loader()  # noqa: N806 (the library's class names)
    loaded, _ = load_model(str(path), None, False)
    values = InputParamCard.from_param_card(ParamCard(str(card)), loaded)
    assert values["MZp"].real == model.mass
    assert values["XL2"].real == pytest.approx(float(model.charges.L[1]), abs=1e-8)
    assert values["WZp"].real == pytest.approx(model.states()[0].width, rel=1e-8)


# ---- benchmark Z′ (SSM, E6 ψ): fixed chiral couplings per fermion, BLOCK ZPCHIRAL ------------

BENCHMARK_POINTS = {
    "Zp_SSM": lambda: get_model("Zp_SSM", mass=3000),  # u_L and d_L couple differently (the SM Z's)
    "Zp_psi": lambda: get_model("Zp_psi", mass=4000),  # purely axial
}


@pytest.fixture(scope="module", params=sorted(BENCHMARK_POINTS))
def bench_zp(request, tmp_path_factory):
    model = BENCHMARK_POINTS[request.param]()
    path, card = _write(tmp_path_factory, model)
    ufo = ufoamp_model.load(str(path))
    return model, path, card, ufo, dict(read_param_card(str(card), ufo))


def test_benchmark_ufo_loads_in_both_readers(bench_zp):
    """Both readers evaluate the per-component couplings i g_L, i g_R of the card (u_L ≠ d_L for the SSM)."""
    model, path, _, ufo, _ = bench_zp
    zp = ufo.p_by_pdg()[32]
    assert (zp.name, zp.spin, zp.mass, zp.width) == ("zp", 3, "MZp", "WZp")
    g = model.couplings()
    loaded, _ = _loader()[0](str(path), "default", True)  # restrict_default = recast's card
    for pdg, part in ((2, "u"), (1, "d"), (13, "mu__minus__"), (6, "t")):
        assert loaded.get_coupling(f"GC_ZP_{part}_L").value == pytest.approx(1j * g[pdg][0], rel=1e-8)
        assert loaded.get_coupling(f"GC_ZP_{part}_R").value == pytest.approx(1j * g[pdg][1], rel=1e-8)
    assert loaded.get_coupling("GC_ZP_vm_L").value == pytest.approx(1j * g[14][0], rel=1e-8)
    if model.name == "Zp_SSM":  # a doublet with two couplings: why X charges cannot describe it
        assert g[2][0] != pytest.approx(g[1][0], rel=0.1)


def test_benchmark_partial_widths_from_ufo_match_recast(bench_zp):
    """Every Z′ → f f̄ from the UFO's |M|² equals recast's Γ (0.1 % asked; m_b, m_τ kept in the UFO)."""
    model, _, _, ufo, overrides = bench_zp
    (state,) = model.states()
    assert len(state.channels) == 12  # every SM fermion (ν_L only)
    worst = 0.0
    for ch in state.channels:
        gamma = ufo_width(ufo, overrides, 32, model.mass, ch.daughters)
        worst = max(worst, abs(gamma / ch.width - 1))
    assert worst < 1e-3


def test_benchmark_decays_py_is_recasts_width(bench_zp):
    from ufoamp.couplings import evaluate

    model, path, _, ufo, overrides = bench_zp
    module = _import_ufo(path)
    params, _ = evaluate(ufo, overrides=overrides)
    (decay,) = [d for d in module.all_decays if d.particle.pdg_code == 32]
    ns = {"cmath": cmath, **params}
    total = sum(complex(eval(expr, ns)).real for expr in decay.partial_widths.values())  # noqa: S307
    # recast's b and τ are massless, the UFO's are not (measured 1.4e-6 SSM, 1.2e-6 ψ)
    assert total == pytest.approx(model.states()[0].width, rel=1e-5)


def test_benchmark_param_card_matches_the_ufo_externals(bench_zp):
    """pyslha reads the card; every external UFO parameter is set by it, to the model's coupling."""
    model, path, card, ufo, overrides = bench_zp
    doc = pyslha.readSLHA(card.read_text())
    externals = {p.name: p for p in ufo.parameters if p.nature == "external"}
    assert set(overrides) == set(externals)
    assert all(k[0] == "DECAY" for k in read_param_card(str(card), ufo).unknown)
    for name, par in externals.items():
        key = tuple(int(c) for c in par.lhacode)
        if par.lhablock.upper() == "DECAY":
            assert doc.decays[key[0]].totalwidth == overrides[name]
        else:
            assert doc.blocks[par.lhablock.upper()][key if len(key) > 1 else key[0]] == overrides[name]
    g = model.couplings()
    assert {k for k in doc.blocks["ZPCHIRAL"]} == {(pdg, i) for pdg in g for i in (1, 2)}
    for pdg, (g_l, g_r) in g.items():
        assert overrides[f"gZpL{pdg}"] == pytest.approx(g_l, rel=1e-8, abs=1e-12)
        assert overrides[f"gZpR{pdg}"] == pytest.approx(g_r, rel=1e-8, abs=1e-12)
    load_model, InputParamCard, ParamCard = _loader()  # noqa: N806 (the library's class names)
    loaded, _ = load_model(str(path), None, False)
    values = InputParamCard.from_param_card(ParamCard(str(card)), loaded)
    assert values["gZpL1"].real == pytest.approx(g[1][0], rel=1e-8)
    assert values["WZp"].real == pytest.approx(model.states()[0].width, rel=1e-8)


def test_benchmark_cards_write_and_import_the_ufo(tmp_path):
    """recast ufo writes it; recast cards --ufo writes it beside the cards under the imported name."""
    from click.testing import CliRunner

    from recast.cli import cli

    runner = CliRunner()
    ok = runner.invoke(cli, ["ufo", "--model", "Zp_SSM", "--out", str(tmp_path / "u")])
    assert ok.exit_code == 0, ok.output
    assert "gZpL2" in (tmp_path / "u" / "parameters.py").read_text()
    res = runner.invoke(cli, ["cards", "--model", "Zp_psi", "--mass", "4000", "--ufo", "--out", str(tmp_path / "c")])
    assert res.exit_code == 0, res.output
    proc = (tmp_path / "c" / "proc_card_mg5.dat").read_text()
    (name,) = [line.split()[2] for line in proc.splitlines() if line.startswith("import model")]
    assert name == "recast_Zp_psi_UFO" and (tmp_path / "c" / name / "decays.py").is_file()
    plain = runner.invoke(cli, ["cards", "--model", "Zp_SSM", "--out", str(tmp_path / "d")])
    proc = (tmp_path / "d" / "proc_card_mg5.dat").read_text()
    assert plain.exit_code == 0 and "import model recast_Zp_SSM_UFO" in proc
    assert "recast ufo --model Zp_SSM --mass 3000 --out recast_Zp_SSM_UFO" in proc  # how to write it


# ---- u u~ -> mu+ mu- across the resonance, against the Lagrangian coded here ----------------

def _analytic_uu_mumu(s: float, cos_theta: float, card: Path, model) -> float:
    """⟨|M|²⟩(u ū → μ⁻μ⁺) through γ, Z, Z′ for massless fermions, θ = ∠(u, μ⁻).

    Σ|M|² = Σ_ij |s A_ij|² (1 ± cos θ)² (+ for LL, RR; − for LR, RL), with
    A_ij = Σ_V g_i^u g_j^μ / (s − M_V² + i M_V Γ_V); averaged over spins (1/4) and colours
    (N_c/N_c² = 1/3). Electroweak inputs as ufo-sm defines them (G_F, M_Z, α(M_Z)^-1).
    """
    doc = pyslha.readSLHA(card.read_text())
    a_ew = 1 / doc.blocks["SMINPUTS"][1]
    g_f, m_z, w_z = doc.blocks["SMINPUTS"][2], doc.blocks["MASS"][23], doc.decays[23].totalwidth
    m_w = math.sqrt(m_z**2 / 2 + math.sqrt(m_z**4 / 4 - a_ew * math.pi * m_z**2 / (g_f * math.sqrt(2))))
    sw2 = 1 - m_w**2 / m_z**2
    e = math.sqrt(4 * math.pi * a_ew)
    gz = e / math.sqrt(sw2 * (1 - sw2))
    q_u, t_u, q_m, t_m = 2 / 3, 0.5, -1.0, -0.5
    g_zp = model.couplings()  # (g_L, g_R) per PDG id: g_X X_F, or a benchmark's fixed couplings
    bosons = [  # (mass, width, {chirality: (g_u, g_mu)})
        (0.0, 0.0, {"L": (e * q_u, e * q_m), "R": (e * q_u, e * q_m)}),
        (m_z, w_z, {"L": (gz * (t_u - q_u * sw2), gz * (t_m - q_m * sw2)), "R": (-gz * q_u * sw2, -gz * q_m * sw2)}),
        (model.mass, model.states()[0].width,
         {"L": (g_zp[2][0], g_zp[13][0]), "R": (g_zp[2][1], g_zp[13][1])}),
    ]
    total = 0.0
    for i in "LR":
        for j in "LR":
            amp = sum(g[i][0] * g[j][1] / complex(s - m**2, m * w) for m, w, g in bosons)
            total += abs(s * amp) ** 2 * (1 + cos_theta if i == j else 1 - cos_theta) ** 2
    return total / 4 / 3


@pytest.mark.parametrize("name", ["B-3Lmu", "user", "Zp_SSM", "Zp_psi"])
def test_uu_to_mumu_across_the_zprime_resonance(name, tmp_path_factory):
    model = (ZPRIME_POINTS | BENCHMARK_POINTS)[name]()
    path, card = _write(tmp_path_factory, model)
    ufo = ufoamp_model.load(str(path))
    proc = Process(ufo, [2, -2], [13, -13], overrides=dict(read_param_card(str(card), ufo)))
    worst, peak = 0.0, []
    for x in (0.8, 0.97, 1.0, 1.03, 1.2):
        rs = x * model.mass
        for cos_theta in (-0.7, 0.0, 0.5):
            sin_theta = math.sqrt(1 - cos_theta**2)
            mom = [np.array([rs / 2, 0, 0, rs / 2]), np.array([rs / 2, 0, 0, -rs / 2]),
                   np.array([rs / 2, rs / 2 * sin_theta, 0, rs / 2 * cos_theta]),
                   np.array([rs / 2, -rs / 2 * sin_theta, 0, -rs / 2 * cos_theta])]
            ufo_m2 = proc.m2(mom)
            ref = _analytic_uu_mumu(rs**2, cos_theta, card, model)
            worst = max(worst, abs(ufo_m2 / ref - 1))
            if cos_theta == 0.0:
                peak.append(ref)
    assert worst < 1e-6
    assert peak[2] > 10 * peak[0]  # the resonance is there (not a γ/Z-only amplitude)


# ---- the shipped examples ------------------------------------------------------------------

ROOT = Path(__file__).resolve().parents[1]
PUBLIC_UFOS = {"NLO_LQ_S3", "NLO_LQ_S1", "NLO_LQ_R2"}  # LQ_NLO toolbox, arXiv:1801.07641


def test_cards_import_only_models_that_exist(tmp_path):
    """Every proc card in cards/ imports a public UFO or the UFO shipped beside it, unchanged: the UFOs are
    committed once (cards/<example>/), and this test rebuilds each and compares it file by file (issue 23)."""
    from recast.cards import EXAMPLES
    from recast.ufo import write_examples

    fresh = write_examples(tmp_path)
    for dirname in EXAMPLES:
        proc = (ROOT / "cards" / dirname / "proc_card_mg5.dat").read_text()
        (name,) = [line.split()[2] for line in proc.splitlines() if line.startswith("import model")]
        if name in PUBLIC_UFOS:
            continue
        shipped = ROOT / "cards" / dirname / name
        assert (shipped / "particles.py").is_file(), f"cards/{dirname} imports {name}, which is not there"
        written = sorted(p.name for p in (tmp_path / dirname / name).iterdir())
        committed = sorted(p.name for p in shipped.iterdir() if p.name != "__pycache__")
        assert committed == written, f"cards/{dirname}/{name} holds other files than recast ufo writes"
        for path in (tmp_path / dirname / name).iterdir():
            assert (shipped / path.name).read_text() == path.read_text(), f"cards/{dirname}/{name}/{path.name} is stale"
        assert fresh[dirname][name] == tmp_path / dirname / name


def test_kinetic_mixing_adds_eps_gprime_y(tmp_path_factory):
    """ε ≠ 0 (BLOCK U1X 2): each Weyl coupling becomes g_X X_F + ε g′ Y_F (first order in ε).

    recast's own widths take ε = 0, so the reference is vector_width with the shifted couplings
    and g′ = e/c_W from the ufo-sm inputs of the card.
    """
    from recast.models.zprime import vector_width

    model = ZPRIME_POINTS["B-3Lmu"]()
    path, card = _write(tmp_path_factory, model)
    ufo = ufoamp_model.load(str(path))
    eps = 0.05
    overrides = dict(read_param_card(str(card), ufo)) | {"eps": eps}
    doc = pyslha.readSLHA(card.read_text())
    a_ew, g_f, m_z = 1 / doc.blocks["SMINPUTS"][1], doc.blocks["SMINPUTS"][2], doc.blocks["MASS"][23]
    m_w2 = m_z**2 / 2 + math.sqrt(m_z**4 / 4 - a_ew * math.pi * m_z**2 / (g_f * math.sqrt(2)))
    g_prime = math.sqrt(4 * math.pi * a_ew) / math.sqrt(m_w2 / m_z**2)
    g_x = model.params["gX"]
    # (pdg, X_L, X_R, Y_L, Y_R, N_c) for u, d, mu, nu_mu of B - 3L_mu
    for pdg, x_l, x_r, y_l, y_r, n_c in ((2, 1 / 3, 1 / 3, 1 / 6, 2 / 3, 3), (1, 1 / 3, 1 / 3, 1 / 6, -1 / 3, 3),
                                          (13, -3, -3, -1 / 2, -1, 1), (14, -3, 0, -1 / 2, 0, 1)):
        expected = vector_width(model.mass, g_x * x_l + eps * g_prime * y_l, g_x * x_r + eps * g_prime * y_r, n_c)
        assert ufo_width(ufo, overrides, 32, model.mass, (pdg, -pdg)) == pytest.approx(expected, rel=1e-6)


# ---- Model III: the S+/S- pair in the mass basis ------------------------------------------

@pytest.fixture(autouse=True)
def _madgraph_cond(monkeypatch):
    """Give ufoamp MadGraph's ``cond(x, a, b)`` (a if x == 0 else b), which the S± mixing uses.

    ufoamp 1.0.0 evaluates parameters in a namespace without it (and silently sets a parameter
    it cannot evaluate to 0); ufo-model-loader and MadGraph define it.
    """
    from ufoamp import couplings

    base = couplings._namespace

    def with_cond() -> dict:
        ns = base()
        ns["cond"] = lambda x, a, b: a if x == 0 else b
        return ns

    monkeypatch.setattr(couplings, "_namespace", with_cond)


SPM_PDG = {"Spp53": 9000011, "Spp23": 9000012, "Smp53": 9000013, "Smp23": 9000014}


@pytest.fixture(scope="module")
def spm(tmp_path_factory):
    model = get_model("Spm", MSp=1500.0, MSm=1200.0, eta_L=1.0, eta_R=0.5, A=1000.0)
    path, card = _write(tmp_path_factory, model)
    ufo = ufoamp_model.load(str(path))
    return model, path, card, ufo, dict(read_param_card(str(card), ufo))


def test_spm_ufo_loads_and_card_sets_every_parameter(spm):
    _model, path, card, ufo, overrides = spm
    by_pdg = ufo.p_by_pdg()
    assert {by_pdg[i].name for i in SPM_PDG.values()} == set(SPM_PDG)
    assert {p.name for p in ufo.parameters if p.nature == "external"} == set(overrides)
    assert pyslha.readSLHA(card.read_text()).blocks["SPMCOUP"][4] == 0.0  # vphi: no mixing
    loaded, _ = _loader()[0](str(path), "default", True)
    # S+^{5/3} t mu coupling i(-eta_L) survives the restriction; the mixing ones (sin theta = 0) do not
    assert loaded.get_coupling("GC_SPM_S1_tmu_L").value == pytest.approx(-1j, rel=1e-12)
    assert "GC_SPM_S1_bmu_R" not in {c.name for c in loaded.couplings}


def test_spm_partial_widths_from_ufo_match_recast(spm):
    """S± → q ℓ from the UFO's |M|² equals recast's Γ for every channel (vphi = 0)."""
    model, _, _, ufo, overrides = spm
    worst = 0.0
    for state in model.states():
        assert state.channels
        for ch in state.channels:
            gamma = ufo_width(ufo, overrides, state.pdg, state.mass, ch.daughters)
            worst = max(worst, abs(gamma / ch.width - 1))
    assert worst < 1e-3


@pytest.mark.parametrize(("m_p", "m_m", "a_vphi"), [(1500.0, 1200.0, 2.0e5), (1300.0, 1300.0, 1.0e5)])
def test_spm_mixing_matches_an_independent_diagonalisation(spm, m_p, m_m, a_vphi):
    """With A⟨φ⟩ ≠ 0: eigen-masses and widths against numpy's eigh of the mass matrix."""
    _, _, _, ufo, overrides = spm
    eta_l, eta_r, a = 1.0, 0.5, 1000.0
    ov = overrides | {"MSp": m_p, "MSm": m_m, "A": a, "vphi": a_vphi / a}
    mass2 = np.array([[m_p**2, a_vphi], [a_vphi, m_m**2]])
    eigval, eigvec = np.linalg.eigh(mass2)
    from ufoamp.couplings import evaluate

    params, _ = evaluate(ufo, overrides=ov)
    ufo_masses = sorted([params["MS1"].real, params["MS2"].real])
    assert ufo_masses == pytest.approx(np.sqrt(eigval), rel=1e-10)
    # the same from ufo-model-loader (Symbolica, MadGraph's cond built in)
    load_model, InputParamCard, ParamCard = _loader()  # noqa: N806 (the library's class names)
    loaded, _ = load_model(str(spm[1]), None, False)
    values = InputParamCard.from_param_card(ParamCard(str(spm[2])), loaded)
    for name, value in ov.items():
        values[name] = complex(value)
    loaded.apply_input_param_card(values)
    loader_masses = sorted(loaded.get_parameter(n).value.real for n in ("MS1", "MS2"))
    assert loader_masses == pytest.approx(np.sqrt(eigval), rel=1e-10)
    for k in range(2):
        m_k, (r_p, r_m) = math.sqrt(eigval[k]), eigvec[:, k]  # S+ = sum_k R_{+k} S_k
        pdg53, pdg23 = (9000011, 9000012) if abs(params["MS1"].real - m_k) < 1e-6 * m_k else (9000013, 9000014)
        expected = {  # (|a|^2 + |b|^2) (M^2 - m_q^2)^2 / (16 pi M^3)
            (pdg53, (6, -13)): (eta_l * r_p) ** 2 + (eta_r * r_m) ** 2,
            (pdg23, (6, -14)): (eta_l * r_p) ** 2,
            (pdg23, (5, -13)): (eta_r * r_m) ** 2,
        }
        for (pdg, daughters), coupling2 in expected.items():
            m_q = MASSES[daughters[0]]
            ref = coupling2 * (m_k**2 - m_q**2) ** 2 / (16 * math.pi * m_k**3)
            assert ufo_width(ufo, ov, pdg, m_k, daughters) == pytest.approx(ref, rel=1e-8)


def test_spm_decays_py_is_recasts_width(spm):
    from ufoamp.couplings import evaluate

    model, path, _, ufo, overrides = spm
    module = _import_ufo(path)
    params, _ = evaluate(ufo, overrides=overrides)
    ns = {"cmath": cmath, **params}
    for state in model.states():
        (decay,) = [d for d in module.all_decays if d.particle.pdg_code == state.pdg]
        total = sum(complex(eval(expr, ns)).real for expr in decay.partial_widths.values())  # noqa: S307
        assert total == pytest.approx(state.width, rel=1e-4)  # recast's b is massless: (m_b/M)^2 ~ 1e-5


@pytest.mark.parametrize("name", [*sorted(ZPRIME_POINTS), *sorted(BENCHMARK_POINTS), "Spm"])
def test_proc_card_names_exist_in_the_ufo(name, tmp_path):
    """The proc card imports the UFO by the name write_ufo uses, and every particle it names is in it."""
    from recast.cards.madgraph import proc_card

    model = get_model("Spm") if name == "Spm" else (ZPRIME_POINTS | BENCHMARK_POINTS)[name]()
    text = proc_card(model)
    (imported,) = [line.split()[2] for line in text.splitlines() if line.startswith("import model")]
    assert imported == ufo_name(model)
    ufo = ufoamp_model.load(str(write_ufo(model, tmp_path / imported)))
    names = {p.name for p in ufo.particles}
    defined = {line.split()[1] for line in text.splitlines() if line.startswith("define ")}
    for line in text.splitlines():
        if line.startswith(("generate ", "add process ")):
            tokens = line.split(" ", 2 if line.startswith("add") else 1)[-1].replace(",", " ").split()
            unknown = {t for t in tokens if t != ">" and t not in names and t not in defined}
            assert not unknown, f"{line!r} names particles not in {imported}: {unknown}"


def _ew(card: Path) -> dict[str, float]:
    """e, s_W², g_Z = e/(s_W c_W), M_W, Γ_W, M_Z, Γ_Z from the card, as ufo-sm derives them."""
    doc = pyslha.readSLHA(card.read_text())
    a_ew, g_f, m_z = 1 / doc.blocks["SMINPUTS"][1], doc.blocks["SMINPUTS"][2], doc.blocks["MASS"][23]
    m_w = math.sqrt(m_z**2 / 2 + math.sqrt(m_z**4 / 4 - a_ew * math.pi * m_z**2 / (g_f * math.sqrt(2))))
    sw2 = 1 - m_w**2 / m_z**2
    e = math.sqrt(4 * math.pi * a_ew)
    return {"e": e, "sw2": sw2, "gz": e / math.sqrt(sw2 * (1 - sw2)), "mw": m_w, "ww": doc.decays[24].totalwidth,
            "mz": m_z, "wz": doc.decays[23].totalwidth, "g_s2": 4 * math.pi * doc.blocks["SMINPUTS"][3]}


def _pair_momenta(rs: float, mass: float, cos_theta: float):
    e = rs / 2
    p = math.sqrt(e * e - mass * mass)
    s = math.sqrt(1 - cos_theta**2)
    return [np.array([e, 0, 0, e]), np.array([e, 0, 0, -e]), np.array([e, p * s, 0, p * cos_theta]),
            np.array([e, -p * s, 0, -p * cos_theta])], p


def test_spm_pair_production_from_gluons_is_the_lo_leptoquark_cross_section(spm):
    """σ(gg → S S*) from the UFO's |M|² (48-point Gauss–Legendre in cos θ) equals the LO
    scalar-leptoquark formula of Krämer, Plehn, Spira, Zerwas (hep-ph/9704322, eq. 2):
    σ = π α_s²/(96 ŝ) [β(41 − 31β²) + (18β² − β⁴ − 17) ln((1+β)/(1−β))]. Widths off (no
    t-channel width terms)."""
    model, _, card, ufo, overrides = spm
    ov = overrides | {f"W{name}": 0.0 for name in SPM_PDG}
    mass = model.params["MSp"]
    alpha_s = _ew(card)["g_s2"] / (4 * math.pi)
    proc = Process(ufo, [21, 21], [9000011, -9000011], overrides=ov)
    nodes, weights = np.polynomial.legendre.leggauss(48)
    for rs in (3100.0, 4500.0, 9000.0):
        s = rs * rs
        beta = math.sqrt(1 - 4 * mass**2 / s)
        m2_int = sum(w * proc.m2(_pair_momenta(rs, mass, c)[0]) for c, w in zip(nodes, weights, strict=True))
        sigma = m2_int * beta / (32 * math.pi * s)
        kpsz = math.pi * alpha_s**2 / (96 * s) * (
            beta * (41 - 31 * beta**2) + (18 * beta**2 - beta**4 - 17) * math.log((1 + beta) / (1 - beta)))
        assert sigma == pytest.approx(kpsz, rel=1e-9)


@pytest.mark.parametrize("final", [(9000011, -9000011), (9000012, -9000012), (9000013, -9000013)])
def test_spm_drell_yan_pairs_through_gluon_photon_and_z(spm, final):
    """u ū → S S* through g*, γ*, Z*: (4/9) g_s⁴ (ut − m⁴)/s² + Σ_χ |A_χ|² (ut − m⁴), A_χ =
    e² Q_u Q_S/s + g_χ^u g_S/(s − M_Z² + i M_Z Γ_Z), g_S = g_Z (T₃ − Q s_W²); the colour-octet
    and singlet pieces do not interfere. KPSZ's σ(q q̄ → LQ LQ*) = 2π α_s² β³/(27 ŝ) is its QCD part."""
    model, _, card, ufo, overrides = spm
    ew = _ew(card)
    charge, t3 = {9000011: (5 / 3, 0.5), 9000012: (2 / 3, -0.5), 9000013: (5 / 3, 0.5)}[final[0]]
    mass = model.params["MSp"] if final[0] < 9000013 else model.params["MSm"]
    g_s = ew["gz"] * (t3 - charge * ew["sw2"])
    g_u = {"L": ew["gz"] * (0.5 - 2 / 3 * ew["sw2"]), "R": -ew["gz"] * 2 / 3 * ew["sw2"]}
    proc = Process(ufo, [2, -2], list(final), overrides=overrides)
    for rs in (2.6 * mass, 4.0 * mass):
        s = rs * rs
        for cos_theta in (-0.6, 0.2, 0.9):
            mom, p = _pair_momenta(rs, mass, cos_theta)
            ut_m4 = s * p * p * (1 - cos_theta**2)  # u t − m⁴ = s p² sin²θ
            qcd = 4 / 9 * ew["g_s2"] ** 2 * ut_m4 / s**2
            ewk = sum(abs(ew["e"] ** 2 * (2 / 3) * charge / s
                          + g_u[chi] * g_s / complex(s - ew["mz"] ** 2, ew["mz"] * ew["wz"])) ** 2
                      for chi in "LR") * ut_m4
            assert proc.m2(mom) == pytest.approx(qcd + ewk, rel=1e-9)


def test_spm_charged_current_pair(spm):
    """u d̄ → W⁺* → S^{5/3} S^{2/3}*: (g⁴/4)(ut − m⁴)/|s − M_W² + i M_W Γ_W|², g = e/s_W."""
    model, _, card, ufo, overrides = spm
    ew = _ew(card)
    mass = model.params["MSp"]
    g2 = ew["e"] ** 2 / ew["sw2"]
    proc = Process(ufo, [2, -1], [9000011, -9000012], overrides=overrides)
    for rs, cos_theta in ((2.5 * mass, 0.3), (5.0 * mass, -0.8)):
        s = rs * rs
        mom, p = _pair_momenta(rs, mass, cos_theta)
        ref = g2**2 / 4 * s * p * p * (1 - cos_theta**2) / abs(complex(s - ew["mw"] ** 2, ew["mw"] * ew["ww"])) ** 2
        assert proc.m2(mom) == pytest.approx(ref, rel=1e-9)


def test_bad_requests_are_one_line_errors(tmp_path):
    from click.testing import CliRunner

    from recast.cli import cli

    runner = CliRunner()
    cases = [
        (["ufo", "--model", "S3", "--out", str(tmp_path / "a")], "public NLO_LQ_S3"),
        (["ufo", "--model", "Zp", "--charges", "q=0 L=0,1,-1 H=1", "--out", str(tmp_path / "b")], "X_H = 1"),
    ]
    for args, text in cases:
        result = runner.invoke(cli, args)
        assert result.exit_code == 2 and text in result.output, result.output
        assert not (tmp_path / args[-1]).exists()
    ok = runner.invoke(cli, ["ufo", "--model", "Lmu-Ltau", "--out", str(tmp_path / "c")])
    assert ok.exit_code == 0 and (tmp_path / "c" / "decays.py").is_file()
    again = runner.invoke(cli, ["ufo", "--model", "Lmu-Ltau", "--out", str(tmp_path / "c")])
    assert again.exit_code == 2 and "--force" in again.output
