"""Drell–Yan Z′ production per unit quark coupling: σ_unit(M) and the fiducial acceptance.

For a U(1)_X with quark-flavour-universal charges the Z′ couples to every quark with the
same vector coupling g_q = g_X X_q (X_Q = X_U = X_D, so g_A = 0), hence at leading order

    σ(pp → Z′) = (g_X X_q)² · σ_unit(M)        (narrow width),

with σ_unit the cross-section for L ⊃ Z′_μ Σ_q q̄ γ^μ q (unit vector coupling, no axial part).
The table ``recast/data/1.0.0/zprime_unit_xsec_13tev.csv`` holds σ_unit(M) and the fiducial
acceptance A_fid(M) of Z′ → μμ (both muons p_T > 30 GeV, |η| < 2.5, the fiducial region of
arXiv:1903.06248); it is made by :func:`make_table` (``python -m recast.scan.xsec``) with
Pythia 8 (``NewGaugeBoson:ffbar2gmZZprime``, ``Zprime:gmZmode = 3``, NNPDF2.3 QCD+QED LO, the
Pythia default PDF), in two runs per mass:

* σ: hard process only, the B − L Z′ at g_X = 0.01 (X_q = 1/3, so Γ/M ≈ 10⁻⁵: narrow) with
  every decay channel open, so Pythia's σ is the production cross-section; divided by
  (g_X/3)². LO, no K-factor (approximation: the NNLO Drell–Yan K-factor is ≈ 1.2–1.3, so the
  limits are conservative).
* A_fid: Z′ → μμ only, with initial- and final-state showers (no MPI or hadronisation),
  the leading μ⁺ and μ⁻ of the final state. For pp collisions and a symmetric acceptance the
  forward–backward term cancels, so A_fid does not depend on the chiral structure of the
  muon coupling (approximation: spin correlations beyond that are neglected).

Values between table masses are interpolated log-linearly in σ and linearly in A_fid.
"""

from __future__ import annotations

import argparse
import csv
import io
import math
import os
import time
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from recast.atomic import write_text
from recast.data import data_file
from recast.exceptions import InvalidParameter

__all__ = ["TABLE_FILE", "compute_unit_point", "fiducial_acceptance", "make_table", "table", "unit_xsec_pb"]

TABLE_FILE = "zprime_unit_xsec_13tev.csv"
#: B − L coupling used to make the table (narrow: Γ/M ≈ 1e-5); X_q = 1/3.
_GX_TABLE = 0.01
_XQ_TABLE = 1.0 / 3.0
_MB_TO_PB = 1e9
_PT_MIN, _ETA_MAX = 30.0, 2.5  # GeV; fiducial region of arXiv:1903.06248 (physics.md §4)


def __dir__() -> list[str]:
    return __all__


def _pythia(lines: list[str], seed: int) -> Any:
    """A quiet, initialised Pythia (:func:`recast.events.pythia.new_pythia`)."""
    from recast.events.pythia import new_pythia
    from recast.quiet import quiet_stdout

    with quiet_stdout(True):
        return new_pythia(lines, seed=seed)


def compute_unit_point(mass_GeV: float, *, n_sigma: int = 4000, n_acc: int = 2000,
                       seed: int = 1) -> dict[str, Any]:
    """σ_unit [pb] and A_fid at one mass with Pythia 8 (see the module docstring).

    Returns:
        ``{"mass_GeV", "sigma_unit_pb", "sigma_unit_err_pb", "a_fid", "a_fid_err", "seconds"}``.
    """
    import awkward as ak
    import vector

    from recast.events.settings import pythia_settings
    from recast.models import get_model
    from recast.quiet import quiet_stdout

    t0 = time.perf_counter()
    model = get_model("B-L", MZp=float(mass_GeV), gX=_GX_TABLE)
    base = [s for s in pythia_settings(model) if not s.startswith(("32:onMode", "32:onIfAny", "32:mMin", "32:mMax"))]
    window = [f"32:mMin = {0.5 * mass_GeV:.6g}", f"32:mMax = {1.5 * mass_GeV:.6g}"]
    norm = (_GX_TABLE * _XQ_TABLE) ** 2
    # run 1: production cross-section, every channel open, hard process only
    py = _pythia([*base, *window, "32:onMode = on", "PartonLevel:all = off", "HadronLevel:all = off",
                  "ProcessLevel:resonanceDecays = off"], seed)
    with quiet_stdout(True):
        py.nextBatch(n_sigma, 10.0)
        info = py.infoPython()
        sigma, sigma_err = info.sigmaGen() * _MB_TO_PB / norm, info.sigmaErr() * _MB_TO_PB / norm
    # run 2: acceptance of Z' -> mu mu with showers
    py = _pythia([*base, *window, "32:onMode = off", "32:onIfAny = 13", "PartonLevel:MPI = off",
                  "HadronLevel:all = off"], seed + 1)
    with quiet_stdout(True):
        batch = py.nextBatch(n_acc, 10.0)
    prt = batch["prt"]
    final = prt[prt.status > 0]
    passed = np.ones(len(final), dtype=bool)
    for sign in (13, -13):
        mu = final[final.id == sign]
        p4 = vector.zip({"px": mu.p.px, "py": mu.p.py, "pz": mu.p.pz, "E": mu.p.e})
        lead = ak.argmax(p4.pt, axis=1, keepdims=True)
        best = ak.firsts(p4[lead])
        ok = ak.fill_none((best.pt > _PT_MIN) & (abs(best.eta) < _ETA_MAX), False)
        passed &= ak.to_numpy(ok)
    a_fid = float(passed.mean())
    return {
        "mass_GeV": float(mass_GeV),
        "sigma_unit_pb": sigma,
        "sigma_unit_err_pb": sigma_err,
        "a_fid": a_fid,
        "a_fid_err": math.sqrt(a_fid * (1 - a_fid) / len(passed)),
        "seconds": time.perf_counter() - t0,
    }


