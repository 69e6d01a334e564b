"""Read detector-level events from ROOT files: recast ntuples, Delphes, NanoAOD-like trees.

Every reader returns the same awkward layout, one record per event::

    mu_pt, mu_eta, mu_phi, mu_charge, jet_pt, jet_eta, jet_phi, jet_m, jet_btag,
    met, met_phi, weight                                     (flat canonical fields)
    muons:   var * Momentum4D[pt, eta, phi, mass, charge]   (GeV; vector behaviours)
    jets:    var * Momentum4D[pt, eta, phi, mass, btag]

(plus ``state`` for recast leptoquark files). The records share buffers with the flat
fields, so both views cost nothing extra; ``weight`` is in pb per event. Supported schemas (:data:`SCHEMAS`):

* ``recast``: TTree ``events`` with ``mu_pt, mu_eta, mu_phi, mu_charge, jet_pt, jet_eta,
  jet_phi, jet_m, jet_btag, met, met_phi, weight`` (written by :mod:`recast.events`);
* ``delphes``: TTree ``Delphes`` with ``Muon.PT/Eta/Phi/Charge``, ``Jet.PT/Eta/Phi/Mass/BTag``
  (bit 0 of ``BTag`` = tagged), ``MissingET.MET/Phi`` and ``Event.Weight`` (taken as 1 when
  the ``Event`` branch is absent);
* ``nanoaod``: TTree ``Events`` with ``Muon_pt/eta/phi/charge``, ``Jet_pt/eta/phi/mass`` and
  ``Jet_btag`` (0/1) or else ``Jet_btagDeepFlavB`` ≥ 0.2770 (CMS DeepJet medium working
  point of the 2018 pre-UL calibration; approximation), ``MET_pt/phi`` and ``genWeight`` (1 if absent; NanoAOD
  weights are not normalised to pb).

The muon mass is set to m_μ = 0.10566 GeV (PDG). Errors are one line naming the file and
the problem (:class:`~recast.exceptions.EventsFileError`,
:class:`~recast.exceptions.BranchNotFound`).

Generator files are accepted wherever a ROOT file is: an LHE or HepMC file (detected from its
content) is converted once into a recast ntuple by :func:`recast.events.files.convert` (LHE:
Pythia 8 shower + detector; HepMC: detector) with σ from the file, cached by its content.

Example:
    >>> import awkward as ak
    >>> ev = from_branches({"mu_pt": ak.Array([[50.0, 40.0]]), "mu_eta": ak.Array([[0.0, 0.0]]),
    ...                     "mu_phi": ak.Array([[0.0, 3.14159265]])}, fields=["mu_pt"])
    >>> round(float((ev.muons[0, 0] + ev.muons[0, 1]).mass), 2)  # GeV: back-to-back, m = 2√(pT1 pT2)
    89.44
"""

from __future__ import annotations

import json
import os
import struct
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import awkward as ak
import numpy as np
import vector

from recast.constants import M_MU
from recast.exceptions import BranchNotFound, EventsFileError, closest

__all__ = [
    "EXTRA_FIELDS",
    "FIELDS",
    "SCHEMAS",
    "Schema",
    "describe",
    "detect_schema",
    "from_branches",
    "iterate_events",
    "read_events",
    "read_metadata",
]

vector.register_awkward()


# canonical (recast schema) branch names
FIELDS = (
    "mu_pt", "mu_eta", "mu_phi", "mu_charge",
    "jet_pt", "jet_eta", "jet_phi", "jet_m", "jet_btag",
    "met", "met_phi", "weight",
)
#: Optional fields of recast detector >= 1.1.0 (High-pT muon flag, truth jet flavour). Read only
#: when asked for; a file without them (Delphes, NanoAOD, older recast files) gives events
#: without these fields, and the analyses fall back (docs/readme/events.md).
EXTRA_FIELDS = ("mu_highpt", "jet_flavour")
_KINEMATIC = {"mu": ("mu_pt", "mu_eta", "mu_phi"), "jet": ("jet_pt", "jet_eta", "jet_phi", "jet_m")}
DEEPJET_MEDIUM = 0.2770  # CMS DeepJet medium WP, 2018 pre-UL (BTV POG; approximation)


def __dir__() -> list[str]:
    return __all__


