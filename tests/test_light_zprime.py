"""Light Z′ (10 MeV – 10 GeV): accepted masses, physical widths, exact (g−2), collider refusals."""

from __future__ import annotations

import itertools
import math
import os

import pytest
from click.testing import CliRunner
from scipy.integrate import quad

from recast.cli import cli
from recast.constants import M_MU, M_TAU
from recast.exceptions import InvalidParameter
from recast.lowenergy.g2 import g2_zprime
from recast.masses import check_collider_masses
from recast.models import get_model, min_mass


def test_zprime_accepts_10_mev_leptoquark_keeps_1_gev():
    assert get_model("Lmu-Ltau", mass=0.01, gX=5e-4).mass == 0.01
    assert min_mass("B-3Lmu") == 0.01 and min_mass("S3") == 1.0 and min_mass("Zp_SSM") == 1.0
    with pytest.raises(InvalidParameter, match="too small"):
        get_model("S3", mass=0.5)
    with pytest.raises(InvalidParameter, match="too small"):
        get_model("Lmu-Ltau", mass=0.005)


def _br(model, pdg):
    return model.states()[0].branching_ratios().get((pdg, -pdg), 0.0)


@pytest.mark.parametrize("mass", [0.05, 0.2, 0.3, 1.0, 3.0, 10.0, 100.0])
def test_lmu_ltau_widths_with_thresholds(mass):
    """Γ(Z′→νν̄) = g²M/(24π) per flavour; Γ(Z′→ℓℓ) = g²M/(12π)(1+2r)√(1−4r), r = m²/M² (physics.md §4)."""
    g = 5e-4
    st = get_model("Lmu-Ltau", mass=mass, gX=g).states()[0]
    w = {c.daughters: c.width for c in st.channels}
    assert w[(14, -14)] == pytest.approx(g**2 * mass / (24 * math.pi), rel=1e-12)
    assert w[(16, -16)] == pytest.approx(g**2 * mass / (24 * math.pi), rel=1e-12)
    for pdg, m in ((13, M_MU), (15, M_TAU)):
        r = (m / mass) ** 2
        want = g**2 * mass / (12 * math.pi) * (1 + 2 * r) * math.sqrt(1 - 4 * r) if r < 0.25 else 0.0
        assert w.get((pdg, -pdg), 0.0) == pytest.approx(want, rel=1e-12)
    assert (11, -11) not in w  # L_mu - L_tau without kinetic mixing: no electrons


def test_lmu_ltau_branching_ratios_at_low_mass():
    assert _br(get_model("Lmu-Ltau", mass=0.2, gX=1e-3), 13) == 0.0  # below 2 m_mu: invisible only
    assert _br(get_model("Lmu-Ltau", mass=0.2, gX=1e-3), 14) == pytest.approx(0.5)
    assert _br(get_model("Lmu-Ltau", mass=3.0, gX=1e-3), 15) == 0.0  # below 2 m_tau
    # far above both thresholds: mu : tau : nu_mu : nu_tau = 2 : 2 : 1 : 1
    assert _br(get_model("Lmu-Ltau", mass=500.0, gX=1e-3), 13) == pytest.approx(1 / 3, rel=1e-5)


def test_b_minus_l_light_quarks_closed_below_two_pions():
    st = get_model("B-L", mass=0.2, gX=1e-3).states()[0]
    ids = {c.daughters[0] for c in st.channels}
    assert ids & {1, 2, 3, 4, 5, 6, 13, 15} == set() and 11 in ids


def _g2_exact(mass: float, g: float) -> float:
    """Δa_μ = (g²/4π²) ∫₀¹ x²(1−x) / [x² + (1−x) M²/m_μ²] dx (physics.md §4), integrated here."""
    r = (mass / M_MU) ** 2
    return g**2 / (4 * math.pi**2) * quad(lambda x: x**2 * (1 - x) / (x**2 + (1 - x) * r), 0, 1, epsrel=1e-10)[0]


