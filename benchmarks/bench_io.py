"""Reader throughput: recast.io.read_events vs plain uproot ``arrays`` + awkward on one file.

Run: ``/work/venv/bin/python benchmarks/bench_io.py [--events 1000000]``. Writes a recast-schema
file with random content (~3 muons, ~5 jets per event) into a temp dir, then times
(a) ``tree.arrays(branches)`` (plain uproot), (b) the same plus building the Momentum4D records
with awkward/vector by hand, (c) ``read_events`` and (d) ``iterate_events`` (100 MB chunks).
Goal: (c) >= 0.8x the events/s of (a).
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import awkward as ak
import numpy as np
import uproot
import vector

from recast.events import write_events
from recast.io import FIELDS, iterate_events, read_events

vector.register_awkward()


def make_file(path: Path, n: int, seed: int = 1) -> Path:
    rng = np.random.default_rng(seed)
    nmu, njet = rng.poisson(3, n), rng.poisson(5, n)

    def jag(counts, values):
        return ak.unflatten(values.astype(np.float32), counts)

    ev = ak.zip({
        "mu_pt": jag(nmu, rng.exponential(50, nmu.sum()) + 7), "mu_eta": jag(nmu, rng.uniform(-2.5, 2.5, nmu.sum())),
        "mu_phi": jag(nmu, rng.uniform(-np.pi, np.pi, nmu.sum())),
        "mu_charge": ak.unflatten(rng.choice([-1, 1], nmu.sum()).astype(np.int32), nmu),
        "jet_pt": jag(njet, rng.exponential(60, njet.sum()) + 20), "jet_eta": jag(njet, rng.uniform(-2.5, 2.5, njet.sum())),
        "jet_phi": jag(njet, rng.uniform(-np.pi, np.pi, njet.sum())), "jet_m": jag(njet, rng.exponential(10, njet.sum())),
        "jet_btag": ak.unflatten(rng.random(njet.sum()) < 0.2, njet),
        "met": rng.exponential(40, n).astype(np.float32), "met_phi": rng.uniform(-np.pi, np.pi, n).astype(np.float32),
        "weight": np.full(n, 1e-3),
    }, depth_limit=1)
    return write_events(ev, path, {"benchmark": True})


def plain(path: Path) -> ak.Array:
    return uproot.open(path)["events"].arrays(list(FIELDS))


def plain_records(path: Path) -> ak.Array:
    a = uproot.open(path)["events"].arrays(list(FIELDS))
    mu = ak.zip({"pt": a.mu_pt, "eta": a.mu_eta, "phi": a.mu_phi, "mass": a.mu_pt * 0 + 0.10566,
                 "charge": a.mu_charge}, with_name="Momentum4D")
    jet = ak.zip({"pt": a.jet_pt, "eta": a.jet_eta, "phi": a.jet_phi, "mass": a.jet_m, "btag": a.jet_btag},
                 with_name="Momentum4D")
    return ak.zip({"muons": mu, "jets": jet, "met": a.met, "met_phi": a.met_phi, "weight": a.weight}, depth_limit=1)


def chunked(path: Path) -> int:
    return sum(len(c) for c in iterate_events(path))


def best_of(funcs: dict, path: Path, repeat: int) -> dict[str, float]:
    """Best time of each function; runs are interleaved so machine load hits all alike."""
    best = dict.fromkeys(funcs, float("inf"))
    for _ in range(repeat):
        for name, func in funcs.items():
            t0 = time.perf_counter()
            func(path)
            best[name] = min(best[name], time.perf_counter() - t0)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = make_file(Path(tmp) / "bench.root", args.events)
        size = path.stat().st_size / 1e6
        print(f"file: {args.events} events, {size:.0f} MB")
        best = best_of({"uproot tree.arrays (baseline)": plain,
                        "uproot + awkward/vector records": plain_records,
                        "recast.io.read_events": read_events,
                        "recast.io.iterate_events (100 MB)": chunked}, path, args.repeat)
        base = best["uproot tree.arrays (baseline)"]
        for name, t in best.items():
            print(f"{name:<36} {t:7.3f} s  {args.events / t / 1e6:6.2f} M events/s  {base / t:5.2f}x baseline")


if __name__ == "__main__":
    main()
