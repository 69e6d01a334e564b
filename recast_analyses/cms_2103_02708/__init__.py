"""CMS search for high-mass dimuon resonances, 140 fb⁻¹ at 13 TeV (arXiv:2103.02708).

Likelihood: the published binned m_μμ spectrum (41 bins, 209.63-7000 GeV; HEPData 101186
Table 4): observed events, CMS's expected background and its per-bin systematic uncertainty
(correlation model: :attr:`CmsDimuon.bkg_correlation`, see ``likelihood``), and the signal
histogrammed from our detector-level events in the same bins with the paper's muon
selection (:mod:`recast.analysis.dimuon`). Limits with the paper's method (Bayesian, flat
prior on the signal; :attr:`CmsDimuon.limit_method`). Every number's source: analysis.yaml.

Example:
    >>> ANALYSIS.id, ANALYSIS.arxiv, ANALYSIS.lumi_fb, len(ANALYSIS.edges) - 1
    ('cms_2103_02708', '2103.02708', 140.0, 41)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from recast.analysis.metadata import AnalysisBase
from recast.exceptions import InvalidParameter

__all__ = ["ANALYSIS", "ETA_MAX", "MLL_MIN", "PT_MIN", "CmsDimuon"]

REGION = "mumu"
PT_MIN = 53.0  # GeV, muon pT threshold (arXiv:2103.02708 Sec. 3; single-muon trigger pT > 50 GeV)
ETA_MAX = 2.4  # muon |eta| acceptance (arXiv:2103.02708 Sec. 3; the CMS muon system)
MLL_MIN = 209.63  # GeV, lower edge of the published spectrum (HEPData 101186 t4)


def __dir__() -> list[str]:
    return __all__


class CmsDimuon(AnalysisBase):
    """The CMS high-mass dimuon search as a recast analysis plugin."""

    package = "recast_analyses.cms_2103_02708"
    branches: tuple[str, ...] = ("mu_pt", "mu_eta", "mu_phi", "mu_charge", "weight")
    #: correlation of the per-bin background systematic: "correlated" (one nuisance, default) or "uncorrelated"
    bkg_correlation: str = "correlated"

    def __init__(self) -> None:
        super().__init__()
        from recast_analyses.cms_2103_02708 import likelihood

        self._lh = likelihood
        self.edges: np.ndarray = likelihood.edges()

    # ----------------------------------------------------------------- contract
    def signal(self, events: Any, *, lumi_fb: float) -> dict[str, tuple[np.ndarray, np.ndarray]]:
        """Signal events per m_μμ bin at ``lumi_fb`` and their MC-stat uncertainty.

        Selection: two leading muons with p_T > 53 GeV, |η| < 2.4, opposite charge,
        m_μμ > 209.63 GeV (arXiv:2103.02708 Sec. 3). Events above 7 TeV are not used.

        Returns:
            ``{"mumu": (counts[41], unc[41])}``.
        """
        from recast.analysis.dimuon import dimuon_mass, histogram_mll

        _check_lumi(lumi_fb)
        mll, w = dimuon_mass(events, pt_min=PT_MIN, eta_max=ETA_MAX, mll_min=MLL_MIN, who=self.id)
        return {REGION: histogram_mll(mll, w, edges=self.edges, lumi_fb=lumi_fb)}

    def background(self, *, lumi_fb: float | None = None) -> np.ndarray:
        """CMS's expected background per bin at ``lumi_fb`` (default 140 fb⁻¹)."""
        scale = 1.0 if lumi_fb is None else lumi_fb / self.lumi_fb
        return self._lh.background() * scale

    def observed(self) -> np.ndarray:
        """Observed events per bin at 140 fb⁻¹ (HEPData 101186 t4)."""
        return self._lh.observed()

    def workspace(
        self,
        signal: dict[str, tuple[np.ndarray, np.ndarray]],
        *,
        lumi_fb: float,
        xsec_rel_unc: float,
        mass_GeV: float | None = None,
        correlation: str | None = None,
    ) -> dict:
        """pyhf workspace of the 41-bin spectrum for *signal*.

        The background carries its published per-bin systematic, fully correlated across bins
        (one ``histosys`` ``cms_mumu_bkg_syst``) or uncorrelated (``shapesys`` per bin), per
        *correlation* (default :attr:`bkg_correlation`). Observations are the published counts
        at 140 fb⁻¹; at another ``lumi_fb`` the Asimov background (a projection).
        ``mass_GeV`` is not used.
        """
        from recast.stats.workspace import Sample, build_workspace

        _check_lumi(lumi_fb)
        corr = correlation or self.bkg_correlation
        if corr not in self._lh.CORRELATIONS:
            msg = f"unknown background correlation {corr!r} — use 'correlated' or 'uncorrelated'"
            raise InvalidParameter(msg)
        b, db = self._lh.background(), self._lh.background_syst()
        if corr == "correlated":
            bkg = Sample("background", b, shapes={"cms_mumu_bkg_syst": db / b})
        else:
            bkg = Sample("background", b, stat_unc=db)
        return build_workspace(
            signal=signal,
            backgrounds={REGION: [bkg]},
            observed={REGION: self._lh.observed()},
            lumi_fb=lumi_fb,
            ref_lumi_fb=self.lumi_fb,
            xsec_rel_unc=xsec_rel_unc,
            name=self.id,
        )

    # ------------------------------------------------------------- validation
    def measure_validation(self, check_ids: Sequence[str], *, fast: bool) -> dict[str, float]:
        """Our value for each requested validation check id (analysis.yaml ``validation``).

        ``zp_ssm_mass_limit_obs`` / ``zp_psi_mass_limit_obs``: our observed 95% lower mass limit
        [GeV] on Z′_SSM / Z′_ψ → μμ from this search alone. *fast*: from the stored signal
        templates (:mod:`recast_analyses.cms_2103_02708.templates`, seconds); otherwise from fresh
        Pythia events through ``recast limits``.
        """
        from recast_analyses.cms_2103_02708.templates import mass_limit_from_templates

        out: dict[str, float] = {}
        for cid in check_ids:
            model = {"zp_ssm_mass_limit_obs": "Zp_SSM", "zp_psi_mass_limit_obs": "Zp_psi"}.get(cid)
            if model is None:
                msg = f"unknown validation check {cid!r} for {self.id}"
                raise InvalidParameter(msg)
            out[cid] = mass_limit_from_templates(model) if fast else benchmark_mass_limit(model, analysis=self.id)
        return out


