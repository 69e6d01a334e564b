"""The contract every analysis plugin fulfils.

An analysis is any object with the attributes and two methods of :class:`Analysis`
(structural typing: no base class needed). Register it in the ``recast.analyses``
entry-point group of your package::

    [project.entry-points."recast.analyses"]
    my_search = "my_package.my_search:ANALYSIS"

The entry point names an *instance* (or a class with a no-argument constructor).
``recast.analysis.get_analysis("my_search")`` then finds it.

Data flow for one model point::

    events = recast.io.read_events(path)                 # weight per event in pb
    sig = ana.signal(events, lumi_fb=139.0)             # region -> (counts, mc_stat_unc)
    spec = ana.workspace(sig, lumi_fb=139.0, xsec_rel_unc=0.1, mass_GeV=1500.0)
    res = recast.stats.upper_limit(spec)                # UpperLimit(observed, expected[5])

Conventions:

* ``signal`` returns, for each signal region (a pyhf channel), the expected number of
  signal events per bin at ``lumi_fb`` (sum of ``weight`` [pb] x 1000 x ``lumi_fb`` [fb^-1]
  of the selected events, filled with ``hist``) and the absolute MC-statistical uncertainty
  per bin (sqrt of the sum of squared weights, same scaling). The arrays are 1-D numpy
  float arrays with one entry per bin of that region; every region of the analysis is
  present (all zeros if nothing passes).
* ``workspace`` returns a complete pyhf workspace spec (``channels``, ``observations``,
  ``measurements``, ``version``) with POI ``mu`` scaling the signal, valid against
  ``pyhf.schema.validate(spec, "workspace.json")``. Use :func:`recast.stats.build_workspace`.
  At the analysis' own luminosity the observations are the published data (if
  ``has_observed``); at any other luminosity (or without data) they are the Asimov
  background-only expectation, and backgrounds scale with ``lumi_fb / self.lumi_fb``.
* ``approximations`` are one-line labels (e.g. ``"background simulated with Pythia 8,
  not the published one"``) that every output using the analysis must echo.
* ``branches`` names the event fields needed, in recast's ntuple schema
  (``mu_pt, mu_eta, mu_phi, mu_charge, jet_pt, jet_eta, jet_phi, jet_m, jet_btag, met,
  met_phi, weight``). ``recast.io`` checks them before calling ``signal``.

Validation (``recast validate``, docs/validation.md): the ``analysis.yaml`` of every
analysis must carry a ``validation:`` list of checks (the schema requires it) — each a
published number with its source, a relative tolerance, ``fast`` and optionally a recorded
``known_deviation`` — and the plugin measures them with one more method::

    def measure_validation(self, check_ids: Sequence[str], *, fast: bool, chain: Chain) -> dict[str, float]:
        # -> our value for each requested check id, in the unit of its `published` value

*chain* (:class:`Chain`) is recast's own chain (``recast.chain``), handed down by the caller:
a plugin never imports the orchestrator above it, yet its checks run through the same steps
as ``recast limits``. ``recast validate`` calls it once per analysis with the ids to run (only ``fast: true``
ones under ``--fast``, which must take seconds and generate no events). A missing method,
a missing id in the returned dict, a non-finite value or an exception makes those checks
FAIL (status rules in :mod:`recast.validation.status`). The registry does not demand the
method (:data:`REQUIRED_METHODS`), so a plugin still loads without it; it then cannot pass
validation.

Every shipped plugin also has ``package``, ``limit_method``, ``meta`` and ``measure_validation``
(:class:`~recast.analysis.metadata.AnalysisBase` supplies the first three from ``analysis.yaml``).
They are typed members of :class:`Analysis` for mypy, but the registry does not demand them:
where a plugin lacks one, recast reads ``package`` as ``""`` (no data folder), ``limit_method``
as ``"asymptotic"`` (CLs) and ``meta`` as empty (no experiment, data set or validation checks).
More methods are optional capabilities, used where a plugin has them and typed by
:class:`EeSignal`, :class:`FiducialRoute` and :class:`PublishedExpectedFiducial`:

* ``ee_signal(mass_GeV, *, sigma_fb, lumi_fb)``: the dielectron spectrum of a narrow resonance
  (``recast limits --channel ll|ee``; plugins without it keep their μμ signal);
* the fiducial route, ``fiducial_signal(mass_GeV, *, lumi_fb, channel)`` (a zero-width resonance
  at σ_fid × B = 1 fb per channel, in the bins of its workspace) and
  ``fiducial_workspace(signal, *, lumi_fb)``: recast turns them into model-independent σ×B
  limits with the step every limit ends in (:mod:`recast.fiducial`, ``recast analyses
  fiducial-limits``; validation through :meth:`Chain.fiducial_limit`). The plugin computes
  no limit itself;
* ``published_expected_fiducial(mass_GeV)`` (and ``published_observed_fiducial``, both also with
  a ``channel`` argument): the paper's fiducial limit [fb] (a cross-check column of the plane
  scans and of ``recast analyses fiducial-limits``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

import numpy as np

if TYPE_CHECKING:
    from recast.results import LimitResult
    from recast.sources import SignalPoint
    from recast.stats import UpperLimit

__all__ = [
    "REQUIRED_ATTRIBUTES",
    "REQUIRED_METHODS",
    "VALIDATION_METHOD",
    "Analysis",
    "Chain",
    "EeSignal",
    "FiducialRoute",
    "PublishedExpectedFiducial",
    "SignalHistograms",
]

#: region name -> (expected signal events per bin at lumi_fb, absolute MC-stat uncertainty per bin)
SignalHistograms = dict[str, tuple[np.ndarray, np.ndarray]]

#: attributes checked by :func:`recast.analysis.get_analysis` on every plugin
REQUIRED_ATTRIBUTES = (
    "id",
    "arxiv",
    "sqrt_s_GeV",
    "lumi_fb",
    "applies_to",
    "has_observed",
    "approximations",
    "branches",
)
#: methods checked by :func:`recast.analysis.get_analysis` on every plugin
REQUIRED_METHODS = ("signal", "workspace")
#: the validation method every shipped analysis implements (checked by ``recast validate``)
VALIDATION_METHOD = "measure_validation"


class Chain(Protocol):
    """recast's chain as a plugin's validation sees it (the module :mod:`recast.chain` is one).

    Handed to ``measure_validation`` by its caller, so that plugins, which sit below the
    orchestrator, never import it.
    """

    def run_limits(self, model_name: str, *, lumi_fb: float, masses: Sequence[float] | None = None,
                   analyses: Sequence[str] | None = None, events_per_point: int | None = None,
                   progress: bool = True, channel: str = "auto") -> tuple[LimitResult, dict[str, dict[str, Any]]]:
        """The whole chain for a model (:func:`recast.chain.run_limits`; the arguments validation uses)."""
        ...

    def evaluate_point(self, point: SignalPoint, analysis: Analysis, *, lumi_fb: float, method: str,
                       toys: int | None = None, channel: str = "mumu",
                       ee_per_mumu: float = 0.0) -> tuple[dict[str, Any], dict[str, Any]]:
        """One signal point through one analysis (:func:`recast.chain.evaluate_point`)."""
        ...

    def limit_method(self, analysis: Analysis, *, method: str | None = None, toys: int | None = None) -> str:
        """The limit method an analysis declares (:func:`recast.chain.limit_method`)."""
        ...

    def fiducial_limit(self, analysis: FiducialRoute, mass_GeV: float, **options: Any) -> UpperLimit:
        """95% limit on fiducial σ×B [fb] by the analysis' fiducial route (:func:`recast.fiducial.fiducial_limit`)."""
        ...


