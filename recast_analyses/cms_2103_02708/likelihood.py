"""Published inputs of the CMS dimuon search (arXiv:2103.02708) and the background model.

``mumu_mll_spectrum.csv`` (HEPData record 101186, Table 4; header in the file): 41 bins of
m_μμ from 209.63 to 7000 GeV with the observed events, CMS's expected SM background and its
absolute systematic uncertainty per bin, all at 140 fb⁻¹.

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
is measured in ``tests/test_cms_dimuon.py`` and reported in analysis.yaml.
"""

from __future__ import annotations

import csv
import io
from functools import cache
from importlib.resources import files

import numpy as np

__all__ = ["CORRELATIONS", "background", "background_syst", "edges", "observed", "spectrum_rows"]

PACKAGE = "recast_analyses.cms_2103_02708"
CORRELATIONS = ("correlated", "uncorrelated")


def __dir__() -> list[str]:
    return __all__


@cache
def spectrum_rows() -> tuple[dict[str, str], ...]:
    """The rows of ``mumu_mll_spectrum.csv`` (comment lines skipped)."""
    text = files(PACKAGE).joinpath("mumu_mll_spectrum.csv").read_text(encoding="utf-8")
    lines = [ln for ln in text.splitlines() if ln and not ln.startswith("#")]
    return tuple(csv.DictReader(io.StringIO("\n".join(lines))))


def _col(name: str) -> np.ndarray:
    return np.array([float(r[name]) for r in spectrum_rows()])


def edges() -> np.ndarray:
    """The 42 bin edges [GeV] (41 bins, 209.63-7000 GeV)."""
    return np.append(_col("mll_low_GeV"), _col("mll_high_GeV")[-1])


def observed() -> np.ndarray:
    """Observed events per bin at 140 fb⁻¹ (HEPData 101186 t4)."""
    return _col("observed")


def background() -> np.ndarray:
    """CMS's expected SM background per bin at 140 fb⁻¹ (HEPData 101186 t4)."""
    return _col("background")


def background_syst() -> np.ndarray:
    """Absolute systematic uncertainty of the background per bin [events] (HEPData 101186 t4)."""
    return _col("background_syst")
