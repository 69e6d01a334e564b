"""Flavour constraints: hand-computed numbers, flavio cross-checks, the `recast flavour` CLI."""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from recast.cli import cli
from recast.exceptions import InvalidParameter
from recast.flavour import bounds, evaluate, fit_names, load_fit, wilson_coefficients
from recast.flavour.g2 import delta_a_mu, g2_leptoquark_top, g2_radiative_spm, g2_zprime, zprime_loop_functions
from recast.flavour.mixing import bs_mixing_np_coefficient, bs_mixing_ratio, bs_mixing_sm_coefficient
from recast.flavour.trident import trident_ratio, trident_ratio_couplings
from recast.flavour.wilson import WilsonCoefficients, bs_mumu_ratio
from recast.models import get_model

# Inputs written out by hand (recast.constants values) so the tests do not reuse the code's arithmetic.
V, ALPHA, VTB_VTS, VCB = 246.22, 1 / 127.95, 0.999 * -0.0403, 0.0411
M_MU, M_T = 0.1056583755, 172.5
K_HAND = math.pi * V**2 / (ALPHA * VTB_VTS)  # GeV²


class _Zp:
    """A minimal Z′ stand-in with purely left-handed muon (and ν) couplings g_mu."""

    kind, name, params = "zprime", "Zstub", {}

    def __init__(self, mass: float, g_mu: float) -> None:
        self.mass, self.g = mass, g_mu

    def couplings(self):
        return {13: (self.g, 0.0), 14: (self.g, 0.0)}


# ---------------------------------------------------------------- b -> s mu mu
def test_s3_benchmark_c9_hand_computed_and_negative():
    wc = wilson_coefficients(get_model("S3"))  # y_bmu = 1, y_smu = V_cb (1.5/8)^2, M = 1500 GeV
    c9 = K_HAND * VCB * (1500 / 8000) ** 2 / 1500**2
    assert c9 == pytest.approx(-0.38871, rel=1e-4)
    assert wc.C9 == pytest.approx(c9, rel=1e-9)
    assert wc.C10 == pytest.approx(-c9, rel=1e-9)
    assert wc.C9 < 0 and wc.C9p == wc.C10p == 0


def test_s3_scales_with_coupling_product_over_mass_squared():
    a = wilson_coefficients(get_model("S3", mass=1000, couplings={"y_bmu": 0.5, "y_smu": -0.02}))
    b = wilson_coefficients(get_model("S3", mass=2000, couplings={"y_bmu": 0.5, "y_smu": -0.02}))
    assert a.C9 == pytest.approx(K_HAND * 0.5 * -0.02 / 1000**2, rel=1e-9)
    assert a.C9 > 0  # y_smu < 0 flips the sign: this point does not fit b->smumu
    assert b.C9 == pytest.approx(a.C9 / 4, rel=1e-12)


def test_r2_gives_c9_equal_c10():
    wc = wilson_coefficients(get_model("R2", mass=1500, couplings={"yLR_bmu": 1.0, "yLR_smu": 0.01}))
    assert wc.C9 == pytest.approx(-K_HAND * 0.01 / (2 * 1500**2), rel=1e-9)
    assert wc.C10 == pytest.approx(wc.C9, rel=1e-12)
    assert wc.c_ll == pytest.approx(0.0, abs=1e-15)  # no projection on C9 = -C10


@pytest.mark.parametrize("name", ["S1", "Spm"])
def test_no_tree_level_bsmumu(name):
    wc = wilson_coefficients(get_model(name))
    assert (wc.C9, wc.C10, wc.C9p, wc.C10p) == (0, 0, 0, 0)
    assert any("no tree-level" in n for n in wc.notes)


