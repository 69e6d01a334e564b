"""Dimuon selection and m_μμ histogramming shared by the dimuon-resonance plugins.

The two leading muons inside (p_T > ``pt_min``, |η| < ``eta_max``), of opposite charge, with
m_μμ > ``mll_min``: the core of the ATLAS (arXiv:1903.06248 Sec. 4) and CMS (arXiv:2103.02708
Sec. 3) dimuon selections. Each plugin states its thresholds and what it cannot apply
(identification working points, isolation, vertex and cosmic-ray vetoes) in its analysis.yaml.

Example:
    >>> import awkward as ak
    >>> ev = ak.Array({"mu_pt": [[600.0, 500.0]], "mu_eta": [[0.1, -0.2]], "mu_phi": [[0.0, 3.14159]],
    ...                "mu_charge": [[1, -1]], "weight": [1e-3]})
    >>> m, w = dimuon_mass(ev, pt_min=53.0, eta_max=2.4, mll_min=150.0, who="demo")  # m² = 2 pT1 pT2 (cosh Δη − cos Δφ)
    >>> round(float(m[0]), 1), float(w[0])
    (1107.8, 0.001)
"""

from __future__ import annotations

from typing import Any

import awkward as ak
import hist
import numpy as np
import vector

from recast.constants import M_MU
from recast.exceptions import BranchNotFound, InvalidParameter

__all__ = ["MU_MASS", "check_signal_regions", "dimuon_mass", "histogram_mll", "muons"]

MU_MASS = M_MU  # GeV (recast.constants: PDG 2024)

vector.register_awkward()


def __dir__() -> list[str]:
    return __all__


def muons(events: Any, *, who: str) -> ak.Array:
    """Muon records (pt, eta, phi, charge) from flat ``mu_*`` fields or a ``mu``/``muons`` record."""
    fields = set(ak.fields(events))
    if {"mu_pt", "mu_eta", "mu_phi", "mu_charge"} <= fields:
        return ak.zip(
            {"pt": events["mu_pt"], "eta": events["mu_eta"], "phi": events["mu_phi"], "charge": events["mu_charge"]}
        )
    for name in ("mu", "muons", "muon"):
        if name in fields:
            rec = events[name]
            sub = set(ak.fields(rec))
            if {"pt", "eta", "phi", "charge"} <= sub or {"rho", "eta", "phi", "charge"} <= sub:
                pt = rec["pt"] if "pt" in sub else rec["rho"]
                return ak.zip({"pt": pt, "eta": rec["eta"], "phi": rec["phi"], "charge": rec["charge"]})
    missing = sorted({"mu_pt", "mu_eta", "mu_phi", "mu_charge"} - fields)
    msg = f"events lack the muon fields {', '.join(missing)} needed by {who} — use recast or Delphes ntuples with muons"
    raise BranchNotFound(msg)


def dimuon_mass(
    events: Any, *, pt_min: float, eta_max: float, mll_min: float, who: str
) -> tuple[np.ndarray, np.ndarray]:
    """m_μμ [GeV] and weight [pb] of the events passing the selection (module docstring).

    Args:
        events: detector-level events (``mu_*`` fields, ``weight`` in pb).
        pt_min: muon p_T threshold [GeV]. eta_max: muon |η| acceptance.
        mll_min: lower m_μμ cut [GeV]. who: the analysis id (for error messages).
    """
    if "weight" not in ak.fields(events):
        msg = f"events lack the field 'weight' (pb per event) needed by {who} — use recast or Delphes ntuples"
        raise BranchNotFound(msg)
    mu = muons(events, who=who)
    mu = mu[(mu.pt > pt_min) & (abs(mu.eta) < eta_max)]
    mu = mu[ak.argsort(mu.pt, axis=1, ascending=False)]
    two = ak.num(mu, axis=1) >= 2
    mu2 = mu[two][:, :2]
    w = ak.to_numpy(events["weight"][two]).astype(float)
    p4 = vector.zip({"pt": mu2.pt, "eta": mu2.eta, "phi": mu2.phi, "mass": ak.full_like(mu2.pt, MU_MASS)})
    mll = ak.to_numpy((p4[:, 0] + p4[:, 1]).mass).astype(float)
    os_ = ak.to_numpy(mu2.charge[:, 0] * mu2.charge[:, 1] < 0)
    keep = os_ & (mll > mll_min)
    return mll[keep], w[keep]


def histogram_mll(
    mll: np.ndarray, weight_pb: np.ndarray, *, edges: np.ndarray, lumi_fb: float
) -> tuple[np.ndarray, np.ndarray]:
    """Expected events per m_μμ bin at *lumi_fb* and their MC-stat uncertainty (events outside are dropped)."""
    h = hist.Hist(hist.axis.Variable(edges, name="mll", label="m_mumu [GeV]"), storage=hist.storage.Weight())
    h.fill(mll=mll, weight=np.asarray(weight_pb, dtype=float) * 1000.0 * lumi_fb)  # pb * 1000 fb/pb * fb^-1
    return np.asarray(h.values(), dtype=float), np.sqrt(np.asarray(h.variances(), dtype=float))


def check_signal_regions(signal: Any, channels: tuple[str, ...]) -> None:
    """InvalidParameter (one line) if *signal* names a region that is not one of the search's *channels*."""
    unknown = set(signal) - set(channels)
    if unknown:
        msg = f"unknown signal region(s) {', '.join(sorted(unknown))} — use {' and '.join(channels)}"
        raise InvalidParameter(msg)
