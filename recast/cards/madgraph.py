"""MadGraph5_aMC@NLO ``proc_card_mg5.dat`` and ``run_card.dat`` writers.

The process card imports the public UFO (see :mod:`recast.cards.ufo`), defines the
multiparticles, generates the model's signal process, writes the output directory and
launches it with the param and run cards written next to it. Run it from the directory
holding the cards: ``mg5_aMC proc_card_mg5.dat``.

Processes:

* leptoquarks: QCD pair production of every charge eigenstate (``p p > S3m43 S3m43~`` and
  ``add process`` for the others, all degenerate); the LQ decays are left to the
  shower program, which reads them from the DECAY blocks of the param card.
* every Z′ (U(1)_X models and the SSM / E6 ψ benchmarks) and Spm import the UFO that
  ``recast ufo`` (or ``recast cards --ufo``) writes beside the cards, named
  :func:`recast.ufo.ufo_name`; the card's header says how to write it.
* Z′ with quark couplings: Drell–Yan ``p p > zp > mu+ mu-`` (signal only, no interference).
* Z′ without quark couplings (L_μ − L_τ, L̃_{μ−τ}): the Z′ is radiated off muons,
  ``p p > mu+ mu- zp, zp > mu+ mu-`` plus the W-mediated ``mu nu zp`` channels.

The run card uses MadGraph's ``value = name ! comment`` format with ``ebeam1 = ebeam2 =
√s/2`` (GeV), the requested number of events and random seed, and the built-in LO PDF
``nn23lo1`` (no LHAPDF needed).

Example:
    >>> from recast.models import get_model
    >>> [line for line in proc_card(get_model("S3")).splitlines() if line.startswith("generate")]
    ['generate p p > S3m43 S3m43~']
"""

from __future__ import annotations

from recast.cards.ufo import model_tag, ufo_for, ufo_name
from recast.constants import SQRT_S
from recast.exceptions import InvalidParameter
from recast.models import Leptoquark, Model, ZPrimeModel

__all__ = ["output_name", "proc_card", "run_card", "signal_processes"]


def __dir__() -> list[str]:
    return __all__


def output_name(model: Model) -> str:
    """MadGraph output directory name, e.g. ``S3_M1500`` (mass in GeV)."""
    mass = f"{model.mass:g}".replace(".", "p")
    return f"{model_tag(model)}_M{mass}"


def signal_processes(model: Model) -> list[str]:
    """The ``generate``/``add process`` lines for *model*."""
    ufo = ufo_for(model)
    if isinstance(model, Leptoquark):
        names = [ufo.particles[s.name] for s in model.states()]
        lines = [f"p p > {n} {n}~" for n in names]
    elif isinstance(model, ZPrimeModel):
        couplings = model.couplings()
        has_quarks = any(couplings[q] != (0.0, 0.0) for q in range(1, 7))
        if has_quarks:
            lines = ["p p > zp > mu+ mu-"]
        else:
            lines = [
                "p p > mu+ mu- zp, zp > mu+ mu-",
                "p p > mu+ vm zp, zp > mu+ mu-",
                "p p > mu- vm~ zp, zp > mu+ mu-",
            ]
    else:
        msg = f"no MadGraph process for model {model.name} ({type(model).__name__})"
        raise InvalidParameter(msg)
    return [("generate " if i == 0 else "add process ") + line for i, line in enumerate(lines)]


