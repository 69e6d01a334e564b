"""Write a complete UFO model directory for a recast model point.

The directory holds the ``ufo-sm`` files (:mod:`recast.cards.ufo_sm`) with recast's definitions
appended (:mod:`recast.ufo.zprime`, benchmark Z′ included, :mod:`recast.ufo.spm`), ``decays.py`` with recast's
analytic widths, and ``restrict_default.dat`` = the param card ``recast cards`` writes for
the same point (MadGraph applies it on ``import model``; ``import model NAME-full`` skips it).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from recast.cards.ufo import ufo_name, writes_ufo
from recast.cards.ufo_sm import SM_FILES, ufo_sm_dir
from recast.exceptions import InvalidParameter, OutputExists
from recast.models import Model, Spm, ZPrime
from recast.models.zprime import BenchmarkZPrime
from recast.ufo.section import Section

__all__ = ["model_section", "ufo_name", "write_ufo", "writes_ufo"]


def __dir__() -> list[str]:
    return __all__


_HEADER = "\n\n# ---- recast: {what} (recast ufo; SM part from the ufo-sm package) ----\n\n"


def model_section(model: Model) -> Section:
    """recast's UFO objects for *model*: a Z′ of any U(1)_X, a benchmark Z′ or the Spm pair.

    Raises:
        InvalidParameter: recast writes no UFO for this model (S3, S1, R2 have public ones).
    """
    # U(1)_X models carry charges; the benchmark ones (SSM, E6 psi) fixed chiral couplings
    if isinstance(model, ZPrime):
        from recast.ufo.zprime import zprime_section

        return zprime_section(model)
    if isinstance(model, BenchmarkZPrime):
        from recast.ufo.zprime import benchmark_section

        return benchmark_section(model)
    if isinstance(model, Spm):
        from recast.ufo.spm import spm_section

        return spm_section(model)
    msg = (f"recast writes UFOs for the Z' models and Spm, not {model.name} — use the public "
           f"NLO_LQ_{model.name} UFO named in its proc card")
    raise InvalidParameter(msg)


def write_ufo(model: Model, out: str | os.PathLike[str], *, force: bool = False) -> Path:
    """Write the UFO of *model* into the directory *out* and return its path.

    The directory is built in a temporary sibling and renamed into place, so a failure
    leaves nothing behind.

    Raises:
        OutputExists: *out* exists and *force* is False.
        InvalidParameter: no UFO for this model (see :func:`model_section`).
    """
    from recast.cards.slha import param_card

    target = Path(out)
    if (target.exists() or target.is_symlink()) and not force:
        msg = f"{target} exists — choose another --out or pass --force"
        raise OutputExists(msg)
    section = model_section(model)
    from recast.atomic import check_output, make_temp_dir, replace_dir

    check_output(target, force=force, kind="folder")  # the current folder, read-only, a file in the path
    tmp = make_temp_dir(target)  # 0777 & ~umask, not mkdtemp's 0700
    try:
        sm = ufo_sm_dir()
        for fname in SM_FILES:
            text = (sm / fname).read_text(encoding="utf-8")
            extra = section.text.get(fname[:-3])
            if extra:
                text += _HEADER.format(what=model.label()) + "\n".join(extra)
            (tmp / fname).write_text(text, encoding="utf-8")
        (tmp / "restrict_default.dat").write_text(param_card(model), encoding="utf-8")
        replace_dir(tmp, target)  # under a lock; the old output is restored if the rename fails
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return target
