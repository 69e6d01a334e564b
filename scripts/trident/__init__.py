"""Generator of the shipped neutrino-trident Z′ moment table (recast.lowenergy.trident_epa)."""
