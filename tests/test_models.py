"""Model library: widths and branching ratios pinned against hand-computed numbers.

Every expected number below is written out as arithmetic from the formulas
  scalar LQ -> q l : Gamma = |y|^2 M/(16 pi) (1 - m_q^2/M^2)^2   (one massive quark at most)
  Z' -> f fbar     : Gamma = N_c M (g_L^2 + g_R^2)/(24 pi)        (massless f)
  Z' -> t tbar     : Gamma = N_c M beta [g_V^2 (1 + 2r) + g_A^2 beta^2]/(12 pi)
with m_t = 172.5 GeV, V_cb = 0.0411, and the sqrt(2) of the S3 charge states
(S3^{-4/3} -> d l and S3^{+2/3} -> u nu carry sqrt(2) y; S3^{-1/3} carries y).
The literal decimal values are quoted next to the arithmetic as a second check.
"""

from __future__ import annotations

import math
from fractions import Fraction

import pytest

from recast import models
from recast.exceptions import AnomalyError, InvalidParameter, UnknownModel
from recast.models import get_model, model_names, parse_couplings

PI = math.pi
MT = 172.5  # GeV


def state(model, name):
    return next(s for s in model.states() if s.name == name)


def test_public_api():
    assert set(models.__all__) >= {"get_model", "model_names", "parse_couplings", "Model", "State", "Channel", "ZPrime"}
    assert dir(models) == sorted(models.__all__)
    assert model_names() == ["S3", "S1", "R2", "Spm", "B-3Lmu", "Lmu-Ltau", "Ltilde-mu-tau", "B-L", "Zp_SSM",
                             "Zp_psi", "Zp"]


# ---------------------------------------------------------------- S3
def test_s3_benchmark_couplings():
    m = get_model("S3")
    # y_smu = V_cb (1500/8000)^2 / y_bmu = 0.0411 * 0.03515625 = 0.001444921875
    assert m.params["y_bmu"] == 1.0
    assert m.params["y_smu"] == pytest.approx(0.001444921875, rel=1e-12)
    # eta_bmu eta_smu / M^2 = V_cb / (8 TeV)^2
    assert m.params["y_bmu"] * m.params["y_smu"] / 1500.0**2 == pytest.approx(0.0411 / 8000.0**2, rel=1e-12)
    # the benchmark follows the mass: at 3 TeV y_smu = 0.0411 * (3/8)^2 = 0.005779688
    assert get_model("S3", mass=3000).params["y_smu"] == pytest.approx(0.0411 * 0.140625, rel=1e-12)


def test_s3_widths_by_hand():
    m = get_model("S3", mass=1500, couplings={"y_bmu": 1.0, "y_smu": 0.1})
    g0 = 1500 / (16 * PI)  # = 29.8415518 GeV
    assert g0 == pytest.approx(29.8415518, rel=1e-8)
    ps = (1 - MT**2 / 1500**2) ** 2  # (1 - 0.013225)^2 = 0.9737249
    assert ps == pytest.approx(0.973724900625, rel=1e-12)

    m43 = state(m, "S3m43")
    assert m43.pdg == 9000007 and m43.charge == Fraction(-4, 3)
    # b mu: 2*1^2*g0 = 59.6831; s mu: 2*0.1^2*g0 = 0.596831
    assert m43.width == pytest.approx(2 * g0 + 2 * 0.01 * g0, rel=1e-12)
    assert m43.width == pytest.approx(60.2799347, rel=1e-8)
    br = m43.branching_ratios()
    assert br[(5, 13)] == pytest.approx(2 / 2.02, rel=1e-12)  # 0.990099
    assert br[(3, 13)] == pytest.approx(0.02 / 2.02, rel=1e-12)

    m13 = state(m, "S3m13")
    assert m13.pdg == 9000006 and m13.charge == Fraction(-1, 3)
    # t mu: g0*ps; b nu_mu: g0; c mu: 0.01 g0; s nu_mu: 0.01 g0
    total13 = g0 * ps + g0 + 0.01 * g0 + 0.01 * g0
    assert m13.width == pytest.approx(total13, rel=1e-12)
    assert m13.width == pytest.approx(59.4958450, rel=1e-8)
    br = m13.branching_ratios()
    assert br[(6, 13)] == pytest.approx(g0 * ps / total13, rel=1e-12)
    assert br[(5, 14)] == pytest.approx(g0 / total13, rel=1e-12)
    assert br[(4, 13)] == pytest.approx(0.01 * g0 / total13, rel=1e-12)
    assert br[(3, 14)] == pytest.approx(0.01 * g0 / total13, rel=1e-12)

    p23 = state(m, "S3p23")
    assert p23.pdg == 9000005 and p23.charge == Fraction(2, 3)
    # t nu: 2 g0 ps; c nu: 2*0.01 g0
    assert p23.width == pytest.approx(2 * g0 * ps + 0.02 * g0, rel=1e-12)
    assert p23.width == pytest.approx(58.7117552, rel=1e-8)
    assert sum(p23.branching_ratios().values()) == pytest.approx(1.0)


