"""Silence C/C++ output written to file descriptor 1 (Pythia, fastjet), not to ``sys.stdout``.

One public helper for every Pythia run (event generation, the Pythia couplings of the Z′
settings, the scan's Z′ table) and for fastjet's banner in the detector; it sits below all
of them, so no package reaches into another's private module.

Example:
    >>> with quiet_stdout():
    ...     print("hidden")
    >>> with quiet_stdout(False):
    ...     print("shown")
    shown
"""

from __future__ import annotations

import contextlib
import ctypes
import io
import os
import sys
from collections.abc import Iterator

__all__ = ["quiet_stdout"]


def __dir__() -> list[str]:
    return __all__


@contextlib.contextmanager
def quiet_stdout(quiet: bool = True) -> Iterator[None]:
    """Redirect file descriptor 1 to ``/dev/null`` while active (no-op if ``quiet`` is False)."""
    if not quiet:
        yield
        return
    sys.stdout.flush()
    try:
        fd = sys.stdout.fileno()
    except (AttributeError, OSError, ValueError):  # e.g. captured stdout in tests
        fd = 1
    saved = os.dup(fd)
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, fd)
        # pybind11 extensions (fastjet) may route std::cout through Python's sys.stdout
        with contextlib.redirect_stdout(io.StringIO()):
            yield
    finally:
        sys.stdout.flush()
        _libc_fflush()  # C/C++ buffers must empty into /dev/null, not after the restore
        os.dup2(saved, fd)
        os.close(saved)
        os.close(devnull)


def _libc_fflush() -> None:
    with contextlib.suppress(OSError, AttributeError):  # non-POSIX
        ctypes.CDLL(None).fflush(None)
