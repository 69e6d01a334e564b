"""Leptoquark efficiency maps: the shipped file, its staleness probe, interpolation and yields.

The file ``recast/data/<version>/lq_effmaps.npz`` is made by ``python -m scripts.lq_mumujj.make_maps``
(see that script for how). It holds, per analysis that applies to leptoquarks, arrays
``[pair, mass, bin]`` of the acceptance × efficiency ``eff`` (fraction of produced pairs per
bin, regions concatenated), its MC variance ``var`` and, where the analysis has them, the
experimental variations ``<name>/up|down``; plus ``provenance`` (JSON).

Yields of a model point at luminosity L [fb⁻¹] (:meth:`EffMaps.yields`)::

    N_b = 1000 L Σ_k c_k ε_k,b(M),   σ²_b = (1000 L)² Σ_k c_k² var_k,b(M),   c_k = Σ_states σ_s Σ_{ij→k} B_i B_j  [pb]

with ε and var interpolated linearly in M between grid masses. Pairs sharing a map are
summed before squaring (their MC is the same sample, fully correlated).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from recast.exceptions import LimitsError

if TYPE_CHECKING:
    import awkward as ak

__all__ = [
    "MAPS_FILE",
    "PROBE_RTOL",
    "EffMaps",
    "MapYields",
    "load_maps",
    "maps_digest",
    "probe_differs",
    "save_maps",
    "selection_fingerprint",
    "selection_probe",
    "stale_reasons",
]


def __dir__() -> list[str]:
    return __all__


#: Name of the shipped map file in ``recast/data/<version>/``.
MAPS_FILE = "lq_effmaps.npz"


class MapYields(dict[str, tuple[np.ndarray, np.ndarray]]):
    """``{region: (counts, unc)}`` from the maps, plus ``variations`` (like an analysis' ``signal()``)."""

    variations: dict[str, dict[str, dict[str, np.ndarray]]]


def _probe_events(n: int = 3000, seed: int = 14) -> ak.Array:
    """A fixed synthetic event sample spanning the selections (muons and jets of 30 GeV-2 TeV)."""
    import awkward as ak

    rng = np.random.default_rng(seed)
    nmu = rng.integers(1, 4, n)
    njet = rng.integers(1, 5, n)

    def jag(counts: np.ndarray, values: np.ndarray) -> ak.Array:
        return ak.unflatten(values, counts)

    def pts(k: int) -> np.ndarray:
        return np.exp(rng.uniform(np.log(30.0), np.log(2000.0), k)).astype(np.float32)

    m, j = int(nmu.sum()), int(njet.sum())
    def order(counts: np.ndarray, values: np.ndarray) -> ak.Array:
        return ak.sort(jag(counts, values), axis=1, ascending=False)

    return ak.Array({
        "mu_pt": order(nmu, pts(m)), "mu_eta": jag(nmu, rng.uniform(-2.7, 2.7, m).astype(np.float32)),
        "mu_phi": jag(nmu, rng.uniform(-np.pi, np.pi, m).astype(np.float32)),
        "mu_charge": jag(nmu, rng.choice([-1, 1], m).astype(np.int32)),
        "mu_highpt": jag(nmu, rng.uniform(size=m) < 0.85),
        "jet_pt": order(njet, pts(j)), "jet_eta": jag(njet, rng.uniform(-2.7, 2.7, j).astype(np.float32)),
        "jet_phi": jag(njet, rng.uniform(-np.pi, np.pi, j).astype(np.float32)),
        "jet_m": jag(njet, rng.uniform(0, 50, j).astype(np.float32)),
        "jet_btag": jag(njet, rng.uniform(size=j) < 0.3),
        "jet_flavour": jag(njet, rng.choice([0, 4, 5], j).astype(np.int8)),
        "met": rng.uniform(0, 300, n).astype(np.float32), "met_phi": rng.uniform(-np.pi, np.pi, n).astype(np.float32),
        "weight": np.full(n, 1e-3),
    })


#: Relative tolerance of :func:`probe_differs`: the float32 arithmetic of the selections gives ~1e-6
#: differences between CPUs (numpy's SIMD kernels: 1.3e-6 measured with AVX-512 off), a selection change
#: moves yields by per cent.
PROBE_RTOL = 1e-4


def selection_probe(analysis: Any) -> list[float]:
    """What *analysis*' ``signal()`` does to a fixed synthetic sample, flattened: yields and MC errors of
    every region, then every systematic variation (sorted by name, direction, region), in events at 1 fb⁻¹.

    Stored in the map provenance and compared with :func:`probe_differs` (a tolerance, not a hash: the
    result depends on the selection, its binning and its options, not on comments, paths, the install
    mode or the CPU's floating-point kernels).
    """
    sig = analysis.signal(_probe_events(), lumi_fb=1.0)
    parts = [np.asarray(arr, dtype=float).ravel() for region in sorted(sig) for arr in sig[region]]
    for _name, by_dir in sorted((getattr(sig, "variations", None) or {}).items()):
        for d in sorted(by_dir):
            parts.extend(np.asarray(by_dir[d][region], dtype=float).ravel() for region in sorted(by_dir[d]))
    return [float(x) for x in np.concatenate(parts)] if parts else []


def probe_differs(stored: Any, probe: list[float], *, rtol: float = PROBE_RTOL) -> bool:
    """Whether *probe* (:func:`selection_probe` now) differs from the *stored* one beyond *rtol*
    (relative to each value, with a floor of *rtol* × the largest value for near-empty bins)."""
    if not isinstance(stored, list) or len(stored) != len(probe):
        return True
    a, b = np.asarray(stored, dtype=float), np.asarray(probe, dtype=float)
    scale = max(float(np.max(np.abs(a))) if a.size else 0.0, 1e-300)
    return not bool(np.all(np.abs(a - b) <= rtol * np.maximum(np.abs(a), scale * 1e-3)))


def selection_fingerprint(analysis: Any) -> str:
    """A cache key for map points (16 hex digits): :func:`selection_probe` to 3 significant digits.
    Not the staleness test (that is :func:`probe_differs`); a differing key only recomputes a point."""
    probe = np.asarray(selection_probe(analysis))
    text = np.array2string(probe, precision=2, floatmode="fixed", threshold=probe.size + 1, separator=",")
    return hashlib.sha256(text.encode()).hexdigest()[:16]


@dataclass
class EffMaps:
    """The efficiency maps of every leptoquark analysis (see the module docstring).

    Attributes:
        pairs: pair keys (:func:`recast.effmaps.channels.pair_key`).
        masses: grid masses [GeV], increasing.
        arrays: ``{analysis id: {"eff" | "var" | "<syst>/up|down": array[pair, mass, bin]}}``.
        provenance: how the maps were made (generator, detector, settings, seeds, fingerprints).
        path: the file read.
    """

    pairs: list[str]
    masses: np.ndarray
    arrays: dict[str, dict[str, np.ndarray]]
    provenance: dict[str, Any]
    path: str = ""
    _index: dict[str, int] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._index = {k: i for i, k in enumerate(self.pairs)}

    def check_mass(self, mass: float, *, fix: str = "choose --masses inside it or pass --generate") -> None:
        """Raise :class:`LimitsError` if *mass* [GeV] is outside the grid; *fix* ends the message
        (the default names the options of ``recast limits``)."""
        lo, hi = float(self.masses[0]), float(self.masses[-1])
        if not lo <= mass <= hi:
            msg = f"mass {mass:g} GeV is outside the efficiency-map grid ({lo:g}-{hi:g} GeV) — {fix}"
            raise LimitsError(msg)

    def _interp(self, arr: np.ndarray, mass: float, *, power: int = 1) -> np.ndarray:
        """arr[pair, mass, bin] → [pair, bin] at *mass*: Σ w_i^power arr_i with the linear weights
        w = (1 − t, t) of the two grid masses around it. ``power=2`` propagates the MC variance of
        the two independent samples to the interpolated efficiency: (1 − t)² v₀ + t² v₁."""
        i = int(np.clip(np.searchsorted(self.masses, mass, side="right") - 1, 0, len(self.masses) - 2))
        m0, m1 = self.masses[i], self.masses[i + 1]
        t = (mass - m0) / (m1 - m0)
        return np.asarray((1 - t) ** power * arr[:, i] + t**power * arr[:, i + 1])

    def yields(self, analysis_id: str, coefficients: Mapping[str, float], mass: float, *, lumi_fb: float) -> MapYields:
        """Expected signal per bin at *lumi_fb* [fb⁻¹] for pair coefficients [pb] (module docstring).

        Raises:
            LimitsError: *mass* outside the grid, an analysis or a pair key without a map.
        """
        self.check_mass(mass)
        if analysis_id not in self.arrays:
            msg = (f"no efficiency map for analysis {analysis_id} (maps: {', '.join(sorted(self.arrays))}) "
                   "— choose one of those or pass --generate")
            raise LimitsError(msg)
        arrs = self.arrays[analysis_id]
        c = np.zeros(len(self.pairs))
        for key, val in coefficients.items():
            if key not in self._index:
                msg = f"no efficiency map for channel pair {key} (legs with e or tau) — pass --generate"
                raise LimitsError(msg)
            c[self._index[key]] = val
        scale = 1000.0 * lumi_fb
        counts = scale * c @ self._interp(arrs["eff"], mass)
        var = scale**2 * (c**2) @ np.maximum(self._interp(arrs["var"], mass, power=2), 0.0)
        regions = self.provenance["analyses"][analysis_id]["regions"]
        out = MapYields(_split(regions, counts, np.sqrt(var)))
        out.variations = {}
        for name in arrs:
            if "/" in name:
                syst, d = name.split("/")
                vals = scale * c @ self._interp(arrs[name], mass)
                out.variations.setdefault(syst, {})[d] = {r: v for r, (v, _) in _split(regions, vals, vals).items()}
        return out


def _split(regions: list[list[Any]], a: np.ndarray, b: np.ndarray) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    out, start = {}, 0
    for name, nbins in regions:
        out[name] = (a[start:start + nbins], b[start:start + nbins])
        start += nbins
    return out


def _default_path() -> Path:
    from recast.data import data_file

    return Path(str(data_file(MAPS_FILE)))


def save_maps(maps: dict[str, Any], path: str | os.PathLike[str] | None = None) -> Path:
    """Write :func:`scripts.lq_mumujj.make_maps.make_maps` output as a compressed npz (float32), atomically."""
    from recast.atomic import atomic_output

    path = Path(path) if path else _default_path()
    flat: dict[str, np.ndarray] = {
        "pairs": np.array(maps["pairs"]),
        "masses_GeV": np.asarray(maps["masses_GeV"], dtype=float),
        "lo_xsec_pb": np.asarray(maps["lo_xsec_pb"], dtype=np.float32),
        "provenance": np.array(json.dumps(maps["provenance"], sort_keys=True)),
    }
    for aid, arrs in maps["arrays"].items():
        for name, arr in arrs.items():
            flat[f"{aid}|{name}"] = np.asarray(arr, dtype=np.float32)
    buf = io.BytesIO()
    np.savez_compressed(buf, allow_pickle=True, **flat)
    with atomic_output(path, suffix=".npz") as tmp:
        Path(tmp).write_bytes(buf.getvalue())
    return path


@lru_cache(maxsize=4)
def _load(path: str, mtime: float) -> EffMaps:
    with np.load(path, allow_pickle=False) as z:
        arrays: dict[str, dict[str, np.ndarray]] = {}
        for key in z.files:
            if "|" in key:
                aid, name = key.split("|", 1)
                arrays.setdefault(aid, {})[name] = z[key].astype(float)
        return EffMaps([str(p) for p in z["pairs"]], z["masses_GeV"].astype(float), arrays,
                       json.loads(str(z["provenance"])), path)


def load_maps(path: str | os.PathLike[str] | None = None) -> EffMaps:
    """The shipped maps (or *path*).

    Raises:
        LimitsError: no map file (remake it, or use generation).
    """
    p = Path(path) if path else _default_path()
    if not p.is_file():
        msg = (f"no efficiency maps at {p} — make them with `python -m scripts.lq_mumujj.make_maps`"
               " or pass --generate")
        raise LimitsError(msg)
    return _load(os.fspath(p), p.stat().st_mtime)


def maps_digest(path: str | os.PathLike[str] | None = None) -> str:
    """SHA-256 (16 hex digits) of the map file, "" if there is none: part of the `recast limits` cache key."""
    p = Path(path) if path else _default_path()
    return hashlib.sha256(p.read_bytes()).hexdigest()[:16] if p.is_file() else ""


def stale_reasons(maps: EffMaps, analyses: list[Any] | None = None, *, selections: bool = True) -> list[str]:
    """Why *maps* no longer describe recast's generation and selections (empty if current).

    Compares the generator and detector versions, that every analysis (*analyses*, default
    every installed one that applies to leptoquarks) has a map, and with *selections* each
    one's :func:`selection_probe` against the stored one (:func:`probe_differs`; a few seconds per
    analysis with systematic variations: tests/test_effmaps.py checks it; `recast limits` checks the rest).
    """
    from recast.detector import DETECTOR_VERSION
    from recast.events.pythia_run import GENERATOR

    prov = maps.provenance
    out = []
    if prov.get("detector_version") != DETECTOR_VERSION:
        out.append(f"detector {prov.get('detector_version')} -> {DETECTOR_VERSION}")
    if prov.get("generator") != GENERATOR:
        out.append(f"generator {prov.get('generator')} -> {GENERATOR}")
    if analyses is None:
        from recast.analysis import list_analyses

        analyses = [a for a in list_analyses(failures={}) if "leptoquark" in a.applies_to]
    for ana in analyses:
        rec = prov.get("analyses", {}).get(ana.id)
        if rec is None:
            out.append(f"analysis {ana.id} has no map")
        elif selections and probe_differs(rec.get("probe"), selection_probe(ana)):
            out.append(f"analysis {ana.id}: selection changed since the maps were made")
    return out
