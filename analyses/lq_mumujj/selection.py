"""Event selection of the LQ-pair → μμjj search (our own, in the spirit of arXiv:2006.05872).

Input: detector-level events as an awkward array with the recast event fields
(``mu_pt``, ``mu_eta``, ``mu_phi``, ``mu_charge``, ``jet_pt``, ``jet_eta``, ``jet_phi``,
``jet_m``, ``jet_btag`` jagged; ``weight`` in pb per event). Momenta in GeV.

Selection (numbers are ours, chosen in the spirit of ATLAS arXiv:2006.05872 §5 and CMS
arXiv:1808.05082 §4, not copied from either):

1. muons with pT > 40 GeV and |η| < 2.5; at least two, the two leading of opposite charge;
2. jets with pT > 50 GeV and |η| < 2.5; at least two (the two leading are the LQ candidates);
3. m_μμ > 130 GeV (above the Z peak);
4. S_T = pT(μ1) + pT(μ2) + pT(j1) + pT(j2) > 600 GeV;
5. pairing: of (μ1j1, μ2j2) and (μ1j2, μ2j1) take the one with the smaller |m_μj − m_μj'|;
   m_LQ^min (the smaller of its two masses) is the discriminant, binned above 500 GeV;
6. categories: ``SR_1b`` (≥ 1 of the two leading jets b-tagged) and ``SR_0b`` (neither).

Example:
    >>> import awkward as ak
    >>> ev = ak.Array([{"mu_pt": [600.0, 450.0], "mu_eta": [0.0, 1.0], "mu_phi": [0.0, 1.5],
    ...     "mu_charge": [1, -1], "jet_pt": [550.0, 500.0], "jet_eta": [0.3, -1.0],
    ...     "jet_phi": [3.0, -1.7], "jet_m": [20.0, 20.0], "jet_btag": [True, False],
    ...     "weight": 1e-3}])
    >>> out = reconstruct(ev)
    >>> bool(out.passed[0]), REGIONS[out.category[0]], round(float(out.st[0]))
    (True, 'SR_1b', 2100)
"""

from __future__ import annotations

from collections.abc import Mapping

import awkward as ak
import hist
import numpy as np
import vector

from recast.exceptions import BranchNotFound

__all__ = [
    "CUTS",
    "FIELDS",
    "MLQ_EDGES",
    "REGIONS",
    "histograms",
    "reconstruct",
    "yields",
]


def __dir__() -> list[str]:
    return __all__


vector.register_awkward()

#: Cut values (GeV for momenta and masses). Our choice, see the module docstring.
CUTS: Mapping[str, float] = {
    "mu_pt_min": 40.0,
    "mu_abs_eta_max": 2.5,
    "jet_pt_min": 50.0,
    "jet_abs_eta_max": 2.5,
    "mll_min": 130.0,
    "st_min": 600.0,
}
#: Bin edges of m_LQ^min in GeV (the last bin runs up to √s).
MLQ_EDGES: tuple[float, ...] = (500.0, 700.0, 900.0, 1100.0, 1300.0, 1600.0, 2000.0, 13000.0)
#: Signal regions: no b-tag among the two leading jets, and at least one.
REGIONS: tuple[str, ...] = ("SR_0b", "SR_1b")
#: Event fields the selection reads.
FIELDS: tuple[str, ...] = (
    "mu_pt", "mu_eta", "mu_phi", "mu_charge",
    "jet_pt", "jet_eta", "jet_phi", "jet_m", "jet_btag", "weight",
)  # fmt: skip

M_MU = 0.1056584  # GeV, PDG


def _check_fields(events: ak.Array) -> None:
    missing = [f for f in FIELDS if f not in ak.fields(events)]
    if missing:
        msg = (
            f"events lack the fields {', '.join(missing)} needed by analysis lq_mumujj; "
            f"have: {', '.join(ak.fields(events)) or 'none'}"
        )
        raise BranchNotFound(msg)


def _objects(events: ak.Array, prefix: str, mass: ak.Array | float, pt_min: float, eta_max: float):
    """pT-ordered objects passing the kinematic cuts, as vector Momentum4D records."""
    fields = {
        "pt": events[f"{prefix}_pt"],
        "eta": events[f"{prefix}_eta"],
        "phi": events[f"{prefix}_phi"],
        "mass": mass,
    }
    if prefix == "mu":
        fields["charge"] = events.mu_charge
    else:
        fields["btag"] = events.jet_btag != 0
    obj = ak.zip(fields, with_name="Momentum4D")
    obj = obj[(obj.pt > pt_min) & (abs(obj.eta) < eta_max)]
    return obj[ak.argsort(obj.pt, axis=1, ascending=False)]


