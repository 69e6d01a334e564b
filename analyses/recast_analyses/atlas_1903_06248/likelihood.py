"""Published inputs of the ATLAS dimuon search and the background model built from them.

All numbers come from the files shipped next to this module (each with its source header):

* ``mumu_mll_spectrum.csv``: observed m_μμ spectrum, 99 bins 225-5806 GeV (HEPData
  ins1725190 t2 = paper Fig. 1b).
* ``ee_mll_spectrum.csv``: observed m_ee spectrum, the same 99 bins (HEPData ins1725190 t1 =
  paper Fig. 1a; 178 020 events as integers, 178 022 from the stored per-10-GeV values).
* ``mumu_background_fit.txt``: the background fit function and its μμ and ee parameters as
  coded by Contur ("fit to SM from the paper"), normalised to N = 138 700 (μμ) / 178 000 (ee)
  events over the bins.
* ``fidlimits_<channel>_expected.csv`` / ``_observed.csv``: published 95% CL limits on
  fiducial σ×B [fb], Γ/m = 0 in column ``exp_w1`` / ``obs_w1``: μμ HEPData t7/t8, ee t5/t6,
  ee + μμ combined ("ll") t3/t4.
* ``acc_eff_t22.csv``: acceptance × efficiency vs mass (HEPData t22, series y05 = μμ spin-1).

Background uncertainty (justified in analysis.yaml, "background.uncertainties"):

* ``bkg_norm`` (normsys, ±1%): the function is normalised to the total data count; the
  fit/data agreement per mass range below 1 TeV is better than 0.2% (file header).
* ``bkg_tilt`` (histosys, δ(m) = 2% × ln(m/225 GeV)/ln(1000/225)): a log-linear tilt, 2% at
  1 TeV, covering the fit/data agreement 500-1000 GeV (−0.15% ± 1.1% stat).
* ``bkg_highmass`` (histosys, δ(m) = 15% × (m / 1750 GeV)²): the extrapolation of the fit
  function into the sparsely populated high-mass tail, 15% at 1.75 TeV (fit/data 1.5-2 TeV:
  −5% ± 15% stat), 31% at 2.5 TeV (2-3 TeV: +30% ± 40%), 78% at 4 TeV.

Both shape nuisances are profiled on the full spectrum, as the paper's background fit is
(the data constrain them; that is the fit's statistical uncertainty). The ee background
carries the same three nuisances (same sizes, an approximation: the ee fit/data agreement
is of the same quality, see tests), independent of the μμ ones (separate fits per channel).

Channels: ``"mumu"`` (default everywhere) and ``"ee"``; the ee acceptance × efficiency and
mass response are the electron branches of Rivet's ATLAS_2019_I1725190 routine.
"""

from __future__ import annotations

import csv
import io
from functools import cache
from importlib.resources import files

import numpy as np
from scipy.stats import cauchy, crystalball

__all__ = [
    "BKG_HIGHMASS_REF_GEV",
    "BKG_HIGHMASS_REL",
    "BKG_NORM_REL",
    "BKG_TILT_REL",
    "CHANNELS",
    "FIDUCIAL_CHANNELS",
    "SQRT_S_GEV",
    "acc_eff",
    "background",
    "background_overflow",
    "background_shapes",
    "edges",
    "fit_function",
    "fit_parameters",
    "highpt_correction",
    "mass_response",
    "mass_response_cdf",
    "observed",
    "published_expected_fiducial",
    "published_fiducial",
    "resolution",
]

PACKAGE = "recast_analyses.atlas_1903_06248"
#: The lepton channels with a published spectrum (HEPData ins1725190 t1 = ee, t2 = μμ).
CHANNELS = ("mumu", "ee")
SQRT_S_GEV = 13000.0  # arXiv:1903.06248 abstract
M_Z = 91.1876  # GeV, as coded in the Contur fit (mumu_background_fit.txt header)
GAMMA_Z = 2.4952  # GeV, as coded in the Contur fit (mumu_background_fit.txt header)

BKG_NORM_REL = 0.01  # see module docstring / analysis.yaml (our choice, justified by the file's fit/data table)
BKG_TILT_REL = 0.02  # at 1 TeV; our choice, see module docstring
BKG_HIGHMASS_REL = 0.15  # at BKG_HIGHMASS_REF_GEV; our choice, see module docstring
BKG_HIGHMASS_REF_GEV = 1750.0

