"""Pythia 8 settings for a recast model point (the lines :func:`recast.events.generate` runs).

:mod:`recast.cards.pythia` writes the same lines to a ``.cmnd`` file; it imports them from here.

Leptoquarks use Pythia's built-in scalar leptoquark (PDG id 42, ``LeptoquarkProcesses.xml``)
with QCD pair production only (``LeptoQuark:gg2LQLQbar`` and ``LeptoQuark:qqbar2LQLQbar``);
the Yukawa-driven single production is left off. Pythia has a single LQ id, so a model with
several charge states (S3: S3m43, S3m13, S3p23) is generated one state at a time: choose it
with ``state=``. The decay table of id 42 is replaced by the state's channels with
``meMode = 100`` (partial width = stored BR × stored total width, ``ResonanceDecays.xml``),
so the model's branching ratios and total width are used exactly.

What Pythia's id 42 cannot express (approximations, documented):

* pair production of two *different* states (e.g. S+ S−*), which QCD does not produce anyway;
* a state whose channels mix quark and antiquark daughters (a 3 and a 3̄ at once); no recast
  model has one. If all daughters are antiquarks the charge-conjugate state is used instead;
* Pythia recomputes the LQ charge at ``init`` from the first channel (quark + lepton); we
  check that every channel carries the state's charge, so events pass ``Check:event``.

Z′ models use ``NewGaugeBoson:ffbar2gmZZprime`` with ``Zprime:gmZmode = 3`` (pure Z′, no γ*/Z
interference), ``Zprime:universality = off`` and family-specific couplings. Pythia writes
the Z′ current as ``e/(4 s_W c_W) f̄ γ^μ (v − a γ5) f`` (``NewGaugeBosonProcesses.xml``: the
defaults ``vd = −1 + 4/3 sin²θ_W ≈ −0.693``, ``ad = −1`` reproduce the SM Z), evaluated
with α_em running at the Z′ mass. recast's chiral couplings ``g_L P_L + g_R P_R`` give
``g_V = (g_L + g_R)/2``, ``g_A = (g_R − g_L)/2`` and the current ``f̄ γ^μ (g_V + g_A γ5) f``, so

    v = g_V · 4 s_W c_W / e,   a = −g_A · 4 s_W c_W / e,   e = √(4π α_em(M²)).

Only Z′ → μ⁺μ⁻ is switched on (``32:onMode = off``, ``32:onIfAny = 13``); the other channels
still enter the total width, and Pythia's σ then already includes BR(Z′ → μμ). Decays to
light right-handed neutrinos (``light_nuR = 1``) have no Pythia channel, so the Pythia
width misses them (approximation, stated in :func:`pythia_settings`' output).

Example:
    >>> from recast.models import get_model
    >>> s = pythia_settings(get_model("S3", mass=1500), state="S3m43")
    >>> [x for x in s if x.startswith("42:m0")]
    ['42:m0 = 1500']
"""

from __future__ import annotations

import math
from fractions import Fraction
from functools import lru_cache

from recast.constants import SQRT_S
from recast.exceptions import InconsistentCard, InvalidParameter, closest
from recast.models.base import Model, State
from recast.models.leptoquark import Leptoquark
from recast.models.zprime import ZPrimeModel

__all__ = [
    "PYTHIA_ZPRIME_NAMES",
    "pythia_alternatives",
    "pythia_coupling_constants",
    "pythia_settings",
    "pythia_zprime_couplings",
]


def __dir__() -> list[str]:
    return __all__


# Pythia's family-specific Z' coupling names (NewGaugeBosonProcesses.xml, Zprime:vd ... anutau).
PYTHIA_ZPRIME_NAMES: dict[int, str] = {
    1: "d", 2: "u", 11: "e", 12: "nue",
    3: "s", 4: "c", 13: "mu", 14: "numu",
    5: "b", 6: "t", 15: "tau", 16: "nutau",
}

_QUARK_CHARGE = {1: Fraction(-1, 3), 2: Fraction(2, 3), 3: Fraction(-1, 3), 4: Fraction(2, 3),
                 5: Fraction(-1, 3), 6: Fraction(2, 3)}
_LEPTON_CHARGE = {11: Fraction(-1), 13: Fraction(-1), 15: Fraction(-1),
                  12: Fraction(0), 14: Fraction(0), 16: Fraction(0)}
_MASS = {6: 172.5}  # GeV, Pythia's default top mass (ParticleData.xml, 6:m0 = 172.5)


def _charge(pdg: int) -> Fraction:
    table = _QUARK_CHARGE if abs(pdg) <= 6 else _LEPTON_CHARGE
    q = table[abs(pdg)]
    return q if pdg > 0 else -q


