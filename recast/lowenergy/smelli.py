"""smelli's global SMEFT likelihood as an optional flavour likelihood (``recast[smelli]``).

The built-in fit (:mod:`recast.lowenergy.fit`, four observables) stays the default; this module
matches a model point at tree level onto SMEFT (Warsaw basis, WCxf conventions: down-type quarks
and charged leptons mass-diagonal, ``L = Σ C_i O_i`` over the non-redundant operators, C in
GeV⁻²) at μ = M and hands the coefficients to smelli (arXiv:1810.07698), which runs them with
`wilson` and evaluates its global likelihood (flavour, electroweak precision, LFU, LFV, ...).

Tree-level matching (real couplings; λ[i, α]: quark generation i, lepton generation α):

* S3, ``L ⊃ λ Q̄ᶜ iσ₂σᵃ L S3ᵃ`` (arXiv:1603.04993 §2; SMEFT form of arXiv:2003.12525 / 2008.09548 §2):
  [C_lq^(1)]_{αβij} = 3 λ_{iα} λ_{jβ}/(4M²), [C_lq^(3)]_{αβij} = λ_{iα} λ_{jβ}/(4M²).
* S1, ``L ⊃ λL Q̄ᶜ iσ₂ L S1 + λR ūᶜ e S1`` (same references): [C_lq^(1)] = λL λL/(4M²),
  [C_lq^(3)] = −λL λL/(4M²) (so C^(1) + C^(3) = 0: no tree-level b→sμμ),
  [C_eu]_{αβij} = λR_{iα} λR_{jβ}/(2M²), [C_lequ^(1)]_{αβij} = λR_{jβ} λL_{iα}/(2M²),
  [C_lequ^(3)]_{αβij} = −λR_{jβ} λL_{iα}/(8M²).
* R2, ``L ⊃ −yRL ū R2 iσ₂ L + yLR ē R2† Q`` (arXiv:1603.04993 §2):
  [C_qe]_{ijαβ} = −yLR_{iα} yLR_{jβ}/(2M²), [C_lu]_{αβij} = −yRL_{iα} yRL_{jβ}/(2M²), and from
  yRL × yLR the scalar/tensor [C_lequ^(1)]_{αβij} = 4 [C_lequ^(3)]_{αβij} = −yRL_{jα} yLR_{iβ}/(2M²)
  (:func:`recast.lowenergy.wilson.r2_lequ_coefficients`: b→c(u)ℓν, c→uℓℓ and, through the running,
  the top-loop dipole).
  S± (two R2-like doublets, mixing neglected as in the model): the same with η_L = yRL_tμ at
  M_S+ and η_R = yLR_bμ at M_S−, both matched at the lighter mass (approximation); no C_lequ, since
  η_L and η_R sit on different fields and their S+–S− mixing is neglected (approximation).
* Z′, ``L ⊃ Z′_μ J^μ`` with ``J^μ = Σ_ψ ψ̄ g_ψ γ^μ ψ`` over ψ = q, u, d, l, e (3×3 coupling
  matrices; the b̄s entries g_bs, g_bs_R are the extra flavour parameters of
  :data:`recast.lowenergy.wilson.FLAVOUR_PARAMETERS`): tree-level integration gives
  ``L_eff = −J_μ J^μ/(2M²)``, i.e. every four-fermion operator (C_ll, C_qq^(1), C_lq^(1), C_qe,
  C_ee, ...) with C = −g_ψ g_χ/M² between different fields and −g_ψ g_ψ/(2M²) within one field
  (symmetrised and reduced to WCxf's non-redundant entries by `wilson`'s own utility). Higgs-current
  operators for X_H ≠ 0 and the Z–Z′ mass mixing are not matched (approximation, noted). A Z′ whose
  left-handed couplings differ inside an SU(2) doublet (the benchmark Z′_SSM) has no SMEFT matching
  and is refused.

Cost: smelli is imported (≈ 8 s) and initialised once per process (≈ 15 s, plus ≈ 25 s for the
SM likelihood on first use); one parameter point then takes ≈ 15 s and its observable table
≈ 30 s: ≈ 2 min for the first point on this project's idle 2-core machine, ≈ 6 min with the
cores shared (smelli 2.4.3). Results are cached on disk (the store :func:`recast.cache.store`
``("smelli")``), keyed by the coefficients, scale and versions. smelli's covariances are Monte
Carlo estimates: Δχ² differs by ≈ 0.1 between fresh processes (S3 benchmark: −3.06, −2.99).
"""

