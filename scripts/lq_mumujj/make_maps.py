"""Make the leptoquark decay-channel efficiency maps (reproducible, seeded).

Run ``python -m scripts.lq_mumujj.make_maps [--events N] [--jobs N] [--masses A:B:S] [--pairs K,...]``.

For every channel pair of :func:`recast.effmaps.channels.possible_pairs` (legs with a muon or
a neutrino; see that module for the equivalences used) and every mass of :data:`GRID_GEV`,
Pythia 8 generates ``--events`` leptoquark pairs with leg A on the leptoquark and leg B on
the antileptoquark (Pythia channel ``onMode`` 2 and 3), through recast's own generator and
detector (:func:`recast.events.generate_arrays` with ``fast=True``, as ``recast limits``
generates). Every analysis that applies to leptoquarks then runs its own ``signal()`` on
the events with weight 1/N pb at 10⁻³ fb⁻¹, i.e. yields = acceptance × efficiency per bin,
their MC-statistical uncertainty and (where the analysis has them) the experimental
systematic variations. The result and its provenance (generator and detector versions,
Pythia settings template, width, seeds, events, selection probes) are written to
``recast/data/<version>/lq_effmaps.npz`` (:mod:`recast.effmaps.maps`).

Approximation: one width for all maps, Γ/M = :data:`WIDTH_OVER_MASS` (recast's benchmark
couplings y ≈ 1 give Γ/M = 2-4 %: S3 4 %, R2 2 %); the Breit-Wigner window follows
:mod:`recast.events.settings` (M ± 10 Γ within [M/2, 3M/2]).
"""

from __future__ import annotations

import argparse
import datetime as _dt
import hashlib
import sys
import time
from typing import Any

import numpy as np

__all__ = [
    "EVENTS_PER_POINT",
    "GRID_GEV",
    "PRIORITY",
    "SEED",
    "WIDTH_OVER_MASS",
    "events_for",
    "main",
    "make_maps",
    "pair_settings",
]


def __dir__() -> list[str]:
    return __all__


#: Mass grid [GeV]: 400-2400 GeV in 200 GeV steps plus 2500 GeV, the range of the NNLO+NNLL
#: σ table (recast.xsec); `recast limits`' default masses (1000:2400:200) are grid points.
GRID_GEV: tuple[float, ...] = (*[float(m) for m in range(400, 2401, 200)], 2500.0)
#: Events per channel pair and mass (MC uncertainty ≈ 1/√(N ε) per bin) for the :data:`PRIORITY`
#: pairs (recast's benchmark points); half as many for the others (CPU budget).
EVENTS_PER_POINT = 2000
#: Master seed; each (pair, mass) gets its own (:func:`_seed`).
SEED = 20_260_514
#: Γ/M of every map (approximation, see the module docstring).
WIDTH_OVER_MASS = 0.03


def _seed(seed: int, key: str, mass: float) -> int:
    digest = hashlib.sha256(f"{seed}:{key}:{mass:g}".encode()).digest()
    return int.from_bytes(digest[:4], "little") & 0x7FFFFFFF


def pair_settings(spec: Any, mass: float, *, width_over_mass: float = WIDTH_OVER_MASS) -> list[str]:
    """Pythia lines for one channel pair: recast's settings of a state with both channels,
    with the width fixed and the decay table replaced by leg A (LQ only) and leg B (anti-LQ only)."""
    from recast.events.settings import pythia_settings
    from recast.models.leptoquark import LEPTOQUARKS

    cls = LEPTOQUARKS[spec.model]
    model = cls(**{p.name: 1.0 for p in cls.PARAMETERS if p.unit == ""}).with_params(
        **{cls.PARAMETERS[0].name: float(mass)})
    width = width_over_mass * mass
    # decay threshold: m_t = 172.5 GeV, Pythia's default (as recast.events.settings)
    threshold = 172.5 if 6 in (abs(spec.leg_a[0]), abs(spec.leg_b[0])) else 0.0
    lo = max(mass - 10 * width, 0.5 * mass, threshold + 1.0)  # the rule of recast.events.settings
    hi = min(mass + 10 * width, 1.5 * mass)
    replace = {"42:mWidth": f"42:mWidth = {width:.10g}", "42:mMin": f"42:mMin = {lo:.10g}",
               "42:mMax": f"42:mMax = {hi:.10g}"}
    out = []
    for line in pythia_settings(model, state=spec.state):
        key = line.split("=")[0].strip()
        if key in ("42:oneChannel", "42:addChannel"):
            continue
        if line.startswith("#"):
            key = "#"
            replace["#"] = f"# channel pair {spec.key}: LQ -> {spec.leg_a}, anti-LQ -> conj{spec.leg_b}"
        out.append(replace.get(key, line))
    if spec.leg_a == spec.leg_b:
        out.append(f"42:oneChannel = 1 1.0 100 {spec.leg_a[0]} {spec.leg_a[1]}")
    else:  # onMode 2: particle only, 3: antiparticle only (Pythia ParticleDataScheme)
        out.append(f"42:oneChannel = 2 0.5 100 {spec.leg_a[0]} {spec.leg_a[1]}")
        out.append(f"42:addChannel = 3 0.5 100 {spec.leg_b[0]} {spec.leg_b[1]}")
    return out


