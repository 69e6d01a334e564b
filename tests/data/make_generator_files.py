"""Write the Pythia-made generator files of tests/data (a few seconds; see tests/data/README.md).

* ``pythia_dy_mumu.lhe``: 13 TeV q qbar -> gamma*/Z -> mu+ mu- with 400 < m(mumu) < 2000 GeV,
  40 hard-process events written by Pythia 8's own LHEF writer (``LHEF3FromPythia8``).
* ``pythia_dy_mumu.hepmc3.gz``: the same process, 20 events after parton shower (no MPI, no
  hadronisation: small; beams and final state only), written as HepMC3 ASCII through ``pyhepmc`` with Pythia's σ.

``python tests/data/make_generator_files.py [OUTDIR]`` (default: next to this script).
tests/test_generator_files.py calls :func:`write_lhe` / :func:`write_hepmc` in its slow tests.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

PROCESS = [
    "Beams:eCM = 13000.",
    "WeakSingleBoson:ffbar2gmZ = on",
    "23:onMode = off",
    "23:onIfAny = 13",
    "PhaseSpace:mHatMin = 400.",
    "PhaseSpace:mHatMax = 2000.",
    "Next:numberCount = 0",
    "Print:quiet = on",
]
M_MIN, M_MAX = 400.0, 2000.0  # GeV: the mHat window above


def _pythia(extra: list[str], seed: int):
    import pythia8mc

    py = pythia8mc.Pythia("", False)
    for line in [*PROCESS, *extra, "Random:setSeed = on", f"Random:seed = {seed}"]:
        if not py.readString(line):
            raise RuntimeError(line)
    if not py.init():
        raise RuntimeError("Pythia init failed")
    return py


def write_lhe(path: Path, n: int = 40, seed: int = 11) -> float:
    """Hard-process events through Pythia's LHEF writer; returns Pythia's σ [pb] (= the file's)."""
    import pythia8mc

    py = _pythia(["PartonLevel:all = off", "HadronLevel:all = off"], seed)
    # pythia8mc's infoPython() is a copy taken now (beams right, σ still 0); the writer keeps a
    # pointer to it, so it must stay referenced while the writer lives
    info0 = py.infoPython()
    writer = pythia8mc.LHEF3FromPythia8(py.process, info0, 8, True)
    writer.openLHEF(str(path))
    writer.setInit()
    for _ in range(n):
        if not py.next():
            raise RuntimeError("Pythia event failed")
        writer.setEvent()
    writer.closeLHEF(False)
    info = py.infoPython()
    sigma, err = info.sigmaGen() * 1e9, info.sigmaErr() * 1e9
    # the writer's <init> carries the σ of its Info copy (0): put Pythia's final σ (pb) there,
    # and give every (unit-weight) event the weight σ/n (weighting strategy -4: weights in pb)
    text = path.read_text()
    head, init, tail = re.split(r"(<init>.*?</init>)", text, maxsplit=1, flags=re.S)
    lines = init.splitlines()
    lines[2] = f"  {sigma:.8e}  {err:.8e}  {sigma / n:.8e}  9999"
    text = head + "\n".join(lines) + re.sub(r"(<event>\s*\n\s*\d+\s+\d+\s+)1(\s)",
                                            lambda m: f"{m[1]}{sigma / n:.8e}{m[2]}", tail)
    path.write_text(text)
    return sigma


def _to_genevent(event, number: int):
    """Pythia's event record as a HepMC3 GenEvent with one vertex: the two beams (status 4) in,
    every final-state particle (status 1) out. The intermediate history is left out (small
    files; Pythia's own HepMC interface, which keeps it, is not in pythia8mc)."""
    import pyhepmc

    ge = pyhepmc.GenEvent(pyhepmc.Units.GEV, pyhepmc.Units.MM)
    ge.event_number = number
    vertex = pyhepmc.GenVertex()
    for j in range(1, event.size()):
        p = event[j]
        status = 4 if j in (1, 2) else 1 if p.isFinal() else 0
        if not status:
            continue
        part = pyhepmc.GenParticle(pyhepmc.FourVector(p.px(), p.py(), p.pz(), p.e()), p.id(), status)
        part.generated_mass = p.m()
        if status == 4:
            vertex.add_particle_in(part)
        else:
            vertex.add_particle_out(part)
    ge.add_vertex(vertex)
    return ge


def write_hepmc(path: Path, n: int = 20, seed: int = 12) -> float:
    """Showered events (no MPI, no hadronisation) as HepMC3 via pyhepmc; returns σ [pb]."""
    import pyhepmc

    py = _pythia(["PartonLevel:MPI = off", "HadronLevel:all = off"], seed)
    events = []
    for i in range(n):
        if not py.next():
            raise RuntimeError("Pythia event failed")
        events.append(_to_genevent(py.event, i))
    info = py.infoPython()
    sigma, err = info.sigmaGen() * 1e9, info.sigmaErr() * 1e9
    run = pyhepmc.GenRunInfo()
    run.weight_names = ["default"]
    with pyhepmc.open(path, "w") as f:
        for ge in events:
            ge.run_info = run
            ge.weights = [1.0]
            cs = pyhepmc.GenCrossSection()
            cs.set_cross_section(sigma, err, n, n)
            ge.cross_section = cs
            f.write(ge)
    return sigma


if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).parent
    print("LHE   sigma", write_lhe(out / "pythia_dy_mumu.lhe"), "pb")
    hepmc = out / "pythia_dy_mumu.hepmc3"
    print("HepMC sigma", write_hepmc(hepmc), "pb")
    import gzip
    import shutil

    with hepmc.open("rb") as src, gzip.open(str(hepmc) + ".gz", "wb") as dst:
        shutil.copyfileobj(src, dst)
    hepmc.unlink()
