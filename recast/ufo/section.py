"""Python source of the UFO objects recast appends to the ``ufo-sm`` files.

A :class:`Section` collects, file by file, the text of new UFO objects in the UFO 2.0
conventions (arXiv:2304.09883 §2): parameters (``nature``, ``type``, ``value``, ``lhablock``,
``lhacode``), particles (PDG id, spin 2s+1, colour, mass/width parameters, charge), coupling
orders, Lorentz structures, couplings (``value`` includes the factor i) and vertices
(``particles`` as outgoing labels, ``couplings`` keyed by (colour, Lorentz) index), and
``Decay`` objects with analytic partial widths.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

__all__ = ["Section", "py_name"]


def __dir__() -> list[str]:
    return __all__


def py_name(name: str) -> str:
    """The Python identifier UFO gives a particle name (``N1~`` -> ``N1__tilde__``)."""
    for orig, sub in (("+", "__plus__"), ("-", "__minus__"), ("~", "__tilde__")):
        name = name.replace(orig, sub)
    return name


@dataclass
class Section:
    """Text to append to each UFO file (keys: file stem, e.g. ``"parameters"``)."""

    text: dict[str, list[str]] = field(default_factory=dict)

    def _add(self, stem: str, text: str) -> None:
        self.text.setdefault(stem, []).append(text)

    def parameter(self, name: str, value: float, block: str, code: int | tuple[int, ...], tex: str) -> None:
        """An external real parameter read from BLOCK *block* entry *code*."""
        codes = ", ".join(str(c) for c in (code if isinstance(code, tuple) else (code,)))
        self._add("parameters", f"{name} = Parameter(name = {name!r},\n    nature = 'external',\n"
                  f"    type = 'real',\n    value = {float(value)!r},\n    texname = {tex!r},\n"
                  f"    lhablock = {block!r},\n    lhacode = [ {codes} ])\n")

    def internal(self, name: str, value: str, tex: str, kind: str = "real") -> None:
        """An internal parameter defined by the expression *value*."""
        self._add("parameters", f"{name} = Parameter(name = {name!r},\n    nature = 'internal',\n"
                  f"    type = {kind!r},\n    value = {value!r},\n    texname = {tex!r})\n")

    def particle(self, pyname: str, *, pdg: int, name: str, antiname: str, spin: int, color: int,
                 mass: str, width: str, charge: str, texname: str) -> None:
        """A particle (and its antiparticle when *antiname* differs from *name*)."""
        self._add("particles", f"{pyname} = Particle(pdg_code = {pdg},\n    name = {name!r},\n"
                  f"    antiname = {antiname!r},\n    spin = {spin},\n    color = {color},\n"
                  f"    mass = Param.{mass},\n    width = Param.{width},\n    texname = {texname!r},\n"
                  f"    antitexname = {antiname!r},\n    charge = {charge},\n    GhostNumber = 0,\n"
                  f"    LeptonNumber = 0,\n    Y = 0)\n")
        if antiname != name:
            self._add("particles", f"{py_name(antiname)} = {pyname}.anti()\n")

    def function(self, name: str, arguments: tuple[str, ...], expression: str) -> None:
        """A function of ``function_library.py`` (e.g. MadGraph's ``cond``)."""
        self._add("function_library", f"{name} = Function(name = {name!r},\n    arguments = {arguments!r},\n"
                  f"    expression = {expression!r})\n")

    def order(self, name: str, expansion: int, hierarchy: int) -> None:
        """A coupling order."""
        self._add("coupling_orders", f"{name} = CouplingOrder(name = {name!r},\n"
                  f"    expansion_order = {expansion},\n    hierarchy = {hierarchy})\n")

    def lorentz(self, name: str, spins: list[int], structure: str) -> None:
        """A Lorentz structure."""
        self._add("lorentz", f"{name} = Lorentz(name = {name!r},\n    spins = {spins!r},\n"
                  f"    structure = {structure!r})\n")

    def coupling(self, name: str, value: str, order: str | dict[str, int]) -> str:
        """A coupling of order 1 in *order* (or the given orders); returns ``C.name`` for vertices."""
        orders = {order: 1} if isinstance(order, str) else order
        self._add("couplings", f"{name} = Coupling(name = {name!r},\n    value = {value!r},\n"
                  f"    order = {orders!r})\n")
        return f"C.{name}"

    def vertex(self, name: str, particles: list[str], color: str, lorentz: list[str], couplings: list[str]) -> None:
        """A vertex with one colour structure; coupling i goes with Lorentz structure i."""
        parts = ", ".join(f"P.{p}" for p in particles)
        cpl = ", ".join(f"(0,{i}): {c}" for i, c in enumerate(couplings))
        self._add("vertices", f"{name} = Vertex(name = {name!r},\n    particles = [ {parts} ],\n"
                  f"    color = [ {color!r} ],\n    lorentz = [ {', '.join(lorentz)} ],\n"
                  f"    couplings = {{{cpl}}})\n")

    def decay(self, particle: str, widths: Sequence[tuple[tuple[str, ...], str]]) -> None:
        """Analytic partial widths of *particle* (final states as particle Python names)."""
        rows = ",\n".join(f"        ({', '.join('P.' + x for x in fs)}): {expr!r}" for fs, expr in widths)
        self._add("decays", f"Decay_{particle} = Decay(name = 'Decay_{particle}',\n"
                  f"    particle = P.{particle},\n    partial_widths = {{\n{rows}}})\n")
