"""The one constructor of an initialised Pythia 8 object (``pythia8mc``).

Every part of recast that runs Pythia (event generation, the Z′ unit cross-section table,
the Pythia couplings of the Z′ card, the background-making script) builds it here, so seeds,
print settings and the error on a rejected setting are the same everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from recast.exceptions import RecastError

__all__ = ["PythiaError", "new_pythia"]


def __dir__() -> list[str]:
    return __all__


class PythiaError(RecastError, RuntimeError):
    """Raised when Pythia rejects a setting or fails to initialise or generate."""


def new_pythia(settings: Iterable[str], *, seed: int | None = None, verbose: bool = False) -> Any:
    """An initialised ``pythia8mc.Pythia`` for ``settings``.

    Args:
        settings: Pythia ``readString`` lines; blank lines and ``#``/``!`` comments are skipped.
        seed: Pythia random seed (1..900000000); ``None`` keeps Pythia's default seed.
        verbose: let Pythia print its banner, changed settings and event listings.

    Returns:
        The ``pythia8mc.Pythia`` object after a successful ``init()``. Its stdout is not
        redirected here: wrap the call in :func:`recast.quiet.quiet_stdout` to hide it.

    Raises:
        PythiaError: a setting Pythia does not know, or a failed initialisation.
    """
    import pythia8mc

    py = pythia8mc.Pythia("", verbose)
    lines = [s for s in settings if s.strip() and not s.lstrip().startswith(("#", "!"))]
    run = ["Next:numberCount = 0"]
    if seed is not None:
        run = ["Random:setSeed = on", f"Random:seed = {seed}", *run]
    if not verbose:
        run += ["Print:quiet = on", "Next:numberShowEvent = 0", "Next:numberShowProcess = 0",
                "Next:numberShowInfo = 0", "Init:showChangedSettings = off"]
    bad = [line for line in lines + run if not py.readString(line)]
    if bad:
        msg = f"Pythia rejected setting(s): {'; '.join(bad)}; check the names in Pythia's xmldoc"
        raise PythiaError(msg)
    if not py.init():
        msg = "Pythia failed to initialise with these settings — rerun with --verbose (Python: verbose=True) to see why"
        raise PythiaError(msg)
    return py
