"""The ``limits.json`` document as typed objects (schema ``recast/schemas/<version>/limits.schema.json``).

:func:`recast.chain.run_limits` returns a :class:`LimitResult`, written as ``limits.json``;
:func:`check_document` is the one check of a document against the shipped schema,
:meth:`LimitResult.from_json` checks and types a document (:meth:`LimitResult.from_checked` types
one already checked), :meth:`LimitResult.to_json` gives back exactly that document;
:func:`read_output` reads back an output directory that :func:`recast.chain.write_results` wrote.

Units: masses in GeV, cross-sections in pb, luminosity in fb^-1.

Example:
    >>> pt = LimitPoint(mass_GeV=2000.0, xsec_pb=0.01, xsec_rel_unc=0.1, signal_events=8.0,
    ...                 mu_ul_obs=None, mu_ul_exp=[0.2, 0.3, 0.5, 0.8, 1.2])
    >>> pt.xsec_ul_pb()  # expected median σ limit [pb]
    0.005
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathlib import Path

__all__ = ["AnalysisLimits", "CombinedLimits", "LimitPoint", "LimitResult", "MassLimit", "check_document",
           "json_scalar", "jsonable", "read_output", "summary_sentence"]


def __dir__() -> list[str]:
    return __all__


def check_document(doc: dict[str, Any], *, source: str = "limits.json", hint: str | None = None) -> dict[str, Any]:
    """Check a ``limits.json`` document against the shipped schema (``limits.schema.json``).

    Raises:
        recast.exceptions.InvalidCard: one line with the JSON path of the first problem.
    """
    from recast.schemas import SCHEMA_VERSION, load_schema, validate

    hint = hint or f"expected the limits.json that `recast limits` writes, schema limits.schema.json {SCHEMA_VERSION}"
    checked: dict[str, Any] = validate(doc, load_schema("limits.schema.json"), where=source, hint=hint)
    return checked


def json_scalar(obj: Any) -> Any:
    """``json.dumps`` *default* of ``limits.json``: numpy scalars as numbers, anything else unknown as text."""
    return obj.item() if hasattr(obj, "item") else str(obj)


def jsonable(doc: dict[str, Any]) -> dict[str, Any]:
    """*doc* as it is written to ``limits.json`` (:func:`json_scalar` for what JSON does not know)."""
    import json

    out: dict[str, Any] = json.loads(json.dumps(doc, default=json_scalar))
    return out


def _drop_none(obj: Any, optional: tuple[str, ...]) -> dict[str, Any]:
    """``{field: value}`` of a dataclass, leaving out the *optional* fields that are None."""
    out = {}
    for f in fields(obj):
        value = getattr(obj, f.name)
        if f.name in optional and value is None:
            continue
        out[f.name] = value.to_json() if hasattr(value, "to_json") else value
    return out


@dataclass(frozen=True)
class MassLimit:
    """Mass limits [GeV] where μ_UL crosses 1; None: no crossing inside the scanned range."""

    observed: float | None
    expected: float | None
    expected_band: list[float | None]  # at the +1σ and -1σ μ_UL band: [lower, upper] GeV

    @classmethod
    def from_json(cls, doc: dict[str, Any]) -> MassLimit:
        return cls(doc["observed"], doc["expected"], list(doc["expected_band"]))

    def to_json(self) -> dict[str, Any]:
        return {"observed": self.observed, "expected": self.expected, "expected_band": list(self.expected_band)}


@dataclass(frozen=True)
class LimitPoint:
    """One mass point: σ [pb] and the 95% CL upper limits on the signal strength μ."""

    mass_GeV: float
    xsec_pb: float
    xsec_rel_unc: float
    signal_events: float
    mu_ul_obs: float | None
    mu_ul_exp: list[float] | None  # [-2σ, -1σ, median, +1σ, +2σ]; None without selected signal
    events: str | None = None  # the signal source's label
    analysis: str | None = None  # quoted points: which analysis (or "combined")
    method: str | None = None  # combined points: the limit method

    _OPTIONAL = ("events", "analysis", "method")

    @classmethod
    def from_json(cls, doc: dict[str, Any]) -> LimitPoint:
        return cls(**doc)

    def to_json(self) -> dict[str, Any]:
        return _drop_none(self, self._OPTIONAL)

    def xsec_ul_pb(self, which: str = "expected") -> float | None:
        """The σ upper limit [pb]: μ_UL × σ (``"expected"`` median or ``"observed"``)."""
        mu = self.mu_ul_obs if which == "observed" else (self.mu_ul_exp[2] if self.mu_ul_exp else None)
        return None if mu is None else mu * self.xsec_pb


def _points(docs: list[dict[str, Any]]) -> list[LimitPoint]:
    return [LimitPoint.from_json(p) for p in docs]


@dataclass(frozen=True)
class AnalysisLimits:
    """One analysis' result: its luminosity, method, approximations, points and mass limit."""

    lumi_fb: float
    limit_method: str
    approximations: list[str]
    has_observed: bool
    points: list[LimitPoint]
    mass_limit_GeV: MassLimit

    @classmethod
    def from_json(cls, doc: dict[str, Any]) -> AnalysisLimits:
        return cls(doc["lumi_fb"], doc["limit_method"], list(doc["approximations"]), doc["has_observed"],
                   _points(doc["points"]), MassLimit.from_json(doc["mass_limit_GeV"]))

    def to_json(self) -> dict[str, Any]:
        return {"lumi_fb": self.lumi_fb, "limit_method": self.limit_method, "approximations": list(self.approximations),
                "has_observed": self.has_observed, "points": [p.to_json() for p in self.points],
                "mass_limit_GeV": self.mass_limit_GeV.to_json()}


