"""recast.blas: the forked fit workers run one BLAS thread each (no oversubscription of the cores)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

CODE = """
import numpy, threadpoolctl
from recast.blas import one_blas_thread
def blas():
    return max(p["num_threads"] for p in threadpoolctl.threadpool_info() if p["user_api"] == "blas")
before = blas()
one_blas_thread(); one_blas_thread()
print(before, blas())
"""


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="needs two cores for OpenBLAS to start two threads")
def test_one_blas_thread_limits_a_process_that_had_several():
    limits = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
    env = {k: v for k, v in os.environ.items() if k not in limits}
    out = subprocess.run([sys.executable, "-c", CODE], env=env, capture_output=True, text=True, check=True)
    before, after = (int(x) for x in out.stdout.split())
    assert before > 1 and after == 1
