"""Generation throughput: events/s per core for S3 leptoquark pairs at 1.5 TeV.

Run: ``/work/venv/bin/python benchmarks/bench_generate.py [--events 1000]``. One worker
(``jobs=1``), so the figures are per core. For each mode (full: shower + MPI + hadronisation;
``--fast``: hadronisation and MPI off) it times the baseline, Pythia alone (``nextBatch``,
same settings, no detector), and then :func:`recast.events.generate_arrays` (Pythia + fast
detector + fastjet), reporting events/s.
"""

from __future__ import annotations

import argparse
import time

from recast.events import generate_arrays, new_pythia, pythia_settings
from recast.models import get_model
from recast.quiet import quiet_stdout


def pythia_only(settings: list[str], n: int) -> float:
    t0 = time.perf_counter()
    with quiet_stdout(True):
        py = new_pythia(settings, seed=12345)
        py.nextBatch(n, 10.0)
    return time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=1000)
    args = parser.parse_args()
    model = get_model("S3", mass=1500)
    for fast in (False, True):
        settings = pythia_settings(model, state="S3m43", fast=fast)
        t_base = pythia_only(settings, args.events)
        t0 = time.perf_counter()
        _, info = generate_arrays(settings, n_events=args.events, seed=1, jobs=1, progress=False)
        t = time.perf_counter() - t0
        label = "--fast" if fast else "full  "
        print(f"S3 1.5 TeV {label}: Pythia alone {args.events / t_base:7.1f} ev/s; "
              f"Pythia + detector {args.events / t:7.1f} ev/s per core "
              f"(detector overhead {100 * (t / t_base - 1):.0f}%), sigma_LO {info['xsec_pb']:.3g} pb")


if __name__ == "__main__":
    main()