class EeSignal(Protocol):
    """The optional ``ee_signal`` method: a narrow resonance's dielectron signal in the analysis' ee bins."""

    def __call__(self, mass_GeV: float, *, sigma_fb: float, lumi_fb: float) -> tuple[np.ndarray, np.ndarray]:
        """(events per bin, MC-stat uncertainty per bin) for σ×B(ee) = *sigma_fb* [fb] at *lumi_fb* (μμ's)."""
        ...


class FiducialRoute(Protocol):
    """The optional fiducial route: what is analysis-specific in a model-independent σ×B limit.

    recast (:func:`recast.fiducial.evaluate_fiducial`) builds the signal, puts it into the
    workspace and takes the limit on μ, which is the limit on σ_fid × B in fb.
    """

    id: str
    lumi_fb: float
    has_observed: bool

    def fiducial_signal(self, mass_GeV: float, *, lumi_fb: float, channel: str = ...) -> SignalHistograms:
        """A zero-width resonance at *mass_GeV* with σ_fid × B = 1 fb in each spectrum of *channel*
        (``"mumu"``, ``"ee"`` or ``"ll"`` for both): region -> (events per workspace bin at *lumi_fb*,
        MC-stat uncertainty). Raises :class:`~recast.exceptions.InvalidParameter` for a mass outside
        the spectrum, an unknown channel or *lumi_fb* <= 0."""
        ...

    def fiducial_workspace(self, signal: SignalHistograms, *, lumi_fb: float) -> dict[str, Any]:
        """The pyhf workspace of the fiducial route for *signal* (from :meth:`fiducial_signal` at *lumi_fb*);
        observed data at the analysis' own luminosity, the Asimov background-only data otherwise."""
        ...


