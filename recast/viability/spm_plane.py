"""Model III's mass plane: ``recast scan --model Spm --plane "MSp=lin:1000:7000:25,MSm=lin:1000:7000:25"``.

In the S± radiative-y_μ model (arXiv:2107.07518) m_μ comes from the S+–S− top loop, so Δa_μ depends on the
two masses only (:func:`recast.lowenergy.g2.g2_radiative_spm`) and the plane's axes are the masses, not
couplings. Per (M_S+, M_S−) cell:

* (g−2)_μ: Δa_μ and its pull against the fit's value; ``g2_1sigma`` / ``g2_2sigma`` flag the band.
* LHC: the published scalar-LQ pair limits, rescaled per state as σ(M)B²/σ(M_lim)
  (:func:`recast.viability.verdict.lhc_lq_ratios`, the check ``recast plot --figure spm-plane`` draws;
  its approximations are stated in :data:`recast.viability.verdict.LHC_INPUTS`). The NNLO+NNLL pair table
  ends at 3 TeV: a state above it has no σ and is not extrapolated. A cell is excluded if a state inside
  the table is (ratio ≥ 1); otherwise, if a state lies above the table, the cell is ``outside xsec table``
  with no LHC verdict (``excluded_obs`` empty, ``viable`` empty when (g−2) is explained).
* the m_μ condition (:mod:`recast.lowenergy.radiative_mass`): ``mmu_eta_A_vev_GeV2`` = η_L η_R A⟨φ⟩ [GeV²] and
  ``mmu_eta_sin2theta`` = |η_L η_R sin 2θ| that give m_μ = 0.10566 GeV at these eigenvalues (empty where
  M_S+ = M_S−: equal eigenvalues admit no mixing), ``mmu_perturbative`` if the latter is ≤ 4π (|η| ≤ √(4π),
  approximation). Informational: ``viable`` does not use it.
* the ``recast flavour`` numbers (:func:`recast.lowenergy.evaluate`; S± couple to third-generation quarks
  only, so C9 = C10 = 0 and the b→sμμ verdicts ``flavour_1sigma/2sigma`` are False).

scan.csv has the S3 plane's columns (:data:`recast.scan.plane.PLANE_COLUMNS`; x = M_S+, y = M_S−, mass_GeV
the lighter mass, ``analysis`` the deciding published limit, CLs columns empty) plus :data:`SPM_EXTRA_COLUMNS`.
"""

from __future__ import annotations

import itertools
import math
import os
import time
from collections.abc import Mapping
from typing import Any

from recast.exceptions import InvalidParameter, closest
from recast.scan.plane import MASS_AXIS_GEV, PLANE_COLUMNS, Axis, PlaneRun

__all__ = ["SPM_COLUMNS", "SPM_EXTRA_COLUMNS", "run_spm_plane", "spm_cell",
           "write_spm_plane_outputs", "xsec_table_end"]


def __dir__() -> list[str]:
    return __all__


#: Columns the Spm plane adds to :data:`recast.scan.plane.PLANE_COLUMNS`.
SPM_EXTRA_COLUMNS = ("g2_1sigma", "g2_2sigma", "lhc_ratio", "lhc_states_outside_table", "mmu_eta_A_vev_GeV2",
                     "mmu_eta_sin2theta", "mmu_perturbative")
SPM_COLUMNS = (*PLANE_COLUMNS, *SPM_EXTRA_COLUMNS)
_COUPLINGS = ("eta_L", "eta_R", "A")


def xsec_table_end() -> float:
    """Upper end [GeV] of the shipped LQ pair cross-section table (:func:`recast.xsec.lq_pair_table`)."""
    from recast.xsec import lq_pair_table

    masses = lq_pair_table()[0]
    return float(masses[-1])


def spm_cell(m_plus: float, m_minus: float, *, couplings: Mapping[str, float] | None = None,
             fit: str | None = None) -> dict[str, Any]:
    """One (M_S+, M_S−) cell [GeV]: the row of scan.csv (:data:`SPM_COLUMNS`, module docstring).

    Example:
        >>> r = spm_cell(1200.0, 5000.0)
        >>> r["status"], r["excluded_obs"], round(r["delta_a_mu_1e11"], 1)
        ('ok', True, 1234.3)
    """
    from recast.lowenergy import load_fit
    from recast.models.leptoquark import Spm

    point = Spm(MSp=m_plus, MSm=m_minus, **dict(couplings or {}))
    lhc = _lhc_columns(point)
    flav = _flavour_columns(point, load_fit(fit))
    row: dict[str, Any] = {"model": "Spm", "mass_GeV": min(m_plus, m_minus), "x_name": "MSp", "x": m_plus,
                           "y_name": "MSm", "y": m_minus, **lhc, **flav}
    explains = bool(flav["g2_2sigma"] and row.pop("_bounds_ok"))  # (g-2) within 2σ, B_s mixing and trident allowed
    excluded = lhc["excluded_obs"]
    row["viable"] = None if excluded is None and explains else bool(explains and excluded is False)
    return row | _mmu_columns(m_plus, m_minus)


