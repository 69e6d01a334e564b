"""Built-in analysis plugins of recast (registered in the ``recast.analyses`` entry-point group).

Each subpackage is one search: ``analysis.yaml`` (schema-checked metadata with the published
numbers and their sources), ``selection.py`` and its shipped data. Load them through
:func:`recast.analysis.get_analysis`, not by importing this package.
"""

__all__: list[str] = []


def __dir__() -> list[str]:
    return __all__
