"""Overlay plots: where the LHC excludes a muoquark or a Z′ and where the flavour data want it.

* LQ plane (S3): x = M_LQ, y = |y_bμ y_sμ*|: shaded LHC pair-production exclusion(s) (mass
  limits as input, one per muon branching ratio) or, from a coupling-plane scan
  (``recast scan --plane``, :mod:`recast.scan.plane`), the true collider contour CLs(μ=1) = 0.05
  along y_bμ = const, where the decay pattern (b or s quark, B(μq)) changes with y_sμ/y_bμ;
  the b→sμμ 1σ/2σ preferred band, the B_s-mixing exclusion (one-loop box) and the
  perturbativity line |y_bμ| = |y_sμ| = √(4π).
* Z′ plane: x = M_Z′, y = g_X: dimuon-search exclusion (input: (mass, g_X limit) pairs),
  neutrino trident, B_s mixing and the b→sμμ band for g_bs = θ g_X, and the (g−2)_μ band.

Physics curves come from :mod:`recast.lowenergy.bounds`; every figure states the fit inputs.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from recast.exceptions import InvalidParameter
from recast.plotting.style import COLORS, figure, flavour_inputs_label, header, save_and_close, style

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from recast.models.base import Model

__all__ = [
    "NARROW_WIDTH_MAX", "collider_contour_grid", "lq_plane_figure", "plot_lq_plane", "plot_zprime_plane",
    "zprime_plane_figure",
]


def __dir__() -> list[str]:
    return __all__


_PERTURBATIVE = 4 * math.pi  # |y| ≤ √(4π) for each coupling
#: Largest Γ/M for which the narrow-resonance dimuon limits hold (as recast.scan.points.MAX_WIDTH_RATIO).
NARROW_WIDTH_MAX = 0.10


def _limits(lhc_limits: Sequence[dict[str, Any] | float] | None) -> list[dict[str, Any]]:
    out = []
    for given in lhc_limits or []:
        item = {"mass_GeV": float(given)} if isinstance(given, (int, float)) else given
        if "mass_GeV" not in item or not (item["mass_GeV"] > 0):
            msg = f"LHC mass limit {item!r} needs a positive 'mass_GeV' (GeV)"
            raise InvalidParameter(msg)
        out.append(dict(item))
    return out


def _bands(
    ax: Axes,
    m: np.ndarray,
    band_of: Callable[[int], tuple[np.ndarray, np.ndarray] | None],
    what: str, gid: str, colours: tuple[str, str], floor: float) -> None:
    """Draw the 2σ and 1σ preferred bands (gids ``<gid>_2sigma``, ``<gid>_1sigma``).

    A band whose lower edge reaches zero (the SM lies inside it) is not a preference: then only
    its upper edge is drawn, as an exclusion line (gid ``<gid>_excluded``) for the 2σ band.
    """
    for ns, col, alpha in ((2, colours[0], 0.55), (1, colours[1], 0.75)):
        band = band_of(ns)
        if band is None:
            return
        lo, hi = band
        drawn = np.isfinite(lo)  # NaN: not drawn there (a Z' lighter than m_b has no local b->s operator)
        if drawn.any() and np.all(lo[drawn] > 0):
            ax.fill_between(
                m,
                np.maximum(lo, floor / 10),
                hi,
                color=col,
                alpha=alpha,
                lw=0,
                label=rf"{what} preferred, {ns}$\sigma$",
                gid=f"{gid}_{ns}sigma",
            )
        elif ns == 2 and np.any(hi[np.isfinite(hi)] > 0):
            ax.plot(
                m,
                hi,
                color=colours[1],
                lw=2,
                ls=(0, (1, 1)),
                label=rf"{what} excluded above (2$\sigma$; SM inside)",
                gid=f"{gid}_excluded",
            )


def collider_contour_grid(rows: Sequence[dict[str, Any]], *, y_bmu: float = 1.0,
                          ) -> tuple[np.ndarray, np.ndarray, np.ndarray, float, str]:
    """From S3 plane-scan rows (``x`` = y_bμ, ``y`` = y_sμ): the slice of grid y_bμ nearest *y_bmu* (in log) as
    ``(masses [GeV], products |y_bμ y_sμ|, CLs[product, mass], y_bμ used, "observed"|"expected")``.

    CLs is the observed one where every point of the slice has observed data, else the expected
    median; points without a collider verdict (wide states) are NaN.

    Raises:
        InvalidParameter: no rows of a (y_bmu, y_smu) plane, or fewer than two masses.
    """
    pts = [r for r in rows if r.get("x_name") == "y_bmu" and r.get("y_name") == "y_smu" and r["x"] > 0]
    if not pts:
        msg = "the collider contour needs rows of an S3 plane scan in (y_bmu, y_smu) — recast scan --plane"
        raise InvalidParameter(msg)
    xs = sorted({r["x"] for r in pts})
    xb = min(xs, key=lambda v: abs(math.log(v / y_bmu)))
    sl = [r for r in pts if r["x"] == xb]
    masses = np.array(sorted({float(r["mass_GeV"]) for r in sl}))
    ys = np.array(sorted({float(r["y"]) for r in sl}))
    if len(masses) < 2 or len(ys) < 2:
        msg = "the collider contour needs at least two masses and two y_smu values"
        raise InvalidParameter(msg)
    has_obs = all(r.get("cls_obs") is not None for r in sl if r["status"] == "ok")
    which, col = ("observed", "cls_obs") if has_obs else ("expected", "cls_exp")
    grid = np.full((len(ys), len(masses)), np.nan)
    for r in sl:
        if r["status"] == "ok" and r.get(col) is not None:
            grid[np.searchsorted(ys, r["y"]), np.searchsorted(masses, r["mass_GeV"])] = float(r[col])
    return masses, ys * xb, grid, xb, which


def _collider_contour(ax: Axes, rows: Sequence[dict[str, Any]], y_bmu: float) -> None:
    """Shade CLs(μ=1) < 0.05 of a plane scan in (M, |y_bμ y_sμ|) and draw its contour (gid ``lhc_contour``)."""
    masses, prod, cls_grid, xb, which = collider_contour_grid(rows, y_bmu=y_bmu)
    z = np.log10(np.clip(cls_grid, 1e-300, None) / 0.05)  # < 0: excluded at 95% CL
    ax.contourf(masses, prod, np.ma.masked_invalid(z), levels=[-np.inf, 0.0], colors=[COLORS["grey"]], alpha=0.35,
                hatches=["//"])
    cs = ax.contour(masses, prod, np.ma.masked_invalid(z), levels=[0.0], colors=[COLORS["black"]], linewidths=2)
    cs.set_gid("lhc_contour")
    label = (rf"LHC LQ pair ({which} CLs, maps): excluded, $y_{{b\mu}}$ = {xb:.3g}")
    ax.plot([], [], color=COLORS["black"], lw=2, label=label, gid="lhc_contour_label")
    if np.isnan(cls_grid).any():
        wide = np.where(np.isnan(cls_grid), 1.0, np.nan)
        ax.contourf(masses, prod, np.ma.masked_invalid(wide), levels=[0.5, 1.5], colors="none", hatches=["xx"])
        ax.plot([], [], color="none", label=r"no collider verdict ($\Gamma/M > 10\%$)", gid="lhc_wide")
    ax.text(masses[-1], prod[0], f" scan: {masses[0]:g}-{masses[-1]:g} GeV", fontsize=8, ha="right", va="bottom",
            color="#333333", gid="lhc_contour_range")


def lq_plane_figure(
    *,
    lhc_limits: Sequence[dict[str, Any] | float] = (),
    lhc_plane: Sequence[dict[str, Any]] | None = None,
    y_bmu: float = 1.0,
    fit: str | None = None,
    mass_range: tuple[float, float] = (500.0, 1.0e5),
    y_range: tuple[float, float] = (1e-6, 60.0),
    lumi_fb: float = 139.0,
    model: str = "S3",
) -> Figure:
    """The S3 plane (returns the Figure; artists carry gids ``lhc_excluded_<i>``, ``flavour_1sigma``,
    ``flavour_2sigma``, ``bs_mixing``, ``perturbativity``).

    Args:
        lhc_limits: LHC pair-production mass limits, each ``{"mass_GeV", "br_mu" (optional),
            "label" (optional)}`` or a bare mass in GeV; the first is shaded, the others dashed.
        lhc_plane: rows of an S3 plane scan in (y_bmu, y_smu) (``scan.json`` "rows",
            :func:`recast.scan.plane.run_plane`): the collider contour CLs(μ=1) = 0.05 along the
            scanned y_bμ nearest *y_bmu* (:func:`collider_contour_grid`), instead of a fixed-BR mass limit.
        y_bmu: the y_bμ slice of *lhc_plane* (default 1, the benchmark's).
        fit: flavour fit-input set (``"2021"`` default, ``"2025"``).
        mass_range: x range in GeV; y_range: coupling-product range (default: up to ~5x the
            perturbativity line 4π, not decades past it).
        lumi_fb: luminosity for the label.
        model: only ``S3`` has a tree-level C9 = −C10 to plot.
    """
    from recast.lowenergy import bounds, load_fit

    if model != "S3":
        msg = f"the LQ plane is drawn for S3 (tree-level C9 = -C10), not {model}"
        raise InvalidParameter(msg)
    spec = load_fit(fit)
    m = np.geomspace(*mass_range, 400)
    lims = _limits(lhc_limits)
    with style():
        fig, ax = figure()
        y0, y1 = y_range
        top = y1
        if lhc_plane is not None:
            _collider_contour(ax, lhc_plane, y_bmu)
        for i, lim in enumerate(lims):
            br = lim.get("br_mu")
            label = lim.get("label") or ("LHC LQ pair" + (f", B(LQ→μq) = {br:g}" if br is not None else ""))
            label += f": M > {lim['mass_GeV']:.0f} GeV"
            if i == 0 and lhc_plane is None:
                ax.fill_between(
                    [mass_range[0], lim["mass_GeV"]],
                    y0,
                    top,
                    facecolor=COLORS["grey"],
                    alpha=0.35,
                    edgecolor=COLORS["black"],
                    hatch="//",
                    lw=0,
                    label=label,
                    gid="lhc_excluded_0",
                )
            else:
                ax.axvline(
                    lim["mass_GeV"],
                    color=COLORS["black"],
                    ls=(0, (4, 2 + i)),
                    lw=1.5,
                    label=label,
                    gid=f"lhc_excluded_{i}",
                )
        _bands(
            ax,
            m,
            lambda ns: bounds.s3_flavour_band(m, spec["name"], nsigma=ns),
            r"$b\to s\mu\mu$",
            "flavour",
            (COLORS["skyblue"], COLORS["blue"]),
            y0,
        )
        bs = bounds.s3_bs_mixing_max_product(m, spec["name"])
        ax.fill_between(
            m,
            bs,
            top,
            facecolor=COLORS["vermillion"],
            alpha=0.25,
            edgecolor=COLORS["vermillion"],
            hatch="\\\\",
            lw=0,
            gid="bs_mixing_region",
        )
        ax.plot(m, bs, color=COLORS["vermillion"], lw=2, label=r"$B_s$ mixing (S3 box) excluded above", gid="bs_mixing")
        ax.axhline(
            _PERTURBATIVE,
            color=COLORS["purple"],
            ls="-.",
            lw=2,
            label=r"perturbativity $|y_{b\mu}|=|y_{s\mu}|=$ √(4π)",
            gid="perturbativity",
        )
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlim(*mass_range)
        ax.set_ylim(y0, top)
        ax.set_xlabel(r"$M_{S_3}$ [GeV]")
        ax.set_ylabel(r"$|y_{b\mu}\, y_{s\mu}^*|$")
        # header boxed inside the excluded corner, below the perturbativity line (covers no band)
        header(ax, lumi_fb=lumi_fb, extra=r"$S_3$ muoquark, $C_9=-C_{10}$ at tree level", loc=(0.03, 0.87), boxed=True)
        leg = ax.legend(loc="lower right", frameon=True, framealpha=0.92, edgecolor="none", fontsize=10)
        leg.set_zorder(7)
        fig.text(
            0.01, 0.005, flavour_inputs_label(spec) + "; exclusions at 2σ", fontsize=9, va="bottom", color="#333333"
        )
        fig.tight_layout(rect=(0, 0.035, 1, 1))
    return fig


def plot_lq_plane(out_dir: Path, *, stem: str = "lq_plane", **kwargs: Any) -> list[Path]:
    """Draw :func:`lq_plane_figure` and save ``<stem>.pdf``/``.png`` in ``out_dir``."""
    return save_and_close(lq_plane_figure(**kwargs), out_dir, stem)


#: Legend names of the light-Z′ curves (recast.lowenergy.bounds.zprime_light_curves_max_gx keys).
_CURVE_LABELS = {"Delta N_eff": r"$\Delta N_\mathrm{eff}$ (Planck 2018 + BAO)"}


def zprime_plane_figure(
    *,
    model: str | Model = "Lmu-Ltau",
    dimuon_limits: Sequence[tuple[float, float]] | None = None,
    theta_bs: float = 1e-3,
    fit: str | None = None,
    mass_range: tuple[float, float] = (100.0, 1.0e4),
    g_range: tuple[float, float] = (1e-3, 10.0),
    lumi_fb: float = 139.0,
) -> Figure:
    """The Z′ (M, g_X) plane (returns the Figure; gids ``dimuon_excluded``, ``trident``, ``bs_mixing``,
    ``bsmumu_1sigma``, ``bsmumu_2sigma``, ``g2_1sigma``, ``g2_2sigma``).

    Args:
        model: a named Z′ (``"Lmu-Ltau"``, ``"B-3Lmu"``, ...) or a :class:`recast.models.ZPrime`.
        dimuon_limits: (mass GeV, largest allowed g_X) pairs from the dimuon search; the region
            above the curve is shaded.
        theta_bs: |g_bs/g_X|, the b–s mixing ratio (sign chosen to give C9 − C10 < 0).
        fit: flavour fit-input set; mass_range (GeV) and g_range set the axes.
    """
    from recast.lowenergy import bounds, load_fit
    from recast.models import ZPrimeModel, get_model

    if isinstance(model, str):
        model = get_model(model)
    if not isinstance(model, ZPrimeModel):
        msg = f"the Z' plane needs a Z' model, not {model.name}"
        raise InvalidParameter(msg)
    if not theta_bs or not math.isfinite(theta_bs):
        msg = f"theta_bs = g_bs/g_X must be a nonzero number, got {theta_bs!r}"
        raise InvalidParameter(msg)
    spec = load_fit(fit)
    m = np.geomspace(*mass_range, 200)
    g0, g1 = g_range
    with style():
        fig, ax = figure(wide=True)
        top = g1
        wide_note = ""
        if dimuon_limits:
            dm = np.array(sorted(dimuon_limits), dtype=float)
            # log-log interpolation between the mass points: no kinks or steps from the grid
            fm = np.geomspace(dm[0, 0], dm[-1, 0], 300) if len(dm) > 1 else dm[:, 0]
            fg = np.exp(np.interp(np.log(fm), np.log(dm[:, 0]), np.log(dm[:, 1])))
            ax.fill_between(
                fm, fg, top, facecolor=COLORS["grey"], alpha=0.45, edgecolor="none", lw=0, gid="dimuon_excluded_region"
            )
            ax.plot(dm[:, 0], dm[:, 1], color=COLORS["black"], lw=0, marker="o", ms=3, gid="dimuon_points")
            ratio = _width_ratio(model, fm, fg)
            narrow = ratio <= NARROW_WIDTH_MAX
            ax.plot(
                fm,
                np.where(narrow, fg, np.nan),
                color=COLORS["black"],
                lw=2,
                label=r"LHC dimuon resonance search (excluded above)",
                gid="dimuon_excluded",
            )
            if not narrow.all():
                ax.plot(
                    fm,
                    np.where(~narrow | np.roll(~narrow, 1) | np.roll(~narrow, -1), fg, np.nan),
                    color=COLORS["black"],
                    lw=2,
                    ls=(0, (2, 2)),
                    label=rf"same, $\Gamma/M > {NARROW_WIDTH_MAX:.0%}$".replace("%", r"\%")
                    + " (narrow width not valid)",
                    gid="dimuon_wide",
                )
                wide_note = (
                    f"; dashed dimuon limit: Γ/M up to {ratio.max():.0%}, beyond the narrow-width "
                    f"approximation (σ×B ∝ g_X², Γ/M ≤ {NARROW_WIDTH_MAX:.0%})"
                )
            ax.text(
                0.99,
                0.01,
                f"dimuon masses scanned: {dm[0, 0]:g}-{dm[-1, 0]:g} GeV",
                transform=ax.transAxes,
                ha="right",
                va="bottom",
                fontsize=9,
                color="#333333",
                zorder=8,
                gid="dimuon_range",
            )
        else:
            light_quarks = any(g_l or g_r for pdg, (g_l, g_r) in model.couplings().items() if 1 <= pdg <= 4)
            why = "no input given" if light_quarks else "none (no Z' coupling to u, d, c, s: no Drell-Yan)"
            ax.plot([], [], color="none", label=f"LHC dimuon exclusion: {why}", gid="dimuon_excluded")
        tri = bounds.zprime_trident_max_gx(model, m, spec["name"])
        if tri is not None:
            ax.fill_between(m, tri, top, facecolor=COLORS["green"], alpha=0.2, lw=0, gid="trident_region")
            ax.plot(
                m,
                tri,
                color=COLORS["green"],
                lw=2,
                ls="--",
                label="neutrino trident (CCFR) excluded above",
                gid="trident",
            )
        light_curves = bounds.zprime_light_curves_max_gx(model, m)
        for (name, curve), color in zip(light_curves.items(),
                                        (COLORS["purple"], COLORS["grey"], COLORS["black"]), strict=False):
            gid = name.lower().replace(" ", "_")
            ax.fill_between(m, curve, top, where=np.isfinite(curve), facecolor=color, alpha=0.2, lw=0,
                            gid=f"{gid}_region")
            label = _CURVE_LABELS.get(name, name)
            ax.plot(m, curve, color=color, lw=2, label=f"{label} excluded above", gid=gid)
        bs = bounds.zprime_bs_mixing_max_gx(m, theta_bs, spec["name"])
        ax.fill_between(m, bs, top, facecolor=COLORS["vermillion"], alpha=0.15, lw=0, gid="bs_mixing_region")
        ax.plot(m, bs, color=COLORS["vermillion"], lw=2, ls="-.", label=r"$B_s$ mixing excluded above", gid="bs_mixing")
        _bands(
            ax,
            m,
            lambda ns: bounds.zprime_bsmumu_band(model, m, theta_bs, spec["name"], nsigma=ns),
            r"$b\to s\mu\mu$",
            "bsmumu",
            (COLORS["skyblue"], COLORS["blue"]),
            g0,
        )
        _bands(
            ax,
            m,
            lambda ns: bounds.zprime_g2_band(model, m, spec["name"], nsigma=ns),
            r"$(g-2)_\mu$",
            "g2",
            (COLORS["yellow"], COLORS["orange"]),
            g0,
        )
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlim(*mass_range)
        ax.set_ylim(g0, top)
        ax.set_xlabel("M(Z') [GeV]")
        ax.set_ylabel(r"$g_X$")
        # header and legend beside the axes: nothing covers the (g-2) or b->smumu bands
        header(
            ax,
            lumi_fb=lumi_fb,
            extra=f"Z' of U(1)$_X$ = {_u1x_name(model)}\n" + rf"$g_{{bs}} = \theta\, g_X$, $|\theta| = ${theta_bs:g}",
            loc=(1.02, 1.0),
        )
        ax.legend(loc="lower left", bbox_to_anchor=(1.02, 0.0), frameon=False, fontsize=11)
        light_note = ""
        if mass_range[0] < 1.0:
            from recast.lowenergy.light_zprime import CURVES, NOT_SHIPPED, curve_points

            missing = [k for k in NOT_SHIPPED if k not in CURVES or curve_points(k) is None]
            light_note = ("; trident with the full Z' propagator (equivalent photon); b→sμμ and B_s "
                          "mixing drawn above m_b only (a lighter Z' gives no local operator); not drawn (curves not "
                          "shipped): "
                          + ", ".join(missing))
            if "Delta N_eff" in light_curves:
                from recast.lowenergy.neff import neff_table

                ms, gs = neff_table()[:2]
                light_note += (f"; ΔN_eff computed (recast.lowenergy.neff) for {ms[0] * 1e3:g}-{ms[-1] * 1e3:g} MeV, "
                               f"g_X ≤ {gs[-1]:.2g}")
        foot = textwrap.wrap(
            flavour_inputs_label(spec) + "; exclusions at 2σ" + wide_note + light_note,
            150,
            break_long_words=False,
            break_on_hyphens=False,
        )
        fig.text(0.01, 0.005, "\n".join(foot), fontsize=9, va="bottom", color="#333333", gid="footnotes")
        fig.tight_layout(rect=(0, 0.03 * len(foot) + 0.005, 1, 1))
    return fig


def _u1x_name(model: Model) -> str:
    """The U(1)_X's name, or its charges (L2, E2 of the muon) for user charges."""
    charges = getattr(model, "charges", None)
    if charges is None or charges.name:
        return model.name
    label = str(charges.label())
    if not any((*charges.Q, *charges.U, *charges.D)):
        label = label.replace("Q=0,0,0 U=0,0,0 D=0,0,0 ", "") + " (quarks 0)"
    return "chiral: " + label


def _width_ratio(model: Model, masses: np.ndarray, g_x: np.ndarray) -> np.ndarray:
    """Γ/M of the Z′ at each (M, g_X) (the total width scales as g_X² at fixed M)."""
    ref = 0.1
    out = []
    for mass in masses:
        st = model.with_params(MZp=float(mass), gX=ref).states()[0]
        out.append(st.width / float(mass))
    return np.asarray(out) * (np.asarray(g_x) / ref) ** 2


def plot_zprime_plane(out_dir: Path, *, stem: str = "zprime_plane", **kwargs: Any) -> list[Path]:
    """Draw :func:`zprime_plane_figure` and save ``<stem>.pdf``/``.png`` in ``out_dir``."""
    return save_and_close(zprime_plane_figure(**kwargs), out_dir, stem)
