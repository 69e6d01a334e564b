"""Regenerate the simulated SM background of the LQ-pair → μμjj search (reproducible, seeded).

Run ``python -m scripts.lq_mumujj.make_background [--scale F] [--jobs N] [--out FILE]``.

What it does (all numbers also land in the file's ``provenance``):

* Z/γ*(→μμ)+jet: Pythia 8 ``WeakBosonAndParton:qqbar2gmZg`` + ``qg2gmZq`` (LO 2→2, the
  second jet from the parton shower), 23 → μμ only with m(γ*/Z) > 100 GeV, p̂T > 40 GeV.
* tt̄ → bμν bμν: ``Top:gg2ttbar`` + ``Top:qqbar2ttbar``, W → μν only.
* Biased phase space: each process is generated in slices of the partonic mass m̂
  (``PhaseSpace:mHatMin/Max``), every slice with its own events, so the high-S_T /
  high-m_LQ tail (m(μμjj) ≥ 2 m_LQ^min) is populated. (A p̂T⁴ ``bias2Selection`` was tried
  first: the selected events were dominated by a few low-p̂T events with huge weights that
  reach high m_LQ through large rapidity gaps.)
* Each process is scaled by a K-factor = σ_ref / σ_LO, σ_LO being Pythia's own LO σ of a
  matching inclusive sample (same PDF and scales) and σ_ref a cited inclusive value:
  σ(Z→ℓℓ, 66<m<116 GeV) = 1.981 nb (ATLAS, arXiv:1603.09222, per lepton flavour) and
  σ(tt̄) = 831.76 pb (Top++2.0 NNLO+NNLL, m_t = 172.5 GeV, arXiv:1112.5675).
* Events go through recast's fast detector (``recast.events.generate_arrays(fast=True)``:
  no hadronisation/MPI; approximation, see analysis.yaml) and
  :mod:`recast_analyses.lq_mumujj.selection`; per-bin yields and MC variances per fb⁻¹ are written
  atomically to the plugin's ``analyses/recast_analyses/lq_mumujj/background.json``.

A development tool run from a recast checkout (not installed): :mod:`recast_analyses.lq_mumujj.background`
reads the file it writes.
"""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from recast.atomic import write_text

if TYPE_CHECKING:
    import awkward as ak

__all__ = [
    "NORMALISATION",
    "OTHER_BACKGROUND_FRACTION",
    "OTHER_BACKGROUND_SOURCE",
    "SAMPLES",
    "Sample",
    "add_sample",
    "attach_normalisation",
    "complete_k_factors",
    "empty_process",
    "floor_empty_bins",
    "lo_xsec_pb",
    "main",
    "make_background",
    "other_process",
    "sample_events",
    "shipped_background_file",
]


def __dir__() -> list[str]:
    return __all__


@dataclass(frozen=True)
class Sample:
    """One Pythia 8 sample: the process it belongs to, its settings, events and seed."""

    name: str
    process: str
    settings: tuple[str, ...]
    n_events: int
    seed: int
    note: str = ""


_BEAM = ("Beams:eCM = 13000.",)  # √s = 13 TeV (recast.constants.SQRT_S)
_Z_COMMON = (
    *_BEAM,
    "WeakBosonAndParton:qqbar2gmZg = on",
    "WeakBosonAndParton:qg2gmZq = on",
    "23:onMode = off",
    "23:onIfAny = 13",
    "PhaseSpace:pTHatMin = 40.",  # below the 50 GeV jet threshold (our choice)
    "23:mMin = 100.",  # m_μμ > 130 GeV cut, 30 GeV margin for the muon resolution
    "23:mMax = 6500.",
)

def _slice(lo: float, hi: float) -> tuple[str, ...]:
    return (f"PhaseSpace:mHatMin = {lo:g}.", f"PhaseSpace:mHatMax = {hi:g}.")


_TT = (*_BEAM, "Top:gg2ttbar = on", "Top:qqbar2ttbar = on", "24:onMode = off", "24:onIfAny = 13")

