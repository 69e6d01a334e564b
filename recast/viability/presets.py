"""The seed's composite models as named presets, each number with its source.

Sources: physics.md = /work/shared/reference/physics.md (the project's fact sheet, each fact with its arXiv id).
"recast's choice (approximation)" marks a number the papers' text available to recast does not give; the tests
(tests/test_composite.py, tests/test_viability.py) show each such point does what the paper says.

* ModelI (arXiv:2103.13991): U(1)_{B−3L_μ}, S3 and S1 (X = 8/3, from the atlas check), Φ with X = 3.
  S3: texture η^{3L} = (V_td, V_ts, 1)η_3 (recast sign: (−V_td, −V_ts, 1)η_3, see recast.viability.composite)
  with η_3²|V_ts|/M² = V_cb/(8 TeV)² at M_S3 = 2 TeV (the b→sμμ point of physics.md §3; M_S3 recast's choice,
  above the 1.81 TeV b μ pair limit); S1: yL_bμ = 0.1, yR_tμ = 0.067 at M_S1 = 2 TeV, recast's choice giving
  Δa_μ = 251×10⁻¹¹ (the 2021 central value); Z′: g_X = 0.1, M_Z′ = 5 TeV, recast's choice (heavy, weakly coupled).
* ModelII (arXiv:2107.07518): a U(1)_X Z′ that solves (g−2)_μ with S3 as muoquark. U(1)_X: the anomaly-free
  chiral example X_L = (−1, 7, −6), X_E = (1, 6, −7), X_N = (−7, −2, 9), quarks 0 (physics.md §2); M_Z′ = 0.2 GeV
  ("O(0.1) GeV", arXiv:2107.07518 abstract), g_X = 2.25e-4 (recast's choice: Δa_μ ≈ 251×10⁻¹¹);
  S3 (X = −7): y_bμ = 0.5, y_sμ from y_bμ y_sμ/M² = V_cb/(8 TeV)² at M = 2 TeV (physics.md §3).
  Caveat: this Z′ also couples to electrons (X_L1 = −1, X_E1 = 1, axial); electron-beam bounds are not evaluated.
* ModelIII (arXiv:2107.07518): radiative y_μ, S± = (3,2,7/6) under L̃_{μ−τ} (X_L = (0,7,−7), X_E = (−3,8,−5),
  X_N = (5,3,−8), physics.md §2) at M_S+ = M_S− = 6 TeV (recast's choice inside the 5–7 TeV (g−2) band of
  issue 21); Δa_μ fixed by m_μ. No b→sμμ mediator in it.
* TypeA: S3 (b→sμμ) + R2 ((g−2)_μ) under B−3L_μ (X_S3 = 8/3, X_R2 = 10/3), Z′ decoupled; R2: yLR_bμ = 0.1,
  yRL_tμ = 0.0465 at 2 TeV (recast's choice, Δa_μ ≈ 251×10⁻¹¹); S3 as in ModelI.
* TypeB: S3 + light L_μ−L_τ Z′: M_Z′ = 0.05 GeV, g_X = 7.05e-4 (recast's choice, Δa_μ ≈ 251×10⁻¹¹, a Z′ of
  "O(0.1) GeV" as in the arXiv:2107.07518 abstract); S3 (X = −1) as in ModelII.
* TypeC: heavy L_μ−L_τ Z′ with a b̄s coupling (b→sμμ) + S1 ((g−2)_μ, X = −1): M_Z′ = 2 TeV, g_X = 2.0
  (M/g = 1 TeV above the trident bound M/g ≳ 0.54 TeV, physics.md §4), g_bs = −1.38e-3 (C_LL ≈ −0.39; g_bs/M below
  the B_s-mixing bound 1/244 TeV, physics.md §4), recast's choice; S1 as in ModelI.
"""

from __future__ import annotations

from collections.abc import Callable

from recast.constants import V_CB
from recast.exceptions import UnknownModel, closest
from recast.models import Leptoquark, get_model
from recast.models.charges import Charges
from recast.viability.composite import CompositeModel, make_composite, texture_s3

