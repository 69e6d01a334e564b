"""Physical constants used across recast, each with its source. Units: GeV."""

from __future__ import annotations

__all__ = [
    "ALPHA_EM_0",
    "ALPHA_EM_MZ",
    "CKM_INPUTS",
    "GAMMA_Z",
    "G_FERMI",
    "M_B",
    "M_CHARM",
    "M_E",
    "M_K",
    "M_MU",
    "M_PI",
    "M_TAU",
    "M_TOP",
    "M_Z",
    "SQRT_S",
    "V_CB",
    "V_HIGGS",
    "V_TB",
    "V_TS",
]


def __dir__() -> list[str]:
    return __all__


M_TOP = 172.5  # GeV, top pole mass used by the LHC Top WG / MC generators (PDG 2024 average 172.57 ± 0.29)
M_B = 4.18  # GeV, b-quark MSbar mass m_b(m_b), PDG 2024
M_MU = 0.1056583755  # GeV, PDG 2024
M_E = 0.51099895e-3  # GeV, PDG 2024 (CODATA 2018)
M_TAU = 1.77693  # GeV, PDG 2024
M_CHARM = 1.2730  # GeV, c-quark MSbar mass m_c(m_c), PDG 2024
M_PI = 0.13957039  # GeV, charged pion, PDG 2024
M_K = 0.493677  # GeV, charged kaon, PDG 2024
ALPHA_EM_0 = 1 / 137.035999084  # Thomson limit, CODATA 2018
M_Z = 91.1876  # GeV, PDG 2024
GAMMA_Z = 2.4952  # GeV, PDG 2024
G_FERMI = 1.1663788e-5  # GeV^-2, PDG 2024
V_HIGGS = 246.22  # GeV, (sqrt(2) G_F)^(-1/2)
ALPHA_EM_MZ = 1 / 127.95  # alpha(M_Z) MSbar, PDG 2024 (b->s fits use alpha at m_b ~ 1/133; stated where used)
#: CKM inputs (standard parametrisation via |V_us|, |V_ub|, |V_cb|, γ [rad]) used for
#: b→s physics: flavio 2.7.1 defaults (flavio/data/parameters_uncorrelated.yml: V_us FLAG 2023
#: N_f = 2+1+1, V_ub FLAG 2023 B→πℓν, V_cb arXiv:2310.20324, γ HFLAV 2022 B→DK). They are passed to
#: wilson as its "parameters" option, exactly as flavio does (flavio.physics.eft.WilsonCoefficients.from_wilson).
CKM_INPUTS = {"Vus": 0.2248, "Vub": 3.64e-3, "Vcb": 41.97e-3, "gamma": 1.15}
#: |V_cb| that *defines* the seed's S3 benchmark point y_bμ y_sμ*/M² = V_cb/(8 TeV)² (PDG 2024 CKM fit;
#: kept so the benchmark couplings and cards/S3_M1500 stay the seed's; not used to normalise C9).
V_CB = 0.0411
V_TB = 0.999112  # V_tb from CKM_INPUTS (ckmutil.ckm.ckm_tree, standard parametrisation)
V_TS = -0.0412295  # Re V_ts from CKM_INPUTS (Im V_ts = -7.46e-4); was -0.0403 (PDG 2024) before
SQRT_S = 13000.0  # GeV, LHC Run 2
