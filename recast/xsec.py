"""Reference production cross-sections (pb) at √s = 13 TeV.

Example:
    >>> round(lq_pair_xsec(1500.0)[0], 7)  # pb, NNLO+NNLL table point
    0.0002577
"""

from __future__ import annotations

import csv
from functools import lru_cache

import numpy as np

from recast.data import data_file
from recast.exceptions import InvalidParameter

__all__ = ["lq_pair_table", "lq_pair_xsec"]


def __dir__() -> list[str]:
    return __all__


@lru_cache(maxsize=1)
def lq_pair_table() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(mass GeV, σ pb, relative uncertainty) of the shipped scalar-pair table."""
    with data_file("lq_pair_xsec_13tev_nnlo_nnll.csv").open() as f:
        rows = [r for r in csv.DictReader(line for line in f if not line.startswith("#"))]
    m = np.array([float(r["mass_GeV"]) for r in rows])
    s = np.array([float(r["xsec_pb"]) for r in rows])
    u = np.array([float(r["rel_unc"]) if r["rel_unc"] else np.nan for r in rows])
    return m, s, u


def lq_pair_xsec(mass: float) -> tuple[float, float]:
    """σ(pp → S S*) in pb and its relative uncertainty for a scalar LQ of ``mass`` GeV.

    Log-linear interpolation of the NNLO+NNLL table (NNLL-fast stop pairs, 100–3000 GeV in 100 GeV
    steps, decoupled gluino; source in the file's header); the relative uncertainty (scale and
    PDF+α_s in quadrature, 11.3 % at 1 TeV, 24.4 % at 2 TeV) interpolated linearly.

    Raises:
        InvalidParameter: mass outside the table range.
    """
    m, s, u = lq_pair_table()
    if not m[0] <= mass <= m[-1]:
        msg = f"LQ mass {mass:g} GeV is outside the NNLO+NNLL table ({m[0]:g}-{m[-1]:g} GeV)"
        raise InvalidParameter(msg)
    sigma = float(np.exp(np.interp(mass, m, np.log(s))))
    ok = ~np.isnan(u)
    rel = float(np.interp(mass, m[ok], u[ok]))
    return sigma, rel