def test_zprime_left_handed_muon_matches_physics_md_formula():
    # physics.md §4: C9 = -C10 = -pi v^2 g_bs g_mu / (alpha V_tb V_ts* M^2) for left-handed couplings
    wc = wilson_coefficients(_Zp(2000.0, 0.3), g_bs=-2e-3)
    c9 = -math.pi * V**2 * (-2e-3) * 0.3 / (ALPHA * VTB_VTS * 2000.0**2)
    assert wc.C9 == pytest.approx(c9, rel=1e-9)
    assert wc.C10 == pytest.approx(-c9, rel=1e-9)


def test_zprime_vector_muon_gives_pure_c9_and_primes_from_g_bs_r():
    m = get_model("Lmu-Ltau", MZp=1000.0, gX=0.1)
    wc = wilson_coefficients(m, g_bs=-1e-3, g_bs_R=5e-4)
    assert wc.C9 == pytest.approx(-2 * K_HAND * (-1e-3) * 0.1 / 1000.0**2, rel=1e-9)
    assert wc.C9 == pytest.approx(-0.12106, rel=1e-3)
    assert wc.C10 == 0 and wc.C10p == 0
    assert wc.C9p == pytest.approx(-wc.C9 / 2, rel=1e-12)


def test_g_bs_rejected_for_leptoquarks():
    with pytest.raises(InvalidParameter, match="Z' flavour parameters"):
        wilson_coefficients(get_model("S3"), g_bs=0.1)


def test_bs_mumu_ratio_hand():
    assert bs_mumu_ratio(WilsonCoefficients(C10=0.39)) == pytest.approx((1 - 0.39 / 4.1887) ** 2, rel=1e-12)
    assert bs_mumu_ratio(WilsonCoefficients(C10=0.39)) == pytest.approx(0.8225, abs=5e-4)
    assert bs_mumu_ratio(WilsonCoefficients(C10=0.39, C10p=0.39)) == 1.0


# ---------------------------------------------------------------- (g-2)_mu
def test_zprime_g2_heavy_and_light_limits():
    assert g2_zprime(1000.0, 0.1) == pytest.approx(0.1**2 * M_MU**2 / (12 * math.pi**2 * 1000.0**2), rel=1e-5)
    assert g2_zprime(1000.0, 0.0, 0.1) == pytest.approx(-5 * 0.1**2 * M_MU**2 / (12 * math.pi**2 * 1000.0**2), rel=1e-5)
    # M -> 0: Schwinger-like g^2/(8 pi^2)
    assert g2_zprime(1e-5, 0.1) == pytest.approx(0.1**2 / (8 * math.pi**2), rel=1e-3)


def test_zprime_g2_matches_physics_md_integral_at_intermediate_mass():
    mass, g = 0.5, 0.01  # GeV: far from both limits
    x = np.linspace(0, 1, 200001)
    integrand = x**2 * (1 - x) / (x**2 + (1 - x) * mass**2 / M_MU**2)
    hand = g**2 / (4 * math.pi**2) * np.sum((integrand[1:] + integrand[:-1]) / 2 * np.diff(x))
    assert g2_zprime(mass, g) == pytest.approx(hand, rel=1e-6)
    assert zprime_loop_functions(5000.0)[0] == pytest.approx(1 / 3, rel=1e-5)


def test_lmu_ltau_g2_sample_value():
    val, _ = delta_a_mu(get_model("Lmu-Ltau", MZp=1000.0, gX=0.1))
    assert val == pytest.approx(9.43e-13, rel=2e-3)


def test_s1_chirally_enhanced_bauer_neubert():
    m = get_model("S1", mass=1500, couplings={"yL_bmu": 0.01, "yR_tmu": 0.01})
    enhanced = M_MU * M_T / (4 * math.pi**2 * 1500**2) * (math.log(1500**2 / M_T**2) - 7 / 4) * 1e-4
    light = M_MU**2 / (32 * math.pi**2 * 1500**2) * 2e-4
    assert enhanced == pytest.approx(5.286e-11, rel=1e-3)
    assert delta_a_mu(m)[0] == pytest.approx(enhanced - light, rel=1e-9)
    # the enhancement: same couplings without the right-handed one give ~m_mu/m_t less
    only_left = delta_a_mu(get_model("S1", mass=1500, couplings={"yL_bmu": 0.01}))[0]
    assert abs(only_left) < 1e-3 * enhanced