def test_g2_zprime_at_0p2_gev_is_the_exact_integral():
    g = 5e-4
    got = g2_zprime(0.2, g)
    assert got == pytest.approx(_g2_exact(0.2, g), rel=1e-6)
    assert got == pytest.approx(3.084e-10, rel=1e-3)  # measured: 30.84e-11
    heavy = g**2 * M_MU**2 / (12 * math.pi**2 * 0.2**2)
    assert 0.3 < got / heavy < 0.9  # 0.2 GeV is neither light nor heavy: both limits fail here


def test_g2_zprime_light_and_heavy_limits():
    g = 1e-3
    assert g2_zprime(1e-5, g) == pytest.approx(g**2 / (8 * math.pi**2), rel=1e-3)  # M << m_mu
    assert g2_zprime(1e-3, g) < 0.98 * g**2 / (8 * math.pi**2)  # approached from below, O(M/m_mu)
    assert g2_zprime(100.0, g) == pytest.approx(g**2 * M_MU**2 / (12 * math.pi**2 * 100.0**2), rel=1e-5)


def test_flavour_cli_light_zprime_prints_exact_g2_and_q2_caveat():
    res = CliRunner().invoke(cli, ["flavour", "--model", "Lmu-Ltau", "--mass", "0.2", "--gX", "5e-4"])
    assert res.exit_code == 0, res.output
    assert f"{_g2_exact(0.2, 5e-4) * 1e11:.4g}" in res.output  # 30.84 (1e-11)
    assert "not a local Wilson coefficient" in res.output


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (["limits", "--model", "Lmu-Ltau", "--lumi", "139", "--masses", "0.5"], "collider mass range"),
        (["generate", "--model", "Lmu-Ltau", "--mass", "0.15"], "below 2 m_mu"),
        (["cards", "--model", "Lmu-Ltau", "--mass", "0.5", "--out", "c"], "no collider search applies"),
        (["flavour", "--model", "S3", "--mass", "0.2"], "--mass must be >= 1 and <= 1e+05 GeV"),
        (["flavour", "--model", "Lmu-Ltau", "--mass", "0.001"], "--mass must be >= 0.01"),
    ],
)
def test_collider_commands_refuse_light_zprime(tmp_path, monkeypatch, args, needle):
    monkeypatch.chdir(tmp_path)
    res = CliRunner().invoke(cli, args)
    assert res.exit_code == 2, res.output
    assert needle in res.output and "Traceback" not in res.output
    assert not (tmp_path / "c").exists()


def test_check_collider_masses():
    m = get_model("Lmu-Ltau", mass=0.3, gX=1e-3)
    check_collider_masses(m, [1.0, 500.0])
    with pytest.raises(InvalidParameter, match="below 2 m_mu"):
        check_collider_masses(m, [0.2, 500.0])
    with pytest.raises(InvalidParameter, match="dimuon searches start"):
        check_collider_masses(m, [0.3])


# ---- low-energy bounds (recast.lowenergy.light_zprime) ----------------------------------------------


def test_trident_gmax_is_where_the_heavy_ratio_hits_ccfr_95():
    """At the bound, trident.py's σ/σ_SM equals the CCFR 95% CL upper end 0.82 + 1.96·0.28."""
    from recast.lowenergy.trident import CCFR_RATIO_95, trident_gmax_couplings, trident_ratio_couplings

    assert pytest.approx(1.3688) == CCFR_RATIO_95
    for mass, (g_v, g_a, g_nu) in [(10.0, (1, 0, 1)), (300.0, (-3, 0, -3)), (2000.0, (0.5, 0.5, 1))]:
        g = trident_gmax_couplings(mass, g_v, g_a, g_nu)
        assert trident_ratio_couplings(mass, g * g_v, g * g_a, g * g_nu) == pytest.approx(CCFR_RATIO_95, rel=1e-10)
        assert trident_ratio_couplings(mass, 1.01 * g * g_v, 1.01 * g * g_a, 1.01 * g * g_nu) > CCFR_RATIO_95
    # physics.md §4: L_mu - L_tau needs M/g > 0.54 TeV
    assert 1000.0 / trident_gmax_couplings(1000.0) == pytest.approx(545.4, abs=0.1)
    assert trident_gmax_couplings(100.0, g_v=0.0, g_a=0.0) == math.inf  # no muon coupling: no trident


