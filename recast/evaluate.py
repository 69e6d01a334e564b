"""One signal point through one analysis: the single evaluation step of recast.

:func:`evaluate` is what ``recast limits`` (:func:`recast.chain.run_limits`), the Z′ scans
(:mod:`recast.scan.searches`), the LQ coupling-plane scans (:func:`recast.scan.plane.fit_pattern`)
and the plugins' validation (through :class:`recast.analysis.protocol.Chain`) run for every
(point, analysis): the analysis' luminosity, its signal (events or efficiency-map yields, plus
the ee region where asked), its pyhf workspace, and either the 95 % CL upper limit on μ or CLs at
a fixed μ. Its last step, :func:`evaluate_signal` (signal -> workspace -> limit), is also the one
of the model-independent fiducial limits (:mod:`recast.fiducial`). It sits below the orchestrators
and imports none of them.

Units: masses in GeV, cross-sections in pb, luminosity in fb^-1.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from recast.analysis.protocol import EeSignal, SignalHistograms
    from recast.sources import SignalPoint
    from recast.stats import UpperLimit

__all__ = ["SAME_DATASET_REL", "Evaluation", "analysis_lumi", "evaluate", "evaluate_signal", "limit_method"]


def __dir__() -> list[str]:
    return __all__


#: --lumi within this relative distance of an analysis' own luminosity means "its data set" (Run 2 is
#: 139 fb^-1 for ATLAS, 140 fb^-1 for CMS dimuons): its observed data are used at its own luminosity.
SAME_DATASET_REL = 0.01


def analysis_lumi(analysis: Any, lumi_fb: float) -> float:
    """The luminosity *analysis* runs at for a requested *lumi_fb*: its own one if within 1 %, else *lumi_fb*.

    Example:
        >>> from types import SimpleNamespace
        >>> analysis_lumi(SimpleNamespace(lumi_fb=140.0), 139.0), analysis_lumi(SimpleNamespace(lumi_fb=140.0), 300.0)
        (140.0, 300.0)
    """
    own = float(analysis.lumi_fb)
    return own if abs(lumi_fb / own - 1) <= SAME_DATASET_REL else float(lumi_fb)


def limit_method(analysis: object, *, method: str | None = None, toys: int | None = None) -> str:
    """The limit method used for *analysis*: *method* if given, toys if *toys*, else the
    analysis' declared ``limit_method`` (asymptotic CLs when it declares none)."""
    if method:
        return method
    if toys:
        return "toys"
    declared: str | None = getattr(analysis, "limit_method", None)  # typed in Analysis, not demanded by the registry
    return str(declared or "asymptotic")


@dataclass(frozen=True)
class Evaluation:
    """What one signal point gives in one analysis.

    Attributes:
        point: the signal point (mass GeV, σ pb, its relative uncertainty, source label).
        lumi_fb: the luminosity the analysis ran at (:func:`analysis_lumi`).
        observed: whether its observed data were used (its own luminosity and it has data).
        signal_events: selected signal events at *lumi_fb*, summed over regions.
        spec: the pyhf workspace (None only for a CLs evaluation without selected signal).
        limit: the 95 % CL upper limit on μ (limit evaluations with selected signal, else None).
        cls_obs, cls_exp: CLs at the tested μ (CLs evaluations; 1 without selected signal;
            ``cls_obs`` None without observed data).
    """

    point: SignalPoint
    lumi_fb: float
    observed: bool
    signal_events: float
    spec: dict[str, Any] | None
    limit: UpperLimit | None = None
    cls_obs: float | None = None
    cls_exp: list[float] | None = None

    def entry(self) -> dict[str, Any]:
        """The ``limits.json`` point: ``mass_GeV``, ``xsec_pb``, ``xsec_rel_unc``, ``signal_events``,
        ``mu_ul_obs``, ``mu_ul_exp`` (±2σ, ±1σ, median; both null without selected signal), ``events``."""
        ul = self.limit
        return {
            "mass_GeV": self.point.mass,
            "xsec_pb": self.point.xsec_pb,
            "xsec_rel_unc": self.point.xsec_rel_unc,
            "signal_events": self.signal_events,
            "mu_ul_obs": ul.observed if ul else None,
            "mu_ul_exp": list(ul.expected) if ul else None,
            "events": self.point.source,
        }


