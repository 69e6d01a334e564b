"""The notebook API: ``recast.model``, ``recast.limits``, ``recast.flavour``, ``recast.atlas``.

Each returns a typed result with a readable ``repr``, an HTML table for Jupyter
(``_repr_html_``) and ``to_dict()`` (the JSON the matching CLI command writes). The CLI
commands are thin layers over these functions. Units: GeV, pb, fb^-1.

Example:
    >>> import recast
    >>> s3 = recast.model("S3", mass=1500, y_bmu=1.0, y_smu=0.001)
    >>> round(s3.states()[0].width, 2)   # S3 (Q = -4/3) -> b mu: (sqrt2 y)^2 M/(16 pi) [GeV]
    59.68
    >>> fl = recast.flavour(s3)
    >>> round(fl.C9, 3), fl.likelihood
    (-0.251, 'builtin')
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, overload

from recast.api.atlas_result import Atlas, AtlasCheck

if TYPE_CHECKING:
    from recast.api.flavour_result import LIKELIHOODS, Flavour
    from recast.api.limit_result import Limits
    from recast.models import Model
    from recast.models.charges import Charges

__all__ = ["LIKELIHOODS", "Atlas", "AtlasCheck", "Flavour", "Limits", "atlas", "flavour", "limits", "model"]


def __dir__() -> list[str]:
    return __all__


#: Imported on first use (PEP 562): the flavour fit and the results layer bring scipy, which
#: `recast atlas` (and ``recast.api.atlas``) never needs.
_LAZY = {"LIKELIHOODS": "recast.api.flavour_result", "Flavour": "recast.api.flavour_result",
         "Limits": "recast.api.limit_result"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    msg = f"module {__name__!r} has no attribute {name!r}"
    raise AttributeError(msg)


def model(name: str, mass: float | None = None, *, charges: Any = None, **couplings: float) -> Model:
    """A model point: widths, branching ratios, cards.

    Args:
        name: ``S3``, ``S1``, ``R2``, ``Spm``, a named U(1)_X (``B-3Lmu``, ``Lmu-Ltau``, ...),
            a benchmark Z′ (``Zp_SSM``, ``Zp_psi``) or ``Zp`` with *charges*.
        mass: the main mass in GeV (MS3, MZp, ...); default: the model's.
        charges: ``Zp`` only: charges text (``"q=0 L=0,1,-1"``), an atlas id or a
            :class:`recast.models.Charges`.
        **couplings: any model parameter by name (``y_bmu=1.0``, ``gX=0.1``); with no Yukawa
            given, a leptoquark takes its benchmark couplings.

    Returns:
        A :class:`recast.models.Model`: ``.states()`` (widths in GeV, ``.branching_ratios()``),
        ``.params``, ``.label()``; cards via :mod:`recast.cards`.

    Raises:
        UnknownModel, InvalidParameter: as :func:`recast.models.get_model`.
    """
    from recast.models import get_model

    return get_model(name, mass=mass, couplings=couplings, charges=charges)


def _model_request(m: Any, couplings: dict[str, float] | None) -> tuple[str, dict[str, float], Any]:
    """(name, parameters, charges) that rebuild model *m* (a Model or a name) in :func:`recast.chain.run_limits`."""
    from recast.models import Model

    if isinstance(m, str):
        return m, dict(couplings or {}), None
    if not isinstance(m, Model):
        from recast.exceptions import InvalidParameter

        msg = f"model must be a recast model (recast.model(...)) or a model name, got {type(m).__name__}"
        raise InvalidParameter(msg)
    charges = getattr(m, "charges", None)
    params = dict(m.params) | dict(couplings or {})
    if charges is None or charges.name:
        return m.name, params, None
    # user charges: model Zp rebuilt from parse_charges text (written to limits.json)
    return "Zp", params, charges.label() + (f" H={charges.H}" if charges.H else "")


def limits(model: Any, lumi: float = 139.0, masses: Sequence[float] | str | None = None,
           couplings: dict[str, float] | None = None, *, out: str | os.PathLike[str] | None = None,
           force: bool = False, progress: bool = True, use_cache: bool = True, **options: Any) -> Limits:
    """95 % CL LHC limits of a model: signal, searches, pyhf (the door ``recast limits`` takes too).

    Args:
        model: a model (:func:`model`) or its name; its parameters are kept (the mass is scanned).
        lumi: integrated luminosity in fb^-1 (139: Run 2 data; other values: Asimov projection).
        masses: mass points in GeV, a list or ``"start:stop:step"``; default per model kind.
        couplings: couplings to change on top of the model's.
        out: also write ``limits.json``, the workspaces and the exclusion plot there.
        force: overwrite an existing *out*.
        progress: show progress bars.
        use_cache: answer an identical earlier request from the on-disk cache
            (:func:`recast.chain.cached_limits`; False recomputes and refreshes the entry).
        **options: passed to :func:`recast.chain.run_limits`: ``analyses``, ``method``,
            ``toys``, ``combine``, ``events_per_point``, ``seed``, ``jobs``, ``fast``,
            ``states``, ``channel`` (``"auto"``/``"mumu"``/``"ee"``/``"ll"``), ``params``,
            ``events_files`` with ``xsec_pb``, or a signal ``source`` (not cached).

    Returns:
        :class:`Limits`: ``.mass_limit``, ``.points``, ``.from_cache``, ``.to_dict()``, ``.plot(path)``.

    Raises:
        RecastError: bad input (one-line message).
    """
    from recast.api.limit_result import Limits
    from recast.atomic import check_output
    from recast.chain import cached_limits, parse_masses

    name, params, charges = _model_request(model, couplings)
    charges = options.pop("charges", None) or charges  # a model given by name: Zp takes charges=
    params = dict(options.pop("params", None) or {}) | params
    if out is not None:
        check_output(out, force=force, kind="folder")  # before any generation
    if isinstance(masses, str):
        masses = parse_masses(masses)
    result, workspaces, from_cache = cached_limits(
        name, out=out, force=force, use_cache=use_cache, lumi_fb=float(lumi),
        masses=list(masses) if masses is not None else None, charges=charges, params=params, progress=progress,
        **options)
    return Limits(result, workspaces, from_cache=from_cache)


def flavour(model: Any, *, likelihood: str = "builtin", fit: str | None = None, g_bs: float = 0.0,
            g_bs_R: float = 0.0, use_cache: bool = True, **couplings: float) -> Flavour:
    """Flavour verdict of a model point: C9, C10, the built-in fit, optionally smelli's global likelihood.

    Args:
        model: a model (:func:`model`) or its name (then *couplings* are its parameters).
        likelihood: ``"builtin"`` (default: four observables, fast) or ``"smelli"`` (smelli's
            global SMEFT likelihood, tree-level matching at μ = M; needs ``recast[smelli]``,
            2-6 min for the first point in a process, then cached on disk).
        fit: built-in fit inputs, ``"2021"`` (default) or ``"2025"``.
        g_bs, g_bs_R: Z′ only: left-/right-handed b̄s couplings.
        use_cache: smelli: reuse an identical earlier evaluation.

    Returns:
        :class:`Flavour`: ``.C9``, ``.C10``, ``.delta_chi2``, ``.observables``, ``.smelli``, ``.to_dict()``.
    """
    from recast.api.flavour_result import LIKELIHOODS, Flavour
    from recast.exceptions import InvalidParameter, closest
    from recast.lowenergy import evaluate

    if likelihood not in LIKELIHOODS:
        msg = f"unknown flavour likelihood {likelihood!r}; {closest(likelihood, LIKELIHOODS)}"
        raise InvalidParameter(msg)
    if isinstance(model, str):
        model = globals()["model"](model, **couplings)
    elif couplings:  # "mass" is the main mass parameter (MS3, MZp, ...), as in model()
        main = model.PARAMETERS[0].name
        model = model.with_params(**{main if k == "mass" else k: v for k, v in couplings.items()})
    res = evaluate(model, fit=fit, g_bs=g_bs, g_bs_R=g_bs_R)
    sm = None
    if likelihood == "smelli":
        from recast.lowenergy.smelli import smelli_likelihood

        sm = smelli_likelihood(model, g_bs=g_bs, g_bs_R=g_bs_R, use_cache=use_cache)
    return Flavour(res, likelihood, sm)


@overload
def atlas(name: None = None, *, max_charge: int | None = None, quark_class: str = "universal",
          construction: str | None = None, muoquark: str | None = None, category: str | None = None) -> Atlas: ...


@overload
def atlas(name: str | Charges, *, max_charge: int | None = None, quark_class: str = "universal",
          construction: str | None = None, muoquark: str | None = None, category: str | None = None) -> AtlasCheck: ...


def atlas(name: str | Charges | None = None, *, max_charge: int | None = None, quark_class: str = "universal",
          construction: str | None = None, muoquark: str | None = None,
          category: str | None = None) -> Atlas | AtlasCheck:
    """The U(1)_X atlas (arXiv:2107.07518), or the check of one assignment.

    Args:
        name: check this instead of listing: a named U(1)_X (``"B-3Lmu"``), an atlas id
            (``"A0042"``), charges text (``"q=0 L=0,7,-7 E=-3,8,-5 N=5,3,-8"``) or a
            :class:`recast.models.Charges`.
        max_charge: every charge an integer in [-N, N] (default 10).
        quark_class: ``"universal"`` or ``"2+1"``.
        construction: 2+1 class: ``"paper"`` (default) or ``"free"``.
        muoquark: keep classes where this leptoquark (S3, S1, R2, Spm) is a muoquark.
        category: ``"vector"`` or ``"chiral"``.

    Returns:
        :class:`Atlas` (``len``, ``.rows``, ``.to_dict()``) or, with *name*, :class:`AtlasCheck`.

    Raises:
        InvalidParameter: bad range/class/construction/filter; UnknownModel: unknown name.
    """
    from recast.exceptions import InvalidParameter
    from recast.models.charges import Charges
    from recast.u1x import DEFAULT_MAX_CHARGE, check_charges, enumerate_atlas, filter_atlas, resolve_charges
    from recast.u1x.enumerate import DEFAULT_CONSTRUCTION

    if name is not None:
        if isinstance(name, Charges):
            return AtlasCheck(check_charges(name, title=name.name or "user charges"))
        charges, title = resolve_charges(str(name))
        return AtlasCheck(check_charges(charges, title=title))
    if construction is not None and quark_class != "2+1":
        msg = "--construction applies to the 2+1 class only — add --class 2+1 or drop --construction"
        raise InvalidParameter(msg)
    if quark_class == "2+1":
        construction = construction or DEFAULT_CONSTRUCTION
    max_charge = DEFAULT_MAX_CHARGE if max_charge is None else max_charge
    sols = list(enumerate_atlas(max_charge=max_charge, quark_class=quark_class,
                                construction=construction or DEFAULT_CONSTRUCTION))
    counts = {"all": len(sols)}
    if muoquark:
        sols = filter_atlas(sols, muoquark=muoquark)
        counts["muoquark"] = len(sols)
    if category:
        sols = filter_atlas(sols, category=category)
        counts["category"] = len(sols)
    return Atlas(tuple(sols), max_charge, quark_class, construction, {"muoquark": muoquark, "category": category},
                 counts)
