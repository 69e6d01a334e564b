"""b→sμμ Wilson coefficients (C9, C10, C9', C10') of the recast models at μ = m_b, via `wilson`.

Convention (shared/reference/physics.md §3–5; the WCxf/flavio "flavio" basis of WET):

    H_eff = −(4G_F/√2) V_tb V_ts* (e²/16π²) Σ_i C_i O_i + h.c.,
    O9 = (s̄ γ^μ P_L b)(μ̄ γ_μ μ),   O10 = (s̄ γ^μ P_L b)(μ̄ γ_μ γ5 μ),  primes: P_L → P_R.

Only the new-physics parts are returned, at μ_b = 4.8 GeV (flavio's renormalisation scale for
B→K(*)μμ and B_s→μμ, flavio 2.7.1 ``data/config.yml``). A term ``L ⊃ c (s̄γ^μ P_L b)(μ̄γ_μ P_L μ)``
gives, at tree level and without running, C9 = −C10 = K·c with K = Re[π v²/(α V_tb V_ts*)]
(:func:`c9_normalisation`).

**Pipeline** (no hand factors; `wilson`, arXiv:1804.05033, does the EFT work):

1. Tree-level matching at μ = M of the model onto SMEFT, Warsaw basis (WCxf, down-type quarks and
   charged leptons mass-diagonal; coefficients in GeV⁻², ``L = Σ C_i O_i``) of the semileptonic
   operators with two muons (or a muon doublet) and a b̄–s quark current (quark indices 23), i.e. the
   tree-level b→sμμ operators, see :func:`smeft_coefficients`:

   * S3 (Lagrangian of arXiv:1603.04993; tree-level exchange + Fierz, the SMEFT form used e.g. in
     arXiv:2003.12525): [C_lq^(1)]_{22ij} = 3 y_iμ* y_jμ/(4M²),
     [C_lq^(3)]_{22ij} = y_iμ* y_jμ/(4M²); the down-quark part is C^(1) + C^(3) = y_iμ* y_jμ/M².
   * R2 (same references): [C_qe]_{ij22} = −yLR_iμ* yLR_jμ/(2M²),
     [C_lu]_{22ij} = −yRL_iμ* yRL_jμ/(2M²) (up-type: only with ``flavour_diagonal=True``). Its
     scalar/tensor operators, from yRL × yLR, are O_lequ^(1,3) = (l̄e)ε(q̄u) with a right-handed *up*
     quark: they give no b→sμμ at tree level (that needs (l̄e)(d̄q), O_ledq, which R2 does not
     generate) and are matched in :func:`r2_lequ_coefficients` (b→c(u)ℓν, c→uℓℓ, the top dipole).
   * ``flavour_diagonal=True`` adds the entries with other quark indices (e.g. S3's
     [C_lq]_{2233} ∝ y_bμ²): the SMEFT top-Yukawa running then feeds them into b→s with
     y_t² V_tb V_ts*/(16π²) ln(M/M_Z) — the leading log of a one-loop effect whose finite EW-scale
     matching is not included, so it is off by default. For the S3 benchmark (y_bμ = 1) it adds
     ΔC9 ≈ −0.30, as large as the tree-level value: a one-loop treatment of this benchmark
     (e.g. arXiv:2003.12525) matters.
   * Z′ with ``L ⊃ Z′_μ[g_bs s̄γ^μP_L b + g_bs' s̄γ^μP_R b + h.c. + μ̄γ^μ(g_L P_L + g_R P_R)μ]``:
     C_lq^(1), C_qe, C_ld, C_ed at [2223]/[2322] = −g_quark g_muon/M² (the b̄s coupling is an extra
     flavour parameter, e.g. from vector-like-quark mixing, arXiv:2103.13991, arXiv:1403.1269);
     the Z′'s flavour-diagonal quark couplings (four-quark operators) are not matched (approximation).
     A Z′ below the EW scale is matched directly onto WET (JMS basis) at μ = M; below μ_b no running.
     A Z′ lighter than μ_b sits inside the b→sμμ q² range (up to (m_B − m_K)² ≈ 22.9 GeV²): its effect
     is ∝ 1/(q² − M²), not a local Wilson coefficient; the fit still treats it as a contact term at
     4.8 GeV, meaningful only for M ≫ √q² (flagged by :data:`LIGHT_ZPRIME_B_TO_S_NOTE`).
   * S1 and S± give no tree-level b→sμμ: zero (their loops are omitted).

2. `wilson` runs SMEFT from M to the EW scale (one-loop RGEs: gauge + Yukawa), matches onto WET at M_Z
   at tree level, runs WET (one-loop QCD + QED) to μ_b and translates to the flavio basis. CKM inputs: flavio 2.7.1's
   defaults (:data:`recast.constants.CKM_INPUTS`), passed to wilson as flavio does; α and G_F are
   wilson's (α_e = 1/127.9, not run in the basis translation). C9 is complex through the CKM phase
   (Im/Re ≈ 2 %); recast reports the real parts.

The benchmark (seed): S3 with y_bμ = 1, y_sμ = V_cb (M/8 TeV)², M = 1.5 TeV (cards/S3_M1500,
:func:`recast.models.leptoquark.benchmark_s3_couplings`): :func:`benchmark_c9`.
"""

