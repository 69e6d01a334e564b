"""Run Pythia 8 in parallel chunks and apply the fast detector.

Reproducibility: the ``n_events`` are split into fixed chunks of :data:`CHUNK_EVENTS`
events; chunk ``i`` gets its own Pythia instance seeded with a hash of ``(seed, i)`` and
its own detector random stream, so the output depends on ``seed`` and ``n_events`` only,
not on the number of parallel jobs. The chunks run on recast's one runner
(:func:`recast.runner.run_tasks`, forked processes), which shows one bar of generated events.

Weights: every event gets ``w_i · σ_c / Σ_{chunk} w · n_c / N`` in pb, where ``w_i`` is
Pythia's event weight (``Info::weight``, ≠ 1 with biased phase-space sampling),
``σ_c`` the chunk's ``Info::sigmaGen`` and ``n_c`` its size: the weights sum to the
event-weighted mean of the chunks' σ_gen.
"""

from __future__ import annotations

import hashlib
import time
from typing import Any

import awkward as ak
import numpy as np

from recast.detector import DETECTOR_VERSION, Detector
from recast.events.pythia import PythiaError, new_pythia
from recast.exceptions import InvalidParameter
from recast.quiet import quiet_stdout
from recast.runner import Progress, report, run_tasks

__all__ = ["CHUNK_EVENTS", "GENERATOR", "PythiaError", "chunk_seed", "generate_arrays"]


def __dir__() -> list[str]:
    return __all__


CHUNK_EVENTS = 500  # events per independently seeded Pythia run
SUB_BATCH = 100  # events per nextBatch call (progress updates, bounded memory)
MB_TO_PB = 1e9


def _generator_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return f"pythia8mc {version('pythia8mc')}"
    except PackageNotFoundError:  # pragma: no cover
        return "pythia8mc (unknown version)"


GENERATOR = _generator_version()


def chunk_seed(seed: int, chunk: int) -> int:
    """Pythia seed (1..900000000) of chunk ``chunk`` of a run with user seed ``seed``."""
    digest = hashlib.sha256(f"recast:{seed}:{chunk}".encode()).digest()
    return int.from_bytes(digest[:8], "little") % 900_000_000 + 1


def _charges(py: Any, ids: np.ndarray) -> np.ndarray:  # py: a pythia8mc.Pythia (untyped)
    """Electric charge (e) per PDG id from Pythia's particle table."""
    uniq, inv = np.unique(ids, return_inverse=True)
    table = np.array([py.particleData.charge(int(i)) for i in uniq], dtype=float)
    return table[inv]


def _to_particles(py: Any, prt: ak.Array) -> ak.Array:
    counts = ak.num(prt, axis=1)
    flat_id = ak.to_numpy(ak.flatten(prt.id))
    charge = ak.unflatten(_charges(py, flat_id), counts)
    return ak.zip(
        {
            "px": prt.p.px, "py": prt.p.py, "pz": prt.p.pz, "e": prt.p.e,
            "id": prt.id, "status": prt.status, "charge": charge,
        }
    )


#: One chunk: (settings, events, user seed, chunk index, verbose).
ChunkTask = tuple[list[str], int, int, int, bool]


def _run_chunks(batch: list[ChunkTask], state: None) -> list[dict[str, Any]]:
    """The runner's task function: every chunk of *batch*."""
    return [_run_chunk(task) for task in batch]


def _run_chunk(task: ChunkTask) -> dict[str, Any]:
    """Generate one chunk in sub-batches of :data:`SUB_BATCH` events (Pythia, then detector);
    each sub-batch advances the run's bar (:func:`recast.runner.report`)."""
    settings, n, seed, chunk, verbose = task
    t0 = time.perf_counter()
    rng = np.random.default_rng([seed, chunk, 0x5EED])
    detector = Detector()
    parts, weights = [], []
    with quiet_stdout(not verbose):
        py = new_pythia(settings, seed=chunk_seed(seed, chunk), verbose=verbose)
        done = 0
        while done < n:
            k = min(SUB_BATCH, n - done)
            try:
                batch = py.nextBatch(k, 10.0)
            except Exception as err:  # Pythia gives up after 10x the requested attempts
                msg = (
                    f"Pythia failed to generate events ({err}) — rerun with --verbose (Python: verbose=True) to see why"
                )
                raise PythiaError(msg) from err
            w = ak.to_numpy(ak.firsts(batch["info"].weights))
            weights.append(np.where(np.isfinite(w), w, 0.0))
            parts.append(detector.simulate(_to_particles(py, batch["prt"]), rng))
            done += k
            report(k)
        info = py.infoPython()
        sigma, sigma_err = info.sigmaGen() * MB_TO_PB, info.sigmaErr() * MB_TO_PB
        n_tried = int(info.nTried())
    return {
        "chunk": chunk,
        "events": parts[0] if len(parts) == 1 else ak.concatenate(parts),
        "w": np.concatenate(weights),
        "sigma_pb": sigma,
        "sigma_err_pb": sigma_err,
        "n_tried": n_tried,
        "seconds": time.perf_counter() - t0,
    }


