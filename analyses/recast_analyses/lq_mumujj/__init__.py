"""LQ pair → μμjj search: our own selection in the spirit of ATLAS arXiv:2006.05872 (139 fb⁻¹).

Scalar-leptoquark pairs decaying to a muon and a quark each. Two signal regions binned in
m_LQ^min (no b-tag / ≥ 1 b-tag among the two leading jets); the SM background is simulated
with Pythia 8 (``make_background.py``) and shipped as ``background.json``. There are no
observed counts: **expected limits only**.

Example:
    >>> ANALYSIS.id, ANALYSIS.arxiv, ANALYSIS.lumi_fb, ANALYSIS.has_observed
    ('lq_mumujj', '2006.05872', 139.0, False)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from recast.analysis.metadata import AnalysisBase

if TYPE_CHECKING:
    from recast.analysis.protocol import Analysis, Chain

__all__ = ["ANALYSIS", "LUMI_REL_UNC", "VALIDATION_BENCHMARKS", "LQMuMuJJ", "SignalYields"]

#: Validation check id (analysis.yaml ``validation``) → benchmark of :mod:`recast_analyses.lq_mumujj.validation`.
VALIDATION_BENCHMARKS = {"lq_b1_mumu_limit": "cmu", "lq_bmu_limit": "bmu"}

#: Relative luminosity uncertainty of the 139 fb⁻¹ Run-2 data set used by arXiv:2006.05872:
#: 1.7% (ATLAS-CONF-2019-021). (The final calibration, arXiv:2212.09379, gives 0.83%.)
LUMI_REL_UNC = 0.017


class SignalYields(dict[str, tuple[np.ndarray, np.ndarray]]):
    """``{region: (counts, unc)}`` plus ``variations``: the experimental systematic yields.

    ``variations[name]["up"|"down"][region]`` are expected events per bin at the same
    luminosity (see :func:`recast_analyses.lq_mumujj.selection.systematic_yields`).
    """

    variations: dict[str, dict[str, dict[str, np.ndarray]]]



def __dir__() -> list[str]:
    return __all__


class LQMuMuJJ(AnalysisBase):
    """The LQ-pair → μμjj analysis plugin (see the package docstring)."""

    package = "recast_analyses.lq_mumujj"
    branches: tuple[str, ...] = (
        "mu_pt", "mu_eta", "mu_phi", "mu_charge", "mu_highpt",
        "jet_pt", "jet_eta", "jet_phi", "jet_m", "jet_btag", "jet_flavour", "weight",
    )  # fmt: skip

    #: Selection working points (:data:`recast_analyses.lq_mumujj.selection.DEFAULT`; studies may change it).
    options: Any = None
    #: Add the experimental systematics (lumi, muon, JES/JER, b-tag); switch for studies.
    experimental_systematics: bool = True
    #: Include the bounded, not simulated backgrounds (process ``other``).
    include_other: bool = True
    #: A :class:`recast_analyses.lq_mumujj.background.Background` to use instead of the shipped file (studies).
    background_override: Any = None

    def measure_validation(self, check_ids: Sequence[str], *, fast: bool,
                           chain: Chain | None = None) -> dict[str, float]:
        """Our value for each requested check id, in the unit of its ``published`` value (GeV).

        Both checks are expected LQ mass limits with the signal from the decay-channel efficiency
        maps (:class:`recast.sources.MapSource`, the default signal of ``recast limits`` for
        leptoquarks; maps vs Pythia generation: tests/test_effmaps.py), so they are fast.

        *chain* is recast's chain (:class:`recast.analysis.protocol.Chain`), handed in by
        ``recast validate``; every check runs through it.

        Raises:
            InvalidParameter: an unknown check id, or checks asked for without *chain*.
        """
        from recast.exceptions import InvalidParameter
        from recast_analyses.lq_mumujj.validation import expected_mass_limit

        bad = [c for c in check_ids if c not in VALIDATION_BENCHMARKS]
        if bad:
            msg = f"unknown lq_mumujj validation check(s) {', '.join(bad)}; known: {', '.join(VALIDATION_BENCHMARKS)}"
            raise InvalidParameter(msg)
        if not check_ids:
            return {}
        if chain is None:
            msg = "lq_mumujj validation needs recast's chain — pass chain=recast.chain (recast validate does)"
            raise InvalidParameter(msg)
        from recast.sources import MapSource
        from recast_analyses.lq_mumujj.validation import BENCHMARKS, DEFAULT_MASSES

        out: dict[str, float] = {}
        for cid in check_ids:
            bench = VALIDATION_BENCHMARKS[cid]
            states = BENCHMARKS[bench][2]
            source = MapSource(list(DEFAULT_MASSES), states=list(states) if states else None)
            scan = expected_mass_limit(bench, chain=chain, source=source)
            out[cid] = float("nan") if scan.mass_limit_GeV is None else float(scan.mass_limit_GeV)
        return out

    def _options(self) -> Any:
        from recast_analyses.lq_mumujj.selection import DEFAULT

        return self.options or DEFAULT

    def _background(self) -> Any:
        from recast_analyses.lq_mumujj.background import load_background

        bkg = self.background_override or load_background()
        if not self.include_other and "other" in bkg.processes:
            from dataclasses import replace

            bkg = replace(bkg, processes={k: v for k, v in bkg.processes.items() if k != "other"})
        return bkg

    @property
    def regions(self) -> tuple[str, ...]:
        """Signal-region names (pyhf channels)."""
        from recast_analyses.lq_mumujj.selection import REGIONS

        return REGIONS

    @property
    def edges(self) -> tuple[float, ...]:
        """m_LQ^min bin edges in GeV."""
        from recast_analyses.lq_mumujj.selection import MLQ_EDGES

        return MLQ_EDGES

    def signal(self, events: Any, *, lumi_fb: float) -> dict[str, tuple[np.ndarray, np.ndarray]]:
        """Expected signal events and MC-stat uncertainty per m_LQ^min bin at ``lumi_fb`` fb⁻¹.

        Args:
            events: detector-level events (fields :attr:`branches`, ``weight`` in pb/event).
            lumi_fb: integrated luminosity in fb⁻¹.

        Returns:
            A :class:`SignalYields` ``{"SR_0b": (counts, unc), "SR_1b": (counts, unc)}`` (numpy
            arrays) whose ``variations`` hold the experimental systematic yields.

        Raises:
            InvalidParameter: ``lumi_fb`` ≤ 0.
            BranchNotFound: the events lack a needed field.
        """
        from recast.exceptions import InvalidParameter
        from recast_analyses.lq_mumujj.selection import systematic_yields, yields

        if not lumi_fb > 0:
            msg = f"luminosity must be > 0 fb^-1, got {lumi_fb}"
            raise InvalidParameter(msg)
        opts = self._options()
        nominal = yields(events, lumi_fb=lumi_fb, options=opts)
        out = SignalYields({r: (np.asarray(v), np.asarray(u)) for r, (v, u) in nominal.items()})
        out.variations = {}
        if self.experimental_systematics:
            out.variations = {
                name: {d: {r: np.asarray(v) for r, v in by_r.items()} for d, by_r in var.items()}
                for name, var in systematic_yields(events, lumi_fb=lumi_fb, options=opts).items()
            }
        return out

    def background(self, *, lumi_fb: float) -> dict[str, dict[str, tuple[np.ndarray, np.ndarray]]]:
        """Simulated background per region and process: (events per bin, MC-stat unc) at ``lumi_fb``."""
        bkg = self._background()
        out: dict[str, dict[str, tuple[np.ndarray, np.ndarray]]] = {}
        for r in bkg.regions:
            out[r] = {}
            for name, p in bkg.processes.items():
                y, u = p.expected(r, lumi_fb=lumi_fb)
                out[r][name] = (np.asarray(y), np.asarray(u))
        return out

    def workspace(
        self,
        signal: dict[str, tuple[np.ndarray, np.ndarray]],
        *,
        lumi_fb: float,
        xsec_rel_unc: float,
        mass_GeV: float | None = None,
    ) -> dict[str, Any]:
        """pyhf workspace: signal + simulated Z+jets and tt̄ + bounded others, Asimov observations.

        Backgrounds carry their MC-statistical uncertainty (``shapesys``) and a
        normalisation ``normsys`` (``zjets_norm``, ``ttbar_norm``, ``other_norm``; see
        analysis.yaml; ``other_norm`` is a factor-2 log-symmetric bound). Signal and the simulated backgrounds share
        the experimental
        systematics as correlated ``histosys`` (``mu_scale``, ``mu_res``, ``jes``, ``jer``,
        ``btag_b``, ``btag_c``, ``btag_light``; from varied selections, see
        :data:`recast_analyses.lq_mumujj.selection.SYST_SOURCES`) and the luminosity ``normsys``
        ``lumi`` (:data:`LUMI_REL_UNC`). The
        observations are always the background-only expectation (no published data):
        expected limits only. ``mass_GeV`` is not used (all bins enter the fit).

        Args:
            signal: output of :meth:`signal` at the same ``lumi_fb``.
            lumi_fb: luminosity in fb⁻¹.
            xsec_rel_unc: relative signal cross-section uncertainty (``normsys`` ``xsec``).
            mass_GeV: ignored.

        Returns:
            A pyhf workspace spec validated against pyhf's schema.
        """
        from recast.stats.workspace import Sample, build_workspace

        bkg = self._background()
        backgrounds = {}
        for r in bkg.regions:
            samples = []
            for name, p in bkg.processes.items():
                y, u = p.expected(r, lumi_fb=self.lumi_fb)
                samples.append(Sample(name, np.asarray(y), stat_unc=np.asarray(u), norm_unc=p.rel_unc))
            backgrounds[r] = samples
        spec = build_workspace(
            signal=signal,
            backgrounds=backgrounds,
            observed=None,
            lumi_fb=lumi_fb,
            ref_lumi_fb=self.lumi_fb,
            xsec_rel_unc=xsec_rel_unc,
            name=f"{self.id}_expected_only",
            validate=False,  # validated once, after the experimental systematics are added
        )
        return self._add_experimental_systematics(spec, signal, bkg, lumi_fb=lumi_fb)

    def _add_experimental_systematics(
        self, spec: dict[str, Any], signal: Any, bkg: Any, *, lumi_fb: float
    ) -> dict[str, Any]:
        """Append the luminosity ``normsys`` and the correlated ``histosys`` of the variations."""
        from recast.stats.workspace import validate_workspace

        for ch in spec["channels"]:
            for smp in ch["samples"]:
                for m in smp["modifiers"]:
                    # a bound "within a factor 1 + u" (u = 100% for 'other'): log-symmetric
                    # normsys, not the linear 1 - u = 0 that build_workspace floors at 1e-3
                    if m["type"] == "normsys" and m["name"].endswith("_norm") and m["data"]["lo"] <= 1e-3:
                        m["data"] = {"hi": m["data"]["hi"], "lo": 1.0 / m["data"]["hi"]}
        if not self.experimental_systematics:
            return validate_workspace(spec)
        sig_var = getattr(signal, "variations", None) or {}
        lumi = {"name": "lumi", "type": "normsys", "data": {"hi": 1 + LUMI_REL_UNC, "lo": 1 - LUMI_REL_UNC}}

        def varied_yield(proc: Any, name: str, d: str, region: str) -> np.ndarray:
            """Events per bin of variation *name* (*d* "up"/"down") of a background process, or of the signal."""
            if proc is None:
                return np.asarray(sig_var[name][d][region], dtype=float)
            return np.asarray(proc.varied(name, d, region, lumi_fb=lumi_fb), dtype=float)

        for ch in spec["channels"]:
            region = ch["name"]
            for smp in ch["samples"]:
                nominal = np.asarray(smp["data"], dtype=float)
                if smp["name"] == "signal":
                    raw, varied, proc = signal[region][0], sig_var, None
                else:
                    proc = bkg.processes[smp["name"]]
                    if not proc.systematics:  # not simulated (bounded): its own normsys only
                        continue
                    raw = np.asarray(proc.expected(region, lumi_fb=lumi_fb)[0])
                    varied = proc.systematics
                smp["modifiers"].append(dict(lumi))
                raw = np.asarray(raw, dtype=float)
                for name in sorted(varied):
                    hi, lo = (varied_yield(proc, name, d, region) for d in ("up", "down"))
                    # relative variation applied to the (possibly floored) nominal of the spec
                    ratio_hi = np.divide(hi, raw, out=np.ones_like(raw), where=raw > 0)
                    ratio_lo = np.divide(lo, raw, out=np.ones_like(raw), where=raw > 0)
                    if np.allclose(ratio_hi, 1.0) and np.allclose(ratio_lo, 1.0):
                        continue
                    smp["modifiers"].append(
                        {
                            "name": name,
                            "type": "histosys",
                            "data": {
                                "hi_data": (nominal * ratio_hi).tolist(),
                                "lo_data": (nominal * ratio_lo).tolist(),
                            },
                        }
                    )
        return validate_workspace(spec)


#: The plugin instance registered in the ``recast.analyses`` entry-point group.
ANALYSIS = LQMuMuJJ()

if TYPE_CHECKING:  # mypy checks the plugin against the contract
    _contract: Analysis = ANALYSIS