from __future__ import annotations

import functools
import math
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from recast.constants import CKM_INPUTS, M_Z
from recast.exceptions import InvalidParameter
from recast.models.base import Model
from recast.models.zprime import ZPrimeModel

__all__ = [
    "C10_SM",
    "FLAVOUR_PARAMETERS",
    "LIGHT_ZPRIME_B_TO_S_NOTE",
    "MU_B",
    "WilsonCoefficients",
    "bd_wilson_coefficients",
    "benchmark_c9",
    "bs_mumu_ratio",
    "c9_normalisation",
    "r2_lequ_coefficients",
    "r2_scalar_tensor_coefficients",
    "run_to_mb",
    "smeft_coefficients",
    "vtb_vts",
    "wilson_coefficients",
    "wilson_parameters",
    "zprime_muon_couplings",
]


def __dir__() -> list[str]:
    return __all__


#: SM C10 at μ = m_b (NNLO QCD + NLO EW, arXiv:1311.0903; flavio 2.7.1 gives −4.1887 at 4.8 GeV).
C10_SM = -4.1887

#: Low scale in GeV: flavio 2.7.1's renormalisation scale for B→Pμμ, B→Vμμ and B_s→μμ (data/config.yml).
MU_B = 4.8

#: Flavour-only parameters accepted in ``--coupling`` on top of the model's own (Z′ only).
FLAVOUR_PARAMETERS = {
    "g_bs": "left-handed Z' coupling to s̄γ^μ P_L b (e.g. from vector-like-quark mixing, arXiv:2103.13991)",
    "g_bs_R": "right-handed Z' coupling to s̄γ^μ P_R b (gives C9', C10')",
}

_QUARKS = ("d", "s", "b")
_UP = ("u", "c", "t")


@dataclass(frozen=True)
class WilsonCoefficients:
    """New-physics b→sμμ Wilson coefficients (flavio basis, real parts) at ``scale`` GeV,
    matched at ``matching_scale`` GeV."""

    C9: float = 0.0
    C10: float = 0.0
    C9p: float = 0.0
    C10p: float = 0.0
    notes: tuple[str, ...] = field(default=())
    #: b→dμμ (flavio basis C9_bdmumu, C10_bdmumu, normalised to V_tb V_td*): non-zero for a leptoquark
    #: with both b and d muon couplings (it tests y_dμ, e.g. the (V_td, V_ts, 1) texture of arXiv:2103.13991).
    C9_bd: float = 0.0
    C10_bd: float = 0.0
    scale: float = MU_B
    matching_scale: float = MU_B

    @property
    def c_ll(self) -> float:
        """The component along the C9 = −C10 direction, (C9 − C10)/2."""
        return (self.C9 - self.C10) / 2

    def as_dict(self) -> dict[str, Any]:
        """JSON-friendly form (notes as a list)."""
        out = asdict(self)
        out["notes"] = list(self.notes)
        return out


def wilson_parameters() -> dict[str, float]:
    """The input parameters wilson uses: its defaults with flavio 2.7.1's CKM inputs.

    Example:
        >>> p = wilson_parameters()
        >>> p["Vcb"], round(1 / p["alpha_e"], 1)
        (0.04197, 127.9)
    """
    defaults = _import_wilson().parameters.p
    return {**defaults, **CKM_INPUTS}


