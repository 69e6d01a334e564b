"""Where the signal events of `recast limits` come from, behind one small interface.

A :class:`SignalSource` turns a model (at its benchmark point) into :class:`SignalPoint`
objects: one mass, its reconstructed events, the cross-section [pb] and its relative
theory uncertainty. :func:`recast.chain.run_limits` takes any source (``source=``); the
sources built in are embedded generation (:class:`GeneratedSource`, ``recast limits --generate``),
the user's own ntuples (:class:`FileSource`, ``recast limits --events``) and, for leptoquarks
by default, the decay-channel efficiency maps (:class:`MapSource`, :mod:`recast.effmaps`),
whose points carry per-analysis yields instead of events. Tests pass a stub with synthetic
events, so the whole chain runs without Pythia.

Units: masses in GeV, cross-sections in pb.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

import numpy as np

from recast.exceptions import LimitsError, RecastError
from recast.models.leptoquark import Leptoquark
from recast.models.zprime import ZPRIME_XSEC_REL_UNC  # re-exported: the Z' model class defines it

__all__ = [
    "MAX_WIDTH_OVER_MASS",
    "UNMAPPED_TOLERANCE",
    "ZPRIME_XSEC_REL_UNC",
    "FileSource",
    "GeneratedSource",
    "MapSource",
    "SignalPoint",
    "SignalSource",
    "source_label",
]


def __dir__() -> list[str]:
    return __all__


@dataclass
class SignalPoint:
    """One model point's signal.

    Attributes:
        mass: the scanned mass [GeV].
        xsec_pb: its signal cross-section [pb] (the events' weights sum to it).
        xsec_rel_unc: relative theory uncertainty of ``xsec_pb``.
        events: reconstructed events (:func:`recast.io.read_events` records, weights in pb);
            None when *yields* gives the signal.
        source: where the events came from (file path(s) or a label), written to limits.json.
        yields: optional, per analysis id: ``f(lumi_fb=...)`` returning what that analysis'
            ``signal()`` would (``{region: (counts, MC-stat unc)}``, maybe ``variations``);
            used instead of running the analysis on *events* (efficiency maps).
    """

    mass: float
    xsec_pb: float
    xsec_rel_unc: float
    events: Any
    source: str
    yields: Mapping[str, Callable[..., Any]] | None = None

    def signal(self, analysis: Any, *, lumi_fb: float) -> Any:
        """The expected signal of *analysis* at *lumi_fb* [fb^-1]: from :attr:`yields` if set, else its ``signal()``.

        Raises:
            LimitsError: *yields* has no entry for the analysis.
        """
        if self.yields is None:
            return analysis.signal(self.events, lumi_fb=lumi_fb)
        if analysis.id not in self.yields:
            msg = (f"the signal at {self.mass:g} GeV ({self.source}) has no yields for analysis {analysis.id} "
                   "— pass --generate")
            raise LimitsError(msg)
        return self.yields[analysis.id](lumi_fb=lumi_fb)


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


def source_label(source: Any) -> str:
    """What a source is, for ``limits.json`` (``signal_source``) and the output notes."""
    return str(getattr(source, "label", type(source).__name__))


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

    @property
    def label(self) -> str:
        """``generated (Pythia 8, N events per state and mass, seed S)``."""
        return f"generated (Pythia 8, {self.events_per_point} events per state and mass, seed {self.seed})"

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

    σ is *xsec_pb* if given (the event weights are then scaled to sum to it, keeping their shape),
    else the files' metadata: several files must agree on it (parts of one sample, each normalised
    to σ) and their weights are scaled to sum to σ once, not once per file.
    """

    files: Sequence[str | os.PathLike[str]]
    xsec_pb: float | None = None

    def __len__(self) -> int:
        return 1

    @property
    def label(self) -> str:
        """``user events``."""
        return "user events"

    def points(self, model: Any, *, branches: Sequence[str]) -> Iterator[SignalPoint]:
        return iter([self._point(model, branches)])  # read now: a bad file fails before any limit

    def _point(self, model: Any, branches: Sequence[str]) -> SignalPoint:
        import awkward as ak

        from recast.constants import SQRT_S
        from recast.io import read_events, read_metadata

        files = [os.fspath(f) for f in self.files]
        events = read_events(files, branches=list(branches))
        metas: dict[str, Any] = {}
        for f in files:
            try:
                metas[f] = read_metadata(f)
            except (RecastError, OSError) as err:
                metas[f] = err
            # LHE and HepMC files say their beams: collisions at another energy are not the searches' signal
            rs = metas[f].get("source_info", {}).get("sqrt_s_GeV") if isinstance(metas[f], dict) else None
            if rs is not None and abs(float(rs) / SQRT_S - 1.0) > 1e-3:
                msg = (f"{f} holds collisions at sqrt(s) = {float(rs):g} GeV, the searches are at {SQRT_S:g} GeV "
                       f"— generate the events at sqrt(s) = {SQRT_S:g} GeV")
                raise LimitsError(msg)
        xsec_pb = self.xsec_pb
        if xsec_pb is None:  # events carry weight in pb already, each file's summing to its own σ
            sigmas = []
            for f in files:
                meta = metas[f]
                if not isinstance(meta, dict) or "xsec_pb" not in meta:
                    msg = f"{f} carries no cross-section; pass --xsec in pb"
                    raise LimitsError(msg) from (meta if isinstance(meta, Exception) else None)
                sigmas.append(float(meta["xsec_pb"]))
            if not np.allclose(sigmas, sigmas[0], rtol=1e-9, atol=0.0):
                msg = (f"the events files carry different cross-sections ({', '.join(f'{x:g}' for x in sigmas)} pb) "
                       "— pass --xsec in pb for the signal they make up together")
                raise LimitsError(msg)
            xsec_pb = sigmas[0]
            if len(files) == 1:  # a single file's weights already sum to its σ
                return SignalPoint(model.mass, xsec_pb, model.xsec_rel_unc(model.mass), events, files[0])
        # parts of one sample (each normalised to σ) or --xsec: the weights are scaled to sum to σ,
        # not flattened, so weighted and negative-weight (NLO) events keep their shape
        n = len(events)
        w = ak.to_numpy(events["weight"]).astype(float) if "weight" in ak.fields(events) else np.ones(n)
        total = float(np.sum(w))
        if n and not (np.isfinite(total) and total > 0):
            msg = (f"{', '.join(files)}: the event weights sum to {total:g}, so they cannot be scaled to "
                   f"σ = {xsec_pb:g} pb — check the files' event weights")
            raise LimitsError(msg)
        events = ak.with_field(events, w * (xsec_pb / total) if n else w, "weight")
        return SignalPoint(model.mass, float(xsec_pb), model.xsec_rel_unc(model.mass), events, ", ".join(files))


#: Pairs without a map (e or τ legs) are neglected below this fraction of the mapped σ·B·B.
UNMAPPED_TOLERANCE = 1e-3
#: Largest Γ/M served from the maps (made at Γ/M = 3%; checked against generation at 2% and 4%,
#: tests/test_effmaps.py). Approximation: wider states change the off-shell tails, so they need --generate.
MAX_WIDTH_OVER_MASS = 0.10


@dataclass
class MapSource:
    """Leptoquark signal from the decay-channel efficiency maps (:mod:`recast.effmaps`) at each of *masses* [GeV].

    Yields per analysis = Σ_states σ(M_s) Σ_ij B_i B_j ε_ij(M_s) L (M_s: each state's own mass),
    with ε and its MC variance interpolated in M (:meth:`recast.effmaps.maps.EffMaps.yields`); the states are those
    :class:`GeneratedSource` would generate (muonic, or *states*).
    """

    masses: Sequence[float]
    states: Sequence[str] | None = None
    path: str | os.PathLike[str] | None = None

    def __len__(self) -> int:
        return len(self.masses)

    @property
    def label(self) -> str:
        """``efficiency maps (<file>, made with <generator>, detector <version>)``."""
        from recast.effmaps.maps import load_maps

        maps = load_maps(self.path)
        prov = maps.provenance
        n = prov.get("events_per_point")
        counts = sorted(set(n.values())) if isinstance(n, dict) else [n]
        events = f"{counts[0]}-{counts[-1]}" if len(counts) > 1 else str(counts[0])
        return (f"efficiency maps ({os.path.basename(maps.path)}: {prov.get('generator')}, detector "
                f"{prov.get('detector_version')}, {events} events per channel pair and mass)")

    def points(self, model: Any, *, branches: Sequence[str]) -> Iterator[SignalPoint]:
        """Check everything first (model kind, states, mass range, stale maps, unmapped channels), then iterate.

        Raises:
            LimitsError: not a leptoquark, a mass outside the grid, stale maps, or channels the maps lack.
        """
        from recast.effmaps.maps import load_maps, stale_reasons
        from recast.events.generate import check_states

        if not isinstance(model, Leptoquark):
            msg = (f"efficiency maps exist for leptoquarks only, not {model.kind} models like {model.name} "
                   "— pass --generate")
            raise LimitsError(msg)
        check_states(model, self.states)
        maps = load_maps(self.path)
        for mass in self.masses:
            maps.check_mass(float(mass))
        stale = stale_reasons(maps, selections=False)  # the selection fingerprints: tests/test_effmaps.py
        if stale:
            msg = (f"the efficiency maps are stale ({'; '.join(stale)}) — remake them with "
                   "`python -m scripts.lq_mumujj.make_maps` or pass --generate")
            raise LimitsError(msg)
        prepared = [self._coefficients(model, float(m), maps) for m in self.masses]  # unmapped channels fail here
        return self._points(model, maps, prepared)

    def _coefficients(self, model: Any, mass: float, maps: Any) -> tuple[list[tuple[float, dict[str, float]]], float]:
        """``([(state mass [GeV], mapped pair coefficients [pb]) per distinct state mass], σ [pb])`` at scan *mass*.

        States are read from the maps at their own masses, as generation makes them (Spm scans MSp
        with MSm fixed); one group for S3, S1, R2.
        """
        from recast.effmaps.channels import pair_coefficients
        from recast.events.generate import MIN_MUON_BR

        point = model.with_params(**{model.PARAMETERS[0].name: mass})
        pattern = map_pattern(point, maps, states=self.states)
        if pattern.problem in ("wide", "unmapped channels"):
            raise LimitsError(pattern.message + " — pass --generate")
        coef, sigmas = pattern.coefficients, pattern.sigmas
        by_mass: dict[float, list[str]] = {}
        for st in point.states():
            if st.name in sigmas:
                by_mass.setdefault(float(st.mass), []).append(st.name)
        groups = []
        for m_s, names in sorted(by_mass.items()):
            maps.check_mass(m_s)
            part = coef if len(by_mass) == 1 else pair_coefficients(point, states=names, min_muon_br=MIN_MUON_BR)[0]
            groups.append((m_s, {k: v for k, v in part.items() if k in maps.pairs}))
        return groups, float(sum(sigmas.values()))

    def _points(self, model: Any, maps: Any,
                prepared: list[tuple[list[tuple[float, dict[str, float]]], float]]) -> Iterator[SignalPoint]:
        from functools import partial

        label = self.label
        for m, (groups, sigma) in zip(self.masses, prepared, strict=True):
            yields = {aid: partial(_group_yields, maps, aid, groups) for aid in maps.arrays}
            # as GeneratedSource: the largest of the states' σ uncertainties
            rel = max((model.xsec_rel_unc(m_s) for m_s, _ in groups), default=model.xsec_rel_unc(float(m)))
            yield SignalPoint(float(m), sigma, float(rel), None, label, yields)


@dataclass(frozen=True)
class MapPattern:
    """A leptoquark point's pair coefficients [pb] against the efficiency maps, or why the maps cannot give its signal.

    Attributes:
        problem: None, ``"no muon channel"``, ``"wide"`` (a state wider than
            :data:`MAX_WIDTH_OVER_MASS` of its mass) or ``"unmapped channels"`` (pairs the maps
            lack carry more than :data:`UNMAPPED_TOLERANCE` of the mapped ones).
        message: one line saying why (empty without a problem).
        coefficients: every pair coefficient c_k = σ × B × B [pb]; ``mapped``: those the maps hold.
        sigmas: pair σ [pb] per state with a muon channel.
        max_width_over_mass: the largest Γ/M of those states.
    """

    problem: str | None
    message: str
    coefficients: dict[str, float]
    mapped: dict[str, float]
    sigmas: dict[str, float]
    max_width_over_mass: float


def map_pattern(point: Any, maps: Any, *, states: Sequence[str] | None = None) -> MapPattern:
    """The one check of whether efficiency maps give *point*'s signal (:class:`MapSource`, the plane scans)."""
    from recast.effmaps.channels import pair_coefficients
    from recast.events.generate import MIN_MUON_BR

    coef, _, sigmas = pair_coefficients(point, states=states, min_muon_br=MIN_MUON_BR)
    wide = [st for st in point.states() if st.name in sigmas and st.width > MAX_WIDTH_OVER_MASS * st.mass]
    wmax = max((st.width / st.mass for st in point.states() if st.name in sigmas), default=0.0)
    mapped = {k: v for k, v in coef.items() if k in maps.pairs}
    missing = {k: v for k, v in coef.items() if k not in maps.pairs}

    def out(problem: str | None, message: str = "") -> MapPattern:
        return MapPattern(problem, message, dict(coef), mapped, dict(sigmas), wmax)

    if not sigmas:
        return out("no muon channel", f"{point.name} has no state that decays to muons at {point.mass:g} GeV")
    if wide:
        st = wide[0]
        return out("wide", f"{st.name} is wide (width/mass = {st.width / st.mass:.0%} at {st.mass:g} GeV); "
                           f"the efficiency maps assume a narrow state (up to {MAX_WIDTH_OVER_MASS:.0%})")
    if sum(missing.values()) > UNMAPPED_TOLERANCE * max(sum(mapped.values()), 1e-300):
        worst = max(missing, key=missing.__getitem__)
        return out("unmapped channels", f"the efficiency maps have no channel pair {worst} (legs with e or tau) "
                                        f"that {point.name} produces at {point.mass:g} GeV")
    return out(None)


def _group_yields(maps: Any, analysis_id: str, groups: list[tuple[float, dict[str, float]]], *, lumi_fb: float) -> Any:
    """:meth:`recast.effmaps.maps.EffMaps.yields` summed over groups of states at different masses [GeV].

    Approximation: the MC uncertainties of different masses add in quadrature (independent samples).
    """
    parts = [maps.yields(analysis_id, coef, m_s, lumi_fb=lumi_fb) for m_s, coef in groups]
    if len(parts) == 1:
        return parts[0]
    from recast.effmaps.maps import MapYields

    out = MapYields({r: (sum(p[r][0] for p in parts), np.sqrt(sum(p[r][1] ** 2 for p in parts))) for r in parts[0]})
    out.variations = {syst: {d: {r: sum(p.variations[syst][d][r] for p in parts) for r in by_region}
                             for d, by_region in by_dir.items()}
                      for syst, by_dir in parts[0].variations.items()}
    return out
