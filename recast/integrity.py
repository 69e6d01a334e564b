"""Checksums of cache entries: a damaged entry is found on read, reported once, discarded and recomputed.

A cache entry is a folder (e.g. one ``recast limits`` output). Its manifest, a JSON file beside
it, lists the SHA-256 of every file; :func:`check_entry` compares them and runs an optional
content check, so a truncated ``limits.json``, a ``{}`` or a workspace replaced by text never
reaches the user's results.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sys
from collections.abc import Callable
from pathlib import Path

from recast.atomic import write_text

__all__ = [
    "check_entry",
    "checksum_path",
    "discard_entry",
    "discard_file",
    "file_problem",
    "limits_entry_problem",
    "manifest_path",
    "write_file_checksum",
    "write_manifest",
]

#: Version of the manifest layout.
MANIFEST_VERSION = 1


def __dir__() -> list[str]:
    return __all__


def manifest_path(entry: str | os.PathLike[str]) -> Path:
    """The manifest file of the cache entry folder *entry* (a sibling: ``<entry>.sha256.json``)."""
    entry = Path(entry)
    return entry.with_name(f"{entry.name}.sha256.json")


def _files(entry: Path) -> dict[str, str]:
    out = {}
    for p in sorted(entry.rglob("*")):
        if p.is_file():
            out[p.relative_to(entry).as_posix()] = hashlib.sha256(p.read_bytes()).hexdigest()
    return out


def write_manifest(entry: str | os.PathLike[str]) -> Path:
    """Record the SHA-256 of every file of the folder *entry*; return the manifest path.

    Example:
        >>> import tempfile, pathlib
        >>> d = pathlib.Path(tempfile.mkdtemp()) / "entry"
        >>> d.mkdir(); _ = (d / "a.json").write_text("{}")
        >>> _ = write_manifest(d)
        >>> check_entry(d) is None
        True
        >>> _ = (d / "a.json").write_text("{")
        >>> check_entry(d)
        'a.json changed since it was written (checksum)'
    """
    entry = Path(entry)
    doc = {"version": MANIFEST_VERSION, "files": _files(entry)}
    return write_text(manifest_path(entry), json.dumps(doc, indent=1, sort_keys=True) + "\n")


def check_entry(entry: str | os.PathLike[str], *, content: Callable[[Path], str | None] | None = None) -> str | None:
    """Why the cache entry *entry* cannot be used, or None if it is intact.

    Args:
        entry: the entry folder.
        content: optional check of the files' meaning (returns a reason or None); run after
            the checksums, and alone for an entry written before manifests existed.
    """
    entry = Path(entry)
    man = manifest_path(entry)
    if man.is_file():
        try:
            doc = json.loads(man.read_text(encoding="utf-8"))
            want = dict(doc["files"])
        except (ValueError, KeyError, TypeError, UnicodeDecodeError):
            return "its checksum manifest is damaged"
        have = _files(entry)
        for name, digest in want.items():
            if name not in have:
                return f"{name} is missing"
            if have[name] != digest:
                return f"{name} changed since it was written (checksum)"
        extra = sorted(set(have) - set(want))
        if extra:
            return f"{extra[0]} was not written by recast"
    return content(entry) if content is not None else None


def discard_entry(entry: str | os.PathLike[str], reason: str) -> None:
    """Remove the damaged cache entry *entry* (and its manifest) after one warning line on stderr."""
    entry = Path(entry)
    sys.stderr.write(f"recast: warning: cached entry {entry} is damaged ({reason}); discarded, recomputing\n")
    sys.stderr.flush()
    shutil.rmtree(entry, ignore_errors=True)
    manifest_path(entry).unlink(missing_ok=True)


def limits_entry_problem(entry: Path) -> str | None:
    """Content check of a ``recast limits`` cache entry: ``limits.json`` is a valid limits result
    and every ``workspaces/*.json`` is a JSON object with channels (for entries without a manifest)."""
    from recast.exceptions import RecastError
    from recast.plotting.exclusion import validate_limit_result

    try:
        result = json.loads((entry / "limits.json").read_text(encoding="utf-8"))
        if not isinstance(result, dict):
            return "limits.json is not a JSON object"
        validate_limit_result(result, source="limits.json")
        for ws in sorted((entry / "workspaces").glob("*.json")):
            spec = json.loads(ws.read_text(encoding="utf-8"))
            if not isinstance(spec, dict) or "channels" not in spec:
                return f"workspaces/{ws.name} is not a pyhf workspace"
    except (OSError, ValueError, RecastError) as err:
        return f"{type(err).__name__}: {' '.join(str(err).split())[:120]}"
    return None


def checksum_path(path: str | os.PathLike[str]) -> Path:
    """The checksum sidecar of a cached file: ``<file>.sha256``."""
    path = Path(path)
    return path.with_name(f"{path.name}.sha256")


def write_file_checksum(path: str | os.PathLike[str]) -> Path:
    """Record the SHA-256 of the cached file *path* in its sidecar; return the sidecar path."""
    digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()
    return write_text(checksum_path(path), digest + "\n")


def file_problem(path: str | os.PathLike[str]) -> str | None:
    """Why the cached file *path* cannot be used (its checksum differs from the sidecar), or None.

    A file without a sidecar (written before checksums existed) is not judged here.

    Example:
        >>> import tempfile, pathlib
        >>> f = pathlib.Path(tempfile.mkdtemp()) / "events.root"
        >>> _ = f.write_bytes(b"root-data")
        >>> _ = write_file_checksum(f)
        >>> file_problem(f) is None
        True
        >>> _ = f.write_bytes(b"root-dat")
        >>> file_problem(f)
        'events.root changed since it was written (checksum)'
    """
    path = Path(path)
    side = checksum_path(path)
    if not side.is_file():
        return None
    try:
        want = side.read_text(encoding="utf-8").strip()
        have = hashlib.sha256(path.read_bytes()).hexdigest()
    except (OSError, UnicodeDecodeError):
        return "its checksum cannot be read"
    return None if want == have else f"{path.name} changed since it was written (checksum)"


def discard_file(path: str | os.PathLike[str], reason: str) -> None:
    """Remove the damaged cached file *path* (and its sidecar) after one warning line on stderr."""
    path = Path(path)
    sys.stderr.write(f"recast: warning: cached file {path} is damaged ({reason}); discarded, recomputing\n")
    sys.stderr.flush()
    path.unlink(missing_ok=True)
    checksum_path(path).unlink(missing_ok=True)
