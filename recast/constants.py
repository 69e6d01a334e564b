"""Physical constants used across recast, each with its source. Units: GeV."""

from __future__ import annotations

__all__ = ["ALPHA_EM_MZ", "G_FERMI", "M_B", "M_MU", "M_TOP", "M_Z", "GAMMA_Z", "SQRT_S", "V_CB", "V_TB", "V_TS", "V_HIGGS"]


def __dir__() -> list[str]:
    return __all__


M_TOP = 172.5  # GeV, top pole mass used by the LHC Top WG / MC generators (PDG 2024 average 172.57 ± 0.29)
M_B = 4.18  # GeV, b-quark MSbar mass m_b(m_b), PDG 2024
M_MU = 0.1056583755  # GeV, PDG 2024
M_Z = 91.1876  # GeV, PDG 2024
GAMMA_Z = 2.4952  # GeV, PDG 2024
G_FERMI = 1.1663788e-5  # GeV^-2, PDG 2024
V_HIGGS = 246.22  # GeV, (sqrt(2) G_F)^(-1/2)
ALPHA_EM_MZ = 1 / 127.95  # alpha(M_Z) MSbar, PDG 2024 (b->s fits use alpha at m_b ~ 1/133; stated where used)
V_CB = 0.0411  # |V_cb|, PDG 2024 CKM fit
V_TB = 0.999  # |V_tb|, PDG 2024 CKM fit
V_TS = -0.0403  # V_ts (real part, standard parametrisation), PDG 2024 CKM fit
SQRT_S = 13000.0  # GeV, LHC Run 2