#: The generated samples (events are before ``--scale``). Slices in the partonic mass m̂ of
#: the 2→2 process, each sampled without bias, so weights are uniform within a slice and
#: the high-m_LQ tail (which needs m(μμjj) > 2 m_LQ^min) has its own statistics.
SAMPLES: tuple[Sample, ...] = (
    # (the 1.0.0 slice zjets m̂ < 800 GeV is dropped: 0 of its 20k events passed the selection)
    Sample("zjets_mhat800_1600", "zjets", (*_Z_COMMON, *_slice(800, 1600)), 60_000, 1102),
    Sample("zjets_mhat1600_2500", "zjets", (*_Z_COMMON, *_slice(1600, 2500)), 30_000, 1103),
    Sample("zjets_mhat2500", "zjets", (*_Z_COMMON, *_slice(2500, 13000)), 20_000, 1104),
    Sample("ttbar_mhat0_1000", "ttbar", (*_TT, *_slice(0, 1000)), 60_000, 1201,
           "W → τν → μ neglected"),
    Sample("ttbar_mhat1000_2000", "ttbar", (*_TT, *_slice(1000, 2000)), 60_000, 1202),
    Sample("ttbar_mhat2000_3500", "ttbar", (*_TT, *_slice(2000, 3500)), 30_000, 1203),
    Sample("ttbar_mhat3500", "ttbar", (*_TT, *_slice(3500, 13000)), 20_000, 1204,
           "tail slice: m_LQ^min > 1.6 TeV needs m(μμjj) ≳ 3.5 TeV (1.0.0 had 0-1 MC events there)"),
)

#: Diboson, single top (Wt) and fake muons are not simulated: bounded by this fraction of the
#: simulated total in every bin, with 100% uncertainty (see ``OTHER_BACKGROUND_SOURCE``).
OTHER_BACKGROUND_FRACTION = 0.10
OTHER_BACKGROUND_SOURCE = (
    "approximation: in the ATLAS mu mu jj search (arXiv:2006.05872, Sec. 4 and Fig. 3b) Z+jets and "
    "ttbar dominate and diboson, single top and fake-lepton backgrounds are minor; no per-process "
    "fraction was available to us, so 10% of the simulated total with a 100% uncertainty bounds them"
)

#: Inclusive normalisation of each process: Pythia LO reference sample and cited σ.
NORMALISATION: dict[str, dict[str, Any]] = {
    "zjets": {
        "label": "Z/γ*(→μμ)+jets, Pythia 8 LO Z+1 parton + shower",
        "reference_settings": [
            "WeakSingleBoson:ffbar2gmZ = on",
            "PhaseSpace:mHatMin = 66.",
            "PhaseSpace:mHatMax = 116.",
            "23:onMode = off",
            "23:onIfAny = 13",
        ],
        "sigma_ref_pb": 1981.0,  # arXiv:1603.09222 (ATLAS 13 TeV, PLB 759 (2016) 601), σ_Z^tot × B(Z→ℓℓ)
        "sigma_ref_source": (
            "ATLAS, arXiv:1603.09222: σ(pp→Z→ℓℓ, 66<m_ℓℓ<116 GeV) = 1.981 ± 0.007 (stat) "
            "± 0.038 (syst) ± 0.042 (lumi) nb per lepton flavour at 13 TeV"
        ),
        "rel_unc": 0.5,
        "rel_unc_reason": (
            "approximation: LO Z+1 parton with the second jet from the shower underestimates hard "
            "extra jets; the inclusive K-factor is applied to the high-S_T tail; no EW corrections"
        ),
    },
    "ttbar": {
        "label": "tt̄ → bμν bμν, Pythia 8 LO + shower",
        "reference_settings": ["Top:gg2ttbar = on", "Top:qqbar2ttbar = on"],
        "sigma_ref_pb": 831.76,  # Top++2.0 NNLO+NNLL, m_t = 172.5 GeV, arXiv:1112.5675
        "sigma_ref_source": (
            "Czakon, Mitov, Top++2.0, arXiv:1112.5675: σ(tt̄) = 831.76 +19.77 −29.20 (scale) "
            "± 35.06 (PDF+αs) pb at 13 TeV, m_t = 172.5 GeV"
        ),
        "rel_unc": 0.3,
        "rel_unc_reason": (
            "approximation: inclusive σ known to 5%, but the high-p_T top tail at LO + shower and "
            "the fast detector are uncertain at the 20-30% level"
        ),
    },
}