def test_s3_below_top_threshold():
    # M = 150 GeV < m_t: S3^{+2/3} (only t nu with y_bmu) cannot decay; S3^{-1/3} only to b nu
    m = get_model("S3", mass=150, couplings={"y_bmu": 0.5})
    assert state(m, "S3p23").width == 0.0
    assert state(m, "S3p23").branching_ratios() == {}
    assert state(m, "S3m13").width == pytest.approx(0.25 * 150 / (16 * PI), rel=1e-12)  # 0.746039
    assert state(m, "S3m13").branching_ratios() == {(5, 14): 1.0}
    assert state(m, "S3m43").width == pytest.approx(2 * 0.25 * 150 / (16 * PI), rel=1e-12)


def test_s3_su2_relation_massless():
    # without tops, Gamma(-4/3) = Gamma(-1/3) = Gamma(+2/3) = 2 y^2 M/(16 pi): SU(2) symmetry
    m = get_model("S3", mass=2000, couplings={"y_smu": 0.3})
    widths = [s.width for s in m.states()]
    assert widths == pytest.approx([2 * 0.09 * 2000 / (16 * PI)] * 3, rel=1e-12)  # 7.16197 GeV


# ---------------------------------------------------------------- S1, R2, Spm
def test_s1_widths_by_hand():
    m = get_model("S1", mass=1000, couplings={"yL_bmu": 1.0, "yR_tmu": 0.5})
    (s,) = m.states()
    assert s.pdg == 9000005 and s.charge == Fraction(-1, 3)
    g0 = 1000 / (16 * PI)  # 19.8943679
    ps = (1 - MT**2 / 1000**2) ** 2  # (1 - 0.02975625)^2 = 0.94137293
    assert ps == pytest.approx(0.9413729344, rel=1e-9)
    # t mu: (yL^2 + yR^2) g0 ps = 1.25 g0 ps (no interference for a massless lepton); b nu: yL^2 g0
    assert s.width == pytest.approx(1.25 * g0 * ps + g0, rel=1e-12)
    assert s.width == pytest.approx(43.30439, rel=1e-6)
    br = s.branching_ratios()
    assert br[(6, 13)] == pytest.approx(1.25 * ps / (1.25 * ps + 1), rel=1e-12)
    assert br[(5, 14)] == pytest.approx(1 / (1.25 * ps + 1), rel=1e-12)


def test_s1_default_point():
    (s,) = get_model("S1").states()
    g0 = 1500 / (16 * PI)
    ps = (1 - MT**2 / 1500**2) ** 2
    assert s.width == pytest.approx(g0 * ps + g0, rel=1e-12)  # yL_bmu = 1: t mu + b nu


def test_r2_widths_by_hand():
    m = get_model("R2", mass=1000, couplings={"yRL_cmu": 0.3, "yLR_bmu": 1.0})
    p53, p23 = m.states()
    assert (p53.name, p53.pdg, p53.charge) == ("R2p53", 9000005, Fraction(5, 3))
    assert (p23.name, p23.pdg, p23.charge) == ("R2p23", 9000006, Fraction(2, 3))
    g0 = 1000 / (16 * PI)
    ps = (1 - MT**2 / 1000**2) ** 2
    # R2^{5/3} -> c mu+ (yRL = 0.3) and t mu+ (yLR_bmu = 1, the t of Q_3): 0.09 g0 + g0 ps
    assert p53.width == pytest.approx(0.09 * g0 + g0 * ps, rel=1e-12)
    assert set(p53.branching_ratios()) == {(4, -13), (6, -13)}
    # R2^{2/3} -> c nubar_mu (0.09 g0) and b mu+ (g0)
    assert p23.width == pytest.approx(0.09 * g0 + g0, rel=1e-12)  # 21.6849 GeV
    assert p23.branching_ratios()[(5, -13)] == pytest.approx(1 / 1.09, rel=1e-12)
    assert p23.branching_ratios()[(4, -14)] == pytest.approx(0.09 / 1.09, rel=1e-12)


