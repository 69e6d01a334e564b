"""Generator files in: LHE (showered by Pythia 8) and HepMC (straight into the detector).

A MadGraph (or any) parton-level LHE file is showered and hadronised by the embedded Pythia 8
reading the file itself (``Beams:frameType = 4``, ``Beams:LHEF``; BSM masses and widths from
the SLHA block of its header), then passed through :mod:`recast.detector`. A HepMC file
(HepMC3 or HepMC2 ASCII, read with ``pyhepmc``) already holds hadron-level events and goes
straight into the detector. Either way the result is our ntuple (TTree ``events`` +
``metadata``), cached by the file's content, with the cross-section *taken from the file*:

* LHE: Σ XSECUP over the processes of the ``<init>`` block [pb] (LHA accord, hep-ph/0109068;
  LHEF, hep-ph/0609017); the events are weighted σ·w_i/Σw with w_i Pythia's event weight
  (XWGTUP), so negative-weight and weighted files keep their shape;
* HepMC: the ``GenCrossSection`` of the last event [pb] (HepMC3 convention; a generator's
  running estimate is final there), events weighted σ·w_i/Σw with w_i the first event weight.

Formats are detected from content (:func:`detect_format`), never from the name; gzip is
undone first. Units: GeV, pb.

Example:
    >>> import gzip, io, pathlib, tempfile
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "x.dat"
    >>> _ = p.write_text("<LesHouchesEvents version='3.0'>\\n<init>\\n")
    >>> detect_format(p)
    'lhe'
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import hashlib
import json
import os
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import awkward as ak
import numpy as np

from recast.exceptions import EventsFileError, InvalidParameter

if TYPE_CHECKING:
    from tqdm.std import tqdm

__all__ = [
    "GENERATOR_FORMATS",
    "convert",
    "describe_generator_file",
    "detect_format",
    "lhe_summary",
    "read_hepmc",
    "read_lhe",
    "shower_lhe",
]

#: Formats of generator files recast converts (ROOT ntuples are read directly by recast.io).
GENERATOR_FORMATS = ("lhe", "hepmc3", "hepmc2")
CONVERT_VERSION = "recast-from-file/3"  # part of the cache key: bump when the conversion changes
CHUNK = 500  # HepMC events per detector call (bounded memory)
SUB_BATCH = 100  # LHE events per Pythia nextBatch call
MB_TO_PB = 1e9


def __dir__() -> list[str]:
    return __all__


# ---------------------------------------------------------------- format detection


def _head(path: Path, n: int = 4096) -> bytes:
    with path.open("rb") as f:
        head = f.read(n)
    if head[:2] == b"\x1f\x8b":
        try:
            with gzip.open(path, "rb") as g:
                head = g.read(n)
        except (OSError, EOFError) as err:
            msg = f"{path} is a damaged gzip file ({err}) — re-download or re-compress it"
            raise EventsFileError(msg) from err
    return head


def detect_format(path: str | os.PathLike[str]) -> str:
    """The format of an events file from its first bytes: ``root``, ``lhe``, ``hepmc3`` or ``hepmc2``.

    Raises:
        EventsFileError: missing, a directory, empty, or none of these formats.
    """
    p = Path(path)
    if not p.exists():
        msg = f"events file {p} does not exist"
        raise EventsFileError(msg)
    if p.is_dir():
        msg = f"events file {p} is a directory, not an events file"
        raise EventsFileError(msg)
    head = _head(p)
    if head[:4] == b"root":
        return "root"
    text = head.decode("latin-1").lstrip("\ufeff \t\r\n")
    if "<LesHouchesEvents" in text[:2048]:
        return "lhe"
    if text.startswith("HepMC::Version") or text.startswith("HepMC::Asciiv3"):
        return "hepmc3" if "HepMC::Asciiv3-START_EVENT_LISTING" in text else "hepmc2"
    if text.startswith("HepMC::IO_GenEvent-START_EVENT_LISTING"):
        return "hepmc2"
    if not head:
        msg = f"{p} is empty — give a ROOT ntuple, an LHE file or a HepMC3 file"
        raise EventsFileError(msg)
    msg = f"{p} is not a ROOT file (no ROOT file header) nor an LHE or HepMC file; give a .root, LHE or HepMC3 file"
    raise EventsFileError(msg)


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


# ---------------------------------------------------------------- LHE


@contextlib.contextmanager
def _parse_errors(path: Path, what: str) -> Iterator[None]:
    """pylhe warns ("Parse Error") and stops at a malformed or truncated event: make that an error."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            yield
        except EventsFileError:
            raise
        except Exception as err:  # pylhe/ElementTree raise several types for malformed XML
            msg = f"{path} is a malformed LHE file ({what}: {type(err).__name__}: {err}) — check that it is complete"
            raise EventsFileError(msg) from err
    bad = [w for w in caught if "Parse Error" in str(w.message)]
    if bad:
        msg = f"{path} is a malformed or truncated LHE file ({what}: {bad[0].message}) — check that it is complete"
        raise EventsFileError(msg)


