"""The results of :func:`recast.api.atlas`: an atlas listing (:class:`Atlas`) or one checked assignment
(:class:`AtlasCheck`)."""

from __future__ import annotations

import html
import os
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from recast.api._html import table

if TYPE_CHECKING:
    from recast.u1x import Report, Solution

__all__ = ["Atlas", "AtlasCheck"]


def __dir__() -> list[str]:
    return __all__


@dataclass(frozen=True)
class Atlas:
    """Inequivalent anomaly-free U(1)_X charge assignments (arXiv:2107.07518), possibly filtered.

    Attributes:
        solutions: the classes (:class:`recast.u1x.Solution`), atlas-id order.
        max_charge: every charge is an integer in [-max_charge, max_charge].
        quark_class: ``"universal"`` or ``"2+1"``.
        construction: 2+1 class: ``"paper"`` or ``"free"``; None for the universal class.
        filters: ``{"muoquark": ..., "category": ...}`` as given (None: not applied).
        counts: number of classes before any filter and after each one, in order.
    """

    solutions: tuple[Solution, ...]
    max_charge: int
    quark_class: str
    construction: str | None
    filters: dict[str, str | None] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)

    def __len__(self) -> int:
        return len(self.solutions)

    @cached_property
    def rows(self) -> list[dict[str, Any]]:
        """One flat dict per class (id, q, L1..N3, category, vector, S3, S1, R2, Spm); computed once."""
        from recast.u1x import atlas_rows

        return atlas_rows(self.solutions)

    def to_dict(self) -> dict[str, Any]:
        """The ``recast atlas --json`` document."""
        from recast.u1x.enumerate import EQUIVALENCE

        rows = self.rows
        return {
            "max_charge": self.max_charge,
            "class": self.quark_class,
            **({"construction": self.construction} if self.construction else {}),
            "equivalence": EQUIVALENCE,
            "filters": {k: v for k, v in self.filters.items() if v is not None},
            "count": len(rows),
            "solutions": rows,
        }

    def write_json(self, path: str | os.PathLike[str], *, force: bool = False) -> None:
        """Write :meth:`to_dict` atomically (as ``recast atlas --json``)."""
        from recast.u1x import write_json

        write_json(path, self.rows, max_charge=self.max_charge, quark_class=self.quark_class,
                   construction=self.construction, force=force, filters=self.filters)

    def write_csv(self, path: str | os.PathLike[str], *, force: bool = False) -> None:
        """Write the rows as CSV atomically (as ``recast atlas --csv``)."""
        from recast.u1x import write_csv

        write_csv(path, self.rows, force=force)

    def __repr__(self) -> str:
        filt = ", ".join(f"{k}={v}" for k, v in self.filters.items() if v is not None)
        cons = f", construction {self.construction}" if self.construction else ""
        return (f"<Atlas {len(self)} classes: {self.quark_class} class, |X| <= {self.max_charge}{cons}"
                f"{', ' + filt if filt else ''}>")

    def _repr_html_(self, max_rows: int = 50) -> str:
        rows = self.rows
        cols = list(rows[0]) if rows else []
        shown = [[r[c] for c in cols] for r in rows[:max_rows]]
        more = f"<p>... {len(rows) - max_rows} more (.rows, .to_dict())</p>" if len(rows) > max_rows else ""
        return f"<div><p>{html.escape(repr(self))}</p>{table(cols, shown)}{more}</div>"


@dataclass(frozen=True)
class AtlasCheck:
    """One checked charge assignment: anomaly sums, muoquark verdicts, atlas id.

    Attributes:
        report: the :class:`recast.u1x.Report` (``recast atlas check``/``show``).
    """

    report: Report

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_") or name == "report":
            raise AttributeError(name)
        return getattr(self.report, name)

    @property
    def anomaly_free(self) -> bool:
        """All six anomaly sums vanish."""
        return self.report.ok

    def to_dict(self) -> dict[str, Any]:
        """The ``recast atlas check --json`` document."""
        return self.report.as_dict()

    def text(self) -> str:
        """The report as ``recast atlas check`` prints it."""
        return self.report.text()

    def __repr__(self) -> str:
        r = self.report
        lqs = [lq for lq, m in r.muoquarks.items() if m.ok]
        verdict = "anomaly-free" if r.ok else "ANOMALOUS (" + ", ".join(r.failing) + ")"
        return (f"<AtlasCheck {r.title}: {verdict}, {r.category}, atlas id {r.atlas_id or '-'}, "
                f"muoquarks: {', '.join(lqs) or 'none'}>")

    def _repr_html_(self) -> str:
        return f"<pre>{html.escape(self.text())}</pre>"
