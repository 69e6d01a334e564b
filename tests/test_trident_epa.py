"""The light-Z′ neutrino trident (recast.lowenergy.trident_epa and its shipped table).

No published SM σ(ν_μ Fe → ν_μ Fe μ⁺μ⁻) or σ_νγ number was reachable to test against (1406.2332's full text,
Czyz–Sheppey–Walecka and Brown et al. were not found): that check is not made.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy.optimize import brentq
from scipy.stats import qmc

from recast.exceptions import InvalidParameter
from recast.lowenergy import trident_epa as te
from recast.lowenergy.g2 import g2_zprime
from recast.lowenergy.trident import TRIDENT_MIN_MASS_GEV, _table, trident_gmax_couplings, trident_ratio_couplings
from recast.models.zprime import ZPrimeModel


def test_photon_vertex_is_gauge_invariant():
    """The two diagrams contracted with the photon momentum vanish between on-shell muon spinors."""
    (_, _, p, p1, p2), _, _ = te._events(qmc.Sobol(6, seed=5).random(8), te.E_NU_CCFR, te.IRON)
    eye = np.eye(4)

    def prop(q: np.ndarray) -> np.ndarray:
        return (te._slash(q) + te.M_MU * eye) / (q[:, 0] ** 2 - np.sum(q[:, 1:] ** 2, 1) - te.M_MU**2)[:, None, None]

    ps, u1, v2 = te._slash(p), te._slash(p1) + te.M_MU * eye, te._slash(p2) - te.M_MU * eye
    for g in (te._GAMMA[1], te._GAMMA[2] @ te._G5):
        ward = u1 @ (ps @ prop(p1 - p) @ g + g @ prop(p - p2) @ ps) @ v2
        assert np.abs(ward).max() < 1e-10 * np.abs(u1 @ g @ v2).max()


@pytest.fixture(scope="module")
def heavy() -> te.Moments:
    return te.moments([80.0], n_points=2**12, n_scrambles=4)


def test_heavy_limit_is_the_contact_formula(heavy):
    """At M = 80 GeV, g = M/(0.5 TeV) (σ/σ_SM ≈ 1.45) the full propagator gives eq. (3) to 1.5 %."""
    g = 80.0 / 500.0
    full = te.ratio_from_moments(heavy.k[0], g * g, 0.0)
    assert full == pytest.approx(trident_ratio_couplings(500.0, 1.0, 0.0, 1.0), rel=0.015)
    assert full > 1.4  # a visible shift


def test_va_interference_integrates_to_zero(heavy):
    k, err = heavy.k[0], heavy.k_err[0]
    assert abs(k[0, 2]) < 4 * err[0, 2] + 0.02 and abs(k[1, 2]) < 4 * err[1, 2] + 0.02 * k[1, 0]


def test_shipped_table_is_reproduced_by_the_module():
    """A fresh small sample at 0.1 GeV agrees with the shipped moments within 3 sigma (+1 %)."""
    fresh = te.moments([0.1], n_points=2**12, n_scrambles=4, seed=11)
    lm, lk = _table()
    for j, (n, xy) in enumerate([(1, 0), (1, 1), (2, 0), (2, 1)]):
        shipped = math.exp(float(np.interp(math.log(0.1), lm, lk[:, j])))
        assert fresh.k[0, n, xy] == pytest.approx(shipped, rel=0.01, abs=3 * fresh.k_err[0, n, xy])


def test_lmu_ltau_ratio_grows_as_mass_falls_and_saturates():
    """At fixed g the Z′ effect grows as M falls; below the momentum transfer (√|t| ~ 0.1–1 GeV) the
    interference term saturates and only the |Z′|² term grows (logarithmically)."""
    g = 1e-3
    masses = np.geomspace(0.006, 99.0, 40)
    r = np.array([trident_ratio_couplings(float(m), g, 0.0, g) for m in masses])
    assert np.all(np.diff(r) < 0)
    grow_light = (trident_ratio_couplings(0.01, g, 0, g) - 1) / (trident_ratio_couplings(0.02, g, 0, g) - 1)
    grow_heavy = (trident_ratio_couplings(2.0, g, 0, g) - 1) / (trident_ratio_couplings(4.0, g, 0, g) - 1)
    assert grow_light < 1.3 and grow_heavy > 2.5  # the contact limit would give 4 (interference) to 16


def test_below_the_table_is_an_error():
    with pytest.raises(InvalidParameter):
        trident_ratio_couplings(0.5 * TRIDENT_MIN_MASS_GEV, 1e-3, 0, 1e-3)
    assert TRIDENT_MIN_MASS_GEV <= ZPrimeModel.MIN_MASS_GEV


def test_ccfr_excludes_the_g2_band_above_about_400_mev():
    """arXiv:1406.2332 abstract: CCFR "disfavor[s] a putative resolution to the muon g−2 discrepancy via the
    loop of Z′ for any mass m_Z′ ≳ 400 MeV". With recast's 2021 band (Δa_μ = 251(59)e-11, lower 2σ edge) the
    trident g_max crosses the L_μ − L_τ coupling that gives the band edge at 0.45 GeV (tolerance 0.35–0.55)."""
    def gap(lm: float) -> float:
        m = math.exp(lm)
        return trident_gmax_couplings(m) - math.sqrt((251e-11 - 2 * 59e-11) / g2_zprime(m, 1.0))

    crossing = math.exp(brentq(gap, math.log(0.01), math.log(50.0)))
    assert 0.35 < crossing < 0.55
    assert gap(math.log(0.2)) > 0 > gap(math.log(1.0))
