"""Development tools of recast, run from a checkout (``python -m scripts.<folder>.<tool>``); not installed.

They remake shipped data (backgrounds, efficiency maps) and run long studies with Pythia; the
installed packages (``recast``, ``recast_analyses``) only read what they write.
"""

__all__: list[str] = []


def __dir__() -> list[str]:
    return __all__
