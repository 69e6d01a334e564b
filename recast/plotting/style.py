"""Experiment-like figure style (mplhep), colour-blind-safe colours, labels and atomic saving.

Colours are the Okabe–Ito palette (Okabe & Ito 2008, colour-blind safe); the expected-limit
bands use the conventional green (±1σ) and yellow (±2σ) of LHC limit plots, which stay
distinguishable by lightness.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import mplhep  # noqa: E402

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
    with plt.style.context(mplhep.style.ATLAS):
        with plt.rc_context({"legend.fontsize": 12, "figure.figsize": (8.0, 6.5)}):
            yield


def figure():
    """A new (figure, axes) pair; close it with ``plt.close(fig)`` after saving."""
    return plt.subplots(figsize=(8.0, 6.5))


def energy_lumi_label(lumi_fb: float = 139.0, sqrt_s_tev: float = 13.0) -> str:
    """``"√s = 13 TeV, 139 fb⁻¹"``."""
    return f"√s = {sqrt_s_tev:g} TeV, {lumi_fb:g} fb$^{{-1}}$"


def flavour_inputs_label(fit: dict) -> str:
    """One line naming the flavour fit inputs used (from :func:`recast.flavour.load_fit`)."""
    return f"Flavour inputs: {fit['label']}"


def header(ax, *, lumi_fb: float = 139.0, extra: str = "", loc: tuple[float, float] = (0.04, 0.95)) -> None:
    """Experiment-style header: bold-italic *recast* + 'Reinterpretation', then √s and luminosity."""
    x, y = loc
    ax.text(x, y, "recast", transform=ax.transAxes, fontweight="bold", fontstyle="italic", fontsize=16, va="top")
    ax.text(x + 0.135, y, "Reinterpretation", transform=ax.transAxes, fontsize=16, va="top")
    lines = energy_lumi_label(lumi_fb) + (f"\n{extra}" if extra else "")
    ax.text(x, y - 0.065, lines, transform=ax.transAxes, fontsize=12, va="top", linespacing=1.4)


def save_figure(fig, out_dir: Path, stem: str) -> list[Path]:
    """Save ``fig`` as ``<stem>.pdf`` and ``<stem>.png`` in ``out_dir`` (each via a temp file + ``os.replace``)."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = []
    for ext in ("pdf", "png"):
        path = out_dir / f"{stem}.{ext}"
        fd, tmp = tempfile.mkstemp(prefix=f".{stem}.", suffix=f".{ext}", dir=out_dir)
        os.close(fd)
        try:
            fig.savefig(tmp, format=ext, dpi=150)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        paths.append(path)
    return paths
