"""Model III's plane (arXiv:2107.07518): the S± radiative-muon-mass model in (M_S+, M_S−).

Drawn: the (g−2)_μ 1σ and 2σ preferred regions of Δa_μ(M_S+, M_S−)
(:func:`recast.lowenergy.g2.g2_radiative_spm`: in this model m_μ comes from the S+–S− top loop, so
Δa_μ depends on the two masses only), the region an LHC mass-limit check excludes (given as a
function of the two masses: the CLI passes the published-limit check of :mod:`recast.viability`),
and the line where the NNLO+NNLL pair cross-section table ends (3 TeV: above it no LHC limit is
computed, and none is expected: the published ones stop below 2 TeV), and the m_μ condition
(:mod:`recast.lowenergy.radiative_mass`): contours of the |η_L η_R sin 2θ| that m_μ = 0.10566 GeV needs at these
eigenvalues, and shaded where that exceeds 4π (|η| ≤ √(4π), approximation): a band |M_S+ − M_S−| ≲ 0.3 % M along
the diagonal, where the near-equal eigenvalues leave too little room for mixing.
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


#: The |η_L η_R sin 2θ| contours drawn (the plane's smallest value, at (1, 7) TeV, is 0.017).
MMU_LEVELS = (0.03, 0.1, 0.3, 1.0)

#: Upper end of the shipped LQ pair cross-section table [GeV] (recast/data/1.0.0/lq_pair_xsec_13tev_nnlo_nnll.csv).
XSEC_TABLE_END_GEV = 3000.0


def spm_plane_figure(*, fit: str | None = None, mass_range: tuple[float, float] = (1000.0, 7000.0), n: int = 61,
                     lhc_excluded: Callable[[float, float], bool] | None = None, lhc_label: str = "") -> Figure:
    """The (M_S+, M_S−) plane [GeV] (gids ``g2_1sigma``, ``g2_2sigma``, ``lhc_excluded``, ``xsec_table_end``,
    ``mmu_contours``, ``mmu_nonperturbative``)."""
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
        _draw_mmu_condition(ax, mass_range)
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


def _partners(masses: np.ndarray, level: float, *, above: bool) -> np.ndarray:
    """The other eigenvalue at which m_μ needs |η_L η_R sin 2θ| = ``level`` (nan where not reached)."""
    from recast.lowenergy.radiative_mass import spm_mixing_partner

    out = [spm_mixing_partner(float(m), level, above=above) for m in masses]
    return np.array([np.nan if p is None else p for p in out])


def _draw_mmu_condition(ax: Any, mass_range: tuple[float, float]) -> None:
    """Contours of the m_μ condition's |η_L η_R sin 2θ| (both sides of the diagonal) and its non-perturbative band."""
    from recast.lowenergy.radiative_mass import MIXING_MAX

    m = np.linspace(*mass_range, 241)
    for i, level in enumerate(MMU_LEVELS):
        up = _partners(m, level, above=True)
        ax.plot(m, up, color=COLORS["blue"], lw=0.9, ls="--")
        ax.plot(up, m, color=COLORS["blue"], lw=0.9, ls="--", label=(
            r"$m_\mu$ needs $|\eta_L\eta_R\sin 2\theta|$ = " + ", ".join(f"{v:g}" for v in MMU_LEVELS))
            if i == 0 else None, gid="mmu_contours" if i == 0 else None)
        inside = np.flatnonzero(up <= mass_range[0] + 0.93 * (mass_range[1] - mass_range[0]))
        if inside.size:  # label the line near the top edge, left of it
            j = inside[-1]
            ax.annotate(f"{level:g}", (m[j], up[j]), xytext=(-16, 0), textcoords="offset points", fontsize=8,
                        color=COLORS["blue"])
    lo, hi = _partners(m, MIXING_MAX, above=False), _partners(m, MIXING_MAX, above=True)
    ax.fill_between(m, lo, hi, color=COLORS["vermillion"], edgecolor=COLORS["vermillion"], lw=1.2,
                    label=r"$m_\mu$ non-perturbative: $|\eta_L\eta_R| > 4\pi$ ($M_{S^\pm}$ within 0.3%)",
                    gid="mmu_nonperturbative")


def plot_spm_plane(out_dir: Path, *, stem: str = "spm_plane", **kwargs: Any) -> list[Path]:
    """Write :func:`spm_plane_figure` as ``<stem>.pdf`` and ``<stem>.png``."""
    return save_and_close(spm_plane_figure(**kwargs), out_dir, stem)