def _lhe_file(path: Path, *, lazy: bool = False) -> Any:
    import pylhe

    with _parse_errors(path, "header"):  # no per-event attributes: Pythia's LHEF writer leaves
        # <weights></weights> empty, which pylhe refuses
        return pylhe.LHEFile.fromfile(path, with_attributes=False, generator=lazy)


def _header_generator(path: Path) -> str | None:
    """The program that wrote an LHE file: its ``<generator>`` tag, or MadGraph's ``<MGVersion>``."""
    import re

    with path.open("rb") as raw:
        zipped = raw.read(2) == b"\x1f\x8b"
    with (gzip.open if zipped else open)(path, "rt", encoding="latin-1") as f:
        text = ""
        for line in f:
            text += line
            if "</init>" in line or len(text) > 2_000_000:
                break
    if m := re.search(r"<generator[^>]*name=['\"]([^'\"]+)['\"][^>]*version=['\"]([^'\"]+)['\"]", text):
        return f"{m[1]} {m[2]}"
    if "MadGraph" in text and (m := re.search(r"VERSION\s+(\d[\w.]*)\s", text)):  # the proc-card banner
        return f"MadGraph5_aMC@NLO {m[1]}"
    if m := re.search(r"<MGVersion>\s*#?\s*([\w.]+)", text):
        return f"MadGraph5_aMC@NLO {m[1]}"
    return None


def lhe_summary(path: str | os.PathLike[str]) -> dict[str, Any]:
    """What an LHE file says about itself (read with ``pylhe``), without running anything.

    Returns:
        ``{format, beams: [[pdg, E_GeV], [pdg, E_GeV]], sqrt_s_GeV, weighting_strategy,
        processes: [{id, xsec_pb, xsec_err_pb, max_weight}], xsec_pb (Σ XSECUP),
        xsec_err_pb (errors added in quadrature), n_events, file_generator}``.

    Raises:
        EventsFileError: malformed XML, no ``<init>`` block, no events, or σ ≤ 0.
    """
    p = Path(path)
    lhe = _lhe_file(p, lazy=True)
    init = lhe.init
    if init is None or init.initInfo is None:
        msg = f"{p}: LHE file without an <init> block — it is not a complete LHE file"
        raise EventsFileError(msg)
    info = init.initInfo
    procs = [{"id": int(pr.procId), "xsec_pb": float(pr.xSection), "xsec_err_pb": float(pr.error),
              "max_weight": float(pr.unitWeight)} for pr in init.procInfo]
    xsec = float(sum(pr["xsec_pb"] for pr in procs))
    n = 0
    with _parse_errors(p, "events"):  # parse every event once: a malformed file fails here, not in Pythia
        for _ in lhe.events:
            n += 1
    if n == 0:
        msg = f"{p}: LHE file with no <event> blocks"
        raise EventsFileError(msg)
    negative = [pr["id"] for pr in procs if pr["xsec_pb"] < 0]
    if negative:
        msg = (f"{p}: the LHE <init> block gives process {negative[0]} a negative cross-section (XSECUP) — "
               "fix the file or pass --xsec in pb")
        raise EventsFileError(msg)
    if not procs or not np.isfinite(xsec) or xsec <= 0:
        msg = (f"{p}: the LHE <init> block gives no positive cross-section (Σ XSECUP = {xsec:g} pb) — "
               "pass --xsec in pb")
        raise EventsFileError(msg)
    return {
        "format": "lhe",
        "beams": [[int(info.beamA), float(info.energyA)], [int(info.beamB), float(info.energyB)]],
        "sqrt_s_GeV": float(2.0 * np.sqrt(info.energyA * info.energyB)),
        "weighting_strategy": int(info.weightingStrategy),
        "processes": procs,
        "xsec_pb": xsec,
        "xsec_err_pb": float(np.sqrt(sum(pr["xsec_err_pb"] ** 2 for pr in procs))),
        "n_events": n,
        "file_generator": _header_generator(p),
    }