def test_spm_widths_by_hand():
    m = get_model("Spm", couplings={"MSp": 1200, "MSm": 1500, "eta_L": 1.0, "eta_R": 0.5})
    st = {s.name: s for s in m.states()}
    assert [st[n].pdg for n in ("Spp53", "Spp23", "Smp53", "Smp23")] == [9000011, 9000012, 9000013, 9000014]
    gp = 1200 / (16 * PI) * (1 - MT**2 / 1200**2) ** 2  # S+ -> t mu+ / t nubar, eta_L = 1
    assert st["Spp53"].width == pytest.approx(gp, rel=1e-12)
    assert st["Spp23"].width == pytest.approx(gp, rel=1e-12)
    assert st["Spp53"].branching_ratios() == {(6, -13): 1.0}
    assert st["Spp23"].branching_ratios() == {(6, -14): 1.0}
    # S- (eta_R = 0.5, q_3 mu_R): 5/3 -> t mu+ with top phase space, 2/3 -> b mu+
    assert st["Smp53"].width == pytest.approx(0.25 * 1500 / (16 * PI) * (1 - MT**2 / 1500**2) ** 2, rel=1e-12)
    assert st["Smp23"].width == pytest.approx(0.25 * 1500 / (16 * PI), rel=1e-12)  # 7.46039 GeV
    assert st["Smp23"].branching_ratios() == {(5, -13): 1.0}


def test_spm_mass_sets_both():
    m = get_model("Spm", mass=2000)
    assert m.params["MSp"] == m.params["MSm"] == 2000.0
    m = get_model("Spm", mass=2000, couplings={"MSm": 900})
    assert (m.params["MSp"], m.params["MSm"]) == (2000.0, 900.0)


# ---------------------------------------------------------------- Z'
def test_lmu_ltau_widths_by_hand():
    m = get_model("Lmu-Ltau", mass=500, gX=0.1)
    (zp,) = m.states()
    assert zp.pdg == 32
    # mu, tau: g_L = g_R = +-0.1 -> 500 (0.01 + 0.01)/(24 pi) = 0.13262912 each
    # nu_mu, nu_tau: g_L = +-0.1 -> 500 * 0.01/(24 pi) = 0.06631456 each
    lep = 500 * 0.02 / (24 * PI)
    nu = 500 * 0.01 / (24 * PI)
    assert lep == pytest.approx(0.13262912, rel=1e-7)
    assert zp.width == pytest.approx(2 * lep + 2 * nu, rel=2e-6)  # m_f²/M² (WIDTH_MASSES)
    assert zp.width == pytest.approx(0.39788736, rel=1e-7)
    br = zp.branching_ratios()
    assert br[(13, -13)] == pytest.approx(1 / 3, rel=2e-6)
    assert br[(14, -14)] == pytest.approx(1 / 6, rel=2e-6)
    assert set(br) == {(13, -13), (15, -15), (14, -14), (16, -16)}


def test_lmu_ltau_light_nur():
    (zp,) = get_model("Lmu-Ltau", mass=500, gX=0.1, light_nuR=1).states()
    nu = 500 * 0.01 / (24 * PI)
    # two extra Weyl fermions N_mu, N_tau with |X| = 1
    assert zp.width == pytest.approx(0.39788736 + 2 * nu, rel=1e-7)
    assert zp.branching_ratios()[(9900014, 9900014)] == pytest.approx(nu / (0.39788736 + 2 * nu), rel=1e-6)