def vtb_vts() -> complex:
    """V_tb V_ts* from :data:`recast.constants.CKM_INPUTS` (standard parametrisation, ckmutil).

    Example:
        >>> round(vtb_vts().real, 5), round(vtb_vts().imag, 6)
        (-0.04119, 0.000746)
    """
    from ckmutil.ckm import ckm_tree

    v = ckm_tree(CKM_INPUTS["Vus"], CKM_INPUTS["Vub"], CKM_INPUTS["Vcb"], CKM_INPUTS["gamma"])
    return complex(v[2, 2] * v[2, 1].conjugate())


def c9_normalisation(
    *, alpha: float | None = None, vtb_vts_value: complex | None = None, v: float | None = None
) -> float:
    """Tree-level K = Re[π v²/(α V_tb V_ts*)] in GeV² (no running), with wilson's α, G_F and flavio's CKM.

    ``L ⊃ c (s̄γ^μ P_L b)(μ̄γ_μ P_L μ)`` gives Re C9 = −Re C10 = K·c at the matching scale. Used for the
    plane-plot bands (:mod:`recast.lowenergy.bounds`), where the running is neglected (approximation:
    −5 % at 1.5 TeV, see :func:`wilson_coefficients`).

    Example:
        >>> round(c9_normalisation() * 1e-8, 3)   # GeV²; negative because V_ts < 0
        -5.912
    """
    p = wilson_parameters()
    alpha = p["alpha_e"] if alpha is None else alpha
    v = (math.sqrt(2) * p["GF"]) ** -0.5 if v is None else v
    vv = vtb_vts() if vtb_vts_value is None else complex(vtb_vts_value)
    return (math.pi * v**2 / (alpha * vv)).real


def zprime_muon_couplings(model: ZPrimeModel) -> tuple[float, float, float]:
    """(g_V, g_A, g_ν) of a Z′ to μ̄γ^μ(g_V + g_Aγ5)μ and ν̄_μγ^μ P_L ν_μ (physics.md §4)."""
    g = model.couplings()
    g_l, g_r = g[13]
    return (g_l + g_r) / 2, (g_r - g_l) / 2, g[14][0]


def _pairs(
    prefix: str, keyfmt: str, y: dict[str, float], factor: float, quarks: tuple[str, ...] = _QUARKS
) -> dict[str, float]:
    """Hermitian-independent entries keyfmt.format(i, j) = factor y_i y_j (i ≤ j, generation indices)."""
    out = {}
    for a, qa in enumerate(quarks, start=1):
        for b, qb in enumerate(quarks, start=1):
            if b < a:
                continue
            val = factor * y.get(qa, 0.0) * y.get(qb, 0.0)
            if val:
                out[keyfmt.format(a, b)] = val
    return out


def smeft_coefficients(
    model: Model, *, g_bs: float = 0.0, g_bs_R: float = 0.0, flavour_diagonal: bool = False
) -> dict[str, float]:
    """Tree-level Warsaw-basis (WCxf) coefficients in GeV⁻² at μ = M with two muon fields.

    Real couplings are assumed (recast's models have real couplings). See the module docstring.
    By default only the b–s entries (quark indices 23, the tree-level b→sμμ operators) are returned;
    ``flavour_diagonal=True`` adds the others (e.g. [C_lq]_{2233} ∝ y_bμ²), whose top-Yukawa RG
    mixing into b→s is a one-loop effect (see :func:`wilson_coefficients`).

    Example:
        >>> from recast.models import get_model
        >>> s3 = get_model("S3", mass=1000, couplings={"y_bmu": 1.0, "y_smu": 0.01})
        >>> c = smeft_coefficients(s3)
        >>> sorted(c), round(c["lq1_2223"] * 1e8, 12), round(c["lq3_2223"] * 1e8, 12)
        (['lq1_2223', 'lq3_2223'], 0.75, 0.25)
        >>> sorted(smeft_coefficients(s3, flavour_diagonal=True))
        ['lq1_2222', 'lq1_2223', 'lq1_2233', 'lq3_2222', 'lq3_2223', 'lq3_2233']
    """
    out = _smeft_all(model, g_bs=g_bs, g_bs_R=g_bs_R)
    if flavour_diagonal:
        return out
    return {k: v for k, v in out.items() if k[-4:] in ("2223", "2322")}