def read_lhe(path: str | os.PathLike[str]) -> ak.Array:
    """The parton-level events of an LHE file as an awkward Array (``pylhe.to_awkward``):
    ``eventinfo`` (weight, scale, ...) and ``particles`` (``vector`` 4-momenta [GeV], ``id``,
    ``status``, mothers, colours)."""
    import pylhe

    p = Path(path)
    lhe = _lhe_file(p)
    with _parse_errors(p, "events"):
        return pylhe.to_awkward(lhe.events)


def shower_lhe(path: str | os.PathLike[str], *, seed: int = 1, fast: bool = False, verbose: bool = False,
               progress: bool | None = None, xsec_pb: float | None = None) -> tuple[ak.Array, dict[str, Any]]:
    """Shower and hadronise the events of an LHE file with Pythia 8, then the fast detector.

    Args:
        path: the LHE file (plain or gzipped).
        seed: Pythia and detector seed.
        fast: hadronisation and MPI off.
        verbose: Pythia's own output.
        progress: tqdm bar (``None``: only on a terminal).
        xsec_pb: σ [pb] to normalise to instead of the file's Σ XSECUP.

    Returns:
        ``(events, info)``: detector-level events with ``weight`` [pb] summing to σ, and
        ``info`` (the :func:`lhe_summary` plus ``n_showered``, ``pythia_xsec_pb``, ``xsec_from_file_pb``;
        ``xsec_err_pb`` is None when *xsec_pb* replaces the file's σ).

    Raises:
        EventsFileError: a malformed file; PythiaError: Pythia cannot read it.
    """
    from recast.detector import Detector
    from recast.events.pythia import PythiaError, new_pythia
    from recast.events.pythia_run import _to_particles
    from recast.quiet import quiet_stdout

    p = Path(path).resolve()
    summary = lhe_summary(p)
    sigma = summary["xsec_pb"] if xsec_pb is None else float(xsec_pb)
    rng = np.random.default_rng([seed, 0x1E4E])
    detector = Detector()
    parts, weights = [], []
    n_total = summary["n_events"]
    bar = _bar(n_total, progress, "shower")
    try:
        with _blank_free(p) as lhef, quiet_stdout(not verbose):
            settings = ["Beams:frameType = 4", f"Beams:LHEF = {lhef}"]
            if fast:
                settings += ["HadronLevel:all = off", "PartonLevel:MPI = off"]
            py = new_pythia(settings, seed=seed % 900_000_000 + 1, verbose=verbose)
            done = 0
            while done < n_total:
                k = min(SUB_BATCH, n_total - done)
                try:
                    batch = py.nextBatch(k, "skip")
                except Exception as err:
                    msg = f"Pythia failed on the events of {p} ({err}) — rerun with --verbose to see why"
                    raise PythiaError(msg) from err
                got = len(batch["prt"])
                if got:
                    w = ak.to_numpy(ak.firsts(batch["info"].weights))
                    weights.append(np.where(np.isfinite(w), w, 0.0))
                    parts.append(detector.simulate(_to_particles(py, batch["prt"]), rng))
                done += k
                bar.update(k)
                if py.infoPython().atEndOfFile():
                    break
            info = py.infoPython()
            pythia_sigma = float(info.sigmaGen() * MB_TO_PB)
    finally:
        bar.close()
    if not parts:
        msg = f"Pythia showered no event of {p} — rerun with --verbose to see why"
        raise PythiaError(msg)
    events = ak.concatenate(parts) if len(parts) > 1 else parts[0]
    w = np.concatenate(weights)
    events = ak.with_field(events, _normalise(w, sigma, p), "weight")
    from recast.events.pythia_run import GENERATOR

    shower = "shower" if fast else "shower + hadronisation + MPI"
    # the file's σ error belongs to the file's σ: none for a σ given instead (--xsec)
    return events, summary | {"xsec_pb": sigma, "xsec_err_pb": summary["xsec_err_pb"] if xsec_pb is None else None,
                              "xsec_from_file_pb": summary["xsec_pb"], "n_showered": len(w),
                              "pythia_xsec_pb": pythia_sigma, "generator": f"{GENERATOR} ({shower} of the LHE events)"}


