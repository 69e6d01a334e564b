"""Find analysis plugins: entry points of group ``recast.analyses`` plus in-process ones.

Plugins are imported lazily, the first time they are asked for. A plugin that fails to
import does not break :func:`list_analyses` (it is reported), but asking for it by name
with :func:`get_analysis` raises :class:`~recast.exceptions.AnalysisLoadError`.
"""

from __future__ import annotations

import warnings
from importlib.metadata import EntryPoint, entry_points

from recast.analysis.protocol import REQUIRED_ATTRIBUTES, REQUIRED_METHODS, Analysis
from recast.exceptions import AnalysisLoadError, UnknownAnalysis, closest

__all__ = [
    "ENTRY_POINT_GROUP",
    "AnalysisLoadWarning",
    "analysis_ids",
    "check_analysis",
    "get_analysis",
    "list_analyses",
    "register_analysis",
]

ENTRY_POINT_GROUP = "recast.analyses"

_LOADED: dict[str, Analysis] = {}
_USER: dict[str, Analysis] = {}


def __dir__() -> list[str]:
    return __all__


class AnalysisLoadWarning(UserWarning):
    """Emitted by :func:`list_analyses` for a plugin that fails to load."""


def _entry_points() -> dict[str, EntryPoint]:
    return {ep.name: ep for ep in entry_points(group=ENTRY_POINT_GROUP)}


def analysis_ids() -> list[str]:
    """Sorted ids of all registered analyses (nothing is imported).

    Example:
        >>> "atlas_1903_06248" in analysis_ids()
        True
    """
    return sorted(set(_entry_points()) | set(_USER))


def check_analysis(obj: object, *, name: str | None = None) -> Analysis:
    """Check that *obj* fulfils the :class:`Analysis` contract and return it.

    Raises:
        AnalysisLoadError: an attribute or method is missing or has the wrong type.
    """
    label = name or getattr(obj, "id", None) or type(obj).__name__
    missing = [a for a in REQUIRED_ATTRIBUTES if not hasattr(obj, a)]
    missing += [m for m in REQUIRED_METHODS if not callable(getattr(obj, m, None))]
    if missing:
        msg = (
            f"analysis {label!r} breaks the recast.analysis.Analysis contract: "
            f"missing {', '.join(missing)}; see recast/analysis/protocol.py"
        )
        raise AnalysisLoadError(msg)
    if not isinstance(obj.id, str) or not obj.id:  # type: ignore[attr-defined]
        msg = f"analysis {label!r}: `id` must be a non-empty string"
        raise AnalysisLoadError(msg)
    if float(obj.lumi_fb) <= 0 or float(obj.sqrt_s_GeV) <= 0:  # type: ignore[attr-defined]
        msg = f"analysis {label!r}: lumi_fb and sqrt_s_GeV must be > 0"
        raise AnalysisLoadError(msg)
    return obj  # type: ignore[return-value]


def _load(name: str, ep: EntryPoint) -> Analysis:
    try:
        obj = ep.load()
    except Exception as err:  # any import-time failure of third-party code
        msg = (
            f"analysis {name!r} ({ep.value}) failed to load: {type(err).__name__}: {err}; "
            "reinstall the package that provides it (pip install -e .)"
        )
        raise AnalysisLoadError(msg) from err
    if isinstance(obj, type):
        try:
            obj = obj()
        except Exception as err:
            msg = f"analysis {name!r}: constructing {ep.value}() failed: {type(err).__name__}: {err}"
            raise AnalysisLoadError(msg) from err
    return check_analysis(obj, name=name)


def register_analysis(analysis: Analysis, *, replace: bool = False) -> Analysis:
    """Register a user-supplied analysis instance in this process (no entry point needed).

    Args:
        analysis: any object fulfilling :class:`Analysis`.
        replace: allow replacing an analysis with the same id.

    Raises:
        AnalysisLoadError: the object breaks the contract, or the id is taken and
            ``replace`` is false.
    """
    check_analysis(analysis)
    if not replace and (analysis.id in _USER or analysis.id in _entry_points()):
        msg = f"analysis id {analysis.id!r} is already registered; pass replace=True"
        raise AnalysisLoadError(msg)
    _USER[analysis.id] = analysis
    _LOADED.pop(analysis.id, None)
    return analysis


def get_analysis(id_or_instance: str | Analysis) -> Analysis:
    """The analysis with this id (imported on first use), or the instance itself, checked.

    Args:
        id_or_instance: a registered id such as ``"atlas_1903_06248"``, or an object
            fulfilling the :class:`Analysis` protocol.

    Raises:
        UnknownAnalysis: no analysis has this id (the message lists the valid ids).
        AnalysisLoadError: the plugin is registered but fails to import or breaks the contract.

    Example:
        >>> get_analysis("atlas_1903_06248").arxiv
        '1903.06248'
    """
    if not isinstance(id_or_instance, str):
        return check_analysis(id_or_instance)
    name = id_or_instance
    if name in _USER:
        return _USER[name]
    if name in _LOADED:
        return _LOADED[name]
    eps = _entry_points()
    if name not in eps:
        msg = f"unknown analysis {name!r}; {closest(name, analysis_ids())}"
        raise UnknownAnalysis(msg)
    _LOADED[name] = _load(name, eps[name])
    return _LOADED[name]


def list_analyses(*, failures: dict[str, str] | None = None) -> list[Analysis]:
    """All analyses that load, sorted by id.

    Args:
        failures: if given, plugins that fail to load are recorded here as
            ``id -> one-line reason``; otherwise each failure emits an
            :class:`AnalysisLoadWarning`. Either way the listing goes on.
    """
    out = []
    for name in analysis_ids():
        try:
            out.append(get_analysis(name))
        except AnalysisLoadError as err:
            if failures is not None:
                failures[name] = str(err)
            else:
                warnings.warn(str(err), AnalysisLoadWarning, stacklevel=2)
    return out
