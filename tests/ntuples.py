"""Small synthetic recast ntuples shared by the tests (no Pythia)."""

from __future__ import annotations

import math
from pathlib import Path

import awkward as ak
import numpy as np


def dimuon_ntuple(path: Path, *, n: int = 40, mass: float = 2000.0, pt_offset: float = 0.0,
                  pt_sigma: float = 10.0, xsec_pb: float = 0.01) -> Path:
    """Back-to-back opposite-sign muon pairs, pT ~ N(mass/2 + pt_offset, pt_sigma), no jets;
    weights sum to *xsec_pb* [pb]. Written with ``recast.events.write_events``."""
    from recast.events import write_events

    rng = np.random.default_rng(3)
    pt = rng.normal(mass / 2 + pt_offset, pt_sigma, n)
    phi = rng.uniform(-3, 3, n)
    f32 = lambda x: ak.values_astype(ak.Array(x), np.float32)  # noqa: E731
    empty = [[] for _ in range(n)]
    ev = ak.zip({
        "mu_pt": f32([[a, a] for a in pt]), "mu_eta": f32([[0.1, -0.1]] * n),
        "mu_phi": f32([[p, p - math.pi if p > 0 else p + math.pi] for p in phi]),
        "mu_charge": ak.values_astype(ak.Array([[-1, 1]] * n), np.int32),
        "jet_pt": f32(empty), "jet_eta": f32(empty), "jet_phi": f32(empty), "jet_m": f32(empty),
        "jet_btag": ak.values_astype(ak.Array(empty), bool),
        "met": np.zeros(n, np.float32), "met_phi": np.zeros(n, np.float32), "weight": np.full(n, xsec_pb / n),
    }, depth_limit=1)
    write_events(ev, path, {"xsec_pb": xsec_pb})
    return path
