"""All exceptions recast raises on purpose.

Every one derives from :class:`RecastError` (and from the builtin with the same
meaning). The CLI catches ``RecastError``, prints ``recast: error: <message>`` on
one line to stderr and exits with status 2; ``recast --debug`` shows the traceback.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

__all__ = [
    "AnalysisLoadError",
    "AnomalyError",
    "BranchNotFound",
    "EventsFileError",
    "InconsistentCard",
    "InvalidCard",
    "InvalidParameter",
    "LimitsError",
    "OutputExists",
    "OutputLocked",
    "OutputNotWritable",
    "RecastError",
    "StatsError",
    "UnknownAnalysis",
    "UnknownModel",
    "closest",
]


def __dir__() -> list[str]:
    return __all__


def closest(name: str, valid: Iterable[str], n: int = 3) -> str:
    """Return a ``"did you mean ...? valid: ..."`` hint for *name* among *valid*."""
    valid = sorted(valid)
    near = difflib.get_close_matches(name, valid, n=n, cutoff=0.5)
    hint = f"did you mean {', '.join(near)}? " if near else ""
    return f"{hint}valid: {', '.join(valid)}"


class RecastError(Exception):
    """Base class of every error recast raises for bad input or state."""


class UnknownModel(RecastError, KeyError):
    """Raised when a model name is not in the model library."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""


class UnknownAnalysis(RecastError, KeyError):
    """Raised when an analysis id is not registered in the ``recast.analyses`` group."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class InvalidParameter(RecastError, ValueError):
    """Raised when a model parameter is unknown, non-numeric or out of range (e.g. mass <= 0)."""


class AnomalyError(RecastError, ValueError):
    """Raised when U(1)_X charges do not cancel the gauge anomalies."""


class InvalidCard(RecastError, ValueError):
    """Raised when a card or YAML document fails its schema or cannot be parsed."""


class InconsistentCard(RecastError, ValueError):
    """Raised when a card parses but its content makes no physical sense."""


class OutputExists(RecastError, FileExistsError):
    """Raised when an output path exists and ``--force`` was not given."""


class OutputNotWritable(RecastError, PermissionError):
    """Raised when an output cannot be written there (read-only, no permission, a file in the path, a name too long)."""


class OutputLocked(RecastError, BlockingIOError):
    """Raised when another recast process keeps writing the same output for too long."""


class EventsFileError(RecastError, OSError):
    """Raised when an events file is missing, not ROOT, truncated, empty or has no known tree."""


class BranchNotFound(RecastError, KeyError):
    """Raised when a tree lacks branches an analysis needs (the message lists them)."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else ""


class AnalysisLoadError(RecastError, ImportError):
    """Raised when a registered analysis plugin cannot be imported or breaks the Analysis contract."""


class StatsError(RecastError, ValueError):
    """Raised when a statistical model is unusable (no signal, limit not bracketed, bad workspace)."""


class LimitsError(RecastError, ValueError):
    """Raised when a limits request cannot be run (no analysis applies to the model, ...)."""
