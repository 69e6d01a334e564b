"""Where the signal events of `recast limits` come from, behind one small interface.

A :class:`SignalSource` turns a model (at its benchmark point) into :class:`SignalPoint`
objects: one mass, its reconstructed events, the cross-section [pb] and its relative
theory uncertainty. :func:`recast.limits.run_limits` takes any source (``source=``); the
two built in are embedded generation (:class:`GeneratedSource`, ``recast limits --masses``)
and the user's own ntuples (:class:`FileSource`, ``recast limits --events``). Tests pass a
stub with synthetic events, so the whole chain runs without Pythia.

Units: masses in GeV, cross-sections in pb.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

import numpy as np

from recast.exceptions import LimitsError, RecastError
from recast.models.zprime import ZPRIME_XSEC_REL_UNC  # re-exported: the Z' model class defines it

__all__ = ["ZPRIME_XSEC_REL_UNC", "FileSource", "GeneratedSource", "SignalPoint", "SignalSource"]


def __dir__() -> list[str]:
    return __all__


@dataclass
class SignalPoint:
    """One model point's signal.

    Attributes:
        mass: the scanned mass [GeV].
        xsec_pb: its signal cross-section [pb] (the events' weights sum to it).
        xsec_rel_unc: relative theory uncertainty of ``xsec_pb``.
        events: reconstructed events (:func:`recast.io.read_events` records, weights in pb).
        source: where the events came from (file path(s) or a label), written to limits.json.
    """

    mass: float
    xsec_pb: float
    xsec_rel_unc: float
    events: Any
    source: str


@runtime_checkable
class SignalSource(Protocol):
    """Anything that yields the signal points of a model."""

    def points(self, model: Any, *, branches: Sequence[str]) -> Iterator[SignalPoint]:
        """Check the request (raising :class:`recast.exceptions.RecastError` before any work),
        then return an iterator over the mass points of *model*; events need only *branches*."""
        ...

    def __len__(self) -> int:
        """Number of mass points (for the progress bar)."""
        ...


@dataclass
class GeneratedSource:
    """Embedded generation (Pythia 8, :func:`recast.events.generate`) at each of *masses* [GeV]."""

    masses: Sequence[float]
    events_per_point: int
    seed: int = 1
    jobs: int | None = None
    fast: bool = True
    progress: bool = True
    states: Sequence[str] | None = None

    def __len__(self) -> int:
        return len(self.masses)

    def points(self, model: Any, *, branches: Sequence[str]) -> Iterator[SignalPoint]:
        from recast.events.generate import check_states

        check_states(model, self.states)  # bad --states / no muon decay: fail before the progress bar
        return self._points(model, branches)

    def _points(self, model: Any, branches: Sequence[str]) -> Iterator[SignalPoint]:
        from recast.events import generate
        from recast.io import read_events, read_metadata

        for mass in self.masses:
            point = model.with_params(**{model.PARAMETERS[0].name: mass})
            path = generate(point, n_events=self.events_per_point, seed=self.seed, jobs=self.jobs, fast=self.fast,
                            progress=self.progress, states=self.states)
            meta = read_metadata(path)
            # LQ events quote each state's NNLO+NNLL uncertainty; Pythia's LO Z' sigma quotes none: the model's
            quoted = [s["xsec_rel_unc"] for s in meta.get("states", []) if "xsec_rel_unc" in s]
            rel = max(quoted) if quoted else model.xsec_rel_unc(mass)
            yield SignalPoint(mass, float(meta["xsec_pb"]), float(rel), read_events(path, branches=list(branches)),
                              os.fspath(path))


@dataclass
class FileSource:
    """The user's own ntuples (recast or Delphes): one point at the model's mass.

    σ is *xsec_pb* if given (the events are then reweighted to it), else the files' metadata.
    """

    files: Sequence[str | os.PathLike[str]]
    xsec_pb: float | None = None

    def __len__(self) -> int:
        return 1

    def points(self, model: Any, *, branches: Sequence[str]) -> Iterator[SignalPoint]:
        return iter([self._point(model, branches)])  # read now: a bad file fails before any limit

    def _point(self, model: Any, branches: Sequence[str]) -> SignalPoint:
        import awkward as ak

        from recast.io import read_events, read_metadata

        files = [os.fspath(f) for f in self.files]
        events = read_events(files, branches=list(branches))
        xsec_pb = self.xsec_pb
        if xsec_pb is None:  # events carry weight in pb already
            try:
                xsec_pb = float(read_metadata(files[0])["xsec_pb"])
            except (KeyError, RecastError, OSError) as err:
                msg = f"{files[0]} carries no cross-section; pass --xsec in pb"
                raise LimitsError(msg) from err
        else:
            n = len(events)
            events = ak.with_field(events, np.full(n, xsec_pb / n if n else 0.0), "weight")
        return SignalPoint(model.mass, float(xsec_pb), model.xsec_rel_unc(model.mass), events, ", ".join(files))
