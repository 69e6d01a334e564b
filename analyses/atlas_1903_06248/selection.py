"""Event selection of the ATLAS high-mass dimuon search (arXiv:1903.06248), awkward + vector.

Selection (arXiv:1903.06248 Sec. 4 as summarised in physics.md §4):

* muons with pT > 30 GeV and |η| < 2.5;
* at least two such muons; the two leading (highest pT) ones must have opposite charge;
* m_μμ of that pair > 225 GeV (the lower edge of the published spectrum).

Events are detector level (the detector simulation of ``recast.events`` smears the muon
momenta, so m_μμ carries the detector's resolution); ``weight`` is the event weight in pb.
"""

from __future__ import annotations

from typing import Any

import awkward as ak
import hist
import numpy as np
import vector

from recast.exceptions import BranchNotFound

__all__ = ["ETA_MAX", "MLL_MIN", "MU_MASS", "PT_MIN", "dimuon_mass", "histogram"]

PT_MIN = 30.0  # GeV, muon pT threshold (arXiv:1903.06248 Sec. 4)
ETA_MAX = 2.5  # muon |eta| acceptance (arXiv:1903.06248 Sec. 4)
MLL_MIN = 225.0  # GeV, lower edge of the search spectrum (HEPData ins1725190 t2)
MU_MASS = 0.1056583755  # GeV, PDG 2024

vector.register_awkward()


def __dir__() -> list[str]:
    return __all__


def _muons(events: Any) -> ak.Array:
    """Muon records (pt, eta, phi, charge) from flat ntuple fields or a ``mu``/``muons`` record."""
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
    msg = f"events lack the muon fields {', '.join(missing)} needed by atlas_1903_06248"
    raise BranchNotFound(msg)


def dimuon_mass(events: Any) -> tuple[np.ndarray, np.ndarray]:
    """m_μμ [GeV] and weight [pb] of the selected events (see module docstring).

    Returns:
        (m_mumu, weight) numpy arrays of the events passing the selection.
    """
    if "weight" not in ak.fields(events):
        msg = "events lack the field 'weight' (pb per event) needed by atlas_1903_06248"
        raise BranchNotFound(msg)
    mu = _muons(events)
    mu = mu[(mu.pt > PT_MIN) & (abs(mu.eta) < ETA_MAX)]
    mu = mu[ak.argsort(mu.pt, axis=1, ascending=False)]
    two = ak.num(mu, axis=1) >= 2
    mu2 = mu[two][:, :2]
    w = ak.to_numpy(events["weight"][two]).astype(float)
    p4 = vector.zip({"pt": mu2.pt, "eta": mu2.eta, "phi": mu2.phi, "mass": ak.full_like(mu2.pt, MU_MASS)})
    mll = ak.to_numpy((p4[:, 0] + p4[:, 1]).mass).astype(float)
    os_ = ak.to_numpy(mu2.charge[:, 0] * mu2.charge[:, 1] < 0)
    keep = os_ & (mll > MLL_MIN)
    return mll[keep], w[keep]


def histogram(events: Any, *, edges: np.ndarray, lumi_fb: float) -> tuple[np.ndarray, np.ndarray]:
    """Expected events per m_μμ bin at *lumi_fb* and their MC-stat uncertainty.

    Each selected event is weighted with
    :func:`analyses.atlas_1903_06248.likelihood.highpt_correction` (recast's muon
    efficiency calibrated to the published μμ acceptance × efficiency).

    Events above the last edge (5806 GeV) fall in the overflow and are not used, as in the
    published spectrum.

    Args:
        events: detector-level events (``mu_*`` fields, ``weight`` in pb).
        edges: bin edges in GeV.
        lumi_fb: luminosity in fb^-1.
    """
    from analyses.atlas_1903_06248.likelihood import highpt_correction

    mll, w = dimuon_mass(events)
    w = w * highpt_correction(mll)  # recast detector -> the paper's high-pT muon selection
    h = hist.Hist(hist.axis.Variable(edges, name="mll", label="m_mumu [GeV]"), storage=hist.storage.Weight())
    h.fill(mll=mll, weight=w * 1000.0 * lumi_fb)  # pb * (1000 fb/pb) * fb^-1 = events
    return np.asarray(h.values(), dtype=float), np.sqrt(np.asarray(h.variances(), dtype=float))
