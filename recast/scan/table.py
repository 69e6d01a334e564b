"""Summarise scan points per model, rank the models by viability, write CSV + JSON atomically.

Per model (one row):

* ``X_q``, ``X_mu``: quark charge and the muon's (X_L2/X_E2; the muon is family 2).
* ``dimuon``: how the dimuon searches were used (combined, or the best expected one per mass).
* ``constraining_search``: per search, the scanned masses where it has the best expected
  limit (``"cms_2103_02708: 3000-5000; atlas_1903_06248: 500-2750"``).
* ``excluded_obs`` / ``excluded_exp``: scanned masses excluded by the quoted observed /
  expected verdict (the combination where allowed, else the constraining search), as ranges
  of consecutive scan points (``"500-2750"``; ``"none"``; ``"no DY"`` for X_q = 0).
  Resolution: the mass step. ``excluded_obs_single``: by the constraining search alone;
  ``excluded_obs_combined`` / ``excluded_exp_combined``: by the combination (``"n/a"`` where
  the searches cannot be combined); ``excluded_pub_exp``: by the published ATLAS expected
  fiducial limit (a cross-check).
* ``wide``: masses with Γ/M > 10% (narrow-width limits not applicable: not tested).
* ``flavour_1sigma`` / ``flavour_2sigma``: masses where some g_bs puts C_LL within the fit's
  1σ / 2σ range with B_s mixing and trident within 2σ.
* ``viable``: True if some scanned mass is flavour-preferred at 1σ and not excluded (and
  tested, i.e. narrow or without DY production); ``viable_masses`` lists them.

Ranking (``rank`` 1 = most viable): number of viable masses (1σ), then of masses viable at
2σ, then the smallest largest-|charge| (simpler charges first), then the atlas label.
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from recast.atomic import write_texts
from recast.exceptions import InvalidParameter, OutputExists
from recast.scan.points import MAX_WIDTH_RATIO, ScanModel

__all__ = ["CSV_COLUMNS", "csv_text", "format_ranges", "scan_output_paths", "summarise", "write_outputs"]

CSV_COLUMNS = (
    "rank", "model", "charges", "X_q", "X_mu", "dimuon", "constraining_search", "excluded_obs", "excluded_exp",
    "excluded_obs_single", "excluded_obs_combined", "excluded_exp_combined", "excluded_pub_exp", "wide",
    "flavour_1sigma", "flavour_2sigma", "viable", "viable_masses", "n_viable", "n_viable_2sigma",
)
#: Per-point verdicts summarised as mass ranges (``ranges_GeV`` in scan.json).
_RANGE_KEYS = ("excluded_obs", "excluded_exp", "excluded_obs_single", "excluded_obs_combined", "excluded_exp_combined",
               "excluded_pub_exp")


def __dir__() -> list[str]:
    return __all__


def format_ranges(selected: Sequence[float], grid: Sequence[float]) -> str:
    """Consecutive runs of ``selected`` on ``grid`` as ``"a-b, c"`` (GeV); ``"none"`` if empty.

    Example:
        >>> format_ranges([500, 750, 1000, 2000], [500, 750, 1000, 1500, 2000])
        '500-1000, 2000'
    """
    chosen = set(selected)
    runs: list[list[float]] = []
    prev_in = False
    for m in grid:
        if m in chosen:
            if prev_in:
                runs[-1][1] = m
            else:
                runs.append([m, m])
            prev_in = True
        else:
            prev_in = False
    if not runs:
        return "none"
    return ", ".join(f"{a:g}" if a == b else f"{a:g}-{b:g}" for a, b in runs)


def _ranges(selected: Sequence[float], grid: Sequence[float]) -> list[list[float]]:
    text = format_ranges(selected, grid)
    if text == "none":
        return []
    out = []
    for part in text.split(", "):
        a, _, b = part.partition("-")
        out.append([float(a), float(b or a)])
    return out


def _constraining(pts: Sequence[dict[str, Any]], grid: Sequence[float]) -> str:
    """``"id: ranges; id: ranges"``: where each search has the best expected limit."""
    ids = list(dict.fromkeys(p["constraining"] for p in pts if p.get("constraining")))
    return "; ".join(f"{aid}: {format_ranges([p['mass_GeV'] for p in pts if p['constraining'] == aid], grid)}"
                     for aid in ids) or "none"


def _dimuon_text(pts: Sequence[dict[str, Any]]) -> str:
    combos = {p["combination"] for p in pts}
    searches = sorted({aid for p in pts for aid in p["searches"]})
    if combos == {"combined"}:
        return "Drell-Yan: " + " + ".join(searches) + " combined"
    if "combined" in combos:
        return "Drell-Yan: combined where allowed, else the best expected of " + ", ".join(searches)
    return "Drell-Yan: best expected of " + ", ".join(searches)


def _dimuon_columns(pts: Sequence[dict[str, Any]], grid: Sequence[float], no_dy: bool) -> dict[str, Any]:
    """The dimuon columns of one model and their ``ranges_GeV``."""
    if no_dy:
        return {"dimuon": "no DY (X_q = 0): no dimuon limit", "constraining_search": "no DY", "wide": "n/a",
                **{k: "no DY" for k in _RANGE_KEYS},
                "ranges_GeV": {"wide": [], **{k: None for k in _RANGE_KEYS}}}
    combinable = any(p["combined"] is not None for p in pts)
    sel = {k: [p["mass_GeV"] for p in pts if p[k]] for k in _RANGE_KEYS}
    wide = [p["mass_GeV"] for p in pts if not p["narrow"]]
    text = {k: format_ranges(v, grid) for k, v in sel.items()}
    ranges: dict[str, Any] = {k: _ranges(v, grid) for k, v in sel.items()}
    if not combinable:
        text |= {"excluded_obs_combined": "n/a", "excluded_exp_combined": "n/a"}
        ranges |= {"excluded_obs_combined": None, "excluded_exp_combined": None}
    return {"dimuon": _dimuon_text(pts), "constraining_search": _constraining(pts, grid), **text,
            "wide": format_ranges(wide, grid), "ranges_GeV": {**ranges, "wide": _ranges(wide, grid)}}


def _model_row(model: ScanModel, pts: list[dict[str, Any]], grid: Sequence[float]) -> dict[str, Any]:
    def sel(key: str) -> list[float]:
        return [p["mass_GeV"] for p in pts if p[key]]

    viable, viable2 = sel("viable"), sel("viable_2sigma")
    max_abs = max(abs(x) for k in "QUDLEN" for x in getattr(model.charges, k))
    row = {"model": model.label, "charges": model.charges.label(), "X_q": str(model.x_q),
           "X_mu": f"{model.charges.L[1]}/{model.charges.E[1]}", **_dimuon_columns(pts, grid, model.x_q == 0)}
    for key in ("flavour_1sigma", "flavour_2sigma"):
        row[key] = format_ranges(sel(key), grid)
        row["ranges_GeV"][key] = _ranges(sel(key), grid)
    row["ranges_GeV"]["viable"] = _ranges(viable, grid)
    return row | {"viable": bool(viable), "viable_masses": format_ranges(viable, grid), "n_viable": len(viable),
                  "n_viable_2sigma": len(viable2), "_order": (-len(viable), -len(viable2), max_abs, model.label),
                  "points": pts}


def summarise(models: Sequence[ScanModel], masses: Sequence[float],
              points: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """One summary dict per model (with its ``points``), ranked (see the module docstring)."""
    grid = [float(m) for m in masses]
    by_model: dict[str, list[dict[str, Any]]] = {}
    for p in points:
        by_model.setdefault(p["model"], []).append(p)
    rows = [_model_row(m, sorted(by_model.get(m.label, []), key=lambda p: p["mass_GeV"]), grid) for m in models]
    rows.sort(key=lambda r: r["_order"])
    for i, r in enumerate(rows, 1):
        r["rank"] = i
        del r["_order"]
    return rows


def scan_output_paths(out_dir: str | os.PathLike[str], *, force: bool = False) -> tuple[Path, Path]:
    """``scan.csv`` and ``scan.json`` in *out_dir* (created), checked before any work.

    Raises:
        OutputExists: a file exists and ``force`` is False.
        InvalidParameter: ``out_dir`` exists and is not a directory.
    """
    d = Path(out_dir)
    if d.exists() and not d.is_dir():
        msg = f"--out {d} exists and is not a directory; choose a directory"
        raise InvalidParameter(msg)
    d.mkdir(parents=True, exist_ok=True)
    csv_path, json_path = d / "scan.csv", d / "scan.json"
    for p in (csv_path, json_path):
        if p.exists() and not force:
            msg = f"output file {p} exists; pass --force to overwrite it"
            raise OutputExists(msg)
    return csv_path, json_path


def csv_text(rows: Sequence[dict[str, Any]], columns: Sequence[str]) -> str:
    """*rows* as CSV text with the header *columns* (other keys ignored)."""
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=list(columns), extrasaction="ignore", lineterminator="\n")
    w.writeheader()
    w.writerows(rows)
    return buf.getvalue()


def write_outputs(out_dir: str | os.PathLike[str], rows: Sequence[dict[str, Any]], *, inputs: dict[str, Any],
                  force: bool = False) -> tuple[Path, Path]:
    """Write ``scan.csv`` (one row per model, :data:`CSV_COLUMNS`) and ``scan.json`` (rows with
    their points, the inputs and the conventions) into ``out_dir``, atomically.

    Raises:
        OutputExists: a file exists and ``force`` is False.
        InvalidParameter: ``out_dir`` exists and is not a directory.
    """
    csv_path, json_path = scan_output_paths(out_dir, force=force)
    doc = {
        "inputs": inputs,
        "conventions": {
            "dimuon": (
                "sigma x B(mumu) = (gX X_q)^2 sigma_unit(M) B(mumu) vs each Z' search's 95% CL limit on "
                "sigma x B(mumu) "
                "[pb] at M (recast.chain.evaluate_point on a narrow reference Z'); per mass the constraining search "
                "has the best expected limit; searches on different data sets combined (recast.stats.combine); the "
                "quoted verdict (excluded_obs/exp) is the combined one where allowed"
            ),
            "narrow_width": (
                "limits x (1 + (Gamma/M)/0.1 (w6/w1 - 1)) (ATLAS HEPData t7, applied to every search: approximation); "
                f"points with Gamma/M > {MAX_WIDTH_RATIO:g} are not tested"
            ),
            "cross_check": "excluded_pub_exp: sigma x B x A_fid vs the published ATLAS expected fiducial limit (t7)",
            "flavour": "some g_bs gives C_LL within the fit's n sigma with B_s mixing and trident within 2 sigma",
            "viable": "flavour-preferred at 1 sigma and not excluded (quoted observed verdict) at some scanned mass",
            "ranking": "n_viable desc, n_viable_2sigma desc, max |charge| asc, label",
        },
        "count": len(rows),
        "models": list(rows),
    }
    write_texts({csv_path: csv_text(rows, CSV_COLUMNS), json_path: json.dumps(doc, indent=1) + "\n"})
    return csv_path, json_path
