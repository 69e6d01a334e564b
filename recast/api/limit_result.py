"""The result of :func:`recast.api.limits`: a typed ``limits.json`` plus its pyhf workspaces.

Units: masses in GeV, cross-sections in pb, luminosity in fb^-1.
"""

from __future__ import annotations

import html
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from recast.api._html import table
from recast.results import LimitPoint, LimitResult, summary_sentence

if TYPE_CHECKING:
    from matplotlib.figure import Figure

__all__ = ["Limits"]


def __dir__() -> list[str]:
    return __all__


def _tev(x: float | None) -> str:
    return "none in range" if x is None else f"{x / 1000:.2f} TeV"


@dataclass(frozen=True)
class Limits:
    """95 % CL limits of one model: the quoted points, the mass limits and every analysis' result.

    Attributes:
        result: the typed ``limits.json`` (:class:`recast.results.LimitResult`).
        workspaces: ``{"<analysis>_<mass>": pyhf workspace spec}``.

    Every field of :class:`~recast.results.LimitResult` (``model``, ``lumi_fb``,
    ``per_analysis``, ``approximations``, ...) is also readable directly on this object.
    """

    result: LimitResult
    workspaces: dict[str, dict[str, Any]] = field(default_factory=dict, repr=False, compare=False)
    from_cache: bool = field(default=False, compare=False)  # answered from recast's on-disk cache

    @classmethod
    def from_dict(cls, doc: dict[str, Any], workspaces: dict[str, dict[str, Any]] | None = None) -> Limits:
        """From a ``limits.json`` document (checked against the shipped schema)."""
        return cls(LimitResult.from_json(doc), dict(workspaces or {}))

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_") or name in ("result", "workspaces", "from_cache"):
            raise AttributeError(name)
        return getattr(self.result, name)

    @property
    def mass_limit(self) -> dict[str, Any]:
        """``{"expected": GeV, "observed": GeV, "expected_band": [GeV, GeV]}``; None: no crossing in range."""
        ml = self.result.mass_limit_GeV
        return {"expected": ml.expected, "observed": ml.observed, "expected_band": list(ml.expected_band)}

    @property
    def points(self) -> list[LimitPoint]:
        """The quoted mass points (σ [pb], signal events, μ upper limits)."""
        return list(self.result.points)

    def to_dict(self) -> dict[str, Any]:
        """The ``limits.json`` document."""
        return self.result.to_json()

    def figure(self) -> Figure:
        """The σ×B-limit-vs-mass matplotlib figure (as ``recast limits`` draws it)."""
        from recast.plotting import mass_limit_figure

        return mass_limit_figure(self.to_dict())

    def plot(self, path: str | os.PathLike[str]) -> Path:
        """Draw the exclusion plot to *path* (``.pdf``, ``.png``, ``.svg``; a folder: exclusion.pdf there).

        Returns:
            The written file.
        """
        import matplotlib.pyplot as plt

        path = Path(path)
        if not path.suffix:
            path = path / "exclusion.pdf"
        path.parent.mkdir(parents=True, exist_ok=True)
        fig = self.figure()
        try:
            fig.savefig(path)
        finally:
            plt.close(fig)
        return path

    def write(self, out: str | os.PathLike[str], *, force: bool = False) -> Path:
        """Write ``limits.json``, the workspaces and the exclusion plot into *out* (as ``recast limits``)."""
        from recast.chain import write_results

        return write_results(self.result, self.workspaces, out, force=force)

    def summary(self) -> str:
        """One sentence, as ``recast limits`` prints it."""
        return summary_sentence(self.result)

    def __repr__(self) -> str:
        r, ml = self.result, self.result.mass_limit_GeV
        lo, hi = r.mass_range_GeV
        return (f"<Limits {r.model} at {r.lumi_fb:g} fb^-1: expected {_tev(ml.expected)}, observed "
                f"{_tev(ml.observed)} ({len(r.points)} masses {lo:g}-{hi:g} GeV, {r.limit_method}, "
                f"{r.selection})>")

    def _repr_html_(self) -> str:
        r, ml = self.result, self.result.mass_limit_GeV
        head = (f"<b>{r.model}</b> at {r.lumi_fb:g} fb<sup>-1</sup>: mass limit expected <b>{_tev(ml.expected)}</b>, "
                f"observed <b>{_tev(ml.observed)}</b> (95% CL, {r.limit_method}; {r.selection})")
        rows = []
        for p in r.points:
            exp: list[float | None] = list(p.mu_ul_exp) if p.mu_ul_exp else [None] * 5
            rows.append([p.mass_GeV, p.xsec_pb, p.signal_events, p.mu_ul_obs, exp[1], exp[2], exp[3],
                         p.analysis or r.headline_analysis])
        header = ["mass [GeV]", "σ [pb]", "N_sig", "μ_UL obs", "μ_UL exp −1σ", "μ_UL exp", "μ_UL exp +1σ", "analysis"]
        tab = table(header, rows)
        texts = [*r.notes, *(f"approximation: {a}" for a in r.approximations)]
        notes = "".join(f"<li>{html.escape(a)}</li>" for a in texts)
        return f"<div><p>{head}</p>{tab}<ul>{notes}</ul></div>"