# Dimuon mass resolution sigma_m/m: physics.md §4 quoting arXiv:1903.06248 Sec. 5
# (5.3% at 1 TeV, 8.2% at 2 TeV, 10.8% at 3 TeV); linear interpolation, linear
# extrapolation outside 1-3 TeV (approximation, labelled in analysis.yaml).
_RES_MASS = np.array([1000.0, 2000.0, 3000.0])
_RES_REL = np.array([0.053, 0.082, 0.108])


def __dir__() -> list[str]:
    return __all__


def _text(name: str) -> str:
    return files(PACKAGE).joinpath(name).read_text(encoding="utf-8")


def _rows(name: str) -> list[dict[str, str]]:
    lines = [ln for ln in _text(name).splitlines() if ln and not ln.startswith("#")]
    return list(csv.DictReader(io.StringIO("\n".join(lines))))


def _check_channel(channel: str) -> str:
    if channel not in CHANNELS:
        from recast.exceptions import InvalidParameter

        msg = f"unknown lepton channel {channel!r} — use one of {', '.join(CHANNELS)}"
        raise InvalidParameter(msg)
    return channel


@cache
def _spectrum(channel: str = "mumu") -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rows = _rows(f"{_check_channel(channel)}_mll_spectrum.csv")
    lo = np.array([float(r["mll_low_GeV"]) for r in rows])
    hi = np.array([float(r["mll_high_GeV"]) for r in rows])
    n = np.array([float(r["n_events_int"]) for r in rows])
    return np.append(lo, hi[-1]), 0.5 * (lo + hi), n


def edges() -> np.ndarray:
    """The 100 bin edges [GeV] of the published m_ℓℓ spectra (99 bins, 225-5806 GeV; same for ee and μμ)."""
    return _spectrum()[0].copy()


def observed(channel: str = "mumu") -> np.ndarray:
    """Observed events per bin (``n_events_int``): μμ HEPData t2 (138 730), ee t1 (178 020)."""
    return _spectrum(channel)[2].copy()


@cache
def fit_parameters(channel: str = "mumu") -> dict[str, float]:
    """Parameters of the background fit function of *channel* (``mumu_background_fit.txt``)."""
    _check_channel(channel)
    lines = [ln for ln in _text("mumu_background_fit.txt").splitlines() if ln and not ln.startswith("#")]
    rows = list(csv.DictReader(io.StringIO("\n".join(lines))))
    row = next(r for r in rows if r["channel"] == channel)
    return {k: float(v.split()[0]) for k, v in row.items() if k != "channel"}


def fit_function(m: np.ndarray, channel: str = "mumu") -> np.ndarray:
    """Unnormalised background shape f(m) (Contur's coding of the paper's fit function)."""
    p = fit_parameters(channel)
    x = np.asarray(m, dtype=float) / SQRT_S_GEV
    lx = np.log(x)
    f: np.ndarray = (
        cauchy.pdf(m, loc=M_Z, scale=GAMMA_Z)
        * (1 - x ** p["c"]) ** p["b"]
        * x ** (p["p0"] + p["p1"] * lx + p["p2"] * lx**2 + p["p3"] * lx**3)
    )
    return f


def background(channel: str = "mumu") -> np.ndarray:
    """Background events per bin at 139 fb⁻¹: f(bin centre) × width, scaled to N_total."""
    e, centres, _ = _spectrum(channel)
    w = np.diff(e)
    f = fit_function(centres, channel) * w
    scaled: np.ndarray = f * (fit_parameters(channel)["N_total"] / f.sum())
    return scaled


#: Upper end of the overflow bin of the fiducial route [GeV] (= sqrt(s); the fit function vanishes there).
OVERFLOW_HI_GEV = SQRT_S_GEV


