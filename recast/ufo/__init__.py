"""UFO models written by recast: every Z′ (U(1)_X and benchmarks) and the S± pair of Model III.

``write_ufo(model, out)`` writes a UFO directory (UFO 2.0, arXiv:2304.09883) = the SM of the
``ufo-sm`` package extended by recast's particles, parameters, couplings, vertices and
analytic widths, with the parameter and block names of ``recast cards`` so that the param
card recast writes loads into it unchanged.

Example:
    >>> from recast.models import get_model
    >>> ufo_name(get_model("B-3Lmu"))
    'recast_Bm3Lmu_UFO'
"""

from __future__ import annotations

from recast.ufo.examples import ufo_writer, write_examples
from recast.ufo.writer import model_section, ufo_name, write_ufo, writes_ufo

__all__ = ["model_section", "ufo_name", "ufo_writer", "write_examples", "write_ufo", "writes_ufo"]


def __dir__() -> list[str]:
    return __all__
