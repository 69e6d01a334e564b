"""Model-level event generation: Pythia 8 + fast detector → ROOT ntuple (cached).

Leptoquark models: every charge state whose branching ratio into final states with a
charged muon exceeds :data:`MIN_MUON_BR` is generated (``n_events`` each) and weighted with
the NNLO+NNLL pair cross-section :func:`recast.xsec.lq_pair_xsec` divided by ``n_events``;
Pythia's LO σ is kept in the metadata. Z′ models: the weight is Pythia's σ (pure Z′,
Z′ → μμ only, so it already includes BR(μμ)).

The file holds a TTree ``events`` (see ``docs/readme/events.md`` for the schema) and a
``metadata`` TObjString with a JSON document (model, parameters, σ used, events, generator,
seed, detector version, states generated and skipped).
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import awkward as ak
import numpy as np

from recast.atomic import atomic_output
from recast.cache import cache_key, store
from recast.constants import SQRT_S
from recast.detector import DETECTOR_VERSION
from recast.events.pythia_run import GENERATOR, generate_arrays
from recast.events.settings import pythia_settings
from recast.exceptions import EventsFileError, InvalidParameter, closest
from recast.models.base import Model
from recast.models.leptoquark import Leptoquark
from recast.models.zprime import ZPrimeModel

__all__ = ["EVENTS_SCHEMA", "MIN_MUON_BR", "check_states", "generate", "muon_br", "request_payload", "write_events"]


def __dir__() -> list[str]:
    return __all__


MIN_MUON_BR = 1e-3
#: Format tag of recast's event files (the ``schema`` entry of their metadata; not a JSON-schema version).
EVENTS_SCHEMA = "recast-events/1"


def muon_br(state: Any) -> float:
    """Branching ratio of a :class:`recast.models.State` into channels with a charged muon."""
    return float(sum(br for d, br in state.branching_ratios().items() if 13 in map(abs, d)))


def _model_record(model: Model) -> dict[str, Any]:
    rec: dict[str, Any] = {"name": model.name, "kind": model.kind, "params": dict(model.params)}
    charges = getattr(model, "charges", None)
    if charges is not None:
        rec["charges"] = {k: [str(x) for x in v] if isinstance(v, (list, tuple)) else str(v)
                          for k, v in charges.as_dict().items()}
    return rec


def request_payload(model: Model, *, n_events: int, seed: int, fast: bool, sqrt_s: float,
                    states: Sequence[str] | None = None) -> dict[str, Any]:
    """The cache-key payload of a generation request."""
    extra = {"states": sorted(states)} if states else {}
    return extra | {
        "model": _model_record(model),
        "n_events": int(n_events),
        "seed": int(seed),
        "fast": bool(fast),
        "sqrt_s": float(sqrt_s),
        "detector": DETECTOR_VERSION,
        "generator": GENERATOR,
        "schema": EVENTS_SCHEMA,
    }


def _state_seed(seed: int, name: str) -> int:
    digest = hashlib.sha256(f"{seed}:{name}".encode()).digest()
    return int.from_bytes(digest[:4], "little") & 0x7FFFFFFF


def write_events(events: ak.Array, path: str | os.PathLike[str], metadata: dict[str, Any]) -> Path:
    """Write detector-level events and metadata to a ROOT file atomically (uproot).

    Branches: jagged ``mu_pt, mu_eta, mu_phi, mu_charge[, mu_highpt]`` (counter ``nmu``), ``jet_pt,
    jet_eta, jet_phi, jet_m, jet_btag[, jet_flavour]`` (counter ``njet``), scalars ``met, met_phi, weight``
    and any further scalar fields (e.g. ``state``).
    """
    import uproot

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    mu_keys = ("mu_pt", "mu_eta", "mu_phi", "mu_charge", "mu_highpt")
    jet_keys = ("jet_pt", "jet_eta", "jet_phi", "jet_m", "jet_btag", "jet_flavour")
    mu = ak.zip({k[3:]: events[k] for k in mu_keys if k in events.fields})
    jet = ak.zip({k[4:]: events[k] for k in jet_keys if k in events.fields})
    tree: dict[str, Any] = {"mu": mu, "jet": jet}
    for key in events.fields:
        if not key.startswith(("mu_", "jet_")):
            tree[key] = ak.to_numpy(events[key])
    with atomic_output(path, suffix=".root") as tmp, uproot.recreate(tmp) as f:
        f.mktree("events", {k: v.type if isinstance(v, ak.Array) else v.dtype for k, v in tree.items()},
                 title="recast detector-level events")
        if len(events):
            f["events"].extend(tree)
        f["metadata"] = json.dumps(metadata, sort_keys=True)
    return path


def _copy_atomic(src: Path, dst: Path) -> Path:
    with atomic_output(dst) as tmp:
        shutil.copyfile(src, tmp)
    return dst


def check_states(model: Any, states: Sequence[str] | None = None) -> None:
    """Fail before any generation if *states* names no state of *model*, or if no (requested)
    leptoquark state decays to muons with BR > :data:`MIN_MUON_BR`.

    Raises:
        InvalidParameter: with the valid or the muonic state names.
    """
    valid = [st.name for st in model.states()]
    unknown = [x for x in states or () if x not in valid]
    if unknown:
        msg = f"{model.name} has no state {unknown[0]!r}; {closest(unknown[0], valid)}"
        raise InvalidParameter(msg)
    if not isinstance(model, Leptoquark):  # a Z′ is one resonance: its muon BR shows in σ × BR
        return
    to_mu = [st.name for st in model.states() if muon_br(st) > MIN_MUON_BR]
    if states and not set(states) & set(to_mu):
        msg = (f"the requested state(s) {', '.join(states)} of {model!r} do not decay to muons "
               f"(BR <= {MIN_MUON_BR:g}) — choose among {', '.join(to_mu) or 'none: set a muon coupling'}")
        raise InvalidParameter(msg)
    if not to_mu:
        msg = (f"no state of {model!r} decays to muons with BR > {MIN_MUON_BR:g} — "
               "set a muon coupling, e.g. --coupling y_bmu=1")
        raise InvalidParameter(msg)


def generate(
    model: Model,
    *,
    n_events: int,
    seed: int,
    out: str | os.PathLike[str] | None = None,
    jobs: int | None = None,
    fast: bool = False,
    cache: bool = True,
    progress: bool = True,
    verbose: bool = False,
    sqrt_s: float = SQRT_S,
    states: Sequence[str] | None = None,
) -> Path:
    """Generate detector-level events for a model point and write them to a ROOT file.

    Args:
        model: a leptoquark or Z′ model point.
        n_events: events per generated state (leptoquarks) or in total (Z′).
        seed: random seed; the same request gives the same events.
        out: output ROOT file; default: the cached file itself.
        jobs: worker processes (default: all cores).
        fast: hadronisation and MPI off.
        cache: reuse an identical earlier request from the cache store ``store("events")``.
        progress: tqdm progress bar.
        verbose: Pythia's own output.
        sqrt_s: centre-of-mass energy in GeV (the LQ NNLO+NNLL table is for 13 TeV only).
        states: leptoquarks only: generate just these charge states (e.g. ``["S3m43"]``);
            default every state that decays to muons. Each state's events do not depend on
            which other states are generated.

    Returns:
        The path of the ROOT file.

    Raises:
        InvalidParameter: no state decays to muons, an LQ mass outside the σ table, or
            ``sqrt_s`` ≠ 13 TeV for a leptoquark.
    """
    if n_events < 1:
        msg = f"--events must be >= 1, got {n_events}"
        raise InvalidParameter(msg)
    if out is not None and Path(out).is_dir():
        msg = f"--out {out} is a directory; give a file name such as {Path(out) / 'events.root'}"
        raise InvalidParameter(msg)
    check_states(model, states)
    payload = request_payload(model, n_events=n_events, seed=seed, fast=fast, sqrt_s=sqrt_s, states=states)
    events_store, name = store("events"), f"{model.name.replace('/', '_')}-{cache_key(payload)}.root"
    request = json.loads(json.dumps(payload, default=str))
    if cache and (cached := events_store.get(name, check=lambda p: _request_problem(p, request))):
        return _copy_atomic(cached, Path(out)) if out is not None else cached
    if isinstance(model, Leptoquark):
        events, meta = _generate_lq(model, n_events, seed, jobs, fast, progress, verbose, sqrt_s, states)
    elif isinstance(model, ZPrimeModel):
        events, meta = _generate_zprime(model, n_events, seed, jobs, fast, progress, verbose, sqrt_s)
    else:
        msg = f"model {model.name} ({type(model).__name__}) has no event generation (a Leptoquark or a ZPrimeModel)"
        raise InvalidParameter(msg)
    meta |= {
        "schema": EVENTS_SCHEMA,
        "model": _model_record(model),
        "seed": int(seed),
        "fast": bool(fast),
        "sqrt_s_GeV": float(sqrt_s),
        "generator": GENERATOR,
        "detector_version": DETECTOR_VERSION,
        "n_events": len(events),
        "sum_weights_pb": float(np.sum(ak.to_numpy(events["weight"]))),
        "request": request,
    }
    cached = events_store.put(name, lambda tmp: write_events(events, tmp, meta))
    return _copy_atomic(cached, Path(out)) if out is not None else cached


def _request_problem(path: Path, request: dict[str, Any]) -> str | None:
    """Content check of a cached events file: why its recorded request is not *request*, or None."""
    from recast.io import read_metadata

    try:
        recorded = read_metadata(path).get("request")
    except (EventsFileError, ImportError, ValueError, OSError) as err:
        return f"its metadata cannot be read ({type(err).__name__})"
    return None if recorded == request else "it was written for another request"


def _generate_lq(
    model: Leptoquark,
    n_events: int,
    seed: int,
    jobs: int | None,
    fast: bool,
    progress: bool,
    verbose: bool,
    sqrt_s: float,
    only: Sequence[str] | None = None,
) -> tuple[ak.Array, dict[str, Any]]:
    if abs(sqrt_s - SQRT_S) > 1e-6:
        msg = f"the LQ pair cross-section table is for sqrt(s) = {SQRT_S:g} GeV, not {sqrt_s:g} GeV"
        raise InvalidParameter(msg)
    states, skipped, parts = [], [], []
    for st in model.states():
        br = muon_br(st)
        if only and st.name not in only:
            skipped.append({"state": st.name, "br_muon": br, "reason": "not requested"})
            continue
        if br <= MIN_MUON_BR:
            skipped.append({"state": st.name, "br_muon": br})
            continue
        sigma, rel = model.pair_xsec(st.mass)
        settings = pythia_settings(model, state=st.name, sqrt_s=sqrt_s)
        ev, info = generate_arrays(settings, n_events=n_events, seed=_state_seed(seed, st.name),
                                   jobs=jobs, fast=fast, progress=progress, verbose=verbose,
                                   desc=st.name)
        n = len(ev)
        ev = ak.with_field(ev, np.full(n, sigma / n), "weight")
        ev = ak.with_field(ev, np.full(n, st.pdg, dtype=np.int32), "state")
        parts.append(ev)
        states.append({
            "state": st.name, "pdg": st.pdg, "charge": str(st.charge), "mass_GeV": st.mass,
            "width_GeV": st.width, "br_muon": br,
            "branching_ratios": {" ".join(map(str, d)): b for d, b in st.branching_ratios().items()},
            "xsec_pb": sigma, "xsec_rel_unc": rel, "xsec_source": "NNLO+NNLL (recast.xsec.lq_pair_xsec)",
            "pythia_lo_xsec_pb": info["xsec_pb"], "pythia_lo_xsec_err_pb": info["xsec_err_pb"],
            "n_events": n, "seed": info["seed"],
        })
    if not parts:
        if only:
            to_mu = [st.name for st in model.states() if muon_br(st) > MIN_MUON_BR]
            msg = (f"the requested state(s) {', '.join(only)} of {model!r} do not decay to muons "
                   f"(BR <= {MIN_MUON_BR:g}) — choose among {', '.join(to_mu) or 'none: set a muon coupling'}")
        else:
            msg = (f"no state of {model!r} decays to muons with BR > {MIN_MUON_BR:g} — "
                   "set a muon coupling, e.g. --coupling y_bmu=1")
        raise InvalidParameter(msg)
    meta = {"states": states, "states_skipped": skipped,
            "xsec_pb": float(sum(s["xsec_pb"] for s in states)),
            "xsec_source": "NNLO+NNLL scalar pair table per state"}
    return ak.concatenate(parts), meta


def _generate_zprime(
    model: ZPrimeModel,
    n_events: int,
    seed: int,
    jobs: int | None,
    fast: bool,
    progress: bool,
    verbose: bool,
    sqrt_s: float,
) -> tuple[ak.Array, dict[str, Any]]:
    st = model.states()[0]
    couplings = model.couplings()
    if not any(any(couplings[q]) for q in (1, 2, 3, 4, 5)):
        msg = (f"{model.name} Z' has no couplings to light quarks, so Pythia's q qbar -> Z' gives "
               "no events (production via muons, pp -> mu mu Z', is not available); "
               "use a model with quark charges, e.g. B-3Lmu")
        raise InvalidParameter(msg)
    settings = pythia_settings(model, sqrt_s=sqrt_s)
    ev, info = generate_arrays(settings, n_events=n_events, seed=seed, jobs=jobs, fast=fast,
                               progress=progress, verbose=verbose, desc=st.name)
    brs = st.branching_ratios()
    meta = {
        "xsec_pb": info["xsec_pb"], "xsec_err_pb": info["xsec_err_pb"],
        "xsec_source": "Pythia 8 LO sigma(pp -> Z' -> mu mu)",
        "states": [{"state": st.name, "pdg": st.pdg, "mass_GeV": st.mass, "width_GeV": st.width,
                    "br_muon": brs.get((13, -13), 0.0), "n_events": len(ev)}],
        "states_skipped": [],
    }
    return ev, meta
