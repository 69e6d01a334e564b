"""One scan point: the dimuon verdict and the flavour fit of a Z′ model at one mass.

**Dimuon** (every installed Z′ search, :mod:`recast.scan.searches`). For quark-flavour-universal
charges the Z′ couples to every quark with the vector coupling g_q = g_X X_q, so

    σ×B(μμ) = (g_X X_q)² σ_unit(M) · B(Z′ → μμ)

(:mod:`recast.scan.xsec`; B from the model's analytic widths) is compared with each search's
95% CL limit on σ×B(μμ) at that mass, which :func:`recast.scan.searches.search_limits` derives
with the same per-point code as ``recast limits`` (observed and expected). The constraining
search at a mass is the one with the best expected limit (``constraining``; its verdict
``excluded_obs_single``); where the searches use different data sets they are combined
(``excluded_obs_combined``). The quoted verdict ``excluded_obs`` / ``excluded_exp`` is the
combined one where the combination is allowed, else the constraining search's. A point is
excluded when σ×B exceeds the limit.

The limits hold for a narrow resonance. The published ATLAS expected fiducial limits (HEPData
t7 of arXiv:1903.06248) weaken with the width, by ×2.45 at 250 GeV and ×1.12 at 6 TeV
between Γ/M = 0 (w1) and 10% (w6); every search's limits are multiplied by
:func:`width_factor`, 1 + (Γ/M)/10% × (w6/w1 − 1), a linear interpolation in Γ/M
(approximation: the intermediate widths of the record are not labelled; linear in Γ/M is
conservative since the loss grows roughly as resolution ⊕ width; for CMS, whose resolution is
better, the ATLAS factor is a further approximation). Points with Γ/M > :data:`MAX_WIDTH_RATIO`
are flagged ``narrow = False`` and are neither excluded nor allowed. As a cross-check each
point's fiducial σ×B (× the fiducial acceptance) is compared with the published ATLAS expected
fiducial limit (``excluded_pub_exp``). A model with X_q = 0 has no Drell–Yan production: no
dimuon limit (``dimuon = "no DY (X_q = 0)"``).

**Flavour** (:mod:`recast.lowenergy`). A quark-universal U(1)_X has no tree-level b̄s
coupling; as in arXiv:2103.13991 the left-handed coupling g_bs (from vector-like-quark
mixing) is a free parameter. C_LL = (C9 − C10)/2 is linear in g_bs and
ΔM_s/ΔM_s^SM − 1 quadratic, so with C_LL(g_bs = 1) and the mixing shift at g_bs = 1 from
:func:`recast.lowenergy.wilson_coefficients` and :func:`recast.lowenergy.bs_mixing_ratio`:

* B_s mixing within 2σ of the fit input allows |g_bs| ≤ g_max(M), hence
  |C_LL| ≤ C_reach = |C_LL(1)| g_max;
* the point is flavour-preferred at nσ (n = 1, 2) when [−C_reach, C_reach] overlaps the fit's
  C_LL ± nσ and the neutrino trident ratio (independent of g_bs) is within 2σ of CCFR.

The best g_bs (C_LL closest to the fit value, within ±g_max) is then evaluated with
:func:`recast.lowenergy.evaluate` for the pulls and χ². (g−2)_μ is reported but not required.
"""

from __future__ import annotations

import copy
import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING, Any

from recast.exceptions import InvalidParameter
from recast.models.charges import Charges

if TYPE_CHECKING:
    from recast.models.zprime import ZPrime