@lru_cache(maxsize=1)
def pythia_coupling_constants() -> tuple[float, float]:
    """(sin²θ_W, α_em(M_Z²)) as Pythia uses them; see :func:`_alpha_em` for the running.

    Read from an initialised Pythia (``ProcessLevel:all = off``): ``CoupSM::sin2thetaW``
    (``StandardModel:sin2thetaW`` = 0.2312) and ``CoupSM::alphaEM``.
    """
    return _pythia_couplings_at(91.1876)  # M_Z in GeV (Pythia's 23:m0)


@lru_cache(maxsize=256)
def _pythia_couplings_at(mass: float) -> tuple[float, float]:
    """(sin²θ_W, α_em(mass²)) from Pythia's own CoupSM (the values its Z′ code uses)."""
    from recast.events.pythia import new_pythia
    from recast.quiet import quiet_stdout

    with quiet_stdout(True):
        py = new_pythia(["ProcessLevel:all = off"])
        out = float(py.coupSM.sin2thetaW()), float(py.coupSM.alphaEM(mass * mass))
    return out


def pythia_zprime_couplings(model: ZPrimeModel) -> dict[str, float]:
    """Pythia's ``Zprime:v*``/``Zprime:a*`` values for a Z′ model (see the module docstring).

    Example:
        >>> from recast.models import get_model
        >>> c = pythia_zprime_couplings(get_model("Lmu-Ltau", MZp=1000, gX=0.1))
        >>> c["vd"], round(c["vmu"], 3), c["amu"]
        (0.0, 0.531, 0.0)
    """
    s2w, alpha = _pythia_couplings_at(float(model.mass))
    e = math.sqrt(4 * math.pi * alpha)
    norm = 4 * math.sqrt(s2w * (1 - s2w)) / e
    out: dict[str, float] = {}
    for pdg, (g_l, g_r) in model.couplings().items():
        name = PYTHIA_ZPRIME_NAMES.get(pdg)
        if name is None:
            continue
        g_v, g_a = (g_l + g_r) / 2, (g_r - g_l) / 2
        out[f"v{name}"] = g_v * norm + 0.0
        out[f"a{name}"] = -g_a * norm + 0.0
    return out


def _fmt(x: float) -> str:
    return f"{x:.10g}"


def _mass_window(mass: float, width: float, threshold: float) -> tuple[float, float]:
    """Breit–Wigner range: M ± 10 Γ, kept within [M/2, 3M/2] and above the decay threshold."""
    lo = max(mass - 10 * width, 0.5 * mass, threshold + 1.0)
    hi = min(mass + 10 * width, 1.5 * mass)
    return lo, hi


def _lq_state(model: Leptoquark, state: str | None) -> State:
    states = model.states()
    if state is None:
        for st in states:
            if st.branching_ratios():
                return st
        msg = f"no state of {model.name} decays (all couplings zero); set a coupling, e.g. y_bmu=1"
        raise InvalidParameter(msg)
    names = [s.name for s in states]
    for st in states:
        if st.name == state:
            return st
    msg = f"model {model.name} has no state {state!r}; {closest(state, names)}"
    raise InvalidParameter(msg)


def _lq_settings(model: Leptoquark, state: str | None) -> list[str]:
    st = _lq_state(model, state)
    brs = st.branching_ratios()
    if not brs:
        msg = f"state {st.name} of {model.name} has no open decay; set a coupling that feeds it"
        raise InvalidParameter(msg)
    charge = st.charge
    chans = list(brs.items())
    signs = {d[0] > 0 for d, _ in chans}
    if len(signs) != 1:
        msg = f"state {st.name} decays to both quarks and antiquarks; Pythia's id 42 cannot express it"
        raise InconsistentCard(msg)
    if signs == {False}:  # describe the charge conjugate: id 42 must decay to a quark
        chans = [((-d[0], -d[1]), br) for d, br in chans]
        charge = -charge
    for (q, lep), _ in chans:
        if abs(q) > 6 or abs(lep) not in _LEPTON_CHARGE:
            msg = f"channel ({q}, {lep}) of {st.name} is not quark + lepton; Pythia's LQ needs that"
            raise InconsistentCard(msg)
        if _charge(q) + _charge(lep) != charge:
            msg = f"channel ({q}, {lep}) of {st.name} does not conserve its charge {charge}"
            raise InconsistentCard(msg)
    if (3 * charge).denominator != 1:
        msg = f"state {st.name} has charge {charge}, not a multiple of 1/3"
        raise InconsistentCard(msg)
    threshold = max(sum(_MASS.get(abs(x), 0.0) for x in d) for d, _ in chans)
    lo, hi = _mass_window(st.mass, st.width, threshold)
    out = [
        f"# {model.name} state {st.name} (Q = {st.charge}), {model!r}",
        "LeptoQuark:gg2LQLQbar = on",
        "LeptoQuark:qqbar2LQLQbar = on",
        f"42:m0 = {_fmt(st.mass)}",
        f"42:mWidth = {_fmt(st.width)}",
        "42:doForceWidth = on",
        f"42:mMin = {_fmt(lo)}",
        f"42:mMax = {_fmt(hi)}",
        f"42:chargeType = {int(3 * charge)}",
    ]
    for i, ((q, lep), br) in enumerate(chans):
        key = "oneChannel" if i == 0 else "addChannel"
        out.append(f"42:{key} = 1 {_fmt(br)} 100 {q} {lep}")
    return out


