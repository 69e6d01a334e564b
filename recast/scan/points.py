"""One scan point: the dimuon limit and the flavour fit of a Z′ model at one mass.

**Dimuon** (fiducial route of arXiv:1903.06248). For quark-flavour-universal charges the
Z′ couples to every quark with the vector coupling g_q = g_X X_q, so

    σ_fid = (g_X X_q)² σ_unit(M) · B(Z′ → μμ) · A_fid(M)

(:mod:`recast.scan.xsec`; B from the model's analytic widths) is compared with the 95% CL
limits on the fiducial σ×B of a narrow resonance that :mod:`analyses.atlas_1903_06248`
derives from the published spectrum (observed and expected). A point is excluded when
σ_fid exceeds the observed limit. The published expected limits (HEPData t7) weaken with the
width, by ×2.45 at 250 GeV and ×1.12 at 6 TeV between Γ/M = 0 (w1) and 10% (w6); the
limits are multiplied by :func:`width_factor`, 1 + (Γ/M)/10% × (w6/w1 − 1), a linear
interpolation in Γ/M (approximation: the intermediate widths of the record are not labelled;
linear in Γ/M is conservative since the loss grows roughly as resolution ⊕ width). Points
with Γ/M > :data:`MAX_WIDTH_RATIO` are flagged ``narrow = False`` and are neither excluded
nor allowed. As a cross-check each point is also compared with the published expected
limit (``excluded_pub_exp``). A model with X_q = 0 has no Drell–Yan production: no dimuon
limit (``dimuon = "no DY (X_q = 0)"``).

**Flavour** (:mod:`recast.flavour`). A quark-universal U(1)_X has no tree-level b̄s
coupling; as in arXiv:2103.13991 the left-handed coupling g_bs (from vector-like-quark
mixing) is a free parameter. C_LL = (C9 − C10)/2 is linear in g_bs and
ΔM_s/ΔM_s^SM − 1 quadratic, so with C_LL(g_bs = 1) and the mixing shift at g_bs = 1 from
:func:`recast.flavour.wilson_coefficients` and :func:`recast.flavour.bs_mixing_ratio`:

* B_s mixing within 2σ of the fit input allows |g_bs| ≤ g_max(M), hence
  |C_LL| ≤ C_reach = |C_LL(1)| g_max;
* the point is flavour-preferred at nσ (n = 1, 2) when [−C_reach, C_reach] overlaps the fit's
  C_LL ± nσ and the neutrino trident ratio (independent of g_bs) is within 2σ of CCFR.

The best g_bs (C_LL closest to the fit value, within ±g_max) is then evaluated with
:func:`recast.flavour.evaluate` for the pulls and χ². (g−2)_μ is reported but not required.
"""

from __future__ import annotations

import copy
import math
from dataclasses import dataclass
from fractions import Fraction
from functools import cached_property, lru_cache

from recast.exceptions import InvalidParameter
from recast.models.charges import Charges

__all__ = [
    "MAX_WIDTH_RATIO",
    "NSIGMA_BOUNDS",
    "ScanModel",
    "dimuon_limits",
    "evaluate_point",
    "flavour_point",
    "width_factor",
]

#: Largest Γ/M for which the narrow-resonance fiducial limits are used (brief: "e.g. > 10%").
MAX_WIDTH_RATIO = 0.10
#: B_s mixing and trident are required within this many σ of the fit inputs (≈95% CL).
NSIGMA_BOUNDS = 2.0


def __dir__() -> list[str]:
    return __all__


@dataclass(frozen=True)
class ScanModel:
    """A Z′ model of the scan: its label (atlas id or named model) and its U(1)_X charges."""

    label: str
    charges: Charges

    @cached_property
    def x_q(self) -> Fraction | None:
        """The universal quark charge X_q, or None if Q, U, D are not all equal."""
        c = self.charges
        vals = {*c.Q, *c.U, *c.D}
        return next(iter(vals)) if len(vals) == 1 else None

    def key(self) -> dict:
        """JSON-able identity used in cache keys (label and exact charges)."""
        return self._key

    @cached_property
    def _key(self) -> dict:
        return {"label": self.label, "charges": {k: [str(x) for x in getattr(self.charges, k)] for k in "QUDLEN"}}


