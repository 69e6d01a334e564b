"""Experiment-like figure style (mplhep), colour-blind-safe colours, labels and atomic saving.

Colours are the Okabe–Ito palette (Okabe & Ito 2008, colour-blind safe); the expected-limit
bands use the conventional green (±1σ) and yellow (±2σ) of LHC limit plots, which stay
distinguishable by lightness.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import matplotlib

from recast.atomic import atomic_output

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

matplotlib.use("Agg")

import matplotlib.pyplot as plt
import mplhep

__all__ = [
    "BAND_1SIGMA",
    "BAND_2SIGMA",
    "COLORS",
    "energy_lumi_label",
    "figure",
    "flavour_inputs_label",
    "header",
    "save_figure",
    "style",
]


def __dir__() -> list[str]:
    return __all__


#: Okabe–Ito colour-blind-safe palette.
COLORS = {
    "black": "#000000",
    "orange": "#E69F00",
    "skyblue": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "grey": "#999999",
}
BAND_1SIGMA = "#00CC00"  # expected ±1σ (LHC convention)
BAND_2SIGMA = "#FFCC00"  # expected ±2σ (LHC convention)


@contextlib.contextmanager
def style() -> Iterator[None]:
    """The mplhep ATLAS-like style (sans-serif, inward ticks on all sides) as a context."""
    # mplhep's custom mathtext fonts make the font manager log a harmless 'cursive' fallback
    logging.getLogger("matplotlib.font_manager").setLevel(logging.ERROR)
    with plt.style.context(mplhep.style.ATLAS), plt.rc_context({"legend.fontsize": 12, "figure.figsize": (8.0, 6.5)}):
        yield


def figure(*, wide: bool = False) -> tuple[Figure, Axes]:
    """A new (figure, axes) pair (``wide``: room for a legend on the right); close with ``plt.close(fig)``."""
    return plt.subplots(figsize=(12.0, 6.5) if wide else (8.0, 6.5))


def energy_lumi_label(lumi_fb: float = 139.0, sqrt_s_tev: float = 13.0) -> str:
    """``"√s = 13 TeV, 139 fb⁻¹"``."""
    return f"√s = {sqrt_s_tev:g} TeV, {lumi_fb:g} fb$^{{-1}}$"


def flavour_inputs_label(fit: dict[str, Any]) -> str:
    """One line naming the flavour likelihood (the built-in fit; smelli is not drawn) and its inputs
    (from :func:`recast.lowenergy.load_fit`)."""
    return f"Flavour inputs (built-in fit): {fit['label']}"


def header(
    ax: Axes, *, lumi_fb: float = 139.0, extra: str = "", loc: tuple[float, float] = (0.04, 0.95), boxed: bool = False
) -> None:
    """Experiment-style header: bold-italic *recast* + 'Reinterpretation', then √s and luminosity.

    ``boxed`` puts a white box behind the text (for plots shaded up to the top edge).
    """
    from matplotlib.offsetbox import AnchoredOffsetbox, HPacker, TextArea, VPacker

    title = HPacker(
        children=[
            TextArea("recast", textprops={"fontweight": "bold", "fontstyle": "italic", "fontsize": 16}),
            TextArea("Reinterpretation", textprops={"fontsize": 16}),
        ],
        sep=6,
        align="baseline",
    )
    lines = energy_lumi_label(lumi_fb) + (f"\n{extra}" if extra else "")
    box = VPacker(
        children=[title, TextArea(lines, textprops={"fontsize": 12, "linespacing": 1.4})], sep=6, align="left"
    )
    anchored = AnchoredOffsetbox(
        loc="upper left",
        child=box,
        frameon=boxed,
        bbox_to_anchor=loc,
        bbox_transform=ax.transAxes,
        borderpad=0.0,
        pad=0.3,
    )
    if boxed:
        anchored.patch.set(facecolor="white", edgecolor="none", alpha=0.85)
    anchored.set_zorder(6)
    ax.add_artist(anchored)


def save_and_close(fig: Figure, out_dir: Path, stem: str) -> list[Path]:
    """:func:`save_figure`, then close *fig* (also when saving fails)."""
    import matplotlib.pyplot as plt

    try:
        return save_figure(fig, out_dir, stem)
    finally:
        plt.close(fig)


def save_figure(fig: Figure, out_dir: Path, stem: str) -> list[Path]:
    """Save ``fig`` as ``<stem>.pdf`` and ``<stem>.png`` in ``out_dir`` (each via a temp file + ``os.replace``)."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for ext in ("pdf", "png"):
        path = out_dir / f"{stem}.{ext}"
        with atomic_output(path, suffix=f".{ext}") as tmp:
            fig.savefig(tmp, format=ext, dpi=150, bbox_inches="tight", pad_inches=0.08)
        paths.append(path)
    return paths
