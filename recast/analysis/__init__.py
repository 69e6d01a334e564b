"""Analysis plugins: the contract, the registry and ``analysis.yaml`` metadata.

>>> from recast.analysis import get_analysis
>>> ana = get_analysis("atlas_1903_06248")
>>> ana.arxiv, ana.lumi_fb
('1903.06248', 139.0)
"""

from __future__ import annotations

from recast.analysis.metadata import AnalysisBase, analysis_schema, load_metadata, validate_metadata
from recast.analysis.protocol import Analysis, SignalHistograms
from recast.analysis.registry import (
    ENTRY_POINT_GROUP,
    AnalysisLoadWarning,
    analysis_ids,
    check_analysis,
    get_analysis,
    list_analyses,
    register_analysis,
)

__all__ = [
    "ENTRY_POINT_GROUP",
    "Analysis",
    "AnalysisBase",
    "AnalysisLoadWarning",
    "SignalHistograms",
    "analysis_ids",
    "analysis_schema",
    "check_analysis",
    "get_analysis",
    "list_analyses",
    "load_metadata",
    "register_analysis",
    "validate_metadata",
]


def __dir__() -> list[str]:
    return __all__
