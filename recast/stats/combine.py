"""Combine the pyhf workspaces of several searches into one (``recast limits --combine``).

Conventions (issue 13):

* one channel per analysis region, named ``<analysis>__<region>``;
* one shared signal strength ``mu`` (the same model point in every search);
* the theory cross-section uncertainty ``xsec`` is one parameter (correlated);
* every other (experimental) modifier is renamed ``<analysis>__<name>`` (uncorrelated
  between searches), MC-stat ``staterror`` included;
* a luminosity ``normsys`` ``lumi_<experiment>`` on the signal of each channel, one
  parameter per experiment (correlated within an experiment only); its size is the
  analysis' ``lumi_rel_unc`` (analysis.yaml). Backgrounds normalised to data carry none.

Searches that share events (the same data set) cannot be combined as
independent likelihoods: :func:`check_combinable` refuses them.

Example:
    >>> from recast.stats import Sample, build_workspace
    >>> import numpy as np
    >>> ws = build_workspace(signal={"sr": ([3.0], [0.0])}, backgrounds={"sr": [Sample("b", np.array([1.0]))]},
    ...                      observed=None, lumi_fb=1, ref_lumi_fb=1, xsec_rel_unc=0.1)
    >>> c = combine_workspaces({"a": ws, "b": ws}, lumi_unc={"a": ("ATLAS", 0.017), "b": ("CMS", 0.018)})
    >>> [ch["name"] for ch in c["channels"]]
    ['a__sr', 'b__sr']
"""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from typing import Any

from recast.exceptions import LimitsError
from recast.stats.workspace import POI, validate_workspace

__all__ = ["SHARED_MODIFIERS", "check_combinable", "combine_workspaces"]

#: modifiers kept as one parameter across searches: the signal strength and the theory cross-section
SHARED_MODIFIERS = (POI, "xsec")


def __dir__() -> list[str]:
    return __all__


def check_combinable(analyses: Sequence[Any]) -> None:
    """Refuse analyses without experiment/data set, or two that share events (the same data set).

    Raises:
        LimitsError: one line naming the analysis or the pair.
    """
    seen: dict[str, str] = {}
    for ana in analyses:
        meta: dict[str, Any] = getattr(ana, "meta", None) or {}  # typed in Analysis, not demanded by the registry
        exp, ds = meta.get("experiment"), meta.get("dataset")
        if not exp or not ds:
            msg = (f"analysis {ana.id} declares no experiment and dataset in its analysis.yaml, so recast cannot tell "
                   "whether it shares events with the others — add them, or run without --combine")
            raise LimitsError(msg)
        key = str(ds)  # the data set names the experiment: the same data set means shared events
        if key in seen:
            msg = (f"analyses {seen[key]} and {ana.id} share events ({ds}) and cannot be combined as independent "
                   "searches — drop one with --analysis, or run without --combine")
            raise LimitsError(msg)
        seen[key] = ana.id


def combine_workspaces(
    specs: Mapping[str, dict[str, Any]], *, lumi_unc: Mapping[str, tuple[str, float]]
) -> dict[str, Any]:
    """One pyhf workspace from per-analysis workspaces (module docstring for the conventions).

    Args:
        specs: analysis id -> its workspace (built at the same model point).
        lumi_unc: analysis id -> (experiment, relative luminosity uncertainty); 0 adds none.

    Returns:
        The combined, validated workspace spec.
    """
    channels, observations = [], []
    for aid, spec in specs.items():
        experiment, lumi = lumi_unc.get(aid, ("", 0.0))
        obs = {o["name"]: o["data"] for o in spec["observations"]}
        for original in spec["channels"]:
            ch = copy.deepcopy(original)
            name = f"{aid}__{ch['name']}"
            for smp in ch["samples"]:
                for mod in smp["modifiers"]:
                    if mod["name"] not in SHARED_MODIFIERS:
                        mod["name"] = f"{aid}__{mod['name']}"
                if smp["name"] == "signal" and lumi > 0:
                    smp["modifiers"].append({"name": f"lumi_{experiment}", "type": "normsys",
                                             "data": {"hi": 1 + lumi, "lo": 1 - lumi}})
            observations.append({"name": name, "data": obs[ch["name"]]})
            ch["name"] = name
            channels.append(ch)
    spec = {
        "channels": channels,
        "observations": observations,
        "measurements": [
            {"name": "combined", "config": {"poi": POI, "parameters": [{"name": POI, "bounds": [[0.0, 100.0]]}]}}
        ],
        "version": "1.0.0",
    }
    return validate_workspace(spec)