def test_b3lmu_widths_by_hand():
    m = get_model("B-3Lmu", mass=1000, gX=0.1)
    (zp,) = m.states()
    g_mu = 0.1 * 3  # |X| = 3
    mu = 1000 * (g_mu**2 + g_mu**2) / (24 * PI)  # 2.38732 GeV
    nu = 1000 * g_mu**2 / (24 * PI)  # 1.19366 GeV
    g_q = 0.1 / 3
    q = 3 * 1000 * (2 * g_q**2) / (24 * PI)  # 0.0884194 GeV per light flavour
    r = MT**2 / 1000**2  # 0.02975625
    beta = math.sqrt(1 - 4 * r)  # 0.9386027
    top = 3 * 1000 * beta * (g_q**2 * (1 + 2 * r)) / (12 * PI)  # vector coupling: g_A = 0
    assert mu == pytest.approx(2.3873241, rel=1e-7)
    assert q == pytest.approx(0.08841941, rel=1e-6)
    assert top == pytest.approx(0.0879297, rel=1e-5)
    total = mu + nu + 5 * q + top
    assert zp.width == pytest.approx(total, rel=2e-6)  # m_f²/M² (WIDTH_MASSES)
    assert zp.width == pytest.approx(4.111013, rel=1e-6)
    br = zp.branching_ratios()
    assert br[(13, -13)] == pytest.approx(mu / total, rel=2e-6)  # 0.5807
    assert br[(6, -6)] == pytest.approx(top / total, rel=1e-12)
    assert (11, -11) not in br and (15, -15) not in br


def test_ltilde_widths_by_hand():
    m = get_model("Ltilde-mu-tau", mass=1000, gX=0.05)
    (zp,) = m.states()
    g = 0.05
    # e: L=0, E=-3; mu: L=7, E=8; tau: L=-7, E=-5; nu_mu: 7, nu_tau: -7 (N heavy)
    sum_g2 = (g * 3) ** 2 + (g * 7) ** 2 + (g * 8) ** 2 + (g * 7) ** 2 + (g * 5) ** 2 + (g * 7) ** 2 + (g * 7) ** 2
    assert sum_g2 == pytest.approx(0.735, rel=1e-12)
    assert zp.width == pytest.approx(1000 * 0.735 / (24 * PI), rel=2e-6)  # m_f²/M² (WIDTH_MASSES)  # 9.748240 GeV
    assert zp.branching_ratios()[(13, -13)] == pytest.approx(0.2825 / 0.735, rel=2e-6)
    assert zp.branching_ratios()[(11, -11)] == pytest.approx(0.0225 / 0.735, rel=2e-6)


def test_b_minus_l_widths_by_hand():
    (zp,) = get_model("B-L", mass=3000, gX=0.2).states()
    lep = 3000 * (0.04 + 0.04) / (24 * PI)  # e, mu, tau
    nu = 3000 * 0.04 / (24 * PI)
    g_q = 0.2 / 3
    q = 3 * 3000 * 2 * g_q**2 / (24 * PI)
    r = MT**2 / 3000**2
    beta = math.sqrt(1 - 4 * r)
    top = 3 * 3000 * beta * g_q**2 * (1 + 2 * r) / (12 * PI)
    assert zp.width == pytest.approx(3 * lep + 3 * nu + 5 * q + top, rel=2e-6)  # m_f²/M² (WIDTH_MASSES)
    # universal B-L: BR(mu mu) = 0.08/(3*0.08 + 3*0.04 + 6*3*2*(0.2/3)^2/0.04*0.04 ...) checked numerically
    assert zp.branching_ratios()[(13, -13)] == pytest.approx(lep / zp.width, rel=1e-12)


def test_zp_user_charges_match_named():
    a = get_model("Zp", mass=700, gX=0.2, charges="q=0 L=0,1,-1")
    b = get_model("Lmu-Ltau", mass=700, gX=0.2)
    assert a.name == "Zp"
    assert a.states()[0].width == pytest.approx(b.states()[0].width, rel=1e-15)
    assert a.couplings()[13] == (0.2, 0.2)
    assert a.couplings()[14] == (0.2, 0.0)


