"""Event generation: Pythia 8 (``pythia8mc``) + the fast detector → ROOT ntuples.

* :func:`pythia_settings` (:mod:`recast.events.settings`): a model point → Pythia settings.
* :func:`new_pythia` (:mod:`recast.events.pythia`): the one constructor of a Pythia object.
* :func:`generate_arrays`: free-form Pythia settings → detector-level awkward Array
  (used for signal and for SM backgrounds).
* :func:`generate`: a model point → cached ROOT file (TTree ``events`` + ``metadata``).
"""

from __future__ import annotations

from recast.events.generate import EVENTS_SCHEMA, MIN_MUON_BR, generate, muon_br, write_events
from recast.events.pythia import PythiaError, new_pythia
from recast.events.pythia_run import CHUNK_EVENTS, GENERATOR, chunk_seed, generate_arrays
from recast.events.settings import pythia_settings

__all__ = [
    "CHUNK_EVENTS",
    "EVENTS_SCHEMA",
    "GENERATOR",
    "MIN_MUON_BR",
    "PythiaError",
    "chunk_seed",
    "generate",
    "generate_arrays",
    "muon_br",
    "new_pythia",
    "pythia_settings",
    "write_events",
]


def __dir__() -> list[str]:
    return __all__
