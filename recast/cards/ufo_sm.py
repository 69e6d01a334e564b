"""The Standard Model part of every UFO recast writes: the ``ufo-sm`` package.

``ufo-sm`` (PyPI) is MadGraph's ``sm`` UFO (FeynRules, N. Christensen and C. Duhr): Feynman
gauge with Goldstones, Wolfenstein CKM, massive c, b, t, e, μ, τ. recast extends it at write
time: its files are copied from the installed package and recast's definitions are appended
(nothing of it is kept in recast's source tree).

Its ``restrict_default.dat`` (MadGraph applies it on ``import model``) sets m_c = m_e = m_μ = 0
and a diagonal CKM. :func:`sm_inputs` gives the SM entries of recast's param cards: that
restricted point, with recast's own values (:mod:`recast.constants`, PDG 2024) for G_F, M_Z,
Γ_Z, m_t and the W, t, H widths so that the SM inputs of the card and of the widths agree.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

__all__ = ["SM_FILES", "sm_inputs", "ufo_sm_dir"]


def __dir__() -> list[str]:
    return __all__


#: The ufo-sm files copied into every written UFO (not its pickle cache nor its restrict cards).
SM_FILES = (
    "__init__.py", "object_library.py", "function_library.py", "write_param_card.py",
    "coupling_orders.py", "lorentz.py", "parameters.py", "particles.py", "couplings.py",
    "vertices.py", "decays.py",
)


def ufo_sm_dir() -> Path:
    """Directory of the installed ``ufo_sm`` package (the SM UFO).

    Raises:
        RecastError: ``ufo-sm`` is not installed.
    """
    try:
        return Path(str(resources.files("ufo_sm")))
    except ModuleNotFoundError as err:  # pragma: no cover - a declared dependency
        from recast.exceptions import RecastError

        msg = "the SM UFO package ufo-sm is not installed — pip install ufo-sm"
        raise RecastError(msg) from err


def _restrict_default() -> dict[tuple[str, int], float]:
    out: dict[tuple[str, int], float] = {}
    block = None
    for raw in (ufo_sm_dir() / "restrict_default.dat").read_text().splitlines():
        t = raw.split("#")[0].split()
        if not t:
            continue
        if t[0].upper() == "BLOCK":
            block = t[1].upper()
        elif t[0].upper() == "DECAY":
            out[("DECAY", int(t[1]))] = float(t[2])
            block = None
        elif block is not None and len(t) == 2:
            out[(block, int(t[0]))] = float(t[1])
    return out


def sm_inputs() -> tuple[tuple[str, int, float, str], ...]:
    """(block, key, value, name) of every external SM parameter of ``ufo-sm``, in its order.

    Values: ``ufo-sm``'s ``restrict_default.dat`` (aEWM1 = 132.507, α_s = 0.118, m_b = 4.7,
    m_τ = 1.777, M_H = 125 GeV, massless c, e, μ, no CKM mixing), except G_F, M_Z, Γ_Z, m_t
    (and y_t) from :mod:`recast.constants` and Γ_W = 2.085 GeV, Γ_t = 1.42 GeV (PDG 2024),
    Γ_H = 4.07e-3 GeV (LHC HXSWG, M_H = 125 GeV) as in recast's other cards.
    """
    import ufo_sm.parameters as params

    from recast.constants import G_FERMI, GAMMA_Z, M_TOP, M_Z

    restricted = _restrict_default()
    ours = {
        ("SMINPUTS", 2): G_FERMI, ("MASS", 23): M_Z, ("DECAY", 23): GAMMA_Z,
        ("MASS", 6): M_TOP, ("YUKAWA", 6): M_TOP,
        ("DECAY", 24): 2.085, ("DECAY", 6): 1.42, ("DECAY", 25): 4.07e-3,
    }
    rows = []
    for p in params.all_parameters:
        if p.nature != "external":
            continue
        key = (p.lhablock.upper(), int(p.lhacode[0]))
        value = ours.get(key, restricted.get(key, float(p.value)))
        rows.append((key[0], key[1], value, p.name))
    return tuple(rows)
