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

Object working points (:class:`Options`, default :data:`DEFAULT`):

* muons: the ATLAS High-pT working point, as high-mass searches use (arXiv:2012.00578;
  arXiv:1903.06248 §3): only muons with ``mu_highpt`` (recast detector ≥ 1.1.0) are used.
  Events without that field (Delphes, NanoAOD) are taken with their own muon identification.
* b-tagging: pT-dependent 77% WP (:func:`recast.detector.btag_efficiency_pt`, arXiv:1907.05120)
  applied as per-jet tag probabilities from the truth flavour ``jet_flavour`` ("truth
  tagging"): an event enters ``SR_1b`` with weight P(≥ 1 of the two leading jets tagged) =
  1 − (1 − ε₁)(1 − ε₂) and ``SR_0b`` with the rest — deterministic, and every MC event feeds
  both regions. Without ``jet_flavour`` the stored ``jet_btag`` decides (weight 0 or 1).
* :data:`LEGACY` (Medium muons, flat 77% tag from ``jet_btag``) is the 1.0.0 behaviour.

Experimental systematic variations (:data:`SYSTEMATICS`, :func:`vary`) re-run this
selection on shifted objects; sizes and sources in :data:`SYST_SOURCES`.

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
from dataclasses import dataclass, replace

import awkward as ak
import hist
import numpy as np
import vector

from recast.constants import M_MU
from recast.exceptions import BranchNotFound

__all__ = [
    "CUTS",
    "DEFAULT",
    "FIELDS",
    "LEGACY",
    "MLQ_EDGES",
    "OPTIONAL_FIELDS",
    "REGIONS",
    "SYSTEMATICS",
    "SYST_SOURCES",
    "Options",
    "histograms",
    "jes_uncertainty",
    "reconstruct",
    "systematic_yields",
    "vary",
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

#: Fields used when present (recast detector >= 1.1.0), see the module docstring.
OPTIONAL_FIELDS: tuple[str, ...] = ("mu_highpt", "jet_flavour")



@dataclass(frozen=True)
class Options:
    """Object working points and systematic shifts of one selection pass.

    Attributes:
        muon_wp: ``"highpt"`` (use ``mu_highpt`` when present) or ``"medium"`` (all muons).
        btag: ``"pt"`` (truth tagging with :func:`recast.detector.btag_efficiency_pt` when
            ``jet_flavour`` is present) or ``"flat"`` (the stored ``jet_btag``).
        btag_b, btag_c, btag_light: shift of the b, c, light tag probability in units of its
            uncertainty (:data:`SYST_SOURCES`).
    """

    muon_wp: str = "highpt"
    btag: str = "pt"
    btag_b: float = 0.0
    btag_c: float = 0.0
    btag_light: float = 0.0


#: The analysis' working points (High-pT muons, pT-dependent truth-tagged b-tag).
DEFAULT = Options()
#: recast's 1.0.0 behaviour: Medium muons, flat 77% tag decided in the detector.
LEGACY = Options(muon_wp="medium", btag="flat")

#: Experimental systematic variations (names of the pyhf modifiers).
SYSTEMATICS: tuple[str, ...] = ("mu_scale", "mu_res", "jes", "jer", "btag_b", "btag_c", "btag_light")

#: Size and source of every variation (relative unless said otherwise).
SYST_SOURCES: Mapping[str, str] = {
    "lumi": "1.7% (ATLAS-CONF-2019-021, the Run-2 value used by arXiv:2006.05872; the final arXiv:2212.09379 gives "
        "0.83%)",
    "mu_scale": "muon pT scale +-1% (approximation: the Z-based scale is known to 0.05-0.2% (arXiv:1603.05598); 1% "
        "covers the sagitta-bias residuals at TeV pT)",
    "mu_res": "muon resolution: sigma(pT)/pT of recast.detector x 1.15 (approximation: 15% uncertainty on the high-pT "
        "resolution term)",
    "jes": "jet energy scale: 5% at 20 GeV, 1% for 250-2000 GeV, 3.5% above 2.5 TeV (arXiv:2007.02645 abstract, |eta| "
        "< 1.2)",
    "jer": "jet energy resolution: sigma_E/E + 1.5% (abs.) at 20 GeV falling to +0.5% at >= 300 GeV (arXiv:2007.02645 "
        "abstract: (24 +- 1.5)% at 20 GeV, (6 +- 0.5)% at 300 GeV); one-sided, symmetrised",
    "btag_b": "b-tag efficiency: 8% at 20 GeV, 2% for 60-250 GeV, 8% at 600 GeV (arXiv:1907.05120 abstract: 1-8% over "
        "20-600 GeV), rising linearly to 20% at 1.5 TeV (approximation: extrapolation)",
    "btag_c": "c mistag rate +-20% (approximation of the ATLAS c-jet scale-factor uncertainties)",
    "btag_light": "light mistag rate +-30% (approximation of the ATLAS light-jet scale-factor uncertainties)",
}

_JES_PT = (20.0, 250.0, 2000.0, 2500.0)
_JES_UNC = (0.05, 0.01, 0.01, 0.035)  # arXiv:2007.02645 abstract
_JER_PT = (20.0, 300.0)
_JER_ABS = (0.015, 0.005)  # arXiv:2007.02645 abstract
_BTAG_B_PT = (20.0, 60.0, 250.0, 600.0, 1500.0)
_BTAG_B_UNC = (0.08, 0.02, 0.02, 0.08, 0.20)
_BTAG_C_UNC = 0.20  # approximation
_BTAG_L_UNC = 0.30  # approximation
_MU_SCALE = 0.01  # approximation
_MU_RES_SCALE = 1.15  # approximation
_SMEAR_SEED = 20_065_872  # fixed: the resolution variations are deterministic


def jes_uncertainty(pt: np.ndarray | float) -> np.ndarray:
    """Relative JES uncertainty at jet pT (GeV), arXiv:2007.02645 abstract (central jets).

    Example:
        >>> [round(float(x), 3) for x in jes_uncertainty([20.0, 1000.0, 3000.0])]
        [0.05, 0.01, 0.035]
    """
    unc: np.ndarray = np.interp(np.asarray(pt, dtype=float), _JES_PT, _JES_UNC)
    return unc


def _check_fields(events: ak.Array) -> None:
    missing = [f for f in FIELDS if f not in ak.fields(events)]
    if missing:
        msg = (
            f"events lack the fields {', '.join(missing)} needed by analysis lq_mumujj; "
            f"have: {', '.join(ak.fields(events)) or 'none'}"
        )
        raise BranchNotFound(msg)


def _objects(
    events: ak.Array, prefix: str, mass: ak.Array | float, pt_min: float, eta_max: float, opts: Options = DEFAULT
) -> ak.Array:
    """pT-ordered objects passing the kinematic cuts (and the muon WP), as Momentum4D records."""
    fields = {
        "pt": events[f"{prefix}_pt"],
        "eta": events[f"{prefix}_eta"],
        "phi": events[f"{prefix}_phi"],
        "mass": mass,
    }
    have = ak.fields(events)
    if prefix == "mu":
        fields["charge"] = events.mu_charge
        fields["wp"] = (
            events.mu_highpt
            if (opts.muon_wp == "highpt" and "mu_highpt" in have)
            else ak.ones_like(events.mu_pt, dtype=bool)
        )
    else:
        fields["btag"] = events.jet_btag != 0
        fields["flavour"] = (
            events.jet_flavour if "jet_flavour" in have else ak.full_like(events.jet_pt, -1, dtype=np.int64)
        )
    obj = ak.zip(fields, with_name="Momentum4D")
    keep = (obj.pt > pt_min) & (abs(obj.eta) < eta_max)
    if prefix == "mu":
        keep = keep & obj.wp
    obj = obj[keep]
    return obj[ak.argsort(obj.pt, axis=1, ascending=False)]


def _tag_probability(jet: ak.Array, opts: Options) -> ak.Array:
    """Per-jet tag probability (None-padded jets give 0)."""
    from recast.detector import btag_efficiency_pt

    flav = ak.fill_none(jet.flavour, -1)
    pt = ak.fill_none(jet.pt, 0.0)
    stored = ak.values_astype(ak.fill_none(jet.btag, False), np.float64)
    if opts.btag != "pt":
        return stored
    f, p = ak.to_numpy(flav), ak.to_numpy(pt)
    eff = btag_efficiency_pt(f, p)
    unc_b = np.interp(p, _BTAG_B_PT, _BTAG_B_UNC)
    eff = np.where(f == 5, eff * (1 + opts.btag_b * unc_b), eff)
    eff = np.where(f == 4, eff * (1 + opts.btag_c * _BTAG_C_UNC), eff)
    eff = np.where((f >= 0) & (f != 5) & (f != 4), eff * (1 + opts.btag_light * _BTAG_L_UNC), eff)
    eff = np.clip(eff, 0.0, 1.0)
    return ak.where(flav >= 0, eff, stored)


def reconstruct(events: ak.Array, options: Options = DEFAULT) -> ak.Array:
    """Per-event selection flags and kinematics (one record per input event).

    Args:
        events: detector-level events with the fields listed in :data:`FIELDS` (and
            :data:`OPTIONAL_FIELDS` when present).
        options: working points and b-tag shifts (:data:`DEFAULT`).

    Returns:
        Record array with ``passed`` (bool, all cuts), ``category`` (index into
        :data:`REGIONS`: 0 = ``SR_0b``, 1 = ``SR_1b``; −1 if the event failed), ``mll``, ``st``, ``mlq_min``,
        ``mlq_max`` (GeV; ``None`` where
        the objects are missing), ``n_btag`` (b-tags among the two leading jets) and
        ``weight`` (pb).

    Raises:
        BranchNotFound: a needed field is missing.
    """
    _check_fields(events)
    mu = _objects(events, "mu", M_MU * ak.ones_like(events.mu_pt), CUTS["mu_pt_min"], CUTS["mu_abs_eta_max"], options)
    jet = _objects(events, "jet", events.jet_m, CUTS["jet_pt_min"], CUTS["jet_abs_eta_max"], options)

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
    p1 = _tag_probability(j1, options)
    p2 = _tag_probability(jj2, options)
    p_1b = 1.0 - (1.0 - p1) * (1.0 - p2)
    category = ak.where(passed, ak.where(p_1b >= 0.5, 1, 0), -1)
    return ak.zip(
        {
            "passed": passed,
            "category": category,
            "mll": mll,
            "st": st,
            "mlq_min": mlq_min,
            "mlq_max": mlq_max,
            "n_btag": n_btag,
            "p_1b": p_1b,
            "weight": events.weight,
        },
        depth_limit=1,
    )


def histograms(
    events: ak.Array, *, scale: float = 1.0, options: Options = DEFAULT
) -> dict[str, hist.Hist[hist.storage.Weight]]:
    """m_LQ^min histograms per region, filled with the event weights times ``scale``.

    Args:
        events: detector-level events (weights in pb per event).
        scale: multiplies the weights, e.g. ``1000 * lumi_fb`` for expected event counts.
        options: working points (:class:`Options`).

    Returns:
        ``{region: hist.Hist}`` with :data:`MLQ_EDGES` bins and ``Weight`` storage (sum of
        weights and of squared weights).
    """
    rec = reconstruct(events, options)
    sel = rec[rec.passed]
    m = ak.to_numpy(sel.mlq_min)
    w = ak.to_numpy(sel.weight) * scale
    p1b = ak.to_numpy(sel.p_1b)
    out = {}
    for region, frac in zip(REGIONS, (1.0 - p1b, p1b), strict=True):
        h = hist.Hist(
            hist.axis.Variable(MLQ_EDGES, name="mlq_min", label="m_LQ^min [GeV]", flow=False),
            storage=hist.storage.Weight(),
        )
        h.fill(mlq_min=m, weight=w * frac)
        out[region] = h
    return out


def yields(
    events: ak.Array, *, lumi_fb: float, options: Options = DEFAULT
) -> dict[str, tuple[list[float], list[float]]]:
    """Expected events per bin and their MC-statistical uncertainty at ``lumi_fb`` fb⁻¹.

    Args:
        events: detector-level events with weights in pb per event (sum = σ in pb).
        lumi_fb: integrated luminosity in fb⁻¹.
        options: working points (:class:`Options`).

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
    hists = histograms(events, scale=1000.0 * lumi_fb, options=options)
    return {r: _values_and_unc(h) for r, h in hists.items()}


def _values_and_unc(h: hist.Hist[hist.storage.Weight]) -> tuple[list[float], list[float]]:
    """Bin contents and sqrt of the summed squared weights of a ``Weight``-storage histogram."""
    variances = h.variances()
    if variances is None:  # never for Weight storage (sum of squared weights is stored)
        msg = "histogram without variances: use hist.storage.Weight()"
        raise TypeError(msg)
    return [float(v) for v in h.values()], [float(np.sqrt(v)) for v in variances]


def _smear(values: ak.Array, rel_sigma: ak.Array, rng: np.random.Generator) -> ak.Array:
    counts = ak.num(values, axis=1)
    flat = ak.to_numpy(ak.flatten(values))
    sig = ak.to_numpy(ak.flatten(rel_sigma))
    return ak.unflatten(flat * np.maximum(1.0 + sig * rng.standard_normal(len(flat)), 0.05), counts)


def vary(events: ak.Array, name: str, sign: int, options: Options = DEFAULT) -> tuple[ak.Array, Options]:
    """Events and options of one systematic variation (``sign`` +1 up, −1 down).

    Resolution variations (``mu_res``, ``jer``) are one-sided: ``sign`` −1 returns the
    nominal (the caller symmetrises, see :func:`systematic_yields`).

    Raises:
        ValueError: unknown ``name``.
    """
    from recast.detector import muon_resolution

    if name not in SYSTEMATICS:
        msg = f"unknown systematic {name!r}; known: {', '.join(SYSTEMATICS)}"
        raise ValueError(msg)
    if name.startswith("btag_"):
        btag = {"btag_b": options.btag_b, "btag_c": options.btag_c, "btag_light": options.btag_light}
        btag[name] = float(sign)
        return events, replace(options, btag_b=btag["btag_b"], btag_c=btag["btag_c"], btag_light=btag["btag_light"])
    if name in ("mu_res", "jer") and sign < 0:
        return events, options
    rng = np.random.default_rng(_SMEAR_SEED)
    if name == "mu_scale":
        return ak.with_field(events, events.mu_pt * (1.0 + sign * _MU_SCALE), "mu_pt"), options
    if name == "mu_res":
        extra = muon_resolution(ak.to_numpy(ak.flatten(events.mu_pt)), ak.to_numpy(ak.flatten(events.mu_eta)))
        extra = ak.unflatten(extra * np.sqrt(_MU_RES_SCALE**2 - 1.0), ak.num(events.mu_pt))
        return ak.with_field(events, _smear(events.mu_pt, extra, rng), "mu_pt"), options
    pt = ak.to_numpy(ak.flatten(events.jet_pt))
    counts = ak.num(events.jet_pt)
    if name == "jes":
        factor = ak.unflatten(1.0 + sign * jes_uncertainty(pt), counts)
    else:  # jer: extra smearing to sigma + delta
        from recast.detector import jet_resolution

        sig = jet_resolution(pt)
        add = np.interp(pt, _JER_PT, _JER_ABS)
        extra = np.sqrt((sig + add) ** 2 - sig**2)
        factor = ak.unflatten(np.maximum(1.0 + extra * rng.standard_normal(len(pt)), 0.05), counts)
    out = ak.with_field(events, events.jet_pt * factor, "jet_pt")
    return ak.with_field(out, events.jet_m * factor, "jet_m"), options


def systematic_yields(
    events: ak.Array, *, lumi_fb: float, options: Options = DEFAULT
) -> dict[str, dict[str, dict[str, list[float]]]]:
    """Yields per region of every experimental variation: ``{name: {"up"|"down": {region: bins}}}``.

    One-sided variations are symmetrised around the nominal (down = 2 nominal − up, ≥ 0).
    """
    nominal = {r: np.asarray(v) for r, (v, _) in yields(events, lumi_fb=lumi_fb, options=options).items()}
    out: dict[str, dict[str, dict[str, list[float]]]] = {}
    for name in SYSTEMATICS:
        var = {}
        for sign, key in ((1, "up"), (-1, "down")):
            ev, opt = vary(events, name, sign, options)
            var[key] = {r: np.asarray(v) for r, (v, _) in yields(ev, lumi_fb=lumi_fb, options=opt).items()}
        if name in ("mu_res", "jer"):
            var["down"] = {r: np.maximum(2 * nominal[r] - var["up"][r], 0.0) for r in REGIONS}
        out[name] = {k: {r: [float(x) for x in v[r]] for r in REGIONS} for k, v in var.items()}
    return out