def _analysis_efficiencies(analysis: Any, events: Any) -> tuple[dict[str, np.ndarray], list[list[Any]]]:
    """acc × eff per bin (regions concatenated), its MC variance and the variations of one analysis."""
    import awkward as ak

    n = len(events)
    ev = ak.with_field(events, np.full(n, 1.0 / n), "weight")  # 1/N pb at 1e-3 fb^-1: yields = fractions
    sig = analysis.signal(ev, lumi_fb=1e-3)
    regions = list(sig)
    out = {
        "eff": np.concatenate([np.asarray(sig[r][0], dtype=float) for r in regions]),
        "var": np.concatenate([np.asarray(sig[r][1], dtype=float) ** 2 for r in regions]),
    }
    for name, by_dir in sorted((getattr(sig, "variations", None) or {}).items()):
        for d in ("up", "down"):
            out[f"{name}/{d}"] = np.concatenate([np.asarray(by_dir[d][r], dtype=float) for r in regions])
    return out, [[r, len(sig[r][0])] for r in regions]


#: Generation order: the pairs of recast's benchmark points first (an interrupted run has them).
PRIORITY = ("bmu-bmu", "tmu-tmu:F2", "bnu-tmu:F2", "tmu-tmu:F0", "cmu-cmu", "lmu-lmu")


