"""Atomic output: a temporary file or folder beside the target, renamed into place when complete.

A reader never sees a half-written output, a failure leaves the old one (or nothing), and
concurrent writers of one output folder take turns (:func:`output_lock`).
"""

from __future__ import annotations

import os
import shutil
import tempfile
import threading
from collections.abc import Iterator, Mapping
from contextlib import ExitStack, contextmanager
from pathlib import Path

__all__ = [
    "atomic_output",
    "check_output",
    "copy_dir",
    "make_temp_dir",
    "output_lock",
    "replace_dir",
    "write_text",
    "write_texts",
]


def __dir__() -> list[str]:
    return __all__


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_UMASK = _umask()  # read once at import: os.umask is process-global, not thread-safe


@contextmanager
def atomic_output(path: str | os.PathLike[str], *, suffix: str = ".tmp") -> Iterator[Path]:
    """Yield a temporary path beside *path*; on success it replaces *path*, on error it is removed.

    The parent directory is created; the file gets the usual permissions (0666 & ~umask)
    instead of ``mkstemp``'s 0600.

    Example:
        >>> import tempfile, pathlib
        >>> target = pathlib.Path(tempfile.mkdtemp()) / "out.txt"
        >>> with atomic_output(target) as tmp:
        ...     _ = tmp.write_text("done")
        >>> target.read_text()
        'done'
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=suffix)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        os.chmod(tmp, 0o666 & ~_UMASK)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_text(path: str | os.PathLike[str], text: str) -> Path:
    """Write *text* (UTF-8, newlines as given) to *path* atomically; return the path."""
    with atomic_output(path) as tmp, open(tmp, "w", encoding="utf-8", newline="") as fh:
        fh.write(text)
    return Path(path)


def write_texts(files: Mapping[Path, str]) -> None:
    """Write several files (UTF-8) so that each appears complete or not at all: every temporary file is
    written before the first is renamed into place; on an error none is."""
    with ExitStack() as stack:
        for path, text in files.items():
            tmp = stack.enter_context(atomic_output(path))
            with open(tmp, "w", encoding="utf-8", newline="") as fh:
                fh.write(text)


def _name_max() -> int:
    return 255  # NAME_MAX of ext4/xfs/btrfs/tmpfs; a component longer than this cannot be created


#: :func:`check_output`'s ``kind``: is a folder wanted?
_IS_FOLDER = {"file": False, "folder": True}


def check_output(path: str | os.PathLike[str], *, force: bool = False, kind: str = "file",
                 option: str = "--out") -> Path:
    """Check, before any work, that *path* can be written; return it.

    Args:
        path: the output file or folder.
        force: an existing *path* may be replaced.
        kind: ``"file"`` or ``"folder"``.
        option: the command-line option that gave *path* (for the messages).

    Raises:
        OutputExists: *path* exists and *force* is false.
        OutputNotWritable: a path component is too long or is a file, the output is the
            current folder (or one above it), a file is wanted where a folder is, or the
            nearest existing folder cannot be written (read-only, permissions, /proc, ...).

    Example:
        >>> import tempfile, pathlib
        >>> d = pathlib.Path(tempfile.mkdtemp())
        >>> check_output(d / "new.json").name
        'new.json'
    """
    from recast.exceptions import OutputExists, OutputNotWritable

    path = Path(path)
    for part in path.parts:
        if len(os.fsencode(part)) > _name_max():
            msg = (f"{option}: a name in the path has {len(os.fsencode(part))} bytes, more than {_name_max()} — "
                   "use a shorter name")
            raise OutputNotWritable(msg)
    folder = _IS_FOLDER[kind]
    if path.exists() or path.is_symlink():
        if not folder and path.is_dir():
            msg = f"{option} {path} is a folder — give a file name, e.g. {path / 'out.json'}"
            raise OutputNotWritable(msg)
        if not force:
            msg = f"{option} {path} exists — pass --force to overwrite it or choose another {option}"
            raise OutputExists(msg)
        if folder:
            _refuse_cwd(path, option)
    anc = path.parent
    while not (anc.exists() or anc.is_symlink()) and anc != anc.parent:
        anc = anc.parent
    if not anc.is_dir():
        msg = f"{option} {path}: {anc} is a file, not a folder — choose a path inside a folder"
        raise OutputNotWritable(msg)
    try:
        fd, probe = tempfile.mkstemp(dir=anc, prefix=".recast-probe-")
        os.close(fd)
        os.unlink(probe)
    except OSError as err:
        msg = f"{option} {path}: cannot write in {anc} ({err.strerror or err}) — choose a writable {option}"
        raise OutputNotWritable(msg) from err
    return path


def _refuse_cwd(path: Path, option: str) -> None:
    from recast.exceptions import OutputNotWritable

    target = path.resolve()
    cwd = Path.cwd().resolve()
    if target == cwd or target in cwd.parents:
        msg = (f"{option} {path} is the current folder or one above it, which cannot be replaced — "
               "give a new folder name")
        raise OutputNotWritable(msg)


def make_temp_dir(target: str | os.PathLike[str]) -> Path:
    """A fresh temporary folder beside *target* (created with 0777 & ~umask, not mkdtemp's 0700)."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent))
    os.chmod(tmp, 0o777 & ~_UMASK)
    return tmp


_HELD = threading.local()  # lock keys each thread holds (output_lock is re-entrant per thread)


@contextmanager
def output_lock(target: str | os.PathLike[str], *, timeout: float = 600.0) -> Iterator[None]:
    """Hold an exclusive lock on *target* (an output path) across processes.

    The lock file lives in the system temporary folder, keyed by the resolved path, so nothing
    is left beside the output. Concurrent writers of one output (processes or threads) take
    turns; a thread that already holds the lock may take it again.

    Raises:
        OutputLocked: another process held the lock for longer than *timeout* seconds.
    """
    import fcntl
    import hashlib
    import time

    from recast.exceptions import OutputLocked

    key = hashlib.sha256(os.fsencode(Path(target).resolve())).hexdigest()[:24]
    held = _HELD.__dict__.setdefault("keys", set())
    if key in held:  # re-entered by the thread that holds it
        yield
        return
    lock_dir = Path(tempfile.gettempdir()) / f"recast-locks-{os.getuid()}"
    lock_dir.mkdir(mode=0o700, exist_ok=True)
    fd = os.open(lock_dir / f"{key}.lock", os.O_CREAT | os.O_RDWR, 0o600)
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError as err:
                if time.monotonic() > deadline:
                    msg = (f"another recast process is writing {target} (waited {timeout:g} s) — "
                           "wait for it to finish or choose another --out")
                    raise OutputLocked(msg) from err
                time.sleep(0.02)
        held.add(key)
        try:
            yield
        finally:
            held.discard(key)
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def replace_dir(tmp: str | os.PathLike[str], target: str | os.PathLike[str]) -> Path:
    """Move the finished folder *tmp* to *target*, replacing what is there, under :func:`output_lock`.

    The old *target* is moved to a unique hidden sibling first and put back if the final
    rename fails; concurrent replacements of one target are serialised. The current folder
    (or one above it) is never replaced.

    Raises:
        OutputNotWritable: *target* is the current folder or one above it.
    """
    tmp, target = Path(tmp), Path(target)
    _refuse_cwd(target, "--out")
    with output_lock(target):
        if not (target.exists() or target.is_symlink()):
            os.replace(tmp, target)
            return target
        old = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".old", dir=target.parent))
        try:
            os.replace(target, old / "x")
            try:
                os.replace(tmp, target)
            except BaseException:
                os.replace(old / "x", target)
                raise
        finally:
            shutil.rmtree(old, ignore_errors=True)
    return target


def copy_dir(src: str | os.PathLike[str], target: str | os.PathLike[str]) -> Path:
    """Copy folder *src* to *target* through a temporary sibling and :func:`replace_dir`."""
    tmp = make_temp_dir(target)
    try:
        shutil.copytree(src, tmp, dirs_exist_ok=True)
        return replace_dir(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
