"""Which change moved the LQ limits: the μμjj analysis re-run with one change at a time.

Study script (not used by ``recast limits``): for each configuration of
:data:`CONFIGS` the background is re-selected from the cached background events of
``make_background --events-dir DIR`` (same Pythia events and K-factors as the shipped
``background.json``) and the expected mass limits of the S1 → cμ (B(μq) = 1) and S3
benchmark points are recomputed with the cached signal events of :mod:`recast.events`.

Run ``python -m scripts.lq_mumujj.changes --events-dir DIR [--events 3000]``; it prints a
Markdown table (docs/readme/lq_analysis.md).
"""

from __future__ import annotations

import argparse
import json
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["CONFIGS", "Config", "main", "run"]


def __dir__() -> list[str]:
    return __all__


@dataclass(frozen=True)
class Config:
    """One analysis configuration (see :class:`recast_analyses.lq_mumujj.selection.Options`)."""

    label: str
    muon_wp: str
    btag: str
    systematics: bool
    other: bool


#: Cumulative steps from recast's 1.0.0 analysis to the current one, then each change alone.
CONFIGS: tuple[Config, ...] = (
    Config("1.0.0 model (Medium muons, flat 77% b-tag, MC-stat + norm. unc. only)", "medium", "flat", False, False),
    Config("+ High-pT muon working point", "highpt", "flat", False, False),
    Config("+ pT-dependent b-tag (truth tagging)", "highpt", "pt", False, False),
    Config("+ experimental systematics (lumi, muon, JES/JER, b-tag)", "highpt", "pt", True, False),
    Config("+ diboson/Wt/fakes bound (10%, within a factor 2) = current", "highpt", "pt", True, True),
    Config("1.0.0 + High-pT muon WP only", "highpt", "flat", False, False),
    Config("1.0.0 + pT-dependent b-tag only", "medium", "pt", False, False),
    Config("1.0.0 + experimental systematics only", "medium", "flat", True, False),
    Config("1.0.0 + other-background bound only", "medium", "flat", False, True),
)


def run(events_dir: Path, *, n_events: int = 3000, benchmarks: tuple[str, ...] = ("cmu", "s3"),
        configs: tuple[Config, ...] = CONFIGS, background_json: Path | None = None) -> list[dict[str, Any]]:
    """Expected mass limits (GeV) per configuration and benchmark."""
    import recast.chain
    from recast_analyses.lq_mumujj import ANALYSIS, selection
    from recast_analyses.lq_mumujj.background import parse_background
    from recast_analyses.lq_mumujj.validation import expected_mass_limit
    from scripts.lq_mumujj.make_background import make_background, shipped_background_file

    ref = json.loads((background_json or shipped_background_file()).read_text())
    k_factors = {p: {k: v for k, v in d["normalisation"].items() if k.startswith(("sigma_LO", "k_factor"))}
                 for p, d in ref["processes"].items() if "k_factor" in d["normalisation"]}
    rows, bkg_cache = [], {}
    saved = (ANALYSIS.options, ANALYSIS.experimental_systematics, ANALYSIS.include_other, ANALYSIS.background_override)
    try:
        for cfg in configs:
            t0 = time.time()
            opts = selection.Options(muon_wp=cfg.muon_wp, btag=cfg.btag)
            key = (cfg.muon_wp, cfg.btag, cfg.systematics)
            if key not in bkg_cache:
                doc = make_background(events_dir=events_dir, options=opts, k_factors=k_factors,
                                      systematics=cfg.systematics, progress=False)
                bkg_cache[key] = parse_background(doc, "study")
            ANALYSIS.options = opts
            ANALYSIS.experimental_systematics = cfg.systematics
            ANALYSIS.include_other = cfg.other
            ANALYSIS.background_override = bkg_cache[key]
            row: dict[str, Any] = {"config": cfg.label}
            for bm in benchmarks:
                scan = expected_mass_limit(bm, chain=recast.chain, n_events=n_events)
                row[bm] = scan.mass_limit_GeV
                row[f"{bm}_scan"] = scan
            row["seconds"] = round(time.time() - t0)
            rows.append(row)
            print(row["config"], {b: row[b] for b in benchmarks}, f"{row['seconds']} s", flush=True)
    finally:
        ANALYSIS.options, ANALYSIS.experimental_systematics, ANALYSIS.include_other, ANALYSIS.background_override = (
            saved
        )
    return rows


def _gev(v: float | None) -> str:
    return "none" if v is None else f"{v:.0f}"


def main(argv: list[str] | None = None) -> int:
    """Print the table of limits per configuration."""
    ap = argparse.ArgumentParser(
        prog="python -m scripts.lq_mumujj.changes", description=__doc__.splitlines()[0]
    )
    ap.add_argument("--events-dir", type=Path, required=True, help="make_background --events-dir of the shipped file")
    ap.add_argument("--events", type=int, default=3000, help="signal events per state and mass (default 3000)")
    ap.add_argument(
        "--background", type=Path, default=None, help="background.json with the K-factors (default: shipped)"
    )
    args = ap.parse_args(argv)
    rows = run(args.events_dir, n_events=args.events, background_json=args.background)
    print("| change | S1 -> c mu (B(mu q) = 1) [GeV] | S3 benchmark [GeV] |")
    print("|---|---|---|")
    for r in rows:
        print(f"| {r['config']} | {_gev(r['cmu'])} | {_gev(r['s3'])} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