@cache
def background_overflow(channel: str = "mumu") -> float:
    """Background events at 139 fb⁻¹ above the last published edge (5806 GeV to √s).

    The fit function integrated over [5806, 13000) GeV with the normalisation of
    :func:`background` (1.0e-4 events).
    """
    from scipy.integrate import quad

    e, centres, _ = _spectrum(channel)
    f = fit_function(centres, channel) * np.diff(e)
    k = fit_parameters(channel)["N_total"] / f.sum()
    val, _ = quad(lambda m: float(fit_function(np.array(m), channel)), e[-1], OVERFLOW_HI_GEV * (1 - 1e-9), limit=200)
    return float(k * val)


def background_shapes() -> dict[str, np.ndarray]:
    """Relative per-bin shifts of the correlated background shape nuisances (histosys)."""
    _, centres, _ = _spectrum()
    tilt = BKG_TILT_REL * np.log(centres / 225.0) / np.log(1000.0 / 225.0)
    high = BKG_HIGHMASS_REL * (centres / BKG_HIGHMASS_REF_GEV) ** 2
    return {"bkg_tilt": tilt, "bkg_highmass": np.minimum(high, 0.99)}


def resolution(mass_GeV: float) -> float:
    """Relative dimuon mass resolution σ_m/m at *mass_GeV* (interpolated, see _RES_*)."""
    slope = (_RES_REL[-1] - _RES_REL[0]) / (_RES_MASS[-1] - _RES_MASS[0])
    if mass_GeV < _RES_MASS[0]:
        return float(max(_RES_REL[0] + slope * (mass_GeV - _RES_MASS[0]), 0.01))
    if mass_GeV > _RES_MASS[-1]:
        return float(_RES_REL[-1] + slope * (mass_GeV - _RES_MASS[-1]))
    return float(np.interp(mass_GeV, _RES_MASS, _RES_REL))


# Dimuon mass response of the paper's signal model: m_reco = (1 + d) m_true, with d drawn from
# a Gaussian (probability 1 - kappa) or a Crystal Ball with a low-side power-law tail
# (probability kappa), |d| <= 0.5. Functional forms and parameters as fitted to the ATLAS
# signal smearing and encoded in Rivet's ATLAS_2019_I1725190.cc (Rivet 3.1.4/3.1.6,
# analyses/pluginATLAS; .info: "Functional forms have been fitted to the components of
# Crystal Ball + Gaussian dilepton invariant-mass distribution smearing functions for
# electrons and muons separately"); the muon branch is copied verbatim (m in GeV).
# Its Gaussian core reproduces the paper's resolution: sigma_G = 5.3/8.2/10.8 % at 1/2/3 TeV.
_MU_CB = (-0.0891397, 10.6169, -951.712, 74775.3, 5.60192e-5, -1.58827e-9, -3.81706e-13)
_SIG_CB = (0.0836349, -8.98476, 491.19, 5.18068e-5, -3.45042e-10)
_ALP_CB = (0.512577, 252.922, -79337.4, 7.31863e6, 0.000237883)
_N_CB = 6.08818
_MU_G = (-0.00410659, 2.82352e-6, -6.264e-9, 1.25547e-12, -9.94431e-17)
_SIG_G = (0.0214264, -0.795058, 15.4726, 3.38205e-5, -1.64984e-9)
_KAPPA = (0.235477, -31.2227, 3447.34, 4.54408e-5, -3.25374e-9)
_D_MAX = 0.5  # Rivet: |d| <= 0.5 (re-drawn otherwise)


# Dielectron branch of the same Rivet routine (ATLAS_2019_I1725190.cc, `if (!mumu)`; alisw/rivet commit
# b34f18ca1b7029fe4f8606928f159c1d4801e014, copied verbatim, m in GeV, lnm = ln m): narrower than the muon one
# (sigma_G = 0.71 % at 1 TeV, 0.60 % at 4 TeV: the calorimeter energy resolution).
_E_MU_CB = (0.13287, -0.410663, -0.0126743, 2.9547e-6)
_E_SIG_CB = (0.0136624, 0.230678, 1.73254)
_E_ALP_CB = 1.59112
_E_N_CB = (1.13055, 0.76705, 0.00298312)
_E_MU_G = (-0.00402708, 0.814172, -3.94281e-7, 7.97076e-6, -87.6397, -1.64806e-11)
_E_SIG_G = (0.00553858, 0.140909, 0.644418)
_E_KAPPA = (0.347003, 0.135768, 0.00372497, -2.2822e-5, 5.06351e-13)