def lo_xsec_pb(settings: list[str], *, n_events: int = 50_000, seed: int = 1) -> tuple[float, float]:
    """Pythia 8's LO σ (pb) and its statistical error for a hard process at √s = 13 TeV.

    Hard process only (parton level, hadronisation off), default PDF and scales as in
    ``recast.events``; resonance branching ratios set by ``onMode`` are included.
    """
    from recast.constants import SQRT_S
    from recast.events.pythia import new_pythia

    hard = [f"Beams:eCM = {SQRT_S}", "PartonLevel:all = off", "HadronLevel:all = off", *settings]
    py = new_pythia(hard, seed=seed)  # PythiaError (a RuntimeError) on a rejected setting
    for _ in range(n_events):
        py.next()
    info = py.infoPython()
    return info.sigmaGen() * 1e9, info.sigmaErr() * 1e9  # mb -> pb


def _weighted_hists(
    events: ak.Array, k_factor: float, options: Any = None, systematics: bool = True
) -> dict[str, dict[str, Any]]:
    """Per-region yields and variances per fb⁻¹ (weights × K × 1000), raw MC counts, variations."""
    from recast_analyses.lq_mumujj import selection

    options = options or selection.DEFAULT
    hists = selection.histograms(events, scale=k_factor * 1000.0, options=options)  # pb -> events / fb^-1
    rec = selection.reconstruct(events, options)
    m = np.asarray(rec[rec.passed].mlq_min, dtype=float)
    mc = [int(c) for c in np.histogram(m, bins=np.asarray(selection.MLQ_EDGES))[0]]
    out: dict[str, Any] = {"yield": {}, "variance": {}, "mc": {}}
    for region, h in hists.items():
        out["yield"][region] = [float(v) for v in h.values()]
        out["variance"][region] = [float(v) for v in h.variances()]
        out["mc"][region] = mc  # truth tagging: every selected MC event feeds both regions
    out["syst"] = selection.systematic_yields(events, lumi_fb=k_factor, options=options) if systematics else {}
    return out


def _save_events(path: Path, events: ak.Array, info: dict[str, Any]) -> None:
    import awkward as ak

    form, length, buffers = ak.to_buffers(ak.to_packed(events))
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp.npz")
    arrays: dict[str, Any] = {k: np.asarray(v) for k, v in buffers.items()}
    arrays["_meta"] = np.array(json.dumps({"form": form.to_dict(), "length": length, "info": info}))
    np.savez(tmp, **arrays)
    os.replace(tmp, path)


def _load_events(path: Path) -> tuple[ak.Array, dict[str, Any]]:
    import awkward as ak

    with np.load(path) as f:
        meta = json.loads(str(f["_meta"]))
        buffers = {k: f[k] for k in f.files if k != "_meta"}
    info: dict[str, Any] = meta["info"]
    return ak.from_buffers(meta["form"], meta["length"], buffers), info


def make_background(
    *,
    scale: float = 1.0,
    jobs: int | None = None,
    progress: bool = True,
    events_dir: Path | None = None,
    options: Any = None,
    k_factors: dict[str, dict[str, Any]] | None = None,
    systematics: bool = True,
) -> dict[str, Any]:
    """Generate all samples, select, normalise and return the background document.

    Args:
        scale: multiplies every sample's event count (e.g. 0.01 for a quick test).
        jobs: worker processes for the generation (``None``: recast's default).
        progress: show progress bars.
        events_dir: if given, keep the generated events there (``<sample>_<n>_<seed>.npz``)
            and reuse them on the next run (to re-run a changed selection quickly).
        options: selection working points (:data:`recast_analyses.lq_mumujj.selection.DEFAULT`);
            other values are for studies, the shipped file uses the default.
        k_factors: reuse these K-factors (a previous document's ``normalisation``) instead
            of recomputing Pythia's LO reference cross-sections.
        systematics: compute the experimental variations (studies may skip them).

    Returns:
        The JSON-serialisable document that :func:`recast_analyses.lq_mumujj.background.load_background` reads.
    """
    t0 = time.time()
    k_factors = complete_k_factors(k_factors, scale=scale)
    procs: dict[str, dict[str, Any]] = {}
    samples_prov = []
    for s in SAMPLES:
        n = sample_events(s, scale)
        t1 = time.time()
        events, info = _sample(s, n, events_dir=events_dir, jobs=jobs, progress=progress)
        seconds = time.time() - t1
        k = k_factors[s.process]["k_factor"]
        h = _weighted_hists(events, k, options, systematics)
        add_sample(procs.setdefault(s.process, empty_process(s.process, systematics=systematics)), h)
        samples_prov.append(_sample_provenance(s, n, events, info, k, h, seconds))
    floored = floor_empty_bins(procs, samples_prov)
    attach_normalisation(procs, k_factors)
    procs["other"] = other_process(list(procs.values()))
    return _document(procs, samples_prov, floored, scale=scale, jobs=jobs, wall_seconds=time.time() - t0)