def _mmu_columns(m_plus: float, m_minus: float) -> dict[str, Any]:
    """The m_μ condition at the eigenvalues (module docstring; recast.lowenergy.radiative_mass)."""
    from recast.lowenergy.radiative_mass import MIXING_MAX, spm_required_coupling, spm_required_mixing

    mix = spm_required_mixing(m_plus, m_minus)
    return {"mmu_eta_A_vev_GeV2": spm_required_coupling(m_plus, m_minus),
            "mmu_eta_sin2theta": mix if math.isfinite(mix) else None, "mmu_perturbative": mix <= MIXING_MAX}


def _lhc_columns(point: Any) -> dict[str, Any]:
    """Status, σ, branching ratio, width and the published-limit verdict of a point (module docstring)."""
    from recast.sources import MAX_WIDTH_OVER_MASS
    from recast.viability.verdict import lhc_lq_ratios
    from recast.xsec import lq_pair_xsec

    states = point.states()
    wmax = max(st.width / st.mass for st in states)
    ratios = lhc_lq_ratios(point)
    inside = [(r, text) for _, _, r, text in ratios if r is not None]
    outside = sorted({name for name, _, r, _ in ratios if r is None})
    end = xsec_table_end()
    worst = max(inside, key=lambda t: t[0], default=None)
    excluded: bool | None
    if wmax > MAX_WIDTH_OVER_MASS:
        status, excluded = "wide", None
    elif worst is not None and worst[0] >= 1.0:
        status, excluded = "ok", True
    elif outside:
        status, excluded = "outside xsec table", None
    else:
        status, excluded = "ok", False
    return {
        "status": status, "sigma_pb": sum(lq_pair_xsec(st.mass)[0] for st in states if st.mass <= end),
        "br_mu_max": max(sum(br for d, br in st.branching_ratios().items() if 13 in map(abs, d)) for st in states),
        "width_over_mass": wmax, "analysis": "" if worst is None else "published LQ pair limit: " + worst[1],
        "cls_obs": None, "cls_exp": None, "cls_exp_m1": None, "cls_exp_p1": None,
        "excluded_obs": excluded, "excluded_exp": None,
        "lhc_ratio": None if worst is None else worst[0], "lhc_states_outside_table": " ".join(outside),
    }


def _flavour_columns(point: Any, spec: Mapping[str, Any]) -> dict[str, Any]:
    """The ``recast flavour`` numbers of a point and the (g−2) band flags (``_bounds_ok``: B_s mixing, trident)."""
    from recast.lowenergy import evaluate
    from recast.lowenergy.g2 import g2_radiative_spm
    from recast.lowenergy.grid import NSIGMA_BOUNDS

    g2 = spec["observables"]["delta_a_mu"]
    da = g2_radiative_spm(point.params["MSp"], point.params["MSm"])
    pull_g2 = (da * 1e11 - float(g2["value"])) / float(g2["sigma"])
    flav = evaluate(point, fit=spec["name"])
    obs = {o.key: o for o in flav.observables}
    pull = {k: (o.prediction - o.value) / o.sigma for k, o in obs.items()}
    bounds_ok = abs(pull["Bs_mixing"]) <= NSIGMA_BOUNDS and pull["trident"] <= NSIGMA_BOUNDS
    return {
        "C9": flav.wilson.C9, "C10": flav.wilson.C10, "C_LL": (flav.wilson.C9 - flav.wilson.C10) / 2,
        "bs_mumu_ratio": flav.bs_mumu_ratio, "delta_a_mu_1e11": da * 1e11, "Bs_mixing": obs["Bs_mixing"].prediction,
        "trident": obs["trident"].prediction, "pull_C_LL": pull["C_LL"], "pull_delta_a_mu": pull_g2,
        "pull_Bs_mixing": pull["Bs_mixing"], "pull_trident": pull["trident"], "chi2": flav.chi2,
        "delta_chi2": flav.chi2 - flav.chi2_sm,
        "flavour_1sigma": bool(abs(pull["C_LL"]) < 1.0 and bounds_ok),
        "flavour_2sigma": bool(abs(pull["C_LL"]) < 2.0 and bounds_ok),
        "g2_1sigma": bool(abs(pull_g2) < 1.0), "g2_2sigma": bool(abs(pull_g2) < 2.0), "_bounds_ok": bounds_ok,
    }


def _check_axes(axes: tuple[Axis, Axis]) -> None:
    names = [a.name for a in axes]
    if sorted(names) != ["MSm", "MSp"]:
        msg = f"--plane for Spm takes the two masses MSp and MSm, got {', '.join(names)} — give --plane " \
              "'MSp=lin:1000:7000:25,MSm=lin:1000:7000:25'"
        raise InvalidParameter(msg)
    lo, hi = MASS_AXIS_GEV
    for a in axes:
        if a.lo < lo or a.hi > hi:
            msg = (f"--plane {a.name}: masses must lie in {lo:g}-{hi:g} GeV, got {a.lo:g}-{a.hi:g} — choose a range "
                   "inside")
            raise InvalidParameter(msg)


