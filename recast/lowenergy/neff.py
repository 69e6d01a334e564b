"""ΔN_eff from a light L_μ − L_τ Z′ (≈ 5 – 40 MeV): neutrino decoupling with the Z′ in the thermal bath.

Method: the temperature-evolution approach of arXiv:1812.05605 (M. Escudero, JCAP 02 (2019) 007; the
method behind the L_μ − L_τ cosmology of arXiv:1901.02010), written here for this case, not copied from its
code. Three temperatures, T_γ (γ, e±), T_νe and T_νμτ (ν_μ, ν_τ and the Z′: g_X ≳ 1e-9 keeps the Z′ in
equilibrium with them through Z′ ↔ νν̄), evolve by energy conservation in each sector with

* the SM ν–e and ν–ν energy-transfer rates of arXiv:1812.05605 (Maxwell–Boltzmann collision terms with its
  Fermi–Dirac correction factors 0.884 (annihilation) and 0.829 (scattering)), ν–e couplings at tree level
  (g_L = ±1/2 + s_W², g_R = s_W², s_W² = 0.23122);
* the loop-induced kinetic mixing ε = e g_X ln(m_τ²/m_μ²)/(12π²) (:func:`recast.models.zprime.
  loop_kinetic_mixing`), which couples the Z′ to electrons with εe: (i) Z′ ↔ e⁺e⁻ decays and inverse decays
  move energy Γ_ee M [n_Z′(T_νμτ) − n_Z′(T_γ)] between the sectors (Maxwell–Boltzmann n, approximation);
  (ii) Z′ exchange adds Δ = g_X εe/(2√2 G_F M²) to the ν_μ,τ–e couplings (contact limit, approximation: the
  decoupling temperature, ~2 MeV, is below the masses tabulated); summed over ν_μ and ν_τ (opposite
  charges) the interference with the SM cancels, leaving g_L² + g_R² + 2Δ² per flavour.

Approximations beyond those: no QED finite-temperature corrections to the e± equation of state and no
electron-mass suppression of the rates (arXiv:1812.05605 includes both); μ± are omitted (the evolution starts
at 20 MeV with every sector at one temperature). The SM run of the same solver gives N_eff = 3.038 against
the reference 3.0440 ± 0.0002 (arXiv:2012.02726); the prediction quoted is therefore the shift,
N_eff = 3.0440 + [N_eff(M, g_X) − N_eff(SM)] of the same solver.

Bound: Planck 2018 + BAO, N_eff = 2.99 ± 0.17 (68 %, arXiv:1807.06209 abstract); 95 % CL upper edge
2.99 + 1.96 × 0.17 = 3.32 (Gaussian approximation of the quoted interval). The shipped table
``neff_lmu_ltau.csv`` (``python -m scripts.neff.make_table``) holds N_eff of the solver on a (M, g_X) grid;
:func:`neff_gmax` reads it. Applies to the L_μ − L_τ charge pattern only (other charges change which
neutrinos share the Z′ and the mixing).
"""

from __future__ import annotations

import csv
import functools
import math
from collections.abc import Callable
from fractions import Fraction

import numpy as np
from scipy.integrate import solve_ivp
from scipy.special import kn

from recast.constants import ALPHA_EM_0, G_FERMI, M_E
from recast.exceptions import InvalidParameter
from recast.models.charges import Charges
from recast.models.zprime import loop_kinetic_mixing

__all__ = ["N_EFF_MAX_95", "N_EFF_SM_REF", "PLANCK_N_EFF", "SOURCE", "TABLE_FILE", "applies", "neff", "neff_gmax",
           "neff_prediction", "neff_table"]


def __dir__() -> list[str]:
    return __all__