def make_table(path: str | os.PathLike[str], masses: Iterable[float], *, n_sigma: int = 4000, n_acc: int = 2000,
               seed: int = 1) -> list[dict[str, Any]]:
    """Compute :func:`compute_unit_point` at every mass and write the CSV (atomically)."""
    from importlib.metadata import version

    rows = []
    for m in masses:
        rows.append(compute_unit_point(float(m), n_sigma=n_sigma, n_acc=n_acc, seed=seed))
        r = rows[-1]
        print(f"M = {m:6.0f} GeV  sigma_unit = {r['sigma_unit_pb']:.4g} pb  A_fid = {r['a_fid']:.3f}", flush=True)
    head = (
        "# Z' Drell-Yan cross-section per unit vector quark coupling, pp at 13 TeV, "
        "and fiducial acceptance of Z'->mumu\n"
        f"# made by: python -m recast.scan.xsec (recast.scan.xsec.make_table), pythia8mc {version('pythia8mc')}, "
        f"NewGaugeBoson:ffbar2gmZZprime, Zprime:gmZmode = 3, default PDF (NNPDF2.3 QCD+QED LO), LO (no K-factor)\n"
        f"# sigma: B-L Z' at gX = {_GX_TABLE} (X_q = 1/3), all channels open, hard process only, "
        f"{n_sigma} events, divided by (gX X_q)^2\n"
        f"# a_fid: Z'->mumu, ISR+FSR (no MPI/hadronisation), {n_acc} events; "
        "both leading mu+ and mu- pT > 30 GeV, |eta| < 2.5 (arXiv:1903.06248)\n"
        f"# seed {seed}\n"
    )
    buf = io.StringIO()
    buf.write(head)
    cols = ["mass_GeV", "sigma_unit_pb", "sigma_unit_err_pb", "a_fid", "a_fid_err"]
    w = csv.DictWriter(buf, fieldnames=cols, extrasaction="ignore", lineterminator="\n")
    w.writeheader()
    for r in rows:
        w.writerow({k: (f"{v:.6g}" if isinstance(v, float) else v) for k, v in r.items()})
    write_text(path, buf.getvalue())
    return rows


@cache
def table() -> dict[str, np.ndarray]:
    """The shipped table as arrays ``mass_GeV, sigma_unit_pb, sigma_unit_err_pb, a_fid, a_fid_err``."""
    text = data_file(TABLE_FILE).read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln and not ln.startswith("#")]
    rows = list(csv.DictReader(io.StringIO("\n".join(lines))))
    return {k: np.array([float(r[k]) for r in rows]) for k in rows[0]}


def _check(mass_GeV: float) -> np.ndarray:
    m = table()["mass_GeV"]
    if not m[0] <= mass_GeV <= m[-1]:
        msg = f"Z' mass {mass_GeV:g} GeV outside the unit cross-section table ({m[0]:g}-{m[-1]:g} GeV)"
        raise InvalidParameter(msg)
    return m


def unit_xsec_pb(mass_GeV: float) -> float:
    """σ(pp → Z′) [pb] at 13 TeV for a unit vector coupling to every quark (log-linear interpolation)."""
    m = _check(mass_GeV)
    return float(np.exp(np.interp(mass_GeV, m, np.log(table()["sigma_unit_pb"]))))


def fiducial_acceptance(mass_GeV: float) -> float:
    """A_fid of Z′ → μμ (both muons p_T > 30 GeV, |η| < 2.5), linear interpolation."""
    m = _check(mass_GeV)
    return float(np.interp(mass_GeV, m, table()["a_fid"]))


def main(argv: list[str] | None = None) -> None:
    """Command line: ``python -m recast.scan.xsec [--out FILE] [--n-sigma N] [--n-acc N]``."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(Path(__file__).resolve().parent.parent / "data" / "1.0.0" / TABLE_FILE))
    ap.add_argument("--n-sigma", type=int, default=4000)
    ap.add_argument("--n-acc", type=int, default=2000)
    ap.add_argument("--masses", default="250:6000:250", help="start:stop:step in GeV")
    args = ap.parse_args(argv)
    a, b, s = (float(x) for x in args.masses.split(":"))
    make_table(args.out, np.arange(a, b + 0.5 * s, s), n_sigma=args.n_sigma, n_acc=args.n_acc)


if __name__ == "__main__":
    main()
