"""The dimuon searches of a scan at one mass: limits on σ×B(Z′ → μμ), the constraining search, the combination.

Every installed analysis that applies to Z′ models (the registry,
:func:`recast.analysis.list_analyses`; today ATLAS arXiv:1903.06248 and CMS arXiv:2103.02708)
is run on a *reference* narrow Z′ signal at each scan mass, through the same per-point code
as ``recast limits`` (:func:`recast.chain.evaluate_point`, each analysis with its declared
limit method, :func:`recast.chain.limit_method`). The upper limit on the signal strength μ
of the reference point times its σ×B(μμ) is the 95% CL limit on σ×B(μμ) [pb] of any Z′ of
that mass with the same signal shape:

* the likelihood depends on the signal only through μ·s, so μ_UL ∝ 1/σ at a fixed shape
  (tested in ``tests/test_limits_pipeline.py``);
* quark-flavour-universal charges give every quark the same vector coupling, so production
  (parton luminosities) and hence the dimuon kinematics are those of the reference up to
  normalisation; the muon chirality changes only the forward–backward term, which cancels
  for pp and a symmetric acceptance (approximation: as in :mod:`recast.scan.xsec`);
* the reference is narrow (B − L at g_X = 0.01, Γ/M ≈ 10⁻⁵); wider Z′s are handled by the
  width factor of :mod:`recast.scan.points` (approximation).

Per mass the constraining search is the one with the best (smallest) *expected* limit,
:func:`recast.chain.best_expected_per_mass` — the convention of ``recast limits``,
MadAnalysis 5, CheckMATE and SModelS. Where the searches use different data sets
(:func:`recast.stats.combine.check_combinable`) they are also combined
(:func:`recast.chain.combined_point`: shared μ and theory σ uncertainty, experimental ones
uncorrelated, luminosity correlated within an experiment); otherwise the reason is recorded.

Units: masses in GeV, cross-sections in pb, luminosity in fb⁻¹.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from recast.exceptions import InvalidParameter, LimitsError

if TYPE_CHECKING:
    from recast.analysis.protocol import PublishedExpectedFiducial

__all__ = [
    "REFERENCE_GX",
    "REFERENCE_MODEL",
    "SCAN_LUMI_FB",
    "GeneratedReference",
    "ReferenceSignal",
    "scan_analyses",
    "search_limits",
]

#: Reference Z′ of the search limits: B − L (X_q = 1/3, vector muon coupling) at g_X = 0.01,
#: Γ/M ≈ 10⁻⁵ (narrow); the same model and coupling as the σ_unit table (:mod:`recast.scan.xsec`).
REFERENCE_MODEL = "B-L"
REFERENCE_GX = 0.01
#: Luminosity requested from every search [fb⁻¹] (``recast limits --lumi 139``): Run 2, each
#: analysis then runs on its own data set (:func:`recast.chain.analysis_lumi`, within 1 %).
SCAN_LUMI_FB = 139.0


def __dir__() -> list[str]:
    return __all__


class ReferenceSignal(Protocol):
    """Where the reference Z′ events come from: one :class:`recast.sources.SignalPoint` per mass.

    Its ``repr`` identifies it in cache keys (a dataclass repr is stable).
    """

    def points(self, masses: Sequence[float], *, branches: Sequence[str]) -> Iterator[Any]:
        """The reference signal points at *masses* [GeV], events with at least *branches*."""
        ...


@dataclass(frozen=True)
class GeneratedReference:
    """Reference events from embedded generation (Pythia 8 + recast.detector, cached on disk).

    The same generation as ``recast limits`` (:class:`recast.sources.GeneratedSource`, fast mode).
    """

    events_per_point: int = 3000  # recast.chain.DEFAULT_EVENTS_PER_POINT
    seed: int = 1

    def points(self, masses: Sequence[float], *, branches: Sequence[str]) -> Iterator[Any]:
        from recast.models import get_model
        from recast.sources import GeneratedSource

        model = get_model(REFERENCE_MODEL, gX=REFERENCE_GX)
        source = GeneratedSource(list(masses), self.events_per_point, seed=self.seed, jobs=1, progress=False)
        return source.points(model, branches=branches)


def scan_analyses(ids: Sequence[str] | None = None) -> list[Any]:
    """The Z′ analyses of a scan: *ids* (each must apply to Z′ models) or every installed one that does.

    Raises:
        UnknownAnalysis: an unknown id; InvalidParameter: an analysis that does not constrain
            Z′ models, or none installed.
    """
    from recast.analysis import get_analysis, list_analyses

    if ids:
        chosen = [get_analysis(i) for i in ids]
    else:
        chosen = [a for a in list_analyses(failures={}) if "zprime" in a.applies_to]
    wrong = [a.id for a in chosen if "zprime" not in a.applies_to]
    if wrong:
        msg = f"analysis {wrong[0]} does not constrain Z' models; drop it (`recast analyses` lists them)"
        raise InvalidParameter(msg)
    if not chosen:
        msg = "no installed analysis constrains Z' models; see `recast analyses`"
        raise InvalidParameter(msg)
    return chosen


def _pb(mu: float | None, xsec_pb: float) -> float | None:
    return None if mu is None or not math.isfinite(mu) else float(mu) * xsec_pb


def _published_expected_fb(analyses: Sequence[Any], mass: float) -> float | None:
    """A published expected fiducial σ×B limit [fb] at *mass*, if an analysis ships one (cross-check)."""
    for ana in analyses:
        fun: PublishedExpectedFiducial | None = getattr(ana, "published_expected_fiducial", None)  # optional
        if fun is not None:
            try:
                return float(fun(mass))
            except InvalidParameter:
                return None
    return None


def _combined(analyses: Sequence[Any], entries: dict[str, dict[str, Any]], workspaces: dict[str, dict[str, Any]],
              point: Any, methods: dict[str, str], method: str | None) -> tuple[dict[str, Any] | None, str]:
    """The combined limit at one mass, or None and the reason it is not formed."""
    from recast.chain import combined_point
    from recast.stats.combine import check_combinable

    if len(analyses) < 2:
        return None, "one search"
    try:
        check_combinable(analyses)
    except LimitsError as err:
        return None, str(err)
    if any(e["mu_ul_exp"] is None for e in entries.values()):
        return None, "a search selects no reference signal at this mass"
    c = combined_point(analyses, workspaces, point, methods=methods, method=method, toys=None, lumi_fb=SCAN_LUMI_FB)
    return {"observed_pb": _pb(c["mu_ul_obs"], point.xsec_pb), "expected_pb": _pb(c["mu_ul_exp"][2], point.xsec_pb),
            "method": c["method"], "analyses": [a.id for a in analyses]}, "combined"


def search_limits(mass_GeV: float, *, reference: ReferenceSignal, analyses: Sequence[Any],
                  method: str | None = None) -> dict[str, Any]:
    """The 95% CL limits on σ×B(Z′ → μμ) [pb] of every search at one mass, the constraining one and the combination.

    Args:
        mass_GeV: Z′ mass in GeV.
        reference: the reference narrow Z′ signal (:class:`GeneratedReference` by default in a scan).
        analyses: the searches (:func:`scan_analyses`).
        method: limit method for every search (default: each analysis' declared one).

    Returns:
        A JSON-able dict: ``mass_GeV``, ``reference_xsec_pb``, ``searches`` (id ->
        ``observed_pb``, ``expected_pb``, ``method``), ``constraining`` (the id with the best
        expected limit), ``combined`` (``observed_pb``, ``expected_pb``, ``method``, ``analyses``,
        or None), ``combination`` ("combined" or why not) and ``published_expected_fb`` (a
        shipped published fiducial expected limit, or None).
    """
    from recast.chain import best_expected_per_mass, evaluate_point, limit_method

    mass = float(mass_GeV)
    branches = sorted({b for a in analyses for b in a.branches})
    point = next(iter(reference.points([mass], branches=branches)))
    if not math.isclose(point.mass, mass) or not point.xsec_pb > 0:
        msg = f"reference signal at {mass:g} GeV came back at {point.mass:g} GeV with sigma {point.xsec_pb:g} pb"
        raise LimitsError(msg)
    methods = {a.id: limit_method(a, method=method) for a in analyses}
    entries, workspaces = {}, {}
    for ana in analyses:
        entries[ana.id], workspaces[f"{ana.id}_{point.mass:g}"] = evaluate_point(point, ana, lumi_fb=SCAN_LUMI_FB,
                                                                                 method=methods[ana.id])
    (best,) = best_expected_per_mass(analyses, {k: [v] for k, v in entries.items()})
    combined, why = _combined(analyses, entries, workspaces, point, methods, method)
    searches = {
        aid: {"observed_pb": _pb(e["mu_ul_obs"], point.xsec_pb),
              "expected_pb": _pb(e["mu_ul_exp"][2], point.xsec_pb) if e["mu_ul_exp"] else None,
              "method": methods[aid]}
        for aid, e in entries.items()
    }
    return {"mass_GeV": mass, "reference_xsec_pb": float(point.xsec_pb), "reference": point.source,
            "searches": searches, "constraining": best["analysis"], "combined": combined, "combination": why,
            "published_expected_fb": _published_expected_fb(analyses, mass)}