@dataclass(frozen=True)
class Schema:
    """How one file format maps onto the canonical fields.

    Attributes:
        name: schema name (``recast``, ``delphes``, ``nanoaod``).
        tree: the TTree name.
        branches: canonical field → source branch name(s), first one found wins.
        optional: canonical fields that get a default when their branch is missing.
        per_event: canonical scalar fields stored as one-element jagged arrays (Delphes).
    """

    name: str
    tree: str
    branches: dict[str, tuple[str, ...]]
    optional: frozenset[str] = field(default_factory=frozenset)
    per_event: frozenset[str] = field(default_factory=frozenset)


SCHEMAS: dict[str, Schema] = {
    "recast": Schema(
        "recast", "events", {k: (k,) for k in (*FIELDS, *EXTRA_FIELDS, "state")},
        optional=frozenset({"state", *EXTRA_FIELDS}),
    ),
    "delphes": Schema(
        "delphes", "Delphes",
        {
            "mu_pt": ("Muon.PT",), "mu_eta": ("Muon.Eta",), "mu_phi": ("Muon.Phi",),
            "mu_charge": ("Muon.Charge",),
            "jet_pt": ("Jet.PT",), "jet_eta": ("Jet.Eta",), "jet_phi": ("Jet.Phi",),
            "jet_m": ("Jet.Mass",), "jet_btag": ("Jet.BTag",),
            "met": ("MissingET.MET",), "met_phi": ("MissingET.Phi",), "weight": ("Event.Weight",),
        },
        optional=frozenset({"weight", *EXTRA_FIELDS}),
        per_event=frozenset({"met", "met_phi", "weight"}),
    ),
    "nanoaod": Schema(
        "nanoaod", "Events",
        {
            "mu_pt": ("Muon_pt",), "mu_eta": ("Muon_eta",), "mu_phi": ("Muon_phi",),
            "mu_charge": ("Muon_charge",),
            "jet_pt": ("Jet_pt",), "jet_eta": ("Jet_eta",), "jet_phi": ("Jet_phi",),
            "jet_m": ("Jet_mass",), "jet_btag": ("Jet_btag", "Jet_btagDeepFlavB"),
            "met": ("MET_pt",), "met_phi": ("MET_phi",), "weight": ("genWeight",),
        },
        optional=frozenset({"weight", *EXTRA_FIELDS}),
    ),
}


# ---------------------------------------------------------------- opening and checking


def _root_header(path: Path) -> tuple[bool, int | None]:
    """(starts with 'root', fEND from the header or None)."""
    with path.open("rb") as f:
        head = f.read(20)
    if head[:4] != b"root" or len(head) < 20:
        return False, None
    version, begin = struct.unpack(">ii", head[4:12])
    if begin != 100 or not 0 < version % 1_000_000 < 1_000_000:  # fBEGIN is always 100
        return False, None
    if version >= 1_000_000:  # large-file header: 64-bit fEND
        return True, struct.unpack(">q", head[12:20])[0]
    return True, struct.unpack(">i", head[12:16])[0]


def _open(path: str | os.PathLike[str]) -> Any:  # an uproot ReadOnlyDirectory
    import uproot

    p = Path(path)
    if not p.exists():
        msg = f"events file {p} does not exist"
        raise EventsFileError(msg)
    if p.is_dir():
        msg = f"events file {p} is a directory, not a ROOT file"
        raise EventsFileError(msg)
    is_root, end = _root_header(p)
    if not is_root:
        p = _generator_ntuple(p)  # LHE / HepMC: converted once (cached) into our ntuple
        is_root, end = _root_header(p)
    size = p.stat().st_size
    if end is not None and size < end:
        msg = f"{p} is truncated: {size} bytes on disk, the ROOT header expects {end}"
        raise EventsFileError(msg)
    try:
        return uproot.open(p)
    except Exception as err:  # uproot raises many types for corrupt files
        msg = f"{p} is a corrupt or truncated ROOT file ({type(err).__name__}: {err})"
        raise EventsFileError(msg) from err


