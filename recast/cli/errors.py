"""The CLI error boundary: every expected failure becomes one line ``recast: error: <what> — <fix>``.

Expected failures exit with status 2: :class:`~recast.exceptions.RecastError`, click's own
usage errors, the file system (:class:`OSError` and its kin), numbers out of range
(:class:`OverflowError`, :class:`ZeroDivisionError`) and damaged files
(:class:`UnicodeDecodeError`, :class:`json.JSONDecodeError`). Anything else is a bug: one line
saying so, exit 1. ``recast --debug`` (or ``RECAST_DEBUG=1``) re-raises with the traceback.
"""

from __future__ import annotations

import errno
import json
import os

import click

from recast.exceptions import RecastError

__all__ = ["BUG_EXIT", "ERROR_EXIT", "describe_error", "with_fix"]

#: Exit status of an expected failure (bad input, file system, damaged file); click uses 2 too.
ERROR_EXIT = 2
#: Exit status of an unexpected exception (a bug in recast).
BUG_EXIT = 1


def __dir__() -> list[str]:
    return __all__


def _name(err: OSError) -> str:
    name = err.filename if err.filename is not None else err.filename2
    if name is None:
        return ""
    text = os.fsdecode(name)
    return text if len(text) <= 80 else f"{text[:40]}…{text[-20:]} ({len(text)} characters)"


_OS_FIXES: dict[int, tuple[str, str]] = {
    errno.ENOENT: ("no such file or directory", "check the path; folders above an output must exist or be creatable"),
    errno.ENOTDIR: ("a part of the path is a file, not a folder", "choose a path whose parents are folders"),
    errno.EISDIR: ("is a folder, not a file", "give a file path, not a folder"),
    errno.EEXIST: (
        "already exists (as a file where a folder is needed, or the reverse)",
        "choose another path or remove it",
    ),
    errno.EROFS: ("read-only file system", "write to a writable folder (--out; RECAST_CACHE_DIR for the cache)"),
    errno.EACCES: (
        "permission denied",
        "choose a path you can write to or fix its permissions (RECAST_CACHE_DIR moves the cache)",
    ),
    errno.EPERM: ("operation not permitted", "choose a path you own"),
    errno.ENAMETOOLONG: ("file name too long", "use a shorter name (at most 255 bytes per path component)"),
    errno.EBUSY: ("busy (a mount point or in use)", "choose another output path"),
    errno.ENOSPC: ("no space left on the device", "free disk space or write elsewhere"),
    errno.EDQUOT: ("disk quota exceeded", "free space or write elsewhere"),
    errno.ENOTEMPTY: ("folder not empty", "choose another output folder or pass --force"),
    errno.EXDEV: ("cannot move across file systems", "keep the output and its parent folder on one file system"),
    errno.ELOOP: ("too many symbolic links", "resolve the symbolic link loop in the path"),
    errno.EINVAL: ("invalid path or argument", "check the path"),
}


def _os_message(err: OSError) -> str:
    name = _name(err)
    what, fix = _OS_FIXES.get(err.errno or -1, (err.strerror or type(err).__name__, "check the path and try again"))
    return f"{name}: {what} — {fix}" if name else f"{what} — {fix}"


def describe_error(err: BaseException, *, command: str = "recast") -> tuple[str, int] | None:
    """The one-line message (without the ``recast: error:`` prefix) and exit status for *err*.

    Args:
        err: the exception.
        command: the command line's command path (for the ``--help`` hint of usage errors).

    Returns None for an unexpected exception (a bug).

    Example:
        >>> describe_error(FileNotFoundError(2, "No such file or directory", "x.json"))
        ('x.json: no such file or directory — check the path; folders above an output must exist or be creatable', 2)
    """
    if isinstance(err, RecastError):  # before OSError: EventsFileError is both
        return with_fix(_flat(str(err)), command), ERROR_EXIT
    if isinstance(err, click.ClickException):
        return _click_message(err, command), ERROR_EXIT
    if isinstance(err, json.JSONDecodeError):
        return (
            f"damaged or non-JSON input ({err.msg} at line {err.lineno}) — give the JSON file recast wrote, "
            "or rerun the command that made it"
        ), ERROR_EXIT
    if isinstance(err, UnicodeDecodeError):
        return (
            "a file is binary or not UTF-8 text where text was expected — give the text (JSON/YAML) file "
            "recast asks for"
        ), ERROR_EXIT
    if isinstance(err, OSError):
        return _flat(_os_message(err)), ERROR_EXIT
    if isinstance(err, ValueError) and "null byte" in str(err):
        return "a path or name contains a NUL character (\\x00) — remove it", ERROR_EXIT
    if isinstance(err, (OverflowError, ZeroDivisionError)):
        return (
            f"a number is out of range ({type(err).__name__}: {err}) — use finite values in physical ranges "
            "(masses 1-100000 GeV, |couplings| <= 4π)"
        ), ERROR_EXIT
    return None


def _click_message(err: click.ClickException, command: str) -> str:
    msg = _flat(err.format_message()).rstrip(".")
    if isinstance(err, click.UsageError):
        ctx = err.ctx
        where = ctx.command_path if ctx is not None and ctx.command_path != "-" else command
        return f"{msg} — see `{where} --help`"
    return msg


def with_fix(message: str, command: str = "recast") -> str:
    """*message* in the form ``<what> — <fix>``.

    recast's messages put the fix after the first ``"; "`` ("output c exists; pass --force");
    that separator becomes the dash. A message without either gets the command's help as the fix.

    Example:
        >>> with_fix("output c exists; pass --force to overwrite it")
        'output c exists — pass --force to overwrite it'
        >>> with_fix("nevents must be >= 1, got 0", "recast cards")
        'nevents must be >= 1, got 0 — see `recast cards --help`'
    """
    if " — " in message:
        return message
    what, sep, fix = message.partition("; ")
    if sep and fix:
        return f"{what} — {fix}"
    return f"{message} — see `{command} --help`"


def _flat(text: str) -> str:
    return " ".join(text.split())
