"""Small HTML helpers for the notebook representations (``_repr_html_``) of the API results."""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence

__all__ = ["fmt", "table"]


def __dir__() -> list[str]:
    return __all__


def fmt(value: object, spec: str = ".4g") -> str:
    """A number formatted with *spec*; None as an em dash; anything else as text."""
    if value is None:
        return "—"
    if isinstance(value, float):
        return format(value, spec)
    return str(value)


def table(header: Sequence[str], rows: Iterable[Sequence[object]], *, caption: str = "") -> str:
    """An HTML table (cells escaped) with an optional caption.

    Example:
        >>> table(["a", "b"], [[1, "<x>"]])
        '<table><tr><th>a</th><th>b</th></tr><tr><td>1</td><td>&lt;x&gt;</td></tr></table>'
    """
    cap = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    head = "<tr>" + "".join(f"<th>{html.escape(str(h))}</th>" for h in header) + "</tr>"
    body = "".join("<tr>" + "".join(f"<td>{html.escape(fmt(c))}</td>" for c in r) + "</tr>" for r in rows)
    return f"<table>{cap}{head}{body}</table>"
