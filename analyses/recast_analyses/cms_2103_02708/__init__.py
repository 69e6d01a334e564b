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
from typing import TYPE_CHECKING, Any

import numpy as np

from recast.analysis.dimuon import check_signal_regions, dimuon_mass, histogram_mll
from recast.analysis.metadata import AnalysisBase
from recast.exceptions import InvalidParameter

if TYPE_CHECKING:
    from recast.analysis.protocol import Analysis, Chain, EeSignal

__all__ = ["ANALYSIS", "BENCHMARK_CHECKS", "ETA_MAX", "MLL_MIN", "PT_MIN", "CmsDimuon"]

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
    ) -> dict[str, Any]:
        """pyhf workspace of the 41-bin spectrum for *signal*.

        The background carries its published per-bin systematic, fully correlated across bins
        (one ``histosys`` ``cms_mumu_bkg_syst``) or uncorrelated (``shapesys`` per bin), per
        *correlation* (default :attr:`bkg_correlation`). A signal region ``"ee"`` (from
        :meth:`ee_signal`) adds the 94-bin dielectron spectrum (137 fb⁻¹, HEPData t3) with its
        own background nuisance ``cms_ee_bkg_syst`` (ee + μμ combined). Observations are the published counts
        at 140 fb⁻¹; at another ``lumi_fb`` the Asimov background (a projection).
        ``mass_GeV`` is not used.
        """
        from recast.stats.workspace import Sample, build_workspace

        _check_lumi(lumi_fb)
        corr = correlation or self.bkg_correlation
        if corr not in self._lh.CORRELATIONS:
            msg = f"unknown background correlation {corr!r} — use 'correlated' or 'uncorrelated'"
            raise InvalidParameter(msg)
        check_signal_regions(signal, tuple(self._lh.CHANNELS))
        bkgs, obs = {}, {}
        for ch in signal:
            sfx = "" if ch == REGION else f"_{ch}"
            b, db = self._lh.background(ch), self._lh.background_syst(ch)
            if corr == "correlated":
                bkgs[ch] = [Sample(f"background{sfx}", b, shapes={f"cms_{ch}_bkg_syst": db / b})]
            else:
                bkgs[ch] = [Sample(f"background{sfx}", b, stat_unc=db)]
            obs[ch] = self._lh.observed(ch)
        return build_workspace(
            signal=signal,
            backgrounds=bkgs,
            observed=obs,
            lumi_fb=lumi_fb,
            ref_lumi_fb=self.lumi_fb,
            xsec_rel_unc=xsec_rel_unc,
            name=self.id,
        )

    # --------------------------------------------------------------- ee channel
    def ee_signal(self, mass_GeV: float, *, sigma_fb: float, lumi_fb: float) -> tuple[np.ndarray, np.ndarray]:
        """Dielectron signal of a narrow resonance with σ×B(ee) = *sigma_fb* [fb] in the 94 ee bins.

        *lumi_fb* is the μμ-channel luminosity of the request; the ee channel has 137/140 of it
        (arXiv:2103.02708 abstract). Approximation (recast's events carry no electrons and the
        CMS ee acceptance × efficiency and resolution could not be read here): the ee
        acceptance × efficiency and Crystal Ball + Gaussian mass response of the ATLAS search as
        parameterised in Rivet ATLAS_2019_I1725190 (``recast_analyses.atlas_1903_06248.likelihood``).
        Returns (events per bin, zero MC-stat uncertainty).
        """
        from recast_analyses.atlas_1903_06248.likelihood import acc_eff, mass_response_cdf

        _check_lumi(lumi_fb)
        lumi_ee = lumi_fb * self._lh.LUMI_FB["ee"] / self._lh.LUMI_FB["mumu"]
        edges = self._lh.edges("ee")
        s = np.diff(mass_response_cdf(edges, float(mass_GeV), "ee")) * sigma_fb * lumi_ee * acc_eff(mass_GeV, "ee")
        return s, np.zeros_like(s)

    # ------------------------------------------------------------- validation
    def measure_validation(self, check_ids: Sequence[str], *, fast: bool,
                           chain: Chain | None = None) -> dict[str, float]:
        """Our value for each requested validation check id (analysis.yaml ``validation``).

        ``zp_ssm_mass_limit_obs`` / ``zp_psi_mass_limit_obs``: our observed 95% lower mass limit
        [GeV] on Z′_SSM / Z′_ψ from ee + μμ combined (one likelihood; LO σ×B); ``..._mumu``: μμ
        alone (sanity checks). From the stored μμ signal templates and :meth:`ee_signal`
        (:mod:`recast_analyses.cms_2103_02708.templates`, seconds); without *fast* the μμ-only
        numbers come from fresh Pythia events through recast's *chain* (``benchmark_mass_limit``;
        :class:`recast.analysis.protocol.Chain`, handed in by ``recast validate``), the ee + μμ
        ones stay on the templates (the event route has no ee signal).
        """
        from recast_analyses.cms_2103_02708.templates import mass_limit_from_templates

        out: dict[str, float] = {}
        for cid in check_ids:
            if cid not in BENCHMARK_CHECKS:
                msg = f"unknown validation check {cid!r} for {self.id}"
                raise InvalidParameter(msg)
            model, channel = BENCHMARK_CHECKS[cid]
            if not fast and channel == "mumu":
                if chain is None:
                    msg = f"{cid} from Pythia events needs recast's chain — pass chain=recast.chain or fast=True"
                    raise InvalidParameter(msg)
                out[cid] = benchmark_mass_limit(model, analysis=self.id, chain=chain)
            else:
                out[cid] = mass_limit_from_templates(model, channel=channel)
        return out


