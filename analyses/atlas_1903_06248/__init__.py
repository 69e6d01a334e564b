"""ATLAS search for high-mass dimuon resonances, 139 fb⁻¹ at 13 TeV (arXiv:1903.06248).

Likelihood: the published binned m_μμ spectrum (99 bins, 225-5806 GeV, observed counts),
the background from the paper's fit function (Contur's coding, normalised to the data)
with a normalisation and two shape nuisances, and the signal histogrammed from our
detector-level events in the same bins. See ``analysis.yaml`` for every number's source.

Also the model-independent route of the paper: :meth:`AtlasDimuon.fiducial_limits` gives
our own 95% CL limits on the fiducial σ×B of a narrow resonance, and
:meth:`AtlasDimuon.published_expected_fiducial` the published expected curve (Γ = 0).

Example:
    >>> ANALYSIS.id, ANALYSIS.arxiv, ANALYSIS.lumi_fb, len(ANALYSIS.edges) - 1
    ('atlas_1903_06248', '1903.06248', 139.0, 99)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from scipy.stats import norm

from recast.analysis.metadata import AnalysisBase
from recast.exceptions import InvalidParameter

__all__ = ["ANALYSIS", "AtlasDimuon"]

REGION = "mumu"


def __dir__() -> list[str]:
    return __all__


class AtlasDimuon(AnalysisBase):
    """The ATLAS high-mass dimuon search as a recast analysis plugin."""

    package = "analyses.atlas_1903_06248"
    branches: tuple[str, ...] = ("mu_pt", "mu_eta", "mu_phi", "mu_charge", "weight")

    def __init__(self) -> None:
        super().__init__()
        from analyses.atlas_1903_06248 import likelihood

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
        from analyses.atlas_1903_06248.selection import histogram

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
    ) -> dict:
        """pyhf workspace of the 99-bin spectrum for *signal* (see module docstring).

        Observations are the published counts at 139 fb⁻¹; at another ``lumi_fb`` the
        Asimov background-only spectrum (a projection, expected limits only).
        ``mass_GeV`` is not used (the limit code chooses its own fit window).
        """
        from recast.stats.workspace import Sample, build_workspace

        _check_lumi(lumi_fb)
        bkg = Sample(
            "background",
            self._lh.background(),
            norm_unc=self._lh.BKG_NORM_REL,
            shapes=self._lh.background_shapes(),
        )
        return build_workspace(
            signal=signal,
            backgrounds={REGION: [bkg]},
            observed={REGION: self._lh.observed()},
            lumi_fb=lumi_fb,
            ref_lumi_fb=self.lumi_fb,
            xsec_rel_unc=xsec_rel_unc,
            name=self.id,
        )

    # ------------------------------------------------------- fiducial route
    def resolution(self, mass_GeV: float) -> float:
        """Relative m_μμ resolution σ_m/m (5.3% at 1 TeV, 8.2% at 2 TeV, 10.8% at 3 TeV)."""
        return self._lh.resolution(mass_GeV)

    def fiducial_efficiency(self, mass_GeV: float) -> float:
        """Events reconstructed per fiducial event: the μμ acc×eff (0.54 → 0.38), see analysis.yaml."""
        return self._lh.acc_eff(mass_GeV)

    def published_expected_fiducial(self, mass_GeV: float) -> float:
        """Published expected 95% CL limit on fiducial σ×B [fb], Γ/m = 0 (HEPData t7 w1)."""
        return self._lh.published_expected_fiducial(mass_GeV)

    def narrow_resonance(
        self, mass_GeV: float, *, sigma_fid_fb: float = 1.0, lumi_fb: float | None = None
    ) -> np.ndarray:
        """Signal events per bin of a zero-width resonance with fiducial σ×B = *sigma_fid_fb*.

        A Gaussian in m_μμ of width σ_m(M) (the detector resolution), normalised to
        σ_fid × L × ε(M) events, ε = :meth:`fiducial_efficiency`; integrated over each bin.
        """
        lumi = self.lumi_fb if lumi_fb is None else lumi_fb
        sig = self.resolution(mass_GeV) * mass_GeV
        cdf = norm.cdf(self.edges, loc=mass_GeV, scale=sig)
        return np.diff(cdf) * sigma_fid_fb * lumi * self.fiducial_efficiency(mass_GeV)

    def fiducial_limits(self, masses: Sequence[float], *, lumi_fb: float | None = None) -> list[dict]:
        """Our 95% CL upper limits on fiducial σ×B [fb] of a narrow resonance decaying to μμ.

        Args:
            masses: pole masses in GeV (250-5806).
            lumi_fb: luminosity in fb⁻¹ (default: 139, observed data used; otherwise an
                Asimov projection and ``observed_fb`` is None).

        Returns:
            ``[{"mass_GeV", "expected_fb", "observed_fb", "expected_band_fb": [5 values],
            "published_expected_fb"}]``.
        """
        from recast.stats import upper_limit

        lumi = self.lumi_fb if lumi_fb is None else float(lumi_fb)
        _check_lumi(lumi)
        out = []
        for m in masses:
            m = float(m)
            if not self.edges[0] + 25.0 <= m <= self.edges[-1]:
                msg = f"mass {m:g} GeV outside the dimuon spectrum ({self.edges[0] + 25:g}-{self.edges[-1]:g} GeV)"
                raise InvalidParameter(msg)
            s = self.narrow_resonance(m, sigma_fid_fb=1.0, lumi_fb=lumi)
            ws = self.workspace({REGION: (s, np.zeros_like(s))}, lumi_fb=lumi, xsec_rel_unc=0.0)
            projection = lumi != self.lumi_fb
            lim = upper_limit(ws, observed=not projection)
            try:
                pub = self.published_expected_fiducial(m)
            except InvalidParameter:
                pub = None
            out.append(
                {
                    "mass_GeV": m,
                    "expected_fb": lim.expected[2],
                    "observed_fb": lim.observed,
                    "expected_band_fb": list(lim.expected),
                    "published_expected_fb": pub,
                }
            )
        return out


def _check_lumi(lumi_fb: float) -> None:
    if not lumi_fb > 0:
        msg = f"luminosity must be > 0 fb^-1, got {lumi_fb}"
        raise InvalidParameter(msg)


#: The plugin instance registered in the ``recast.analyses`` entry-point group.
ANALYSIS = AtlasDimuon()
