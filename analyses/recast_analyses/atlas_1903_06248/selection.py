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

import numpy as np

from recast.analysis.dimuon import MU_MASS, histogram_mll
from recast.analysis.dimuon import dimuon_mass as _select

__all__ = ["ETA_MAX", "MLL_MIN", "MU_MASS", "PT_MIN", "dimuon_mass", "histogram"]

PT_MIN = 30.0  # GeV, muon pT threshold (arXiv:1903.06248 Sec. 4)
ETA_MAX = 2.5  # muon |eta| acceptance (arXiv:1903.06248 Sec. 4)
MLL_MIN = 225.0  # GeV, lower edge of the search spectrum (HEPData ins1725190 t2)


def __dir__() -> list[str]:
    return __all__


def dimuon_mass(events: Any) -> tuple[np.ndarray, np.ndarray]:
    """m_μμ [GeV] and weight [pb] of the selected events (see module docstring).

    The shared dimuon selection :func:`recast.analysis.dimuon.dimuon_mass` with this
    search's thresholds.

    Returns:
        (m_mumu, weight) numpy arrays of the events passing the selection.
    """
    return _select(events, pt_min=PT_MIN, eta_max=ETA_MAX, mll_min=MLL_MIN, who="atlas_1903_06248")


def histogram(events: Any, *, edges: np.ndarray, lumi_fb: float) -> tuple[np.ndarray, np.ndarray]:
    """Expected events per m_μμ bin at *lumi_fb* and their MC-stat uncertainty.

    Each selected event is weighted with
    :func:`recast_analyses.atlas_1903_06248.likelihood.highpt_correction` (recast's muon
    efficiency calibrated to the published μμ acceptance × efficiency).

    Events above the last edge (5806 GeV) fall in the overflow and are not used, as in the
    published spectrum.

    Args:
        events: detector-level events (``mu_*`` fields, ``weight`` in pb).
        edges: bin edges in GeV.
        lumi_fb: luminosity in fb^-1.
    """
    from recast_analyses.atlas_1903_06248.likelihood import highpt_correction

    mll, w = dimuon_mass(events)
    w = w * highpt_correction(mll)  # recast detector -> the paper's high-pT muon selection
    return histogram_mll(mll, w, edges=edges, lumi_fb=lumi_fb)
