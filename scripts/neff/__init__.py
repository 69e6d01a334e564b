"""Generator of the shipped ΔN_eff table of a light L_μ − L_τ Z′ (recast.lowenergy.neff)."""

__all__: list[str] = []


def __dir__() -> list[str]:
    return __all__