def test_trident_curve_linear_in_the_contact_limit_then_full_propagator():
    from recast.lowenergy.light_zprime import light_zprime_bounds

    g = {m: light_zprime_bounds(m)[0].g_max for m in (0.01, 0.1, 0.4, 1.0, 10.0, 200.0, 1000.0)}
    assert g[1000.0] == pytest.approx(5 * g[200.0], rel=1e-12) == pytest.approx(1000 / 545.4, rel=1e-3)
    # the propagator weakens the bound near the momentum transfer (M/g 532 TeV^-1 at 10 GeV, 350 at 1 GeV) and
    # keeps it strong below: at 0.4 GeV it is the old 1 GeV contact value 1.83e-3, at 10 MeV 0.94e-3
    assert 10 / g[10.0] == pytest.approx(532, rel=0.01) and 1 / g[1.0] == pytest.approx(350, rel=0.02)
    assert g[0.4] == pytest.approx(1.0 / 545.4, rel=0.03) and g[0.01] < g[0.1] < g[0.4]
    assert g[0.01] == pytest.approx(0.94e-3, rel=0.03)
    assert "full Z' propagator" in light_zprime_bounds(0.1)[0].method and "1991" in light_zprime_bounds(0.1)[0].source


def test_excluded_uses_the_models_charges():
    from recast.lowenergy.light_zprime import excluded

    assert excluded(get_model("Lmu-Ltau", mass=0.2, gX=5e-4)) == []  # the (g-2) region is not excluded here
    assert [b.name for b in excluded(get_model("Lmu-Ltau", mass=0.2, gX=3e-3))] == ["CCFR trident"]
    # B - 3L_mu: muon charge -3, so the bound on g_X is 3x stronger than L_mu - L_tau's
    assert excluded(get_model("B-3Lmu", mass=10.0, gX=0.01)) and not excluded(get_model("Lmu-Ltau", mass=10.0, gX=0.01))
    assert excluded(get_model("S3")) == []


def test_loop_kinetic_mixing_is_g_over_70():
    from recast.models.zprime import loop_kinetic_mixing

    e = math.sqrt(4 * math.pi / 137.035999)
    assert loop_kinetic_mixing(1e-3) == pytest.approx(e * 1e-3 * 2 * math.log(M_TAU / M_MU) / (12 * math.pi**2))
    assert 65 < 1 / loop_kinetic_mixing(1.0) < 75


def test_not_shipped_bounds_are_listed():
    from recast.lowenergy import light_zprime

    # ΔN_eff is computed (tests/test_neff.py)
    assert set(light_zprime.NOT_SHIPPED) == {"BaBar 4mu", "CMS Z->4mu", "Borexino", "NA64mu"}
    for key in ("1606.03501", "1808.03684", "2401.01708", "1901.02010"):
        assert key in light_zprime.__doc__


# ---- digitised curves read from darkcast (light_zprime.CURVES) ------------------------------------

_DARKCAST = os.environ.get("RECAST_DARKCAST_DIR", "")
needs_darkcast = pytest.mark.skipif(not _DARKCAST, reason="RECAST_DARKCAST_DIR (darkcast checkout) not set")


def test_without_darkcast_only_ccfr_is_used(monkeypatch):
    from recast.lowenergy.light_zprime import curve_gmax, light_zprime_bounds

    monkeypatch.delenv("RECAST_DARKCAST_DIR", raising=False)
    assert curve_gmax("BaBar 4mu", 0.5) is None
    assert [b.name for b in light_zprime_bounds(0.5)] == ["CCFR trident"]


def test_a_curve_file_that_is_not_the_cited_version_is_one_error_line(tmp_path, monkeypatch):
    from recast.exceptions import InvalidParameter
    from recast.lowenergy.light_zprime import _read_curve, light_zprime_bounds

    (tmp_path / "limits").mkdir()
    (tmp_path / "limits" / "BaBar_TheBABAR2016rlg.lmt").write_text("#  mass  lower\n 0.3  1e-3\n 0.4  2e-3\n")
    monkeypatch.setenv("RECAST_DARKCAST_DIR", str(tmp_path))
    _read_curve.cache_clear()
    with pytest.raises(InvalidParameter, match="not the cited version") as e:
        light_zprime_bounds(0.35)
    assert "\n" not in str(e.value) and " — " in str(e.value)
    _read_curve.cache_clear()