#: N_eff of the Standard Model, arXiv:2012.02726 (3.0440 ± 0.0002).
N_EFF_SM_REF = 3.0440
#: Planck 2018 TT,TE,EE+lowE+lensing+BAO: N_eff = 2.99 ± 0.17 (68 %), arXiv:1807.06209 abstract.
PLANCK_N_EFF = (2.99, 0.17)
#: 95 % CL upper edge, Gaussian approximation of the 68 % interval: 2.99 + 1.96 × 0.17.
N_EFF_MAX_95 = PLANCK_N_EFF[0] + 1.96 * PLANCK_N_EFF[1]
TABLE_FILE = "neff_lmu_ltau.csv"
#: What a bound from this module cites.
SOURCE = ("N_eff: arXiv:1812.05605 method (recast.lowenergy.neff, approximations stated there) vs Planck 2018 + BAO "
          "2.99 +- 0.17 (arXiv:1807.06209), 95% CL N_eff < 3.32")

_S2W = 0.23122  # sin^2 theta_W, MSbar at M_Z, PDG 2024 (tree-level nu-e couplings: approximation)
_GL_E, _GL_MU, _GR = 0.5 + _S2W, -0.5 + _S2W, _S2W
_FD_ANN, _FD_SCAT = 0.884, 0.829  # Fermi-Dirac corrections to the MB collision terms, arXiv:1812.05605
_M_PLANCK_MEV = 1.22089e22  # MeV, PDG 2024 (G_N^-1/2)
_GF_MEV = G_FERMI * 1e-6  # MeV^-2
_ME_MEV = M_E * 1e3
_T_START_MEV, _T_END_MEV = 20.0, 0.005
_G_ZPRIME = 3  # a massive vector
# Gauss-Legendre nodes in t with E/T = x + t^2 (smooth integrands at the threshold E = m)
_NODES, _WEIGHTS = np.polynomial.legendre.leggauss(80)
_T_MAX = math.sqrt(70.0)
_T = (_NODES + 1) * _T_MAX / 2
_W = _WEIGHTS * _T_MAX / 2 * 2 * _T  # includes dE/dt = 2t


def applies(charges: Charges) -> bool:
    """Whether the table applies: the lepton charges of L_μ − L_τ (up to sign; X_μ = ±1 sets the g_X
    normalisation) and no quark or first-family charge."""
    zero = (Fraction(0),) * 3
    for sign in (1, -1):
        pattern = (Fraction(0), Fraction(sign), Fraction(-sign))
        if pattern == charges.L and pattern == charges.E and charges.Q == charges.U == charges.D == zero:
            return True
    return False


def _thermo(temp: float, mass: float, dof: int, sign: int) -> tuple[float, float, float]:
    """(ρ, p, dρ/dT) [MeV⁴, MeV⁴, MeV³] of *dof* states of *mass* at *temp* (sign +1 Fermi–Dirac, −1 Bose)."""
    if mass == 0.0:
        rho = dof * (7 / 8 if sign > 0 else 1.0) * math.pi**2 / 30 * temp**4
        return rho, rho / 3, 4 * rho / temp
    x = mass / temp
    if x > 60.0:
        return 0.0, 0.0, 0.0
    y = x + _T * _T
    q = _T * np.sqrt(_T * _T + 2 * x)  # |p|/T
    f = 1.0 / (np.exp(y) + sign)
    c = dof / (2 * math.pi**2)
    rho = c * temp**4 * float(np.sum(_W * y * y * q * f))
    p = c / 3 * temp**4 * float(np.sum(_W * q**3 * f))
    drho = c * temp**3 * float(np.sum(_W * y**3 * q * np.exp(y) * f * f))
    return rho, p, drho


def _transfer(t1: float, t2: float) -> float:
    """The MB energy-transfer kernel of arXiv:1812.05605 (annihilation + scattering, FD-corrected)."""
    return 32 * _FD_ANN * (t1**9 - t2**9) + 56 * _FD_SCAT * t1**4 * t2**4 * (t1 - t2)


def _zprime_terms(mass: float, g_x: float) -> tuple[float, float]:
    """(Γ(Z′ → e⁺e⁻) [MeV], Δ) from the loop mixing of L_μ − L_τ at Z′ mass *mass* [MeV]."""
    g_e = loop_kinetic_mixing(g_x) * math.sqrt(4 * math.pi * ALPHA_EM_0)
    r = (_ME_MEV / mass) ** 2
    width = g_e**2 * mass / (12 * math.pi) * (1 + 2 * r) * math.sqrt(1 - 4 * r) if r < 0.25 else 0.0
    return width, g_x * g_e / (2 * math.sqrt(2) * _GF_MEV * mass**2)