def _smeft_all(model: Model, *, g_bs: float, g_bs_R: float) -> dict[str, float]:
    p = model.params
    if not isinstance(model, ZPrimeModel) and (g_bs or g_bs_R):
        msg = f"g_bs/g_bs_R are Z' flavour parameters; model {model.name} takes its own couplings"
        raise InvalidParameter(msg)
    m2 = model.mass**2
    if model.name == "S3":
        y = {q: p[f"y_{q}mu"] for q in _QUARKS}
        return _pairs("lq1", "lq1_22{}{}", y, 0.75 / m2) | _pairs("lq3", "lq3_22{}{}", y, 0.25 / m2)
    if model.name == "R2":
        y_lr = {q: p[f"yLR_{q}mu"] for q in _QUARKS}
        y_rl = {u: p[f"yRL_{u}mu"] for u in _UP}
        return _pairs("qe", "qe_{}{}22", y_lr, -0.5 / m2) | _pairs("lu", "lu_22{}{}", y_rl, -0.5 / m2, quarks=_UP)
    if isinstance(model, ZPrimeModel):
        g_l, g_r = model.couplings()[13]
        c = {
            "lq1_2223": -g_bs * g_l / m2,
            "qe_2322": -g_bs * g_r / m2,
            "ld_2223": -g_bs_R * g_l / m2,
            "ed_2223": -g_bs_R * g_r / m2,
        }
        return {k: v for k, v in c.items() if v}
    return {}


def r2_lequ_coefficients(model: Model) -> dict[str, float]:
    """R2's tree-level scalar and tensor SMEFT coefficients (Warsaw, WCxf ``lequ1_prst``, ``lequ3_prst``,
    indices l_p e_r q_s u_t, GeV⁻²) at μ = M, from both its couplings (real):

        [C_lequ^(1)]_{αβij} = 4 [C_lequ^(3)]_{αβij} = −yRL_{jα} yLR_{iβ}/(2M²).

    Derivation: with ``L ⊃ −yRL ū_R R2 iσ₂ L + yLR ē_R R2† Q`` (recast.models.leptoquark), tree-level
    R2 exchange gives −(yRL yLR/M²) ε_αβ (ū L^β)(ē Q_α) + h.c.; the chiral Fierz identity
    (ψ̄₁P_Lψ₂)(ψ̄₃P_Lψ₄) = −½(ψ̄₁P_Lψ₄)(ψ̄₃P_Lψ₂) − ⅛(ψ̄₁σ^{μν}P_Lψ₄)(ψ̄₃σ_{μν}P_Lψ₂) (anticommuting
    fields; checked numerically with Dirac matrices in tests/test_smelli.py) turns it into
    −C^(1) O^(1)† − C^(3) O^(3)† with the values above. The relation C_S = +4 C_T at the matching scale
    is the one of arXiv:1603.04993 and arXiv:1808.08179 for R2 in b→cτν (S1 has −4,
    :mod:`recast.lowenergy.smelli`) [equation numbers not re-checked here]; the normalisation and sign are
    tested against `wilson`'s SMEFT→WET matching of b→cμν and a direct R2^(2/3) exchange in
    tests/test_flavour.py. Other models: empty.

    Example:
        >>> from recast.models import get_model
        >>> c = r2_lequ_coefficients(get_model("R2", mass=1000, couplings={"yRL_tmu": 0.5, "yLR_bmu": 0.4}))
        >>> {k: round(v * 1e8, 4) for k, v in c.items()}   # −0.5·0.4/(2·1e6) GeV⁻² = −1e-7
        {'lequ1_2233': -10.0, 'lequ3_2233': -2.5}
    """
    if model.name != "R2":
        return {}
    p, m2 = model.params, model.mass**2
    out: dict[str, float] = {}
    for a, lep_l in enumerate(("e", "mu", "tau"), start=1):
        for b, lep_e in enumerate(("e", "mu", "tau"), start=1):
            for i, q in enumerate(_QUARKS, start=1):
                for j, u in enumerate(_UP, start=1):
                    c1 = -p[f"yRL_{u}{lep_l}"] * p[f"yLR_{q}{lep_e}"] / (2 * m2)
                    if c1:
                        out[f"lequ1_{a}{b}{i}{j}"] = c1
                        out[f"lequ3_{a}{b}{i}{j}"] = c1 / 4
    return out