def _zprime_settings(model: ZPrimeModel) -> list[str]:
    st = model.states()[0]
    lo, hi = _mass_window(st.mass, st.width, 0.0)
    out = [
        f"# {model.name} Z' (pure Z', gmZmode = 3), {model!r}",
        "NewGaugeBoson:ffbar2gmZZprime = on",
        "Zprime:gmZmode = 3",
        "Zprime:universality = off",
        f"32:m0 = {_fmt(st.mass)}",
        f"32:mMin = {_fmt(lo)}",
        f"32:mMax = {_fmt(hi)}",
    ]
    out += [f"Zprime:{k} = {_fmt(v)}" for k, v in pythia_zprime_couplings(model).items()]
    if model.params.get("light_nuR"):
        out.append("# approximation: Z' -> nu_R nu_R has no Pythia channel; width underestimated")
    out += ["32:onMode = off", "32:onIfAny = 13"]
    return out


def pythia_settings(
    model: Model,
    *,
    state: str | None = None,
    sqrt_s: float = SQRT_S,
    fast: bool = False,
) -> list[str]:
    """Pythia 8 ``readString`` lines for a model point (pp at ``sqrt_s`` GeV).

    Args:
        model: a leptoquark or Z′ model from :func:`recast.models.get_model`.
        state: for leptoquarks, the charge state (``State.name``) to generate; default the
            first state with open decays. Ignored for Z′ models.
        sqrt_s: centre-of-mass energy in GeV.
        fast: switch hadronisation and multiparton interactions off.

    Returns:
        Setting lines; lines starting with ``#`` are comments (Pythia's readString skips them).

    Raises:
        InvalidParameter: unknown state, or a state with no open decay.
        InconsistentCard: a channel Pythia's id 42 cannot express.

    Example:
        >>> from recast.models import get_model
        >>> s = pythia_settings(get_model("B-3Lmu", MZp=2000, gX=0.2), fast=True)
        >>> "Zprime:gmZmode = 3" in s and "HadronLevel:all = off" in s
        True
    """
    if sqrt_s <= 0:
        msg = f"sqrt_s must be > 0 GeV, got {sqrt_s:g}"
        raise InvalidParameter(msg)
    out = ["Beams:idA = 2212", "Beams:idB = 2212", f"Beams:eCM = {_fmt(sqrt_s)}"]
    if isinstance(model, Leptoquark):
        out += _lq_settings(model, state)
    elif isinstance(model, ZPrimeModel):
        out += _zprime_settings(model)
    else:
        msg = f"model {model.name} ({type(model).__name__}) has no Pythia setup (a Leptoquark or a ZPrimeModel)"
        raise InvalidParameter(msg)
    if fast:
        out += ["HadronLevel:all = off", "PartonLevel:MPI = off"]
    return out


def pythia_alternatives(model: Model, *, state: str | None = None) -> list[tuple[str, list[str]]]:
    """The decay-table lines of every other decaying leptoquark state, for a card's comments.

    Pythia has one leptoquark id (42), so :func:`pythia_settings` activates one state; the
    others are listed as ``(state name, lines)`` with the ``42:`` lines that would replace
    the active ones (no ``LeptoQuark:`` process lines). Empty for a Z′.

    Example:
        >>> from recast.models import get_model
        >>> [name for name, _ in pythia_alternatives(get_model("S3", mass=1500), state="S3m43")]
        ['S3m13', 'S3p23']
    """
    if not isinstance(model, Leptoquark):
        return []
    chosen = _lq_state(model, state).name
    out = []
    for st in model.states():
        if st.name == chosen or not st.branching_ratios():
            continue
        alt = [x for x in _lq_settings(model, st.name) if not x.startswith("LeptoQuark:")]
        out.append((st.name, alt))
    return out