def reconstruct(events: ak.Array) -> ak.Array:
    """Per-event selection flags and kinematics (one record per input event).

    Args:
        events: detector-level events with the fields listed in :data:`FIELDS`.

    Returns:
        Record array with ``passed`` (bool, all cuts), ``category`` (index into
        :data:`REGIONS`: 0 = ``SR_0b``, 1 = ``SR_1b``; −1 if the event failed), ``mll``, ``st``, ``mlq_min``, ``mlq_max`` (GeV; ``None`` where
        the objects are missing), ``n_btag`` (b-tags among the two leading jets) and
        ``weight`` (pb).

    Raises:
        BranchNotFound: a needed field is missing.
    """
    _check_fields(events)
    mu = _objects(events, "mu", M_MU * ak.ones_like(events.mu_pt), CUTS["mu_pt_min"], CUTS["mu_abs_eta_max"])
    jet = _objects(events, "jet", events.jet_m, CUTS["jet_pt_min"], CUTS["jet_abs_eta_max"])

    mu2 = ak.pad_none(mu, 2, axis=1)
    j2 = ak.pad_none(jet, 2, axis=1)
    m1, m2, j1, jj2 = mu2[:, 0], mu2[:, 1], j2[:, 0], j2[:, 1]

    has_objects = (ak.num(mu) >= 2) & (ak.num(jet) >= 2)
    os_pair = ak.fill_none(m1.charge * m2.charge < 0, False)
    mll = (m1 + m2).mass
    st = m1.pt + m2.pt + j1.pt + jj2.pt

    # Both pairings; keep the one with the smaller mass difference.
    a1, a2 = (m1 + j1).mass, (m2 + jj2).mass
    b1, b2 = (m1 + jj2).mass, (m2 + j1).mass
    use_a = abs(a1 - a2) <= abs(b1 - b2)
    lq1 = ak.where(use_a, a1, b1)
    lq2 = ak.where(use_a, a2, b2)
    mlq_min = np.minimum(lq1, lq2)
    mlq_max = np.maximum(lq1, lq2)

    n_btag = ak.values_astype(ak.fill_none(j1.btag, False), np.int64) + ak.values_astype(
        ak.fill_none(jj2.btag, False), np.int64
    )
    passed = (
        has_objects
        & os_pair
        & ak.fill_none(mll > CUTS["mll_min"], False)
        & ak.fill_none(st > CUTS["st_min"], False)
        & ak.fill_none(mlq_min > MLQ_EDGES[0], False)
    )
    category = ak.where(passed, ak.where(n_btag >= 1, 1, 0), -1)
    return ak.zip(
        {
            "passed": passed,
            "category": category,
            "mll": mll,
            "st": st,
            "mlq_min": mlq_min,
            "mlq_max": mlq_max,
            "n_btag": n_btag,
            "weight": events.weight,
        },
        depth_limit=1,
    )


def histograms(events: ak.Array, *, scale: float = 1.0) -> dict[str, hist.Hist]:
    """m_LQ^min histograms per region, filled with the event weights times ``scale``.

    Args:
        events: detector-level events (weights in pb per event).
        scale: multiplies the weights, e.g. ``1000 * lumi_fb`` for expected event counts.

    Returns:
        ``{region: hist.Hist}`` with :data:`MLQ_EDGES` bins and ``Weight`` storage (sum of
        weights and of squared weights).
    """
    rec = reconstruct(events)
    sel = rec[rec.passed]
    out = {}
    for i, region in enumerate(REGIONS):
        r = sel[sel.category == i]
        h = hist.Hist(
            hist.axis.Variable(MLQ_EDGES, name="mlq_min", label="m_LQ^min [GeV]", flow=False),
            storage=hist.storage.Weight(),
        )
        h.fill(mlq_min=ak.to_numpy(r.mlq_min), weight=ak.to_numpy(r.weight) * scale)
        out[region] = h
    return out


def yields(events: ak.Array, *, lumi_fb: float) -> dict[str, tuple[list[float], list[float]]]:
    """Expected events per bin and their MC-statistical uncertainty at ``lumi_fb`` fb⁻¹.

    Args:
        events: detector-level events with weights in pb per event (sum = σ in pb).
        lumi_fb: integrated luminosity in fb⁻¹.

    Returns:
        ``{region: (expected events per bin, MC-stat uncertainty per bin)}``.

    Example:
        >>> import awkward as ak
        >>> ev = ak.Array([{"mu_pt": [600.0, 450.0], "mu_eta": [0.0, 1.0],
        ...     "mu_phi": [0.0, 1.5], "mu_charge": [1, -1], "jet_pt": [550.0, 500.0],
        ...     "jet_eta": [0.3, -1.0], "jet_phi": [3.0, -1.7], "jet_m": [20.0, 20.0],
        ...     "jet_btag": [False, False], "weight": 1e-3}])
        >>> yields(ev, lumi_fb=10.0)["SR_0b"][0]  # m_LQ^min = 766 GeV; 1e-3 pb x 10/fb
        [0.0, 10.0, 0.0, 0.0, 0.0, 0.0, 0.0]
    """
    hists = histograms(events, scale=1000.0 * lumi_fb)
    return {
        r: ([float(v) for v in h.values()], [float(np.sqrt(v)) for v in h.variances()])
        for r, h in hists.items()
    }
