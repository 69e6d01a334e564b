"""cLFV tied to (g−2)_μ (recast.lowenergy.clfv): BR(μ→eγ), BR(τ→μγ) from Δa_μ and the mixing angles."""

from __future__ import annotations

import math

import pytest
from click.testing import CliRunner

from recast.cli import cli
from recast.constants import ALPHA_EM_0, G_FERMI, M_MU, M_TAU
from recast.exceptions import InvalidParameter
from recast.lowenergy.clfv import CLFV_LIMITS, br_radiative, clfv_lines, clfv_summary, max_mixing


@pytest.mark.parametrize("decay", list(CLFV_LIMITS))
def test_br_scales_as_delta_a_mu_squared_times_theta_squared(decay):
    base = br_radiative(decay, 2.5e-9, 1e-3)
    assert br_radiative(decay, 5.0e-9, 1e-3) == pytest.approx(4 * base, rel=1e-12)
    assert br_radiative(decay, 2.5e-9, 3e-3) == pytest.approx(9 * base, rel=1e-12)
    assert br_radiative(decay, -2.5e-9, 1e-3) == pytest.approx(base, rel=1e-12)  # |c|²: sign of Δa_μ drops out
    assert br_radiative(decay, 0.0, 1e-3) == 0.0 and math.isinf(max_mixing(decay, 0.0))


def test_mu_to_e_gamma_hand_number_and_the_gpp_normalisation():
    """α m_μ Δa² θ²/(16 Γ_μ), Γ_μ = ħ/τ_μ = 6.582119569e-25/2.1969811e-6 GeV: 1.0053e-13 at Δa = 2.5e-9, θ = 1e-5.
    arXiv:1208.6583's form 12π³α Δa² θ²/(G_F² m_μ⁴) (Γ_μ = G_F² m_μ⁵/192π³) agrees to the muon-decay radiative
    correction (< 1 %)."""
    gamma_mu = 6.582119569e-25 / 2.1969811e-6
    hand = (1 / 137.036) * 0.1056584 * (2.5e-9) ** 2 * (1e-5) ** 2 / (16 * gamma_mu)
    assert hand == pytest.approx(1.0053e-13, rel=1e-4)
    assert br_radiative("mu->e gamma", 2.5e-9, 1e-5) == pytest.approx(hand, rel=1e-5)
    gpp = 12 * math.pi**3 * ALPHA_EM_0 * (2.5e-9 * 1e-5) ** 2 / (G_FERMI**2 * M_MU**4)
    assert br_radiative("mu->e gamma", 2.5e-9, 1e-5) == pytest.approx(gpp, rel=1e-2)
    # both scalings coincide for the muon
    assert br_radiative("mu->e gamma", 2.5e-9, 1e-5, scaling="mass") == br_radiative("mu->e gamma", 2.5e-9, 1e-5)


def test_meg_bound_on_theta_emu_for_the_2021_delta_a_mu():
    """Δa_μ = 2.5e-9 and MEG II's 3.1e-13: |θ_eμ| < sqrt(3.1e-13/1.0053e-3) = 1.756e-5 (the '~1e-5' folklore)."""
    assert max_mixing("mu->e gamma", 2.5e-9) == pytest.approx(math.sqrt(3.1e-13 / 1.0053e-3), rel=1e-3)
    assert br_radiative("mu->e gamma", 2.5e-9, max_mixing("mu->e gamma", 2.5e-9)) == pytest.approx(3.1e-13)


