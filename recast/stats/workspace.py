"""Build pyhf workspaces for one (model point, analysis) and write them to disk.

Conventions of every workspace recast builds:

* POI ``mu`` (``normfactor``) scales the signal sample ``signal``; ``mu = 1`` is the model.
* Signal MC statistics: ``staterror`` named ``staterror_<region>`` (absolute per-bin
  uncertainties; bins with zero uncertainty are fixed by pyhf).
* Theory cross-section uncertainty: ``normsys`` named ``xsec`` (hi = 1 + u, lo = 1 - u).
* Each background sample is a :class:`Sample` with optional per-bin uncorrelated
  uncertainty (``shapesys`` ``<sample>_stat_<region>``), a normalisation ``normsys``
  (``<sample>_norm``) and correlated shape variations (``histosys``, by name).
* Observations: the published data at the analysis' own luminosity; otherwise (other
  luminosity, or no data) the Asimov background-only expectation, and backgrounds are
  scaled by ``lumi_fb / ref_lumi_fb`` (a projection).
"""

from __future__ import annotations

import json
import math
import numbers
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pyhf

from recast.atomic import write_text
from recast.exceptions import StatsError

__all__ = ["POI", "Sample", "as_workspace", "build_workspace", "is_projection", "is_validated", "mark_validated",
           "validate_workspace", "workspace_model", "write_workspace"]

POI = "mu"
_MIN_BKG = 1e-6  # events; floor so that empty background bins keep a finite Poisson mean


def __dir__() -> list[str]:
    return __all__


@dataclass(frozen=True)
class Sample:
    """A background sample in one region, at the analysis' own luminosity.

    Attributes:
        name: sample name (pyhf identifier: letters, digits, ``_``).
        counts: expected events per bin.
        stat_unc: absolute per-bin uncorrelated uncertainty (``shapesys``), or None.
        norm_unc: relative normalisation uncertainty (``normsys``), or None.
        shapes: correlated shape variations: name -> relative shift per bin
            (``histosys`` with up = counts*(1+shift), down = counts*(1-shift)).
    """

    name: str
    counts: np.ndarray
    stat_unc: np.ndarray | None = None
    norm_unc: float | None = None
    shapes: Mapping[str, np.ndarray] = field(default_factory=dict)


def is_projection(lumi_fb: float, ref_lumi_fb: float) -> bool:
    """True if *lumi_fb* differs from the analysis luminosity (then only Asimov limits)."""
    return not math.isclose(lumi_fb, ref_lumi_fb, rel_tol=1e-9)


def _arr(x: Sequence[float] | np.ndarray, n: int, what: str) -> np.ndarray:
    a = np.asarray(x, dtype=float).reshape(-1)
    if a.shape != (n,):
        msg = f"{what}: expected {n} bins, got {a.shape[0]}"
        raise StatsError(msg)
    if not np.all(np.isfinite(a)) or np.any(a < 0):
        msg = f"{what}: counts and uncertainties must be finite and >= 0"
        raise StatsError(msg)
    return a


