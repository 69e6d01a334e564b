"""Decay-channel efficiency maps for leptoquark pairs: any coupling texture without regenerating events.

* :mod:`recast.effmaps.channels`: what a map is indexed by (channel pairs) and each model
  point's Σ σ B_i B_j per pair;
* :mod:`recast.effmaps.maps`: the shipped maps (made by ``python -m scripts.lq_mumujj.make_maps``),
  their staleness check and the per-bin yields.

:class:`recast.sources.MapSource` turns them into the signal of ``recast limits``.
"""

from __future__ import annotations

from recast.effmaps.channels import pair_coefficients, pair_key, possible_pairs
from recast.effmaps.maps import EffMaps, load_maps, stale_reasons

__all__ = ["EffMaps", "load_maps", "pair_coefficients", "pair_key", "possible_pairs", "stale_reasons"]


def __dir__() -> list[str]:
    return __all__