def test_r2_top_loop():
    val = g2_leptoquark_top(2000.0, 0.02, 0.03, kind="R2")
    assert val == pytest.approx(M_MU * M_T / (4 * math.pi**2 * 2000.0**2) * (math.log(2000.0**2 / M_T**2) - 0.25) * 6e-4)
    m = get_model("R2", mass=2000, couplings={"yRL_tmu": 0.02, "yLR_bmu": 0.03})
    assert delta_a_mu(m)[0] == pytest.approx(val)


def test_spm_radiative_mass_model():
    deg = g2_radiative_spm(5000.0, 5000.0)
    L = math.log(5000.0**2 / M_T**2)
    assert deg == pytest.approx(2 * M_MU**2 / 5000.0**2 * (2 / 3 * L - 5 / 6), rel=1e-12)
    assert deg == pytest.approx(326.5e-11, rel=1e-3)
    assert g2_radiative_spm(5000.0, 5001.0) == pytest.approx(deg, rel=1e-3)  # continuous at M+ = M-
    assert g2_radiative_spm(4000.0, 6000.0) == pytest.approx(g2_radiative_spm(6000.0, 4000.0), rel=1e-12)
    # independent of the couplings (they are fixed by m_mu)
    a = delta_a_mu(get_model("Spm", MSp=5000, MSm=5000, eta_L=0.3, eta_R=2.0))[0]
    assert a == pytest.approx(deg)


# ---------------------------------------------------------------- B_s mixing, trident
def test_bs_mixing_sm_coefficient_hand():
    mw, mt = 80.3692, 162.5
    x = (mt / mw) ** 2
    s0 = (4 * x - 11 * x**2 + x**3) / (4 * (1 - x) ** 2) - 3 * x**3 * math.log(x) / (2 * (1 - x) ** 3)
    hand = (1.1663788e-5) ** 2 * mw**2 * VTB_VTS**2 * 0.551 * s0 / (4 * math.pi**2)
    assert s0 == pytest.approx(2.30, abs=0.01)
    assert bs_mixing_sm_coefficient() == pytest.approx(hand, rel=1e-12)


def test_bs_mixing_zprime_and_s3():
    zp = get_model("Lmu-Ltau", MZp=2000.0)
    c_sm = bs_mixing_sm_coefficient()
    assert bs_mixing_ratio(zp, g_bs=0.01) == pytest.approx(1 + 0.01**2 / (2 * 2000.0**2) / c_sm)
    s3 = get_model("S3", mass=1000, couplings={"y_bmu": 1.0, "y_smu": 0.1})
    assert bs_mixing_np_coefficient(s3) == pytest.approx(5 * 0.1**2 / (128 * math.pi**2 * 1000**2))
    # physics.md §4 quotes g_bs/M < 1/(244 TeV); our inputs (2021 fit) give a bound of the same size
    gmax_per_gev = bounds.zprime_bs_mixing_max_gx([1.0], 1.0, "2021")[0]
    assert 1 / 400e3 < gmax_per_gev < 1 / 244e3


def test_trident_reproduces_physics_md_bound():
    # physics.md §4: M/g_mu > 0.54 TeV for L_mu - L_tau
    m = get_model("Lmu-Ltau", MZp=1000.0)
    gmax = bounds.zprime_trident_max_gx(m, [1000.0], "2021")[0]
    assert 1000.0 / gmax == pytest.approx(540.0, rel=0.02)
    assert trident_ratio_couplings(1000.0, gmax, 0.0, gmax) == pytest.approx(0.82 + 2 * 0.28, rel=1e-9)
    assert trident_ratio(get_model("S3")) == 1.0
    # B - L couples to nu_mu and mu: a bound; L_e - L_tau leaves the muon doublet neutral: none
    assert bounds.zprime_trident_max_gx(get_model("B-L"), [1000.0]) is not None
    assert bounds.zprime_trident_max_gx(get_model("Zp", charges="q=0 L=1,0,-1"), [1000.0]) is None