@contextlib.contextmanager
def _blank_free(p: Path) -> Iterator[Path]:
    """*p*, or a link to it from a temporary folder if its path has blanks: Pythia reads a word
    setting (``Beams:LHEF``) only up to its first blank."""
    if not any(c.isspace() for c in str(p)):
        yield p
        return
    import tempfile

    with tempfile.TemporaryDirectory(prefix="recast-lhe-") as tmp:
        link = Path(tmp) / "".join("_" if c.isspace() else c for c in p.name)
        if any(c.isspace() for c in str(link)):
            msg = f"{p}: Pythia cannot read a path with blanks — move the file or set TMPDIR to a blank-free folder"
            raise EventsFileError(msg)
        link.symlink_to(p)
        yield link


def _normalise(w: np.ndarray, sigma: float, path: Path) -> np.ndarray:
    total = float(np.sum(w))
    if not np.isfinite(total) or total <= 0:
        msg = f"{path}: the event weights sum to {total:g}, not a positive number — the file cannot be normalised"
        raise EventsFileError(msg)
    return w * (sigma / total)


def _bar(total: int, enabled: bool | None, desc: str) -> tqdm[Any]:
    from tqdm.auto import tqdm

    return tqdm(total=total, unit="ev", disable=None if enabled is None else not enabled, desc=desc, dynamic_ncols=True)


# ---------------------------------------------------------------- HepMC


@functools.cache
def _table_pythia() -> Any:
    """A Pythia initialised without process level (no event is generated), kept for its particle
    table: the charge of every PDG id it knows, 0 for unknown ids."""
    from recast.events.pythia import new_pythia
    from recast.quiet import quiet_stdout

    with quiet_stdout(True):
        return new_pythia(["ProcessLevel:all = off"])


def _charges(ids: np.ndarray) -> np.ndarray:
    table = _table_pythia().particleData  # the Pythia object stays alive in the cache
    uniq, inv = np.unique(ids, return_inverse=True)
    return np.array([table.charge(int(i)) for i in uniq], dtype=float)[inv]


def _hepmc_chunk(records: list[dict[str, np.ndarray]]) -> ak.Array:
    counts = np.array([len(r["id"]) for r in records])
    flat = {k: np.concatenate([r[k] for r in records]) for k in ("px", "py", "pz", "e", "id", "status")}
    flat["charge"] = _charges(flat["id"])
    return ak.zip({k: ak.unflatten(v, counts) for k, v in flat.items()})