def events_for(key: str, events: int) -> int:
    """Events of pair *key*: *events* for the :data:`PRIORITY` pairs, half for the others."""
    return events if key in PRIORITY else max(events // 2, 1)


#: Then these (the textures of the tests), then the rest.
NEXT = ("cmu-tmu:F2", "lnu-tmu:F2")


def _order(specs: dict[str, Any], masses: tuple[float, ...]) -> list[tuple[int, int, str, float]]:
    keys = list(specs)
    first = (*PRIORITY, *NEXT)
    ranked = sorted(keys, key=lambda k: first.index(k) if k in first else len(first))
    return [(keys.index(k), im, k, m) for k in ranked for im, m in enumerate(masses)]


def _point(spec: Any, mass: float, *, events: int, seed: int, jobs: int | None, analyses: list[Any],
           workdir: str | None, fingerprints: dict[str, str]) -> tuple[dict[str, Any], dict[str, Any]]:
    """One (pair, mass) point: generated, or read back from *workdir* (a checksummed store)."""
    from recast.cache import RECORD_VERSION, Store, cache_key, store
    from recast.detector import DETECTOR_VERSION
    from recast.events import GENERATOR, generate_arrays

    settings = pair_settings(spec, mass)
    key = cache_key({"settings": settings, "events": events, "seed": _seed(seed, spec.key, mass),
                     "generator": GENERATOR, "detector": DETECTOR_VERSION, "fingerprints": fingerprints,
                     "store": RECORD_VERSION})
    points = Store(workdir) if workdir else store("effmaps")
    name = f"{spec.key.replace(':', '_')}-{mass:g}-{key}.json"
    doc = points.read_json(name)
    if doc is None:
        ev, info = generate_arrays(settings, n_events=events, seed=_seed(seed, spec.key, mass), jobs=jobs, fast=True,
                                   progress=False, desc=spec.key)
        doc = {"__lo_xsec_pb": info["xsec_pb"], "regions": {}, "effs": {}}
        for ana in analyses:
            effs, doc["regions"][ana.id] = _analysis_efficiencies(ana, ev)
            doc["effs"][ana.id] = {k: v.tolist() for k, v in effs.items()}
        points.put_json(name, doc)
    out: dict[str, Any] = {aid: {k: np.asarray(v) for k, v in e.items()} for aid, e in doc["effs"].items()}
    out["__lo_xsec_pb"] = doc["__lo_xsec_pb"]
    return out, doc["regions"]


def make_maps(*, masses: tuple[float, ...] = GRID_GEV, events: int = EVENTS_PER_POINT, seed: int = SEED,
              jobs: int | None = None, pairs: list[str] | None = None, progress: bool = True,
              workdir: str | None = None) -> dict[str, Any]:
    """Generate every (pair, mass) point and return the map arrays and provenance (see the module docstring).

    Each finished point is kept in *workdir* (default the cache store ``store("effmaps")``, keyed by the
    generator, detector, selection fingerprints, settings, events and seed), so an interrupted
    run resumes where it stopped.
    """
    from recast.analysis import list_analyses
    from recast.detector import DETECTOR_VERSION
    from recast.effmaps.channels import possible_pairs
    from recast.effmaps.maps import selection_fingerprint, selection_probe
    from recast.events import GENERATOR

    specs = possible_pairs(("mu", "nu"))
    if pairs:
        specs = {k: specs[k] for k in pairs}
    analyses = [a for a in list_analyses(failures={}) if "leptoquark" in a.applies_to]
    fingerprints = {a.id: selection_fingerprint(a) for a in analyses}
    arrays: dict[str, dict[str, np.ndarray]] = {a.id: {} for a in analyses}
    regions: dict[str, list[list[Any]]] = {}
    lo_xsec = np.zeros((len(specs), len(masses)))
    t0 = time.perf_counter()
    for done, (ip, im, key, mass) in enumerate(_order(specs, masses), start=1):
        effs, point_regions = _point(specs[key], mass, events=events_for(key, events), seed=seed, jobs=jobs,
                                     analyses=analyses, workdir=workdir, fingerprints=fingerprints)
        regions.update(point_regions)
        lo_xsec[ip, im] = effs.pop("__lo_xsec_pb")
        for aid, by_name in effs.items():
            for name, vec in by_name.items():
                arr = arrays[aid].setdefault(name, np.zeros((len(specs), len(masses), len(vec))))
                arr[ip, im] = vec
        if progress:
            print(f"{done:4d}/{len(specs) * len(masses)} {key:>12} {mass:6g} GeV  {time.perf_counter() - t0:7.1f} s",
                  file=sys.stderr, flush=True)
    template = pair_settings(next(iter(specs.values())), 1000.0)
    return {
        "pairs": list(specs),
        "masses_GeV": list(masses),
        "arrays": arrays,
        "lo_xsec_pb": lo_xsec,
        "provenance": {
            "script": "python -m scripts.lq_mumujj.make_maps",
            "made_utc": _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "generator": GENERATOR,
            "detector_version": DETECTOR_VERSION,
            "fast": True,
            "sqrt_s_GeV": 13000.0,
            "events_per_point": {k: events_for(k, events) for k in specs},
            "seed": int(seed),
            "width_over_mass": WIDTH_OVER_MASS,
            "settings_example": template,
            "pair_specs": {k: {"charge": str(s.charge), "leg_a": list(s.leg_a), "leg_b": list(s.leg_b),
                               "model": s.model, "state": s.state} for k, s in specs.items()},
            "analyses": {a.id: {"regions": regions[a.id], "fingerprint": fingerprints[a.id],
                                "probe": selection_probe(a)} for a in analyses},
            "units": "acceptance x efficiency per bin (fraction of produced pairs); var: its MC variance",
            "cpu_seconds_wall": round(time.perf_counter() - t0, 1),
        },
    }


def main(argv: list[str] | None = None) -> int:
    """Command-line entry: make the maps and write them atomically (default: the shipped file)."""
    from recast.effmaps.maps import save_maps
    from recast.masses import parse_masses

    ap = argparse.ArgumentParser(
        prog="python -m scripts.lq_mumujj.make_maps", description=__doc__.splitlines()[0]
    )
    ap.add_argument("--events", type=int, default=EVENTS_PER_POINT, help="events per pair and mass")
    ap.add_argument("--jobs", type=int, default=None, help="worker processes (default: all cores)")
    ap.add_argument("--masses", default=None, help="mass grid in GeV (default: GRID_GEV)")
    ap.add_argument("--pairs", default=None, help="comma list of pair keys (default: all)")
    ap.add_argument("--seed", type=int, default=SEED)
    ap.add_argument("--out", default=None, help="output .npz (default: the shipped recast data file)")
    ap.add_argument("--workdir", default=None, help="finished points (default: recast's cache, effmaps/)")
    args = ap.parse_args(argv)
    masses = tuple(parse_masses(args.masses)) if args.masses else GRID_GEV
    maps = make_maps(masses=masses, events=args.events, seed=args.seed, jobs=args.jobs,
                     pairs=args.pairs.split(",") if args.pairs else None, workdir=args.workdir)
    path = save_maps(maps, args.out)
    print(f"wrote {path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