# ---------------------------------------------------------------- fit
def test_fit_inputs_are_data_with_sources():
    assert fit_names() == ["2021", "2025"]
    f21, f25 = load_fit("2021"), load_fit("2025")
    assert (f21["observables"]["C_LL"]["value"], f21["observables"]["C_LL"]["sigma"]) == (-0.39, 0.07)
    assert (f21["observables"]["delta_a_mu"]["value"], f21["observables"]["delta_a_mu"]["sigma"]) == (251.0, 59.0)
    assert (f25["observables"]["delta_a_mu"]["value"], f25["observables"]["delta_a_mu"]["sigma"]) == (38.0, 63.0)
    assert "2103.13370" in f21["observables"]["C_LL"]["source"]
    assert load_fit()["name"] == "2021"
    with pytest.raises(InvalidParameter, match="valid: 2021, 2025"):
        load_fit("2024")


def test_pulls_and_chi2_s3_benchmark():
    r = evaluate(get_model("S3"), fit="2021")
    pulls = {o.key: o.pull for o in r.observables}
    assert pulls["C_LL"] == pytest.approx((-0.38871 + 0.39) / 0.07, abs=2e-3)
    assert pulls["delta_a_mu"] == pytest.approx(-251 / 59, rel=1e-9)  # S3 gives no (g-2)
    assert pulls["trident"] == pytest.approx((1 - 0.82) / 0.28)
    assert r.chi2 == pytest.approx(sum(p**2 for p in pulls.values()))
    assert r.chi2 < r.chi2_sm - 25  # b->smumu: ~5.6 sigma better than the SM
    r25 = evaluate(get_model("S3"), fit="2025")
    assert {o.key: o.pull for o in r25.observables}["C_LL"] == pytest.approx((-0.38871 + 0.11) / 0.10, abs=2e-3)
    assert r25.chi2 > r25.chi2_sm  # after R_K ~ 1 the benchmark is disfavoured


# ---------------------------------------------------------------- CLI
def test_cli_flavour_prints_and_writes_json(runner, tmp_path):
    out = tmp_path / "out.json"
    res = runner.invoke(cli, ["flavour", "--model", "S3", "--mass", "1500", "--coupling", "y_bmu=1.0,y_smu=-0.05", "--json", str(out)])
    assert res.exit_code == 0, res.output
    assert "C9 = +13.45" in res.output and "chi2 =" in res.output
    doc = json.loads(out.read_text())
    assert doc["wilson"]["C9"] == pytest.approx(K_HAND * -0.05 / 1500**2, rel=1e-9)
    assert doc["fit"] == "2021" and len(doc["observables"]) == 4
    assert doc["chi2"] == pytest.approx(sum(o["pull"] ** 2 for o in doc["observables"]))
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]  # no temp files left
    again = runner.invoke(cli, ["flavour", "--model", "S3", "--json", str(out)])
    assert again.exit_code == 2 and "--force" in again.output
    assert json.loads(out.read_text())["wilson"]["C9"] > 0  # untouched


def test_cli_flavour_zprime_g_bs_and_stdout_json(runner):
    res = runner.invoke(cli, ["flavour", "--model", "Lmu-Ltau", "--mass", "1000", "--gX", "0.1", "--coupling", "g_bs=-0.001", "--fit", "2025", "--json", "-"])
    assert res.exit_code == 0, res.output
    doc = json.loads(res.output)
    assert doc["wilson"]["C9"] == pytest.approx(-0.12106, rel=1e-3)
    assert doc["params"]["g_bs"] == -0.001 and doc["fit"] == "2025"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--model", "S4"], "unknown model"),
        (["--model", "S3", "--fit", "2030"], "unknown flavour fit"),
        (["--model", "S3", "--coupling", "g_bs=0.1"], "Z' flavour parameters"),
        (["--model", "S3", "--mass", "abc"], "--mass must be a number"),
    ],
)
def test_cli_flavour_bad_input(runner, args, message):
    res = runner.invoke(cli, ["flavour", *args])
    assert res.exit_code == 2
    assert message in res.output
    assert "Traceback" not in res.output


