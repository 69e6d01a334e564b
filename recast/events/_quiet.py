"""Former home of :func:`recast.quiet.quiet_stdout`; kept so old imports keep working."""

from __future__ import annotations

from recast.quiet import quiet_stdout

__all__ = ["quiet_stdout"]


def __dir__() -> list[str]:
    return __all__
