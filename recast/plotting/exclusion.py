"""The cross-section upper limit vs mass plot with the expected ±1σ/±2σ bands (``recast limits`` output).

Input is the ``limits.json`` that ``recast limits`` writes, validated against the shipped
schema ``recast/schemas/<version>/limits.schema.json`` (:data:`LIMIT_RESULT_SCHEMA`); the plot
reads ``model``, ``lumi_fb``, ``projection``, ``limit_method``, ``headline_analysis``,
``approximations``, ``mass_limit_GeV`` and the quoted ``points`` (``mass_GeV``, ``xsec_pb``,
``xsec_rel_unc``, ``mu_ul_obs`` or null, ``mu_ul_exp`` = [-2σ, -1σ, median, +1σ, +2σ] or null).

The limit is mu_ul × xsec_pb. What xsec_pb is depends on the model (and the y-axis says so):
leptoquarks: the pair-production σ summed over the charge states that decay to muons, with the
branching ratios inside the selection efficiency (not a σ×B); Z′: σ(pp → Z′ → μμ), a σ×B.
"""

from __future__ import annotations

import math
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING, Any

import matplotlib.pyplot as plt
import numpy as np

from recast.exceptions import InvalidCard
from recast.plotting.style import BAND_1SIGMA, BAND_2SIGMA, COLORS, figure, header, save_figure, style
from recast.schemas import load_schema

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "LIMIT_RESULT_SCHEMA",
    "footnotes",
    "mass_limit_figure",
    "plot_mass_limit",
    "validate_limit_result",
    "xsec_labels",
]



#: How each limit method is named on plots (the method is in limits.json as ``limit_method``).
_METHOD_LABELS = {"asymptotic": "asymptotic CLs", "toys": "CLs, toys", "bayesian": "Bayesian, flat prior"}

def __dir__() -> list[str]:
    return __all__


#: The ``limits.json`` schema (``recast/schemas/<version>/limits.schema.json``): the one
#: description of what :func:`recast.chain.run_limits` writes and what the plots read.
LIMIT_RESULT_SCHEMA = load_schema("limits.schema.json")


def validate_limit_result(result: dict[str, Any], *, source: str = "limit result") -> None:
    """Check ``result`` against the ``limits.json`` schema (:func:`recast.results.check_document`).

    Raises:
        InvalidCard: one line with the JSON path of the first bad item.
    """
    from recast.results import check_document

    check_document(result, source=source)


def _model_name(result: dict[str, Any]) -> str:
    return str(result["model"])


def _mass_label(result: dict[str, Any]) -> str:
    from recast.models import LEPTOQUARKS

    return "M(LQ) [GeV]" if _model_name(result) in LEPTOQUARKS else "M(Z') [GeV]"


def _is_lq(result: dict[str, Any]) -> bool:
    from recast.models import LEPTOQUARKS

    return _model_name(result) in LEPTOQUARKS


def xsec_labels(result: dict[str, Any]) -> tuple[str, str]:
    """(y-axis label, theory-curve label): σ summed over LQ states, or σ×B(μμ) for a Z′."""
    name = _model_name(result)
    if _is_lq(result):
        return (r"$\sigma(pp \to \mathrm{LQ}\,\overline{\mathrm{LQ}})$, $\Sigma$ states [pb]",
                f"{name} pair σ (NNLO+NNLL)")
    return r"$\sigma(pp \to Z') \times B(Z' \to \mu\mu)$ [pb]", f"{name} σ×B (Pythia LO)"


def footnotes(result: dict[str, Any], *, width: int = 118) -> list[str]:
    """Every approximation of the result, wrapped at word boundaries (never mid-word or at hyphens)."""
    notes = [str(a) for a in result["approximations"]]
    lines = []
    for note in notes:
        lines += textwrap.wrap(f"• {note}", width, break_long_words=False, break_on_hyphens=False,
                               subsequent_indent="  ")
    return lines


def _projection(result: dict[str, Any]) -> bool:
    return bool(result["projection"])


