"""The model contract: parameters with units, charge/mass eigenstates, partial widths."""

from __future__ import annotations

import math
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TYPE_CHECKING, ClassVar

from recast.exceptions import InvalidParameter, closest

if TYPE_CHECKING:
    from typing_extensions import Self  # typing.Self from Python 3.11

__all__ = ["Channel", "Model", "Parameter", "State", "two_body_scalar_to_fermions"]


def __dir__() -> list[str]:
    return __all__


@dataclass(frozen=True)
class Parameter:
    """A model parameter: name, default value, unit ('GeV' or '' for dimensionless), meaning."""

    name: str
    default: float
    unit: str
    description: str


@dataclass(frozen=True)
class Channel:
    """One decay channel: daughter PDG ids (of the particle, not the antiparticle) and Γ in GeV."""

    daughters: tuple[int, ...]
    width: float  # GeV


@dataclass(frozen=True)
class State:
    """A mass/charge eigenstate with its decay channels (PDG id, electric charge, mass in GeV)."""

    name: str
    pdg: int
    charge: Fraction
    mass: float  # GeV
    channels: tuple[Channel, ...] = field(default=())

    @property
    def width(self) -> float:
        """Total width in GeV."""
        return sum(c.width for c in self.channels)

    def branching_ratios(self) -> dict[tuple[int, ...], float]:
        """Branching ratio per channel (empty if the state cannot decay)."""
        total = self.width
        if total <= 0:
            return {}
        return {c.daughters: c.width / total for c in self.channels if c.width > 0}


def two_body_scalar_to_fermions(coupling: float, mass: float, m1: float = 0.0, m2: float = 0.0) -> float:
    """Γ(S → f1 f2) in GeV for a chiral Yukawa ``y S f̄1 P f2`` with colour already summed.

    Γ = |y|² M/(16π) · λ^{1/2}(1, r1, r2) · (1 − r1 − r2), r = m²/M² (one massive fermion:
    (1 − r)²). Source: standard two-body formula, e.g. arXiv:1603.04993 (LQ review) §2.
    """
    if m1 + m2 >= mass:
        return 0.0
    r1, r2 = (m1 / mass) ** 2, (m2 / mass) ** 2
    lam = (1 - r1 - r2) ** 2 - 4 * r1 * r2
    return abs(coupling) ** 2 * mass / (16 * math.pi) * math.sqrt(lam) * (1 - r1 - r2)


#: Accepted masses [GeV] of a model and of a collider mass grid: the lower end is the default minimum
#: (:attr:`Model.MIN_MASS_GEV`; a Z′ model accepts lighter masses for flavour and (g−2)); above 100 TeV
#: the numbers overflow long before physics stops making sense.
MASS_RANGE_GEV = (1.0, 1.0e5)
#: The lightest mass any model accepts [GeV] (10 MeV: the light-Z′ range of issue 21; below it ΔN_eff
#: and stellar bounds, which recast does not compute, take over).
LIGHTEST_MASS_GEV = 0.01
#: Largest |dimensionless coupling|: 4π, the usual perturbativity bound (convention, not a measurement).
MAX_COUPLING = 4 * math.pi


def _check_range(model: str, p: Parameter, value: float, lo: float = MASS_RANGE_GEV[0]) -> None:
    """Raise InvalidParameter if *value* of parameter *p* is outside its physical range (unit in the message);
    *lo* is the model's smallest mass in GeV."""
    if p.unit == "GeV":
        hi = MASS_RANGE_GEV[1]
        if p.name.lower().startswith("m") and not lo <= value <= hi:
            need = "must be > 0 GeV" if value <= 0 else "is too large" if value > hi else "is too small"
            msg = (f"mass {p.name} of {model} {need} (accepted: {lo:g}-{hi:g} GeV), got {value:g} GeV — "
                   "give the mass in GeV in that range")
            raise InvalidParameter(msg)
        if abs(value) > hi:
            msg = f"parameter {p.name} of {model} must satisfy |{p.name}| <= {hi:g} GeV, got {value:g} GeV"
            raise InvalidParameter(msg)
    elif p.unit == "" and abs(value) > MAX_COUPLING:
        msg = (f"coupling {p.name} of {model} must satisfy |{p.name}| <= 4π ≈ {MAX_COUPLING:.3g} (dimensionless, "
               f"perturbative), got {value:g} — give a smaller coupling")
        raise InvalidParameter(msg)


