"""ΔN_eff of a light L_μ − L_τ Z′ (recast.lowenergy.neff): the solver against its limits and an independent code,
the shipped table against the solver, the bound in the light-Z′ bounds, the plane and the verdict."""

from __future__ import annotations

import math

import pytest

from recast.lowenergy import neff as nf
from recast.lowenergy.light_zprime import NOT_SHIPPED, light_zprime_bounds
from recast.models import get_model
from recast.models.charges import named_charges


def test_standard_model_value_of_the_solver():
    """Without a Z′ the solver gives 3.038: the reference 3.0440 (arXiv:2012.02726) less what it leaves out (QED
    plasma corrections, m_e in the rates). Predictions are therefore quoted as 3.0440 + the solver's shift."""
    assert nf.neff() == pytest.approx(3.038, abs=0.002)
    assert abs(nf.neff() - nf.N_EFF_SM_REF) < 0.01
    assert nf.neff_table()[3] == pytest.approx(nf.neff(), abs=1e-5)


def test_a_light_boson_sharing_the_neutrino_entropy():
    """A 3-state boson in equilibrium with all three neutrinos and still relativistic when they decouple gives
    its entropy to them alone: T_ν³ grows by (21/4 + 3)/(21/4) = 11/7, N_eff by (11/7)^{4/3} = 1.827."""
    assert nf.neff(1e-4, one_nu_sector=True) == pytest.approx(nf.neff() * (11 / 7) ** (4 / 3), rel=0.005)


def test_shift_agrees_with_nudec_bsm():
    """Independent code: NUDEC_BSM (arXiv:1812.05605, github.com/MiguelEA/nudec_BSM @ 54cb3fb, run here with its
    QED and m_e corrections): WIMP_nu.py 10 MeV, 3 states, Bose: N_eff = 3.3605; nuDec_SM.py: 3.04527. Its shift
    0.3152 against ours for the same case (a boson with all three neutrinos, no mixing)."""
    shift = nf.neff(0.010, one_nu_sector=True) - nf.neff()
    assert shift == pytest.approx(3.3605 - 3.04527, abs=0.005)


def test_the_papers_statement():
    """arXiv:1901.02010 abstract: a 10–20 MeV Z′ with g ≃ (3–8)×10⁻⁴ reaches equilibrium and gives
    ΔN_eff ≃ 0.2 (it relaxes the H0 tension). Ours across that window: 0.5 at 10 MeV falling to 0.1 at 20 MeV."""
    d = {m: nf.neff_prediction(m, 5e-4) - nf.N_EFF_SM_REF for m in (0.010, 0.015, 0.020)}
    assert d[0.010] > d[0.015] > d[0.020] > 0.05
    assert 0.1 < d[0.015] < 0.35


def test_the_table_is_the_solver():
    masses, gs, table, _ = nf.neff_table()
    i, j = 6, 5
    assert table[i, j] == pytest.approx(nf.neff(float(masses[i]), float(gs[j])), abs=1e-5)
    assert nf.neff_prediction(float(masses[i]), float(gs[j])) == pytest.approx(
        nf.N_EFF_SM_REF + table[i, j] - nf.neff_table()[3], abs=1e-9)
    assert nf.neff_prediction(0.003, 1e-4) is None and nf.neff_prediction(0.01, 1e-7) is None


def test_the_bound():
    """Planck 2018 + BAO N_eff = 2.99 ± 0.17: below 3.32 at 95 % CL. A 10 MeV Z′ is excluded from g_X ≈ 2.5e-5 up,
    a 20 MeV one above 2e-3 only, 30 MeV not at all; lighter is stronger."""
    assert pytest.approx(3.3232) == nf.N_EFF_MAX_95
    g10, g20 = nf.neff_gmax(0.010), nf.neff_gmax(0.020)
    assert 1e-5 < g10 < 1e-4 and 1e-3 < g20 < 3.2e-3 and math.isinf(nf.neff_gmax(0.030))
    assert nf.neff_prediction(0.010, g10 * 1.5) > nf.N_EFF_MAX_95
    assert nf.neff_prediction(0.020, g20 / 1.5) < nf.N_EFF_MAX_95
    assert nf.neff_gmax(0.008) < g10 and math.isinf(nf.neff_gmax(0.1))


def test_applies_to_the_lmu_ltau_charges_only():
    assert nf.applies(named_charges("Lmu-Ltau"))
    assert not nf.applies(named_charges("B-3Lmu"))


def test_it_is_a_light_zprime_bound_and_no_longer_missing():
    assert "Delta N_eff" not in NOT_SHIPPED
    lmt = named_charges("Lmu-Ltau")
    names = {b.name: b for b in light_zprime_bounds(0.010, charges=lmt)}
    assert names["Delta N_eff"].g_max == pytest.approx(nf.neff_gmax(0.010))
    assert "arXiv:1807.06209" in names["Delta N_eff"].source
    assert "Delta N_eff" not in {b.name for b in light_zprime_bounds(0.010)}  # charges not given
    assert "Delta N_eff" not in {b.name for b in light_zprime_bounds(0.2, charges=lmt)}  # beyond the table


def test_the_plane_draws_it():
    import numpy as np

    from recast.lowenergy.bounds import zprime_light_curves_max_gx

    m = np.array([0.01, 0.02, 0.05])
    curves = zprime_light_curves_max_gx(get_model("Lmu-Ltau"), m)
    assert curves["Delta N_eff"][0] == pytest.approx(nf.neff_gmax(0.01)) and np.isnan(curves["Delta N_eff"][2])
    assert "Delta N_eff" not in zprime_light_curves_max_gx(get_model("B-3Lmu"), m)


def test_the_verdict_uses_it():
    from recast.viability.composite import ZPrimePart
    from recast.viability.verdict import _neff_check

    lmt = named_charges("Lmu-Ltau")
    ((ok, ratio, text),) = _neff_check(ZPrimePart(lmt, 5e-4, 0.010))
    assert not ok and ratio > 1 and "Delta N_eff" in text
    ((ok, ratio, _),) = _neff_check(ZPrimePart(lmt, 5e-4, 0.020))
    assert ok and 0 < ratio < 1
    assert _neff_check(ZPrimePart(lmt, 5e-4, 0.2)) == []


def test_it_closes_the_lightest_g_minus_2_window():
    """The (g−2) coupling of an L_μ − L_τ Z′ (Δa_μ = 251e-11, exact one loop) is excluded by ΔN_eff below
    ~13 MeV and allowed from ~14 MeV (README)."""
    from recast.lowenergy.g2 import g2_zprime

    def g2_coupling(m: float) -> float:
        return math.sqrt(251e-11 / g2_zprime(m, 1.0, 0.0))

    assert g2_coupling(0.012) > nf.neff_gmax(0.012)
    assert g2_coupling(0.014) < nf.neff_gmax(0.014)
