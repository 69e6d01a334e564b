"""Stored signal templates of the benchmark Z′ models for the fast validation checks.

``benchmark_templates.json`` holds, per benchmark model (Z′_SSM, Z′_ψ) and mass of
:data:`recast_analyses.cms_2103_02708.VALIDATION_MASSES`, recast's own signal in the 41 bins of this
search at 140 fb⁻¹ (events and MC-stat uncertainty) and σ×B(μμ) in pb, made from Pythia 8
events exactly as ``recast limits`` makes them (fast mode, seed 1,
:data:`recast_analyses.cms_2103_02708.VALIDATION_EVENTS` events per mass). They are our numbers,
not published ones: they let ``recast validate --fast`` run the likelihood and statistics of
the benchmark checks in seconds; the full run regenerates them (``tests/analyses/test_cms_2103_02708.py``
checks the stored file against fresh events). Regenerate with
``python -m recast_analyses.cms_2103_02708.templates``.
"""

from __future__ import annotations

import json
import sys
from functools import cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import numpy as np

__all__ = ["TEMPLATE_FILE", "load_templates", "make_templates", "mass_limit_from_templates"]

TEMPLATE_FILE = "benchmark_templates.json"
MODELS = ("Zp_SSM", "Zp_psi")


def __dir__() -> list[str]:
    return __all__


def make_templates(models: tuple[str, ...] = MODELS, *, jobs: int | None = 1) -> dict[str, Any]:
    """Generate the templates (Pythia; about 30 s for both models)."""
    from recast import __version__
    from recast.detector import DETECTOR_VERSION
    from recast.events import generate
    from recast.io import read_events, read_metadata
    from recast.models import get_model
    from recast_analyses.cms_2103_02708 import ANALYSIS, VALIDATION_EVENTS, VALIDATION_MASSES

    out: dict[str, Any] = {
        "source": (
            "recast Pythia 8 LO events (fast mode, seed 1), recast.detector; recast_analyses.cms_2103_02708.signal"
        ),
        "recast": __version__,
        "detector": DETECTOR_VERSION,
        "lumi_fb": ANALYSIS.lumi_fb,
        "events_per_mass": VALIDATION_EVENTS,
        "models": {},
    }
    for name in models:
        rows: dict[str, list[Any]] = {"mass_GeV": [], "xsec_pb": [], "signal": [], "signal_unc": []}
        for m in VALIDATION_MASSES:
            model = get_model(name, MZp=m)
            path = generate(model, n_events=VALIDATION_EVENTS, seed=1, jobs=jobs, fast=True, progress=False)
            ev = read_events(path, branches=list(ANALYSIS.branches))
            s, ds = ANALYSIS.signal(ev, lumi_fb=ANALYSIS.lumi_fb)["mumu"]
            rows["mass_GeV"].append(m)
            rows["xsec_pb"].append(float(read_metadata(path)["xsec_pb"]))
            rows["signal"].append([round(float(x), 6) for x in s])
            rows["signal_unc"].append([round(float(x), 6) for x in ds])
        out["models"][name] = rows
    return out


@cache
def load_templates() -> dict[str, Any]:
    """The shipped templates (``benchmark_templates.json``)."""
    doc: dict[str, Any] = json.loads(
        files("recast_analyses.cms_2103_02708").joinpath(TEMPLATE_FILE).read_text(encoding="utf-8")
    )
    return doc


def mass_limit_from_templates(model: str, *, observed: bool = True, templates: dict[str, Any] | None = None,
                              channel: str = "mumu") -> float:
    """95% lower mass limit [GeV] on *model* from the stored templates (Bayesian, 10 % xsec uncertainty).

    The same likelihood and method as ``recast limits`` (ZPRIME_XSEC_REL_UNC, the declared method).
    *channel* ``"ll"`` adds the ee spectrum with :meth:`CmsDimuon.ee_signal` at the template's
    σ×B(μμ) (Z′_SSM and Z′_ψ are lepton-universal: σ×B(ee) = σ×B(μμ)); ``"ee"`` uses ee alone.
    Cross-sections are recast's Pythia 8 LO (no NNLO K-factor).
    """
    from recast.models import ZPRIME_XSEC_REL_UNC
    from recast.stats import mass_limit, upper_limit
    from recast_analyses.cms_2103_02708 import ANALYSIS

    if channel not in ("mumu", "ee", "ll"):
        msg = f"unknown channel {channel!r} — use mumu, ee or ll"
        raise ValueError(msg)
    t = (templates or load_templates())["models"][model]
    mus = []
    for m, xs, s, ds in zip(t["mass_GeV"], t["xsec_pb"], t["signal"], t["signal_unc"], strict=True):
        sig = {} if channel == "ee" else {"mumu": (np.array(s), np.array(ds))}
        if channel != "mumu":
            sig["ee"] = ANALYSIS.ee_signal(m, sigma_fb=xs * 1000.0, lumi_fb=ANALYSIS.lumi_fb)
        ws = ANALYSIS.workspace(sig, lumi_fb=ANALYSIS.lumi_fb, xsec_rel_unc=ZPRIME_XSEC_REL_UNC)
        ul = upper_limit(ws, observed=observed, method=ANALYSIS.limit_method)
        mus.append(ul.observed if observed else ul.expected[2])
    lim = mass_limit(t["mass_GeV"], mus)
    return float("nan") if lim is None else float(lim)


if __name__ == "__main__":  # pragma: no cover - maintenance entry point
    target = Path(__file__).with_name(TEMPLATE_FILE)
    target.write_text(json.dumps(make_templates(), indent=1) + "\n")
    print(f"wrote {target}", file=sys.stderr)