class PublishedExpectedFiducial(Protocol):
    """The optional ``published_expected_fiducial`` method: the paper's expected fiducial limit [fb]."""

    def __call__(self, mass_GeV: float) -> float:
        """At pole mass *mass_GeV*; raises :class:`~recast.exceptions.InvalidParameter` outside the table."""
        ...


def __dir__() -> list[str]:
    return __all__


@runtime_checkable
class Analysis(Protocol):
    """A search recast can run on signal events (the plugin contract).

    Attributes:
        id: registry name, e.g. ``"atlas_1903_06248"`` (same as the entry-point name).
        arxiv: arXiv id of the paper the search follows, e.g. ``"1903.06248"``.
        sqrt_s_GeV: centre-of-mass energy in GeV (13000.0).
        lumi_fb: the analysis' own integrated luminosity in fb^-1 (its data's).
        applies_to: model kinds it constrains: ``"leptoquark"``, ``"zprime"``.
        has_observed: ``False`` -> expected limits only; outputs must say so.
        approximations: labelled approximations, echoed in every output.
        branches: event fields needed (recast ntuple schema names).

    Typed for mypy but not demanded by the registry (defaults in the module docstring;
    :class:`~recast.analysis.metadata.AnalysisBase` sets them):

        package: import name of the plugin's folder (its data files); ``""`` for none.
        limit_method: the limit method the paper used (``analysis.yaml`` ``limit_method``).
        meta: the parsed ``analysis.yaml`` (experiment, dataset, validation checks, ...).
        measure_validation: see the module docstring.
    """

    id: str
    arxiv: str
    sqrt_s_GeV: float
    lumi_fb: float
    applies_to: tuple[str, ...]
    has_observed: bool
    approximations: list[str]
    branches: tuple[str, ...]

    def signal(self, events: Any, *, lumi_fb: float) -> SignalHistograms:
        """Select *events* and histogram them into the signal regions.

        Args:
            events: awkward array of events (fields as in ``branches``; ``weight`` in pb;
                muons/jets may be ``vector`` Momentum4D records or plain fields).
            lumi_fb: integrated luminosity in fb^-1 the counts are scaled to.

        Returns:
            region -> (expected events per bin, absolute MC-stat uncertainty per bin).
        """
        ...

    def workspace(
        self,
        signal: SignalHistograms,
        *,
        lumi_fb: float,
        xsec_rel_unc: float,
        mass_GeV: float | None = None,
    ) -> dict[str, Any]:
        """The pyhf workspace spec for *signal* (from :meth:`signal` at the same *lumi_fb*).

        Args:
            signal: output of :meth:`signal`.
            lumi_fb: luminosity in fb^-1; != ``self.lumi_fb`` means an Asimov projection.
            xsec_rel_unc: relative theory uncertainty of the signal cross-section
                (a symmetric ``normsys`` named ``xsec`` on the signal).
            mass_GeV: model mass in GeV, if the likelihood depends on it (may be ignored).

        Returns:
            A pyhf workspace spec (dict) that passes ``pyhf.schema.validate``.
        """
        ...

    if TYPE_CHECKING:
        # Typed members that every shipped plugin has. Declared for mypy only: at run time this
        # Protocol checks just the required ones above, so isinstance() and the registry keep
        # accepting plugins written without them; recast reads them with the documented
        # defaults (module docstring); `recast validate` reports a plugin without measure_validation FAIL.
        package: str
        limit_method: str
        meta: dict[str, Any]

        def measure_validation(self, check_ids: Sequence[str], *, fast: bool, chain: Chain) -> dict[str, float]:
            """Our value for each requested validation check id (module docstring)."""
            ...