from __future__ import annotations

import functools
import math
import time
import warnings
from dataclasses import asdict, dataclass, field
from types import ModuleType
from typing import TYPE_CHECKING, Any

import numpy as np

from recast.exceptions import InvalidParameter
from recast.models.zprime import ZPrimeModel

if TYPE_CHECKING:
    from recast.models import Model

__all__ = [
    "DEFAULT_PULLS",
    "ObservablePull",
    "SmelliResult",
    "global_likelihood",
    "smeft_matching",
    "smelli_likelihood",
    "smelli_versions",
]


def __dir__() -> list[str]:
    return __all__


#: Observables listed in a result (largest |pull SM| first).
DEFAULT_PULLS = 10
_STORED_PULLS = 30
#: Version of the cached document's layout (part of the cache key; 3: checksummed store entries).
_CACHE_FORMAT = 3
_DOWN = ("d", "s", "b")
_UP = ("u", "c", "t")
_LEPTONS = ("e", "mu", "tau")


def _matrix(params: dict[str, float], prefix: str, quarks: tuple[str, ...]) -> np.ndarray:
    """λ[i, α] from parameters named ``<prefix>_<quark><lepton>`` (missing ones are 0)."""
    return np.array([[params.get(f"{prefix}_{q}{lep}", 0.0) for lep in _LEPTONS] for q in quarks], dtype=float)


def _lq_lq(lam: np.ndarray, factor: float) -> np.ndarray:
    """C[α, β, i, j] = factor λ[i, α] λ[j, β] (semileptonic l̄l q̄q ordering)."""
    out: np.ndarray = factor * np.einsum("ia,jb->abij", lam, lam)
    return out


def _leptoquark_arrays(model: Model) -> tuple[dict[str, np.ndarray], list[str], float]:
    p = model.params
    notes: list[str] = []
    if model.name == "S3":
        lam, m2 = _matrix(p, "y", _DOWN), model.mass**2
        return {"lq1": _lq_lq(lam, 0.75 / m2), "lq3": _lq_lq(lam, 0.25 / m2)}, notes, model.mass
    if model.name == "S1":
        lam_l, lam_r, m2 = _matrix(p, "yL", _DOWN), _matrix(p, "yR", _UP), model.mass**2
        lequ = np.einsum("jb,ia->abij", lam_r, lam_l)  # [α, β, i (q), j (u)]
        arrays = {"lq1": _lq_lq(lam_l, 0.25 / m2), "lq3": _lq_lq(lam_l, -0.25 / m2), "eu": _lq_lq(lam_r, 0.5 / m2),
                  "lequ1": lequ * (0.5 / m2), "lequ3": lequ * (-0.125 / m2)}
        return arrays, notes, model.mass
    if model.name in ("R2", "Spm"):
        if model.name == "R2":
            y_lr, y_rl = _matrix(p, "yLR", _DOWN), _matrix(p, "yRL", _UP)
            m_lr = m_rl = scale = model.mass
        else:
            y_lr, y_rl = np.zeros((3, 3)), np.zeros((3, 3))
            y_lr[2, 1], y_rl[2, 1] = p["eta_R"], p["eta_L"]
            m_lr, m_rl = p["MSm"], p["MSp"]
            scale = min(m_lr, m_rl)
            notes.append(f"S+ and S- matched together at the lighter mass {scale:g} GeV (approximation)")
        qe = -0.5 / m_lr**2 * np.einsum("ia,jb->ijab", y_lr, y_lr)
        lu = _lq_lq(y_rl, -0.5 / m_rl**2)
        arrays = {"qe": qe, "lu": lu}
        if model.name == "R2" and y_lr.any() and y_rl.any():
            lequ1 = -0.5 / m_lr**2 * np.einsum("ja,ib->abij", y_rl, y_lr)  # [α (l), β (e), i (q), j (u)]
            arrays |= {"lequ1": lequ1, "lequ3": lequ1 / 4}
        return arrays, notes, scale
    msg = f"no SMEFT matching for model {model.name}"
    raise InvalidParameter(msg)


