"""SLHA ``param_card.dat`` writer (read back unchanged by :mod:`pyslha` and by MadGraph).

The card holds the SM inputs the UFO declares, BLOCK MASS (SM + new states), the model's
coupling blocks (e.g. YUKS3LL ``i j`` = quark family i, lepton family j) and one DECAY block
per new state with the total width and branching ratios computed by :mod:`recast.models`.
No timestamps and no version strings: the same model point always gives the same bytes.

Example:
    >>> import pyslha
    >>> from recast.models import get_model
    >>> doc = pyslha.readSLHA(param_card(get_model("S3")))
    >>> doc.blocks["MASS"][9000007]
    1500.0
    >>> round(doc.decays[9000007].totalwidth, 3)  # GeV: 2 y_bmu^2 M/(16 pi)
    59.683
"""

from __future__ import annotations

import os
from pathlib import Path

from recast.atomic import write_text
from recast.cards.ufo import UFO, ufo_for
from recast.exceptions import InvalidParameter
from recast.models import Model
from recast.models.zprime import BenchmarkZPrime, ZPrime

__all__ = ["coupling_blocks", "param_card", "particle_name", "write_param_card"]


def __dir__() -> list[str]:
    return __all__


_NAMES = {1: "d", 2: "u", 3: "s", 4: "c", 5: "b", 6: "t", 11: "e-", 12: "ve", 13: "mu-", 14: "vm", 15: "ta-", 16: "vt"}
_LEPTON_INDEX = {"e": 1, "mu": 2, "tau": 3}
_DOWN_INDEX = {"d": 1, "s": 2, "b": 3}
_UP_INDEX = {"u": 1, "c": 2, "t": 3}


def particle_name(pdg: int) -> str:
    """MadGraph-style name of a SM fermion PDG id (``-13`` -> ``mu+``, ``-5`` -> ``b~``).

    Example:
        >>> particle_name(-13), particle_name(-5), particle_name(14)
        ('mu+', 'b~', 'vm')
    """
    base = _NAMES.get(abs(pdg))
    if base is None:
        if abs(pdg) in (9900012, 9900014, 9900016):
            return f"N{(abs(pdg) - 9900010) // 2}"
        return str(pdg)
    if pdg > 0:
        return base
    if base.endswith("-"):
        return base[:-1] + "+"
    return base + "~"


#: One SLHA block row: (indices, value, comment).
BlockRow = tuple[tuple[int, ...], float, str]


def _matrix(model: Model, prefix: str, quarks: dict[str, int], comment: str) -> list[BlockRow]:
    rows: list[BlockRow] = []
    for q, i in quarks.items():
        for lep, j in _LEPTON_INDEX.items():
            rows.append(((i, j), model.params[f"{prefix}_{q}{lep}"], f"{comment}{i}x{j} ({q} {lep})"))
    return rows


def coupling_blocks(model: Model, ufo: UFO | None = None) -> dict[str, list[BlockRow]]:
    """The model's own SLHA blocks: ``{block: [(key, value, comment), ...]}``.

    Example:
        >>> from recast.models import get_model
        >>> blocks = coupling_blocks(get_model("S3", couplings={"y_bmu": 1.0, "y_smu": 0.1}))
        >>> [(k, v) for k, v, _ in blocks["YUKS3LL"] if v]
        [((2, 2), 0.1), ((3, 2), 1.0)]
    """
    ufo = ufo or ufo_for(model)
    p = model.params
    if model.name == "S3":
        return {"YUKS3LL": _matrix(model, "y", _DOWN_INDEX, "yLL")}
    if model.name == "S1":
        return {
            "YUKS1LL": _matrix(model, "yL", _DOWN_INDEX, "yLL"),
            "YUKS1RR": _matrix(model, "yR", _UP_INDEX, "yRR"),
        }
    if model.name == "R2":
        return {
            "YUKR2RL": _matrix(model, "yRL", _UP_INDEX, "yRL"),
            "YUKR2LR": _matrix(model, "yLR", _DOWN_INDEX, "yLR"),
        }
    if model.name == "Spm":
        return {
            "SPMCOUP": [
                ((1,), p["eta_L"], "eta_L (S+ t_R L_2)"),
                ((2,), p["eta_R"], "eta_R (S- q_3 mu_R)"),
                ((3,), p["A"], "A in GeV (phi S+^dagger S-)"),
                ((4,), 0.0, "vphi = <phi> in GeV (0: S+/S- mixing off, as in recast's widths)"),
            ]
        }
    if ufo.name == "Lmu_minus_Ltau_UFO":
        return {"HIDDEN": [((4,), p["gX"], "gZp")]}
    if isinstance(model, BenchmarkZPrime):  # SSM, E6 psi: its chiral couplings
        chiral: list[BlockRow] = []
        for pdg, (g_l, g_r) in sorted(model.couplings().items()):
            chiral += [((pdg, 1), g_l, f"g_L of {pdg}"), ((pdg, 2), g_r, f"g_R of {pdg}")]
        return {"ZPCHIRAL": chiral}
    if not isinstance(model, ZPrime):
        msg = f"no SLHA coupling blocks for model {model.name} ({type(model).__name__})"
        raise InvalidParameter(msg)
    charges = model.charges
    rows: list[BlockRow] = []
    for i, species in enumerate("QUDLEN", start=1):
        for j, x in enumerate(getattr(charges, species), start=1):
            rows.append(((i, j), float(x), f"X_{species}{j} = {x}"))
    return {
        "U1X": [((1,), p["gX"], "gX"), ((2,), p["eps"], "eps (kinetic mixing)"), ((3,), p["light_nuR"], "light_nuR")],
        "U1XCHARGE": rows,
    }