def complete_k_factors(given: dict[str, dict[str, Any]] | None, *, scale: float = 1.0) -> dict[str, dict[str, Any]]:
    """*given* K-factors plus, for every other process of :data:`NORMALISATION`, σ_ref / Pythia's LO σ
    (:func:`lo_xsec_pb` of its reference settings; ``max(2000, 50000 × min(scale, 1))`` events)."""
    k_factors = dict(given or {})
    for proc, norm in NORMALISATION.items():
        if proc in k_factors:
            continue
        lo, lo_err = lo_xsec_pb(norm["reference_settings"], n_events=max(2000, int(50_000 * min(scale, 1.0))))
        k_factors[proc] = {"sigma_LO_pb": lo, "sigma_LO_err_pb": lo_err, "k_factor": norm["sigma_ref_pb"] / lo}
    return k_factors


def sample_events(sample: Sample, scale: float) -> int:
    """Events generated for *sample* at *scale* (at least 100)."""
    return max(100, round(sample.n_events * scale))


def _sample(
    s: Sample, n: int, *, events_dir: Path | None, jobs: int | None, progress: bool
) -> tuple[ak.Array, dict[str, Any]]:
    """*n* events of sample *s*: from ``events_dir`` if kept there, else generated (and kept if asked)."""
    from recast.events import generate_arrays

    cached = events_dir / f"{s.name}_{n}_{s.seed}.npz" if events_dir else None
    if cached is not None and cached.exists():
        return _load_events(cached)
    events, info = generate_arrays(list(s.settings), n_events=n, seed=s.seed, jobs=jobs, fast=True, progress=progress)
    if cached is not None:
        _save_events(cached, events, {k: v for k, v in info.items() if isinstance(v, (int, float, str))})
    return events, info


def _zeros(nb: int, value: float | int = 0.0) -> dict[str, list[Any]]:
    from recast_analyses.lq_mumujj import selection

    return {r: [value] * nb for r in selection.REGIONS}


def empty_process(process: str, *, systematics: bool = True) -> dict[str, Any]:
    """A process entry with every bin (and every experimental variation) at zero."""
    from recast_analyses.lq_mumujj import selection

    nb = len(selection.MLQ_EDGES) - 1
    return {
        "label": NORMALISATION[process]["label"],
        "yield_per_fb": _zeros(nb),
        "variance_per_fb2": _zeros(nb),
        "mc_events": _zeros(nb, 0),
        "systematics": {
            name: {d: _zeros(nb) for d in ("up", "down")} for name in (selection.SYSTEMATICS if systematics else ())
        },
    }


def _add(acc: list[Any], more: list[Any]) -> list[Any]:
    return [a + b for a, b in zip(acc, more, strict=True)]


def add_sample(p: dict[str, Any], h: dict[str, dict[str, Any]]) -> None:
    """Add one sample's histograms *h* (:func:`_weighted_hists`) to process entry *p*, bin by bin."""
    from recast_analyses.lq_mumujj import selection

    for name, var in h["syst"].items():
        for d, by_region in var.items():
            for r in selection.REGIONS:
                p["systematics"][name][d][r] = _add(p["systematics"][name][d][r], by_region[r])
    for r in selection.REGIONS:
        p["yield_per_fb"][r] = _add(p["yield_per_fb"][r], h["yield"][r])
        p["variance_per_fb2"][r] = _add(p["variance_per_fb2"][r], h["variance"][r])
        p["mc_events"][r] = _add(p["mc_events"][r], h["mc"][r])