# ---------------------------------------------------------------- errors
@pytest.mark.parametrize(
    ("name", "kwargs", "exc", "text"),
    [
        ("S4", {}, UnknownModel, "valid: B-3Lmu"),
        ("S3", {"mass": 0.0}, InvalidParameter, "must be > 0 GeV"),
        ("S3", {"mass": -100.0}, InvalidParameter, "must be > 0 GeV"),
        ("B-3Lmu", {"mass": -1.0}, InvalidParameter, "must be > 0 GeV"),
        ("S3", {"couplings": {"y_xmu": 1.0}}, InvalidParameter, "has no parameter 'y_xmu'"),
        ("Lmu-Ltau", {"couplings": {"y_bmu": 1.0}}, InvalidParameter, "has no parameter 'y_bmu'"),
        ("S3", {"couplings": {"y_bmu": "abc"}}, InvalidParameter, "must be a number"),
        ("S3", {"couplings": {"y_bmu": float("nan")}}, InvalidParameter, "finite"),
        ("Zp", {}, InvalidParameter, "needs charges"),
        ("S3", {"charges": "q=0 L=0,1,-1"}, InvalidParameter, "--charges applies to Z'"),
        ("Lmu-Ltau", {"eps": 0.1}, InvalidParameter, "kinetic mixing"),
        ("Zp", {"charges": "q=0 L=0,1,0"}, AnomalyError, "not anomaly-free"),
    ],
)
def test_bad_input(name, kwargs, exc, text):
    with pytest.raises(exc, match=text):
        get_model(name, **kwargs)


def test_parse_couplings():
    assert parse_couplings("y_bmu=1.0, y_smu=-0.05") == {"y_bmu": 1.0, "y_smu": -0.05}
    assert parse_couplings(None) == {}
    with pytest.raises(InvalidParameter, match="name=value"):
        parse_couplings("y_bmu")
    with pytest.raises(InvalidParameter, match="must be a number"):
        parse_couplings("y_bmu=one")


def test_case_insensitive_and_with_params():
    m = get_model("s3", mass=1000)
    assert m.name == "S3" and m.mass == 1000.0
    m2 = m.with_params(MS3=2000)
    assert m2.mass == 2000.0 and m2.params["y_bmu"] == m.params["y_bmu"]
    z = get_model("lmu-ltau", mass=500).with_params(MZp=800)
    assert z.name == "Lmu-Ltau" and z.mass == 800.0


# ---------------------------------------------------------------- benchmark Z' (SSM, E6 psi)
E = math.sqrt(4 * PI / 127.95)  # alpha(M_Z) = 1/127.95 (PDG 2024)
S2W = 0.23122  # sin^2 theta_W MSbar (PDG 2024)


def test_ssm_couplings_are_the_sm_z():
    g_z = E / math.sqrt(S2W * (1 - S2W))  # 0.743312
    g = get_model("Zp_SSM", mass=3000).couplings()
    assert g_z == pytest.approx(0.743312, rel=1e-5)
    assert g[13] == pytest.approx((g_z * (-0.5 + S2W), g_z * S2W), rel=1e-12)  # mu: T3 = -1/2, Q = -1
    assert g[2] == pytest.approx((g_z * (0.5 - 2 / 3 * S2W), -g_z * 2 / 3 * S2W), rel=1e-12)
    assert g[1] == pytest.approx((g_z * (-0.5 + 1 / 3 * S2W), g_z * 1 / 3 * S2W), rel=1e-12)
    assert g[14] == pytest.approx((g_z * 0.5, 0.0), rel=1e-12)


def test_ssm_width_and_muon_br_by_hand():
    """Gamma/M ~ 3 % at 3 TeV with the top (ATLAS arXiv:1903.06248 Sec. 1: "3%"), B(mu mu) ~ 3.1 %."""
    m = 3000.0
    g_z2 = E**2 / (S2W * (1 - S2W))
    nu = g_z2 * 0.25
    lep = g_z2 * ((-0.5 + S2W) ** 2 + S2W**2)
    up = g_z2 * ((0.5 - 2 / 3 * S2W) ** 2 + (2 / 3 * S2W) ** 2)
    dn = g_z2 * ((-0.5 + 1 / 3 * S2W) ** 2 + (1 / 3 * S2W) ** 2)
    massless = m * (3 * nu + 3 * lep + 3 * 2 * up + 3 * 3 * dn) / (24 * PI)
    r = MT**2 / m**2
    beta = math.sqrt(1 - 4 * r)
    gv, ga = E / math.sqrt(S2W * (1 - S2W)) * (0.25 - 2 / 3 * S2W), E / math.sqrt(S2W * (1 - S2W)) * (-0.25)
    top = 3 * m * beta * (gv**2 * (1 + 2 * r) + ga**2 * beta**2) / (12 * PI)
    (zp,) = get_model("Zp_SSM", mass=m).states()
    assert zp.width == pytest.approx(massless + top, rel=2e-6)  # m_f²/M² (WIDTH_MASSES)
    assert zp.width / m == pytest.approx(0.02985, abs=2e-4)  # 2.98 %
    assert zp.branching_ratios()[(13, -13)] == pytest.approx(m * lep / (24 * PI) / zp.width, rel=2e-6)
    assert zp.branching_ratios()[(13, -13)] == pytest.approx(0.0309, abs=2e-4)


