"""Write ``recast/data/1.0.0/neff_lmu_ltau.csv``: N_eff of :func:`recast.lowenergy.neff.neff` for an L_μ − L_τ
Z′ on a (M, g_X) grid, and the solver's SM value (row ``SM``).

Inputs: the module's physics choices only (no data files). Run from the checkout:
``PYTHONPATH=. python -m scripts.neff.make_table`` (about 30 s on one core).
"""

from __future__ import annotations

import argparse
import io
import time
from pathlib import Path

import numpy as np

from recast.lowenergy import neff as nf

__all__ = ["COUPLINGS", "MASSES", "main", "render"]


def __dir__() -> list[str]:
    return __all__


#: 4 – 40 MeV, 20 steps of 12 %: above, the Z′ is gone before the neutrinos decouple (at 40 MeV ΔN_eff ≤ 0.07 for
#: g_X ≤ 3.2e-3, against the 0.28 allowed).
MASSES = tuple(float(x) for x in np.round(np.geomspace(0.004, 0.04, 21), 7))
#: 1e-6 – 3.2e-3, three per decade (above, trident and BaBar exclude an L_μ − L_τ Z′ of these masses).
COUPLINGS = tuple(float(x) for x in np.round(np.logspace(-6.0, -2.5, 11), 12))


def render(table: np.ndarray, sm: float, seconds: float) -> str:
    """The CSV text: header comments, the g_X columns, the SM row, one row per mass."""
    out = io.StringIO()
    out.write("# N_eff with a light L_mu-L_tau Z' in equilibrium with nu_mu, nu_tau, loop kinetic mixing to e+e-\n"
              "# method: arXiv:1812.05605 temperature evolution as written in recast.lowenergy.neff (approximations "
              "in its docstring)\n"
              f"# made by: python -m scripts.neff.make_table ({seconds:.0f} s); row SM: the same solver without a Z'\n")
    out.write("mass_GeV," + ",".join(f"gX={g:g}" for g in COUPLINGS) + "\n")
    out.write(f"SM,{sm:.6f}\n")
    for m, row in zip(MASSES, table, strict=True):
        out.write(f"{m:g}," + ",".join(f"{v:.6f}" for v in row) + "\n")
    return out.getvalue()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="recast/data/1.0.0/" + nf.TABLE_FILE)
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    sm = nf.neff()
    table = np.array([[nf.neff(m, g) for g in COUPLINGS] for m in MASSES])
    Path(args.out).write_text(render(table, sm, time.perf_counter() - t0), encoding="utf-8")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
