"""Write ``recast/data/1.0.0/trident_zprime_moments.csv``: the moments K^n_xy(M) of
:mod:`recast.lowenergy.trident_epa` (CCFR: iron, E_ν = 160 GeV) on a log grid of Z′ masses.

Inputs: the module's physics choices only (no data files). Run from the checkout:
``PYTHONPATH=. python -m scripts.trident.make_table`` (about 2 minutes on one core).
"""

from __future__ import annotations

import argparse
import io
import time
from pathlib import Path

import numpy as np

from recast.lowenergy import trident_epa as te

__all__ = ["COLUMNS", "MASSES", "main", "render"]


def __dir__() -> list[str]:
    return __all__


#: 5 MeV – 200 GeV, 8 points per decade; above the top the moments scale as the contact limit.
MASSES = tuple(float(x) for x in np.round(np.logspace(np.log10(0.005), np.log10(200.0), 38), 6))
COLUMNS = [f"K{n}_{xy}" for n in range(3) for xy in ("VV", "AA", "VA")]  # VA: a check (zero)


def render(mom: te.Moments, n_points: int, n_scrambles: int, seconds: float) -> str:
    """The CSV text (header comments with the settings, then one row per mass)."""
    out = io.StringIO()
    out.write("# neutrino trident nu_mu Fe -> nu_mu Fe mu+ mu- with a Z' (full propagator), equivalent-photon\n"
              "# approximation of arXiv:1406.2332; made by: python -m scripts.trident.make_table\n"
              f"# E_nu = {te.E_NU_CCFR} GeV (mean CCFR energy, approximation), target Z = {te.IRON.Z}, "
              f"A = {te.IRON.A}, Helm form factor\n"
              "# K{n}_{xy} = <(v^2/(M^2 - t))^n T_xy>/sigma_SM (recast.lowenergy.trident_epa.ratio_from_moments)\n"
              f"# Sobol {n_points} points x {n_scrambles} scrambles, seed 1, {seconds:.0f} s; "
              f"sigma_SM = {mom.sigma_sm * 0.3893793721e-27:.4e} +- {mom.sigma_sm_err * 0.3893793721e-27:.1e} cm^2\n")
    out.write("mass_GeV," + ",".join(COLUMNS + [c + "_err" for c in COLUMNS]) + "\n")
    for i, m in enumerate(mom.masses):
        vals = list(mom.k[i].ravel()) + list(mom.k_err[i].ravel())
        out.write(f"{m:g}," + ",".join(f"{v:.6e}" for v in vals) + "\n")
    return out.getvalue()


def main(argv: list[str] | None = None) -> None:
    """Compute the table and write it."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--points", type=int, default=2**16, help="Sobol points per scramble (power of 2)")
    ap.add_argument("--scrambles", type=int, default=8)
    ap.add_argument("--out", default=str(Path(__file__).resolve().parents[2] / "recast/data/1.0.0"
                                         / "trident_zprime_moments.csv"))
    args = ap.parse_args(argv)
    t0 = time.time()
    mom = te.moments(MASSES, n_points=args.points, n_scrambles=args.scrambles)
    Path(args.out).write_text(render(mom, args.points, args.scrambles, time.time() - t0), encoding="utf-8")


if __name__ == "__main__":
    main()