# ---------------------------------------------------------------- flavio cross-checks
@pytest.fixture(scope="module")
def flavio_env():
    flavio = pytest.importorskip("flavio")
    wilson = pytest.importorskip("wilson")
    return flavio, wilson


@pytest.mark.slow
def test_flavio_c9_normalisation(flavio_env):
    """Our C9 for the S3 four-fermion coefficient agrees with wilson/flavio's JMS -> flavio translation."""
    import ckmutil.ckm
    from wilson.parameters import p as wp

    _, wilson = flavio_env
    m = get_model("S3")
    coeff = m.params["y_bmu"] * m.params["y_smu"] / m.mass**2  # L ⊃ coeff (s̄γP_L b)(μ̄γP_L μ)
    w = wilson.Wilson({"VedLL_2223": coeff}, scale=4.8, eft="WET", basis="JMS")
    fl = w.match_run(4.8, "WET", "flavio").dict
    ckm = ckmutil.ckm.ckm_tree(wp["Vus"], wp["Vub"], wp["Vcb"], wp["gamma"])
    vv = (ckm[2, 2] * ckm[2, 1].conjugate()).real
    ours = wilson_coefficients(m, alpha=wp["alpha_e"], vtb_vts=vv, v=(math.sqrt(2) * wp["GF"]) ** -0.5)
    assert ours.C9 == pytest.approx(fl["C9_bsmumu"].real, rel=0.02)
    assert ours.C10 == pytest.approx(fl["C10_bsmumu"].real, rel=0.02)
    assert ours.C9 == pytest.approx(fl["C9_bsmumu"].real, rel=1e-3)  # in fact exact up to v vs G_F rounding
    # with recast's own (PDG 2024) CKM and alpha the difference is the CKM input, |V_ts| 0.0403 vs 0.0412
    default = wilson_coefficients(m)
    assert default.C9 / fl["C9_bsmumu"].real == pytest.approx(vv / (0.999 * -0.0403) * 127.95 / (1 / wp["alpha_e"]), rel=1e-3)


@pytest.mark.slow
def test_flavio_bs_mumu_ratio(flavio_env):
    flavio, wilson = flavio_env
    sm = flavio.sm_prediction("BR(Bs->mumu)")
    for c10 in (0.39, -0.3):
        w = wilson.Wilson({"C10_bsmumu": c10}, scale=4.8, eft="WET", basis="flavio")
        ratio = flavio.np_prediction("BR(Bs->mumu)", w) / sm
        assert bs_mumu_ratio(WilsonCoefficients(C10=c10)) == pytest.approx(ratio, rel=0.02)
    assert ratio != pytest.approx(1.0, abs=0.05)  # the test is sensitive
    # the S3 benchmark as a whole
    wc = wilson_coefficients(get_model("S3"))
    w = wilson.Wilson({"C9_bsmumu": wc.C9, "C10_bsmumu": wc.C10}, scale=4.8, eft="WET", basis="flavio")
    assert bs_mumu_ratio(wc) == pytest.approx(flavio.np_prediction("BR(Bs->mumu)", w) / sm, rel=0.02)


def test_public_api():
    import recast.flavour as rf

    assert rf.__all__ == [
        "FlavourResult", "Observable", "WilsonCoefficients", "bs_mixing_ratio", "bs_mumu_ratio", "delta_a_mu",
        "evaluate", "fit_names", "load_fit", "trident_ratio", "wilson_coefficients",
    ]
    assert dir(rf) == rf.__all__
