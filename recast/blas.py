"""One BLAS thread per worker process.

numpy's OpenBLAS starts one thread per core in every process. recast's forked fit workers
(``recast limits``, the plane scans) already fill the cores, one worker each; with OpenBLAS's own
threads on top they oversubscribe them and spin: the cold main job spent 14 CPU-s in its two
workers for 7 CPU-s of fits, 12 s wall instead of 5 s for ``run_limits`` (2 cores, measured
2026-12-07). Each worker calls :func:`one_blas_thread` before its first fit (threadpoolctl).
"""

from __future__ import annotations

__all__ = ["one_blas_thread"]

_LIMITED: list[object] = []  # the threadpoolctl limiter of this process, once set


def __dir__() -> list[str]:
    return __all__


def one_blas_thread() -> None:
    """Limit this process' BLAS/OpenMP thread pools to one thread (once per process; cheap after that)."""
    if _LIMITED:
        return
    from threadpoolctl import threadpool_limits

    _LIMITED.append(threadpool_limits(limits=1))
