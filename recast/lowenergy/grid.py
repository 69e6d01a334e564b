"""Flavour verdicts of a leptoquark over a grid of coupling points at one mass, fast and exact.

The same numbers as :func:`recast.lowenergy.evaluate` (``recast flavour``) point by point, with the
expensive part done once per mass:

* **b→sμμ.** The tree-level SMEFT coefficients are bilinear in the couplings,
  ``C_k = Σ_{i≤j} y_i y_j D^k_ij`` (:func:`recast.lowenergy.wilson.smeft_coefficients`), and the
  running to μ_b (`wilson`, one-loop RGEs) is linear in them. So each bilinear ``D_ij`` is matched
  and run once per mass (:func:`bilinear_wilson`) and the grid is ``Re Σ y_i y_j W_ij`` in numpy.
  ``D_ij`` is found by polarisation of the model's own matching (``C(e_i)``, ``C(e_i + e_j)``), so
  no formula is duplicated. Linearity of wilson's running holds to ~1e-8 relative
  (tests/test_plane_scan.py compares with ``recast.lowenergy.evaluate`` to 1e-6).
* Δa_μ, ΔM_s/ΔM_s^SM and trident are closed forms: evaluated per point with the same functions
  (:func:`recast.lowenergy.g2.delta_a_mu`, :func:`recast.lowenergy.mixing.bs_mixing_ratio`,
  :func:`recast.lowenergy.trident.trident_ratio`), ~60 µs each.

Verdicts (as the Z′ scan's, :mod:`recast.scan.points`): ``flavour_1sigma`` = C_LL = (C9 − C10)/2
within the fit's 1σ, ΔM_s and trident within 2σ; ``flavour_2sigma`` the same with C_LL within 2σ.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from typing import Any

import numpy as np

from recast.lowenergy.fit import OBSERVABLES, load_fit
from recast.lowenergy.g2 import delta_a_mu
from recast.lowenergy.mixing import bs_mixing_ratio
from recast.lowenergy.trident import trident_ratio
from recast.lowenergy.wilson import C10_SM, run_to_mb, smeft_coefficients

__all__ = ["FLAVOUR_COLUMNS", "NSIGMA_BOUNDS", "bilinear_wilson", "coupling_names", "flavour_grid"]


def __dir__() -> list[str]:
    return __all__


#: Columns returned by :func:`flavour_grid` (all numpy arrays of the grid's shape).
FLAVOUR_COLUMNS = (
    "C9", "C10", "C9p", "C10p", "C_LL", "bs_mumu_ratio", "delta_a_mu_1e11", "Bs_mixing", "trident",
    "pull_C_LL", "pull_delta_a_mu", "pull_Bs_mixing", "pull_trident", "chi2", "delta_chi2",
    "flavour_1sigma", "flavour_2sigma",
)
_WC = ("C9", "C10", "C9p", "C10p")
#: B_s mixing and trident are required within this many σ (≈95% CL), as in the Z′ scan
#: (:data:`recast.scan.points.NSIGMA_BOUNDS`; tests/test_plane_scan.py checks they agree).
NSIGMA_BOUNDS = 2.0


def coupling_names(model_cls: type[Any]) -> list[str]:
    """The dimensionless coupling parameters of a model class (``y_bmu``, ``yLR_smu``, ...)."""
    return [p.name for p in model_cls.PARAMETERS if p.unit == ""]


def _model(model_cls: type[Any], mass: float, values: Mapping[str, float]) -> Any:
    names = coupling_names(model_cls)
    return model_cls(**{model_cls.MASS_PARAMS[0]: float(mass), **dict.fromkeys(names, 0.0), **values})


def bilinear_wilson(model_cls: type[Any], mass: float, active: list[str]) -> dict[tuple[str, str], np.ndarray]:
    """``{(y_i, y_j): W_ij}``: C9, C10, C9', C10' at μ_b (complex) per unit coupling bilinear y_i y_j (i ≤ j
    in *active* order), each matched at μ = *mass* [GeV] and run once (module docstring).

    Only bilinears with a non-zero tree-level matching are returned (none for S1).
    """
    def smeft(values: Mapping[str, float]) -> dict[str, float]:
        return smeft_coefficients(_model(model_cls, mass, values))

    diag = {a: smeft({a: 1.0}) for a in active}
    out: dict[tuple[str, str], np.ndarray] = {}
    pairs = [(a, a) for a in active] + list(itertools.combinations(active, 2))
    for a, b in pairs:
        if a == b:
            d = diag[a]
        else:
            full = smeft({a: 1.0, b: 1.0})
            d = {k: full.get(k, 0.0) - diag[a].get(k, 0.0) - diag[b].get(k, 0.0) for k in full}
        scale = max((abs(v) for v in d.values()), default=0.0)
        d = {k: v for k, v in d.items() if abs(v) > 1e-12 * scale}
        if d:
            c = run_to_mb(d, float(mass), eft="SMEFT")
            out[(a, b)] = np.array([c[k] for k in _WC])
    return out


def flavour_grid(model_cls: type[Any], mass: float, couplings: Mapping[str, np.ndarray | float], *,
                 fit: str | None = None) -> dict[str, np.ndarray]:
    """The ``recast flavour`` numbers of every coupling point at one mass [GeV].

    Args:
        model_cls: :class:`recast.models.leptoquark.S3`, ``S1`` or ``R2``.
        mass: the leptoquark mass in GeV.
        couplings: coupling name -> value (scalar) or array; arrays broadcast to the grid shape,
            names not given are 0.
        fit: flavour fit inputs (``"2021"`` default, ``"2025"``).

    Returns:
        :data:`FLAVOUR_COLUMNS` -> array of the grid shape.
    """
    spec = load_fit(fit)
    meas = spec["observables"]
    names = [n for n in coupling_names(model_cls) if n in couplings]
    arrays = np.broadcast_arrays(*[np.asarray(couplings[n], dtype=float) for n in names])
    shape = arrays[0].shape if arrays else ()
    vals = {n: a.ravel() for n, a in zip(names, arrays, strict=True)}
    active = [n for n in names if np.any(vals[n] != 0)]
    size = int(np.prod(shape)) if shape else 1
    wc = np.zeros((4, size), dtype=complex)
    if model_cls.__name__ != "S1":  # S1: no tree-level b->smumu (recast.lowenergy.wilson.wilson_coefficients)
        for (a, b), w in bilinear_wilson(model_cls, mass, active).items():
            wc += np.outer(w, vals[a] * vals[b])
    c9, c10, c9p, c10p = wc.real
    g2 = np.empty(size)
    mix = np.empty(size)
    tri = np.empty(size)
    for k in range(size):
        model = _model(model_cls, mass, {n: float(vals[n][k]) for n in active})
        g2[k] = delta_a_mu(model)[0] * 1e11
        mix[k] = bs_mixing_ratio(model)
        tri[k] = trident_ratio(model)
    c_ll = (c9 - c10) / 2
    preds = {"C_LL": c_ll, "delta_a_mu": g2, "Bs_mixing": mix, "trident": tri}
    sm = {"C_LL": 0.0, "delta_a_mu": 0.0, "Bs_mixing": 1.0, "trident": 1.0}
    pulls = {k: (preds[k] - float(meas[k]["value"])) / float(meas[k]["sigma"]) for k in OBSERVABLES}
    chi2 = sum(p**2 for p in pulls.values())
    chi2_sm = sum(((sm[k] - float(meas[k]["value"])) / float(meas[k]["sigma"])) ** 2 for k in OBSERVABLES)
    bounds_ok = (np.abs(pulls["Bs_mixing"]) <= NSIGMA_BOUNDS) & (np.abs(pulls["trident"]) <= NSIGMA_BOUNDS)
    out = {
        "C9": c9, "C10": c10, "C9p": c9p, "C10p": c10p, "C_LL": c_ll,
        "bs_mumu_ratio": np.abs(1 + (c10 - c10p) / C10_SM) ** 2,
        "delta_a_mu_1e11": g2, "Bs_mixing": mix, "trident": tri,
        **{f"pull_{k}": v for k, v in pulls.items()},
        "chi2": chi2, "delta_chi2": chi2 - chi2_sm,
        "flavour_1sigma": (np.abs(pulls["C_LL"]) <= 1.0) & bounds_ok,
        "flavour_2sigma": (np.abs(pulls["C_LL"]) <= 2.0) & bounds_ok,
    }
    return {k: np.asarray(v).reshape(shape) for k, v in out.items()}