# Z': four-fermion operators of -J.J/(2M^2): (name, first field, second field); the Warsaw names
# put the fields in this order (C_qe = (q̄q)(ēe), C_lu = (l̄l)(ūu), ...).
_ZP_OPERATORS = (
    ("ll", "l", "l"), ("qq1", "q", "q"), ("uu", "u", "u"), ("dd", "d", "d"), ("ee", "e", "e"),
    ("lq1", "l", "q"), ("qe", "q", "e"), ("lu", "l", "u"), ("ld", "l", "d"), ("le", "l", "e"),
    ("eu", "e", "u"), ("ed", "e", "d"), ("qu1", "q", "u"), ("qd1", "q", "d"), ("ud1", "u", "d"),
)
# index permutations under which each same-field operator is the same operator (C_ee also Fierz)
_SYMMETRIES = {
    "ll": ((0, 1, 2, 3), (2, 3, 0, 1)), "qq1": ((0, 1, 2, 3), (2, 3, 0, 1)),
    "uu": ((0, 1, 2, 3), (2, 3, 0, 1)), "dd": ((0, 1, 2, 3), (2, 3, 0, 1)),
    "ee": ((0, 1, 2, 3), (2, 3, 0, 1), (2, 1, 0, 3), (0, 3, 2, 1)),
}


def _zprime_currents(model: ZPrimeModel, *, g_bs: float, g_bs_R: float) -> tuple[dict[str, np.ndarray], list[str]]:
    """3×3 coupling matrices g_ψ of ψ = q, u, d, l, e to the Z′ (b̄s entries from g_bs, g_bs_R)."""
    g = model.couplings()
    notes: list[str] = []
    q_l = [g.get(pdg, (0.0, 0.0))[0] for pdg in (1, 3, 5)]
    u_l = [g.get(pdg, (0.0, 0.0))[0] for pdg in (2, 4, 6)]
    e_l = [g.get(pdg, (0.0, 0.0))[0] for pdg in (11, 13, 15)]
    n_l = [g.get(pdg, (0.0, 0.0))[0] for pdg in (12, 14, 16)]
    if not (np.allclose(q_l, u_l, rtol=1e-9, atol=1e-12) and np.allclose(e_l, n_l, rtol=1e-9, atol=1e-12)):
        msg = (f"{model.name}'s left-handed couplings differ inside an SU(2) doublet (u_L vs d_L or nu vs e_L): "
               "it has no SMEFT matching — use the built-in fit (--likelihood builtin)")
        raise InvalidParameter(msg)
    cur = {
        "q": np.diag(q_l), "u": np.diag([g.get(pdg, (0.0, 0.0))[1] for pdg in (2, 4, 6)]),
        "d": np.diag([g.get(pdg, (0.0, 0.0))[1] for pdg in (1, 3, 5)]), "l": np.diag(e_l),
        "e": np.diag([g.get(pdg, (0.0, 0.0))[1] for pdg in (11, 13, 15)]),
    }
    cur["q"][1, 2] += g_bs
    cur["q"][2, 1] += g_bs
    cur["d"][1, 2] += g_bs_R
    cur["d"][2, 1] += g_bs_R
    charges = getattr(model, "charges", None)
    if charges is not None and charges.H != 0:
        notes.append(f"X_H = {charges.H}: Higgs-current operators and Z-Z' mixing not matched (approximation)")
    return cur, notes


