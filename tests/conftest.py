"""Shared fixtures."""

from __future__ import annotations

import os

import matplotlib
import pytest

matplotlib.use("Agg")


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path_factory, monkeypatch):
    """Every test gets its own recast cache directory (no cross-test reuse)."""
    cache = tmp_path_factory.mktemp("recast-cache")
    monkeypatch.setenv("RECAST_CACHE_DIR", os.fspath(cache))
    yield


@pytest.fixture
def runner():
    from click.testing import CliRunner

    return CliRunner()