def test_psi_is_axial_with_width_half_a_percent():
    """E6 psi: g_L = -g_R = sqrt(5/3) e/c_W / (2 sqrt 6) for every SM fermion (arXiv:0801.1345);
    Gamma/M ~ 0.5 % (ATLAS arXiv:1903.06248 Sec. 1: "0.5%"); B(mu mu) = 1/22.5 for massless tops."""
    g = math.sqrt(5 / 3) * E / math.sqrt(1 - S2W) / (2 * math.sqrt(6))  # 0.0941895
    m = get_model("Zp_psi", mass=5000)
    c = m.couplings()
    assert g == pytest.approx(0.0941895, rel=1e-5)
    for pdg in (1, 2, 3, 4, 5, 6, 11, 13, 15):
        assert c[pdg] == pytest.approx((g, -g), rel=1e-12)
    assert c[12] == pytest.approx((g, 0.0), rel=1e-12)
    (zp,) = m.states()
    # per Dirac fermion 2 g^2 M/(24 pi); 3 leptons + 1.5 (nu, left only) + 18 quark colours = 22.5
    massless_equiv = 22.5 * 2 * g**2 * 5000 / (24 * PI)
    assert zp.width == pytest.approx(massless_equiv, rel=2e-3)  # the top mass costs ~0.1 % at 5 TeV
    assert zp.width / 5000 == pytest.approx(0.0053, abs=2e-4)
    assert zp.branching_ratios()[(13, -13)] == pytest.approx(1 / 22.5, rel=3e-3)


def test_benchmark_zprime_refuses_charges_and_gx():
    with pytest.raises(InvalidParameter, match="couplings are fixed"):
        get_model("Zp_SSM", charges="q=0 L=0,1,-1")
    with pytest.raises(InvalidParameter, match="no parameter 'gX'"):
        get_model("Zp_psi", gX=0.1)


# ---------------------------------------------------------------- model kinds are classes
def test_every_model_has_its_kind_class_and_a_read_only_label():
    for name in model_names():
        m = get_model(name, charges="q=0 L=0,1,-1") if name == "Zp" else get_model(name)
        cls = models.Leptoquark if name in models.LEPTOQUARKS else models.ZPrimeModel
        assert isinstance(m, cls) and m.kind == cls.KIND == ("leptoquark" if name in models.LEPTOQUARKS else "zprime")
        with pytest.raises(AttributeError):
            m.kind = "zprime"  # type: ignore[misc]


def test_cross_section_uncertainty_lives_on_the_kind():
    """LQ: the NNLL-fast stop-pair grid's symmetrised scale and PDF+α_s uncertainties in quadrature, which
    reproduce the LHC SUSY XS WG's quoted totals (11.2 % at 1 TeV, 16.6 % at 1.5 TeV, 24.4 % at 2 TeV) to
    0.06 percentage points; linear between the 100 GeV grid points; 25 % outside the grid (conservative
    approximation); Z′: the 10 % assumed for Pythia's LO σ, the same at every mass, with its note."""
    s1 = get_model("S1")
    unc = [s1.xsec_rel_unc(m) for m in (1000.0, 1500.0, 2000.0)]
    assert unc == pytest.approx([0.1118, 0.1660, 0.2434])
    assert unc == pytest.approx([0.112, 0.166, 0.244], abs=6e-4)  # the WG's quoted figures
    assert s1.xsec_rel_unc(1250.0) == pytest.approx((s1.xsec_rel_unc(1200.0) + s1.xsec_rel_unc(1300.0)) / 2)
    assert s1.xsec_rel_unc(3500.0) == 0.25 and s1.XSEC_NOTES == ()
    assert s1.pair_xsec(1500.0) == pytest.approx((2.577066e-4, 0.1660))
    for name in ("B-3Lmu", "Zp_SSM"):
        zp = get_model(name)
        assert zp.xsec_rel_unc(500.0) == zp.xsec_rel_unc(6000.0) == 0.10
        assert zp.XSEC_NOTES == ("Z' cross-section: Pythia 8 LO with an assumed 10% uncertainty",)