#: wilson sectors of the b→c ℓν and b→u ℓν charged currents (flavio basis, every neutrino flavour).
_CC_SECTORS = tuple(f"{qq}b{lep}nu" for qq in ("c", "u") for lep in ("e", "mu", "tau"))


def r2_scalar_tensor_coefficients(model: Model, *, scale: float = MU_B) -> dict[str, float]:
    """R2's b→c ℓν and b→u ℓν scalar and tensor coefficients (flavio basis, ``CSL_bcmunumu``,
    ``CT_bcmunumu``, …, normalised to −4G_F/√2 V_qb; real parts) at ``scale`` GeV: the tree-level
    :func:`r2_lequ_coefficients` at μ = M, run with `wilson` (SMEFT to M_Z, WET below). These are the
    charged currents R2's scalar/tensor operators feed at tree level (yLR_bℓ with yRL_cℓ′ or yRL_uℓ′);
    the top entries (yRL_tℓ) feed no low-energy tree-level process (their one-loop dipole is in
    :func:`recast.lowenergy.g2.g2_leptoquark_top`). Entries below 10⁻⁴ of the largest (induced by the
    running, e.g. CSR through the quark Yukawas) are dropped. Empty for other models or without both
    couplings.

    Example:
        >>> from recast.models import get_model
        >>> r2 = get_model("R2", mass=1500, couplings={"yRL_cmu": 0.3, "yLR_bmu": 0.5})
        >>> c = r2_scalar_tensor_coefficients(r2)
        >>> round(c["CSL_bcmunumu"], 4), round(c["CT_bcmunumu"], 4)   # 4:1 at 1.5 TeV, 7.3:1 at 4.8 GeV (QCD)
        (0.0376, 0.0051)
    """
    coeffs = {k: v for k, v in r2_lequ_coefficients(model).items() if k[-2] == "3" and k[-1] in "12"}
    if not coeffs:
        return {}
    wilson = _import_wilson()
    w = wilson.Wilson(coeffs, scale=float(model.mass), eft="SMEFT", basis="Warsaw")
    w.set_option("parameters", dict(CKM_INPUTS))
    w.set_option("smeft_accuracy", "integrate")
    d = w.match_run(float(scale), "WET", "flavio", sectors=_CC_SECTORS).dict
    out = {k: float(complex(v).real) for k, v in sorted(d.items()) if k.startswith(("CS", "CT"))}
    big = max(map(abs, out.values()), default=0.0)
    return {k: v for k, v in out.items() if abs(v) > 1e-4 * big}  # drop the tiny RG-induced entries


_SMEFT_TO_JMS = {"lq1_2223": "VedLL_2223", "qe_2322": "VdeLR_2322", "ld_2223": "VedLR_2223", "ed_2223": "VedRR_2223"}


