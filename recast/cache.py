"""The on-disk cache: one store of checksummed entries under ``$RECAST_CACHE_DIR`` (default ``~/.cache/recast``).

Every cache of recast is a :class:`Store`, a folder of the cache named after its user
(:func:`store`: ``"limits"``, ``"smelli"``, ``"events"``, ``"scan/limits"``,
``"scan/points/<hash>"``, ``"scan/plane/<hash>"``, ``"effmaps"``). An entry is a file or a folder
named by the caller (usually a :func:`cache_key` of every input plus a suffix), and beside it
``<entry>.sha256``, its record: the SHA-256 of each of its files, taken at write.

* **Write** (:meth:`Store.put`): the entry is assembled in a hidden temporary folder of the store,
  hashed there, renamed into place and then its record written, all under the store's lock
  (:func:`recast.atomic.output_lock`): no reader sees a partial entry, and two writers of one key
  take turns (the last one wins, entry and record from the same writer).
* **Read** (:meth:`Store.get`, :meth:`Store.read_bytes`, :meth:`Store.read_json`): under the same
  lock the files are hashed again and compared with the record, then the caller's optional content
  check runs. A missing entry is a miss; an entry without its record, with a missing, extra,
  truncated or altered file, or failing its content check is reported on one stderr line
  (``recast: warning: cached entry … is damaged (…); discarded, recomputing``), removed, and is a
  miss: the caller recomputes and puts it back. A damaged entry is never served.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

__all__ = ["RECORD_SUFFIX", "RECORD_VERSION", "Store", "cache_dir", "cache_key", "store"]

#: The suffix of an entry's checksum record (``<entry>.sha256``).
RECORD_SUFFIX = ".sha256"
#: Version of the record layout.
RECORD_VERSION = 2

#: A content check: why an entry (its path, or its decoded JSON) cannot be used, or None.
Check = Callable[[Any], str | None]


def __dir__() -> list[str]:
    return __all__


def cache_dir(sub: str = "") -> Path:
    """The cache directory (created if needed), optionally a named subfolder."""
    root = Path(os.environ.get("RECAST_CACHE_DIR") or Path.home() / ".cache" / "recast")
    path = root / sub if sub else root
    path.mkdir(parents=True, exist_ok=True)
    return path


def cache_key(payload: object) -> str:
    """A stable 16-hex-digit hash of a JSON-serialisable payload (sorted keys)."""
    text = json.dumps(payload, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def store(name: str) -> Store:
    """The store *name* of the cache (its folder ``cache_dir(name)`` is created now)."""
    return Store(cache_dir(name))


def _digest(path: Path) -> str:
    with open(path, "rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def _digests(entry: Path) -> dict[str, str]:
    """``{relative path: sha256}`` of the entry's files (``""`` for a file entry)."""
    if entry.is_file():
        return {"": _digest(entry)}
    return {p.relative_to(entry).as_posix(): _digest(p) for p in sorted(entry.rglob("*")) if p.is_file()}


def _compare(name: str, want: dict[str, str], have: dict[str, str]) -> str | None:
    """Why the files *have* differ from the record *want*, or None."""
    for rel, digest in want.items():
        shown = rel or name
        if rel not in have:
            return f"{shown} is missing"
        if have[rel] != digest:
            return f"{shown} changed since it was written (checksum)"
    extra = sorted(set(have) - set(want))
    return f"{extra[0] or name} was not written by recast" if extra else None