def mass_limit_figure(result: dict[str, Any], *, fit: str | None = None, checked: bool = False) -> Figure:
    """Build the limit figure (returns the matplotlib Figure; artists carry ``gid`` names).

    ``fit`` is accepted for symmetry with the flavour planes but unused: a mass-limit plot
    carries no flavour input. Footnotes list every approximation of the result; a result
    marked ``projection`` (an analysis away from its own luminosity) is labelled as an Asimov projection.

    gids: ``expected_2sigma``, ``expected_1sigma``, ``expected_median``, ``observed``,
    ``theory``, ``theory_band``, ``mass_limit``. ``checked=True``: *result* was checked against
    the schema already (by its writer), so it is not checked again.
    """
    from recast.lowenergy import load_fit

    if not checked:
        validate_limit_result(result)
    if fit is not None:
        load_fit(fit)  # an unknown name is still an error
    m, xs, rel, exp, obs_mask, obs = _curves(result)
    lumi = float(result["lumi_fb"])
    with style():
        fig, ax = figure()
        ax.fill_between(
            m, exp[:, 0], exp[:, 4], color=BAND_2SIGMA, lw=0, label=r"Expected $\pm 2\sigma$", gid="expected_2sigma"
        )
        ax.fill_between(
            m, exp[:, 1], exp[:, 3], color=BAND_1SIGMA, lw=0, label=r"Expected $\pm 1\sigma$", gid="expected_1sigma"
        )
        ax.plot(m, exp[:, 2], color="black", ls="--", lw=2, label="Expected limit", gid="expected_median")
        if obs_mask.any():
            ax.plot(
                m[obs_mask],
                obs[obs_mask],
                color="black",
                ls="-",
                lw=2,
                marker="o",
                ms=4,
                label="Observed limit",
                gid="observed",
            )
        else:
            ax.plot([], [], color="none", gid="observed")  # no observed limit: said in the header
        ax.fill_between(m, xs * (1 - rel), xs * (1 + rel), color=COLORS["skyblue"], alpha=0.5, lw=0, gid="theory_band")
        ylabel, theory_label = xsec_labels(result)
        ax.plot(m, xs, color=COLORS["blue"], lw=2, label=theory_label, gid="theory")
        ml = result["mass_limit_GeV"]
        lim, kind = (ml.get("observed"), "obs.") if ml.get("observed") is not None else (ml.get("expected"), "exp.")
        lo = _set_ranges(ax, m, exp, xs)
        if lim is not None:
            # the line stops at the curves, so the legend above never hides it
            top = np.nanmax([np.interp(lim, m, exp[:, 4]), np.interp(lim, m, xs)]) * 3
            ax.plot(
                [lim, lim],
                [lo / 3, top],
                color=COLORS["vermillion"],
                ls=":",
                lw=2,
                gid="mass_limit",
                label=f"Excluded: M < {lim:.0f} GeV ({kind})",
            )
            ax.axvspan(m.min(), lim, color=COLORS["vermillion"], alpha=0.06, lw=0)
        ax.set_xlabel(_mass_label(result))
        ax.set_ylabel(ylabel, fontsize=16 if _is_lq(result) else None)
        header(ax, lumi_fb=lumi, extra=_header_text(result, observed=bool(obs_mask.any())))
        leg = ax.legend(loc="upper right", frameon=True, framealpha=1.0, edgecolor="none", fontsize=11)
        leg.set_zorder(5)
        lines = footnotes(result)
        fig.text(0.01, 0.005, "\n".join(lines), fontsize=9, va="bottom", color="#333333", gid="footnotes")
        fig.tight_layout(rect=(0, min(0.6, 0.024 * len(lines) + 0.01), 1, 1))
    return fig


def _curves(result: dict[str, Any]) -> tuple[np.ndarray, ...]:
    """(mass GeV, σ pb, σ rel. unc., expected σ limits [n, 5] pb, observed mask, observed σ limit pb), by mass."""
    pts = sorted(result["points"], key=lambda p: p["mass_GeV"])
    m = np.array([p["mass_GeV"] for p in pts], dtype=float)
    xs = np.array([p["xsec_pb"] for p in pts], dtype=float)
    rel = np.array([p["xsec_rel_unc"] for p in pts], dtype=float)
    # a point without selected signal has no limit (null): not drawn
    exp = np.array([p["mu_ul_exp"] or [np.nan] * 5 for p in pts], dtype=float) * xs[:, None]
    obs_mask = np.array([p["mu_ul_obs"] is not None for p in pts])
    obs = np.array([p["mu_ul_obs"] if p["mu_ul_obs"] is not None else np.nan for p in pts], dtype=float) * xs
    drawable = np.isfinite(exp) & (exp > 0)
    if not drawable.any() or not (np.isfinite(xs) & (xs > 0)).any():
        msg = (
            "limit result: no positive finite cross-section or limit to draw — "
            "rerun `recast limits` (every point has zero signal)"
        )
        raise InvalidCard(msg)
    return m, xs, rel, exp, obs_mask, obs


def _set_ranges(ax: Axes, m: np.ndarray, exp: np.ndarray, xs: np.ndarray) -> float:
    """Log y axis with room for header and legend above the curves; returns the y minimum of the data."""
    ax.set_yscale("log")
    if m.size > 1:
        ax.set_xlim(m.min(), m.max())
    else:  # one mass point: identical limits would warn
        ax.set_xlim(0.9 * m[0], 1.1 * m[0])
    vals = np.concatenate([exp[:, 0], exp[:, 4], xs])
    vals = vals[np.isfinite(vals) & (vals > 0)]  # a log axis: zero-signal points are not drawn
    lo, hi = vals.min(), vals.max()
    # the data fill the lower ~55% of the log axis; header and legend sit above them
    decades = math.log10(hi / (lo / 3))
    ax.set_ylim(lo / 3, hi * 10 ** (0.85 * decades))
    return float(lo)


def _header_text(result: dict[str, Any], *, observed: bool) -> str:
    """Model, quoted analysis, CL and limit method; projection or expected-only flag."""
    method = ", ".join(_METHOD_LABELS.get(x, x) for x in str(result["limit_method"]).split(", "))
    analyses = result["headline_analysis"]
    extra = f"{_model_name(result)}" + (f", {analyses}" if analyses else "") + f"\n95% CL, {method}"
    if _projection(result):
        extra += "\nAsimov projection"
    elif not observed:
        extra += "\nexpected limits only"
    return extra


def plot_mass_limit(
    result: dict[str, Any], out_dir: Path, *, stem: str = "exclusion", fit: str | None = None, checked: bool = False
) -> list[Path]:
    """σ×B upper limit vs mass (expected ±1σ/±2σ bands, observed, theory ± unc., excluded mass).

    Writes ``<stem>.pdf`` and ``<stem>.png`` in ``out_dir`` and returns their paths.

    Args:
        result: the ``recast limits`` result (see the module docstring).
        out_dir: output directory (created if needed).
        stem: file name stem.
        fit: flavour fit-input set named in the footnote (default: the 2021 set).
        checked: *result* was checked against the schema already (its writer did).

    Raises:
        InvalidCard: ``result`` does not have the ``recast limits`` format.
    """
    fig = mass_limit_figure(result, fit=fit, checked=checked)
    try:
        return save_figure(fig, out_dir, stem)
    finally:
        plt.close(fig)
