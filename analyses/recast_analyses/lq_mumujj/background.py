"""The shipped, simulated SM background of the LQ-pair → μμjj search.

``background.json`` (package data next to this module) is written by
``python -m scripts.lq_mumujj.make_background``: Pythia 8 Z/γ*(→μμ)+jets and dileptonic
tt̄ through recast's fast detector and :mod:`recast_analyses.lq_mumujj.selection`, normalised to
cited inclusive cross-sections. Yields are expected events per fb⁻¹ in each m_LQ^min bin.

Example:
    >>> bkg = load_background()
    >>> bkg.regions
    ('SR_0b', 'SR_1b')
    >>> sorted(bkg.processes)
    ['other', 'ttbar', 'zjets']
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from typing import Any

from recast.exceptions import InconsistentCard, InvalidCard

__all__ = ["BACKGROUND_FILE", "Background", "Process", "load_background", "parse_background"]


def __dir__() -> list[str]:
    return __all__


#: File name of the shipped background histograms (package data of ``recast_analyses.lq_mumujj``).
BACKGROUND_FILE = "background.json"


@dataclass(frozen=True)
class Process:
    """One background process: yields and MC variances per region, per fb⁻¹.

    Attributes:
        name: process id (``zjets``, ``ttbar``).
        label: human-readable description.
        yields_per_fb: ``{region: expected events per bin per fb⁻¹}``.
        variances_per_fb2: ``{region: MC-stat variance per bin per (fb⁻¹)²}``.
        mc_events: ``{region: unweighted MC events selected per bin}``.
        rel_unc: relative normalisation uncertainty (e.g. 0.5 = 50%).
        normalisation: how the LO σ was scaled (reference σ in pb, its source, K-factor).
        systematics: ``{variation: {"up"|"down": {region: events per bin per fb⁻¹}}}``, the
            experimental variations of :data:`recast_analyses.lq_mumujj.selection.SYSTEMATICS`.
    """

    name: str
    label: str
    yields_per_fb: dict[str, list[float]]
    variances_per_fb2: dict[str, list[float]]
    mc_events: dict[str, list[int]]
    rel_unc: float
    normalisation: dict[str, Any]
    systematics: dict[str, dict[str, dict[str, list[float]]]] = field(default_factory=dict)

    def expected(self, region: str, *, lumi_fb: float) -> tuple[list[float], list[float]]:
        """(expected events per bin, MC-stat uncertainty per bin) at ``lumi_fb`` fb⁻¹."""
        y = [v * lumi_fb for v in self.yields_per_fb[region]]
        u = [v**0.5 * lumi_fb for v in self.variances_per_fb2[region]]
        return y, u

    def varied(self, name: str, direction: str, region: str, *, lumi_fb: float) -> list[float] | None:
        """Expected events per bin of one variation at ``lumi_fb`` (None if not stored)."""
        var = self.systematics.get(name)
        if var is None:
            return None
        return [v * lumi_fb for v in var[direction][region]]


@dataclass(frozen=True)
class Background:
    """The shipped background: binning, regions, processes and provenance."""

    observable: str
    edges: tuple[float, ...]
    regions: tuple[str, ...]
    cuts: dict[str, float]
    processes: dict[str, Process]
    provenance: dict[str, Any]

    def total(self, region: str, *, lumi_fb: float) -> tuple[list[float], list[float]]:
        """Summed expected events and MC-stat uncertainty per bin at ``lumi_fb`` fb⁻¹."""
        n = len(self.edges) - 1
        y, v = [0.0] * n, [0.0] * n
        for p in self.processes.values():
            py, pu = p.expected(region, lumi_fb=lumi_fb)
            y = [a + b for a, b in zip(y, py, strict=True)]
            v = [a + b * b for a, b in zip(v, pu, strict=True)]
        return y, [x**0.5 for x in v]


def parse_background(doc: dict[str, Any], source: str) -> Background:
    """A :class:`Background` from a background document (the JSON of ``make_background``).

    Args:
        doc: the document.
        source: where it came from, for error messages.

    Raises:
        InvalidCard: a field is missing or malformed.
        InconsistentCard: a process has the wrong number of bins.
    """
    try:
        edges = tuple(float(e) for e in doc["edges"])
        regions = tuple(doc["regions"])
        procs = {}
        for name, p in doc["processes"].items():
            procs[name] = Process(
                name=name,
                label=p["label"],
                yields_per_fb={r: [float(x) for x in p["yield_per_fb"][r]] for r in regions},
                variances_per_fb2={r: [float(x) for x in p["variance_per_fb2"][r]] for r in regions},
                mc_events={r: [int(x) for x in p["mc_events"][r]] for r in regions},
                rel_unc=float(p["rel_unc"]),
                normalisation=dict(p["normalisation"]),
                systematics={
                    n: {d: {r: [float(x) for x in v[d][r]] for r in regions} for d in ("up", "down")}
                    for n, v in p.get("systematics", {}).items()
                },
            )
        bkg = Background(
            observable=doc["observable"],
            edges=edges,
            regions=regions,
            cuts={k: float(v) for k, v in doc["cuts"].items()},
            processes=procs,
            provenance=dict(doc["provenance"]),
        )
    except (KeyError, TypeError, ValueError) as err:
        msg = (
            f"background file {source} is malformed ({type(err).__name__}: {err}); regenerate it with python -m "
            "scripts.lq_mumujj.make_background"
        )
        raise InvalidCard(msg) from err
    for p in bkg.processes.values():
        for r in regions:
            if len(p.yields_per_fb[r]) != len(edges) - 1 or len(p.variances_per_fb2[r]) != len(edges) - 1:
                msg = f"background file {source}: process {p.name} region {r} has the wrong number of bins"
                raise InconsistentCard(msg)
    return bkg


@lru_cache(maxsize=1)
def load_background() -> Background:
    """Read and check the shipped background histograms.

    Raises:
        InvalidCard: the file is missing or malformed.
        InconsistentCard: its binning or cuts differ from :mod:`recast_analyses.lq_mumujj.selection`.
    """
    from recast_analyses.lq_mumujj import selection

    res = files("recast_analyses.lq_mumujj").joinpath(BACKGROUND_FILE)
    try:
        doc = json.loads(res.read_text())
    except (OSError, ValueError) as err:
        msg = (
            f"cannot read the lq_mumujj background file {res}: {err}; regenerate it with python -m "
            "scripts.lq_mumujj.make_background"
        )
        raise InvalidCard(msg) from err
    bkg = parse_background(doc, str(res))
    if bkg.edges != tuple(selection.MLQ_EDGES) or bkg.regions != tuple(selection.REGIONS):
        msg = (
            f"background file {res} was made with other bins/regions than selection.py; regenerate it with python -m "
            "scripts.lq_mumujj.make_background"
        )
        raise InconsistentCard(msg)
    if bkg.cuts != dict(selection.CUTS):
        msg = (
            f"background file {res} was made with other cuts ({bkg.cuts}) than selection.py; regenerate it with "
            "python -m scripts.lq_mumujj.make_background"
        )
        raise InconsistentCard(msg)
    return bkg
