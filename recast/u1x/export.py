"""Atlas tables: filters, flat rows and atomic JSON/CSV output."""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from recast.atomic import write_text
from recast.exceptions import InvalidParameter, OutputExists
from recast.u1x.enumerate import EQUIVALENCE, Solution
from recast.u1x.muoquark import LEPTOQUARK_NAMES, solution_flags

__all__ = ["CSV_COLUMNS", "atlas_rows", "filter_atlas", "write_csv", "write_json"]

#: Columns of ``--csv`` (and keys of each ``--json`` solution); ``q`` is ``q3`` in the 2+1 class,
#: which also has a last column ``extends`` (the universal id it extends, empty if none).
CSV_COLUMNS = ("id", "q", "L1", "L2", "L3", "E1", "E2", "E3", "N1", "N2", "N3", "category", "vector", *LEPTOQUARK_NAMES)


def __dir__() -> list[str]:
    return __all__


def filter_atlas(
    solutions: Iterable[Solution], *, muoquark: str | None = None, category: str | None = None
) -> list[Solution]:
    """Keep the classes where ``muoquark`` is a muoquark (some labelling) / of ``category``.

    Example:
        >>> from recast.u1x.enumerate import enumerate_atlas
        >>> len(filter_atlas(enumerate_atlas(max_charge=10), category="chiral"))
        21
    """
    out = list(solutions)
    if muoquark is not None:
        names = {n.lower(): n for n in LEPTOQUARK_NAMES}
        if muoquark.lower() not in names:
            msg = f"unknown leptoquark {muoquark!r}; valid: {', '.join(LEPTOQUARK_NAMES)}"
            raise InvalidParameter(msg)
        lq = names[muoquark.lower()]
        out = [s for s in out if solution_flags(s)[lq]]
    if category is not None:
        if category not in ("vector", "chiral"):
            msg = f"category must be vector or chiral, got {category!r}"
            raise InvalidParameter(msg)
        out = [s for s in out if s.vector == (category == "vector")]
    return out


def atlas_rows(solutions: Iterable[Solution]) -> list[dict[str, Any]]:
    """One flat dict per class: id, q (or q3), L1..N3, category, vector, S3, S1, R2, Spm.

    2+1 rows end with ``extends``: the id of the quark-universal class the row extends
    (X_q12 = 0, X_q3 = 3 X_q), or None (only in the free X_q3 scan).

    Lepton charges are in the standard labelling of
    :func:`recast.u1x.muoquark.standard_labelling` (muon = family 2, as in
    ``recast atlas show ID``); ``vector`` and the LQ flags hold for some labelling.
    """
    rows = []
    for s in solutions:
        qkey = "q" if s.quark_class == "universal" else "q3"
        row: dict[str, Any] = {"id": s.id, qkey: s.q}
        ch = s.charges()  # standard labelling: the muon is family 2
        for sp in ("L", "E", "N"):
            row |= {f"{sp}{i + 1}": int(x) for i, x in enumerate(getattr(ch, sp))}
        row |= {"category": "vector" if s.vector else "chiral", "vector": s.vector}
        row |= solution_flags(s)
        if s.quark_class == "2+1":
            row["extends"] = s.extends
        rows.append(row)
    return rows


def _atomic_write(path: str | os.PathLike[str], text: str, *, force: bool) -> None:
    target = Path(path)
    if target.exists() and not force:
        msg = f"output file {target} exists; pass --force to overwrite it"
        raise OutputExists(msg)
    if not target.parent.is_dir():
        msg = f"directory {target.parent} of output file {target.name} does not exist; create it first"
        raise InvalidParameter(msg)
    write_text(target, text)


def write_json(
    path: str | os.PathLike[str],
    rows: Sequence[dict[str, Any]],
    *,
    max_charge: int,
    quark_class: str,
    construction: str | None = None,
    filters: dict[str, Any] | None = None,
    force: bool = False,
) -> None:
    """Write ``rows`` (from :func:`atlas_rows`) with the conventions as JSON, atomically.

    ``construction`` (2+1 class: ``paper`` or ``free``) is recorded when given.
    """
    doc = {
        "max_charge": max_charge,
        "class": quark_class,
        **({"construction": construction} if construction else {}),
        "equivalence": EQUIVALENCE,
        "filters": {k: v for k, v in (filters or {}).items() if v is not None},
        "count": len(rows),
        "solutions": list(rows),
    }
    _atomic_write(path, json.dumps(doc, indent=1) + "\n", force=force)


def write_csv(path: str | os.PathLike[str], rows: Sequence[dict[str, Any]], *, force: bool = False) -> None:
    """Write ``rows`` as CSV (header = :data:`CSV_COLUMNS`, ``q3`` for the 2+1 class), atomically."""
    cols = list(CSV_COLUMNS)
    if rows and "q3" in rows[0]:
        cols[1] = "q3"
        cols.append("extends")
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=cols, lineterminator="\n")
    w.writeheader()
    for r in rows:
        w.writerow({c: (int(v) if isinstance(v, bool) else ("" if v is None else v)) for c, v in r.items()})
    _atomic_write(path, buf.getvalue(), force=force)
