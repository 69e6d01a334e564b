"""Model-independent 95 % CL limits on the fiducial σ×B of a narrow resonance, through recast's one evaluation step.

An analysis that offers the fiducial route (:class:`recast.analysis.protocol.FiducialRoute`:
``fiducial_signal`` and ``fiducial_workspace``, e.g. ATLAS arXiv:1903.06248) supplies only what is
its own: the signal of a zero-width resonance at σ_fid × B = :data:`FIDUCIAL_SIGMA_FB` per lepton
channel and the workspace it goes into. :func:`evaluate_fiducial` turns them into the limit with
:func:`recast.evaluate.evaluate_signal`, the step :func:`recast.evaluate.evaluate` ends in, so the
upper limit on μ is the limit on σ_fid × B in fb. ``recast analyses fiducial-limits``, the plugins'
validation (through :class:`recast.analysis.protocol.Chain`) and the benchmark Z′ mass limits use it.

Luminosity: exactly the requested one (default the analysis' own, with its observed data;
any other one is an Asimov projection without observed limit).

Units: masses in GeV, σ×B in fb, luminosity in fb^-1.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from recast.evaluate import Evaluation, evaluate_signal, limit_method
from recast.exceptions import InvalidParameter

if TYPE_CHECKING:
    from recast.analysis.protocol import FiducialRoute, SignalHistograms
    from recast.stats import UpperLimit

__all__ = [
    "FIDUCIAL_SIGMA_FB",
    "ROUTE_METHODS",
    "evaluate_fiducial",
    "fiducial_limit",
    "fiducial_limits",
    "has_fiducial_route",
]

#: σ_fid × B [fb] per channel of the fiducial signal (the contract of ``fiducial_signal``): μ_UL is the limit in fb.
FIDUCIAL_SIGMA_FB = 1.0
#: The fiducial route's methods (:class:`recast.analysis.protocol.FiducialRoute`).
ROUTE_METHODS = ("fiducial_signal", "fiducial_workspace")


def __dir__() -> list[str]:
    return __all__


def has_fiducial_route(analysis: object) -> bool:
    """Whether *analysis* offers the fiducial route (both :data:`ROUTE_METHODS`)."""
    return all(callable(getattr(analysis, name, None)) for name in ROUTE_METHODS)


def evaluate_fiducial(analysis: FiducialRoute, mass_GeV: float, *, lumi_fb: float | None = None,
                      method: str | None = None, toys: int | None = None, channel: str = "mumu",
                      **signal_options: Any) -> Evaluation:
    """The narrow resonance at *mass_GeV* with σ_fid × B = 1 fb per channel through *analysis*' fiducial route.

    Args:
        analysis: an analysis with the fiducial route (:func:`has_fiducial_route`).
        mass_GeV: pole mass [GeV] (the analysis checks its range).
        lumi_fb: luminosity [fb^-1] (default: the analysis' own, observed data; otherwise Asimov).
        method: limit method (default: the analysis' declared ``limit_method``, :func:`recast.evaluate.limit_method`).
        toys: number of toys for ``method="toys"``.
        channel: ``"mumu"``, ``"ee"`` or ``"ll"`` (both spectra, one σ×B per flavour), as the analysis offers.
        signal_options: passed to the analysis' ``fiducial_signal`` (ATLAS: ``shape=``).
    """
    from recast.sources import SignalPoint

    lumi = float(analysis.lumi_fb if lumi_fb is None else lumi_fb)
    mass = float(mass_GeV)
    signal = analysis.fiducial_signal(mass, lumi_fb=lumi, channel=channel, **signal_options)
    point = SignalPoint(mass, FIDUCIAL_SIGMA_FB / 1000.0, 0.0, None,
                        f"narrow resonance, fiducial sigma x B = {FIDUCIAL_SIGMA_FB:g} fb ({channel})")

    def workspace(sig: SignalHistograms) -> dict[str, Any]:
        return analysis.fiducial_workspace(sig, lumi_fb=lumi)

    return evaluate_signal(point, signal, workspace, lumi_fb=lumi,
                           observed=bool(analysis.has_observed and lumi == analysis.lumi_fb),
                           method=limit_method(analysis, method=method, toys=toys), toys=toys)


def fiducial_limit(analysis: FiducialRoute, mass_GeV: float, **options: Any) -> UpperLimit:
    """95 % CL upper limit on the fiducial σ×B [fb] at *mass_GeV* (arguments of :func:`evaluate_fiducial`)."""
    ev = evaluate_fiducial(analysis, mass_GeV, **options)
    if ev.limit is None:
        msg = f"no fiducial signal at {float(mass_GeV):g} GeV in {analysis.id} — choose a mass inside its spectrum"
        raise InvalidParameter(msg)
    return ev.limit


def _published(analysis: object, name: str, mass_GeV: float, channel: str) -> float | None:
    """The analysis' optional published fiducial limit *name* [fb] at *mass_GeV* (None outside its table)."""
    fun = getattr(analysis, name, None)
    if not callable(fun):
        return None
    try:
        return float(fun(mass_GeV, channel))
    except InvalidParameter:
        return None


def fiducial_limits(analysis: FiducialRoute, masses: Sequence[float], *, lumi_fb: float | None = None,
                    method: str | None = None, channel: str = "mumu", **signal_options: Any) -> list[dict[str, Any]]:
    """Our 95 % CL upper limits on fiducial σ×B [fb] at each pole mass, beside the published ones.

    Returns:
        ``[{"mass_GeV", "channel", "expected_fb", "observed_fb" (None for a projection),
        "expected_band_fb": [5 values], "published_expected_fb", "published_observed_fb", "method"}]``;
        the published columns come from the analysis' optional ``published_expected_fiducial`` /
        ``published_observed_fiducial(mass_GeV, channel)`` (None without them or outside their table).
    """
    out = []
    for mass in masses:
        m = float(mass)
        lim = fiducial_limit(analysis, m, lumi_fb=lumi_fb, method=method, channel=channel, **signal_options)
        out.append(
            {
                "mass_GeV": m,
                "channel": channel,
                "expected_fb": lim.expected[2],
                "observed_fb": lim.observed,
                "expected_band_fb": list(lim.expected),
                "published_expected_fb": _published(analysis, "published_expected_fiducial", m, channel),
                "published_observed_fb": _published(analysis, "published_observed_fiducial", m, channel),
                "method": lim.method,
            }
        )
    return out
