"""Tools of the LQ-pair → μμjj search (``recast_analyses.lq_mumujj``), run from a recast checkout.

* :mod:`scripts.lq_mumujj.make_background`: the shipped ``background.json`` (Pythia 8 Z+jets, tt̄);
* :mod:`scripts.lq_mumujj.make_maps`: the shipped leptoquark efficiency maps;
* :mod:`scripts.lq_mumujj.validate`: the expected limits of the validation benchmarks;
* :mod:`scripts.lq_mumujj.changes`: which modelling change moved the limits.
"""

__all__: list[str] = []


def __dir__() -> list[str]:
    return __all__