def _import_wilson() -> Any:
    """Import `wilson`; its dependency rundec is a SWIG module whose import emits DeprecationWarnings
    ("builtin type SwigPyPacked has no __module__ attribute") that crash the interpreter when warnings
    are errors (as in the test configuration), so they are silenced for the import only."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        import wilson
        import wilson.parameters

    return wilson


@functools.lru_cache(maxsize=256)
def _run(
    items: tuple[tuple[str, float], ...], scale: float, eft: str, basis: str, sector: str = "sb"
) -> tuple[complex, complex, complex, complex]:
    """C9, C10, C9', C10' (flavio basis) at μ_b of the *sector* (``"sb"``: b→s, ``"db"``: b→d)."""
    wilson = _import_wilson()
    w = wilson.Wilson(dict(items), scale=scale, eft=eft, basis=basis)
    w.set_option("parameters", dict(CKM_INPUTS))
    # explicit, not wilson's process-wide default: importing smelli switches that default to
    # "leadinglog" (smelli/classes.py), which moved C9 by ~0.1 % in the same process
    w.set_option("smeft_accuracy", "integrate")
    d = w.match_run(MU_B, "WET", "flavio", sectors=(sector,)).dict
    tag = sector[::-1]  # flavio names the b→s coefficients C9_bsmumu, the b→d ones C9_bdmumu
    c9, c10, c9p, c10p = (complex(d.get(f"{k}_{tag}mumu", 0.0)) for k in ("C9", "C10", "C9p", "C10p"))
    return c9, c10, c9p, c10p


def bd_wilson_coefficients(model: Model) -> tuple[float, float]:
    """Re C9, Re C10 of b→dμμ at μ_b (flavio basis, normalised to V_tb V_td*) of a leptoquark point:
    the d–b entries (quark indices 13) of the tree-level matching at μ = M, run with `wilson`. A Z′ has
    no b̄d coupling in recast (0, 0).

    Example:
        >>> from recast.models import get_model
        >>> s3 = get_model("S3", mass=1500, couplings={"y_bmu": 1.0, "y_smu": 0.0, "y_dmu": 0.001})
        >>> c9, c10 = bd_wilson_coefficients(s3)
        >>> c9 > 0 > c10, round(c9 / -c10, 2)   # S3: C9 = -C10; Re V_td > 0 (V_ts < 0): y_bmu y_dmu > 0 raises C9
        (True, 0.99)
    """
    if isinstance(model, ZPrimeModel) or model.name not in ("S3", "R2"):
        return 0.0, 0.0
    coeffs = {k: v for k, v in _smeft_all(model, g_bs=0.0, g_bs_R=0.0).items() if k[-4:] in ("2213", "1322")}
    items = tuple(sorted((k, float(v)) for k, v in coeffs.items() if v))
    if not items:
        return 0.0, 0.0
    c9, c10, _, _ = _run(items, float(model.mass), "SMEFT", "Warsaw", sector="db")
    return c9.real, c10.real


def run_to_mb(coefficients: dict[str, float], scale: float, *, eft: str = "SMEFT") -> dict[str, complex]:
    """Run Warsaw-basis (``eft="SMEFT"``) or JMS (``eft="WET"``) coefficients from ``scale`` GeV to
    μ_b = 4.8 GeV with `wilson` (flavio's CKM) and return C9, C10, C9', C10' (flavio basis, complex).

    Example:
        >>> c = run_to_mb({"VedLL_2223": 1e-9}, 4.8, eft="WET")   # no running: K·c
        >>> round(c["C9"].real, 4), round(c["C10"].real, 4)
        (-0.5912, 0.5912)
    """
    items = tuple(sorted((k, float(v)) for k, v in coefficients.items() if v))
    if not items:
        return dict.fromkeys(("C9", "C10", "C9p", "C10p"), 0j)
    basis = "Warsaw" if eft == "SMEFT" else "JMS"
    c = _run(items, float(scale), eft, basis)
    return dict(zip(("C9", "C10", "C9p", "C10p"), c, strict=True))


def wilson_coefficients(
    model: Model, *, g_bs: float = 0.0, g_bs_R: float = 0.0, flavour_diagonal: bool = False
) -> WilsonCoefficients:
    """NP Wilson coefficients C9, C10, C9', C10' at μ_b = 4.8 GeV of a model point (real parts).

    Tree-level matching at μ = M, then SMEFT + WET running with `wilson` (module docstring).

    Args:
        model: a :class:`recast.models.Model` (S3, S1, R2, Spm or a Z′).
        g_bs: Z′ only: left-handed b̄s coupling (dimensionless).
        g_bs_R: Z′ only: right-handed b̄s coupling.
        flavour_diagonal: also match the flavour-diagonal operators (e.g. S3's [C_lq]_{2233} ∝ y_bμ²)
            and let the SMEFT top-Yukawa running feed them into b→s. That is the leading log of a
            one-loop effect whose finite EW-scale matching is not included, so it is off by default
            (for the S3 benchmark, y_bμ = 1, it adds ΔC9 ≈ −0.30; see docs/readme/flavour_plots.md).

    Returns:
        The coefficients and notes on what is (not) included.

    Raises:
        InvalidParameter: ``g_bs`` given for a leptoquark.

    Example:
        >>> from recast.models import get_model
        >>> wc = wilson_coefficients(get_model("S3"))   # the b→sμμ benchmark, M = 1.5 TeV
        >>> round(wc.C9, 3), round(wc.C10, 3)
        (-0.363, 0.367)
    """
    coeffs = smeft_coefficients(model, g_bs=g_bs, g_bs_R=g_bs_R, flavour_diagonal=flavour_diagonal)
    m = float(model.mass)
    run_note = "matched at mu = M, run to 4.8 GeV with wilson (SMEFT + WET, QCD + QED), flavio 2.7.1 CKM"
    if model.name == "S3":
        notes = ["S3 tree level: C9 = -C10 at mu = M (arXiv:1603.04993)", run_note]
    elif model.name == "R2":
        notes = ["R2 tree level from yLR: C9 = +C10 at mu = M (arXiv:1603.04993)", run_note]
        if any(p_ for k, p_ in model.params.items() if k.startswith("yRL_")):
            notes.append("yRL enters b->smumu only at one loop: omitted (flavour_diagonal=True adds its RG log)")
            if r2_lequ_coefficients(model):
                notes.append("yRL x yLR: scalar/tensor C_lequ(1) = 4 C_lequ(3) at mu = M feed b->c(u) l nu, not "
                             "b->smumu (r2_scalar_tensor_coefficients)")
    elif model.name == "S1":
        return WilsonCoefficients(
            notes=("S1 gives no tree-level b->smumu (only b->s nu nu); its one-loop box is omitted",)
        )
    elif model.name == "Spm":
        return WilsonCoefficients(notes=("S+/S- couple only third-generation quarks: no tree-level b->smumu",))
    elif isinstance(model, ZPrimeModel):
        notes = ["Z' tree level with an added b-s coupling g_bs (vector-like-quark mixing, arXiv:2103.13991)", run_note]
        if not (g_bs or g_bs_R):
            notes.append("g_bs = 0: a quark-flavour-universal U(1)_X has no tree-level b-s coupling")
        if m < M_Z:
            coeffs = {_SMEFT_TO_JMS[k]: v for k, v in coeffs.items()}
            if m <= MU_B:
                notes.append(LIGHT_ZPRIME_B_TO_S_NOTE)
            out = run_to_mb(coeffs, max(m, MU_B), eft="WET")
            return _real_parts(out, notes=tuple(notes), matching_scale=max(m, MU_B))
    else:
        msg = f"no b->smumu matching for model {model.name}"
        raise InvalidParameter(msg)
    out = run_to_mb(coeffs, m, eft="SMEFT")
    res = _real_parts(out, notes=tuple(notes), matching_scale=m)
    c9_bd, c10_bd = bd_wilson_coefficients(model)
    if c9_bd or c10_bd:
        note = "b->dmumu from the d-mu couplings: C9_bd, C10_bd (not in the built-in fit: no b->d likelihood)"
        res = replace(res, C9_bd=c9_bd, C10_bd=c10_bd, notes=(*res.notes, note))
    return res


#: The caveat the b→sμμ result of a Z′ lighter than μ_b carries (module docstring).
LIGHT_ZPRIME_B_TO_S_NOTE = (
    "Z' lighter than m_b: its C9 is not a local Wilson coefficient (the amplitude goes as 1/(q^2 - M^2) inside "
    "the q^2 bins); the fit treats it as a contact term at 4.8 GeV, only meaningful for M_Z' >> sqrt(q^2) "
    "(approximation: q^2 dependence neglected)"
)


def _real_parts(c: dict[str, complex], *, notes: tuple[str, ...], matching_scale: float) -> WilsonCoefficients:
    """WilsonCoefficients from the real parts of :func:`run_to_mb`'s C9, C10, C9', C10'."""
    return WilsonCoefficients(
        c["C9"].real, c["C10"].real, c["C9p"].real, c["C10p"].real, notes=notes, matching_scale=matching_scale
    )


def benchmark_c9() -> float:
    """Re C9(μ_b) of the seed's S3 benchmark (M = 1.5 TeV, y_bμ = 1, y_sμ = V_cb (M/8 TeV)²), one call.

    Reference for validation: flavio 2.7.1 with the same couplings (SMEFT Warsaw at μ = M, flavio's
    default parameters) — tests/test_flavour.py::test_benchmark_c9_matches_flavio.

    Example:
        >>> round(benchmark_c9(), 3)
        -0.363
    """
    from recast.models import get_model

    return wilson_coefficients(get_model("S3")).C9


def bs_mumu_ratio(wc: WilsonCoefficients, *, c10_sm: float = C10_SM) -> float:
    """BR(B_s→μμ)/BR_SM = |1 + (C10 − C10')/C10^SM|² (no scalar operators; arXiv:1311.0903 normalisation).

    Example:
        >>> round(bs_mumu_ratio(WilsonCoefficients(C10=0.39)), 3)
        0.822
    """
    return abs(1 + (wc.C10 - wc.C10p) / c10_sm) ** 2
