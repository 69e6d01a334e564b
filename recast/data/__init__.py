"""Package data (reference tables) in versioned folders, read with importlib.resources."""

from __future__ import annotations

from importlib.resources import files
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # importlib.resources.abc is Python >= 3.11 (requires-python >= 3.10)
    from importlib.resources.abc import Traversable

__all__ = ["DATA_VERSION", "data_file"]

DATA_VERSION = "1.0.0"


def __dir__() -> list[str]:
    return __all__


def data_file(name: str) -> Traversable:
    """The shipped data file ``recast/data/<version>/<name>``."""
    return files("recast.data").joinpath(DATA_VERSION, name)
