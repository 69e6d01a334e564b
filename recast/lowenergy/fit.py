"""Pulls and χ² of a model point against a chosen set of flavour measurements.

The measurements are data (``recast/data/1.0.0/flavour_fits.yaml``, checked against a JSON
Schema on load); :func:`evaluate` computes the four predictions, each Gaussian pull
(p − value)/σ and χ² = Σ pull². BR(B_s→μμ)/SM is reported but kept out of χ²: it is
already inside the global b→sμμ fit that gives C_LL.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any

import yaml

from recast.data import data_file
from recast.exceptions import InvalidParameter, closest
from recast.lowenergy.g2 import delta_a_mu
from recast.lowenergy.mixing import bs_mixing_ratio
from recast.lowenergy.trident import trident_ratio
from recast.lowenergy.wilson import FLAVOUR_PARAMETERS, WilsonCoefficients, bs_mumu_ratio, wilson_coefficients
from recast.models.base import Model
from recast.models.zprime import ZPrimeModel
from recast.schemas import validate

__all__ = [
    "FIT_FILE",
    "OBSERVABLES",
    "FlavourResult",
    "Observable",
    "evaluate",
    "fit_names",
    "load_fit",
    "split_couplings",
]


def __dir__() -> list[str]:
    return __all__


FIT_FILE = "flavour_fits.yaml"
#: observable key -> (label, unit)
OBSERVABLES = {
    "C_LL": ("b→sμμ (C9−C10)/2", ""),
    "delta_a_mu": ("Δa_μ", "1e-11"),
    "Bs_mixing": ("ΔM_s/ΔM_s^SM", ""),
    "trident": ("σ_trident/σ_SM (CCFR)", ""),
}

_MEAS = {
    "type": "object",
    "required": ["value", "sigma", "source"],
    "properties": {
        "value": {"type": "number"},
        "sigma": {"type": "number", "exclusiveMinimum": 0},
        "source": {"type": "string"},
    },
}
_SCHEMA = {
    "type": "object",
    "required": ["schema_version", "default", "fits"],
    "properties": {
        "fits": {
            "type": "object",
            "additionalProperties": {
                "type": "object",
                "required": ["label", "observables"],
                "properties": {
                    "observables": {
                        "type": "object",
                        "required": list(OBSERVABLES),
                        "properties": {k: _MEAS for k in OBSERVABLES},
                        "additionalProperties": False,
                    }
                },
            },
        }
    },
}


@functools.cache
def _fits() -> dict[str, Any]:
    doc = yaml.safe_load(data_file(FIT_FILE).read_text(encoding="utf-8"))
    fits: dict[str, Any] = validate(doc, _SCHEMA, where=FIT_FILE)
    return fits


def fit_names() -> list[str]:
    """Names of the shipped fit-input sets (e.g. ``["2021", "2025"]``)."""
    return list(_fits()["fits"])


def load_fit(name: str | None = None) -> dict[str, Any]:
    """The fit-input set ``name`` (default: the file's default, 2021) with ``name`` filled in.

    Raises:
        InvalidParameter: unknown fit name (the message lists the valid ones).

    Example:
        >>> load_fit("2025")["observables"]["delta_a_mu"]["value"]
        38.0
    """
    doc = _fits()
    name = str(name or doc["default"])
    if name not in doc["fits"]:
        msg = f"unknown flavour fit {name!r}; {closest(name, doc['fits'])}"
        raise InvalidParameter(msg)
    return {"name": name, **doc["fits"][name]}


@dataclass(frozen=True)
class Observable:
    """One constraint: prediction, measurement ± σ, pull and its source."""

    key: str
    label: str
    prediction: float
    value: float
    sigma: float
    unit: str
    source: str

    @property
    def pull(self) -> float:
        """(prediction − value)/σ."""
        return (self.prediction - self.value) / self.sigma

    def as_dict(self) -> dict[str, Any]:
        """JSON form, with the pull and χ² contribution."""
        return {
            "key": self.key,
            "label": self.label,
            "prediction": self.prediction,
            "value": self.value,
            "sigma": self.sigma,
            "unit": self.unit,
            "pull": self.pull,
            "chi2": self.pull**2,
            "source": self.source,
        }


@dataclass(frozen=True)
class FlavourResult:
    """Wilson coefficients, observables and χ² of one model point for one fit-input set."""

    model: str
    mass_GeV: float
    params: dict[str, Any]
    fit: str
    fit_label: str
    wilson: WilsonCoefficients
    observables: tuple[Observable, ...]
    bs_mumu_ratio: float
    notes: tuple[str, ...] = field(default=())

    @property
    def chi2(self) -> float:
        """Σ pull² over the observables."""
        return sum(o.pull**2 for o in self.observables)

    @property
    def chi2_sm(self) -> float:
        """χ² of the SM (no new physics) for the same inputs."""
        sm = {"C_LL": 0.0, "delta_a_mu": 0.0, "Bs_mixing": 1.0, "trident": 1.0}
        return sum(((sm[o.key] - o.value) / o.sigma) ** 2 for o in self.observables)

    def as_dict(self) -> dict[str, Any]:
        """JSON form (the ``recast flavour --json`` document)."""
        return {
            "model": self.model,
            "mass_GeV": self.mass_GeV,
            "params": self.params,
            "fit": self.fit,
            "fit_label": self.fit_label,
            "wilson": self.wilson.as_dict(),
            "bs_mumu_ratio": self.bs_mumu_ratio,
            "observables": [o.as_dict() for o in self.observables],
            "chi2": self.chi2,
            "chi2_sm": self.chi2_sm,
            "delta_chi2": self.chi2 - self.chi2_sm,
            "notes": list(self.notes),
        }


def split_couplings(couplings: dict[str, float]) -> tuple[dict[str, float], dict[str, float]]:
    """Split ``--coupling`` values into (model parameters, flavour-only parameters such as g_bs)."""
    model = {k: v for k, v in couplings.items() if k not in FLAVOUR_PARAMETERS}
    flav = {k: v for k, v in couplings.items() if k in FLAVOUR_PARAMETERS}
    return model, flav


def evaluate(model: Model, *, fit: str | None = None, g_bs: float = 0.0, g_bs_R: float = 0.0) -> FlavourResult:
    """All flavour predictions of a model point, with pulls against the fit ``fit``.

    Args:
        model: a :class:`recast.models.Model`.
        fit: name of the fit-input set (``"2021"`` default, ``"2025"``).
        g_bs: Z′ only: left-handed b̄s coupling; g_bs_R: right-handed.

    Example:
        >>> from recast.models import get_model
        >>> r = evaluate(get_model("S3", mass=1500, couplings={"y_bmu": 1.0, "y_smu": -0.05}))
        >>> round(r.wilson.C9, 2), round(r.observables[0].pull, 1)
        (12.56, 185.9)
    """
    spec = load_fit(fit)
    meas = spec["observables"]
    wc = wilson_coefficients(model, g_bs=g_bs, g_bs_R=g_bs_R)
    g2, g2_note = delta_a_mu(model)
    preds = {
        "C_LL": wc.c_ll,
        "delta_a_mu": g2 * 1e11,
        "Bs_mixing": bs_mixing_ratio(model, g_bs=g_bs, g_bs_R=g_bs_R),
        "trident": trident_ratio(model),
    }
    obs = tuple(
        Observable(
            k,
            OBSERVABLES[k][0],
            preds[k],
            float(meas[k]["value"]),
            float(meas[k]["sigma"]),
            OBSERVABLES[k][1],
            meas[k]["source"],
        )
        for k in OBSERVABLES
    )
    params = dict(model.params)
    if isinstance(model, ZPrimeModel):  # the b-s couplings are Z' flavour parameters
        params |= {"g_bs": g_bs, "g_bs_R": g_bs_R}
    return FlavourResult(
        model=model.name,
        mass_GeV=model.mass,
        params=params,
        fit=spec["name"],
        fit_label=spec["label"],
        wilson=wc,
        observables=obs,
        bs_mumu_ratio=bs_mumu_ratio(wc),
        notes=(*wc.notes, g2_note, *_light_notes(model)),
    )


def _light_notes(model: Model) -> tuple[str, ...]:
    """What the trident prediction assumes for a light (below 1 GeV) Z′."""
    if isinstance(model, ZPrimeModel) and model.mass < 1.0:
        return ("trident: Z' below 1 GeV with its full propagator (equivalent-photon table, iron, "
                "E_nu = 160 GeV: approximation; recast.lowenergy.trident)",)
    return ()
