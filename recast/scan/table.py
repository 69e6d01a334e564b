"""Summarise scan points per model, rank the models by viability, write CSV + JSON atomically.

Per model (one row):

* ``X_q``, ``X_mu``: quark charge and the muon's (X_L2/X_E2; the muon is family 2).
* ``excluded_obs`` / ``excluded_exp``: scanned masses excluded by our observed / expected
  dimuon limit (``excluded_pub_exp``: by the published expected limit, a cross-check), as
  ranges of consecutive scan points (``"500-2750"``; ``"none"``; ``"no DY"``
  for X_q = 0). Resolution: the mass step.
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
import tempfile
from collections.abc import Sequence
from pathlib import Path

from recast.exceptions import InvalidParameter, OutputExists
from recast.scan.points import MAX_WIDTH_RATIO, ScanModel

__all__ = ["CSV_COLUMNS", "format_ranges", "summarise", "write_outputs"]

CSV_COLUMNS = (
    "rank", "model", "charges", "X_q", "X_mu", "dimuon", "excluded_obs", "excluded_exp", "excluded_pub_exp", "wide",
    "flavour_1sigma", "flavour_2sigma", "viable", "viable_masses", "n_viable", "n_viable_2sigma",
)


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


def summarise(models: Sequence[ScanModel], masses: Sequence[float], points: Sequence[dict]) -> list[dict]:
    """One summary dict per model (with its ``points``), ranked (see the module docstring)."""
    grid = [float(m) for m in masses]
    by_model: dict[str, list[dict]] = {}
    for p in points:
        by_model.setdefault(p["model"], []).append(p)
    rows = []
    for model in models:
        pts = sorted(by_model.get(model.label, []), key=lambda p: p["mass_GeV"])
        xq = model.x_q
        no_dy = xq == 0

        def sel(key: str, pts=pts) -> list[float]:
            return [p["mass_GeV"] for p in pts if p[key]]

        wide = [p["mass_GeV"] for p in pts if not p["narrow"]]
        exc_obs, exc_exp, exc_pub = sel("excluded_obs"), sel("excluded_exp"), sel("excluded_pub_exp")
        viable, viable2 = sel("viable"), sel("viable_2sigma")
        max_abs = max(abs(x) for k in "QUDLEN" for x in getattr(model.charges, k))
        rows.append(
            {
                "model": model.label,
                "charges": model.charges.label(),
                "X_q": str(xq),
                "X_mu": f"{model.charges.L[1]}/{model.charges.E[1]}",
                "dimuon": "no DY (X_q = 0): no dimuon limit" if no_dy else "Drell-Yan, fiducial limit",
                "excluded_obs": "no DY" if no_dy else format_ranges(exc_obs, grid),
                "excluded_exp": "no DY" if no_dy else format_ranges(exc_exp, grid),
                "excluded_pub_exp": "no DY" if no_dy else format_ranges(exc_pub, grid),
                "wide": "n/a" if no_dy else format_ranges(wide, grid),
                "flavour_1sigma": format_ranges(sel("flavour_1sigma"), grid),
                "flavour_2sigma": format_ranges(sel("flavour_2sigma"), grid),
                "viable": bool(viable),
                "viable_masses": format_ranges(viable, grid),
                "n_viable": len(viable),
                "n_viable_2sigma": len(viable2),
                "ranges_GeV": {
                    "excluded_obs": None if no_dy else _ranges(exc_obs, grid),
                    "excluded_exp": None if no_dy else _ranges(exc_exp, grid),
                    "excluded_pub_exp": None if no_dy else _ranges(exc_pub, grid),
                    "wide": [] if no_dy else _ranges(wide, grid),
                    "flavour_1sigma": _ranges(sel("flavour_1sigma"), grid),
                    "flavour_2sigma": _ranges(sel("flavour_2sigma"), grid),
                    "viable": _ranges(viable, grid),
                },
                "_order": (-len(viable), -len(viable2), max_abs, model.label),
                "points": pts,
            }
        )
    rows.sort(key=lambda r: r["_order"])
    for i, r in enumerate(rows, 1):
        r["rank"] = i
        del r["_order"]
    return rows


def _atomic_texts(files: dict[Path, str]) -> None:
    """Write several files so that each appears complete or not at all."""
    tmps = {}
    try:
        for path, text in files.items():
            fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
            tmps[path] = tmp
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
                fh.write(text)
            mask = os.umask(0)
            os.umask(mask)
            os.chmod(tmp, 0o666 & ~mask)  # mkstemp makes 0600 files
        for path, tmp in tmps.items():
            os.replace(tmp, path)
    finally:
        for tmp in tmps.values():
            Path(tmp).unlink(missing_ok=True)


def write_outputs(out_dir: str | os.PathLike, rows: Sequence[dict], *, inputs: dict, force: bool = False) -> tuple[Path, Path]:
    """Write ``scan.csv`` (one row per model, :data:`CSV_COLUMNS`) and ``scan.json`` (rows with
    their points, the inputs and the conventions) into ``out_dir``, atomically.

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
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=list(CSV_COLUMNS), extrasaction="ignore", lineterminator="\n")
    w.writeheader()
    for r in rows:
        w.writerow(r)
    doc = {
        "inputs": inputs,
        "conventions": {
            "dimuon": "sigma_fid = (gX X_q)^2 sigma_unit(M) B(mumu) A_fid vs our 95% CL fiducial limits (arXiv:1903.06248)",
            "narrow_width": (
                "limits x (1 + (Gamma/M)/0.1 (w6/w1 - 1)) (HEPData t7); "
                f"points with Gamma/M > {MAX_WIDTH_RATIO:g} are not tested"
            ),
            "flavour": "some g_bs gives C_LL within the fit's n sigma with B_s mixing and trident within 2 sigma",
            "viable": "flavour-preferred at 1 sigma and not excluded by the dimuon search at some scanned mass",
            "ranking": "n_viable desc, n_viable_2sigma desc, max |charge| asc, label",
        },
        "count": len(rows),
        "models": list(rows),
    }
    _atomic_texts({csv_path: buf.getvalue(), json_path: json.dumps(doc, indent=1) + "\n"})
    return csv_path, json_path
