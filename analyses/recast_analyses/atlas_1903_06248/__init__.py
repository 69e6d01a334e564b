"""ATLAS search for high-mass dimuon resonances, 139 fb⁻¹ at 13 TeV (arXiv:1903.06248).

Likelihood: the published binned m_μμ spectrum (99 bins, 225-5806 GeV, observed counts),
the background from the paper's fit function (Contur's coding, normalised to the data)
with a normalisation and two shape nuisances, and the signal histogrammed from our
detector-level events in the same bins. See ``analysis.yaml`` for every number's source.

Also the model-independent route of the paper: :meth:`AtlasDimuon.fiducial_signal` (a
narrow resonance at σ_fid × B = 1 fb, the paper's Crystal Ball + Gaussian mass response) and
:meth:`AtlasDimuon.fiducial_workspace`, which recast turns into our own 95% limits on the
fiducial σ×B (:func:`recast.fiducial.fiducial_limits`, by default with the analysis'
declared method, :attr:`AtlasDimuon.limit_method` = ``"bayesian"``), and
:meth:`AtlasDimuon.published_expected_fiducial` / :meth:`AtlasDimuon.published_observed_fiducial`
the published curves (Γ = 0, HEPData t7 / t8).

Example:
    >>> ANALYSIS.id, ANALYSIS.arxiv, ANALYSIS.lumi_fb, len(ANALYSIS.edges) - 1
    ('atlas_1903_06248', '1903.06248', 139.0, 99)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
from scipy.stats import norm

from recast.analysis.dimuon import check_signal_regions
from recast.analysis.metadata import AnalysisBase
from recast.exceptions import InvalidParameter

if TYPE_CHECKING:
    from recast.analysis.protocol import Analysis, Chain, EeSignal, FiducialRoute, PublishedExpectedFiducial
    from recast.stats import UpperLimit

__all__ = ["ANALYSIS", "AtlasDimuon"]

REGION = "mumu"
#: Channels of the fiducial route: μμ, ee, and both combined ("ll", one σ×B per lepton flavour, as the paper).
FIDUCIAL_CHANNELS = ("mumu", "ee", "ll")


def __dir__() -> list[str]:
    return __all__


class AtlasDimuon(AnalysisBase):
    """The ATLAS high-mass dimuon search as a recast analysis plugin."""

    package = "recast_analyses.atlas_1903_06248"
    #: Signal mass response of the fiducial route: "paper" (Crystal Ball + Gaussian,
    #: Rivet ATLAS_2019_I1725190) or "gaussian" (core resolution only; the pre-1.1 model).
    signal_shape: str = "paper"
    branches: tuple[str, ...] = ("mu_pt", "mu_eta", "mu_phi", "mu_charge", "weight")

    def __init__(self) -> None:
        super().__init__()
        from recast_analyses.atlas_1903_06248 import likelihood

        self._lh = likelihood
        self.edges: np.ndarray = likelihood.edges()

    # ----------------------------------------------------------------- contract
    def signal(self, events: Any, *, lumi_fb: float) -> dict[str, tuple[np.ndarray, np.ndarray]]:
        """Signal events per m_μμ bin at ``lumi_fb`` and their MC-stat uncertainty.

        Args:
            events: detector-level events (``mu_pt, mu_eta, mu_phi, mu_charge, weight`` [pb]).
            lumi_fb: luminosity in fb⁻¹.

        Returns:
            ``{"mumu": (counts[99], unc[99])}``.
        """
        from recast_analyses.atlas_1903_06248.selection import histogram

        _check_lumi(lumi_fb)
        return {REGION: histogram(events, edges=self.edges, lumi_fb=lumi_fb)}

    def background(self, *, lumi_fb: float | None = None) -> np.ndarray:
        """Background events per bin (fit function normalised to the data) at ``lumi_fb``."""
        scale = 1.0 if lumi_fb is None else lumi_fb / self.lumi_fb
        return self._lh.background() * scale

    def observed(self) -> np.ndarray:
        """Observed events per bin at 139 fb⁻¹ (HEPData ins1725190 t2)."""
        return self._lh.observed()

    def workspace(
        self,
        signal: dict[str, tuple[np.ndarray, np.ndarray]],
        *,
        lumi_fb: float,
        xsec_rel_unc: float,
        mass_GeV: float | None = None,
    ) -> dict[str, Any]:
        """pyhf workspace of the 99-bin spectrum for *signal* (see module docstring).

        Observations are the published counts at 139 fb⁻¹; at another ``lumi_fb`` the
        Asimov background-only spectrum (a projection, expected limits only). A signal region
        ``"ee"`` (:meth:`ee_signal`) adds the ee spectrum with its own background nuisances.
        ``mass_GeV`` is not used (the limit code chooses its own fit window).
        """
        from recast.stats.workspace import Sample, build_workspace

        _check_lumi(lumi_fb)
        check_signal_regions(signal, tuple(self._lh.CHANNELS))
        bkgs, obs = {}, {}
        for ch in signal:
            sfx = "" if ch == REGION else f"_{ch}"
            shapes = {f"{k}{sfx}": v for k, v in self._lh.background_shapes().items()}
            bkgs[ch] = [Sample(f"background{sfx}", self._lh.background(ch), norm_unc=self._lh.BKG_NORM_REL,
                               shapes=shapes)]
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

    def ee_signal(self, mass_GeV: float, *, sigma_fb: float, lumi_fb: float) -> tuple[np.ndarray, np.ndarray]:
        """ee signal events per bin of a narrow resonance with σ×B(ee) = *sigma_fb* [fb] at *lumi_fb*.

        recast's events carry no electrons: the ee signal is the fiducial route's narrow resonance
        (Rivet's ee acc × eff and Crystal Ball + Gaussian response; approximation, width not
        folded in). Returns (events per bin, zero MC-stat uncertainty).
        """
        _check_lumi(lumi_fb)
        s = self.narrow_resonance(mass_GeV, sigma_fid_fb=sigma_fb, lumi_fb=lumi_fb, channel="ee")
        return s, np.zeros_like(s)

    # ------------------------------------------------------- fiducial route
    def resolution(self, mass_GeV: float) -> float:
        """Relative m_μμ resolution σ_m/m (5.3% at 1 TeV, 8.2% at 2 TeV, 10.8% at 3 TeV)."""
        return self._lh.resolution(mass_GeV)

    def fiducial_efficiency(self, mass_GeV: float, channel: str = "mumu") -> float:
        """Events reconstructed per fiducial event: the μμ (0.54 → 0.38) or ee acc×eff, see analysis.yaml."""
        return self._lh.acc_eff(mass_GeV, channel)

    def published_expected_fiducial(self, mass_GeV: float, channel: str = "mumu") -> float:
        """Published expected 95% CL limit on fiducial σ×B [fb], Γ/m = 0 (HEPData t7 μμ, t5 ee, t3 ll; w1)."""
        return self._lh.published_expected_fiducial(mass_GeV, channel)

    def published_observed_fiducial(self, mass_GeV: float, channel: str = "mumu") -> float:
        """Published observed 95% CL limit on fiducial σ×B [fb], Γ/m = 0 (HEPData t8 μμ, t6 ee, t4 ll; w1)."""
        return self._lh.published_fiducial(mass_GeV, observed=True, channel=channel)

    def narrow_resonance(
        self,
        mass_GeV: float,
        *,
        sigma_fid_fb: float = 1.0,
        lumi_fb: float | None = None,
        shape: str | None = None,
        channel: str = "mumu",
    ) -> np.ndarray:
        """Signal events per bin of a zero-width resonance with fiducial σ×B = *sigma_fid_fb* in *channel*.

        Normalised to σ_fid × L × ε(M) events, ε = :meth:`fiducial_efficiency`, spread over
        the bins by the dimuon mass response: ``shape="paper"`` (default,
        :attr:`signal_shape`) the Crystal Ball + Gaussian response of the ATLAS signal model
        (Rivet ATLAS_2019_I1725190, see ``likelihood.mass_response``); ``"gaussian"`` a
        Gaussian of width σ_m(M) = :meth:`resolution` only. Events reconstructed outside
        225-5806 GeV are lost.
        """
        lumi = self.lumi_fb if lumi_fb is None else lumi_fb
        cdf = self._response_cdf(self.edges, mass_GeV, shape=shape, channel=channel)
        return np.diff(cdf) * sigma_fid_fb * lumi * self.fiducial_efficiency(mass_GeV, channel)

    def _response_cdf(self, mll: np.ndarray, mass_GeV: float, *, shape: str | None, channel: str) -> np.ndarray:
        """P(m_reco < mll) of the chosen mass response (ee "gaussian": the Rivet Gaussian core σ_G)."""
        shape = self.signal_shape if shape is None else shape
        if shape == "paper":
            return self._lh.mass_response_cdf(mll, mass_GeV, channel)
        if shape == "gaussian":
            ee = channel != "mumu"
            rel = self._lh.mass_response(mass_GeV, channel)["sigma_g"] if ee else self.resolution(mass_GeV)
            return np.asarray(norm.cdf(mll, loc=mass_GeV, scale=rel * mass_GeV), dtype=float)
        msg = f"unknown signal shape {shape!r} — use 'paper' or 'gaussian'"
        raise InvalidParameter(msg)

    def fiducial_signal(
        self, mass_GeV: float, *, lumi_fb: float, channel: str = "mumu", shape: str | None = None,
    ) -> dict[str, tuple[np.ndarray, np.ndarray]]:
        """The fiducial route's signal: a zero-width resonance with σ_fid × B = 1 fb in each spectrum of *channel*.

        recast turns it into our 95% limit on fiducial σ×B [fb] (:func:`recast.fiducial.fiducial_limit`,
        the μ limit at 1 fb) with :meth:`fiducial_workspace`.

        Args:
            mass_GeV: pole mass (250-5806 GeV).
            lumi_fb: luminosity in fb⁻¹.
            channel: ``"mumu"``, ``"ee"`` or ``"ll"`` (both spectra in one likelihood, the same
                σ×B per lepton flavour in each, as the paper's combined limits, HEPData t3/t4).
            shape: signal mass response, see :meth:`narrow_resonance`.

        Returns:
            region -> (:meth:`narrow_resonance` in the 99 bins, then the events reconstructed above
            5806 GeV (the overflow bin of :meth:`fiducial_workspace`); zero MC-stat uncertainty).
        """
        _check_lumi(lumi_fb)
        m = float(mass_GeV)
        if not self.edges[0] + 25.0 <= m <= self.edges[-1]:
            msg = f"mass {m:g} GeV outside the dimuon spectrum ({self.edges[0] + 25:g}-{self.edges[-1]:g} GeV)"
            raise InvalidParameter(msg)
        out = {}
        for ch in _fiducial_channels(channel):
            s = np.append(self.narrow_resonance(m, sigma_fid_fb=1.0, lumi_fb=lumi_fb, shape=shape, channel=ch),
                          self._overflow_signal(m, lumi_fb=lumi_fb, shape=shape, channel=ch))
            out[ch] = (s, np.zeros(s.size))
        return out

    def _overflow_signal(self, mass_GeV: float, *, lumi_fb: float, shape: str | None, channel: str = "mumu") -> float:
        """Signal events reconstructed above the last published edge (5806 GeV)."""
        above = 1.0 - float(self._response_cdf(np.array(self.edges[-1]), mass_GeV, shape=shape, channel=channel))
        return above * lumi_fb * self.fiducial_efficiency(mass_GeV, channel)

    def fiducial_workspace(self, signal: dict[str, tuple[np.ndarray, np.ndarray]], *, lumi_fb: float) -> dict[str, Any]:
        """The 99-bin workspace (one region per channel) plus an overflow bin 5806 GeV-√s, fiducial route.

        *signal*: channel -> (events in the 100 bins, their MC-stat uncertainty), from
        :meth:`fiducial_signal`; no σ uncertainty (the limit is on σ×B). The μμ background keeps
        its nuisance names (``background_norm``, ``bkg_tilt``, ``bkg_highmass``); the ee
        background has its own (suffix ``_ee``): the two fits are separate.

        The published spectrum stops at 5806 GeV, the search does not (pole masses up to
        6 TeV): signal reconstructed above 5806 GeV stays in the likelihood, in one bin
        with the fit function's background (1e-4 events) and 0 observed events. That no
        event was observed there follows from the published limits: observed = expected
        at 5-6 TeV (HEPData t8/t7 = 0.99-1.00), i.e. no events near those masses.
        """
        from recast.stats.workspace import Sample, build_workspace

        sig, bkgs, obs = {}, {}, {}
        _check_lumi(lumi_fb)
        check_signal_regions(signal, tuple(self._lh.CHANNELS))
        for ch, (s, unc) in signal.items():
            sfx = "" if ch == REGION else f"_{ch}"
            bkg = np.append(self._lh.background(ch), self._lh.background_overflow(ch))
            shapes = {f"{k}{sfx}": np.append(v, v[-1]) for k, v in self._lh.background_shapes().items()}
            bkgs[ch] = [Sample(f"background{sfx}", bkg, norm_unc=self._lh.BKG_NORM_REL, shapes=shapes)]
            sig[ch] = (s, unc)
            obs[ch] = np.append(self._lh.observed(ch), 0.0)
        return build_workspace(
            signal=sig,
            backgrounds=bkgs,
            observed=obs,
            lumi_fb=lumi_fb,
            ref_lumi_fb=self.lumi_fb,
            xsec_rel_unc=0.0,
            name=f"{self.id}_fiducial",
        )

    def measure_validation(self, check_ids: Sequence[str], *, fast: bool, chain: Chain) -> dict[str, float]:
        """Our value for each requested validation check id (analysis.yaml ``validation``).

        ``fid_exp_m<M>`` / ``fid_obs_m<M>``: our expected (median) / observed fiducial σ×B
        limit [fb] at pole mass M GeV, Γ = 0, μμ, with the declared method (seconds per mass);
        ``fid_exp_ee_m<M>`` / ``fid_obs_ee_m<M>`` the same for ee, ``fid_*_ll_m<M>`` for ee + μμ.
        ``zp_psi_mass_limit_obs`` /
        ``zp_ssm_mass_limit_obs``: our observed lower mass limit [GeV] on Z′_ψ / Z′_SSM from
        the ee + μμ fiducial limits and the model's stored LO σ×B
        (:mod:`recast_analyses.atlas_1903_06248.benchmarks`); ``..._mumu``: μμ alone (sanity check).
        Every check is computed from this search's own likelihood, its limits by recast's
        *chain* (handed in by ``recast validate``, :class:`recast.analysis.protocol.Chain`:
        ``chain.fiducial_limit``, the step ``recast limits`` ends in).
        """
        from recast_analyses.atlas_1903_06248.benchmarks import fiducial_mass_limit

        _ = fast  # every check of this analysis is fast (no event generation)
        out: dict[str, float] = {}
        cache: dict[tuple[float, str], UpperLimit] = {}

        def limit_in(channel: str) -> Callable[[float], UpperLimit]:
            def limit_at(m: float) -> UpperLimit:
                if (m, channel) not in cache:
                    cache[m, channel] = chain.fiducial_limit(self, m, channel=channel)
                return cache[m, channel]

            return limit_at

        for cid in check_ids:
            if cid in BENCHMARK_CHECKS:
                model, channel = BENCHMARK_CHECKS[cid]
                out[cid] = fiducial_mass_limit(model, observed=True, limit_at=limit_in(channel))
                continue
            kind, _, mass = cid.rpartition("_m")
            channel = "mumu"
            if kind.endswith(("_ee", "_ll")):
                kind, channel = kind[:-3], kind[-2:]
            if kind not in ("fid_exp", "fid_obs") or not mass.isdigit():
                msg = f"unknown validation check {cid!r} for {self.id}"
                raise InvalidParameter(msg)
            lim = limit_in(channel)(float(mass))
            value = lim.expected[2] if kind == "fid_exp" else lim.observed
            out[cid] = float("nan") if value is None else float(value)  # observed: always set at 139 fb⁻¹
        return out


#: Benchmark-model validation checks: check id -> (named model, channel) (observed lower mass limits).
BENCHMARK_CHECKS = {
    "zp_psi_mass_limit_obs": ("Zp_psi", "ll"),
    "zp_ssm_mass_limit_obs": ("Zp_SSM", "ll"),
    "zp_psi_mass_limit_obs_mumu": ("Zp_psi", "mumu"),
}


def _fiducial_channels(channel: str) -> tuple[str, ...]:
    """The spectra a fiducial-route *channel* uses (``"ll"`` -> both)."""
    if channel not in FIDUCIAL_CHANNELS:
        msg = f"unknown channel {channel!r} — use one of {', '.join(FIDUCIAL_CHANNELS)}"
        raise InvalidParameter(msg)
    return ("mumu", "ee") if channel == "ll" else (channel,)


def _check_lumi(lumi_fb: float) -> None:
    if not lumi_fb > 0:
        msg = f"luminosity must be > 0 fb^-1, got {lumi_fb}"
        raise InvalidParameter(msg)


#: The plugin instance registered in the ``recast.analyses`` entry-point group.
ANALYSIS = AtlasDimuon()

if TYPE_CHECKING:  # mypy checks the plugin against the contract, its optional methods included
    _contract: Analysis = ANALYSIS
    _ee: EeSignal = ANALYSIS.ee_signal
    _fiducial: FiducialRoute = ANALYSIS
    _published: PublishedExpectedFiducial = ANALYSIS.published_expected_fiducial
