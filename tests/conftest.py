"""Shared fixtures."""

from __future__ import annotations

import os

# xdist workers (started after this file is read) inherit one BLAS thread each: the workers already fill
# the cores, and OpenBLAS's own threads on top would oversubscribe them (recast.blas)
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import matplotlib  # noqa: E402
import pytest  # noqa: E402

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