def _zprime_arrays(model: ZPrimeModel, *, g_bs: float, g_bs_R: float) -> tuple[dict[str, np.ndarray], list[str]]:
    cur, notes = _zprime_currents(model, g_bs=g_bs, g_bs_R=g_bs_R)
    m2 = model.mass**2
    arrays = {}
    for name, a, b in _ZP_OPERATORS:
        factor = -0.5 / m2 if a == b else -1.0 / m2
        c = factor * np.einsum("ij,kl->ijkl", cur[a], cur[b])
        perms = _SYMMETRIES.get(name)
        if perms:  # the same operator under these index permutations: spread C evenly over them
            c = sum(np.transpose(c, p) for p in perms) / len(perms)
        if c.any():
            arrays[name] = c
    return arrays, notes


def smeft_matching(
    model: Model, *, g_bs: float = 0.0, g_bs_R: float = 0.0
) -> tuple[dict[str, float], float, list[str]]:
    """Tree-level SMEFT (Warsaw, WCxf non-redundant) coefficients of a model point, in GeV⁻².

    Args:
        model: a :class:`recast.models.Model` (S3, S1, R2, Spm or a Z′).
        g_bs, g_bs_R: Z′ only: left-/right-handed b̄s couplings (dimensionless).

    Returns:
        ``(coefficients, matching scale [GeV], notes)``; coefficients named as in WCxf
        (``"lq1_2223"``), zero entries left out.

    Raises:
        InvalidParameter: g_bs for a leptoquark, or a Z′ without SMEFT matching.

    Example:
        >>> from recast.models import get_model
        >>> c, scale, _ = smeft_matching(get_model("S3", mass=1000, couplings={"y_bmu": 1.0, "y_smu": 0.01}))
        >>> scale, round(c["lq1_2223"] * 1e8, 10), round(c["lq3_2233"] * 1e8, 10)
        (1000.0, 0.75, 25.0)
    """
    if isinstance(model, ZPrimeModel):
        arrays, notes = _zprime_arrays(model, g_bs=g_bs, g_bs_R=g_bs_R)
        scale = float(model.mass)
    else:
        if g_bs or g_bs_R:
            msg = f"g_bs/g_bs_R are Z' flavour parameters; model {model.name} takes its own couplings"
            raise InvalidParameter(msg)
        arrays, notes, scale = _leptoquark_arrays(model)
        notes.append("every tree-level entry is matched, also the flavour-diagonal ones (e.g. [C_lq]_2233 ~ "
                     "y_bmu^2) whose top-Yukawa running feeds b->smumu at leading log; the built-in fit keeps only "
                     "the b-s entries")
    from wilson.util import smeftutil

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        wcxf = smeftutil.arrays2wcxf_nonred(smeftutil.add_missing({k: v for k, v in arrays.items() if np.any(v)}))
    return {k: float(np.real(v)) for k, v in sorted(wcxf.items()) if abs(v) > 0}, float(scale), notes


@dataclass(frozen=True)
class ObservablePull:
    """One observable in smelli's likelihood at the model point.

    ``pull_exp``: √|Δχ²| of the prediction against the measurement; ``pull_sm``: how far the
    point moves it relative to the SM, signed (negative = the point fits better than the SM).
    """

    name: str
    experiment: float
    exp_unc: float
    theory: float
    th_unc: float
    pull_exp: float
    pull_sm: float


