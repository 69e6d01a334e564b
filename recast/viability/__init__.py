"""Composite models (several mediators) and their verdicts: ``recast viability``.

* :mod:`recast.viability.composite`: a model point with leptoquarks and a U(1)_X Z′, checked with the atlas'
  muoquark rule;
* :mod:`recast.viability.contributions`: each mediator's C9/C10, Δa_μ, B_s-mixing C_NP and their sums;
* :mod:`recast.viability.verdict`: explains b→sμμ? explains (g−2)_μ? allowed? and what decides each;
* :mod:`recast.viability.presets`: ModelI/II/III, TypeA/B/C with their sources;
* :mod:`recast.viability.scan`: the single mediators' best points over a grid.

Example:
    >>> from recast.viability import get_composite, judge
    >>> v = judge(get_composite("ModelI"))
    >>> v.b_to_s_mumu, v.g_minus_2, v.viable
    (True, True, True)
"""

from __future__ import annotations

from recast.viability.composite import CompositeModel, ZPrimePart, make_composite
from recast.viability.contributions import Contributions, contributions
from recast.viability.presets import PRESETS, get_composite, preset_names
from recast.viability.scan import SINGLE_MEDIATORS, best_single, single_names
from recast.viability.verdict import LHC_INPUTS, Verdict, judge

__all__ = [
    "LHC_INPUTS",
    "PRESETS",
    "SINGLE_MEDIATORS",
    "CompositeModel",
    "Contributions",
    "Verdict",
    "ZPrimePart",
    "best_single",
    "contributions",
    "get_composite",
    "judge",
    "make_composite",
    "preset_names",
    "seed_list",
    "single_names",
]


def __dir__() -> list[str]:
    return __all__


def seed_list() -> list[str]:
    """The seed's list: each single mediator, then the composite presets."""
    return [*single_names(), *preset_names()]
