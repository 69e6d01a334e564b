"""`recast atlas` against a plain enumeration: whole processes, paired, same machine and moment.

Run: ``python benchmarks/bench_atlas_cli.py [--runs 9]``.

* A: ``recast atlas`` (enumerate the |X| <= 10 universal class, muoquark flags and standard
  labelling of each of the 275 classes, print the table).
* B (baseline): ``python -c "from recast.u1x import enumerate_atlas; enumerate_atlas()"``, the
  plain enumeration with recast's package import.

Requirement (issue 20): A within 2x B (median of the pair-by-pair wall-time ratios). The
command imports only the atlas layer (no scipy, no flavour fit, no results layer:
tests/test_atlas_cli.py) and computes the rows once. Measured 2026-12-07, 2 shared cores:
A 0.25 s, B 0.15 s, A/B = 1.62 (was 2.3 s before, 15x).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

RECAST = str(Path(sys.executable).with_name("recast"))
A = [RECAST, "atlas"]
B = [sys.executable, "-c", "from recast.u1x import enumerate_atlas; enumerate_atlas()"]


def _wall(cmd: list[str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    _wall(A), _wall(B)  # warm-up: page cache, bytecode
    pairs = [(_wall(A), _wall(B)) for _ in range(args.runs)]
    ratio = statistics.median(a / b for a, b in pairs)
    print(f"recast atlas:      median {statistics.median(a for a, _ in pairs):.3f} s")
    print(f"plain enumeration: median {statistics.median(b for _, b in pairs):.3f} s")
    print(f"ratio (paired median): {ratio:.2f}  requirement <= 2: {'PASS' if ratio <= 2 else 'FAIL'}")


if __name__ == "__main__":
    main()