__all__ = ["CHIRAL_EXAMPLE", "PRESETS", "get_composite", "preset_names"]


def __dir__() -> list[str]:
    return __all__


#: The anomaly-free chiral U(1)_X of physics.md §2 ("another anomaly-free chiral example").
CHIRAL_EXAMPLE = Charges.make(Q=0, L=(-1, 7, -6), E=(1, 6, -7), N=(-7, -2, 9), name="chiral(-1,7,-6)")

_S3_SRC = "S3: y_bmu y_smu/M^2 = V_cb/(8 TeV)^2 (arXiv:2103.13991; physics.md §3), M = 2 TeV recast's choice"


def _lq(name: str, mass: float, **couplings: float) -> Leptoquark:
    lq = get_model(name, mass=mass, couplings=couplings)
    if not isinstance(lq, Leptoquark):  # pragma: no cover - the names are leptoquarks
        raise TypeError(name)
    return lq


def _s3_benchmark(mass: float = 2000.0, y_bmu: float = 0.5) -> Leptoquark:
    return _lq("S3", mass, y_bmu=y_bmu, y_smu=V_CB * (mass / 8000.0) ** 2 / y_bmu)


def _model_i_s3() -> Leptoquark:
    # η_3² |V_ts| / M² = V_cb/(8 TeV)² at M = 2 TeV: η_3 = (M/8 TeV) sqrt(V_cb/|V_ts|) = 0.2497
    return texture_s3(2000.0, 0.2497)


def _s1() -> Leptoquark:
    return _lq("S1", 2000.0, yL_bmu=0.1, yR_tmu=0.067)


def model_i() -> CompositeModel:
    """Model I of arXiv:2103.13991 (module docstring)."""
    return make_composite(
        "ModelI", leptoquarks=(_model_i_s3(), _s1()), charges="B-3Lmu", zprime={"gX": 0.1, "MZp": 5000.0},
        description="U(1)_{B-3L_mu} with S3 (b->smumu) and S1 ((g-2)_mu), both X = 8/3; Phi (X = 3) breaks U(1)_X",
        sources=("arXiv:2103.13991 (Model I: B-3L_mu, S3 + S1, X = 8/3, Phi X = 3; physics.md §2)",
                 "S3 texture eta^3L = (V_td, V_ts, 1) eta_3 with eta_3^2 |V_ts|/M^2 = V_cb/(8 TeV)^2 (physics.md §3); "
                 "M_S3 = 2 TeV recast's choice",
                 "S1 yL_bmu = 0.1, yR_tmu = 0.067, M = 2 TeV: recast's choice (approximation) for Delta a_mu = 251e-11",
                 "Z' gX = 0.1, M = 5 TeV: recast's choice (approximation), decoupled from the anomalies"))


def model_ii() -> CompositeModel:
    """Model II of arXiv:2107.07518 as recast's choice (module docstring)."""
    return make_composite(
        "ModelII", leptoquarks=(_s3_benchmark(),), charges=CHIRAL_EXAMPLE, zprime={"gX": 1.52e-4, "MZp": 0.1},
        description="chiral U(1)_X whose light Z' (0.1 GeV) solves (g-2)_mu, S3 muoquark for b->smumu",
        sources=("arXiv:2107.07518 (Model II: a U(1)_X Z' of O(0.1) GeV solving (g-2)_mu, S3 muoquark; abstract)",
                 "U(1)_X: the chiral example of physics.md §2; MZp = 0.1 GeV, gX = 1.52e-4: recast's choice "
                 "(approximation) for Delta a_mu = 251e-11 (at 0.2 GeV, gX = 2.25e-4, the full-propagator trident "
                 "excludes it: sigma/SM = 1.43 > 1.38; at 0.1 GeV 1.24)", _S3_SRC,
                 "caveat: this Z' also couples to electrons (axial, X_L1 = -1, X_E1 = 1); e bounds not evaluated"))