def proc_card(model: Model) -> str:
    """The ``proc_card_mg5.dat`` text for *model*."""
    ufo = ufo_for(model)
    out = output_name(model)
    lines = [
        "#************************************************************",
        f"# proc_card_mg5.dat for recast model {model.name} (mass {model.mass:g} GeV)",
    ]
    if ufo.name and ufo.name.startswith("recast_"):
        lines.append(f"# UFO: {ufo.name} -- {ufo.source}")
        lines.append(f"# Write it beside this card: recast cards ... --ufo (or recast ufo ... --out {ufo.name});")
        lines.append(f"# to vary couplings in MadGraph, import model {ufo.name}-full")
    elif ufo.name:
        lines.append(f"# UFO: {ufo.name} -- {ufo.source}")
    else:
        lines.append(f"# UFO: none -- {ufo.source}")
        lines.append("# No public UFO exists for this model: build one with the particle names,")
        lines.append("# PDG ids and blocks of param_card.dat and change the import line below.")
    if ufo.note:
        lines.append(f"# NOTE: {ufo.note}")
    lines += [
        "# Run from the directory holding this card: mg5_aMC proc_card_mg5.dat",
        "#************************************************************",
        "",
        "set group_subprocesses Auto",
        "set ignore_six_quark_processes False",
        "set complex_mass_scheme False",
        f"import model {ufo.name or ufo_name(model)}",
        "",
        "# 4-flavour scheme: the UFO keeps the b quark massive",
        "define p = g u c d s u~ c~ d~ s~",
        "define j = g u c d s u~ c~ d~ s~",
        "define l+ = e+ mu+ ta+",
        "define l- = e- mu- ta-",
        "define vl = ve vm vt",
        "define vl~ = ve~ vm~ vt~",
        "",
        *signal_processes(model),
        "",
        f"output {out}",
        f"launch {out}",
        "0",
        "./param_card.dat",
        "./run_card.dat",
        "0",
        "",
    ]
    return "\n".join(lines)


def run_card(model: Model, *, nevents: int = 10000, seed: int = 1, sqrt_s: float = SQRT_S) -> str:
    """The ``run_card.dat`` text: √s in GeV (beam energies √s/2), events and seed.

    Raises:
        InvalidParameter: nevents < 1, seed < 0 or sqrt_s <= 0.

    Example:
        >>> from recast.models import get_model
        >>> [l for l in run_card(get_model("S3")).splitlines() if "ebeam1" in l]
        ['     6500.0 = ebeam1  ! beam 1 total energy in GeV']
    """
    if int(nevents) < 1:
        msg = f"nevents must be >= 1, got {nevents}"
        raise InvalidParameter(msg)
    if int(seed) < 0:
        msg = f"seed must be >= 0, got {seed}"
        raise InvalidParameter(msg)
    if not sqrt_s > 0:
        msg = f"sqrt_s must be > 0 GeV, got {sqrt_s:g}"
        raise InvalidParameter(msg)
    ebeam = float(sqrt_s) / 2
    rows = [
        (output_name(model), "run_tag", "name of the run"),
        (int(nevents), "nevents", "number of unweighted events requested"),
        (int(seed), "iseed", "random seed (0 = automatic)"),
        (1, "lpp1", "beam 1 type (1 = proton)"),
        (1, "lpp2", "beam 2 type (1 = proton)"),
        (ebeam, "ebeam1", "beam 1 total energy in GeV"),
        (ebeam, "ebeam2", "beam 2 total energy in GeV"),
        ("nn23lo1", "pdlabel", "PDF set (built in, LO)"),
        (230000, "lhaid", "LHAPDF id if pdlabel = lhapdf (NNPDF23_lo_as_0130_qed)"),
        ("False", "fixed_ren_scale", "dynamical scales"),
        ("False", "fixed_fac_scale", "dynamical scales"),
        (-1, "dynamical_scale_choice", "MadGraph default (CKKW back-clustering)"),
        (4, "maxjetflavor", "4-flavour scheme (b massive in the UFO)"),
        ("False", "use_syst", "no systematics reweighting"),
        ("False", "cut_decays", "no generator cuts on decay products"),
    ]
    lines = [
        "#*********************************************************************",
        f"# run_card.dat for recast model {model.name} (mass {model.mass:g} GeV)",
        f"# sqrt(s) = {float(sqrt_s):g} GeV; format: value = name ! comment",
        "#*********************************************************************",
    ]
    lines += [f" {v!s:>10} = {name:<7} ! {comment}" for v, name, comment in rows]
    lines.append("")
    return "\n".join(lines)
