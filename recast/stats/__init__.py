"""Statistics: pyhf workspaces per (model point, analysis), CLs and Bayesian upper limits, mass limits.

>>> from recast.stats import Sample, build_workspace, upper_limit
>>> ws = build_workspace(signal={"sr": ([10.0], [0.0])},
...     backgrounds={"sr": [Sample("bkg", np.array([100.0]))]}, observed=None,
...     lumi_fb=139, ref_lumi_fb=139, xsec_rel_unc=0)
>>> lim = upper_limit(ws, observed=False)
>>> round(lim.median, 2)   # ~1.96 sqrt(b) / s
2.09
"""

from __future__ import annotations

import numpy as np  # noqa: F401  (used by the doctest above)

from recast.stats.bayes import bayesian_upper_limit
from recast.stats.limit import CL, UpperLimit
from recast.stats.upper_limits import cls, mass_limit, upper_limit
from recast.stats.workspace import (
    POI,
    Sample,
    build_workspace,
    is_projection,
    validate_workspace,
    write_workspace,
)

__all__ = [
    "CL",
    "POI",
    "Sample",
    "UpperLimit",
    "bayesian_upper_limit",
    "build_workspace",
    "cls",
    "is_projection",
    "mass_limit",
    "upper_limit",
    "validate_workspace",
    "write_workspace",
]


def __dir__() -> list[str]:
    return __all__