@needs_darkcast
def test_babar_curve_points_equal_the_darkcast_file():
    """arXiv:1606.03501 Fig. 5 as digitised in darkcast limits/BaBar_TheBABAR2016rlg.lmt (rows 2.2601e-01
    7.4670e-04 and the minimum 2.2662e-01 6.7362e-04: the abstract's 'as low as 7e-4'); 1e5 rows are gaps."""
    from recast.lowenergy.light_zprime import curve_gmax, curve_points

    pts = curve_points("BaBar 4mu")
    assert pts is not None and len(pts) == 1772
    assert curve_gmax("BaBar 4mu", 0.22601) == pytest.approx(7.4670e-4, rel=1e-12)
    assert min(g for _, g in pts) == pytest.approx(6.7362e-4, rel=1e-12)
    assert curve_gmax("BaBar 4mu", 0.30962) == math.inf  # darkcast "no limit" row inside the range
    assert curve_gmax("BaBar 4mu", 0.2) == math.inf and curve_gmax("BaBar 4mu", 8.0) == math.inf  # outside
    # log-log interpolation between the neighbouring rows 2.2601e-01 7.4670e-04 and 2.2631e-01 6.9276e-04
    m = math.sqrt(0.22601 * 0.22631)
    assert curve_gmax("BaBar 4mu", m) == pytest.approx(math.sqrt(7.4670e-4 * 6.9276e-4), rel=1e-9)


@needs_darkcast
def test_borexino_curve_points_and_physical_shape():
    """darkcast's L_mu - L_tau recast of arXiv:1803.05466 Fig. 13 Borexino: row 1.9080e-02 1.1367e-03; the
    bound weakens with M below the dimuon threshold (ν-e scattering: g² ε/M² fixed); no bound above 1.0465 GeV."""
    from recast.lowenergy.light_zprime import curve_gmax

    assert curve_gmax("Borexino", 0.01908) == pytest.approx(1.1367e-3, rel=1e-12)
    g = [curve_gmax("Borexino", m) for m in (0.01, 0.02, 0.05, 0.1, 0.2)]
    assert all(a is not None and b is not None and a < b for a, b in itertools.pairwise(g))
    assert curve_gmax("Borexino", 2.0) == math.inf


@needs_darkcast
def test_curves_apply_to_lmu_ltau_only_and_decide_excluded():
    from recast.lowenergy.light_zprime import excluded, light_zprime_bounds

    names = [b.name for b in light_zprime_bounds(0.5)]
    assert names == ["CCFR trident", "BaBar 4mu", "Borexino"]
    assert [b.name for b in light_zprime_bounds(0.5, g_v=0.5, g_a=0.5, g_nu=1.0)] == ["CCFR trident"]
    # 0.5 GeV, g = 1.6e-3: below the trident bound (2.0e-3), above BaBar (1.39e-3)
    assert [b.name for b in excluded(get_model("Lmu-Ltau", mass=0.5, gX=1.6e-3))] == ["BaBar 4mu"]
    # 20 MeV, g = 1.5e-3: Borexino (1.19e-3) excludes, trident does not
    assert [b.name for b in excluded(get_model("Lmu-Ltau", mass=0.02, gX=1.5e-3))] == ["Borexino"]


def test_fit_trident_below_1_gev_keeps_the_propagator_and_says_so():
    from recast.lowenergy.fit import evaluate
    from recast.lowenergy.trident import trident_ratio

    light, at1 = get_model("Lmu-Ltau", mass=0.2, gX=5e-4), get_model("Lmu-Ltau", mass=1.0, gX=5e-4)
    assert trident_ratio(light) > trident_ratio(at1) > 1.0  # at fixed g the Z' effect grows as M falls
    assert any("trident: Z' below 1 GeV" in n for n in evaluate(light).notes)
    assert not any("trident: Z'" in n for n in evaluate(at1).notes)