def _fmt(x: float) -> str:
    return f"{x: .8e}"


def param_card(model: Model) -> str:
    """The SLHA param_card text for *model* (masses and widths in GeV)."""
    ufo = ufo_for(model)
    states = model.states()
    out: list[str] = []
    w = out.append
    w("######################################################################")
    w(f"## param_card.dat for recast model {model.name}")
    w(f"## point: {model.label()}")
    if ufo.name:
        w(f"## UFO: {ufo.name} -- {ufo.source}")
    else:
        w(f"## UFO: none -- {ufo.source}")
    if ufo.note:
        w(f"## NOTE: {ufo.note}")
    w("## Masses and widths in GeV; widths and BRs computed analytically by recast")
    w("## (massless fermions except the top; see recast.models).")
    w("######################################################################")

    sm_blocks: dict[str, list[tuple[int, float, str]]] = {}
    for block, key, val, name in ufo.sm_inputs:
        sm_blocks.setdefault(block, []).append((key, val, name))
    for block in ("SMINPUTS", "LOOP", "CKMBLOCK", "WOLFENSTEIN", "YUKAWA"):
        if block in sm_blocks:
            w("")
            w(f"BLOCK {block} #")
            for key, val, name in sm_blocks[block]:
                w(f"    {key:>2d} {_fmt(val)} # {name}")

    w("")
    w("BLOCK MASS #")
    for key, val, name in sm_blocks.get("MASS", []):
        w(f"    {key:>7d} {_fmt(val)} # {name}")
    for s in states:
        pdg = ufo.pdg[s.name]
        w(f"    {pdg:>7d} {_fmt(s.mass)} # {ufo.mass_names.get(s.name, 'M' + s.name)} ({s.name}, Q = {s.charge})")

    for block, rows in coupling_blocks(model, ufo).items():
        w("")
        w(f"BLOCK {block} #")
        for index, val, comment in rows:
            idx = " ".join(f"{k:>2d}" for k in index)
            w(f"    {idx} {_fmt(val)} # {comment}")

    w("")
    w("## SM widths")
    for key, val, name in sm_blocks.get("DECAY", []):
        w(f"DECAY {key:>7d} {_fmt(val)} # {name}")
    for s in states:
        pdg = ufo.pdg[s.name]
        w("")
        w(f"DECAY {pdg:>7d} {_fmt(s.width)} # {ufo.width_names.get(s.name, 'W' + s.name)} ({s.name})")
        brs = sorted(s.branching_ratios().items(), key=lambda kv: (-kv[1], kv[0]))
        if brs:
            w("#        BR          NDA      ID1      ID2")
        for ids, br in brs:
            idcols = " ".join(f"{i:>8d}" for i in ids)
            names = " ".join(particle_name(i) for i in ids)
            w(f"    {_fmt(br)}   {len(ids)} {idcols} # BR({s.name} -> {names})")
    w("")
    return "\n".join(out)


def write_param_card(model: Model, path: str | os.PathLike[str]) -> Path:
    """Write :func:`param_card` to *path* atomically (temp file in the same directory)."""
    return write_text(path, param_card(model))
