"""Validation checks: our number vs a published one, as declared in the YAML documents.

Two kinds of *suite* hold checks:

* an **analysis suite** per registered analysis: the ``validation`` list of its
  ``analysis.yaml`` (required by ``recast/schemas/1.0.0/analysis.schema.json``), measured by
  the plugin's ``measure_validation`` (see :mod:`recast.analysis.protocol`);
* a **model suite** (``flavour``, ``atlas``) in the package data file
  ``recast/data/1.0.0/validation.yaml``, measured by :mod:`recast.validation.measure`.

Every check has the same fields (the ``validation_check`` definition of the analysis schema):
``id``, ``group``, ``quantity``, optional ``x`` {value, unit}, ``published`` {value, unit,
source}, ``tolerance`` (relative), ``fast`` and optional ``known_deviation`` {measured, note}.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import yaml

from recast.exceptions import InvalidCard, UnknownAnalysis

__all__ = [
    "MODEL_SUITES_FILE",
    "Check",
    "KnownDeviation",
    "Suite",
    "analysis_suite",
    "checks_from_doc",
    "load_suites",
    "model_suites",
    "parse_model_suites",
    "suite_names",
]

#: package data file (``recast/data/1.0.0/``) with the model-level suites
MODEL_SUITES_FILE = "validation.yaml"


def __dir__() -> list[str]:
    return __all__


@dataclass(frozen=True)
class KnownDeviation:
    """A recorded, explained deviation beyond tolerance.

    Attributes:
        measured: our value when it was recorded (unit of the published value).
        note: why it deviates and what would fix it.
    """

    measured: float
    note: str


@dataclass(frozen=True)
class Check:
    """One validation check (one row of ``recast validate``).

    Attributes:
        id: unique within its suite, ``[a-z0-9_]+``.
        group: checks of one group are drawn together (ours vs published vs ``x``).
        quantity: what is compared, in words.
        published: the published value, in ``unit``.
        unit: unit of ``published`` (and of our value).
        source: where ``published`` comes from (paper table/figure, HEPData record, code).
        tolerance: PASS if ``|ours/published - 1| <= tolerance``.
        fast: part of ``recast validate --fast`` (seconds, no event generation).
        x: abscissa for the overlay plot, or None.
        x_unit: unit of ``x`` ("" if no ``x``).
        x_label: name of the abscissa for plots (e.g. ``"pole mass"``; "" if not given).
        known_deviation: recorded deviation beyond tolerance, or None.
    """

    id: str
    group: str
    quantity: str
    published: float
    unit: str
    source: str
    tolerance: float
    fast: bool
    x: float | None = None
    x_unit: str = ""
    x_label: str = ""
    known_deviation: KnownDeviation | None = None

    @classmethod
    def from_dict(cls, doc: dict[str, Any]) -> Check:
        """Build from one schema-valid YAML entry."""
        kd = doc.get("known_deviation")
        x = doc.get("x")
        return cls(
            id=doc["id"],
            group=doc["group"],
            quantity=doc["quantity"],
            published=float(doc["published"]["value"]),
            unit=doc["published"]["unit"],
            source=doc["published"]["source"],
            tolerance=float(doc["tolerance"]),
            fast=bool(doc["fast"]),
            x=None if x is None else float(x["value"]),
            x_unit="" if x is None else x["unit"],
            x_label="" if x is None else x.get("label", ""),
            known_deviation=None if kd is None else KnownDeviation(float(kd["measured"]), kd["note"]),
        )


@dataclass(frozen=True)
class Suite:
    """The checks of one analysis or one model-level area.

    Attributes:
        name: analysis id (``atlas_1903_06248``) or model suite name (``flavour``).
        kind: ``"analysis"`` or ``"model"``.
        title: one line for the report heading.
        checks: the checks, in document order.
        reference: paper / tool the suite is compared with (e.g. ``"arXiv:1903.06248"``).
        method: how our numbers are obtained (lines echoed in the report).
        approximations: the labelled approximations of the analysis or model (echoed).
    """

    name: str
    kind: str
    title: str
    checks: tuple[Check, ...]
    reference: str = ""
    method: tuple[str, ...] = field(default=())
    approximations: tuple[str, ...] = field(default=())

    def select(self, *, fast: bool) -> tuple[Check, ...]:
        """The checks to run (only ``fast: true`` ones if *fast*)."""
        return tuple(c for c in self.checks if c.fast or not fast)


def checks_from_doc(entries: Sequence[dict[str, Any]], *, where: str) -> tuple[Check, ...]:
    """Schema-valid YAML entries -> checks; ids must be unique.

    Raises:
        InvalidCard: a repeated check id.
    """
    checks = tuple(Check.from_dict(e) for e in entries)
    seen: set[str] = set()
    for c in checks:
        if c.id in seen:
            msg = f"{where}: validation check id {c.id!r} appears twice — give each check its own id"
            raise InvalidCard(msg)
        seen.add(c.id)
    return checks


def _suite_schema() -> dict[str, Any]:
    """Schema of ``validation.yaml``: the check definition is the analysis schema's own."""
    from recast.analysis.metadata import analysis_schema

    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "type": "object",
        "required": ["suites"],
        "additionalProperties": False,
        "definitions": analysis_schema()["definitions"],
        "properties": {
            "suites": {
                "type": "object",
                "minProperties": 1,
                "propertyNames": {"pattern": "^[a-z][a-z0-9_]*$"},
                "additionalProperties": {
                    "type": "object",
                    "required": ["title", "reference", "method", "validation"],
                    "additionalProperties": False,
                    "properties": {
                        "title": {"type": "string"},
                        "reference": {"type": "string"},
                        "method": {"type": "array", "items": {"type": "string"}},
                        "approximations": {"type": "array", "items": {"type": "string"}},
                        "validation": {"$ref": "#/definitions/validation_checks"},
                    },
                },
            }
        },
    }


