"""Fisher-information pieces of a pyhf model: the constraint curvature and the Jacobian of the rates.

:func:`constraint_curvature` (the prior part) is shared by the asymptotic limits (nuisance pruning,
:mod:`recast.stats.upper_limits`) and the Bayesian marginalisation (proposal and pruning,
:mod:`recast.stats.bayes`); :func:`rate_jacobian` is the data part of the pruning.
"""

from __future__ import annotations

import numpy as np
import pyhf

__all__ = ["constraint_curvature", "rate_jacobian"]

#: pyhf modifiers with one parameter per bin of their channel, acting on that bin only.
_PER_BIN = frozenset({"shapesys", "staterror", "shapefactor"})


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


def _bins_touched(model: pyhf.pdf.Model) -> dict[int, frozenset[int]]:
    """The bins of ``expected_actualdata`` each parameter can change: bin i of its channel for a per-bin
    modifier (:data:`_PER_BIN`), every bin of its channels otherwise (from the model's spec)."""
    cfg = model.config
    out: dict[int, set[int]] = {}
    for ch in model.spec["channels"]:
        sl = cfg.channel_slices[ch["name"]]
        for smp in ch["samples"]:
            for mod in smp["modifiers"]:
                idx = range(*cfg.par_slice(mod["name"]).indices(cfg.npars))
                per_bin = mod["type"] in _PER_BIN and len(idx) == sl.stop - sl.start
                for i, k in enumerate(idx):
                    out.setdefault(k, set()).update([sl.start + i] if per_bin else range(sl.start, sl.stop))
    return {k: frozenset(v) for k, v in out.items()}


def _colour(cols: list[int], touched: dict[int, frozenset[int]], nbins: int) -> list[list[int]]:
    """Columns (indices into *cols*) in groups whose parameters change disjoint bins (greedy, in order)."""
    groups: list[tuple[list[int], set[int]]] = []
    everything = frozenset(range(nbins))
    for col, k in enumerate(cols):
        bins = touched.get(k, everything)
        home = next((g for g in groups if not (g[1] & bins)), None)
        if home is None:
            groups.append(([col], set(bins)))
        else:
            home[0].append(col)
            home[1].update(bins)
    return [g[0] for g in groups]


def rate_jacobian(model: pyhf.pdf.Model, pars: np.ndarray, cols: list[int], bounds: list[list[float]], *,
                  grouped: bool = True) -> np.ndarray:
    """d ``expected_actualdata`` / d θ_k at *pars* for each parameter index k of *cols* (bins x cols).

    Central differences, step h = 1e-4 max(1, |θ_k|) clipped to *bounds*. With *grouped*, parameters that
    change disjoint bins (:func:`_bins_touched`: e.g. the per-bin γ's of a shapesys) are stepped together in
    one model evaluation (Curtis-Powell-Reid): each bin's rate is computed elementwise from its own
    parameters, so every column is bit for bit the one-parameter-at-a-time difference
    (tests/test_stats.py), at ~ (number of groups) instead of (number of columns) evaluation pairs.
    """
    n = int(model.config.nmaindata)
    touched = _bins_touched(model) if grouped else {}
    groups = _colour(cols, touched, n) if grouped else [[c] for c in range(len(cols))]
    everything = np.arange(n)
    jac = np.zeros((n, len(cols)))
    for group in groups:
        up, dn = pars.copy(), pars.copy()
        for col in group:
            k = cols[col]
            h = 1e-4 * max(1.0, abs(pars[k]))
            up[k] = min(pars[k] + h, bounds[k][1])
            dn[k] = max(pars[k] - h, bounds[k][0])
        diff = np.asarray(model.expected_actualdata(up)) - np.asarray(model.expected_actualdata(dn))
        for col in group:
            k = cols[col]
            bins = np.fromiter(sorted(touched[k]), int) if k in touched else everything
            jac[bins, col] = diff[bins] / (up[k] - dn[k])
    return jac