def read_hepmc(
    path: str | os.PathLike[str], *, seed: int = 1, progress: bool | None = None, xsec_pb: float | None = None
) -> tuple[ak.Array, dict[str, Any]]:
    """HepMC3/HepMC2 ASCII events (``pyhepmc``) through the fast detector.

    Status 1 particles are the final state (HepMC convention); the others are kept as
    not-final (for the b/c-jet labels). Momenta in MeV are converted to GeV.

    Args:
        path: the HepMC file (plain or gzipped).
        seed: detector seed.
        progress: tqdm bar (``None``: only on a terminal).
        xsec_pb: σ [pb] to normalise to instead of the file's ``GenCrossSection``.

    Returns:
        ``(events, info)``: detector-level events with ``weight`` [pb] summing to σ, and
        ``info = {format, n_events, xsec_pb, xsec_err_pb, xsec_from_file_pb, sqrt_s_GeV}`` (sqrt(s) of
        the first event's two beam particles, status 4; None if it has not two).

    Raises:
        EventsFileError: unreadable or empty file, or no cross-section in it and none given.
    """
    import pyhepmc

    from recast.detector import Detector

    p = Path(path)
    fmt = detect_format(p)
    rng = np.random.default_rng([seed, 0x4E9C])
    detector = Detector()
    parts, weights, records = [], [], []
    xs, xs_err, n, sqrt_s = None, None, 0, None
    bar = _bar(0, progress, "detector")
    try:
        with _hepmc_reader(p) as f:  # HepMC3's reader reports on std::cerr: silenced
            for ev in f:
                n += 1
                arr = ev.numpy.particles
                scale = 1e-3 if ev.momentum_unit == pyhepmc.Units.MEV else 1.0
                status = np.asarray(arr.status)
                records.append(
                    {
                        "px": np.asarray(arr.px) * scale,
                        "py": np.asarray(arr.py) * scale,
                        "pz": np.asarray(arr.pz) * scale,
                        "e": np.asarray(arr.e) * scale,
                        "id": np.asarray(arr.pid, dtype=np.int64),
                        "status": np.where(status == 1, 1, -np.maximum(np.abs(status), 1)).astype(np.int64),
                    }
                )
                if sqrt_s is None:
                    sqrt_s = _beams_sqrt_s(records[-1], status)
                weights.append(float(ev.weights[0]) if len(ev.weights) else 1.0)
                cs = ev.cross_section
                if cs is not None:
                    with contextlib.suppress(IndexError, RuntimeError, TypeError):
                        xs, xs_err = float(cs.xsec()), float(cs.xsec_err())
                if len(records) == CHUNK:
                    parts.append(detector.simulate(_hepmc_chunk(records), rng))
                    bar.update(len(records))
                    records = []
    except EventsFileError:
        raise
    except Exception as err:  # pyhepmc raises several types on malformed input
        msg = f"{p} is a malformed {fmt} file ({type(err).__name__}: {err}) — check that it is complete"
        raise EventsFileError(msg) from err
    finally:
        bar.close()
    if records:
        parts.append(detector.simulate(_hepmc_chunk(records), rng))
    _check_hepmc_complete(p, fmt, n)
    sigma = xsec_pb if xsec_pb is not None else xs
    if sigma is None or not np.isfinite(sigma) or sigma <= 0:
        msg = f"{p} carries no cross-section (no GenCrossSection in its events) — pass --xsec in pb"
        raise EventsFileError(msg)
    events = ak.concatenate(parts) if len(parts) > 1 else parts[0]
    events = ak.with_field(events, _normalise(np.asarray(weights), float(sigma), p), "weight")
    return events, {
        "format": fmt,
        "n_events": n,
        "xsec_pb": float(sigma),
        "xsec_err_pb": xs_err if xsec_pb is None else None,  # the file's error is on the file's σ, not on --xsec
        "xsec_from_file_pb": xs,
        "sqrt_s_GeV": sqrt_s,
        "generator": "none (hadron-level events from the file)",
    }