def _derivatives(mass: float, g_x: float, one_nu_sector: bool) -> Callable[[float, np.ndarray], list[float]]:
    """dT/dt of (T_γ, T_νe, T_νμτ) [MeV per MeV⁻¹]; *mass* [MeV] 0 for no Z′."""
    width, delta = _zprime_terms(mass, g_x) if mass else (0.0, 0.0)
    coupling_mu = _GL_MU**2 + _GR**2 + 2 * delta**2

    def n_zprime(temp: float) -> float:
        x = mass / temp
        return _G_ZPRIME * mass**2 * temp * float(kn(2, x)) / (2 * math.pi**2) if x < 300 else 0.0

    def rhs(_t: float, v: np.ndarray) -> list[float]:  # v = ln T: temperatures stay positive
        t_g, t_e, t_m = (math.exp(v[0]), math.exp(v[1]), math.exp(v[1] if one_nu_sector else v[2]))
        r_g, _, d_g = _thermo(t_g, 0.0, 2, -1)
        r_e, p_e, d_e = _thermo(t_g, _ME_MEV, 4, +1)
        r_ne, _, d_ne = _thermo(t_e, 0.0, 2, +1)
        r_nm, _, d_nm = _thermo(t_m, 0.0, 2, +1)
        r_z, p_z, d_z = _thermo(t_m, mass, _G_ZPRIME, -1) if mass else (0.0, 0.0, 0.0)
        hubble = math.sqrt(8 * math.pi * (r_g + r_e + r_ne + 2 * r_nm + r_z) / 3) / _M_PLANCK_MEV
        k = _GF_MEV**2 / math.pi**5
        gain_e = k * (4 * (_GL_E**2 + _GR**2) * _transfer(t_g, t_e) + 2 * _transfer(t_m, t_e))
        gain_m = k * (4 * coupling_mu * _transfer(t_g, t_m) - _transfer(t_m, t_e))  # per flavour
        to_em = width * mass * (n_zprime(t_m) - n_zprime(t_g)) if width else 0.0
        dt_g = -(hubble * (4 * r_g + 3 * (r_e + p_e)) + gain_e + 2 * gain_m - to_em) / (d_g + d_e)
        if one_nu_sector:  # the Z' shares one temperature with all three neutrinos (a cross-check mode)
            dt_n = -(hubble * (4 * (r_ne + 2 * r_nm) + 3 * (r_z + p_z)) - gain_e - 2 * gain_m + to_em) / (
                d_ne + 2 * d_nm + d_z)
            return [dt_g / t_g, dt_n / t_e]
        dt_e = -(hubble * 4 * r_ne - gain_e) / d_ne
        dt_m = -(hubble * (8 * r_nm + 3 * (r_z + p_z)) - 2 * gain_m + to_em) / (2 * d_nm + d_z)
        return [dt_g / t_g, dt_e / t_e, dt_m / t_m]

    return rhs


