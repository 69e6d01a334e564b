"""Model III's plane (arXiv:2107.07518): the S± radiative-muon-mass model in (M_S+, M_S−).

Drawn: the (g−2)_μ 1σ and 2σ preferred regions of Δa_μ(M_S+, M_S−)
(:func:`recast.lowenergy.g2.g2_radiative_spm`: in this model m_μ comes from the S+–S− top loop, so
Δa_μ depends on the two masses only), the region an LHC mass-limit check excludes (given as a
function of the two masses: the CLI passes the published-limit check of :mod:`recast.viability`),
and the line where the NNLO+NNLL pair cross-section table ends (3 TeV: above it no LHC limit is
computed, and none is expected: the published ones stop below 2 TeV). Not drawn: the m_μ condition
itself, which fixes η_L η_R A and needs them (not axes of this plane).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from recast.plotting.style import COLORS, figure, header, save_and_close, style

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["plot_spm_plane", "spm_plane_figure"]


def __dir__() -> list[str]:
    return __all__


#: Upper end of the shipped LQ pair cross-section table [GeV] (recast/data/1.0.0/lq_pair_xsec_13tev_nnlo_nnll.csv).
XSEC_TABLE_END_GEV = 3000.0


def spm_plane_figure(*, fit: str | None = None, mass_range: tuple[float, float] = (1000.0, 7000.0), n: int = 61,
                     lhc_excluded: Callable[[float, float], bool] | None = None, lhc_label: str = "") -> Figure:
    """The (M_S+, M_S−) plane [GeV] (gids ``g2_1sigma``, ``g2_2sigma``, ``lhc_excluded``, ``xsec_table_end``)."""
    from recast.lowenergy import load_fit
    from recast.lowenergy.g2 import g2_radiative_spm

    spec = load_fit(fit)
    g2 = spec["observables"]["delta_a_mu"]
    value, sigma = float(g2["value"]) * 1e-11, float(g2["sigma"]) * 1e-11
    m = np.linspace(*mass_range, n)
    mp, mm = np.meshgrid(m, m, indexing="xy")
    da = np.vectorize(g2_radiative_spm)(mp, mm)
    pull = (da - value) / sigma
    with style():
        fig, ax = figure()
        ax.contourf(mp, mm, np.abs(pull), levels=[0.0, 1.0, 2.0], colors=[COLORS["green"], COLORS["yellow"]],
                    alpha=0.6)
        for ns, col in ((1, COLORS["green"]), (2, COLORS["yellow"])):
            ax.plot([], [], color=col, lw=8, alpha=0.6, label=rf"$(g-2)_\mu$ preferred, {ns}$\sigma$",
                    gid=f"g2_{ns}sigma")
        if lhc_excluded is not None:
            excl = np.vectorize(lambda a, b: 1.0 if lhc_excluded(float(a), float(b)) else 0.0)(mp, mm)
            if excl.any():
                ax.contourf(mp, mm, excl, levels=[0.5, 1.5], colors=[COLORS["grey"]], alpha=0.5)
            ax.plot([], [], color=COLORS["grey"], lw=8, alpha=0.5, label=f"LHC excluded ({lhc_label})"
                    if lhc_label else "LHC excluded", gid="lhc_excluded")
        ax.axvline(XSEC_TABLE_END_GEV, color=COLORS["black"], ls=":", lw=1)
        ax.axhline(XSEC_TABLE_END_GEV, color=COLORS["black"], ls=":", lw=1,
                   label="LQ pair cross-section table ends (3 TeV)", gid="xsec_table_end")
        ax.set_xlabel(r"$M_{S^+}$ [GeV]")
        ax.set_ylabel(r"$M_{S^-}$ [GeV]")
        ax.set_xlim(*mass_range)
        ax.set_ylim(*mass_range)
        inputs = f"$\\Delta a_\\mu$ = {g2['value']:g}({g2['sigma']:g})e-11 ({spec['name']} fit inputs)"
        header(ax, extra="Model III: radiative $m_\\mu$ with $S^\\pm$\n" + inputs, boxed=True, loc=(0.14, 0.45))
        ax.legend(loc="lower right", fontsize=9, frameon=True)
    return fig


def plot_spm_plane(out_dir: Path, *, stem: str = "spm_plane", **kwargs: Any) -> list[Path]:
    """Write :func:`spm_plane_figure` as ``<stem>.pdf`` and ``<stem>.png``."""
    return save_and_close(spm_plane_figure(**kwargs), out_dir, stem)