def dimuon_limits(mass_GeV: float) -> dict:  # noqa: N803
    """Our observed and expected 95% CL fiducial σ×B limits [fb] at one mass (model-independent),
    Γ = 0, and the published expected one (HEPData t7 w1)."""
    from analyses.atlas_1903_06248 import ANALYSIS

    (row,) = ANALYSIS.fiducial_limits([float(mass_GeV)])
    pub = row.get("published_expected_fb")
    return {
        "mass_GeV": float(mass_GeV),
        "observed_fb": float(row["observed_fb"]),
        "expected_fb": float(row["expected_fb"]),
        "published_expected_fb": None if pub is None else float(pub),
    }


@lru_cache(maxsize=1)
def _width_table() -> tuple:
    import csv
    import io
    from importlib.resources import files

    import numpy as np

    text = files("analyses.atlas_1903_06248").joinpath("fidlimits_mumu_expected.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO("\n".join(ln for ln in text.splitlines() if ln and not ln.startswith("#")))))
    m = np.array([float(r["mass_GeV"]) for r in rows])
    ratio = np.array([float(r["exp_w6"]) / float(r["exp_w1"]) for r in rows])
    return m, ratio


def width_factor(mass_GeV: float, width_over_mass: float) -> float:  # noqa: N803
    """Factor by which a Γ = 0 fiducial limit weakens for a resonance of relative width Γ/M.

    Linear in Γ/M between the published expected curves at Γ/M = 0 and 10% (HEPData t7 w1, w6);
    see the module docstring. Constant outside 250-6000 GeV.

    Example:
        >>> round(width_factor(250.0, 0.10), 2), width_factor(1000.0, 0.0)
        (2.45, 1.0)
    """
    import numpy as np

    m, ratio = _width_table()
    r = float(np.interp(mass_GeV, m, ratio))
    return 1.0 + min(max(width_over_mass, 0.0), MAX_WIDTH_RATIO) / 0.10 * (r - 1.0)


def flavour_point(model, *, fit: str) -> dict:
    """The flavour verdict of one Z′ point (see the module docstring)."""
    from recast.flavour import bs_mixing_ratio, evaluate, load_fit, trident_ratio, wilson_coefficients

    obs = load_fit(fit)["observables"]
    c_ll, bs, tri = obs["C_LL"], obs["Bs_mixing"], obs["trident"]
    c1 = wilson_coefficients(model, g_bs=1.0).c_ll  # C_LL per unit g_bs (linear)
    d1 = bs_mixing_ratio(model, g_bs=1.0) - 1.0  # ΔM_s shift per unit g_bs² (quadratic, > 0)
    delta_max = bs["value"] + NSIGMA_BOUNDS * bs["sigma"] - 1.0
    g_max = math.sqrt(delta_max / d1) if delta_max > 0 and d1 > 0 else 0.0
    reach = abs(c1) * g_max
    trident = trident_ratio(model)
    trident_ok = abs(trident - tri["value"]) <= NSIGMA_BOUNDS * tri["sigma"]
    pref = {}
    for n in (1, 2):
        lo, hi = c_ll["value"] - n * c_ll["sigma"], c_ll["value"] + n * c_ll["sigma"]
        pref[n] = bool(trident_ok and reach > 0 and max(lo, -reach) <= min(hi, reach))
    g_best = max(-g_max, min(g_max, c_ll["value"] / c1)) if c1 else 0.0
    res = evaluate(model, fit=fit, g_bs=g_best)
    pulls = {o.key: o.pull for o in res.observables}
    return {
        "g_bs_max": g_max,
        "c_ll_reach": reach,
        "g_bs_best": g_best,
        "c_ll_best": res.wilson.c_ll,
        "trident_ratio": trident,
        "trident_ok": bool(trident_ok),
        "pulls": pulls,
        "chi2": res.chi2,
        "flavour_1sigma": pref[1],
        "flavour_2sigma": pref[2],
    }


@lru_cache(maxsize=4096)
def _base_zprime(model: ScanModel):  # noqa: ANN202
    from recast.models.zprime import ZPrime

    return ZPrime(model.charges)  # checks the anomalies (exact Fractions, ~1 ms): once per model


def _zprime(model: ScanModel, mass: float, gx: float):  # noqa: ANN202
    """The ZPrime of ``model`` at (mass, g_X): a copy of the per-process base with new parameters."""
    base = _base_zprime(model)
    z = copy.copy(base)
    z.params = base.params | {"MZp": mass, "gX": gx}
    if not mass > 0:
        msg = f"Z' mass must be > 0 GeV, got {mass:g}"
        raise InvalidParameter(msg)
    return z


def evaluate_point(model: ScanModel, mass_GeV: float, *, gx: float, fit: str, limits: dict | None) -> dict:  # noqa: N803
    """Dimuon and flavour verdict of ``model`` at ``mass_GeV`` for gauge coupling ``gx``.

    Args:
        model: the Z′ charges.
        mass_GeV: Z′ mass in GeV.
        gx: U(1)_X gauge coupling (multiplies the charges as given).
        fit: flavour fit-input set (``"2021"``, ``"2025"``).
        limits: :func:`dimuon_limits` at this mass (``observed_fb``, ``expected_fb``), or None
            when not needed (X_q = 0).

    Returns:
        A flat JSON-able dict: width, B(μμ), σ_fid [fb], ratios to the limits, exclusion
        flags, and the :func:`flavour_point` entries.
    """
    from recast.scan.xsec import fiducial_acceptance, unit_xsec_pb

    z = _zprime(model, float(mass_GeV), float(gx))
    st = z.states()[0]
    width = st.width
    b_mumu = st.branching_ratios().get((13, -13), 0.0)
    out: dict = {
        "model": model.label,
        "mass_GeV": float(mass_GeV),
        "width_GeV": width,
        "width_over_mass": width / mass_GeV,
        "narrow": width / mass_GeV <= MAX_WIDTH_RATIO,
        "br_mumu": b_mumu,
    }
    xq = model.x_q
    if xq is None:
        msg = f"model {model.label}: quark charges are not flavour-universal; the scan needs X_Q = X_U = X_D"
        raise InvalidParameter(msg)
    if xq == 0:
        out |= {"dimuon": "no DY (X_q = 0)", "sigma_pb": 0.0, "sigma_fid_fb": 0.0, "width_factor": None,
                "limit_obs_fb": None, "limit_exp_fb": None, "limit_pub_exp_fb": None, "ratio_obs": None,
                "ratio_exp": None, "excluded_obs": False, "excluded_exp": False, "excluded_pub_exp": False}
    else:
        if limits is None:
            msg = f"dimuon limits needed at {mass_GeV:g} GeV for model {model.label}"
            raise InvalidParameter(msg)
        sigma_pb = (gx * float(xq)) ** 2 * unit_xsec_pb(mass_GeV)
        sigma_fid_fb = sigma_pb * 1e3 * b_mumu * fiducial_acceptance(mass_GeV)
        wf = width_factor(mass_GeV, out["width_over_mass"])
        lim_obs, lim_exp = limits["observed_fb"] * wf, limits["expected_fb"] * wf
        pub = limits.get("published_expected_fb")
        lim_pub = None if pub is None else pub * wf
        r_obs, r_exp = sigma_fid_fb / lim_obs, sigma_fid_fb / lim_exp
        narrow = out["narrow"]
        out |= {
            "dimuon": "DY" if narrow else f"DY, wide (Γ/M > {MAX_WIDTH_RATIO:g}): not tested",
            "sigma_pb": sigma_pb,
            "sigma_fid_fb": sigma_fid_fb,
            "width_factor": wf,
            "limit_obs_fb": lim_obs,
            "limit_exp_fb": lim_exp,
            "limit_pub_exp_fb": lim_pub,
            "ratio_obs": r_obs,
            "ratio_exp": r_exp,
            "excluded_obs": bool(narrow and r_obs > 1),
            "excluded_exp": bool(narrow and r_exp > 1),
            "excluded_pub_exp": bool(narrow and lim_pub is not None and sigma_fid_fb > lim_pub),
        }
    out |= flavour_point(z, fit=fit)
    # viable: flavour-preferred (1σ) and allowed by the dimuon search (narrow width, or no DY)
    tested = out["narrow"] or xq == 0
    out["viable"] = bool(out["flavour_1sigma"] and tested and not out["excluded_obs"])
    out["viable_2sigma"] = bool(out["flavour_2sigma"] and tested and not out["excluded_obs"])
    return out