class Model(ABC):
    """A BSM model point. Subclasses declare ``PARAMETERS`` and build their states.

    Behaviour that differs between kinds of model (cross-section uncertainty, what the event,
    card, UFO and flavour layers do) hangs on the kind's class: :class:`recast.models.Leptoquark`
    or :class:`recast.models.ZPrimeModel`. :attr:`kind` is only a label for output.
    """

    name: str = ""
    #: the kind's label in output (``limits.json``, ``recast models``); set by the kind's class
    KIND: ClassVar[str] = ""
    #: approximation notes on the signal cross-section, echoed in ``limits.json``
    XSEC_NOTES: ClassVar[tuple[str, ...]] = ()
    #: `recast limits`' default mass scan [GeV] (``start:stop:step``), set by the kind's class
    DEFAULT_MASSES: ClassVar[str] = ""
    description: str = ""
    PARAMETERS: tuple[Parameter, ...] = ()
    #: what the couplings are when none is given (shown by `recast models show`)
    DEFAULTS_NOTE: str = ""
    #: PDG id of each state, by state name.
    PDG: ClassVar[dict[str, int]] = {}
    #: mass parameters set by ``get_model(..., mass=)`` (degenerate multiplets share one value)
    MASS_PARAMS: tuple[str, ...] = ()
    #: the smallest mass [GeV] the model accepts (flavour, (g−2), widths); collider searches need more
    MIN_MASS_GEV: ClassVar[float] = MASS_RANGE_GEV[0]

    def __init__(self, **params: float) -> None:
        known = {p.name: p for p in self.PARAMETERS}
        values = {p.name: p.default for p in self.PARAMETERS}
        # masses first, so a bad --mass is blamed before couplings derived from it
        for key, val in sorted(params.items(), key=lambda kv: getattr(known.get(kv[0]), "unit", "") != "GeV"):
            if key not in known:
                msg = f"model {self.name} has no parameter {key!r}; {closest(key, known)}"
                raise InvalidParameter(msg)
            try:
                values[key] = float(val)
            except (TypeError, ValueError) as err:
                msg = f"parameter {key} of {self.name} must be a number, got {val!r}"
                raise InvalidParameter(msg) from err
            if not math.isfinite(values[key]):
                msg = f"parameter {key} of {self.name} must be finite, got {val!r}"
                raise InvalidParameter(msg)
            _check_range(self.name, known[key], values[key], self.MIN_MASS_GEV)
        self.params: dict[str, float] = values

    @property
    def kind(self) -> str:
        """``"leptoquark"`` or ``"zprime"``: a read-only label for output, never a switch."""
        return self.KIND

    @property
    def mass(self) -> float:
        """The main mass parameter in GeV."""
        return self.params[self.PARAMETERS[0].name]

    @abstractmethod
    def states(self) -> list[State]:
        """The new particles (one per charge eigenstate) with their decay channels."""

    @abstractmethod
    def fields(self) -> list[str]:
        """Human-readable field content with (SU3, SU2, U1_Y[, U1_X]) quantum numbers."""

    @abstractmethod
    def xsec_rel_unc(self, mass: float) -> float:
        """Relative theory uncertainty of the signal cross-section at *mass* GeV."""

    def with_params(self, **params: float) -> Self:
        """A copy with some parameters changed (e.g. another mass)."""
        return type(self)(**(self.params | params))

    def label(self) -> str:
        """Short description of the point: nonzero parameters with units.

        Example:
            >>> from recast.models import get_model
            >>> get_model("S3", mass=1500, couplings={"y_bmu": 1.0, "y_smu": 0.1}).label()
            'S3 (MS3 = 1500 GeV, y_smu = 0.1, y_bmu = 1)'
        """
        shown = [p for p in self.PARAMETERS if self.params[p.name] or p.unit]
        inner = ", ".join(f"{p.name} = {self.params[p.name]:g}{' ' + p.unit if p.unit else ''}" for p in shown)
        return f"{self.name} ({inner})"

    def summary(self) -> str:
        """One line for `recast models`."""
        return f"{self.name:<14} {self.kind:<11} {self.description}"

    def __repr__(self) -> str:
        args = ", ".join(f"{k}={v:g}" for k, v in self.params.items())
        return f"{type(self).__name__}({args})"