__all__ = [
    "MAX_WIDTH_RATIO",
    "NSIGMA_BOUNDS",
    "WIDTH_REFERENCE",
    "ScanModel",
    "dimuon_limits",
    "flavour_point",
    "point_verdict",
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

    def key(self) -> dict[str, Any]:
        """JSON-able identity used in cache keys (label and exact charges)."""
        return self._key

    @cached_property
    def _key(self) -> dict[str, Any]:
        return {"label": self.label, "charges": {k: [str(x) for x in getattr(self.charges, k)] for k in "QUDLEN"}}


def dimuon_limits(mass_GeV: float, *, reference: Any = None, analyses: Sequence[Any] | None = None,
                  method: str | None = None) -> dict[str, Any]:
    """Every Z′ search's 95% CL limit on σ×B(μμ) [pb] at one mass (model-independent, Γ = 0).

    :func:`recast.scan.searches.search_limits` with the scan's defaults: reference events from
    :class:`~recast.scan.searches.GeneratedReference`, every installed Z′ analysis, each with
    its declared limit method.
    """
    from recast.scan.searches import GeneratedReference, scan_analyses, search_limits

    return search_limits(mass_GeV, reference=GeneratedReference() if reference is None else reference,
                         analyses=scan_analyses() if analyses is None else analyses, method=method)


#: The analysis whose published width dependence of the fiducial limits gives :func:`width_factor`
#: (ATLAS arXiv:1903.06248, HEPData t7), looked up through the analysis registry.
WIDTH_REFERENCE = "atlas_1903_06248"


@lru_cache(maxsize=1)
def _width_table() -> tuple[Any, ...]:
    import csv
    import io

    import numpy as np

    from recast.analysis import get_analysis

    ana: Any = get_analysis(WIDTH_REFERENCE)  # an AnalysisBase: its shipped files through data_file
    text = ana.data_file("fidlimits_mumu_expected.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO("\n".join(ln for ln in text.splitlines() if ln and not ln.startswith("#")))))
    m = np.array([float(r["mass_GeV"]) for r in rows])
    ratio = np.array([float(r["exp_w6"]) / float(r["exp_w1"]) for r in rows])
    return m, ratio


def width_factor(mass_GeV: float, width_over_mass: float) -> float:
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


def flavour_point(model: Any, *, fit: str) -> dict[str, Any]:
    """The flavour verdict of one Z′ point (see the module docstring)."""
    from recast.lowenergy import bs_mixing_ratio, evaluate, load_fit, trident_ratio, wilson_coefficients

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
def _base_zprime(model: ScanModel) -> ZPrime:
    from recast.models.zprime import ZPrime

    return ZPrime(model.charges)  # checks the anomalies (exact Fractions, ~1 ms): once per model


def _zprime(model: ScanModel, mass: float, gx: float) -> ZPrime:
    """The ZPrime of ``model`` at (mass, g_X): a copy of the per-process base with new parameters."""
    base = _base_zprime(model)
    z = copy.copy(base)
    z.params = base.params | {"MZp": mass, "gX": gx}
    if not mass > 0:
        msg = f"Z' mass must be > 0 GeV, got {mass:g}"
        raise InvalidParameter(msg)
    return z


def _no_dimuon() -> dict[str, Any]:
    """The dimuon entries of a point without Drell-Yan production (X_q = 0)."""
    return {"dimuon": "no DY (X_q = 0)", "sigma_pb": 0.0, "sigma_b_pb": 0.0, "sigma_fid_fb": 0.0, "width_factor": None,
            "constraining": None, "limit_obs_pb": None, "limit_exp_pb": None, "ratio_obs": None, "ratio_exp": None,
            "searches": {}, "combined": None, "combination": "no DY", "limit_pub_exp_fb": None,
            "excluded_obs_single": False, "excluded_exp_single": False, "excluded_obs_combined": None,
            "excluded_exp_combined": None, "excluded_obs": False, "excluded_exp": False, "excluded_pub_exp": False}


def _verdict(sigma_b_pb: float, limit: dict[str, Any] | None, wf: float, narrow: bool) -> dict[str, Any]:
    """σ×B against one limit (``observed_pb``, ``expected_pb``, Γ = 0) widened by *wf*."""
    out: dict[str, Any] = {}
    for kind, which in (("obs", "observed"), ("exp", "expected")):
        lim = None if limit is None else limit.get(f"{which}_pb")
        lim = None if lim is None else lim * wf
        ratio = None if lim is None else sigma_b_pb / lim
        out |= {f"limit_{kind}_pb": lim, f"ratio_{kind}": ratio, f"excluded_{kind}": bool(narrow and ratio is not None
                                                                                            and ratio > 1)}
    return out


def _dimuon(model: ScanModel, mass: float, gx: float, b_mumu: float, width_over_mass: float,
            limits: dict[str, Any]) -> dict[str, Any]:
    """The dimuon entries of a point with Drell-Yan production (see the module docstring)."""
    from recast.scan.xsec import fiducial_acceptance, unit_xsec_pb

    narrow = width_over_mass <= MAX_WIDTH_RATIO
    sigma_pb = (gx * float(model.x_q)) ** 2 * unit_xsec_pb(mass)  # type: ignore[arg-type]
    sigma_b_pb = sigma_pb * b_mumu
    sigma_fid_fb = sigma_b_pb * 1e3 * fiducial_acceptance(mass)
    wf = width_factor(mass, width_over_mass)
    searches = {aid: _verdict(sigma_b_pb, lim, wf, narrow) for aid, lim in limits["searches"].items()}
    best = limits["constraining"]
    single = searches[best]
    combined = None if limits["combined"] is None else _verdict(sigma_b_pb, limits["combined"], wf, narrow)
    quoted = combined or single
    pub = limits.get("published_expected_fb")
    lim_pub = None if pub is None else pub * wf
    return {
        "dimuon": "DY" if narrow else f"DY, wide (Γ/M > {MAX_WIDTH_RATIO:g}): not tested",
        "sigma_pb": sigma_pb, "sigma_b_pb": sigma_b_pb, "sigma_fid_fb": sigma_fid_fb, "width_factor": wf,
        "constraining": best, "searches": searches, "combined": combined, "combination": limits["combination"],
        "limit_obs_pb": quoted["limit_obs_pb"], "limit_exp_pb": quoted["limit_exp_pb"],
        "ratio_obs": quoted["ratio_obs"], "ratio_exp": quoted["ratio_exp"],
        "excluded_obs_single": single["excluded_obs"], "excluded_exp_single": single["excluded_exp"],
        "excluded_obs_combined": None if combined is None else combined["excluded_obs"],
        "excluded_exp_combined": None if combined is None else combined["excluded_exp"],
        "excluded_obs": quoted["excluded_obs"], "excluded_exp": quoted["excluded_exp"],
        "limit_pub_exp_fb": lim_pub,
        "excluded_pub_exp": bool(narrow and lim_pub is not None and sigma_fid_fb > lim_pub),
    }


def point_verdict(model: ScanModel, mass_GeV: float, *, gx: float, fit: str,
                  limits: dict[str, Any] | None) -> dict[str, Any]:
    """Dimuon and flavour verdict of ``model`` at ``mass_GeV`` for gauge coupling ``gx``.

    Args:
        model: the Z′ charges.
        mass_GeV: Z′ mass in GeV.
        gx: U(1)_X gauge coupling (multiplies the charges as given).
        fit: flavour fit-input set (``"2021"``, ``"2025"``).
        limits: the searches' limits at this mass (:func:`recast.scan.searches.search_limits`),
            or None when not needed (X_q = 0).

    Returns:
        A flat JSON-able dict: width, B(μμ), σ and σ×B(μμ) [pb], the fiducial σ×B [fb], per
        search (``searches``) and combined (``combined``) limits, ratios and verdicts, the
        constraining search, the quoted verdict, and the :func:`flavour_point` entries.
    """
    z = _zprime(model, float(mass_GeV), float(gx))
    st = z.states()[0]
    width = st.width
    b_mumu = st.branching_ratios().get((13, -13), 0.0)
    out: dict[str, Any] = {
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
        out |= _no_dimuon()
    elif limits is None:
        msg = f"dimuon limits needed at {mass_GeV:g} GeV for model {model.label}"
        raise InvalidParameter(msg)
    else:
        out |= _dimuon(model, float(mass_GeV), float(gx), b_mumu, out["width_over_mass"], limits)
    out |= flavour_point(z, fit=fit)
    # viable: flavour-preferred (1σ) and allowed by the dimuon searches (narrow width, or no DY)
    tested = out["narrow"] or xq == 0
    out["viable"] = bool(out["flavour_1sigma"] and tested and not out["excluded_obs"])
    out["viable_2sigma"] = bool(out["flavour_2sigma"] and tested and not out["excluded_obs"])
    return out