def build_workspace(
    *,
    signal: Mapping[str, tuple[np.ndarray, np.ndarray]],
    backgrounds: Mapping[str, Sequence[Sample]],
    observed: Mapping[str, np.ndarray] | None,
    lumi_fb: float,
    ref_lumi_fb: float,
    xsec_rel_unc: float,
    name: str = "recast",
    validate: bool = True,
) -> dict[str, Any]:
    """A validated pyhf workspace spec (see the module docstring for the conventions).

    Args:
        signal: region -> (signal events per bin at *lumi_fb*, absolute MC-stat unc per bin).
        backgrounds: region -> background samples at *ref_lumi_fb* (scaled to *lumi_fb* here).
        observed: region -> observed counts at *ref_lumi_fb*, or None (no data published).
        lumi_fb: target luminosity in fb^-1.
        ref_lumi_fb: the analysis' own luminosity in fb^-1.
        xsec_rel_unc: relative theory uncertainty of the signal cross-section (0 = none).
        name: measurement name.
        validate: check the spec against pyhf's schema (False for a caller that adds modifiers and
            validates the final spec itself: the schema check is a third of a small fit's cost).

    Returns:
        pyhf workspace spec (dict).

    Raises:
        StatsError: inconsistent regions or bin counts, negative inputs, lumi <= 0.

    Example:
        >>> ws = build_workspace(signal={"sr": ([3.0], [0.3])},
        ...     backgrounds={"sr": [Sample("bkg", np.array([10.0]), norm_unc=0.1)]},
        ...     observed={"sr": [12]}, lumi_fb=139, ref_lumi_fb=139, xsec_rel_unc=0.1)
        >>> ws["observations"][0]["data"]
        [12.0]
    """
    if not lumi_fb > 0 or not ref_lumi_fb > 0:
        msg = f"luminosity must be > 0 fb^-1, got lumi_fb={lumi_fb}, ref_lumi_fb={ref_lumi_fb}"
        raise StatsError(msg)
    if set(signal) != set(backgrounds):
        msg = f"signal regions {sorted(signal)} differ from background regions {sorted(backgrounds)}"
        raise StatsError(msg)
    if not 0 <= xsec_rel_unc < 1:
        msg = f"xsec_rel_unc must be in [0, 1), got {xsec_rel_unc}"
        raise StatsError(msg)
    scale = lumi_fb / ref_lumi_fb
    use_data = observed is not None and not is_projection(lumi_fb, ref_lumi_fb)
    channels, observations = [], []
    for region in sorted(signal):
        bkgs = backgrounds[region]
        if not bkgs:
            msg = f"region {region!r} has no background sample"
            raise StatsError(msg)
        n = len(np.asarray(bkgs[0].counts).reshape(-1))
        s, ds = signal[region]
        s = _arr(s, n, f"signal in region {region!r}")
        ds = _arr(ds, n, f"signal MC-stat uncertainty in region {region!r}")
        sig_mods: list[dict[str, Any]] = [{"name": POI, "type": "normfactor", "data": None}]
        if np.any(ds > 0):
            sig_mods.append({"name": f"staterror_{region}", "type": "staterror", "data": ds.tolist()})
        if xsec_rel_unc > 0:
            sig_mods.append(
                {"name": "xsec", "type": "normsys", "data": {"hi": 1 + xsec_rel_unc, "lo": 1 - xsec_rel_unc}}
            )
        samples = [{"name": "signal", "data": s.tolist(), "modifiers": sig_mods}]
        total_b = np.zeros(n)
        for smp in bkgs:
            b = np.maximum(_arr(smp.counts, n, f"background {smp.name!r} in {region!r}") * scale, _MIN_BKG)
            total_b += b
            mods: list[dict[str, Any]] = []
            if smp.stat_unc is not None:
                db = _arr(smp.stat_unc, n, f"background {smp.name!r} stat unc in {region!r}") * scale
                # pyhf fixes shapesys bins with zero uncertainty; a negligible one (< 1e-6 relative)
                # is set to zero too: its Poisson constraint (tau = (b/sigma)^2 > 1e12) only
                # breaks the fits numerically
                db = np.where(db > 1e-6 * b, db, 0.0)
                mods.append({"name": f"{smp.name}_stat_{region}", "type": "shapesys", "data": db.tolist()})
            if smp.norm_unc:
                mods.append(
                    {"name": f"{smp.name}_norm", "type": "normsys",
                     "data": {"hi": 1 + smp.norm_unc, "lo": max(1 - smp.norm_unc, 1e-3)}}
                )
            for shape_name, shift in smp.shapes.items():
                rel = _arr(np.abs(shift), n, f"shape {shape_name!r} of {smp.name!r}") * np.sign(shift)
                mods.append(
                    {"name": shape_name, "type": "histosys",
                     "data": {"hi_data": (b * (1 + rel)).tolist(),
                              "lo_data": np.maximum(b * (1 - rel), 0.0).tolist()}}
                )
            samples.append({"name": smp.name, "data": b.tolist(), "modifiers": mods})
        channels.append({"name": region, "samples": samples})
        if use_data:
            assert observed is not None
            obs = _arr(observed[region], n, f"observed counts in region {region!r}")
        else:
            obs = total_b  # Asimov background-only
        observations.append({"name": region, "data": obs.tolist()})
    spec = {
        "channels": channels,
        "observations": observations,
        "measurements": [
            {"name": name, "config": {"poi": POI, "parameters": [{"name": POI, "bounds": [[0.0, 100.0]]}]}}
        ],
        "version": "1.0.0",
    }
    return validate_workspace(spec) if validate else spec


