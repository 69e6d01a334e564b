"""``analysis.yaml``: read, validate against the versioned schema, expose as attributes.

Every analysis folder ships an ``analysis.yaml`` (schema
``recast/schemas/1.0.0/analysis.schema.json``). :class:`AnalysisBase` reads it once and
fills the :class:`~recast.analysis.protocol.Analysis` attributes (``id``, ``arxiv``,
``sqrt_s_GeV``, ``lumi_fb``, ``applies_to``, ``has_observed``, ``approximations``) from it,
so a plugin only writes ``branches``, ``signal`` and ``workspace``.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from typing import TYPE_CHECKING, Any

import yaml

from recast.exceptions import InvalidCard
from recast.schemas import SCHEMA_VERSION, load_schema, validate  # SCHEMA_VERSION re-exported (one home)

if TYPE_CHECKING:  # importlib.resources.abc is Python >= 3.11 (requires-python >= 3.10)
    from importlib.resources.abc import Traversable

__all__ = ["SCHEMA_VERSION", "AnalysisBase", "analysis_schema", "load_metadata", "validate_metadata"]


def __dir__() -> list[str]:
    return __all__


@cache
def analysis_schema() -> dict[str, Any]:
    """The JSON schema of ``analysis.yaml`` (``recast/schemas/1.0.0/analysis.schema.json``)."""
    return load_schema("analysis.schema.json", SCHEMA_VERSION)


def validate_metadata(doc: Any, *, where: str = "analysis.yaml") -> dict[str, Any]:
    """Validate a parsed ``analysis.yaml`` document; return it.

    Raises:
        InvalidCard: the document breaks the schema (message gives the JSON path).
    """
    checked: dict[str, Any] = validate(
        doc, analysis_schema(), where=where, hint=f"schema analysis.schema.json {SCHEMA_VERSION}"
    )
    return checked


def load_metadata(source: str | Traversable) -> dict[str, Any]:
    """Read and validate ``analysis.yaml`` of an analysis package (or a file path / resource).

    Args:
        source: an importable package name (``"recast_analyses.atlas_1903_06248"``) whose folder
            holds ``analysis.yaml``, or a Traversable / path to the YAML file itself.

    Raises:
        InvalidCard: unreadable YAML or schema violation.

    Example:
        >>> load_metadata("recast_analyses.atlas_1903_06248")["arxiv"]
        '1903.06248'
    """
    if isinstance(source, str) and not source.endswith((".yaml", ".yml")):
        res: Traversable = files(source).joinpath("analysis.yaml")
    elif isinstance(source, str):
        from pathlib import Path

        res = Path(source)
    else:
        res = source
    where = str(res)
    try:
        doc = yaml.safe_load(res.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as err:
        msg = f"{where}: cannot read analysis metadata: {err}"
        raise InvalidCard(msg) from err
    return validate_metadata(doc, where=where)


class AnalysisBase:
    """Convenience base: attributes of the Analysis contract from ``analysis.yaml``.

    Subclasses set ``package`` (the import name of their folder) and ``branches``, and
    implement ``signal`` and ``workspace``. The parsed document is ``self.meta``.
    """

    package: str = ""
    branches: tuple[str, ...] = ()

    def __init__(self) -> None:
        self.meta = load_metadata(self.package)
        self.id: str = self.meta["id"]
        self.arxiv: str = self.meta["arxiv"]
        self.title: str = self.meta["title"]
        self.sqrt_s_GeV: float = float(self.meta["sqrt_s_GeV"]["value"])
        self.lumi_fb: float = float(self.meta["lumi_fb"]["value"])
        self.applies_to: tuple[str, ...] = tuple(self.meta["applies_to"])
        self.has_observed: bool = bool(self.meta["has_observed"])
        self.approximations: list[str] = list(self.meta["approximations"])
        #: The limit method the paper used (``analysis.yaml`` ``limit_method``; asymptotic CLs if absent).
        self.limit_method: str = str(self.meta.get("limit_method", {}).get("value", "asymptotic"))

    def data_file(self, name: str) -> Traversable:
        """A file shipped in the analysis folder (read with importlib.resources)."""
        return files(self.package).joinpath(name)

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.id} arXiv:{self.arxiv} {self.lumi_fb:g} fb^-1>"