def test_tau_to_mu_gamma_against_the_tau_leptonic_width():
    """With the 'mass' scaling (A_τμ = θ A_μμ, arXiv:1208.6583) BR(τ→μγ) = BR(τ→μνν̄) (48π³α/G_F²) θ² Δa²/(4 m_μ⁴);
    BR(τ→μνν̄) = 0.1739 (PDG 2024) and the m_μ phase space (f = 0.9726) of Γ(τ→μνν̄): agreement within 1 %.
    The 'coupling' scaling is smaller by (m_μ/m_τ)²."""
    da, th = 2.5e-9, 1e-2
    f_mu = 1 - 8 * (M_MU / M_TAU) ** 2  # leading phase-space factor of τ → μνν̄
    gpp = 0.1739 / f_mu * 48 * math.pi**3 * ALPHA_EM_0 / G_FERMI**2 * th**2 * da**2 / (4 * M_MU**4)
    assert br_radiative("tau->mu gamma", da, th, scaling="mass") == pytest.approx(gpp, rel=2e-2)
    ratio = br_radiative("tau->mu gamma", da, th, scaling="mass") / br_radiative("tau->mu gamma", da, th)
    assert ratio == pytest.approx((M_TAU / M_MU) ** 2, rel=1e-12)
    # Belle 4.2e-8: |θ_μτ| < 0.26 (coupling scaling), 0.015 (mass scaling) at Δa_μ = 2.5e-9
    assert 0.2 < max_mixing("tau->mu gamma", da) < 0.3
    assert 0.01 < max_mixing("tau->mu gamma", da, scaling="mass") < 0.02


def test_summary_lines_and_bad_decay():
    s = clfv_summary(2.5e-9)
    assert s["decays"]["mu->e gamma"]["limit"] == 3.1e-13 and "2310.12614" in s["decays"]["mu->e gamma"]["source"]
    assert s["decays"]["tau->mu gamma"]["limit"] == 4.2e-8 and "2103.12994" in s["decays"]["tau->mu gamma"]["source"]
    assert clfv_lines(0.0, what="S3's")[0].startswith("cLFV: S3's Delta a_mu is 0")
    assert "no bound on the angle" in clfv_lines(1e-11)[2]  # τ→μγ: θ_max > 1 for a tiny Δa_μ
    with pytest.raises(InvalidParameter, match="mu->e gamma"):
        br_radiative("mu->e gama", 2.5e-9, 1e-5)


def test_models_show_prints_the_clfv_bounds_for_the_model_delta_a_mu():
    """Model III (S± at its preset masses): Δa_μ ≈ 2.4e-9 so MEG II needs |θ_eμ| ≲ 2e-5; a Z′ with g_X = 0 has none."""
    from recast.viability import get_composite
    from recast.viability.contributions import contributions

    res = CliRunner().invoke(cli, ["models", "show", "ModelIII"])
    assert res.exit_code == 0, res.output
    da = contributions(get_composite("ModelIII")).delta_a_mu
    expected = f"|theta_emu| < {max_mixing('mu->e gamma', da):.2g}"
    assert expected in res.output and 1e-5 < max_mixing("mu->e gamma", da) < 3e-5
    res = CliRunner().invoke(cli, ["models", "show", "S1"])
    assert res.exit_code == 0 and "cLFV from the (g-2) dipole" in res.output
    res = CliRunner().invoke(cli, ["models", "show", "Zp", "--charges", "q=0 L=0,1,-1", "--gX", "0"])
    assert res.exit_code == 0 and "Delta a_mu is 0" in res.output


def test_atlas_check_reports_clfv_at_the_fit_delta_a_mu():
    res = CliRunner().invoke(cli, ["atlas", "show", "B-3Lmu", "--json"])
    assert res.exit_code == 0, res.output
    import json

    clfv = json.loads(res.output)["clfv"]
    assert clfv["fit"] == "2021" and clfv["delta_a_mu"] == pytest.approx(251e-11)
    assert clfv["decays"]["mu->e gamma"]["max_theta"] == pytest.approx(max_mixing("mu->e gamma", 251e-11))
    text = CliRunner().invoke(cli, ["atlas", "check", "--L", "0,-3,0", "--q", "1/3"]).output
    assert "cLFV: the charges fix no Delta a_mu" in text and "theta = 0 until U(1)_X breaking" in text
