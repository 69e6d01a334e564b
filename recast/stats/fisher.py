"""Constraint-term curvature of a pyhf model: the prior part of the Fisher information.

Shared by the asymptotic limits (nuisance pruning, :mod:`recast.stats.upper_limits`) and the
Bayesian marginalisation (proposal and pruning, :mod:`recast.stats.bayes`).
"""

from __future__ import annotations

import numpy as np
import pyhf

__all__ = ["constraint_curvature"]


def __dir__() -> list[str]:
    return __all__


def constraint_curvature(model: pyhf.pdf.Model, pars: np.ndarray) -> np.ndarray:
    """-d² ln(constraint)/dθ² per parameter at *pars* (pyhf constraints are per parameter).

    Gaussian constraints give 1/σ²; Poisson (shapesys) ones τ/γ; unconstrained parameters 0.

    Example:
        >>> spec = {"channels": [{"name": "c", "samples": [{"name": "s", "data": [5.0],
        ...     "modifiers": [{"name": "mu", "type": "normfactor", "data": None},
        ...                   {"name": "n", "type": "normsys", "data": {"hi": 1.1, "lo": 0.9}}]}]}]}
        >>> m = pyhf.Model(spec, poi_name="mu")
        >>> constraint_curvature(m, np.array(m.config.suggested_init())).tolist()
        [0.0, 1.0]
    """
    cfg = model.config
    out = np.zeros(len(pars))
    for name in cfg.par_order:
        ps = cfg.param_set(name)
        sl = cfg.par_slice(name)
        if not getattr(ps, "constrained", False):
            continue
        if ps.pdf_type == "normal":
            out[sl] = 1.0 / np.asarray(getattr(ps, "sigmas", 1.0), dtype=float) ** 2
        elif ps.pdf_type == "poisson":
            out[sl] = np.asarray(ps.factors, dtype=float) / np.maximum(pars[sl], 1e-9)
    return out