def _generator_ntuple(p: Path) -> Path:
    """The ntuple of an LHE or HepMC file (:func:`recast.events.files.convert`, cached), detected
    from content; anything else is refused on one line."""
    from recast.events.files import GENERATOR_FORMATS, convert, detect_format

    fmt = detect_format(p)  # missing, empty or unknown content: its one-line error
    if fmt not in GENERATOR_FORMATS:  # starts with "root" but no valid ROOT header
        msg = f"{p} is not a ROOT file (no ROOT file header) nor an LHE or HepMC file; give a .root, LHE or HepMC3 file"
        raise EventsFileError(msg)
    return convert(p)


def _trees(file: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, cls in file.classnames(recursive=False).items():
        if cls == "TTree":
            out.setdefault(key.split(";")[0], file[key])
    return out


def _branch_names(tree: Any) -> set[str]:
    return set(tree.keys(full_paths=True)) | set(tree.keys(full_paths=False))


def _detect(path: Path, file: Any, schema: str | None) -> tuple[Schema, Any]:
    trees = _trees(file)
    if schema is not None:
        if schema not in SCHEMAS:
            msg = f"unknown events schema {schema!r}; {closest(schema, SCHEMAS)}"
            raise EventsFileError(msg)
        sch = SCHEMAS[schema]
        if sch.tree not in trees:
            found = ", ".join(sorted(trees)) or "none"
            msg = f"{path} has no TTree {sch.tree!r} (schema {schema}); trees found: {found}"
            raise EventsFileError(msg)
        return sch, trees[sch.tree]
    for sch in SCHEMAS.values():
        tree = trees.get(sch.tree)
        if tree is not None and sch.branches["mu_pt"][0] in _branch_names(tree):
            return sch, tree
    for sch in SCHEMAS.values():  # right tree name, wrong content: report its missing branches
        if sch.tree in trees:
            return sch, trees[sch.tree]
    found = ", ".join(sorted(trees)) or "none"
    known = ", ".join(f"{s.tree} ({s.name})" for s in SCHEMAS.values())
    msg = f"{path} has no known events tree; trees found: {found}; known: {known}"
    raise EventsFileError(msg)


def _wanted(fields: Iterable[str] | None) -> list[str]:
    if fields is None:
        return list(FIELDS)
    fields = list(fields)
    bad = [f for f in fields if f not in (*FIELDS, *EXTRA_FIELDS, "state", "muons", "jets")]
    if bad:
        msg = f"unknown event field(s) {', '.join(bad)}; {closest(bad[0], (*FIELDS, 'muons', 'jets'))}"
        raise BranchNotFound(msg)
    out: list[str] = []
    for f in fields:
        if f == "muons":
            out += [*_KINEMATIC["mu"], "mu_charge"]
        elif f == "jets":
            out += [*_KINEMATIC["jet"], "jet_btag"]
        else:
            out.append(f)
        for prefix, kin in _KINEMATIC.items():  # a collection always comes with its kinematics
            if out[-1].startswith(prefix + "_"):
                out += list(kin)
    return list(dict.fromkeys(out))


def _plan(path: Path, sch: Schema, tree: Any, wanted: list[str]) -> dict[str, str | None]:
    """canonical field → source branch (None: use the default)."""
    names = _branch_names(tree)
    plan: dict[str, str | None] = {}
    missing = []
    for f in wanted:
        src = next((b for b in sch.branches.get(f, ()) if b in names), None)
        if src is None and f not in sch.optional:
            missing.append(" or ".join(sch.branches.get(f, (f,))))
        plan[f] = src
    if missing:
        msg = (f"{path}: tree {sch.tree!r} ({sch.name} schema) lacks branch(es) "
               f"{', '.join(missing)}")
        raise BranchNotFound(msg)
    return plan


# ---------------------------------------------------------------- building records


def _to_canonical(raw: ak.Array, sch: Schema, plan: dict[str, str | None], n: int) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f, src in plan.items():
        if src is None:
            if f in ("weight",):
                out[f] = np.ones(n, dtype=np.float64)
            continue
        arr = raw[src]
        if f in sch.per_event:
            arr = ak.fill_none(ak.firsts(arr), 0.0)
        if f == "jet_btag":
            if src == "Jet_btagDeepFlavB":
                arr = arr >= DEEPJET_MEDIUM
            elif sch.name == "delphes":
                arr = (arr & 1) != 0
            else:
                arr = arr != 0
        out[f] = arr
    return out


def from_branches(arrays: dict[str, Any], *, fields: Iterable[str] | None = None) -> ak.Array:
    """Build the event records from canonical branch arrays (``mu_pt`` ...).

    The result has the flat canonical fields that were given (``mu_pt``, ..., ``weight``:
    what analyses written against the ntuple schema read) and, sharing the same buffers,
    the ``muons``/``jets`` Momentum4D records. ``weight`` defaults to 1 when ``fields`` is None.
    """
    present = {k: v for k, v in arrays.items() if v is not None}
    n = len(next(iter(present.values()))) if present else 0
    rec: dict[str, Any] = {k: present[k] for k in (*FIELDS, *EXTRA_FIELDS, "state") if k in present}
    if "weight" not in rec and fields is None and n:
        rec["weight"] = np.ones(n)
    if "mu_pt" in present:
        mu = {"pt": present["mu_pt"], "eta": present["mu_eta"], "phi": present["mu_phi"]}
        mu["mass"] = ak.ones_like(present["mu_pt"]) * M_MU
        if "mu_charge" in present:
            mu["charge"] = present["mu_charge"]
        rec["muons"] = ak.zip(mu, with_name="Momentum4D")
    if "jet_pt" in present:
        jet = {"pt": present["jet_pt"], "eta": present["jet_eta"], "phi": present["jet_phi"],
               "mass": present["jet_m"]}
        if "jet_btag" in present:
            jet["btag"] = present["jet_btag"]
        rec["jets"] = ak.zip(jet, with_name="Momentum4D")
    return ak.zip(rec, depth_limit=1)


def _file_list(paths: str | os.PathLike[str] | Sequence[str | os.PathLike[str]]) -> list[Path]:
    if isinstance(paths, (str, os.PathLike)):
        return [Path(paths)]
    out = [Path(p) for p in paths]
    if not out:
        msg = "no events files given"
        raise EventsFileError(msg)
    return out


def _prepare(path: Path, schema: str | None, wanted: list[str]) -> tuple[Any, Schema, Any, dict[str, str | None]]:
    file = _open(path)
    sch, tree = _detect(path, file, schema)
    plan = _plan(path, sch, tree, wanted)
    if sch.name == "recast" and "state" in _branch_names(tree) and "state" not in plan:
        plan["state"] = "state"
    if tree.num_entries == 0:
        msg = f"{path}: tree {sch.tree!r} is empty (0 entries)"
        raise EventsFileError(msg)
    return file, sch, tree, plan


def read_events(
    paths: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    *,
    schema: str | None = None,
    branches: Iterable[str] | None = None,
    step_size: int | str | None = None,
) -> ak.Array:
    """Read one or many events files into one awkward Array (see the module docstring).

    Args:
        paths: a ROOT file or a list of them (all must have the same schema).
        schema: ``recast``, ``delphes`` or ``nanoaod``; default: detected per file.
        branches: canonical fields to read (``mu_pt``, ``jets``, ``met`` ...); default all.
            A collection is always read with its kinematics (pt, eta, phi, mass).
        step_size: if given, read in chunks of this many entries (or bytes, e.g. ``"50 MB"``)
            through :func:`iterate_events` and concatenate.

    Raises:
        EventsFileError: missing, non-ROOT, truncated or empty file, or no known tree.
        BranchNotFound: the tree lacks branches (the message lists them).
    """
    import uproot

    if step_size is not None:
        return ak.concatenate(list(iterate_events(paths, schema=schema, branches=branches,
                                                  step_size=step_size)))
    wanted = _wanted(branches)
    parts = []
    for path in _file_list(paths):
        _, sch, tree, plan = _prepare(path, schema, wanted)
        sources = sorted({s for s in plan.values() if s})
        try:
            raw = tree.arrays(sources, library="ak", how=dict)
        except uproot.KeyInFileError as err:
            msg = f"{path}: tree {sch.tree!r} lacks branch {err.key!r}"
            raise BranchNotFound(msg) from err
        except Exception as err:
            msg = f"{path}: cannot read tree {sch.tree!r} ({type(err).__name__}: {err}); truncated?"
            raise EventsFileError(msg) from err
        parts.append(from_branches(_to_canonical(raw, sch, plan, tree.num_entries), fields=branches))
    return parts[0] if len(parts) == 1 else ak.concatenate(parts)


def iterate_events(
    paths: str | os.PathLike[str] | Sequence[str | os.PathLike[str]],
    *,
    schema: str | None = None,
    branches: Iterable[str] | None = None,
    step_size: int | str = "100 MB",
) -> Iterator[ak.Array]:
    """Yield chunks of events (``uproot.iterate``) so files larger than memory work.

    Args:
        paths: a ROOT file or a list of them.
        schema: forced schema, or detected per file.
        branches: canonical fields to read (default all).
        step_size: entries per chunk (int) or a memory size such as ``"100 MB"``.
    """
    import uproot

    wanted = _wanted(branches)
    for path in _file_list(paths):
        _, sch, tree, plan = _prepare(path, schema, wanted)
        sources = sorted({s for s in plan.values() if s})
        try:
            for raw in tree.iterate(sources, step_size=step_size, library="ak", how=dict):
                n = len(raw[sources[0]])
                yield from_branches(_to_canonical(raw, sch, plan, n), fields=branches)
        except uproot.KeyInFileError as err:
            msg = f"{path}: tree {sch.tree!r} lacks branch {err.key!r}"
            raise BranchNotFound(msg) from err


def detect_schema(path: str | os.PathLike[str]) -> str:
    """The schema name of an events file (``recast``, ``delphes`` or ``nanoaod``)."""
    p = Path(path)
    return _detect(p, _open(p), None)[0].name


def read_metadata(path: str | os.PathLike[str]) -> dict[str, Any]:
    """The JSON metadata of a recast events file (``{}`` for other files or none stored)."""
    p = Path(path)
    file = _open(p)
    if "metadata" not in file:
        return {}
    try:
        meta = json.loads(str(file["metadata"]))
    except (ValueError, TypeError) as err:
        msg = f"{p}: the metadata object is not valid JSON ({err}) — regenerate the file with `recast generate`"
        raise EventsFileError(msg) from err
    if not isinstance(meta, dict):
        msg = (f"{p}: the metadata object is a JSON {type(meta).__name__}, not an object — "
               "regenerate the file with `recast generate`")
        raise EventsFileError(msg)
    return meta


def _read_every_basket(p: Path, tree: Any) -> None:
    """Decompress every branch of *tree*, so a file damaged in the middle is reported, not called fine."""
    for branch in tree.branches:
        try:
            branch.array(library="ak")
        except Exception as err:  # uproot raises many types for corrupt baskets
            msg = (f"{p} is damaged: branch {branch.name!r} cannot be read ({type(err).__name__}) — "
                   "regenerate or re-download the file")
            raise EventsFileError(msg) from err


def describe(path: str | os.PathLike[str], *, schema: str | None = None) -> dict[str, Any]:
    """What ``recast inspect`` shows: schema, tree, entries, branches, σ and weights.

    Every basket is read, so a file damaged in the middle raises instead of looking fine.

    Raises:
        EventsFileError: missing, not ROOT, truncated, damaged, or metadata that is not a JSON object.
    """
    p = Path(path)
    if p.is_file() and not _root_header(p)[0]:
        from recast.events.files import GENERATOR_FORMATS, describe_generator_file, detect_format

        try:
            generator_file = detect_format(p) in GENERATOR_FORMATS
        except EventsFileError:
            generator_file = False
        if generator_file:  # LHE / HepMC: what the file says, without showering it
            return describe_generator_file(p) | {"schema": None}
    file = _open(p)
    sch, tree = _detect(p, file, schema)
    out: dict[str, Any] = {
        "file": str(p),
        "schema": sch.name,
        "tree": sch.tree,
        "entries": int(tree.num_entries),
        "branches": {b.name: b.typename for b in tree.branches},
    }
    meta = read_metadata(p) if sch.name == "recast" else {}
    out["metadata"] = meta
    _read_every_basket(p, tree)
    if tree.num_entries:
        plan = _plan(p, sch, tree, ["weight"])
        if plan["weight"]:
            w = _to_canonical(tree.arrays([plan["weight"]], how=dict), sch, plan, tree.num_entries)["weight"]
            w = ak.to_numpy(w).astype(float)
            out["weights"] = {"sum": float(w.sum()), "min": float(w.min()), "max": float(w.max()),
                              "source": plan["weight"]}
        else:
            out["weights"] = {"sum": float(tree.num_entries), "min": 1.0, "max": 1.0, "source": None}
    return out