@dataclass(frozen=True)
class SmelliResult:
    """smelli's global likelihood at one model point (Δ relative to the SM)."""

    model: str
    scale_GeV: float
    coefficients: dict[str, float]
    delta_log_likelihood: dict[str, float]
    pulls: tuple[ObservablePull, ...]
    n_observables: int
    versions: dict[str, str]
    seconds: float
    cached: bool = False
    notes: tuple[str, ...] = field(default=())

    @property
    def delta_chi2(self) -> float:
        """Global Δχ² = −2 Δln L relative to the SM (negative: the point fits better than the SM)."""
        return -2.0 * self.delta_log_likelihood["global"]

    def delta_chi2_by_likelihood(self) -> dict[str, float]:
        """Δχ² of each of smelli's sub-likelihoods (``likelihood_lfu_fcnc.yaml`` -> ``lfu_fcnc``)."""
        out = {}
        for k, v in self.delta_log_likelihood.items():
            if k != "global":
                out[k.removesuffix(".yaml").removeprefix("likelihood_").removeprefix("fast_likelihood_")] = -2.0 * v
        return out

    def as_dict(self) -> dict[str, Any]:
        """JSON form (the ``smelli`` block of ``recast flavour --likelihood smelli --json``)."""
        out = asdict(self)
        out["pulls"] = [asdict(p) for p in self.pulls]
        out["notes"] = list(self.notes)
        out["delta_chi2"] = self.delta_chi2
        out["delta_chi2_by_likelihood"] = self.delta_chi2_by_likelihood()
        out["likelihood"] = f"smelli {self.versions.get('smelli', '?')} global likelihood"
        return out

    def text(self, n_pulls: int = DEFAULT_PULLS) -> str:
        """Human-readable summary: Δχ², per-likelihood Δχ², the most affected observables."""
        lines = [f"likelihood: smelli {self.versions.get('smelli', '?')} global SMEFT likelihood "
                 f"({self.n_observables} observables), matched at mu = {self.scale_GeV:g} GeV",
                 f"  delta chi2 (point - SM) = {self.delta_chi2:+.3f}   (negative: fits better than the SM)"]
        parts = [f"{k} {v:+.2f}" for k, v in sorted(self.delta_chi2_by_likelihood().items(), key=lambda kv: kv[1])
                 if abs(v) >= 0.005]
        if parts:
            lines.append("  by likelihood: " + ", ".join(parts))
        cols = f"  {'observable (most affected)':<44} {'measured':>22} {'prediction':>12} {'pull':>6} {'vs SM':>6}"
        lines += ["", cols]
        for p in self.pulls[:n_pulls]:
            meas = f"{p.experiment:.4g} ± {p.exp_unc:.2g}"
            lines.append(f"  {p.name[:44]:<44} {meas:>22} {p.theory:>12.4g} {p.pull_exp:>6.2f} {p.pull_sm:>+6.2f}")
        lines += [f"  note: {n}" for n in self.notes]
        lines.append(f"  ({'served from cache' if self.cached else f'computed in {self.seconds:.0f} s'})")
        return "\n".join(lines)


def _import_smelli() -> ModuleType:
    """Import smelli (quietly: flavio/wilson emit import-time warnings), or say how to install it."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            import smelli as module
    except ImportError as err:
        msg = f"--likelihood smelli needs the smelli package ({err}) — pip install 'recast[smelli]'"
        raise InvalidParameter(msg) from err
    out: ModuleType = module
    return out


def smelli_versions() -> dict[str, str]:
    """Installed versions of smelli, flavio and wilson (part of the cache key)."""
    from importlib.metadata import PackageNotFoundError, version

    out = {}
    for name in ("smelli", "flavio", "wilson"):
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            out[name] = "missing"
    return out


@functools.lru_cache(maxsize=1)
def global_likelihood() -> Any:
    """smelli's ``GlobalLikelihood`` (SMEFT, Warsaw), built once per process (≈ 15 s)."""
    smelli = _import_smelli()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return smelli.GlobalLikelihood()