def _mass_response_ee(m: float) -> dict[str, float]:
    lnm = np.log(m)
    a, s, n, g, sg, k = _E_MU_CB, _E_SIG_CB, _E_N_CB, _E_MU_G, _E_SIG_G, _E_KAPPA
    return {
        "kappa": float(k[0] + k[1] * np.exp(-k[2] * m) + k[3] * m + k[4] * m**3),
        "mu_cb": float(a[0] + a[1] / lnm + a[2] * lnm + a[3] * lnm**4),
        "sigma_cb": float(np.sqrt(s[0] ** 2 + s[1] ** 2 / m + (s[2] / m) ** 2)),
        "alpha_cb": _E_ALP_CB,
        "n_cb": float(n[0] + n[1] * np.exp(-n[2] * m)),
        "mu_g": float(g[0] + g[1] / m + g[2] * m + g[3] * lnm**3 + g[4] / m**2 + g[5] * m**2),
        "sigma_g": float(np.sqrt(sg[0] ** 2 + sg[1] ** 2 / m + (sg[2] / m) ** 2)),
    }


def mass_response(mass_GeV: float, channel: str = "mumu") -> dict[str, float]:
    """Parameters of the relative dilepton mass response d = m_reco/m_true − 1 at *mass_GeV*.

    Returns ``{"kappa", "mu_cb", "sigma_cb", "alpha_cb", "n_cb", "mu_g", "sigma_g"}``
    (Rivet ATLAS_2019_I1725190, muon or electron branch; see the comments above).

    Example:
        >>> round(mass_response(2000.0)["sigma_g"], 3)   # the paper's 8.2 % at 2 TeV
        0.082
        >>> round(mass_response(2000.0, "ee")["sigma_g"], 4)   # electrons: 0.64 %
        0.0064
    """
    m = float(mass_GeV)
    if _check_channel(channel) == "ee":
        return _mass_response_ee(m)
    a, s, al, g, sg, k = _MU_CB, _SIG_CB, _ALP_CB, _MU_G, _SIG_G, _KAPPA
    return {
        "kappa": k[0] + k[1] / m + k[2] / m**2 + k[3] * m + k[4] * m**2,
        "mu_cb": a[0] + a[1] / m + a[2] / m**2 + a[3] / m**3 + a[4] * m + a[5] * m**2 + a[6] * m**3,
        "sigma_cb": s[0] + s[1] / m + s[2] / m**2 + s[3] * m + s[4] * m**2,
        "alpha_cb": al[0] + al[1] / m + al[2] / m**2 + al[3] / m**3 + al[4] * m,
        "n_cb": _N_CB,
        "mu_g": g[0] + g[1] * m + g[2] * m**2 + g[3] * m**3 + g[4] * m**4,
        "sigma_g": sg[0] + sg[1] / m + sg[2] / m**2 + sg[3] * m + sg[4] * m**2,
    }


def mass_response_cdf(mll_GeV: np.ndarray, mass_GeV: float, channel: str = "mumu") -> np.ndarray:
    """P(m_reco < *mll_GeV*) for a zero-width resonance of pole mass *mass_GeV* in *channel*."""
    p = mass_response(mass_GeV, channel)
    cb = crystalball(beta=p["alpha_cb"], m=p["n_cb"], loc=p["mu_cb"], scale=p["sigma_cb"])

    def cdf(d: np.ndarray) -> np.ndarray:
        g = (d - p["mu_g"]) / p["sigma_g"]
        from scipy.special import ndtr

        out: np.ndarray = (1 - p["kappa"]) * ndtr(g) + p["kappa"] * cb.cdf(d)
        return out

    d = np.clip(np.asarray(mll_GeV, dtype=float) / mass_GeV - 1.0, -_D_MAX, _D_MAX)
    lo, hi = cdf(np.array(-_D_MAX)), cdf(np.array(_D_MAX))
    norm: np.ndarray = (cdf(d) - lo) / (hi - lo)
    return norm