def generate_arrays(
    settings: list[str],
    *,
    n_events: int,
    seed: int,
    jobs: int | None = None,
    fast: bool = False,
    progress: bool = True,
    verbose: bool = False,
    desc: str = "pythia",
) -> tuple[ak.Array, dict[str, Any]]:
    """Run Pythia 8 with free-form ``settings`` and return detector-level events.

    Args:
        settings: Pythia ``readString`` lines (``#``/``!`` comments are skipped). Seeds and
            print settings are added here; beams and processes come from ``settings``.
        n_events: number of accepted events.
        seed: user seed (any integer ≥ 0); fixes the output for given settings.
        jobs: worker processes (default: all cores available to this process).
        fast: append ``HadronLevel:all = off`` and ``PartonLevel:MPI = off``.
        progress: show a tqdm bar (events, rate, ETA) on stderr.
        verbose: let Pythia print its banner, statistics and warnings.
        desc: label of the progress bar.

    Returns:
        ``(events, info)``: ``events`` has jagged ``mu_pt, mu_eta, mu_phi, mu_charge, jet_pt,
        jet_eta, jet_phi, jet_m, jet_btag`` and scalar ``met, met_phi`` (GeV) and ``weight``
        (pb per event, summing to σ_gen); ``info`` = ``{xsec_pb, xsec_err_pb, n_events,
        generator, seed, detector_version, n_chunks, seconds}``.

    Raises:
        InvalidParameter: ``n_events`` < 1, negative seed or ``jobs`` < 1.
        PythiaError: a setting Pythia does not know, or a failed initialisation.
    """
    _check_request(n_events, seed, jobs)
    settings = list(settings)
    if fast:
        settings += ["HadronLevel:all = off", "PartonLevel:MPI = off"]
    sizes = [CHUNK_EVENTS] * (n_events // CHUNK_EVENTS)
    if n_events % CHUNK_EVENTS:
        sizes.append(n_events % CHUNK_EVENTS)
    tasks: list[ChunkTask] = [(settings, n, seed, i, verbose) for i, n in enumerate(sizes)]
    t0 = time.perf_counter()
    bar = Progress(desc, "ev", total=n_events, reported=True) if progress else None
    ordered = run_tasks(_run_chunks, tasks, mode="fork", jobs=jobs, batch_size=1, state=None, progress=bar).results
    events, xsec, err = _merge_chunks(ordered)
    info = {
        "xsec_pb": xsec,
        "xsec_err_pb": err,
        "n_events": int(sum(len(r["w"]) for r in ordered)),
        "generator": GENERATOR,
        "seed": int(seed),
        "detector_version": DETECTOR_VERSION,
        "n_chunks": len(tasks),
        "seconds": time.perf_counter() - t0,
    }
    return events, info


def _check_request(n_events: int, seed: int, jobs: int | None) -> None:
    """InvalidParameter for ``n_events`` < 1, a negative seed or ``jobs`` < 1."""
    if n_events < 1:
        msg = f"n_events must be >= 1, got {n_events}"
        raise InvalidParameter(msg)
    if seed < 0:
        msg = f"seed must be >= 0, got {seed}"
        raise InvalidParameter(msg)
    if jobs is not None and jobs < 1:
        msg = f"jobs must be >= 1, got {jobs}"
        raise InvalidParameter(msg)


def _merge_chunks(ordered: list[dict[str, Any]]) -> tuple[ak.Array, float, float]:
    """Concatenate the chunks' events with weights in pb: each chunk carries its own σ estimate
    in proportion to its share of the events. Returns (events, σ [pb], its uncertainty [pb])."""
    n_total = sum(len(r["w"]) for r in ordered)
    weights = []
    for r in ordered:
        wsum = float(np.sum(r["w"]))
        scale = r["sigma_pb"] / wsum * len(r["w"]) / n_total if wsum > 0 else 0.0
        weights.append(r["w"] * scale)
    events = ak.concatenate([r["events"] for r in ordered])
    weight = np.concatenate(weights)
    events = ak.with_field(events, weight, "weight")
    frac = np.array([len(r["w"]) / n_total for r in ordered])
    err = float(np.sqrt(np.sum((frac * np.array([r["sigma_err_pb"] for r in ordered])) ** 2)))
    return events, float(np.sum(weight)), err
