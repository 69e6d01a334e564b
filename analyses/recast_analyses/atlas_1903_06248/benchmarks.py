"""Benchmark Z′ (Z′_ψ, Z′_SSM) lower mass limits from this search's fiducial route, in seconds.

The paper quotes benchmark Z′ mass limits for ee + μμ combined (arXiv:1903.06248 abstract:
"reach 4.5 TeV for the E6-motivated Z′_ψ boson"; Z′_SSM 5.1 TeV as quoted in issue 22); its
per-channel table could not be read here. Ours: ``channel="ll"`` (ee + μμ in one likelihood,
as the paper), ``"mumu"`` or ``"ee"``, from the same likelihood as the fiducial checks:

* σ(pp → Z′ → ℓℓ)(M) per lepton flavour of the named model (``Zp_psi``, ``Zp_SSM``; both
  lepton-universal, so σ×B(ee) = σ×B(μμ)): recast's own Pythia 8 **LO** numbers shipped in
  ``benchmark_xsec.csv`` (no NNLO K-factor: ATLAS normalises its benchmarks at NNLO QCD, a
  mass-dependent K-factor that could not be read here, so every output says LO), interpolated
  log-linearly in M;
* our 95% upper limit on the fiducial σ×B of a narrow resonance at M (*limit_at*, recast's
  :func:`recast.fiducial.fiducial_limit` of this search: the published μμ spectrum, the paper's background
  function, the paper's Crystal Ball + Gaussian mass response, acc×eff = the published
  spin-1 μμ curve, the declared limit method);
* μ_UL(M) = limit / σ×B and the mass where μ_UL crosses 1 (:func:`recast.stats.mass_limit`).

Using the total σ×B as the fiducial σ×B is exact here: the fiducial route normalises the
signal with the published *total* acceptance × efficiency of a spin-1 Z′ (see
``analysis.yaml`` ``fiducial_route``). The narrow-resonance shape is apt for Z′_ψ
(Γ/M ≈ 0.5 %); for Z′_SSM (Γ/M ≈ 3 %) it is an approximation (the width is not folded in).

Example:
    >>> round(benchmark_xsec_fb("Zp_psi", 4500.0), 4)   # fb, recast Pythia 8 LO
    0.015
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from functools import cache
from importlib.resources import files
from typing import TYPE_CHECKING

import numpy as np

from recast.exceptions import InvalidParameter

if TYPE_CHECKING:
    from recast.stats import UpperLimit

__all__ = [
    "BENCHMARK_MASSES",
    "BENCHMARK_MODELS",
    "XSEC_ORDER_LABEL",
    "benchmark_mu_ul",
    "benchmark_xsec_fb",
    "fiducial_mass_limit",
]

#: Benchmark models with stored cross-sections (named models of recast.models.zprime).
BENCHMARK_MODELS = ("Zp_SSM", "Zp_psi")
#: Pole masses [GeV] of the scan: the stored cross-sections inside our fiducial range (≤ 5806 GeV).
BENCHMARK_MASSES = (3500.0, 4000.0, 4500.0, 5000.0, 5500.0)


def __dir__() -> list[str]:
    return __all__


@cache
def _table() -> dict[str, tuple[np.ndarray, np.ndarray]]:
    text = files("recast_analyses.atlas_1903_06248").joinpath("benchmark_xsec.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO("\n".join(ln for ln in text.splitlines() if ln and not ln.startswith("#")))))
    out: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    for name in BENCHMARK_MODELS:
        sel = [r for r in rows if r["model"] == name]
        out[name] = (np.array([float(r["mass_GeV"]) for r in sel]), np.array([float(r["xsec_mumu_pb"]) for r in sel]))
    return out


def benchmark_xsec_fb(model: str, mass_GeV: float) -> float:
    """σ(pp → Z′ → μμ) [fb] of a benchmark model at *mass_GeV* (log-linear in the stored points).

    Raises:
        InvalidParameter: unknown model or mass outside the stored 3.5-6 TeV.
    """
    if model not in BENCHMARK_MODELS:
        msg = f"no stored cross-section for {model!r} — use one of {', '.join(BENCHMARK_MODELS)}"
        raise InvalidParameter(msg)
    m, xs = _table()[model]
    if not m[0] <= mass_GeV <= m[-1]:
        msg = f"mass {mass_GeV:g} GeV outside the stored {model} cross-sections ({m[0]:g}-{m[-1]:g} GeV)"
        raise InvalidParameter(msg)
    return float(np.exp(np.interp(mass_GeV, m, np.log(xs))) * 1000.0)


#: Label every benchmark output carries: the signal cross-section is leading order.
XSEC_ORDER_LABEL = "signal sigma x B: recast Pythia 8 LO (no NNLO QCD K-factor)"


def benchmark_mu_ul(model: str, *, limit_at: Callable[[float], UpperLimit], observed: bool = True) -> list[float]:
    """μ_UL = our fiducial σ×B limit / the model's LO σ×B(ℓℓ) at each of :data:`BENCHMARK_MASSES`.

    Args:
        model: ``"Zp_psi"`` or ``"Zp_SSM"``.
        limit_at: our fiducial limit [fb, as μ at 1 fb] at a pole mass in the chosen channel
            (``chain.fiducial_limit(ANALYSIS, m, channel=...)``, cached to share limits between checks).
        observed: observed (default) or median expected limit.
    """
    out = []
    for m in BENCHMARK_MASSES:
        lim = limit_at(m)
        fb = lim.observed if observed else lim.expected[2]
        out.append(float("nan") if fb is None else float(fb) / benchmark_xsec_fb(model, m))  # NaN: skipped
    return out


def fiducial_mass_limit(model: str, *, limit_at: Callable[[float], UpperLimit], observed: bool = True) -> float:
    """Our 95% lower mass limit [GeV] on a benchmark Z′ → ℓℓ from this search, LO σ (NaN if no crossing).

    Arguments as :func:`benchmark_mu_ul`; the crossing of μ_UL = 1 is interpolated in log μ_UL.
    """
    from recast.stats import mass_limit

    mus = benchmark_mu_ul(model, observed=observed, limit_at=limit_at)
    lim = mass_limit(list(BENCHMARK_MASSES), mus)
    return float("nan") if lim is None else float(lim)
