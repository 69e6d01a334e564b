"""Exports of recast results in the formats experiments publish: :mod:`recast.export.hepdata`."""

from __future__ import annotations

from recast.export.hepdata import hepdata_submission, write_hepdata

__all__ = ["hepdata_submission", "write_hepdata"]


def __dir__() -> list[str]:
    return __all__