def _beams_sqrt_s(record: dict[str, np.ndarray], status: np.ndarray) -> float | None:
    """sqrt(s) [GeV] of an event's two beam particles (HepMC status 4), None without exactly two."""
    beams = status == 4
    if int(beams.sum()) != 2:
        return None
    e, px, py, pz = (float(record[k][beams].sum()) for k in ("e", "px", "py", "pz"))
    return float(np.sqrt(max(e * e - px * px - py * py - pz * pz, 0.0)))


# ---------------------------------------------------------------- describe and convert


def describe_generator_file(path: str | os.PathLike[str]) -> dict[str, Any]:
    """What ``recast inspect`` shows for an LHE or HepMC file (no Pythia, no detector)."""
    p = Path(path)
    fmt = detect_format(p)
    if fmt == "lhe":
        return {"file": str(p)} | lhe_summary(p)
    n, xs, units = 0, None, None
    try:
        with _hepmc_reader(p) as f:
            for ev in f:
                n += 1
                units = ev.momentum_unit.name
                if ev.cross_section is not None:
                    xs = float(ev.cross_section.xsec())
    except Exception as err:
        msg = f"{p} is a malformed {fmt} file ({type(err).__name__}: {err}) — check that it is complete"
        raise EventsFileError(msg) from err
    _check_hepmc_complete(p, fmt, n)
    return {"file": str(p), "format": fmt, "n_events": n, "xsec_pb": xs, "momentum_unit": units}


@contextlib.contextmanager
def _hepmc_reader(p: Path) -> Iterator[Any]:
    """pyhepmc's reader on a file object: pyhepmc decides on gzip from the name, we from the content."""
    import pyhepmc

    with p.open("rb") as raw:
        zipped = raw.read(2) == b"\x1f\x8b"
    with (gzip.open(p, "rb") if zipped else p.open("rb")) as stream, _quiet_stderr(), pyhepmc.open(stream) as f:
        yield f


@contextlib.contextmanager
def _quiet_stderr() -> Iterator[None]:
    """Silence HepMC3's reader (std::cerr and std::cout) at the file-descriptor level."""
    import sys

    try:
        fd = sys.stderr.fileno()
    except (AttributeError, OSError, ValueError):  # pytest capture, notebooks: nothing to silence
        yield
        return
    from recast.quiet import quiet_stdout

    sys.stderr.flush()
    saved = os.dup(fd)
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, fd)
        with quiet_stdout(True):  # part of its messages go to std::cout
            yield
    finally:
        os.dup2(saved, fd)
        os.close(saved)
        os.close(devnull)


