"""Neutrino trident ν_μ N → ν_μ N μ⁺μ⁻ with the full Z′ propagator, in the equivalent-photon approximation.

The method of arXiv:1406.2332 (Altmannshofer, Gori, Pospelov, Yavin; its equivalent-photon formula, the
equation after eq. (3): the full text was not reachable here, so the formula is written out, not quoted):

    σ(νN → νNμμ) = (Z²α/π) ∫ dŝ/ŝ σ_νγ(ŝ) ∫_{ŝ²/(4E_ν²)}^∞ dQ²/Q² F(Q²)²,

a real photon from the nucleus' Coulomb field with the kinematic lower limit Q² > (ŝ/2E_ν)². Choices
(approximation, each stated): target iron (Z = 26, A = 56; CCFR's calorimeter); F the Helm form factor
(Lewin & Smith, Astropart. Phys. 6 (1996) 87, eq. (4.7) with r_n of eq. (4.11), c = 1.23A^{1/3} − 0.60 fm,
a = 0.52 fm, s = 0.9 fm); one neutrino energy, :data:`E_NU_CCFR` = 160 GeV (a mean CCFR energy instead of
the flux). σ/σ_SM depends on E_ν for a light Z′: at the M = 1 GeV contact-limit g_max it is 1.16 / 1.14 / 1.12
at E_ν = 100 / 160 / 250 GeV, at 10 MeV 6.2 / 4.5 / 3.4 (g_max moves by about ±10 % there).

σ_νγ(ŝ) of γ(p) ν(k) → ν(k′) μ⁻(p₁) μ⁺(p₂) is computed here: massive muons, the photon on either muon line,
the neutrino current J^α = ū(k′)γ^α(1−γ5)u(k) coupled by (G_F/√2) J_α μ̄γ^α(c_V − c_Aγ5)μ, where the Z′ of
``L ⊃ Z′_α[g_ν ν̄γ^αP_Lν + μ̄γ^α(g_V + g_Aγ5)μ]`` exchanged with momentum q = k − k′ (t = q² ≤ 0) gives

    c_V(t) = C_V + v² g_ν g_V f(t),   c_A(t) = C_A − v² g_ν g_A f(t),   f(t) = 1/(M² − t),

with 2C_V = 1 + 4s_W², 2C_A = 1 (as :mod:`recast.lowenergy.trident`; f → 1/M² is its contact limit; the
q^αq^β/M² part of the propagator vanishes on the massless neutrino current). |M|² = c_V²T_VV + c_A²T_AA
− c_V c_A T_VA, with each T an explicit Dirac trace (4×4 matrices, vectorised) and the photon polarisation
sum −g_μν. Phase space: Sobol points over ln ŝ, ln m²_μμ, t (a multi-channel map in ln(|t| + μ²) over
several scales μ, so one sample serves every M) and the μ⁻ direction in the pair frame.

Per Z′ mass the moments K^n_xy(M) = ⟨f(t)^n v^{2n} T_xy⟩/σ_SM (n = 0, 1, 2; xy = VV, AA, VA) give σ/σ_SM for
any couplings (:func:`ratio_from_moments`); T_VA integrates to zero (C invariance: under μ⁺ ↔ μ⁻ the
vector and axial pair states with one photon have opposite C), so σ_SM and the ratio omit it; its moments
are kept as a check of the integration (consistent with zero, tests/test_trident_epa.py).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from scipy.stats import qmc

from recast.constants import ALPHA_EM_0, G_FERMI, M_MU, V_HIGGS
from recast.exceptions import InvalidParameter

__all__ = ["E_NU_CCFR", "IRON", "Moments", "Nucleus", "helm_form_factor", "moments", "ratio_from_moments",
           "sigma_sm_nucleus"]

Array = NDArray[np.float64]

SIN2_THETA_W = 0.23122  # as recast.lowenergy.trident (PDG 2024 MSbar at M_Z)
C_V, C_A = (1 + 4 * SIN2_THETA_W) / 2, 0.5
#: CCFR mean ν_μ energy [GeV] (approximation: one energy instead of the CCFR flux, module docstring).
E_NU_CCFR = 160.0
_HBARC = 0.1973269804  # GeV fm
_MASS_SCALES = (1e-3, 1e-2, 0.1, 1.0)  # GeV: the t-channel map scales (plus one flat channel)


def __dir__() -> list[str]:
    return __all__


@dataclass(frozen=True)
class Nucleus:
    """A target nucleus: charge Z and mass number A."""

    Z: int
    A: int


#: CCFR's target (iron calorimeter), approximation: ⁵⁶Fe only.
IRON = Nucleus(26, 56)


def helm_form_factor(q: Array, nucleus: Nucleus) -> Array:
    """Helm form factor F(|q|) (|q| in GeV; Lewin & Smith 1996 eqs. (4.7), (4.11)); F(0) = 1."""
    s, a = 0.9 / _HBARC, 0.52 / _HBARC
    c = (1.23 * nucleus.A ** (1 / 3) - 0.60) / _HBARC
    rn = math.sqrt(c**2 + 7 / 3 * math.pi**2 * a**2 - 5 * s**2)
    x = np.maximum(np.asarray(q, dtype=float) * rn, 1e-8)
    j1 = (np.sin(x) / x - np.cos(x)) / x
    out: Array = 3 * j1 / x * np.exp(-((q * s) ** 2) / 2)
    return out


def _photon_flux(s_hat: Array, e_nu: float, nucleus: Nucleus) -> Array:
    """(Z²α/π) ∫_{(ŝ/2E)²}^∞ dQ²/Q² F² at each ŝ (trapezoid in ln Q on a fine grid)."""
    lnq = np.linspace(math.log(1e-7), math.log(2.0), 4000)
    f2 = 2 * helm_form_factor(np.exp(lnq), nucleus) ** 2  # dQ²/Q² = 2 d ln Q
    tail = np.concatenate([np.cumsum(((f2[1:] + f2[:-1]) / 2 * np.diff(lnq))[::-1])[::-1], [0.0]])
    phi = np.interp(np.log(s_hat / (2 * e_nu)), lnq, tail)
    out: Array = nucleus.Z**2 * ALPHA_EM_0 / math.pi * phi
    return out


# Dirac matrices (Dirac representation), the metric and γ5.
_S = [np.array([[0, 1], [1, 0]]), np.array([[0, -1j], [1j, 0]]), np.array([[1, 0], [0, -1]])]
_GAMMA = np.array([np.kron(np.diag([1, -1]), np.eye(2))] + [np.kron(np.array([[0, 1], [-1, 0]]), s) for s in _S],
                  dtype=complex)
_G5 = 1j * _GAMMA[0] @ _GAMMA[1] @ _GAMMA[2] @ _GAMMA[3]
_METRIC = np.array([1.0, -1.0, -1.0, -1.0])


def _slash(p: Array) -> NDArray[np.complex128]:
    out: NDArray[np.complex128] = np.einsum("nm,mij->nij", p * _METRIC, _GAMMA)
    return out


def _bar(m: NDArray[np.complex128]) -> NDArray[np.complex128]:
    """γ⁰ M† γ⁰ on the last two axes."""
    out: NDArray[np.complex128] = _GAMMA[0] @ np.conj(np.swapaxes(m, -1, -2)) @ _GAMMA[0]
    return out


def _traces(k: Array, kp: Array, p: Array, p1: Array, p2: Array) -> tuple[Array, Array, Array]:
    """T_VV, T_AA, T_VA per event: L_αβ H^αβ with the photon polarisation sum −g_μν (module docstring)."""
    eye = np.eye(4)
    gl = _GAMMA @ (eye - _G5)  # γ^α(1−γ5)
    lep = np.einsum("naij,nbji->nab", _slash(kp)[:, None] @ gl, _slash(k)[:, None] @ gl, optimize=True)
    lep *= (_METRIC[:, None] * _METRIC[None, :])  # lower both indices

    def prop(q: Array) -> NDArray[np.complex128]:
        den = (q[:, 0] ** 2 - np.sum(q[:, 1:] ** 2, axis=1) - M_MU**2)[:, None, None]
        out: NDArray[np.complex128] = (_slash(q) + M_MU * eye) / den
        return out

    s1, s2 = prop(p1 - p)[:, None, None], prop(p - p2)[:, None, None]
    g_mu = _GAMMA[None, None, :]  # photon index μ on axis 2, Γ index α on axis 1
    sp1, sp2 = (_slash(p1) + M_MU * eye)[:, None, None], (_slash(p2) - M_MU * eye)[:, None, None]

    def vertex(gx: NDArray[np.complex128]) -> NDArray[np.complex128]:  # O^{αμ} = γ^μ S₁ Γ^α + Γ^α S₂ γ^μ
        ga = gx[None, :, None]
        out: NDArray[np.complex128] = g_mu @ s1 @ ga + ga @ s2 @ g_mu
        return out

    o_v, o_a = vertex(_GAMMA), vertex(_GAMMA @ _G5)
    # the lepton tensor folded into the left factor: Σ_α L_αβ (p̸₁ + m) O^{αμ}
    left_v = np.einsum("nab,naukl->nbukl", lep, sp1 @ o_v, optimize=True)
    left_a = np.einsum("nab,naukl->nbukl", lep, sp1 @ o_a, optimize=True)
    right_v, right_a = sp2 @ _bar(o_v), sp2 @ _bar(o_a)

    def contract(left: NDArray[np.complex128], right: NDArray[np.complex128]) -> Array:
        out: Array = np.real(np.einsum("nbuij,nbuji,u->n", left, right, -_METRIC, optimize=True))
        return out

    return (contract(left_v, right_v), contract(left_a, right_a),
            contract(left_v, right_a) + contract(left_a, right_v))


def _boost(v: Array, beta: Array) -> Array:
    """Boost four-vectors v (n, 4) by velocities beta (n, 3)."""
    b2 = np.sum(beta**2, axis=1)
    gam = 1 / np.sqrt(1 - b2)
    bp = np.sum(beta * v[:, 1:], axis=1)
    coef = np.where(b2 > 0, (gam - 1) / np.where(b2 > 0, b2, 1), 0.0)
    out: Array = np.column_stack([gam * (v[:, 0] + bp), v[:, 1:] + (coef * bp + gam * v[:, 0])[:, None] * beta])
    return out


def _t_map(u_ch: Array, u: Array, t_max: Array) -> tuple[Array, Array]:
    """|t| in [0, t_max] from a multi-channel map (one flat channel, one ln(|t| + μ²) channel per scale μ)
    and its weight 1/density."""
    scales = np.array(_MASS_SCALES) ** 2
    n_ch = 1 + len(scales)
    ch = np.minimum((u_ch * n_ch).astype(int), n_ch - 1)
    mu2 = scales[np.maximum(ch - 1, 0)]
    t_log = (t_max + mu2) ** u * mu2 ** (1 - u) - mu2
    t = np.where(ch == 0, u * t_max, t_log)
    dens = 1 / t_max + sum(1 / ((t + m2) * np.log((t_max + m2) / m2)) for m2 in scales)
    w: Array = n_ch / dens
    return t, w


def _events(u: Array, e_nu: float, nucleus: Nucleus) -> tuple[tuple[Array, ...], Array, Array]:
    """Momenta (k, k′, p, p₁, p₂) in the νγ frame, the weight of each point for σ(νN) (couplings
    excluded: |M|² = (e G_F/√2)² × traces) and |t|, from unit-cube points u (n, 6)."""
    s_min, s_max = 4 * M_MU**2, 2 * e_nu * 1.0  # Q_min = ŝ/2E up to 1 GeV: F² is negligible beyond
    s_hat = s_min * (s_max / s_min) ** u[:, 0]
    s12 = s_min * (s_hat / s_min) ** u[:, 1]
    t, w_t = _t_map(u[:, 2], u[:, 3], s_hat - s12)
    en = np.sqrt(s_hat) / 2
    zero = np.zeros_like(en)
    k, p = np.column_stack([en, zero, zero, en]), np.column_stack([en, zero, zero, -en])
    kmod = (s_hat - s12) / (4 * en)
    cos = np.clip(1 - t / (2 * en * kmod), -1, 1)
    kp = kmod[:, None] * np.column_stack([np.ones_like(en), np.sqrt(1 - cos**2), zero, cos])
    x = k + p - kp
    pst = np.sqrt(s12 / 4 - M_MU**2)
    cs, phi = 2 * u[:, 4] - 1, 2 * math.pi * u[:, 5]
    sn = np.sqrt(1 - cs**2)
    dirs = np.column_stack([sn * np.cos(phi), sn * np.sin(phi), cs]) * pst[:, None]
    e12 = np.sqrt(s12)[:, None] / 2
    beta = x[:, 1:] / x[:, :1]
    p1, p2 = _boost(np.hstack([e12, dirs]), beta), _boost(np.hstack([e12, -dirs]), beta)
    jac = s_hat * math.log(s_max / s_min) * s12 * np.log(s_hat / s_min) * w_t
    flux = _photon_flux(s_hat, e_nu, nucleus) / s_hat
    dphi3 = 1 / (8 * math.pi * s_hat) / (2 * math.pi) * (2 * pst / np.sqrt(s12)) / (8 * math.pi)
    amp2 = 4 * math.pi * ALPHA_EM_0 * G_FERMI**2 / 2 / 2  # e² (G_F/√2)², photon average 1/2
    weight = jac * flux * dphi3 * amp2 / (2 * s_hat)
    return (k, kp, p, p1, p2), weight, t


@dataclass(frozen=True)
class Moments:
    """K^n_xy(M) (module docstring) on a mass grid: ``k[i, n, xy]`` (xy = VV, AA, VA), with the MC error
    ``k_err`` (spread of independent scrambles), and σ_SM [GeV⁻²] of the sample."""

    masses: tuple[float, ...]
    k: Array
    k_err: Array
    sigma_sm: float
    sigma_sm_err: float


def _sums(u: Array, masses: Array, e_nu: float, nucleus: Nucleus, batch: int) -> tuple[Array, float]:
    """Σ w f^n v^{2n} T_xy over points u, per mass: shape (masses, 3, 3); and the SM sum."""
    out = np.zeros((len(masses), 3, 3))
    sm = 0.0
    for i in range(0, len(u), batch):
        mom, w, t = _events(u[i:i + batch], e_nu, nucleus)
        tr = np.column_stack(_traces(*mom))  # (n, 3)
        sm += float(np.sum(w * (C_V**2 * tr[:, 0] + C_A**2 * tr[:, 1])))  # T_VA integrates to 0
        f = V_HIGGS**2 / (masses[:, None] ** 2 + t[None, :])  # (masses, n)
        powers = np.stack([np.ones_like(f), f, f**2], axis=1)  # (masses, 3, n)
        out += np.einsum("mkn,n,nx->mkx", powers, w, tr)
    return out, sm


def moments(masses: list[float] | tuple[float, ...], *, n_points: int = 2**14, n_scrambles: int = 8,
            e_nu: float = E_NU_CCFR, nucleus: Nucleus = IRON, seed: int = 1, batch: int = 4096) -> Moments:
    """The moments K^n_xy at each Z′ mass [GeV], normalised to σ_SM: Sobol points (n_points per scramble,
    a power of 2), the error from ``n_scrambles`` independent scrambles."""
    m = np.asarray(masses, dtype=float)
    if m.size == 0 or np.any(m <= 0) or n_points & (n_points - 1) or n_scrambles < 2:
        raise InvalidParameter("trident moments need positive masses, n_points a power of 2, n_scrambles >= 2")
    rows, sms = [], []
    for r in range(n_scrambles):
        u = qmc.Sobol(6, scramble=True, seed=seed + r).random(n_points)
        s, sm = _sums(u, m, e_nu, nucleus, batch)
        rows.append(s / sm)
        sms.append(sm / n_points)
    ks = np.array(rows)
    norm = math.sqrt(n_scrambles)
    return Moments(tuple(float(x) for x in m), ks.mean(axis=0), ks.std(axis=0, ddof=1) / norm,
                   float(np.mean(sms)), float(np.std(sms, ddof=1) / norm))


def ratio_from_moments(k: Array, a: float, b: float) -> float:
    """σ/σ_SM from the moments ``k[n, xy]`` of one mass (xy = VV, AA; T_VA integrates to zero), for
    a = g_ν g_V and b = g_ν g_A."""
    vv = C_V**2 * k[0, 0] + 2 * C_V * a * k[1, 0] + a**2 * k[2, 0]
    aa = C_A**2 * k[0, 1] - 2 * C_A * b * k[1, 1] + b**2 * k[2, 1]
    return float(vv + aa)


def sigma_sm_nucleus(*, n_points: int = 2**14, e_nu: float = E_NU_CCFR, nucleus: Nucleus = IRON) -> float:
    """SM σ(ν_μ N → ν_μ N μ⁺μ⁻) [cm²] in the equivalent-photon approximation (module docstring)."""
    gev2_to_cm2 = 0.3893793721e-27
    return moments([1.0], n_points=n_points, e_nu=e_nu, nucleus=nucleus).sigma_sm * gev2_to_cm2