def _with_electrons(sig: Any, point: SignalPoint, analysis: Any, *, lumi_fb: float, channel: str,
                    ee_per_mumu: float) -> Any:
    """*sig* with the ee region of an analysis that offers ``ee_signal`` (channel "ee" or "ll").

    σ×B(ee) = the point's σ×B(μμ) × Γ(ee)/Γ(μμ) = *ee_per_mumu* (massless leptons); the
    analysis spreads it as a narrow resonance at the point's mass (recast's events carry no
    electrons). Analyses without ``ee_signal`` keep their μμ signal.
    """
    ee_signal: EeSignal | None = getattr(analysis, "ee_signal", None)  # optional plugin method (protocol docstring)
    if channel == "mumu" or not callable(ee_signal):
        return sig
    out = {} if channel == "ee" else dict(sig)
    out["ee"] = ee_signal(point.mass, sigma_fb=point.xsec_pb * 1000.0 * ee_per_mumu, lumi_fb=lumi_fb)
    return out


def evaluate(point: SignalPoint, analysis: Any, *, lumi_fb: float, method: str = "asymptotic",
             toys: int | None = None, channel: str = "mumu", ee_per_mumu: float = 0.0,
             test_mu: float | None = None) -> Evaluation:
    """One signal point through one analysis: signal, pyhf workspace, then the limit or CLs.

    Args:
        point: the signal (:class:`recast.sources.SignalPoint`: events, or yields per analysis).
        analysis: an installed analysis (:class:`recast.analysis.Analysis`).
        lumi_fb: requested luminosity [fb^-1]; the analysis runs at :func:`analysis_lumi`, with
            its observed data only at its own luminosity (else expected/Asimov).
        method: ``"asymptotic"``, ``"toys"`` or ``"bayesian"`` (:func:`limit_method`).
        toys: number of toys for ``method="toys"``.
        channel: "mumu", "ee" or "ll"; ee needs the analysis' ``ee_signal``.
        ee_per_mumu: Γ(ee)/Γ(μμ) of the model.
        test_mu: instead of the upper limit, asymptotic CLs at this μ (``upper_limit``'s pruning,
            so CLs(1) < 0.05 exactly where μ_UL < 1); a zero signal then has CLs = 1 and no workspace.
    """
    lumi_a = analysis_lumi(analysis, lumi_fb)
    sig = point.signal(analysis, lumi_fb=lumi_a)
    sig = _with_electrons(sig, point, analysis, lumi_fb=lumi_a, channel=channel, ee_per_mumu=ee_per_mumu)

    def workspace(signal: Any) -> dict[str, Any]:
        spec: dict[str, Any] = analysis.workspace(signal, lumi_fb=lumi_a, xsec_rel_unc=point.xsec_rel_unc,
                                                  mass_GeV=point.mass)
        return spec

    observed = bool(analysis.has_observed and lumi_a == analysis.lumi_fb)
    return evaluate_signal(point, sig, workspace, lumi_fb=lumi_a, observed=observed, method=method, toys=toys,
                           test_mu=test_mu)


def evaluate_signal(point: SignalPoint, signal: SignalHistograms,
                    workspace: Callable[[SignalHistograms], dict[str, Any]], *, lumi_fb: float, observed: bool,
                    method: str, toys: int | None = None, test_mu: float | None = None) -> Evaluation:
    """The step every evaluation ends in: *signal* (region -> (events per bin, MC-stat unc)) into its
    ``workspace(signal)`` spec, then the 95 % CL upper limit on μ, or CLs at *test_mu* (:func:`evaluate`).

    Used by :func:`evaluate` (a model point, the analysis' ``workspace``) and by
    :func:`recast.fiducial.evaluate_fiducial` (a narrow resonance at σ_fid = 1 fb, the analysis'
    ``fiducial_workspace``); *observed*: fit the analysis' observed data (else the Asimov ones).
    """
    from recast.stats import cls, upper_limit

    n_sig = float(sum(np.sum(v[0]) for v in signal.values()))
    if test_mu is not None and n_sig <= 0:
        return Evaluation(point, lumi_fb, observed, 0.0, None, cls_obs=1.0 if observed else None, cls_exp=[1.0] * 5)
    spec = workspace(signal)
    if test_mu is not None:
        c_obs, c_exp = cls(spec, test_mu, prune=1e-3, poi_max=1e6, observed=observed)
        return Evaluation(point, lumi_fb, observed, n_sig, spec, cls_obs=float(c_obs) if observed else None,
                          cls_exp=[float(x) for x in c_exp])
    ul = upper_limit(spec, toys=toys, observed=observed, method=method) if n_sig > 0 else None
    return Evaluation(point, lumi_fb, observed, n_sig, spec, limit=ul)