class Store:
    """A folder of checksummed cache entries (see the module docstring); entries are named by the caller.

    Args:
        folder: the store's folder (created if needed); :func:`store` gives one of the cache.

    Example:
        >>> import tempfile
        >>> s = Store(tempfile.mkdtemp())
        >>> s.put_json("a.json", {"x": 1}).name, s.names()
        ('a.json', ['a.json'])
        >>> s.read_json("a.json")
        {'x': 1}
        >>> _ = s.path("a.json").write_text('{"x": 2}')  # altered after it was written
        >>> s.read_json("a.json") is None  # reported on stderr, discarded
        True
        >>> s.names()
        []
    """

    def __init__(self, folder: str | os.PathLike[str]) -> None:
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)

    def __repr__(self) -> str:
        return f"Store({os.fspath(self.folder)!r})"

    def path(self, name: str) -> Path:
        """Where the entry *name* lives (whether or not it exists)."""
        if not name or "/" in name or name.startswith(".") or name.endswith(RECORD_SUFFIX):
            msg = f"cache entry name {name!r}: a plain file name, not hidden, not ending in {RECORD_SUFFIX}"
            raise ValueError(msg)
        return self.folder / name

    def names(self) -> list[str]:
        """The entries present (sorted; temporary files and records left out), checked only when read."""
        return sorted(p.name for p in self.folder.iterdir()
                      if not p.name.startswith(".") and not p.name.endswith(RECORD_SUFFIX))

    @contextmanager
    def lock(self) -> Iterator[None]:
        """Hold the store's lock (re-entrant in a thread): keep an entry from being replaced while it is used."""
        from recast.atomic import output_lock

        with output_lock(self.folder):
            yield

    # ------------------------------------------------------------------ read
    def get(self, name: str, *, check: Check | None = None) -> Path | None:
        """The path of the intact entry *name*, or None (missing or damaged: discarded, see the module docstring).

        Args:
            name: the entry.
            check: content check of the entry's path, run after the checksums.
        """
        path = self.path(name)
        with self.lock():
            if not (path.exists() or path.is_symlink()):
                return None
            problem = self._problem(path, lambda: _digests(path)) or _run(check, path)
            if problem:
                self.discard(name, problem)
                return None
        return path

    def read_bytes(self, name: str) -> bytes | None:
        """The content of the intact file entry *name* (hashed as read), or None."""
        path = self.path(name)
        problem: str | None
        with self.lock():
            try:
                data = path.read_bytes()
            except FileNotFoundError:
                return None
            except OSError as err:  # a folder where a file is wanted, unreadable
                data, problem = b"", f"{type(err).__name__}: {err.strerror or err}"
            else:
                problem = self._problem(path, lambda: {"": hashlib.sha256(data).hexdigest()})
            if problem:
                self.discard(name, problem)
                return None
        return data

    def read_json(self, name: str, *, check: Check | None = None) -> Any:
        """The decoded JSON of the intact file entry *name*, or None.

        Args:
            name: the entry.
            check: content check of the decoded document, run after the checksum.
        """
        with self.lock():
            data = self.read_bytes(name)
            if data is None:
                return None
            try:
                doc = json.loads(data)
            except ValueError as err:
                problem: str | None = f"not JSON ({err})"
            else:
                problem = _run(check, doc)
            if problem:
                self.discard(name, problem)
                return None
        return doc

    def merged(self, field: str) -> dict[str, Any]:
        """The union of ``doc[field]`` over every intact entry: the shards written by :meth:`put_shard`."""
        out: dict[str, Any] = {}
        with self.lock():
            for name in self.names():
                doc = self.read_json(name, check=lambda d: _shard_problem(d, field))
                if doc is not None:
                    out.update(doc[field])
        return out

    def _problem(self, path: Path, have: Callable[[], dict[str, str]]) -> str | None:
        try:
            want = _read_record(_record(path))
        except FileNotFoundError:
            return "it has no checksum record"
        except (OSError, ValueError, KeyError, TypeError, UnicodeDecodeError):
            return "its checksum record is damaged"
        try:
            return _compare(path.name, want, have())
        except OSError as err:
            return f"{type(err).__name__}: {err.strerror or err}"

    # ------------------------------------------------------------------ write
    def put(self, name: str, data: bytes | str | Callable[[Path], object]) -> Path:
        """Write the entry *name* atomically with its checksum record; return its path.

        Args:
            name: the entry.
            data: its content (``str`` as UTF-8), or a function that creates the entry (a file or a
                folder) at the path it is given (a fresh path in a temporary folder of the store).
        """
        from recast.atomic import make_temp_dir, replace_dir, write_text

        path = self.path(name)
        tmp = make_temp_dir(path)
        try:
            staged = tmp / name
            if callable(data):
                data(staged)
            else:
                staged.write_bytes(data.encode() if isinstance(data, str) else data)
            doc = {"version": RECORD_VERSION, "files": _digests(staged)}
            with self.lock():
                _record(path).unlink(missing_ok=True)  # no record of the old entry outlives it
                if staged.is_dir():
                    replace_dir(staged, path)
                else:
                    os.replace(staged, path)
                write_text(_record(path), json.dumps(doc, sort_keys=True) + "\n")
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        return path

    def put_json(self, name: str, doc: object) -> Path:
        """:meth:`put` of *doc* as compact JSON."""
        return self.put(name, json.dumps(doc))  # dumps uses the C encoder; json.dump to a file does not

    def put_shard(self, field: str, results: dict[str, Any]) -> Path:
        """:meth:`put_json` of ``{field: results}``, named by a hash of the keys of *results*
        (one shard per finished batch of a scan; deleting it recomputes exactly its results)."""
        return self.put_json(f"{cache_key(sorted(results))}.json", {field: results})

    def discard(self, name: str, reason: str) -> None:
        """Remove the damaged entry *name* and its record after one warning line on stderr."""
        path = self.path(name)
        sys.stderr.write(f"recast: warning: cached entry {path} is damaged ({reason}); discarded, recomputing\n")
        sys.stderr.flush()
        with self.lock():
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
            _record(path).unlink(missing_ok=True)


def _record(path: Path) -> Path:
    return path.with_name(path.name + RECORD_SUFFIX)


def _read_record(record: Path) -> dict[str, str]:
    """The ``{relative path: sha256}`` of a record; a bare digest line is a file entry's record of
    recast < store version 2 (events files, kept: they take minutes to generate)."""
    text = record.read_text(encoding="utf-8")
    if re.fullmatch(r"[0-9a-f]{64}\n?", text):
        return {"": text.strip()}
    return dict(json.loads(text)["files"])


def _shard_problem(doc: Any, field: str) -> str | None:
    return None if isinstance(doc, dict) and isinstance(doc.get(field), dict) else f"not a shard of {field}"


def _run(check: Check | None, value: Any) -> str | None:
    return check(value) if check is not None else None
