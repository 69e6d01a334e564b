"""JSON Schemas of recast's documents (versioned folders) and the one validator for them."""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import Any

import jsonschema

from recast.exceptions import InvalidCard

__all__ = ["SCHEMA_VERSION", "json_path", "load_schema", "validate"]

SCHEMA_VERSION = "1.0.0"


def __dir__() -> list[str]:
    return __all__


@cache
def load_schema(name: str, version: str = SCHEMA_VERSION) -> dict[str, Any]:
    """The shipped schema ``recast/schemas/<version>/<name>``."""
    schema: dict[str, Any] = json.loads(files("recast.schemas").joinpath(version, name).read_text(encoding="utf-8"))
    return schema


def json_path(parts: Any) -> str:
    """``$['points'][2]['mu_ul_exp']`` from a jsonschema error path.

    Example:
        >>> json_path(["points", 2, "mu_ul_exp"])
        "$['points'][2]['mu_ul_exp']"
    """
    return "$" + "".join(f"[{p!r}]" if isinstance(p, str) else f"[{p}]" for p in parts)


def validate(doc: Any, schema: dict[str, Any], *, where: str, hint: str = "") -> Any:
    """Validate *doc* against *schema* (draft 7); return it unchanged.

    Raises:
        InvalidCard: ``"<where>: <JSON path>: <what is wrong> (<hint>)"`` for the first error.
    """
    validator = jsonschema.Draft7Validator(schema)
    errors = sorted(validator.iter_errors(doc), key=lambda e: [str(p) for p in e.absolute_path])
    if errors:
        err = errors[0]
        msg = f"{where}: {json_path(err.absolute_path)}: {err.message}" + (f" ({hint})" if hint else "")
        raise InvalidCard(msg)
    return doc