#: Benchmark-model validation checks: check id -> (named model, lepton channel).
BENCHMARK_CHECKS = {
    "zp_ssm_mass_limit_obs": ("Zp_SSM", "ll"),
    "zp_psi_mass_limit_obs": ("Zp_psi", "ll"),
    "zp_ssm_mass_limit_obs_mumu": ("Zp_SSM", "mumu"),
    "zp_psi_mass_limit_obs_mumu": ("Zp_psi", "mumu"),
}


#: Mass scan of the benchmark validation checks [GeV] (brackets the published 4.56 / 5.15 TeV).
VALIDATION_MASSES = (3500.0, 4000.0, 4500.0, 5000.0, 5500.0, 6000.0)
#: Events per mass point of the validation checks (MC-stat ~2 % per populated bin).
VALIDATION_EVENTS = 2000


def benchmark_mass_limit(model: str, *, analysis: str, chain: Chain, observed: bool = True) -> float:
    """Observed (or expected) 95% lower mass limit [GeV] on a benchmark Z′ from one analysis.

    Runs *chain* ``.run_limits`` (:func:`recast.chain.run_limits`) at its own luminosity with
    Pythia events (:data:`VALIDATION_MASSES`, :data:`VALIDATION_EVENTS` each, seed 1), μμ only.
    """
    from recast.analysis import get_analysis

    ana = get_analysis(analysis)
    result, _ = chain.run_limits(model, lumi_fb=ana.lumi_fb, masses=list(VALIDATION_MASSES), analyses=[analysis],
                           events_per_point=VALIDATION_EVENTS, progress=False, channel="mumu")
    ml = result.per_analysis[analysis].mass_limit_GeV
    lim = ml.observed if observed else ml.expected
    return float("nan") if lim is None else float(lim)


def _check_lumi(lumi_fb: float) -> None:
    if not lumi_fb > 0:
        msg = f"luminosity must be > 0 fb^-1, got {lumi_fb}"
        raise InvalidParameter(msg)


#: The plugin instance registered in the ``recast.analyses`` entry-point group.
ANALYSIS = CmsDimuon()

if TYPE_CHECKING:  # mypy checks the plugin against the contract, its optional method included
    _contract: Analysis = ANALYSIS
    _ee: EeSignal = ANALYSIS.ee_signal
