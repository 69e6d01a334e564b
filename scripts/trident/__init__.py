"""Generator of the shipped neutrino-trident Z′ moment table (recast.lowenergy.trident_epa)."""

__all__: list[str] = []


def __dir__() -> list[str]:
    return __all__
