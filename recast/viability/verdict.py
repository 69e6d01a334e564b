"""Verdicts: does a composite point explain b→sμμ and (g−2)_μ, and is it allowed?

Criteria (fit inputs from :func:`recast.lowenergy.fit.load_fit`, default the 2021 set the seed models target;
``value ± 2σ``, Gaussian approximation):

* explains b→sμμ: C_LL = (C9 − C10)/2 within the fit's C_LL ± 2σ (2021: −0.39 ± 0.07, arXiv:2103.13370);
* explains (g−2)_μ: ΣΔa_μ within Δa_μ ± 2σ (2021: 251(59)×10⁻¹¹, arXiv:2104.03281);
* allowed: ΔM_s/ΔM_s^SM within ± 2σ, CCFR trident σ/σ_SM ≤ value + 2σ (Z′ ≥ 1 GeV), g_X below the digitised
  light-Z′ curves available at M_Z′ (BaBar 4μ, Borexino: :data:`recast.lowenergy.light_zprime.CURVES`, when
  ``RECAST_DARKCAST_DIR`` is set), and no leptoquark state excluded by the published LHC pair limits
  (:func:`lhc_lq_check`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from recast.exceptions import RecastError
from recast.lowenergy.fit import load_fit
from recast.models import Leptoquark
from recast.viability.composite import CompositeModel, ZPrimePart
from recast.viability.contributions import Contributions, contributions

__all__ = ["LHC_INPUTS", "LQ_PAIR_LIMITS", "NSIGMA", "ZPRIME_SEARCH", "Verdict", "judge", "lhc_lq_check",
           "lhc_lq_ratios", "lhc_zprime_check"]


def __dir__() -> list[str]:
    return __all__


NSIGMA = 2.0

#: Published 95% CL mass limits on scalar-LQ pairs with B = 1 to the channel (shared/reference/physics.md §3):
#: quark class of the muon channel -> (limit in GeV, source).
LQ_PAIR_LIMITS = {
    "light": (1700.0, "ATLAS 139 fb-1 LQ -> mu q (arXiv:2006.05872)"),
    "b": (1810.0, "CMS 138 fb-1 LQ -> b mu"),
    "t": (1600.0, "ATLAS 139 fb-1 LQ -> t mu"),
}
LHC_INPUTS = (
    "LHC: published scalar-LQ pair mass limits for B = 1 (mu q 1.7 TeV arXiv:2006.05872; b mu 1.81 TeV CMS 138 fb-1; "
    "t mu 1.6 TeV ATLAS 139 fb-1), rescaled per state as sigma(M) B^2 vs sigma(M_lim) with the NNLO+NNLL pair "
    "cross-section (approximation: flat cross-section limit near M_lim, mixed-channel pairs neglected); "
    "Z' (M >= 1 GeV, quark-universal X_q != 0): fiducial sigma x B(mumu) (recast's LO Drell-Yan table x acceptance) "
    "vs the published ATLAS 139 fb-1 observed fiducial limit (arXiv:1903.06248, HEPData t8, Gamma = 0, widened by "
    "recast.scan.points.width_factor)"
)
#: the analysis whose published fiducial dimuon limit is used for the Z′ (recast_analyses plugin id)
ZPRIME_SEARCH = "atlas_1903_06248"


def _quark_class(daughters: tuple[int, ...]) -> str | None:
    ids = {abs(d) for d in daughters}
    if 13 not in ids:
        return None
    return "t" if 6 in ids else "b" if 5 in ids else "light" if ids & {1, 2, 3, 4} else None


def lhc_lq_ratios(lq: Leptoquark) -> list[tuple[str, float, float | None, str]]:
    """Per state and muon channel: (state, mass [GeV], σ(M)B²/σ(M_lim) or None above the σ table (3 TeV), text)."""
    from recast.xsec import lq_pair_xsec

    out: list[tuple[str, float, float | None, str]] = []
    for state in lq.states():
        brs: dict[str, float] = {}
        for daughters, br in state.branching_ratios().items():
            cls = _quark_class(daughters)
            if cls is not None:
                brs[cls] = brs.get(cls, 0.0) + br
        for cls, br in brs.items():
            m_lim, src = LQ_PAIR_LIMITS[cls]
            try:
                r: float | None = lq_pair_xsec(state.mass)[0] * br**2 / lq_pair_xsec(m_lim)[0]
            except RecastError:  # above the NNLO+NNLL table: no σ, no ratio
                r = None
            shown = "outside the sigma table" if r is None else f"{r:.2g}"
            out.append((state.name, state.mass, r, f"{state.name} ({state.mass:g} GeV, B = {br:.2f}): sigma B^2/"
                        f"sigma(M_lim) = {shown} vs {src} > {m_lim / 1000:g} TeV"))
    return out


def lhc_lq_check(lq: Leptoquark) -> tuple[float, str]:
    """(largest σ(M)B²/σ(M_lim) over the states and muon channels, text); ≥ 1 means excluded. A state above
    the σ table (3 TeV) counts as 0: σ < σ(3 TeV) = 7e-8 pb, far below every limit (the plane scan instead
    marks such cells, :mod:`recast.viability.spm_plane`)."""
    worst, text = 0.0, f"{lq.name}: no muon channel"
    for _, _, r, line in lhc_lq_ratios(lq):
        value = 0.0 if r is None else r
        if value >= worst:
            worst, text = value, line
    return worst, text


def lhc_zprime_check(zp: ZPrimePart) -> tuple[float | None, str]:
    """(fiducial σ×B(μμ)/published observed limit, text) of the Z′; None when not evaluated (text says why)."""
    from recast.analysis.registry import get_analysis
    from recast.scan.points import width_factor
    from recast.scan.xsec import fiducial_acceptance, unit_xsec_pb

    q = zp.charges
    if len({*q.Q, *q.U, *q.D}) != 1:
        return None, "Z' dimuon search: not evaluated (quark charges not flavour universal)"
    x_q = float(q.Q[0])
    if x_q == 0:
        return 0.0, "Z' dimuon search: no Drell-Yan production (X_q = 0)"
    model = zp.model()
    if model is None:
        return None, f"Z' dimuon search: not evaluated at {zp.mass:g} GeV"
    state = model.states()[0]
    b_mumu = state.branching_ratios().get((13, -13), 0.0)
    try:
        fid_fb = (zp.g_x * x_q) ** 2 * unit_xsec_pb(zp.mass) * b_mumu * 1e3 * fiducial_acceptance(zp.mass)
        limit_fb = get_analysis(ZPRIME_SEARCH).published_observed_fiducial(zp.mass)  # type: ignore[attr-defined]
    except RecastError:
        return None, f"Z' dimuon search: not evaluated at {zp.mass:g} GeV (outside the table or the search's range)"
    limit_fb *= width_factor(zp.mass, state.width / zp.mass)
    r = fid_fb / limit_fb
    return r, (f"Z' dimuon: fiducial sigma x B = {fid_fb:.3g} fb vs {limit_fb:.3g} fb (ATLAS 139 fb-1 observed, "
               f"arXiv:1903.06248): ratio {r:.2g}")


@dataclass(frozen=True)
class Verdict:
    """The answer for one model point; ``deciding`` names the constraint that decides each question."""

    model: str
    mediators: int
    b_to_s_mumu: bool
    g_minus_2: bool
    allowed: bool
    deciding: dict[str, str]
    point: dict[str, Any]
    predictions: dict[str, Any]
    scan: dict[str, Any] = field(default_factory=dict)
    sources: tuple[str, ...] = ()

    @property
    def viable(self) -> bool:
        """Explains both anomalies and passes every constraint."""
        return self.b_to_s_mumu and self.g_minus_2 and self.allowed

    def as_dict(self) -> dict[str, Any]:
        """One entry of the ``recast viability --json`` results."""
        out = {"model": self.model, "mediators": self.mediators, "b_to_s_mumu": self.b_to_s_mumu,
               "g_minus_2": self.g_minus_2, "allowed": self.allowed, "viable": self.viable,
               "deciding": self.deciding, "point": self.point, "predictions": self.predictions}
        if self.scan:
            out["scan"] = self.scan
        if self.sources:
            out["sources"] = list(self.sources)
        return out


def _band(obs: dict[str, Any]) -> tuple[float, float]:
    return obs["value"] - NSIGMA * obs["sigma"], obs["value"] + NSIGMA * obs["sigma"]


def _b_reason(model: CompositeModel, c: Contributions, ok: bool, obs: dict[str, Any]) -> str:
    lo, hi = _band(obs)
    text = f"C_LL = (C9-C10)/2 = {c.c_ll:+.3f} (C9 = {c.C9:+.3f}, C10 = {c.C10:+.3f}) vs [{lo:.2f}, {hi:.2f}] (2 sigma)"
    if ok:
        return text
    names = {lq.name for lq in model.leptoquarks}
    why = []
    if "S3" not in names and (model.zprime is None or not model.zprime.g_bs):
        why.append("no S3 and no Z' b-s coupling: nothing gives C9 = -C10 at tree level")
    if "R2" in names:
        why.append("R2 gives C9 = +C10 at tree level (no C_LL)")
    if names & {"S1", "Spm"}:
        why.append("S1/S+- give no tree-level b->smumu")
    return text + ("; " + "; ".join(why) if why else "")


def _g2_reason(model: CompositeModel, c: Contributions, obs: dict[str, Any]) -> str:
    lo, hi = _band(obs)
    parts = ", ".join(f"{k} {v['delta_a_mu'] * 1e11:+.3g}" for k, v in c.parts.items())
    text = f"Delta a_mu = {c.delta_a_mu * 1e11:+.3g}e-11 ({parts}) vs [{lo:.0f}, {hi:.0f}]e-11 (2 sigma)"
    if not lo <= c.delta_a_mu * 1e11 <= hi and {lq.name for lq in model.leptoquarks} & {"S3"} and not (
        {lq.name for lq in model.leptoquarks} & {"S1", "R2", "Spm"}) and model.zprime is None:
        text += "; S3 couples only left-handed muons: no m_t/m_mu chirality enhancement"
    from recast.lowenergy.radiative_mass import model_mmu_lines

    for lq in model.leptoquarks:
        mmu = model_mmu_lines(lq)
        if mmu:  # Spm: Delta a_mu assumes m_mu comes from its loop; can its couplings give it?
            last = mmu[-1].strip()
            text += "; " + (last if last.startswith("m_mu") else "m_mu condition " + last)
    return text


def _constraints(model: CompositeModel, c: Contributions, meas: dict[str, Any]) -> list[tuple[bool, float, str]]:
    """(passes, fraction of the allowed range used, text) of every constraint."""
    out = []
    lo, hi = _band(meas["Bs_mixing"])
    frac = max((c.bs_mixing - 1) / (hi - 1), (1 - c.bs_mixing) / (1 - lo), 0.0)
    out.append((lo <= c.bs_mixing <= hi, frac, f"B_s mixing: DeltaM_s/SM = {c.bs_mixing:.4f} vs [{lo:.3f}, {hi:.3f}]"))
    t_hi = _band(meas["trident"])[1]
    if c.trident is None:
        out.append((True, 0.0, "trident: not evaluated (M_Z' < 1 GeV; light-Z' bounds are issue 21 item 2)"))
    elif model.zprime is not None:
        out.append((c.trident <= t_hi, (c.trident - 1) / (t_hi - 1),
                    f"trident (CCFR): sigma/SM = {c.trident:.3f} vs <= {t_hi:.2f}"))
    if model.zprime is not None:
        out.extend(_light_zprime_curves(model.zprime))
    for lq in model.leptoquarks:
        r, text = lhc_lq_check(lq)
        out.append((r < 1.0, r, f"LHC: {text}"))
    if model.zprime is not None:
        rz, text = lhc_zprime_check(model.zprime)
        out.append((rz is None or rz < 1.0, rz or 0.0, f"LHC: {text}"))
    return out


def _light_zprime_curves(zp: ZPrimePart) -> list[tuple[bool, float, str]]:
    """The digitised light-Z′ curves (recast.lowenergy.light_zprime.CURVES) that bound this Z′ at its mass."""
    from recast.lowenergy.light_zprime import CURVES, light_zprime_bounds

    g_v, g_a, g_nu = (c / zp.g_x for c in zp.muon_couplings())
    out = []
    for b in light_zprime_bounds(zp.mass, g_v=g_v, g_a=g_a, g_nu=g_nu):
        if b.name in CURVES and math.isfinite(b.g_max):
            out.append((zp.g_x <= b.g_max, zp.g_x / b.g_max,
                        f"{b.name}: g_X = {zp.g_x:.3g} vs <= {b.g_max:.3g} at {zp.mass:g} GeV ({b.source})"))
    out.extend(_neff_check(zp))
    return out


def _neff_check(zp: ZPrimePart) -> list[tuple[bool, float, str]]:
    """ΔN_eff of an L_μ − L_τ Z′ inside the table of :mod:`recast.lowenergy.neff` (nothing elsewhere)."""
    from recast.lowenergy import neff

    pred = neff.neff_prediction(zp.mass, zp.g_x) if neff.applies(zp.charges) else None
    if pred is None:
        return []
    room = neff.N_EFF_MAX_95 - neff.N_EFF_SM_REF
    return [(pred <= neff.N_EFF_MAX_95, (pred - neff.N_EFF_SM_REF) / room,
             f"Delta N_eff: N_eff = {pred:.3f} vs <= {neff.N_EFF_MAX_95:.2f} at {zp.mass:g} GeV ({neff.SOURCE})")]


def judge(model: CompositeModel, *, fit: str | None = None, scan: dict[str, Any] | None = None,
          c: Contributions | None = None) -> Verdict:
    """The :class:`Verdict` of a composite point against the fit inputs ``fit`` (default 2021)."""
    meas = load_fit(fit)["observables"]
    c = contributions(model) if c is None else c
    lo, hi = _band(meas["C_LL"])
    b_ok = lo <= c.c_ll <= hi
    g_lo, g_hi = _band(meas["delta_a_mu"])
    g_ok = g_lo <= c.delta_a_mu * 1e11 <= g_hi
    cons = _constraints(model, c, meas)
    failing = [t for ok, _, t in cons if not ok]
    allowed = not failing
    if failing:
        allowed_text = "; ".join(failing)
    else:
        text = max(cons, key=lambda x: x[1])[2]
        allowed_text = f"all pass; tightest: {text}" + ("" if not c.notes else "; " + "; ".join(c.notes))
    deciding = {"b_to_s_mumu": _b_reason(model, c, b_ok, meas["C_LL"]), "g_minus_2": _g2_reason(model, c, meas[
        "delta_a_mu"]), "allowed": allowed_text}
    preds = c.as_dict() | {"fit": load_fit(fit)["name"]}
    return Verdict(model.name, model.mediators, b_ok, g_ok, allowed, deciding, model.point(), preds, scan or {},
                   model.sources)
