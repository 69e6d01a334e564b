"""LQ pair → μμjj search: our own selection in the spirit of ATLAS arXiv:2006.05872 (139 fb⁻¹).

Scalar-leptoquark pairs decaying to a muon and a quark each. Two signal regions binned in
m_LQ^min (no b-tag / ≥ 1 b-tag among the two leading jets); the SM background is simulated
with Pythia 8 (``make_background.py``) and shipped as ``background.json``. There are no
observed counts: **expected limits only**.

Example:
    >>> ANALYSIS.id, ANALYSIS.arxiv, ANALYSIS.lumi_fb, ANALYSIS.has_observed
    ('lq_mumujj', '2006.05872', 139.0, False)
"""

from __future__ import annotations

from typing import Any

import numpy as np

from recast.analysis.metadata import AnalysisBase

__all__ = ["ANALYSIS", "LQMuMuJJ"]


def __dir__() -> list[str]:
    return __all__


class LQMuMuJJ(AnalysisBase):
    """The LQ-pair → μμjj analysis plugin (see the package docstring)."""

    package = "analyses.lq_mumujj"
    branches: tuple[str, ...] = (
        "mu_pt", "mu_eta", "mu_phi", "mu_charge",
        "jet_pt", "jet_eta", "jet_phi", "jet_m", "jet_btag", "weight",
    )  # fmt: skip

    @property
    def regions(self) -> tuple[str, ...]:
        """Signal-region names (pyhf channels)."""
        from analyses.lq_mumujj.selection import REGIONS

        return REGIONS

    @property
    def edges(self) -> tuple[float, ...]:
        """m_LQ^min bin edges in GeV."""
        from analyses.lq_mumujj.selection import MLQ_EDGES

        return MLQ_EDGES

    def signal(self, events: Any, *, lumi_fb: float) -> dict[str, tuple[np.ndarray, np.ndarray]]:
        """Expected signal events and MC-stat uncertainty per m_LQ^min bin at ``lumi_fb`` fb⁻¹.

        Args:
            events: detector-level events (fields :attr:`branches`, ``weight`` in pb/event).
            lumi_fb: integrated luminosity in fb⁻¹.

        Returns:
            ``{"SR_0b": (counts, unc), "SR_1b": (counts, unc)}`` (numpy arrays).

        Raises:
            InvalidParameter: ``lumi_fb`` ≤ 0.
            BranchNotFound: the events lack a needed field.
        """
        from analyses.lq_mumujj.selection import yields
        from recast.exceptions import InvalidParameter

        if not lumi_fb > 0:
            msg = f"luminosity must be > 0 fb^-1, got {lumi_fb}"
            raise InvalidParameter(msg)
        return {r: (np.asarray(v), np.asarray(u)) for r, (v, u) in yields(events, lumi_fb=lumi_fb).items()}

    def background(self, *, lumi_fb: float) -> dict[str, dict[str, tuple[np.ndarray, np.ndarray]]]:
        """Simulated background per region and process: (events per bin, MC-stat unc) at ``lumi_fb``."""
        from analyses.lq_mumujj.background import load_background

        bkg = load_background()
        return {
            r: {name: tuple(np.asarray(x) for x in p.expected(r, lumi_fb=lumi_fb)) for name, p in bkg.processes.items()}
            for r in bkg.regions
        }

    def workspace(
        self,
        signal: dict[str, tuple[np.ndarray, np.ndarray]],
        *,
        lumi_fb: float,
        xsec_rel_unc: float,
        mass_GeV: float | None = None,
    ) -> dict:
        """pyhf workspace: signal + simulated Z+jets and tt̄ per region, Asimov observations.

        Backgrounds carry their MC-statistical uncertainty (``shapesys``) and a
        normalisation ``normsys`` (``zjets_norm``, ``ttbar_norm``; see analysis.yaml). The
        observations are always the background-only expectation (no published data):
        expected limits only. ``mass_GeV`` is not used (all bins enter the fit).

        Args:
            signal: output of :meth:`signal` at the same ``lumi_fb``.
            lumi_fb: luminosity in fb⁻¹.
            xsec_rel_unc: relative signal cross-section uncertainty (``normsys`` ``xsec``).
            mass_GeV: ignored.

        Returns:
            A pyhf workspace spec validated against pyhf's schema.
        """
        from analyses.lq_mumujj.background import load_background
        from recast.stats.workspace import Sample, build_workspace

        bkg = load_background()
        backgrounds = {}
        for r in bkg.regions:
            samples = []
            for name, p in bkg.processes.items():
                y, u = p.expected(r, lumi_fb=self.lumi_fb)
                samples.append(Sample(name, np.asarray(y), stat_unc=np.asarray(u), norm_unc=p.rel_unc))
            backgrounds[r] = samples
        return build_workspace(
            signal=signal,
            backgrounds=backgrounds,
            observed=None,
            lumi_fb=lumi_fb,
            ref_lumi_fb=self.lumi_fb,
            xsec_rel_unc=xsec_rel_unc,
            name=f"{self.id}_expected_only",
        )


#: The plugin instance registered in the ``recast.analyses`` entry-point group.
ANALYSIS = LQMuMuJJ()
