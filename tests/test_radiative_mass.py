"""Model III's m_μ condition (recast.lowenergy.radiative_mass): the radiative muon mass of the S± top loop.

No number of arXiv:2107.07518's Model III section is tested: its stored page holds the abstract and introduction
only (module docstring). The checks are the physics the formula must obey: the m_μ-normalised Δa_μ of g2.py,
exactness in the mixing angle, the mass-insertion limits, and where the condition stops being perturbative.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from recast.constants import M_MU, M_TOP
from recast.lowenergy.g2 import _spm_self_energy, g2_leptoquark_top, g2_radiative_spm
from recast.lowenergy.radiative_mass import (
    ETA_MAX,
    MIXING_MAX,
    mmu_condition_lines,
    spm_mass_factor,
    spm_mixing_partner,
    spm_muon_mass,
    spm_required_coupling,
    spm_required_mixing,
)

N_C = 3


@pytest.mark.parametrize(("m1", "m2"), [(1000.0, 3000.0), (4000.0, 2500.0), (6000.0, 6300.0), (6000.0, 6001.0),
                                        (10000.0, 30000.0)])
def test_explicit_couplings_on_the_mmu_condition_give_g2_radiative_spm(m1, m2):
    """Couplings η_L, η_R, θ chosen so that m_μ = M_MU: the dipole loops of the two eigenstates (charge-5/3, top;
    g2_leptoquark_top's R2 functions, l r = ±η_L η_R sin θ cos θ) sum to g2_radiative_spm to 1e-10."""
    eta_l = 0.8
    eta_r = max(0.5, 2 * spm_required_mixing(m1, m2) / eta_l)  # (6000, 6001) needs |eta_L eta_R| > 4 pi: math only
    need = spm_required_coupling(m1, m2)
    sc = need / (eta_l * eta_r * (m1**2 - m2**2))  # sin θ cos θ
    assert abs(2 * sc) <= 1.0
    theta = math.asin(2 * sc) / 2
    a_vev = (m1**2 - m2**2) * math.sin(theta) * math.cos(theta)
    assert spm_muon_mass(m1, m2, eta_l, eta_r, a_vev) == pytest.approx(M_MU, rel=1e-12)
    lr = eta_l * eta_r * math.sin(theta) * math.cos(theta)
    # g2_leptoquark_top(kind="R2") has l r = -yRL yLR: pass (lr, -1) for l r = lr
    da = g2_leptoquark_top(m1, lr, -1.0, kind="R2") + g2_leptoquark_top(m2, -lr, -1.0, kind="R2")
    assert da == pytest.approx(g2_radiative_spm(m1, m2), rel=1e-10)
    assert da > 0


def test_the_mass_is_exact_in_the_mixing_angle():
    """Diagonalise [[M₊², A⟨φ⟩], [A⟨φ⟩, M₋²]] (large mixing): Σ_i l_i r_i f(x_i) over the eigenstates equals
    η_L η_R A⟨φ⟩ K(M₁, M₂) with M₁ the mostly-S+ eigenvalue."""
    eta_l, eta_r, a_vev = 1.3, -0.7, 1.5e6
    mat = np.array([[6000.0**2, a_vev], [a_vev, 6200.0**2]])
    ev, vec = np.linalg.eigh(mat)
    i_plus = int(np.argmax(np.abs(vec[0])))  # the mostly-S+ eigenvector
    masses = np.sqrt(ev)
    lr = [eta_l * vec[0, i] * eta_r * vec[1, i] for i in range(2)]
    assert abs(lr[0] + lr[1]) < 1e-12 * abs(lr[0])  # unitarity: the divergent part of B0 cancels
    mass = N_C * M_TOP * sum(lr[i] * _spm_self_energy((masses[i] / M_TOP) ** 2) for i in range(2)) / (16 * math.pi**2)
    m1, m2 = masses[i_plus], masses[1 - i_plus]
    assert abs(math.sin(2 * math.atan2(vec[1, i_plus], vec[0, i_plus]))) > 0.5  # large mixing indeed
    assert mass == pytest.approx(spm_muon_mass(m1, m2, eta_l, eta_r, a_vev), rel=1e-9)


def test_degenerate_and_heavy_limits():
    """K is finite and continuous at M₁ = M₂ (f′ = (x − 1 − ln x)/(x − 1)²) and has the mass-insertion limits
    N_c m_t/(16π² M²) (M₁ = M₂ = M ≫ m_t) and N_c m_t ln(M₂²/M₁²)/(16π² M₂²) (M₂ ≫ M₁)."""
    k0 = spm_mass_factor(6000.0, 6000.0)
    assert spm_mass_factor(6000.0, 6000.0 * (1 + 1e-4)) == pytest.approx(k0, rel=1e-4)
    assert spm_mass_factor(6000.0, 6000.0 * (1 + 1e-7)) == pytest.approx(k0, rel=1e-9)
    x = (6000.0 / M_TOP) ** 2
    h = 1e-3 * x
    slope = (_spm_self_energy(x + h) - _spm_self_energy(x - h)) / (2 * h)
    assert k0 == pytest.approx(N_C * slope / (16 * math.pi**2 * M_TOP), rel=1e-6)
    assert spm_mass_factor(1e5, 1e5) == pytest.approx(N_C * M_TOP / (16 * math.pi**2 * 1e10), rel=1e-4)
    assert spm_mass_factor(1e4, 1e7) == pytest.approx(N_C * M_TOP * math.log(1e6) / (16 * math.pi**2 * 1e14),
                                                      rel=1e-3)
    assert spm_mass_factor(1000.0, 3000.0) == spm_mass_factor(3000.0, 1000.0) > 0
    # at 6 TeV degenerate: eta_L eta_R A<phi> = 16 pi^2 m_mu M^2/(N_c m_t) within 0.5 %
    assert spm_required_coupling(6000.0, 6000.0) == pytest.approx(16 * math.pi**2 * M_MU * 6000.0**2 / (3 * M_TOP),
                                                                  rel=6e-3)


def test_perturbativity_fails_only_near_the_diagonal():
    """|η| ≤ √(4π): |η_L η_R sin 2θ| ≤ 4π. Equal eigenvalues admit no mixing (inf); the band's edge at 6 TeV is
    15.5 GeV above, where the requirement is exactly 4π; 1 TeV vs 7 TeV needs only 0.017."""
    assert math.isclose(MIXING_MAX, 4 * math.pi) and math.isclose(ETA_MAX, math.sqrt(4 * math.pi))
    assert spm_required_mixing(6000.0, 6000.0) == math.inf
    edge = spm_mixing_partner(6000.0, MIXING_MAX)
    assert edge is not None and 15.0 < edge - 6000.0 < 16.0
    assert spm_required_mixing(6000.0, edge) == pytest.approx(MIXING_MAX, rel=1e-8)
    assert spm_required_mixing(6000.0, 6010.0) > MIXING_MAX > spm_required_mixing(6000.0, 6100.0)
    below = spm_mixing_partner(6000.0, MIXING_MAX, above=False)
    assert below is not None and 15.0 < 6000.0 - below < 16.0
    assert spm_required_mixing(1000.0, 7000.0) == pytest.approx(0.0170, abs=1e-4)
    assert spm_mixing_partner(6000.0, 1e-6) is None  # not reached below 100 TeV


def test_equal_eigenvalues_cannot_meet_the_condition_and_the_model_iii_preset_does():
    """M_S+ = M_S- = 6 TeV are equal eigenvalues: no mixing, so no m_μ; with η_L η_R = 1 the eigenvalues must differ
    by ~198 GeV. A split point is satisfiable with |sin 2θ| < 1, and so is the ModelIII preset (5.5, 6.5 TeV)."""
    lines = mmu_condition_lines(6000.0, 6000.0, 1.0, 1.0, 1000.0)
    assert "not satisfiable" in lines[-1] and "equal eigenvalues admit no mixing" in lines[-1]
    assert "<phi> = 1167 GeV" in lines[1]
    ok = mmu_condition_lines(6000.0, 6300.0, 1.0, 1.0, 1000.0)
    assert ok[-1].startswith("  satisfiable") and "0.664" in ok[-1] and "non-perturbative" not in ok[-1]
    assert "non-perturbative" in mmu_condition_lines(6000.0, 6020.0, 4.0, 4.0, 1000.0)[-1]  # |eta| > sqrt(4 pi)
    from recast.viability.presets import PRESETS

    (spm,) = PRESETS["ModelIII"]().leptoquarks
    p = spm.params
    preset = mmu_condition_lines(p["MSp"], p["MSm"], p["eta_L"], p["eta_R"], p["A"])
    assert preset[-1].startswith("  satisfiable") and "0.194" in preset[-1]