def parse_model_suites(doc: Any, *, where: str = MODEL_SUITES_FILE) -> dict[str, Suite]:
    """Validate a parsed ``validation.yaml`` document and build its suites."""
    from recast.schemas import validate

    validate(doc, _suite_schema(), where=where, hint="validation check schema of analysis.schema.json 1.0.0")
    return {
        name: Suite(
            name=name,
            kind="model",
            title=s["title"],
            checks=checks_from_doc(s["validation"], where=f"{where} suite {name}"),
            reference=s["reference"],
            method=tuple(s["method"]),
            approximations=tuple(s.get("approximations", ())),
        )
        for name, s in doc["suites"].items()
    }


@cache
def model_suites() -> dict[str, Suite]:
    """The model-level suites of ``recast/data/1.0.0/validation.yaml`` (``flavour``, ``atlas``)."""
    from recast.data import data_file

    try:
        doc = yaml.safe_load(data_file(MODEL_SUITES_FILE).read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as err:
        msg = f"{MODEL_SUITES_FILE}: cannot read: {err} — reinstall recast"
        raise InvalidCard(msg) from err
    return parse_model_suites(doc)


def analysis_suite(analysis: Any) -> Suite:
    """The suite of an analysis plugin, from its parsed ``analysis.yaml`` (``analysis.meta``).

    Raises:
        InvalidCard: the plugin exposes no ``meta`` with a ``validation`` list.
    """
    meta: object = getattr(analysis, "meta", None)  # typed in Analysis, not demanded by the registry
    if not isinstance(meta, dict) or not meta.get("validation"):
        msg = (
            f"analysis {analysis.id!r} has no validation checks — add a `validation:` list to its "
            "analysis.yaml (see docs/validation.md)"
        )
        raise InvalidCard(msg)
    method = []
    for key in ("limit_method", "statistics", "method"):
        val = meta.get(key)
        if isinstance(val, dict):
            head = f"{key.replace('_', ' ')}: **{val['value']}**" if "value" in val else f"{key.replace('_', ' ')}:"
            method.append(" — ".join([head, *(f"{k}: {v}" for k, v in val.items() if k != "value")]))
        elif val is not None:
            method.append(f"{key.replace('_', ' ')}: {val}")
    return Suite(
        name=analysis.id,
        kind="analysis",
        title=meta.get("title", analysis.id),
        checks=checks_from_doc(meta["validation"], where=f"{analysis.id}/analysis.yaml"),
        reference=f"arXiv:{meta['arxiv']}" + (f", HEPData {meta['hepdata']}" if meta.get("hepdata") else ""),
        method=tuple(method),
        approximations=tuple(meta.get("approximations", ())),
    )


def suite_names() -> list[str]:
    """Names accepted by ``recast validate``: registered analysis ids, then model suites."""
    from recast.analysis import analysis_ids

    return [*analysis_ids(), *model_suites()]


def load_suites(names: Sequence[str] = ()) -> list[Suite]:
    """The suites named (all of them if *names* is empty), analyses first.

    Raises:
        UnknownAnalysis: a name that is neither an analysis id nor a model suite.
        InvalidCard: an analysis without validation checks.
        AnalysisLoadError: an analysis plugin that fails to load.
    """
    from recast.analysis import get_analysis

    valid = suite_names()
    for n in names:
        if n not in valid:
            msg = f"unknown analysis or suite {n!r} — choose from {', '.join(valid)}"
            raise UnknownAnalysis(msg)
    wanted = list(dict.fromkeys(names)) or valid
    models = model_suites()
    return [models[n] if n in models else analysis_suite(get_analysis(n)) for n in wanted]