def as_workspace(spec_or_ws: dict[str, Any] | pyhf.Workspace) -> pyhf.Workspace:
    """A ``pyhf.Workspace`` from a spec (or the workspace itself); StatsError if invalid.

    The schema check runs once per spec structure (:func:`validate_workspace`), not again in pyhf.
    """
    if isinstance(spec_or_ws, pyhf.Workspace):
        return spec_or_ws
    return pyhf.Workspace(validate_workspace(spec_or_ws), validate=False)


def workspace_model(ws: pyhf.Workspace) -> pyhf.pdf.Model:
    """``ws.model(validate=False)`` without pyhf's second schema check of the measurement: the workspace
    schema (:func:`as_workspace`, or ``pyhf.Workspace``'s own check) covers the measurements. A workspace
    with several measurements goes through pyhf (which warns and takes the first)."""
    if len(ws.measurement_names) != 1:
        return ws.model(validate=False)
    config = ws["measurements"][0]["config"]
    return pyhf.Model({"channels": ws["channels"], "parameters": config["parameters"]}, poi_name=config["poi"],
                      validate=False)


#: Digests of the spec structures already checked against the schema in this process (bounded): a workspace of the
#: main job is built, fitted (asymptotic and Bayesian) and written, and checked once; the workspaces of a plane scan
#: (one per signal pattern and analysis, differing only in their numbers) are checked once per analysis.
_VALIDATED: dict[str, None] = {}
_VALIDATED_MAX = 4096


class _NotJson(Exception):
    """A value outside JSON's types (the digest falls back to the content)."""


def _skeleton(obj: Any) -> Any:
    """*obj* with every number replaced by 0: what pyhf's workspace schema sees of it.

    The schema (pyhf ``schemas/1.0.0``) constrains types, keys, strings (``const``, ``pattern``) and
    array lengths (``minItems``/``maxItems``), never the value of a number (no ``minimum``, ``maximum``,
    ``enum`` or ``integer`` on a number), so a spec is valid exactly when its skeleton is. Numbers as
    jsonschema counts them (``numbers.Number`` but not ``bool``).

    Raises:
        _NotJson: a value that is not a dict (string keys), list, string, number, bool or None.
    """
    if isinstance(obj, dict):
        if not all(isinstance(k, str) for k in obj):
            raise _NotJson
        return {k: _skeleton(v) for k, v in obj.items()}
    if isinstance(obj, list):
        return [_skeleton(v) for v in obj]
    if obj is None or isinstance(obj, (str, bool)):
        return obj
    if isinstance(obj, numbers.Number):
        return 0
    raise _NotJson


def _digest(spec: Mapping[str, Any]) -> str:
    """Digest of what the schema check of *spec* depends on: its :func:`_skeleton` (else its whole content)."""
    import hashlib

    try:
        text = "skeleton:" + json.dumps(_skeleton(spec), sort_keys=True)
    except _NotJson:
        text = "content:" + json.dumps(spec, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def validate_workspace(spec: dict[str, Any]) -> dict[str, Any]:
    """Validate *spec* against pyhf's workspace schema (once per structure, :func:`_skeleton`); return it.

    Raises:
        StatsError: the spec breaks the schema (message from pyhf).
    """
    key = _digest(spec)
    if key in _VALIDATED:
        return spec
    try:
        pyhf.schema.validate(spec, "workspace.json")
    except pyhf.exceptions.InvalidSpecification as err:
        msg = f"invalid pyhf workspace: {err}"
        raise StatsError(msg) from err
    if len(_VALIDATED) >= _VALIDATED_MAX:
        _VALIDATED.pop(next(iter(_VALIDATED)))
    _VALIDATED[key] = None
    return spec


def is_validated(spec: dict[str, Any]) -> bool:
    """Whether *spec*'s structure was checked against the schema in this process (:func:`validate_workspace`)."""
    return _digest(spec) in _VALIDATED


def mark_validated(spec: dict[str, Any]) -> None:
    """Record *spec* as checked against the schema: for specs a forked worker of this process validated
    (:func:`validate_workspace` there) and sent back; the parent does not check the same structure again."""
    if len(_VALIDATED) >= _VALIDATED_MAX:
        _VALIDATED.pop(next(iter(_VALIDATED)))
    _VALIDATED[_digest(spec)] = None


def write_workspace(spec: dict[str, Any], path: str | os.PathLike[str]) -> Path:
    """Validate and write *spec* as JSON to *path* atomically (temp file + ``os.replace``).

    Returns:
        The path written.
    """
    validate_workspace(spec)
    return write_text(path, json.dumps(spec, indent=1) + "\n")
