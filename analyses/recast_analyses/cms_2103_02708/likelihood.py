"""Published inputs of the CMS dimuon search (arXiv:2103.02708) and the background model.

``mumu_mll_spectrum.csv`` (HEPData record 101186, Table 4; header in the file): 41 bins of
m_μμ from 209.63 to 7000 GeV with the observed events, CMS's expected SM background and its
absolute systematic uncertainty per bin, all at 140 fb⁻¹. ``ee_mll_spectrum.csv`` (Table 3):
the same for the dielectron channel, 94 bins 200-6070 GeV, at 137 fb⁻¹ (``channel="ee"``).

Correlation model of the background systematic (our choice, stated in analysis.yaml):

* ``"correlated"`` (default): one nuisance parameter moves every bin by its published
  uncertainty at once (a ``histosys``). The CMS background uncertainties are dominated by
  sources common to all bins: the Drell–Yan cross-section (PDF, higher-order EW/QCD) and its
  normalisation to the Z peak, the muon momentum scale and resolution, the high-p_T muon
  efficiency (arXiv:2103.02708 Sec. 6, systematic uncertainties, as recalled; their per-source
  split is not published in the table). A single coherent shift is the closest one-parameter
  model of such sources.
* ``"uncorrelated"``: an independent Gaussian-constrained factor per bin (pyhf ``shapesys``,
  Poisson-constrained with the same relative width), the opposite extreme.

The per-bin table cannot tell the two apart; both are offered and their effect on the limits
is measured in ``tests/analyses/test_cms_2103_02708.py`` and reported in analysis.yaml.
"""

from __future__ import annotations

import csv
import io
from functools import cache
from importlib.resources import files

import numpy as np

__all__ = ["CHANNELS", "CORRELATIONS", "LUMI_FB", "background", "background_syst", "edges", "observed",
           "spectrum_rows"]

PACKAGE = "recast_analyses.cms_2103_02708"
CORRELATIONS = ("correlated", "uncorrelated")
#: Lepton channels with a published spectrum: μμ (HEPData 101186 t4), ee (t3).
CHANNELS = ("mumu", "ee")
#: Luminosity of each channel [fb^-1] (arXiv:2103.02708 abstract: 140 for μμ, 137 for ee; HEPData t3/t4 headers).
LUMI_FB = {"mumu": 140.0, "ee": 137.0}


def __dir__() -> list[str]:
    return __all__


@cache
def spectrum_rows(channel: str = "mumu") -> tuple[dict[str, str], ...]:
    """The rows of ``<channel>_mll_spectrum.csv`` (comment lines skipped)."""
    if channel not in CHANNELS:
        from recast.exceptions import InvalidParameter

        msg = f"unknown lepton channel {channel!r} — use one of {', '.join(CHANNELS)}"
        raise InvalidParameter(msg)
    text = files(PACKAGE).joinpath(f"{channel}_mll_spectrum.csv").read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln and not ln.startswith("#")]
    return tuple(csv.DictReader(io.StringIO("\n".join(lines))))


def _col(name: str, channel: str) -> np.ndarray:
    return np.array([float(r[name]) for r in spectrum_rows(channel)])


def edges(channel: str = "mumu") -> np.ndarray:
    """The bin edges [GeV]: μμ 42 (41 bins, 209.63-7000 GeV), ee 95 (94 bins, 200-6070 GeV)."""
    return np.append(_col("mll_low_GeV", channel), _col("mll_high_GeV", channel)[-1])


def observed(channel: str = "mumu") -> np.ndarray:
    """Observed events per bin (μμ at 140 fb⁻¹, HEPData 101186 t4; ee at 137 fb⁻¹, t3)."""
    return _col("observed", channel)


def background(channel: str = "mumu") -> np.ndarray:
    """CMS's expected SM background per bin at the channel's luminosity (HEPData 101186 t4 / t3)."""
    return _col("background", channel)


def background_syst(channel: str = "mumu") -> np.ndarray:
    """Absolute systematic uncertainty of the background per bin [events] (HEPData 101186 t4 / t3)."""
    return _col("background_syst", channel)
