"""A fast, seeded, ATLAS-like detector response for generator-level events.

Input: the full event record of many events as an awkward Array (one record per particle
with ``px, py, pz, e`` in GeV, ``id`` (PDG), ``status`` (> 0: final state, Pythia convention)
and ``charge`` (units of e)). Output: one record per event with

* muons ``mu_pt, mu_eta, mu_phi, mu_charge`` (GeV; reconstructed, isolated, |η| < 2.5,
  pT > 7 GeV), sorted by decreasing pT;
* ``mu_highpt`` (bool per muon): the muon also passes the ATLAS High-pT working point, drawn
  with the conditional probability ε_HighPt/ε_Medium (:func:`muon_efficiency`), so an
  analysis can require it while the Medium-WP muons above stay what they were;
* jets ``jet_pt, jet_eta, jet_phi, jet_m, jet_btag`` (anti-kT R = 0.4 with the scikit-hep
  ``fastjet`` package, pT > 20 GeV, |η| < 2.5 after smearing), sorted by decreasing pT;
* ``jet_flavour`` (int per jet: 5 = b, 4 = c, 0 = light; the truth label used for
  ``jet_btag``), so an analysis can apply its own, pT-dependent tagging
  (:func:`btag_efficiency_pt`);
* ``met, met_phi`` (GeV): minus the vector sum of the visible objects.

Every random number comes from the ``numpy.random.Generator`` passed in, so a seed fixes
the output. :data:`DETECTOR_VERSION` changes whenever the response changes (it is part of
the event-cache key).

Parametrisations (all approximations of the published ATLAS Run-2 performance):

* Muon momentum resolution, smeared in q/pT: σ(pT)/pT = a(η) ⊕ b(η)·pT, with a = 1.7%
  (|η| < 1.05) / 2.3% (endcap) — the low-pT resolutions of arXiv:1603.05598 (abstract:
  1.7% central, 2.3% at large |η| for pT ≈ 10 GeV) — and b = 0.10/TeV (barrel) / 0.15/TeV
  (endcap), i.e. ≈ 10% at 1 TeV in the barrel as in the high-pT muon selection of
  arXiv:1903.06248 and arXiv:2012.00578 (approximation).
* Muon reconstruction × identification efficiency (Medium WP, arXiv:2012.00578): 0.97 for
  0.1 < |η| < 2.5, 0.70 in the |η| < 0.1 gap of the muon spectrometer (approximation),
  times a high-pT loss of 2% per TeV (approximation).
* Muon isolation from the truth particles, ATLAS FixedCutTightTrackOnly-like (used by
  arXiv:1903.06248): Σ pT of charged particles (pT > 1 GeV, |η| < 2.5) within
  ΔR < min(0.3, 10 GeV/pT_μ), the muon excluded, below 6% of pT_μ.
* Jets: anti-kT R = 0.4 on the visible final-state particles (|η| < 4.9) after removing
  neutrinos and the isolated prompt muons. Jet energy resolution σ_E/E = N/E ⊕ S/√E ⊕ C
  with N = 3 GeV, S = 0.75 √GeV, C = 0.03 (approximation of the ATLAS Run-2 JER,
  arXiv:2007.02645), applied as a common scale factor on the jet four-momentum.
* High-pT muon working point (arXiv:2012.00578 Sec. 6 / arXiv:1603.05598 Sec. 5.1: the
  High-pT selection requires hits in three precision stations and costs about 20% of the
  reconstruction efficiency with respect to Medium for pT > 100 GeV): ε_HighPt = 0.80/0.97 ×
  ε_Medium (approximation: one η-, pT-independent ratio read from that ~20% loss).
* b-tagging, DL1r 77% working point (arXiv:1907.05120 for the method; DL1r rejections from
  ATLAS arXiv:2211.16345, approximated): ε_b = 0.77, ε_c = 0.20 (c rejection ≈ 5),
  ε_light = 0.0077 (light rejection ≈ 130), for jets with |η| < 2.5. Jet flavour: b if a b
  quark with pT > 5 GeV lies within ΔR < 0.3 of the (truth) jet axis, else c likewise,
  else light. This flat tag is ``jet_btag`` (the default, unchanged since version 1.0.0).
* pT-dependent tagging for analyses that ask for it (:func:`btag_efficiency_pt`, fixed-cut
  77% WP of arXiv:1907.05120): ε_b(pT) interpolated in the simulated ε_b vs jet pT of the
  77% WP (arXiv:1907.05120 Sec. 6, simulation; trend read by eye, approximation: rising from ≈0.65 at 20 GeV to ≈0.80 at
  100–250 GeV, ≈0.75 at 600 GeV, the end of the calibrated range) and falling linearly above
  600 GeV to 0.55 at 1.5 TeV, held constant above (approximation: extrapolation of the trend,
  not a measured number); c and light mistag rates 1/4.9 and 1/110 (arXiv:1907.05120
  Table 2, MV2c10 77% WP rejections in tt̄), the light rate rising linearly above 600 GeV to
  3× at 1.5 TeV (approximation: the rejection degrades at high pT).
* Missing E_T: minus the vector sum of the visible jet-input particles at truth level plus
  the smearing shifts of the selected muons and of the jets with pT > 20 GeV, |η| < 4.5.
  Prompt muons that fail reconstruction count as invisible.

Example:
    >>> round(float(muon_resolution(1000.0, 0.5)), 3)  # σ(pT)/pT at 1 TeV, barrel
    0.101
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass

import awkward as ak
import numpy as np
import vector

__all__ = [
    "DETECTOR_VERSION",
    "MUON_HIGHPT_RATIO",
    "Detector",
    "btag_efficiency",
    "btag_efficiency_pt",
    "jet_resolution",
    "muon_efficiency",
    "muon_resolution",
    "simulate",
]

vector.register_awkward()

DETECTOR_VERSION = "1.1.0"  # 1.1.0: + mu_highpt, jet_flavour (existing branches unchanged)

#: ε_HighPt / ε_Medium per muon (arXiv:2012.00578, arXiv:1603.05598 Sec. 5.1: about 20% loss; approximation).
MUON_HIGHPT_RATIO = 0.80 / 0.97

# ε_b of the 77% fixed-cut WP vs jet pT (GeV), arXiv:1907.05120 trend (approximation above 600 GeV).
_BTAG_PT = (20.0, 50.0, 100.0, 250.0, 600.0, 1500.0)
_BTAG_EFF_B = (0.65, 0.76, 0.80, 0.80, 0.75, 0.55)
_BTAG_EFF_C = 1.0 / 4.9  # arXiv:1907.05120 Table 2, MV2c10 77%: c rejection 4.9
_BTAG_EFF_LIGHT = 1.0 / 110.0  # same table: light rejection 110

_INVISIBLE = (12, 14, 16, 1000022, 1000039, 9900012, 9900014, 9900016)


def __dir__() -> list[str]:
    return __all__


def muon_resolution(pt: np.ndarray | float, eta: np.ndarray | float) -> np.ndarray:
    """Relative muon pT resolution σ(pT)/pT (pT in GeV); see the module docstring."""
    pt, eta = np.asarray(pt, dtype=float), np.abs(np.asarray(eta, dtype=float))
    barrel = eta < 1.05
    a = np.where(barrel, 0.017, 0.023)  # arXiv:1603.05598 abstract, pT ~ 10 GeV
    b = np.where(barrel, 0.10, 0.15) / 1000.0  # per GeV: ~10% at 1 TeV (approximation)
    return np.asarray(np.hypot(a, b * pt))


def muon_efficiency(pt: np.ndarray | float, eta: np.ndarray | float, *, wp: str = "medium") -> np.ndarray:
    """Muon reconstruction × identification efficiency (0 outside |η| < 2.5 or pT < 5 GeV).

    Args:
        pt: muon pT in GeV.
        eta: muon pseudorapidity.
        wp: ``"medium"`` (the default, what ``mu_*`` are drawn with) or ``"highpt"``
            (:data:`MUON_HIGHPT_RATIO` × Medium).

    Example:
        >>> round(float(muon_efficiency(500.0, 1.0, wp="highpt")), 3)
        0.792
    """
    if wp not in ("medium", "highpt"):
        msg = f"unknown muon working point {wp!r}; use 'medium' or 'highpt'"
        raise ValueError(msg)
    pt, eta = np.asarray(pt, dtype=float), np.abs(np.asarray(eta, dtype=float))
    eff = np.where(eta < 0.1, 0.70, 0.97)  # arXiv:2012.00578 Medium WP (approximation)
    eff = eff * np.clip(1.0 - 0.02 * pt / 1000.0, 0.5, 1.0)  # high-pT loss (approximation)
    if wp == "highpt":
        eff = eff * MUON_HIGHPT_RATIO
    return np.where((eta < 2.5) & (pt > 5.0), eff, 0.0)


def jet_resolution(pt: np.ndarray | float) -> np.ndarray:
    """Relative jet energy resolution σ_E/E at energy ``pt`` (GeV), arXiv:2007.02645-like."""
    e = np.maximum(np.asarray(pt, dtype=float), 1.0)
    return np.asarray(np.sqrt((3.0 / e) ** 2 + 0.75**2 / e + 0.03**2))


def btag_efficiency(flavour: np.ndarray | int) -> np.ndarray:
    """Tag probability of the DL1r 77% WP for truth flavour 5 (b), 4 (c) or anything else."""
    flavour = np.asarray(flavour)
    return np.where(flavour == 5, 0.77, np.where(flavour == 4, 0.20, 0.0077))


def btag_efficiency_pt(flavour: np.ndarray | int, pt: np.ndarray | float) -> np.ndarray:
    """pT-dependent tag probability of the 77% WP (arXiv:1907.05120; see the module docstring).

    Args:
        flavour: truth flavour, 5 (b), 4 (c) or anything else (light).
        pt: jet pT in GeV.

    Example:
        >>> [round(float(x), 3) for x in btag_efficiency_pt([5, 5, 4, 0], [150.0, 1500.0, 150.0, 150.0])]
        [0.8, 0.55, 0.204, 0.009]
    """
    flavour = np.asarray(flavour)
    pt = np.asarray(pt, dtype=float)
    eff_b = np.interp(pt, _BTAG_PT, _BTAG_EFF_B)
    light = _BTAG_EFF_LIGHT * np.interp(pt, (600.0, 1500.0), (1.0, 3.0))
    return np.where(flavour == 5, eff_b, np.where(flavour == 4, _BTAG_EFF_C, light))


@dataclass(frozen=True)
class Detector:
    """Thresholds of the fast detector (GeV); the response functions are module-level."""

    mu_pt_min: float = 7.0
    mu_eta_max: float = 2.5
    mu_iso_max: float = 0.06
    jet_r: float = 0.4
    jet_pt_min: float = 20.0
    jet_eta_max: float = 2.5
    jet_eta_met: float = 4.5
    calo_eta_max: float = 4.9
    flavour_dr: float = 0.3

    def simulate(self, particles: ak.Array, rng: np.random.Generator) -> ak.Array:
        """Detector-level events from full event records (see the module docstring)."""
        return _simulate(self, particles, rng)


def simulate(particles: ak.Array, *, rng: np.random.Generator | int) -> ak.Array:
    """Apply the default :class:`Detector` to ``particles`` with a Generator or a seed."""
    if not isinstance(rng, np.random.Generator):
        rng = np.random.default_rng(rng)
    return Detector().simulate(particles, rng)


def _p4(arr: ak.Array) -> ak.Array:
    return ak.zip({"px": arr.px, "py": arr.py, "pz": arr.pz, "E": arr.e}, with_name="Momentum4D")


def _gauss_like(rng: np.random.Generator, layout: ak.Array) -> ak.Array:
    n = ak.num(layout, axis=1)
    return ak.unflatten(rng.standard_normal(int(ak.sum(n))), n)


def _uniform_like(rng: np.random.Generator, layout: ak.Array) -> ak.Array:
    n = ak.num(layout, axis=1)
    return ak.unflatten(rng.random(int(ak.sum(n))), n)


def _apply(func: Callable[..., np.ndarray], *arrays: ak.Array) -> ak.Array:
    """Apply a numpy function to flattened jagged arrays, keeping the jagged structure."""
    counts = ak.num(arrays[0], axis=1)
    flat = [ak.to_numpy(ak.flatten(a)) for a in arrays]
    return ak.unflatten(func(*flat), counts)


def _side_stream(rng: np.random.Generator) -> np.random.Generator:
    """A generator seeded from ``rng``'s current state without drawing from it.

    The 1.1.0 flags come from here, so ``rng`` yields exactly the numbers it gave in 1.0.0.
    """
    state = rng.bit_generator.state.get("state", {})
    word = state.get("state", 0) if isinstance(state, dict) else 0
    return np.random.default_rng([int(word) & 0xFFFFFFFFFFFFFFFF, int(word) >> 64, 0x1101])


def _simulate(det: Detector, particles: ak.Array, rng: np.random.Generator) -> ak.Array:
    import fastjet

    side = _side_stream(rng)

    final = particles[particles.status > 0]
    p4 = _p4(final)
    absid = abs(final.id)
    invisible = np.zeros(len(ak.flatten(absid)), dtype=bool)
    flat_id = ak.to_numpy(ak.flatten(absid))
    for pid in _INVISIBLE:
        invisible |= flat_id == pid
    invisible = ak.unflatten(invisible, ak.num(absid))
    # |η| of beam-collinear particles is huge; pT = 0 gives eta = ±inf, which fails the cut
    vis_mask = ~invisible & (abs(p4.eta) < det.calo_eta_max)
    vis = final[vis_mask]
    vis_p4 = p4[vis_mask]
    vis_id = abs(vis.id)

    # --- muons: prompt-muon candidates and truth isolation
    is_mu = vis_id == 13
    mu = vis_p4[is_mu]
    mu_q = -np.sign(vis.id[is_mu])  # mu- is +13
    trk = vis_p4[(vis.charge != 0) & (vis_p4.pt > 1.0) & (abs(vis_p4.eta) < 2.5)]
    pairs = ak.cartesian([mu, trk], nested=True)
    dr = pairs["0"].deltaR(pairs["1"])
    cone = np.minimum(0.3, 10.0 / mu.pt)
    iso = ak.sum(ak.where(dr < cone, pairs["1"].pt, 0.0), axis=-1) - mu.pt
    candidate = (iso < det.mu_iso_max * mu.pt) & (abs(mu.eta) < det.mu_eta_max) & (mu.pt > 5.0)

    sigma = _apply(muon_resolution, mu.pt, mu.eta)
    curv = (1.0 + sigma * _gauss_like(rng, mu.pt)) / mu.pt  # q/pT smearing
    curv = ak.where(curv > 1e-5, curv, 1e-5)  # approximation: no charge flips
    pt_s = 1.0 / curv
    found = _uniform_like(rng, mu.pt) < _apply(muon_efficiency, mu.pt, mu.eta)
    sel = candidate & found & (pt_s > det.mu_pt_min)
    scale_mu = pt_s / mu.pt
    mu_sel = mu[sel]
    mu_s = _scaled(mu_sel, scale_mu[sel])
    order = ak.argsort(mu_s.pt, axis=1, ascending=False)
    mu_s, mu_charge = mu_s[order], mu_q[sel][order]

    # --- jets from the visible particles minus the isolated prompt-muon candidates
    idx = ak.local_index(vis_id)
    cand_idx = idx[is_mu][candidate]
    pair_idx = ak.cartesian([idx, cand_idx], nested=True)
    removed = ak.any(pair_idx["0"] == pair_idx["1"], axis=-1)
    inputs = vis_p4[~removed]
    jetdef = fastjet.JetDefinition(fastjet.antikt_algorithm, det.jet_r)
    cs_in = ak.zip({"px": inputs.px, "py": inputs.py, "pz": inputs.pz, "E": inputs.E})
    with _fastjet_quiet():
        cluster = fastjet.ClusterSequence(cs_in, jetdef)
        raw = cluster.inclusive_jets(min_pt=0.5 * det.jet_pt_min)
    jets = ak.zip({"px": raw.px, "py": raw.py, "pz": raw.pz, "E": raw.E}, with_name="Momentum4D")
    jsig = _apply(jet_resolution, jets.E)
    jscale = 1.0 + jsig * _gauss_like(rng, jets.pt)
    jscale = ak.where(jscale > 0.05, jscale, 0.05)
    jets_s = _scaled(jets, jscale)

    # flavour labels from b and c quarks anywhere in the record (ghost-free ΔR matching)
    all_p4 = _p4(particles)
    pid = abs(particles.id)
    heavy = (all_p4.pt > 5.0) & ((pid == 5) | (pid == 4))
    hq, hq_id = all_p4[heavy], pid[heavy]
    jpairs = ak.cartesian([jets, hq], nested=True)
    jid = ak.cartesian([jets.pt, hq_id], nested=True)["1"]
    near = jpairs["0"].deltaR(jpairs["1"]) < det.flavour_dr
    has_b = ak.any(near & (jid == 5), axis=-1)
    has_c = ak.any(near & (jid == 4), axis=-1)
    flavour = ak.where(has_b, 5, ak.where(has_c, 4, 0))
    tagged = (_uniform_like(rng, jets.pt) < _apply(btag_efficiency, flavour)) & (
        abs(jets.eta) < 2.5
    )

    keep = (jets_s.pt > det.jet_pt_min) & (abs(jets_s.eta) < det.jet_eta_max)
    met_jets = (jets_s.pt > det.jet_pt_min) & (abs(jets_s.eta) < det.jet_eta_met)
    out_jets, out_tag, out_flav = jets_s[keep], tagged[keep], flavour[keep]
    order = ak.argsort(out_jets.pt, axis=1, ascending=False)
    out_jets, out_tag, out_flav = out_jets[order], out_tag[order], out_flav[order]

    # --- missing ET
    dpx = (jets_s.px - jets.px)[met_jets]
    dpy = (jets_s.py - jets.py)[met_jets]
    mpx = -(ak.sum(inputs.px, axis=1) + ak.sum(mu_s.px, axis=1) + ak.sum(dpx, axis=1))
    mpy = -(ak.sum(inputs.py, axis=1) + ak.sum(mu_s.py, axis=1) + ak.sum(dpy, axis=1))
    mpx, mpy = ak.to_numpy(mpx), ak.to_numpy(mpy)

    # High-pT WP flag from a side stream: every other output is what DETECTOR_VERSION 1.0.0 gave
    highpt = _uniform_like(side, mu_s.pt) < MUON_HIGHPT_RATIO

    return ak.zip(
        {
            "mu_pt": ak.values_astype(mu_s.pt, np.float32),
            "mu_eta": ak.values_astype(mu_s.eta, np.float32),
            "mu_phi": ak.values_astype(mu_s.phi, np.float32),
            "mu_charge": ak.values_astype(mu_charge, np.int32),
            "mu_highpt": ak.values_astype(highpt, np.bool_),
            "jet_pt": ak.values_astype(out_jets.pt, np.float32),
            "jet_eta": ak.values_astype(out_jets.eta, np.float32),
            "jet_phi": ak.values_astype(out_jets.phi, np.float32),
            "jet_m": ak.values_astype(np.maximum(out_jets.mass, 0.0), np.float32),
            "jet_btag": ak.values_astype(out_tag, np.bool_),
            "jet_flavour": ak.values_astype(out_flav, np.int8),
            "met": np.hypot(mpx, mpy).astype(np.float32),
            "met_phi": np.arctan2(mpy, mpx).astype(np.float32),
        },
        depth_limit=1,
    )


def _scaled(p4: ak.Array, factor: ak.Array) -> ak.Array:
    """Four-momenta with every component multiplied by ``factor`` (same jagged layout)."""
    return ak.zip(
        {"px": p4.px * factor, "py": p4.py * factor, "pz": p4.pz * factor, "E": p4.E * factor},
        with_name="Momentum4D",
    )


def _fastjet_quiet() -> AbstractContextManager[None]:
    """fastjet prints its banner on first use; hide it (file descriptor 1)."""
    from recast.quiet import quiet_stdout

    return quiet_stdout(True)