#: Mass scan of the benchmark validation checks [GeV] (brackets the published 4.56 / 5.15 TeV).
VALIDATION_MASSES = (3500.0, 4000.0, 4500.0, 5000.0, 5500.0, 6000.0)
#: Events per mass point of the validation checks (MC-stat ~2 % per populated bin).
VALIDATION_EVENTS = 2000


def benchmark_mass_limit(model: str, *, analysis: str, observed: bool = True) -> float:
    """Observed (or expected) 95% lower mass limit [GeV] on a benchmark Z′ from one analysis.

    Runs :func:`recast.limits.run_limits` at its own luminosity with Pythia events
    (:data:`VALIDATION_MASSES`, :data:`VALIDATION_EVENTS` each, seed 1).
    """
    from recast.analysis import get_analysis
    from recast.limits import run_limits

    ana = get_analysis(analysis)
    result, _ = run_limits(model, lumi_fb=ana.lumi_fb, masses=list(VALIDATION_MASSES), analyses=[analysis],
                           events_per_point=VALIDATION_EVENTS, progress=False)
    lim = result["per_analysis"][analysis]["mass_limit_GeV"]["observed" if observed else "expected"]
    return float("nan") if lim is None else float(lim)


def _check_lumi(lumi_fb: float) -> None:
    if not lumi_fb > 0:
        msg = f"luminosity must be > 0 fb^-1, got {lumi_fb}"
        raise InvalidParameter(msg)


#: The plugin instance registered in the ``recast.analyses`` entry-point group.
ANALYSIS = CmsDimuon()
