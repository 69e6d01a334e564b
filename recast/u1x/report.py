"""The ``recast atlas check``/``show`` report: anomalies, fixes, category, muoquarks, scalars.

Everything is exact (``fractions.Fraction``). On failure the report names each non-zero
anomaly sum and lists the single changes that would cancel all six: flipping the sign of
one charge (``N3 -> -8``), of one species (``N -> -N``), swapping two charges of different
species (``E1 <-> N2``) or swapping two species (``L <-> E``).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from recast.exceptions import UnknownModel, closest
from recast.models.charges import ANOMALY_NAMES, NAMED_CHARGES, SPECIES, Charges, named_charges, parse_charges
from recast.u1x.classify import category, quark_class, vector_after_relabelling
from recast.u1x.consistency import beta_coefficient, dim5_proton_operators, g_max_planck
from recast.u1x.enumerate import _ID, atlas_id_of, lookup_atlas_id
from recast.u1x.muoquark import (
    LEPTOQUARK_NAMES,
    REPRESENTATIONS,
    MuoquarkResult,
    breaking_scalar,
    muoquark,
    muoquark_labellings,
)

__all__ = ["Report", "check_charges", "resolve_charges", "suggest_fixes"]


def __dir__() -> list[str]:
    return __all__


def _with(charges: Charges, **triples: tuple[Fraction, ...]) -> Charges:
    kw = {s: getattr(charges, s) for s in SPECIES} | triples
    return Charges(**kw, H=charges.H, name=charges.name)


def suggest_fixes(charges: Charges) -> list[str]:
    """Single changes that make ``charges`` anomaly-free (empty if none or already free).

    Example:
        >>> suggest_fixes(Charges.make(Q=0, L=(0, 7, -7), E=(-3, 8, -5), N=(5, 3, 8)))
        ['N3 -> -8']
    """
    if charges.anomaly_free:
        return []
    out: list[str] = []
    for s in SPECIES:
        t = list(getattr(charges, s))
        for i, v in enumerate(t):
            if v != 0:
                new = tuple(-v if k == i else x for k, x in enumerate(t))
                if _with(charges, **{s: new}).anomaly_free:
                    out.append(f"{s}{i + 1} -> {-v}")
    for s in SPECIES:
        t = getattr(charges, s)
        if any(t) and _with(charges, **{s: tuple(-x for x in t)}).anomaly_free:
            out.append(f"{s} -> -{s}")
    for s1, s2 in itertools.combinations(SPECIES, 2):
        t1, t2 = list(getattr(charges, s1)), list(getattr(charges, s2))
        for i in range(3):
            for j in range(3):
                if t1[i] != t2[j]:
                    n1, n2 = t1.copy(), t2.copy()
                    n1[i], n2[j] = t2[j], t1[i]
                    if _with(charges, **{s1: tuple(n1), s2: tuple(n2)}).anomaly_free:
                        out.append(f"{s1}{i + 1} <-> {s2}{j + 1}")
        if tuple(t1) != tuple(t2) and _with(charges, **{s1: tuple(t2), s2: tuple(t1)}).anomaly_free:
            out.append(f"{s1} <-> {s2}")
    return out


@dataclass
class Report:
    """Result of checking one charge assignment.

    Attributes:
        charges: the assignment as given.
        title: what was checked (model name, atlas id or "user charges").
        anomalies: the six anomaly sums.
        fixes: single changes that cancel all anomalies (only when they do not vanish).
        muoquarks: verdict per LQ with the muon in family 2.
        relabellings: per LQ, the (L, E) muon families (0-based) that make it a muoquark.
        scalar: ``{|X_Φ|: [N_i N_j, ...]}`` of the Majorana-mass scalar.
        atlas_id: id of the class in the atlas, if the assignment is in it.
        beta_b: one-loop b of g_X (SM fermions, three N, H: :mod:`recast.u1x.consistency`).
        proton_dim5: per muoquark, the dimension-5 diquark operators with the breaking scalar Φ.
        clfv: μ → eγ, τ → μγ at the default fit's Δa_μ (:func:`recast.lowenergy.clfv.clfv_summary`): charges
            alone fix no Δa_μ, so this is the bound on the mixing angles if the model explains (g−2)_μ.
    """

    charges: Charges
    title: str
    anomalies: dict[str, Fraction]
    fixes: list[str] = field(default_factory=list)
    muoquarks: dict[str, MuoquarkResult] = field(default_factory=dict)
    relabellings: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    scalar: dict[Fraction, list[str]] = field(default_factory=dict)
    atlas_id: str | None = None
    beta_b: Fraction | None = None
    proton_dim5: dict[str, list[str]] = field(default_factory=dict)
    clfv: dict[str, Any] | None = None

    @property
    def ok(self) -> bool:
        """All six anomaly sums vanish."""
        return all(v == 0 for v in self.anomalies.values())

    @property
    def failing(self) -> dict[str, Fraction]:
        """The non-zero anomaly sums."""
        return {k: v for k, v in self.anomalies.items() if v != 0}

    @property
    def category(self) -> str:
        """``vector`` or ``chiral`` as labelled."""
        return category(self.charges)

    def as_dict(self) -> dict[str, Any]:
        """JSON-friendly summary (fractions as strings)."""
        return {
            "title": self.title,
            "charges": self.charges.as_dict(),
            "anomaly_free": self.ok,
            "anomalies": {k: str(v) for k, v in self.anomalies.items()},
            "fixes": self.fixes,
            "category": self.category,
            "quark_class": quark_class(self.charges)[0],
            "muoquarks": {
                lq: {"muoquark": r.ok, "charges": [_fmt_charge(x) for x in r.charges]}
                for lq, r in self.muoquarks.items()
            },
            "scalar": {str(k): v for k, v in self.scalar.items()},
            "atlas_id": self.atlas_id,
            "running": None if self.beta_b is None else {
                "b": str(self.beta_b), "fields": _RUNNING_FIELDS,
                "g_max_planck_at_1TeV": g_max_planck(self.beta_b, 1000.0)},
            "proton_dim5": self.proton_dim5,
            "clfv": self.clfv,
        }

    def text(self) -> str:
        """Human-readable report (what ``recast atlas check`` prints)."""
        c = self.charges
        lines = [f"{self.title}: {c.label()} H={c.H}", "anomaly sums (exact):"]
        for name in ANOMALY_NAMES:
            v = self.anomalies[name]
            lines.append(f"  {name:<17} {v!s:>8}" + ("   <- FAILS" if v != 0 else ""))
        if not self.ok:
            bad = ", ".join(f"{k} = {v}" for k, v in self.failing.items())
            lines.append(f"verdict: NOT anomaly-free: {bad}")
            if self.fixes:
                lines.append("fix: " + "; or ".join(self.fixes) + " (cancels all six)")
            else:
                lines.append("fix: no single sign flip or swap of charges cancels all six")
            return "\n".join(lines)
        lines.append("verdict: anomaly-free")
        if not any((*c.Q, *c.U, *c.D, *c.L, *c.E, *c.N)):
            lines.append("note: every charge is zero: this is the trivial U(1)_X (no Z' couplings)")
        cat = self.category
        if cat == "vector":
            lines.append("category: vector (X_Li = X_Ei: charged-lepton Yukawas allowed with X_H = 0)")
        else:
            diff = [str(i + 1) for i in range(3) if c.L[i] != c.E[i]]
            extra = "; vector after relabelling the E families" if vector_after_relabelling(c) else ""
            lines.append(f"category: chiral (X_L != X_E in families {', '.join(diff)}{extra})")
        qc, qv = quark_class(c)
        qtxt = {"universal": f"quark-flavour universal, X_q = {qv}", "2+1": f"2+1, X_q3 = {qv}"}.get(
            qc, "general (not quark-universal)"
        )
        if qc == "2+1" and qv is None:
            qtxt = "2+1 with X_q12 != 0"
        lines.append(f"quark class: {qtxt}")
        lines.append("muoquarks (muon = L2, E2; X_LQ makes the coupling U(1)_X neutral, e.g. X_S3 = -(X_Q3 + X_L2)):")
        for lq in LEPTOQUARK_NAMES:
            lines.append(f"  {lq:<3} {REPRESENTATIONS[lq]:<14} {self._lq_line(lq)}")
        if self.scalar:
            parts = [f"{x} ({', '.join(b)})" for x, b in self.scalar.items()]
            lines.append("U(1)_X-breaking scalar Phi (Majorana masses Phi N_i N_j): |X_Phi| = " + "; ".join(parts))
        else:
            lines.append("U(1)_X-breaking scalar Phi: no N_i N_j entry is charged; any X_Phi != 0 breaks U(1)_X")
        if self.atlas_id:
            lines.append(f"atlas id: {self.atlas_id} (same class up to relabelling, sign and normalisation)")
        else:
            lines.append("atlas id: none (not quark-universal/2+1 with |X| <= 20 after normalisation)")
        lines += self._consistency_lines()
        return "\n".join(lines)

    def _consistency_lines(self) -> list[str]:
        out = []
        if self.beta_b is not None:
            out.append(f"running g_X (one loop, {_RUNNING_FIELDS}): b = {self.beta_b}; g_X(1 TeV) < "
                       f"{g_max_planck(self.beta_b, 1000.0):.3g} keeps the Landau pole above the Planck mass")
        for lq, ops in self.proton_dim5.items():
            shown = ", ".join(ops[:3]) + (f" (+{len(ops) - 3} more)" if len(ops) > 3 else "")
            out.append(f"proton decay, dim-5 diquark x Phi for {lq}: " + (f"ALLOWED: {shown}" if ops else "forbidden"))
        if self.clfv is not None:
            out += _clfv_text(self.clfv, [lq for lq, r in self.muoquarks.items() if r.ok])
        return out

    def _lq_line(self, lq: str) -> str:
        r = self.muoquarks[lq]
        if r.ok:
            if lq == "Spm":
                parts = []
                for xp, xm in r.charges:
                    same = self.charges.L[1] == self.charges.E[1]
                    note = "" if same else ", tree-level y_mu forbidden: radiative m_mu"
                    parts.append(f"X_S+ = {xp}, X_S- = {xm}, X_phi = X_S+ - X_S- = {xp - xm}{note}")
                return "yes: " + " | ".join(parts)
            return "yes: " + "; ".join(f"X_{lq} = {x} ({', '.join(r.muon_couplings[x])})" for x in r.charges)
        alt = self.relabellings.get(lq, [])
        why = "; ".join(r.reasons) if r.reasons else "no allowed muon coupling"
        if alt:
            a, b = alt[0]
            lab = f"L{a + 1}" if lq == "S3" else f"L{a + 1}, E{b + 1}"
            return f"no ({why}); yes if the muon is {lab}"
        return f"no ({why})"


def _clfv_text(clfv: dict[str, Any], muoquarks: list[str]) -> list[str]:
    from recast.lowenergy.clfv import clfv_lines

    lines = clfv_lines(clfv["delta_a_mu"])
    lines[0] = (f"cLFV: the charges fix no Delta a_mu; if this model gives the {clfv['fit']} fit's Delta a_mu = "
                f"{clfv['delta_a_mu']:.3g} (dipole rate arXiv:1807.11484, c^fi = theta c^mumu, one chirality):")
    if muoquarks:
        lines.append(f"  ({', '.join(muoquarks)} as muoquarks: their e and tau couplings are forbidden by U(1)_X, "
                     "so theta = 0 until U(1)_X breaking)")
    return lines


_RUNNING_FIELDS = "SM fermions, 3 nu_R, H; no kinetic mixing, no leptoquarks or Phi"


def _fmt_charge(x: Fraction | tuple[Fraction, ...]) -> str | list[str]:
    return [str(v) for v in x] if isinstance(x, tuple) else str(x)


def check_charges(charges: Charges, *, title: str = "user charges") -> Report:
    """Build the full report for ``charges``.

    Example:
        >>> from recast.models.charges import named_charges
        >>> r = check_charges(named_charges("B-3Lmu"), title="B-3Lmu")
        >>> r.ok, r.category, [str(x) for x in r.muoquarks["S1"].charges]
        (True, 'vector', ['8/3'])
    """
    rep = Report(charges=charges, title=title, anomalies=charges.anomalies())
    if not rep.ok:
        rep.fixes = suggest_fixes(charges)
        return rep
    rep.muoquarks = {lq: muoquark(charges, lq) for lq in LEPTOQUARK_NAMES}
    rep.relabellings = {lq: muoquark_labellings(charges, lq) for lq in LEPTOQUARK_NAMES}
    rep.scalar = breaking_scalar(charges)
    rep.atlas_id = atlas_id_of(charges)
    rep.beta_b = beta_coefficient(charges)
    phis = list(rep.scalar)
    rep.proton_dim5 = {lq: sorted({op for x in rep.muoquarks[lq].charges
                                   for op in dim5_proton_operators(charges, lq, x, phis)})
                       for lq in ("S3", "S1") if rep.muoquarks[lq].ok and phis}
    from recast.lowenergy import load_fit
    from recast.lowenergy.clfv import clfv_summary

    fit = load_fit(None)
    rep.clfv = {"fit": fit["name"], **clfv_summary(float(fit["observables"]["delta_a_mu"]["value"]) * 1e-11)}
    return rep


def resolve_charges(name: str) -> tuple[Charges, str]:
    """Charges and a title for a named U(1)_X, an atlas id (``A0042``/``T0007``) or charges text.

    Raises:
        UnknownModel: neither a named model nor an atlas id (and not ``key=value`` text).
    """
    if "=" in name:
        return parse_charges(name), "user charges"
    if any(k.lower() == name.lower() for k in NAMED_CHARGES):
        ch = named_charges(name)
        return ch, ch.name
    if _ID.match(name):
        return lookup_atlas_id(name), f"atlas {name.strip().upper()}"
    msg = f"unknown U(1)_X {name!r}; {closest(name, NAMED_CHARGES)}, an atlas id such as A0042, or text 'q=0 L=0,1,-1'"
    raise UnknownModel(msg)