def neff(mass_GeV: float | None = None, g_x: float = 0.0, *, one_nu_sector: bool = False) -> float:
    """N_eff of the solver (module docstring) with an L_μ − L_τ Z′ of *mass_GeV* and coupling *g_x*; without
    a mass, the SM. ``one_nu_sector`` puts the Z′ in equilibrium with all three neutrinos (no mixing: a check).

    Example:
        >>> round(neff(), 3)   # SM, against 3.0440 (arXiv:2012.02726): the solver's approximations
        3.038
    """
    mass = 0.0 if mass_GeV is None else mass_GeV * 1e3
    if mass_GeV is not None and not (math.isfinite(mass) and mass > 0):
        msg = f"N_eff: Z' mass {mass_GeV!r} GeV is not a positive number"
        raise InvalidParameter(msg)
    if not (math.isfinite(g_x) and g_x >= 0):
        msg = f"N_eff: g_X {g_x!r} is not a non-negative number"
        raise InvalidParameter(msg)
    rhs = _derivatives(mass, g_x if not one_nu_sector else 0.0, one_nu_sector)
    t0 = _T_START_MEV
    v0 = [math.log(t0)] * (2 if one_nu_sector else 3)
    r0 = sum(_thermo(t0, 0.0, 2, -1)[:1]) + _thermo(t0, _ME_MEV, 4, 1)[0] + 3 * _thermo(t0, 0.0, 2, 1)[0]
    if mass:
        r0 += _thermo(t0, mass, _G_ZPRIME, -1)[0]
    time0 = 1 / (2 * math.sqrt(8 * math.pi * r0 / 3) / _M_PLANCK_MEV)  # radiation era: t = 1/(2H)

    def cold(_t: float, v: np.ndarray) -> float:
        return float(v[0]) - math.log(_T_END_MEV)

    cold.terminal = True  # type: ignore[attr-defined]
    sol = solve_ivp(rhs, (time0, 1e30), v0, method="BDF", rtol=1e-9, atol=1e-11, events=cold)
    if sol.status != 1:
        msg = f"N_eff: the temperature evolution did not reach {_T_END_MEV} MeV ({sol.message})"
        raise InvalidParameter(msg)
    t_g, t_e = math.exp(sol.y[0, -1]), math.exp(sol.y[1, -1])
    t_m = t_e if one_nu_sector else math.exp(sol.y[2, -1])
    return float(8 / 7 * (11 / 4) ** (4 / 3) * (7 / 8) * (t_e**4 + 2 * t_m**4) / t_g**4)


@functools.cache
def neff_table() -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    """(masses [GeV], g_X values, N_eff[mass, g], N_eff of the SM) of the shipped table."""
    from recast.data import data_file

    text = data_file(TABLE_FILE).read_text(encoding="utf-8")
    lines = [line for line in text.splitlines() if not line.startswith("#")]
    rows = list(csv.reader(lines))
    header, body = rows[0], rows[1:]
    sm = [float(r[1]) for r in body if r[0] == "SM"]
    body = [r for r in body if r[0] != "SM"]
    g = np.array([float(h.removeprefix("gX=")) for h in header[1:]])
    masses = np.array([float(r[0]) for r in body])
    return masses, g, np.array([[float(x) for x in r[1:]] for r in body]), sm[0]


def _predicted_row(mass_GeV: float) -> np.ndarray:
    """3.0440 + the solver's shift at *mass_GeV* for every tabulated g_X (linear in ln M)."""
    masses, gs, table, sm = neff_table()
    lm = math.log(mass_GeV)
    return np.array([N_EFF_SM_REF + np.interp(lm, np.log(masses), table[:, j]) - sm for j in range(len(gs))])


def neff_prediction(mass_GeV: float, g_x: float) -> float | None:
    """N_eff = 3.0440 + shift of the solver at (*mass_GeV*, *g_x*), from the table (linear in ln M and ln g_X);
    None outside the table's masses or couplings."""
    masses, gs, _, _ = neff_table()
    if not (masses[0] <= mass_GeV <= masses[-1] and gs[0] <= g_x <= gs[-1]):
        return None
    return float(np.interp(math.log(g_x), np.log(gs), _predicted_row(mass_GeV)))


def neff_gmax(mass_GeV: float, *, n_eff_max: float = N_EFF_MAX_95) -> float:
    """Largest g_X with N_eff ≤ *n_eff_max* at *mass_GeV*, for couplings from the table's lowest g_X up (N_eff
    rises with g_X there); the lowest tabulated g_X when even it is excluded; inf when none is, or outside
    the table's masses (above them the Z′ is gone before neutrinos decouple: ΔN_eff → 0)."""
    masses, gs, _, _ = neff_table()
    if not masses[0] <= mass_GeV <= masses[-1]:
        return math.inf
    pred = _predicted_row(mass_GeV)
    tail = np.flip(np.cumprod(np.flip(pred > n_eff_max))).astype(bool)  # excluded from some g_X to the top
    if not tail.any():
        return math.inf
    i = int(np.argmax(tail))
    if i == 0:
        return float(gs[0])
    lg0, lg1 = math.log(gs[i - 1]), math.log(gs[i])
    t = (n_eff_max - pred[i - 1]) / (pred[i] - pred[i - 1])
    return math.exp(lg0 + t * (lg1 - lg0))