@dataclass(frozen=True)
class CombinedLimits:
    """``--combine``: the combination of every analysis (its limit is the quoted one)."""

    analyses: list[str]
    limit_method: str
    correlations: str
    points: list[LimitPoint]
    mass_limit_GeV: MassLimit

    @classmethod
    def from_json(cls, doc: dict[str, Any]) -> CombinedLimits:
        return cls(list(doc["analyses"]), doc["limit_method"], doc["correlations"], _points(doc["points"]),
                   MassLimit.from_json(doc["mass_limit_GeV"]))

    def to_json(self) -> dict[str, Any]:
        return {"analyses": list(self.analyses), "limit_method": self.limit_method, "correlations": self.correlations,
                "points": [p.to_json() for p in self.points], "mass_limit_GeV": self.mass_limit_GeV.to_json()}


@dataclass(frozen=True)
class LimitResult:
    """A whole ``limits.json``: the quoted points and mass limit, and every analysis' own result."""

    model: str
    params: dict[str, float]
    states: list[str] | str
    lumi_fb: float
    projection: bool
    analyses: list[str]
    headline_analysis: str
    analysis_per_mass: dict[str, str]
    selection: str
    limit_method: str
    branching_ratios: dict[str, dict[str, float]]
    mass_range_GeV: list[float]
    units: dict[str, str]
    approximations: list[str]
    notes: list[str]
    points: list[LimitPoint]
    mass_limit_GeV: MassLimit
    per_analysis: dict[str, AnalysisLimits]
    charges: str | None = None
    toys: int | None = None
    signal_source: str | None = None
    combined: CombinedLimits | None = None
    best_single: dict[str, Any] | None = field(default=None)  # {"points": [...], "mass_limit_GeV": {...}} (JSON)

    _OPTIONAL = ("charges", "toys", "signal_source", "combined", "best_single")

    @classmethod
    def from_json(cls, doc: dict[str, Any], *, source: str = "limits.json") -> LimitResult:
        """Check *doc* against the shipped schema (:func:`check_document`), then type it.

        Raises:
            recast.exceptions.InvalidCard: one line with the JSON path of the first problem.
        """
        return cls.from_checked(check_document(doc, source=source))

    @classmethod
    def from_checked(cls, doc: dict[str, Any]) -> LimitResult:
        """Type a document that is already checked: the producer's, checked once when it is
        written (:func:`recast.chain.write_results`), or a checksummed cache entry."""
        kw = dict(doc)
        kw["points"] = _points(doc["points"])
        kw["mass_limit_GeV"] = MassLimit.from_json(doc["mass_limit_GeV"])
        kw["per_analysis"] = {k: AnalysisLimits.from_json(v) for k, v in doc["per_analysis"].items()}
        if "combined" in doc:
            kw["combined"] = CombinedLimits.from_json(doc["combined"])
        return cls(**kw)

    def to_json(self) -> dict[str, Any]:
        """The ``limits.json`` document (the one :meth:`from_json` read, key for key)."""
        out = _drop_none(self, self._OPTIONAL)
        out["points"] = [p.to_json() for p in self.points]
        out["per_analysis"] = {k: v.to_json() for k, v in self.per_analysis.items()}
        return out


def read_output(directory: Path) -> tuple[LimitResult, dict[str, dict[str, Any]]]:
    """The result and the pyhf workspaces of an output directory (``limits.json``, ``workspaces/*.json``)
    whose content is already checked (a checksummed cache entry: its document was checked when written)."""
    import json

    result = LimitResult.from_checked(json.loads((directory / "limits.json").read_text(encoding="utf-8")))
    workspaces = {ws.stem: json.loads(ws.read_text(encoding="utf-8"))
                  for ws in sorted((directory / "workspaces").glob("*.json"))}
    return result, workspaces


def summary_sentence(result: LimitResult) -> str:
    """One sentence: "S3 excluded below X TeV at 95% CL (expected Y)"."""
    lo, hi = result.mass_range_GeV
    exp, obs = result.mass_limit_GeV.expected, result.mass_limit_GeV.observed

    def tev(x: float) -> str:
        return f"{x / 1000:.2f} TeV"

    exp_text = tev(exp) if exp is not None else f"none in {lo / 1000:g}-{hi / 1000:g} TeV"
    tag = " [projection]" if result.projection else ""
    if obs is not None:
        return f"{result.model} excluded below {tev(obs)} at 95% CL (expected {exp_text}){tag}"
    if exp is not None:
        return (f"{result.model} expected to be excluded below {tev(exp)} at 95% CL "
                f"(expected limit only: no observed data){tag}")
    return f"{result.model}: no mass crossing found in {lo:g}-{hi:g} GeV (expected){tag}"