def _obs_name(name: Any) -> str:
    """flavio's observable name: ``"<Rmue>(B+->Kll) [1.1, 6.0]"`` for a binned one (a tuple in smelli's table)."""
    if isinstance(name, tuple):
        return f"{name[0]} [{', '.join(f'{x:g}' if isinstance(x, float) else str(x) for x in name[1:])}]"
    return str(name)


def _compute(coefficients: dict[str, float], scale: float) -> dict[str, Any]:
    gl = global_likelihood()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            pt = gl.parameter_point(dict(coefficients), scale=scale)
            ll = {k: float(v) for k, v in pt.log_likelihood_dict().items()}
            table = pt.obstable()
    except (ValueError, ZeroDivisionError, FloatingPointError) as err:  # e.g. "The extraction of CKM elements failed"
        msg = f"smelli cannot evaluate this point ({err}) — the couplings are too large for its SMEFT likelihood"
        raise InvalidParameter(msg) from err
    table = table.assign(_abs=table["pull SM"].abs()).sort_values("_abs", ascending=False)
    pulls = [
        {"name": _obs_name(name), "experiment": float(row["experiment"]), "exp_unc": float(row["exp. unc."]),
         "theory": float(row["theory"]), "th_unc": float(row["th. unc."]), "pull_exp": float(row["pull exp."]),
         "pull_sm": float(row["pull SM"])}
        for name, row in table.head(_STORED_PULLS).iterrows()
    ]
    return {"delta_log_likelihood": ll, "pulls": pulls, "n_observables": len(table)}


def smelli_likelihood(
    model: Model, *, g_bs: float = 0.0, g_bs_R: float = 0.0, use_cache: bool = True
) -> SmelliResult:
    """smelli's global Δχ² and the most affected observables of a model point.

    Tree-level matching at μ = M (:func:`smeft_matching`), then smelli (wilson running, flavio
    predictions, CKM from its four input observables). Cached on disk.

    Args:
        model: a :class:`recast.models.Model`.
        g_bs, g_bs_R: Z′ only: b̄s couplings.
        use_cache: reuse an identical earlier evaluation from the cache store ``store("smelli")``.

    Raises:
        InvalidParameter: smelli not installed, a mass below the EW scale (smelli's SMEFT
            likelihood starts at M_Z), or a model without SMEFT matching.
    """
    from recast.cache import cache_key, store
    from recast.constants import M_Z

    coefficients, scale, notes = smeft_matching(model, g_bs=g_bs, g_bs_R=g_bs_R)
    if scale < M_Z:
        msg = (f"smelli's SMEFT likelihood needs the matching scale above M_Z = {M_Z:g} GeV, got {scale:g} GeV "
               "— use the built-in fit (--likelihood builtin) for a light Z'")
        raise InvalidParameter(msg)
    versions = smelli_versions()
    if versions["smelli"] == "missing":
        _import_smelli()  # raises with the install hint
    key = cache_key({"coefficients": coefficients, "scale": scale, "versions": versions, "stored": _STORED_PULLS,
                     "format": _CACHE_FORMAT})
    cache = store("smelli")
    doc = cache.read_json(f"{key}.json") if use_cache else None
    cached, seconds = doc is not None, 0.0
    if doc is None:
        t0 = time.perf_counter()
        doc = _compute(coefficients, scale)
        seconds = time.perf_counter() - t0
        doc["seconds"] = seconds
        cache.put_json(f"{key}.json", doc)
    ll = doc["delta_log_likelihood"]
    if not all(math.isfinite(v) for v in ll.values()):
        notes.append("smelli returned a non-finite likelihood: the point is far outside its validity")
    return SmelliResult(
        model=model.label(), scale_GeV=scale, coefficients=coefficients, delta_log_likelihood=ll,
        pulls=tuple(ObservablePull(**p) for p in doc["pulls"]), n_observables=int(doc["n_observables"]),
        versions=versions, seconds=float(doc.get("seconds", seconds)), cached=cached, notes=tuple(notes),
    )
