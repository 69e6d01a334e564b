"""The result of :func:`recast.api.flavour`: Wilson coefficients, the built-in fit and, optionally, smelli."""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from recast.api._html import table
from recast.lowenergy.fit import FlavourResult

if TYPE_CHECKING:
    from recast.lowenergy.smelli import SmelliResult

__all__ = ["LIKELIHOODS", "Flavour"]


def __dir__() -> list[str]:
    return __all__


#: The flavour likelihoods: the built-in four-observable fit (default) and smelli's global one.
LIKELIHOODS = ("builtin", "smelli")


@dataclass(frozen=True)
class Flavour:
    """Flavour verdict of one model point.

    Attributes:
        result: the built-in evaluation (:class:`recast.lowenergy.FlavourResult`): C9, C10, C9', C10'
            at 4.8 GeV, four observables with pulls, χ².
        likelihood: which likelihood the verdict (``delta_chi2``) comes from: ``"builtin"`` or ``"smelli"``.
        smelli: smelli's result (:class:`recast.lowenergy.smelli.SmelliResult`) when ``likelihood="smelli"``.
    """

    result: FlavourResult
    likelihood: str = "builtin"
    smelli: SmelliResult | None = None

    def __getattr__(self, name: str) -> Any:
        if name.startswith("_") or name in ("result", "likelihood", "smelli"):
            raise AttributeError(name)
        return getattr(self.result, name)

    @property
    def likelihood_label(self) -> str:
        """Which likelihood the verdict uses, in words (printed and written with every output)."""
        if self.smelli is not None:
            return f"smelli {self.smelli.versions.get('smelli', '?')} global SMEFT likelihood"
        return f"built-in 4-observable fit ({self.result.fit_label})"

    @property
    def delta_chi2(self) -> float:
        """χ²(point) − χ²(SM) of the chosen likelihood (negative: the point fits better than the SM)."""
        if self.smelli is not None:
            return self.smelli.delta_chi2
        return self.result.chi2 - self.result.chi2_sm

    @property
    def C9(self) -> float:  # noqa: N802
        """NP C9 at μ = 4.8 GeV (flavio basis)."""
        return self.result.wilson.C9

    @property
    def C10(self) -> float:  # noqa: N802
        """NP C10 at μ = 4.8 GeV (flavio basis)."""
        return self.result.wilson.C10

    def to_dict(self) -> dict[str, Any]:
        """The ``recast flavour --json`` document (the built-in result, the likelihood used, smelli's block)."""
        out = self.result.as_dict() | {"likelihood": self.likelihood, "likelihood_label": self.likelihood_label}
        if self.smelli is not None:
            out["smelli"] = self.smelli.as_dict()
        return out

    def __repr__(self) -> str:
        r = self.result
        return (f"<Flavour {r.model} M={r.mass_GeV:g} GeV: C9={r.wilson.C9:+.4g} C10={r.wilson.C10:+.4g}; "
                f"delta chi2 = {self.delta_chi2:+.3f} ({self.likelihood_label})>")

    def _repr_html_(self) -> str:
        r = self.result
        head = (f"<b>{html.escape(r.model)}</b> at M = {r.mass_GeV:g} GeV: C9 = {r.wilson.C9:+.4g}, "
                f"C10 = {r.wilson.C10:+.4g} (μ = 4.8 GeV); Δχ² = <b>{self.delta_chi2:+.3f}</b> "
                f"({html.escape(self.likelihood_label)})")
        if self.smelli is not None:
            tab = table(["observable", "measured", "±", "prediction", "pull", "pull vs SM"],
                        [[p.name, p.experiment, p.exp_unc, p.theory, p.pull_exp, p.pull_sm]
                         for p in self.smelli.pulls[:10]],
                        caption="most affected observables (smelli)")
        else:
            tab = table(["observable", "prediction", "measured", "σ", "pull"],
                        [[o.label, o.prediction, o.value, o.sigma, o.pull] for o in r.observables])
        notes = "".join(f"<li>{html.escape(n)}</li>" for n in r.notes)
        return f"<div><p>{head}</p>{tab}<ul>{notes}</ul></div>"