def acc_eff(mass_GeV: float, channel: str = "mumu") -> float:
    """Dilepton acceptance × efficiency of a spin-1 resonance, as parameterised in Rivet ATLAS_2019_I1725190.

    μμ: 0.54 at 200 GeV falling linearly to 0.38 at 6 TeV (physics.md §4; matches HEPData t22
    series y05). ee: 0.74 − 0.04 exp(−(m − 200)/100) − 0.08 exp(−(m − 200)/1000), m in GeV
    (0.62 at 200 GeV, 0.704 at 1 TeV, 0.735 at 3 TeV).

    Example:
        >>> round(acc_eff(1000.0, "ee"), 4), round(acc_eff(1000.0), 4)
        (0.704, 0.5179)
    """
    if _check_channel(channel) == "ee":
        x = float(mass_GeV) - 200.0
        return float(0.74 - 0.04 * np.exp(-x / 100.0) - 0.08 * np.exp(-x / 1000.0))
    return float(0.54 + (0.38 - 0.54) * (mass_GeV - 200.0) / (6000.0 - 200.0))


# Calibration of recast's detector to the published muon selection (approximation): acc x eff
# of this selection on recast.detector events of a narrow spin-1 Z' (B-3Lmu, gX = 0.1,
# Pythia 8 fast mode, 2000 events per mass, seed 7; measured 2026-11-25, binomial unc ~1%).
# recast.detector models Medium-WP muons (~0.97 each); the paper's high-pT working point and
# its detector-region vetoes give the lower published acc x eff (0.54 -> 0.38).
_CAL_MASS = np.array([500.0, 1000.0, 2000.0, 3000.0, 4000.0, 5000.0, 6000.0])
_CAL_OURS = np.array([0.671, 0.752, 0.812, 0.825, 0.817, 0.7995, 0.7985])


def highpt_correction(mll_GeV: np.ndarray) -> np.ndarray:
    """Per-event weight correcting recast's muon efficiency to the paper's high-pT selection.

    The ratio of the published μμ acc×eff to ours (both for a narrow spin-1 Z'), evaluated
    at the reconstructed m_μμ: 0.79 at 500 GeV, 0.69 at 1 TeV, 0.60 at 2 TeV, 0.53 at 4 TeV.
    """
    m = np.asarray(mll_GeV, dtype=float)
    pub = 0.54 + (0.38 - 0.54) * (np.clip(m, 200.0, 6000.0) - 200.0) / (6000.0 - 200.0)
    ratio: np.ndarray = pub / np.interp(m, _CAL_MASS, _CAL_OURS)
    return ratio


#: Channels of the published fiducial limits: μμ (t7/t8), ee (t5/t6), ee + μμ combined "ll" (t3/t4).
FIDUCIAL_CHANNELS = ("mumu", "ee", "ll")


@cache
def _published(observed: bool = False, channel: str = "mumu") -> tuple[np.ndarray, np.ndarray]:
    if channel not in FIDUCIAL_CHANNELS:
        from recast.exceptions import InvalidParameter

        msg = f"unknown channel {channel!r} — use one of {', '.join(FIDUCIAL_CHANNELS)}"
        raise InvalidParameter(msg)
    kind, col = ("observed", "obs_w1") if observed else ("expected", "exp_w1")
    rows = _rows(f"fidlimits_{channel}_{kind}.csv")
    return np.array([float(r["mass_GeV"]) for r in rows]), np.array([float(r[col]) for r in rows])


def published_expected_fiducial(mass_GeV: float, channel: str = "mumu") -> float:
    """Published expected 95% CL limit on fiducial σ×B [fb], zero width (HEPData t7/t5/t3, w1)."""
    return published_fiducial(mass_GeV, observed=False, channel=channel)


def published_fiducial(mass_GeV: float, *, observed: bool, channel: str = "mumu") -> float:
    """Published expected or observed 95% CL limit on fiducial σ×B [fb], Γ = 0.

    μμ: HEPData t7 / t8; ee: t5 / t6; ee + μμ combined (``"ll"``): t3 / t4.
    """
    m, lim = _published(observed, channel)
    if not m[0] <= mass_GeV <= m[-1]:
        from recast.exceptions import InvalidParameter

        msg = f"mass {mass_GeV:g} GeV outside the published range {m[0]:g}-{m[-1]:g} GeV"
        raise InvalidParameter(msg)
    return float(np.exp(np.interp(mass_GeV, m, np.log(lim))))
