"""Which MadGraph UFO each recast model maps onto: names, PDG ids and SLHA blocks.

Sources (checked against the public model files where we could find them):

* S3 — LQ_NLO toolbox of Doršner & Fuks (arXiv:1801.07641, lqnlo.hepforge.org), UFO
  ``NLO_LQ_S3``. Its ``parameters.py`` has ``MS3`` = BLOCK MASS 9000007 (the other two
  masses are internal and equal), widths ``WS323``/``WS313``/``WS343`` = DECAY 9000005/6/7,
  Yukawas ``yLL{i}x{j}`` = BLOCK YUKS3LL ``i j`` (quark family i, lepton family j);
  particles S3p23 (+2/3), S3m13 (−1/3), S3m43 (−4/3). SM inputs as listed in
  :data:`SM_INPUTS_LQ` (SMINPUTS 1–3, YUKAWA 5/6/15, MASS 5/6/15/23/25, DECAY 6/23/24/25).
* S1 and R2 — same toolbox, UFOs ``NLO_LQ_S1`` and ``NLO_LQ_R2`` (names from
  lqnlo.hepforge.org). We could not read their ``parameters.py``. The sibling S̃1 UFO of
  the toolbox (seen in a public MadGraph standalone output) has its single LQ at PDG
  9000005 with ``MS1t``/``WS1t`` and couplings ``yRR{i}x{j}`` in BLOCK YUKS1TRR; by that
  pattern S1 is PDG 9000005 with MS1/WS1 and blocks YUKS1LL/YUKS1RR, and R2 uses
  YUKR2RL/YUKR2LR. These names and the R2 PDG ids are **not verified**; each card says so.
* Every Z′ (B − 3L_μ, L_μ − L_τ, L̃_{μ−τ}, B − L, atlas ids, user charges) — the UFO that
  ``recast ufo`` writes (:mod:`recast.ufo`): ``ufo-sm`` plus ``zp`` = PDG 32, ``MZp`` = MASS 32,
  ``WZp`` = DECAY 32, BLOCK U1X (gX, eps, light_nuR), BLOCK U1XCHARGE. Its SM inputs are every
  external parameter of ``ufo-sm`` (:func:`recast.cards.ufo_sm.sm_inputs`). (For L_μ − L_τ the public
  FeynRules UFO of B. Shuve, ``Lmu_minus_Ltau_UFO``, numbers the Z′ 26 with BLOCK HIDDEN 4.)
* Benchmark Z′ (``Zp_SSM``, ``Zp_psi``) — also the UFO ``recast ufo`` writes, with the
  chiral couplings of BLOCK ZPCHIRAL ``(pdg, 1)`` = g_L, ``(pdg, 2)`` = g_R.
* Spm — no public UFO is known to us: the UFO ``recast ufo`` writes (:mod:`recast.ufo.spm`),
  PDG 9000011–14, BLOCK SPMCOUP (eta_L, eta_R, A, vphi).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from recast.cards.ufo_sm import sm_inputs
from recast.models import Model, Spm, ZPrimeModel
from recast.models.zprime import BenchmarkZPrime

__all__ = ["SM_INPUTS_FULL", "SM_INPUTS_LQ", "UFO", "model_tag", "ufo_for", "ufo_name", "writes_ufo"]


def __dir__() -> list[str]:
    return __all__


@dataclass(frozen=True)
class UFO:
    """How one model is written for MadGraph.

    Attributes:
        name: UFO directory for ``import model`` (``None``: no public UFO exists).
        source: where the UFO comes from (citation).
        particles: recast state name -> MadGraph particle name.
        pdg: recast state name -> PDG id used by this UFO (may differ from recast's).
        mass_names: recast state name -> the UFO's mass parameter name (for comments).
        width_names: recast state name -> the UFO's width parameter name.
        sm_inputs: the SM block entries this UFO declares (see :data:`SM_INPUTS_LQ`).
        verified: True when the names/ids above were read from the public UFO files.
        note: extra header text.
    """

    name: str | None
    source: str
    particles: dict[str, str]
    pdg: dict[str, int]
    mass_names: dict[str, str] = field(default_factory=dict)
    width_names: dict[str, str] = field(default_factory=dict)
    sm_inputs: tuple[tuple[str, int, float, str], ...] = ()
    verified: bool = False
    note: str = ""


# (block, key, value, name) of the SM inputs. Values: SMINPUTS aEWM1 = 127.9 and MH = 125 are
# the UFO defaults (FeynRules SM); G_F, M_Z, Γ_Z from recast.constants (PDG 2024);
# m_t = 172.5 GeV (recast.constants.M_TOP, the value used in the LQ → t widths);
# alpha_s(M_Z) = 0.1180 (PDG 2024); m_b = 4.7 GeV and m_tau = 1.777 GeV (UFO defaults, pole masses);
# Γ_W = 2.085 GeV (PDG 2024), Γ_t = 1.42 GeV (PDG 2024), Γ_H = 4.07e-3 GeV (LHC HXSWG, m_H = 125 GeV).
def _sm(full: bool) -> tuple[tuple[str, int, float, str], ...]:
    from recast.constants import G_FERMI, GAMMA_Z, M_TOP, M_Z

    rows: list[tuple[str, int, float, str]] = [
        ("SMINPUTS", 1, 127.9, "aEWM1"),
        ("SMINPUTS", 2, G_FERMI, "Gf"),
        ("SMINPUTS", 3, 0.1180, "aS"),
    ]
    if full:  # Lmu_minus_Ltau_UFO: massive light quarks and leptons, Cabibbo angle
        rows += [("CKMBLOCK", 1, 0.227736, "cabi")]
        rows += [
            ("YUKAWA", 1, 0.00504, "ymdo"), ("YUKAWA", 2, 0.00255, "ymup"), ("YUKAWA", 3, 0.101, "yms"),
            ("YUKAWA", 4, 1.27, "ymc"), ("YUKAWA", 5, 4.7, "ymb"), ("YUKAWA", 6, M_TOP, "ymt"),
            ("YUKAWA", 11, 0.000511, "yme"), ("YUKAWA", 13, 0.10566, "ymm"), ("YUKAWA", 15, 1.777, "ymtau"),
            ("MASS", 1, 0.00504, "MD"), ("MASS", 2, 0.00255, "MU"), ("MASS", 3, 0.101, "MS"),
            ("MASS", 4, 1.27, "MC"), ("MASS", 5, 4.7, "MB"), ("MASS", 6, M_TOP, "MT"),
            ("MASS", 11, 0.000511, "Me"), ("MASS", 13, 0.10566, "MMU"), ("MASS", 15, 1.777, "MTA"),
        ]
    else:  # NLO_LQ_* UFOs: only b, t, tau massive; renormalisation scale MU_R = LOOP 1 (UFO default)
        rows += [("LOOP", 1, 91.188, "MU_R")]
        rows += [
            ("YUKAWA", 5, 4.7, "ymb"), ("YUKAWA", 6, M_TOP, "ymt"), ("YUKAWA", 15, 1.777, "ymtau"),
            ("MASS", 5, 4.7, "MB"), ("MASS", 6, M_TOP, "MT"), ("MASS", 15, 1.777, "MTA"),
        ]
    rows += [
        ("MASS", 23, M_Z, "MZ"),
        ("MASS", 25, 125.0, "MH"),
        ("DECAY", 6, 1.42, "WT"),
        ("DECAY", 23, GAMMA_Z, "WZ"),
        ("DECAY", 24, 2.085, "WW"),
        ("DECAY", 25, 4.07e-3, "WH"),
    ]
    return tuple(rows)


SM_INPUTS_LQ = _sm(full=False)
SM_INPUTS_FULL = _sm(full=True)

_LQ_SOURCE = "LQ_NLO toolbox, Dorsner & Fuks, arXiv:1801.07641 (lqnlo.hepforge.org)"


def model_tag(model: Model) -> str:
    """The model's name as it stands in file names (``B-3Lmu`` -> ``Bm3Lmu``): the UFO's and MadGraph's output."""
    return model.name.replace("-", "m").replace("~", "").replace(".", "p")


def ufo_name(model: Model) -> str:
    """The UFO directory name ``recast cards`` imports, e.g. ``recast_Bm3Lmu_UFO``."""
    return f"recast_{model_tag(model)}_UFO"


def writes_ufo(model: Model) -> bool:
    """True for the models recast writes a UFO for (every Z′, benchmark ones included, and Spm)."""
    return isinstance(model, (ZPrimeModel, Spm))


def ufo_for(model: Model) -> UFO:
    """The UFO description for *model* (see the module docstring for the sources)."""
    states = {s.name: s.pdg for s in model.states()}
    if model.name == "S3":
        return UFO(
            name="NLO_LQ_S3",
            source=_LQ_SOURCE,
            particles={n: n for n in states},
            pdg=states,
            mass_names={"S3m43": "MS3", "S3m13": "MS3 (internal)", "S3p23": "MS3 (internal)"},
            width_names={"S3p23": "WS323", "S3m13": "WS313", "S3m43": "WS343"},
            sm_inputs=SM_INPUTS_LQ,
            verified=True,
        )
    if model.name in ("S1", "R2"):
        tag = model.name
        return UFO(
            name=f"NLO_LQ_{tag}",
            source=_LQ_SOURCE,
            particles={n: n for n in states},
            pdg=states,
            mass_names={n: f"M{tag}" for n in states},
            # one state (S1): W + name as in WS1t; several (R2): W + name + charge as in WS323
            width_names={n: f"W{tag}" if len(states) == 1 else "W" + n.replace("p", "") for n in states},
            sm_inputs=SM_INPUTS_LQ,
            verified=False,
            note=f"block names, particle names and PDG ids follow the NLO_LQ_S3 pattern and were not "
            f"checked against the NLO_LQ_{tag} files: compare with its parameters.py before use",
        )
    if model.name == "Spm":
        return UFO(
            name=ufo_name(model),
            source="recast ufo: ufo-sm (MadGraph sm UFO) + the S+/S- pair of arXiv:2103.13991 Model III",
            particles={n: n for n in states},
            pdg=states,
            mass_names={"Spp53": "MSp", "Spp23": "MSp (not read)", "Smp53": "MSm", "Smp23": "MSm (not read)"},
            width_names={n: f"W{n}" for n in states},
            sm_inputs=sm_inputs(),
            verified=True,
            note="UFO written by recast (recast ufo --model Spm, or recast cards --ufo): mass basis of the "
            "S+/S- mixing A<phi>, SPMCOUP 4 = vphi = <phi> (0: no mixing, as recast's widths); PDG 9000011-14",
        )
    if isinstance(model, BenchmarkZPrime):  # SSM, E6 psi: fixed chiral couplings, not a U(1)_X
        return _zprime_ufo(
            model,
            source="recast ufo: ufo-sm (MadGraph sm UFO) + this benchmark Z' with its chiral couplings",
            note=(f"UFO written by recast: recast ufo --model {model.name} --mass {model.mass:g} --out "
                  f"{ufo_name(model)} (or recast cards --ufo); BLOCK ZPCHIRAL (pdg, 1) = g_L = gZpL<pdg>, "
                  "(pdg, 2) = g_R = gZpR<pdg>, Z' = PDG 32"),
        )
    # every Z' (named models, atlas ids, user charges): the UFO ``recast ufo`` writes
    note = ("UFO written by recast: recast ufo --model NAME --out DIR (or recast cards --ufo); "
            "blocks U1X (gX, eps, light_nuR) and U1XCHARGE i j (charge of species i = Q U D L E N "
            "in family j), Z' = PDG 32")
    if model.name == "Lmu-Ltau":
        note += ("; the public FeynRules Lmu_minus_Ltau_UFO of B. Shuve (PDG 26, BLOCK HIDDEN 4) "
                 "describes the same Z' without quark couplings")
    return _zprime_ufo(model, source="recast ufo: ufo-sm (MadGraph sm UFO) + the Z' of this U(1)_X", note=note)


def _zprime_ufo(model: Model, *, source: str, note: str) -> UFO:
    """The UFO recast writes for a Z′ (U(1)_X or benchmark): particle zp, PDG 32, MZp/WZp, the full SM inputs."""
    return UFO(
        name=ufo_name(model),
        source=source,
        particles={"Zp": "zp"},
        pdg={"Zp": 32},
        mass_names={"Zp": "MZp"},
        width_names={"Zp": "WZp"},
        sm_inputs=sm_inputs(),
        verified=True,
        note=note,
    )