def run_spm_plane(axes: tuple[Axis, Axis], *, couplings: Mapping[str, float] | None = None,
                  fit: str | None = None) -> PlaneRun:
    """Evaluate every (M_S+, M_S−) cell of the plane (module docstring); ``axes`` name MSp and MSm.

    Raises:
        InvalidParameter: axes other than MSp/MSm, masses outside :data:`recast.scan.plane.MASS_AXIS_GEV`,
            unknown couplings.
    """
    t0 = time.perf_counter()
    _check_axes(axes)
    fixed = {k: float(v) for k, v in (couplings or {}).items()}
    for k in fixed:
        if k not in _COUPLINGS:
            msg = f"--coupling {k!r} is not a parameter of the Spm plane; {closest(k, _COUPLINGS)}"
            raise InvalidParameter(msg)
    by_name = {a.name: a for a in axes}
    rows = [spm_cell(float(mp), float(mm), couplings=fixed, fit=fit)
            for mp, mm in itertools.product(by_name["MSp"].values(), by_name["MSm"].values())]
    from recast.models.leptoquark import Spm

    shown = {k: v for k, v in Spm(**fixed).params.items() if k in _COUPLINGS}
    masses = sorted({float(r["mass_GeV"]) for r in rows})
    return PlaneRun(rows=rows, axes=axes, masses=masses, fixed={0.0: shown},
                    analyses=["published LQ pair limits"], distinct=len(rows), computed=len(rows),
                    seconds=time.perf_counter() - t0, executor="in process")


def write_spm_plane_outputs(out_dir: str | os.PathLike[str], run: PlaneRun, *, inputs: dict[str, Any],
                            force: bool = False) -> tuple[Any, Any]:
    """Write ``scan.csv`` (:data:`SPM_COLUMNS`) and ``scan.json`` (inputs, conventions, rows) atomically, as
    :func:`recast.scan.plane.write_plane_outputs` does for the coupling planes.

    Raises:
        OutputExists: a file exists and *force* is False.
    """
    import json

    from recast.atomic import write_texts
    from recast.scan.table import csv_text, scan_output_paths
    from recast.viability.verdict import LHC_INPUTS

    csv_path, json_path = scan_output_paths(out_dir, force=force)
    cells = [{k: ("" if v is None else (f"{v:.6g}" if isinstance(v, float) else v)) for k, v in r.items()}
             for r in run.rows]
    end = xsec_table_end()
    doc = {
        "inputs": inputs,
        "conventions": {
            "collider": (f"{LHC_INPUTS}. The pair cross-section table ends at {end:g} GeV and is not extrapolated: "
                         "a cell is excluded if a state inside it is; otherwise a state above it leaves the cell "
                         "'outside xsec table' with no LHC verdict"),
            "status": "ok; outside xsec table (no LHC verdict); wide (a state with width/mass > 10%)",
            "g2": ("g2_1sigma / g2_2sigma: Delta a_mu (recast.lowenergy.g2.g2_radiative_spm) within 1 / 2 sigma of "
                   "the fit"),
            "flavour": ("recast flavour numbers; flavour_1sigma: C_LL within 1 sigma, B_s mixing and trident within "
                        "2 sigma (S+/S- alone give C_LL = 0)"),
            "mmu": ("m_mu = 0.10566 GeV from the S+/S- top loop (recast.lowenergy.radiative_mass): mmu_eta_A_vev_GeV2 "
                    "= eta_L eta_R A<phi> (off-diagonal of the mass matrix [[M+^2, A<phi>], [A<phi>, M-^2]]), "
                    "mmu_eta_sin2theta = |eta_L eta_R sin 2theta| (empty at M_S+ = M_S-: no mixing), mmu_perturbative: "
                    "the latter <= 4 pi (|eta| <= sqrt(4 pi), approximation); not used by viable"),
            "viable": ("g2_2sigma and B_s mixing, trident within 2 sigma and not excluded; empty when the cell has "
                       "no LHC verdict (outside xsec table)"),
            "units": {"mass": "GeV", "sigma": "pb", "delta_a_mu": "1e-11", "mmu_eta_A_vev": "GeV^2"},
        },
        "distinct_fits": 0,
        "count": len(run.rows),
        "rows": run.rows,
    }
    write_texts({csv_path: csv_text(cells, SPM_COLUMNS),
                 json_path: json.dumps(doc, indent=1, default=_json_default) + "\n"})
    return csv_path, json_path


def _json_default(v: Any) -> Any:
    return None if isinstance(v, float) and not math.isfinite(v) else float(v)