def _sample_provenance(
    s: Sample, n: int, events: ak.Array, info: dict[str, Any], k: float, h: dict[str, Any], seconds: float
) -> dict[str, Any]:
    from recast_analyses.lq_mumujj import selection

    return {
        "name": s.name,
        "process": s.process,
        "settings": list(s.settings),
        "seed": s.seed,
        "n_events": n,
        "sigma_gen_pb": float(info["xsec_pb"]),
        "sum_weights_pb": float(np.sum(np.asarray(events.weight))),
        "k_factor": k,
        "note": s.note,
        "selected_mc_events": {r: sum(h["mc"][r]) for r in selection.REGIONS},
        "yield_per_fb": {r: sum(h["yield"][r]) for r in selection.REGIONS},
        "generation_seconds": round(float(info.get("seconds", seconds)), 1),
    }


def floor_empty_bins(procs: dict[str, dict[str, Any]], samples_prov: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Give every bin without selected MC events one event of its process's highest-m̂ slice, in place.

    That is the last sample of the process in *samples_prov* (the only one that reaches the tail):
    yield σ_gen × K × 1000 / N per fb⁻¹ with 100% uncertainty -- an upper-side estimate (the 68% CL
    upper limit for zero observed events is 1.15 events) that keeps every bin's background finite and
    positive. The experimental variations of a floored bin are the floored nominal.

    Returns:
        The floored bins, ``{"process", "region", "bin", "yield_per_fb"}`` each.
    """
    from recast_analyses.lq_mumujj import selection

    floored = []
    for proc, p in procs.items():
        tail = [sp for sp in samples_prov if sp["process"] == proc][-1]
        w_floor = tail["sigma_gen_pb"] * tail["k_factor"] * 1000.0 / tail["n_events"]
        for r in selection.REGIONS:
            for i, n_mc in enumerate(p["mc_events"][r]):
                if n_mc == 0:
                    p["yield_per_fb"][r][i] = w_floor
                    p["variance_per_fb2"][r][i] = w_floor**2
                    floored.append({"process": proc, "region": r, "bin": i, "yield_per_fb": w_floor})
    for p in procs.values():
        for var in p["systematics"].values():
            for by_region in var.values():
                for r in selection.REGIONS:
                    by_region[r] = [
                        y if n else p["yield_per_fb"][r][i]
                        for i, (y, n) in enumerate(zip(by_region[r], p["mc_events"][r], strict=True))
                    ]
    return floored


def attach_normalisation(procs: dict[str, dict[str, Any]], k_factors: dict[str, dict[str, Any]]) -> None:
    """Add each simulated process's uncertainty and normalisation (cited σ_ref, LO σ, K-factor), in place."""
    for proc, p in procs.items():
        norm = NORMALISATION[proc]
        p["rel_unc"] = norm["rel_unc"]
        p["rel_unc_reason"] = norm["rel_unc_reason"]
        p["normalisation"] = {
            "reference_settings": norm["reference_settings"],
            "sigma_ref_pb": norm["sigma_ref_pb"],
            "sigma_ref_source": norm["sigma_ref_source"],
            **k_factors[proc],
        }


def other_process(simulated: list[dict[str, Any]]) -> dict[str, Any]:
    """The bounded, not simulated backgrounds: :data:`OTHER_BACKGROUND_FRACTION` of the *simulated*
    total in every bin, with 100% uncertainty (:data:`OTHER_BACKGROUND_SOURCE`)."""
    from recast_analyses.lq_mumujj import selection

    nb = len(selection.MLQ_EDGES) - 1
    f_other = OTHER_BACKGROUND_FRACTION
    return {
        "label": "diboson + single top (Wt) + fake muons: bound, not simulated",
        "yield_per_fb": {
            r: [f_other * sum(p["yield_per_fb"][r][i] for p in simulated) for i in range(nb)] for r in selection.REGIONS
        },
        "variance_per_fb2": _zeros(nb),
        "mc_events": _zeros(nb, 0),
        "rel_unc": 1.0,
        "rel_unc_reason": OTHER_BACKGROUND_SOURCE,
        "normalisation": {"fraction_of_simulated_total": f_other, "source": OTHER_BACKGROUND_SOURCE},
    }


def _versions() -> tuple[str, str]:
    """(recast, pythia8mc) versions, ``"unknown"`` when the package metadata is missing."""
    try:
        from importlib.metadata import version

        from recast import DIST_NAME

        return version(DIST_NAME), version("pythia8mc")
    except Exception:  # noqa: BLE001 - metadata missing in odd installs
        return "unknown", "unknown"


def _document(
    procs: dict[str, dict[str, Any]],
    samples_prov: list[dict[str, Any]],
    floored: list[dict[str, Any]],
    *,
    scale: float,
    jobs: int | None,
    wall_seconds: float,
) -> dict[str, Any]:
    """The background document around the processes, with its provenance."""
    from recast_analyses.lq_mumujj import selection

    recast_version, pythia_version = _versions()
    return {
        "format": "recast-background/1.0.0",
        "analysis": "lq_mumujj",
        "description": "Simulated SM background of the LQ pair -> mumujj search (expected events per fb^-1)",
        "sqrt_s_GeV": 13000.0,
        "observable": "mlq_min",
        "observable_label": "m_LQ^min [GeV]",
        "edges": list(selection.MLQ_EDGES),
        "regions": list(selection.REGIONS),
        "cuts": dict(selection.CUTS),
        "units": {"yield_per_fb": "events / fb^-1", "variance_per_fb2": "(events / fb^-1)^2"},
        "processes": procs,
        "provenance": {
            "command": "python -m scripts.lq_mumujj.make_background" + (f" --scale {scale:g}" if scale != 1 else ""),
            "generator": f"Pythia {pythia_version} (pythia8mc), recast.events.generate_arrays(fast=True)",
            "recast_version": recast_version,
            "created_utc": _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "scale": scale,
            "samples": samples_prov,
            "wall_seconds": round(wall_seconds, 1),
            "generation_wall_seconds": round(sum(sp["generation_seconds"] for sp in samples_prov), 1),
            "jobs": jobs,
            "empty_bins": {
                "rule": "a bin without selected MC events gets one event of the process's highest-mhat slice "
                    "(sigma_gen * K / N) with 100% uncertainty",
                "bins": floored,
            },
            "neglected": "diboson, single top (Wt), fake muons: process 'other' (fraction of the simulated total, "
                "100% unc.); Z->tautau, tt->tau->mu: covered by the normalisation uncertainties",
            "selection_options": {"muon_wp": selection.DEFAULT.muon_wp, "btag": selection.DEFAULT.btag},
            "systematics": dict(selection.SYST_SOURCES),
        },
    }


def _write_atomic(doc: dict[str, Any], path: Path) -> None:
    write_text(path, json.dumps(doc, indent=1) + "\n")


def shipped_background_file() -> Path:
    """The plugin's ``background.json`` in this checkout (``analyses/recast_analyses/lq_mumujj/``)."""
    from recast_analyses.lq_mumujj import background

    return Path(background.__file__).with_name(background.BACKGROUND_FILE)


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point; returns the exit status."""
    ap = argparse.ArgumentParser(
        prog="python -m scripts.lq_mumujj.make_background", description=__doc__.splitlines()[0]
    )
    ap.add_argument("--scale", type=float, default=1.0, help="multiply every sample's event count (default 1)")
    ap.add_argument("--jobs", type=int, default=None, help="worker processes (default: recast's)")
    ap.add_argument("--out", type=Path, default=shipped_background_file(), help="output JSON (default: shipped)")
    ap.add_argument("--no-progress", action="store_true", help="no progress bars")
    ap.add_argument("--events-dir", type=Path, default=None, help="keep/reuse generated events here (development)")
    args = ap.parse_args(argv)
    if args.scale <= 0:
        ap.error("--scale must be > 0")
    doc = make_background(scale=args.scale, jobs=args.jobs, progress=not args.no_progress, events_dir=args.events_dir)
    _write_atomic(doc, args.out)
    for proc, p in doc["processes"].items():
        for r in doc["regions"]:
            y = p["yield_per_fb"][r]
            print(f"{proc:6s} {r}: " + " ".join(f"{v * 139:.3g}" for v in y) + "  (events at 139 fb^-1)")
    print(f"wrote {args.out} in {doc['provenance']['wall_seconds']} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