def _check_hepmc_complete(p: Path, fmt: str, n_read: int) -> None:
    """HepMC3's reader stops quietly at a malformed event: compare with the event lines in the file
    and require the END_EVENT_LISTING line of a complete file."""
    with p.open("rb") as raw:
        zipped = raw.read(2) == b"\x1f\x8b"
    n_lines, tail = 0, b""
    with (gzip.open if zipped else open)(p, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            text = tail + block
            n_lines += text.count(b"\nE ") - tail.count(b"\nE ")
            tail = text[-64:]
    if n_read == 0:
        msg = f"{p}: {fmt} file with no readable events (empty, truncated or malformed)"
        raise EventsFileError(msg)
    if n_read < n_lines or b"END_EVENT_LISTING" not in tail:
        msg = (
            f"{p} is a truncated or malformed {fmt} file: {n_read} of {n_lines} events read, "
            f"{'no' if b'END_EVENT_LISTING' not in tail else 'with'} END_EVENT_LISTING line — "
            "check that it is complete"
        )
        raise EventsFileError(msg)


def convert(
    path: str | os.PathLike[str],
    *,
    out: str | os.PathLike[str] | None = None,
    seed: int = 1,
    fast: bool = False,
    xsec_pb: float | None = None,
    cache: bool = True,
    progress: bool | None = None,
    verbose: bool = False,
) -> Path:
    """An LHE or HepMC file → our ntuple (cached by the file's content and these options).

    Args:
        path: the generator file (format detected from content).
        out: output ROOT file; default the cached file itself.
        seed: Pythia (LHE) and detector seed.
        fast: LHE only: hadronisation and MPI off.
        xsec_pb: σ [pb] instead of the file's.
        cache: reuse an earlier identical conversion.
        progress: tqdm bar (``None``: only on a terminal).
        verbose: Pythia's own output.

    Returns:
        The ROOT file; its metadata records σ, where it came from and the source file's SHA-256.

    Raises:
        EventsFileError: not a generator file, malformed, or without σ.
        InvalidParameter: ``xsec_pb`` ≤ 0, a negative seed, or *fast* for a HepMC file.
    """
    from recast.cache import cache_key, store
    from recast.detector import DETECTOR_VERSION
    from recast.events.generate import EVENTS_SCHEMA, _copy_atomic, _request_problem, write_events
    from recast.events.pythia_run import GENERATOR

    p = Path(path)
    fmt = detect_format(p)
    if fmt not in GENERATOR_FORMATS:
        msg = f"{p} is a ROOT file, not a generator file (LHE or HepMC) — pass it to --events directly"
        raise EventsFileError(msg)
    if xsec_pb is not None and not (np.isfinite(xsec_pb) and xsec_pb > 0):
        msg = f"--xsec must be a positive cross-section in pb, got {xsec_pb}"
        raise InvalidParameter(msg)
    if seed < 0:
        msg = f"seed must be >= 0, got {seed}"
        raise InvalidParameter(msg)
    if fast and fmt != "lhe":
        msg = (f"--fast switches Pythia's hadronisation and MPI off, but {p} is a {fmt} file of hadron-level "
               "events that Pythia does not touch — drop --fast")
        raise InvalidParameter(msg)
    digest = _sha256(p)
    payload = {
        "sha256": digest,
        "format": fmt,
        "seed": int(seed),
        "fast": bool(fast) and fmt == "lhe",
        "xsec_pb": xsec_pb,
        "detector": DETECTOR_VERSION,
        "schema": EVENTS_SCHEMA,
        "convert": CONVERT_VERSION,
        "generator": GENERATOR if fmt == "lhe" else None,
    }
    events_store, name = store("events"), f"from-{fmt}-{cache_key(payload)}.root"
    if cache and (cached := events_store.get(name, check=lambda path: _request_problem(path, payload))):
        return _copy_atomic(cached, Path(out)) if out is not None else cached
    if fmt == "lhe":
        events, info = shower_lhe(p, seed=seed, fast=fast, verbose=verbose, progress=progress, xsec_pb=xsec_pb)
        source = "LHE <init> block: sum of XSECUP over its processes" if xsec_pb is None else "--xsec"
    else:
        events, info = read_hepmc(p, seed=seed, progress=progress, xsec_pb=xsec_pb)
        source = f"{fmt} GenCrossSection of the last event" if xsec_pb is None else "--xsec"
    meta = {
        "schema": EVENTS_SCHEMA,
        "model": {"name": "from-file", "kind": "file", "params": {}},
        "source_file": str(p.resolve()),
        "source_format": fmt,
        "source_sha256": digest,
        "source_info": info,
        "xsec_pb": info["xsec_pb"],
        "xsec_err_pb": info.get("xsec_err_pb"),
        "xsec_source": source,
        "seed": int(seed),
        "fast": payload["fast"],
        "generator": info["generator"],
        "detector_version": DETECTOR_VERSION,
        "n_events": len(events),
        "sum_weights_pb": float(np.sum(ak.to_numpy(events["weight"]))),
        "request": payload,
    }
    meta = json.loads(json.dumps(meta, default=str))
    cached = events_store.put(name, lambda tmp: write_events(events, tmp, meta))
    return _copy_atomic(cached, Path(out)) if out is not None else cached