def model_iii() -> CompositeModel:
    """Model III of arXiv:2107.07518: radiative y_mu with S± (module docstring)."""
    return make_composite(
        "ModelIII", leptoquarks=(_lq("Spm", 5500.0, MSm=6500.0),), charges="Ltilde-mu-tau",
        description="radiative y_mu: S+ and S- (3,2,7/6) under Ltilde_{mu-tau}; Delta a_mu fixed by m_mu",
        sources=("arXiv:2107.07518 (Model III: S+-, charges of physics.md §2)",
                 "M_S+ = 5.5, M_S- = 6.5 TeV (eigenvalues): recast's choice inside the 5-7 TeV (g-2) band (issue 21), "
                 "split so that the m_mu condition holds at eta_L = eta_R = 1 (|sin 2theta| = 0.19, "
                 "<phi> = 1.16 TeV at A = 1 TeV; recast.lowenergy.radiative_mass); equal eigenvalues admit no mixing"))


def type_a() -> CompositeModel:
    """Type A: S3 + R2 (module docstring)."""
    return make_composite(
        "TypeA", leptoquarks=(_model_i_s3(), _lq("R2", 2000.0, yLR_bmu=0.1, yRL_tmu=0.0465)), charges="B-3Lmu",
        description="Type A: S3 for b->smumu, R2 for (g-2)_mu (muoquarks of B-3L_mu; Z' decoupled)",
        sources=("arXiv:2107.07518 (Type A: S3 + S1 or R2)", "S3 as ModelI",
                 "R2 yLR_bmu = 0.1, yRL_tmu = 0.0465, M = 2 TeV: recast's choice (approximation)"))


def type_b() -> CompositeModel:
    """Type B: S3 + light L_mu - L_tau Z′ (module docstring)."""
    return make_composite(
        "TypeB", leptoquarks=(_s3_benchmark(),), charges="Lmu-Ltau", zprime={"gX": 7.05e-4, "MZp": 0.05},
        description="Type B: S3 for b->smumu, light L_mu-L_tau Z' (50 MeV) for (g-2)_mu",
        sources=("arXiv:2107.07518 (Type B: S3 + light Z')", _S3_SRC,
                 "MZp = 0.05 GeV, gX = 7.05e-4: recast's choice (approximation) for Delta a_mu = 251e-11"))


def type_c() -> CompositeModel:
    """Type C: heavy L_mu - L_tau Z′ with g_bs + S1 (module docstring)."""
    return make_composite(
        "TypeC", leptoquarks=(_s1(),), charges="Lmu-Ltau", zprime={"gX": 2.0, "MZp": 2000.0, "g_bs": -1.38e-3},
        description="Type C: heavy L_mu-L_tau Z' with a b-s coupling for b->smumu, S1 for (g-2)_mu",
        sources=("arXiv:2107.07518 (Type C: heavy Z' + S1 or R2)",
                 "MZp = 2 TeV, gX = 2, g_bs = -1.38e-3: recast's choice (approximation) inside the trident "
                 "(M/g > 0.54 TeV) and B_s-mixing (g_bs/M < 1/244 TeV) bounds of physics.md §4", "S1 as ModelI"))


#: name -> builder of each preset (``recast models``, ``recast viability``).
PRESETS: dict[str, Callable[[], CompositeModel]] = {
    "ModelI": model_i, "ModelII": model_ii, "ModelIII": model_iii, "TypeA": type_a, "TypeB": type_b, "TypeC": type_c,
}


def preset_names() -> list[str]:
    """The composite presets in display order."""
    return list(PRESETS)


def get_composite(name: str) -> CompositeModel:
    """The preset ``name`` (case-insensitive).

    Raises:
        UnknownModel: not a preset (the message names the closest).
    """
    lookup = {n.lower(): n for n in PRESETS}
    key = lookup.get(name.lower())
    if key is None:
        msg = f"unknown composite model {name!r}; {closest(name, list(PRESETS))}"
        raise UnknownModel(msg)
    return PRESETS[key]()
