"""Leptoquark decay-channel efficiency maps (recast.effmaps, recast.sources.MapSource).

Fast tests use synthetic maps (known ε) and the closed forms Σ_ij B_i B_j = 1 and
N = 1000 L Σ_k c_k ε_k; the shipped maps are checked against the current detector and
selections (stale-map test) and, in slow tests, against per-point Pythia generation.
"""

from __future__ import annotations

import json
import math

import numpy as np
import pytest

from recast.cli import cli
from recast.effmaps.channels import leg_class, muon_sources, pair_coefficients, pair_key, possible_pairs
from recast.effmaps.maps import EffMaps, load_maps, probe_differs, save_maps, stale_reasons  # noqa: F401
from recast.exceptions import LimitsError
from recast.models import get_model
from recast.sources import MapSource, SignalSource
from recast.xsec import lq_pair_xsec

LQ_ANALYSES = ("atlas_1903_06248", "lq_mumujj")


# ---------------------------------------------------------------- channels


def test_leg_order_and_charge_conjugation_give_one_key():
    assert pair_key((5, 13), (6, 13)) == pair_key((6, 13), (5, 13)) == "bmu-tmu:F2"
    assert pair_key((-5, -13), (-5, -13)) == pair_key((5, 13), (5, 13)) == "bmu-bmu"  # conjugate state
    # u, d, s share the light map; neutrino flavours are alike; non-top pairs ignore the lepton charge
    assert pair_key((1, 13), (1, 13)) == pair_key((2, -13), (3, -13)) == "lmu-lmu"
    assert leg_class((5, 12)) == leg_class((5, 16)) == "bnu"
    # with a top the charge pattern matters: t mu- (S3, S1) vs t mu+ (R2)
    assert pair_key((6, 13), (6, 13)) != pair_key((6, -13), (6, -13))


def test_muon_sources_and_the_mapped_pairs():
    assert [muon_sources(x) for x in ("lmu", "tmu", "tnu", "bnu", "btau", "te")] == [1, 2, 1, 0, 0, 1]
    pairs = possible_pairs(("mu", "nu"))
    assert all(spec.muon_sources >= 2 for spec in pairs.values())
    # the benchmark pairs: S3 -> b mu / t mu / t mu + b nu, R2 -> t mu+ and b mu+
    assert {"bmu-bmu", "tmu-tmu:F2", "bnu-tmu:F2", "tmu-tmu:F0", "cmu-cmu", "lmu-lmu"} <= set(pairs)
    assert "bnu-bnu" not in pairs  # no muon at all: eps = 0 exactly
    assert "tnu-tnu:F2" not in pairs  # only S3p23 has it, which never decays to a charged muon


@pytest.mark.parametrize(("model", "couplings"), [("S3", None), ("S1", {"yL_bmu": 1.0, "yR_cmu": 0.5}),
                                                  ("R2", {"yLR_bmu": 1.0, "yRL_umu": 0.3})])
def test_pair_coefficients_sum_to_the_cross_sections(model, couplings):
    """Σ_ij B_i B_j = (Σ_i B_i)^2 = 1 per state: mapped + zero-efficiency pairs = Σ σ over the muonic states."""
    point = get_model(model, mass=1500.0, couplings=couplings)
    coef, zero, sigmas = pair_coefficients(point)
    sigma = lq_pair_xsec(1500.0)[0]
    assert all(s == pytest.approx(sigma) for s in sigmas.values())
    assert sum(coef.values()) + zero["no_dimuon"] == pytest.approx(sigma * len(sigmas), rel=1e-12)


def test_s3_benchmark_coefficients_in_closed_form():
    """S3m43 -> b mu (B ~ 1); S3m13 -> t mu, b nu with Γ ∝ (1 - m_t²/M²)² and 1: B_tmu = r/(1+r)."""
    m = 1500.0
    coef, _, sigmas = pair_coefficients(get_model("S3", mass=m, couplings={"y_bmu": 1.0}))
    assert set(sigmas) == {"S3m43", "S3m13"}  # S3p23 -> t nu only: no muons, not included
    sigma = lq_pair_xsec(m)[0]
    r = (1 - (172.5 / m) ** 2) ** 2
    b_t = r / (1 + r)
    assert coef["bmu-bmu"] == pytest.approx(sigma)
    assert coef["tmu-tmu:F2"] == pytest.approx(sigma * b_t**2, rel=2e-3)
    assert coef["bnu-tmu:F2"] == pytest.approx(sigma * 2 * b_t * (1 - b_t), rel=2e-3)  # both leg orders


# ---------------------------------------------------------------- synthetic maps

MASSES = (1000.0, 1500.0, 2000.0)


def _synthetic(path, *, detector=None):
    """A map file with every mapped pair: ε of pair k, bin b, mass m = 1e-3 (k + 1) (b + 1) m/1000."""
    from recast.analysis import get_analysis
    from recast.detector import DETECTOR_VERSION
    from recast.events import GENERATOR

    pairs = list(possible_pairs(("mu", "nu")))
    arrays, analyses = {}, {}
    for aid in LQ_ANALYSES:
        ana = get_analysis(aid)
        nbins = len(ana.edges) - 1
        regions = [[r, nbins] for r in ana.regions] if aid == "lq_mumujj" else [["mumu", nbins]]
        nb = sum(n for _, n in regions)
        k, m, b = np.meshgrid(np.arange(len(pairs)), np.array(MASSES), np.arange(nb), indexing="ij")
        eff = 1e-3 * (k + 1) * (b + 1) * m / 1000.0
        arrays[aid] = {"eff": eff, "var": eff / 2000.0}
        if aid == "lq_mumujj":
            arrays[aid] |= {"jes/up": 1.1 * eff, "jes/down": 0.9 * eff}
        analyses[aid] = {"regions": regions, "fingerprint": "synthetic"}
    prov = {"generator": GENERATOR, "detector_version": detector or DETECTOR_VERSION, "events_per_point": 2000,
            "analyses": analyses}
    save_maps({"pairs": pairs, "masses_GeV": list(MASSES), "arrays": arrays,
               "lo_xsec_pb": np.zeros((len(pairs), len(MASSES))), "provenance": prov}, path)
    return path


@pytest.fixture
def synthetic(tmp_path):
    return _synthetic(tmp_path / "maps.npz")


def test_yields_are_the_closed_form_and_interpolate_linearly(synthetic):
    maps = load_maps(synthetic)
    k = maps.pairs.index("bmu-bmu")
    c = {"bmu-bmu": 2e-4, "tmu-tmu:F2": 1e-4}
    kt = maps.pairs.index("tmu-tmu:F2")
    lumi = 139.0
    cases = {1000.0: ((1000.0, 1.0),), 1250.0: ((1000.0, 0.5), (1500.0, 0.5)), 2000.0: ((2000.0, 1.0),)}
    for mass, grid in cases.items():  # grid: the map masses and linear weights around *mass*
        sig = maps.yields("lq_mumujj", c, mass, lumi_fb=lumi)
        eff = lambda kk, mass=mass: 1e-3 * (kk + 1) * (np.arange(14) + 1) * mass / 1000.0  # noqa: E731
        want = 1000 * lumi * (c["bmu-bmu"] * eff(k) + c["tmu-tmu:F2"] * eff(kt))  # eff linear in m: exact
        got = np.concatenate([sig["SR_0b"][0], sig["SR_1b"][0]])
        np.testing.assert_allclose(got, want, rtol=1e-5)
        # MC variance of two independent samples: sum of w^2 v over the grid masses around it (1/2 of the
        # linearly interpolated variance half way between them)
        var = sum(w**2 * (1000 * lumi) ** 2 * (c["bmu-bmu"] ** 2 * eff(k, m) + c["tmu-tmu:F2"] ** 2 * eff(kt, m))
                  / 2000.0 for m, w in grid)
        np.testing.assert_allclose(np.concatenate([sig["SR_0b"][1], sig["SR_1b"][1]]) ** 2, var, rtol=1e-5)
        np.testing.assert_allclose(sig.variations["jes"]["up"]["SR_1b"], 1.1 * sig["SR_1b"][0], rtol=1e-5)


def test_mass_outside_the_grid_is_one_line_suggesting_generate(synthetic):
    maps = load_maps(synthetic)
    with pytest.raises(LimitsError, match=r"outside the efficiency-map grid \(1000-2000 GeV\).*--generate"):
        maps.check_mass(2200.0)
    with pytest.raises(LimitsError, match="--generate"):
        MapSource([900.0], path=synthetic).points(get_model("S3"), branches=[])


def test_map_source_feeds_run_limits_and_says_so(synthetic):
    from recast.chain import check_result, run_limits

    src = MapSource([1000.0, 1500.0], path=synthetic)
    assert isinstance(src, SignalSource) and len(src) == 2
    result, ws = run_limits("S3", lumi_fb=139.0, source=src, progress=False, analyses=["lq_mumujj"])
    result = result.to_json()  # the limits.json document
    check_result(json.loads(json.dumps(result)))
    assert result["signal_source"].startswith("efficiency maps (maps.npz")
    assert any(n.startswith("signal: efficiency maps") for n in result["notes"])
    # the S3 benchmark through the maps: N = 1000 L Σ_k c_k Σ_b ε_kb for lq_mumujj at 1500 GeV
    coef, _, sig = pair_coefficients(get_model("S3", mass=1500.0))
    maps = load_maps(synthetic)
    total = sum(c * 1e-3 * (maps.pairs.index(k) + 1) * 1.5 * sum(b + 1 for b in range(14)) for k, c in coef.items())
    pt = next(p for p in result["per_analysis"]["lq_mumujj"]["points"] if p["mass_GeV"] == 1500.0)
    assert pt["signal_events"] == pytest.approx(1000 * 139.0 * total, rel=1e-5)
    assert pt["xsec_pb"] == pytest.approx(sum(sig.values()))
    stat = next(m for ch in ws["lq_mumujj_1500"]["channels"] for s in ch["samples"] if s["name"] == "signal"
                for m in s["modifiers"] if m["type"] == "staterror")
    assert all(x > 0 for x in stat["data"])  # the maps' MC uncertainty reaches the workspace


def test_stale_detector_or_missing_channels_are_refused(tmp_path):
    old = _synthetic(tmp_path / "old.npz", detector="0.9.0")
    with pytest.raises(LimitsError, match=r"stale \(detector 0.9.0 -> .*make_maps.*--generate"):
        MapSource([1500.0], path=old).points(get_model("S3"), branches=[])
    new = _synthetic(tmp_path / "new.npz")
    tau = get_model("S3", couplings={"y_bmu": 1.0, "y_btau": 1.0})  # S3m13 -> t mu, t tau: no map
    with pytest.raises(LimitsError, match=r"no channel pair .*tau.* --generate"):
        MapSource([1500.0], path=new).points(tau, branches=[])
    wide = get_model("S3", couplings={"y_bmu": 2.0})  # S3m43: width/mass = (sqrt2 y)^2/(16 pi) = 1/(2 pi)
    with pytest.raises(LimitsError, match=r"S3m43 is wide \(width/mass = 16% .*--generate"):
        MapSource([1500.0], path=new).points(wide, branches=[])
    with pytest.raises(LimitsError, match="leptoquarks only"):
        MapSource([1500.0], path=new).points(get_model("B-3Lmu"), branches=[])


def test_cli_out_of_grid_mass_is_one_line_exit_2(runner, tmp_path):
    res = runner.invoke(cli, ["limits", "--model", "S3", "--lumi", "139", "--masses", "300", "--quiet",
                              "--out", str(tmp_path / "r")])
    assert res.exit_code == 2 and len(res.stderr.strip().splitlines()) == 1
    assert "efficiency-map grid" in res.stderr and "--generate" in res.stderr


class _Generated(Exception):
    pass


@pytest.mark.parametrize("kw", [{"generate": True}, {"events_per_point": 500}, {"fast": False}])
def test_generation_is_asked_for_by_generate_events_per_point_or_full(monkeypatch, kw):
    import recast.sources
    from recast.chain import run_limits

    def refuse(self, model, *, branches):
        raise _Generated

    monkeypatch.setattr(recast.sources.GeneratedSource, "points", refuse)
    with pytest.raises(_Generated):
        run_limits("S3", lumi_fb=139.0, masses=[1500.0], progress=False, **kw)


def test_cli_passes_generate_only_when_given(runner, tmp_path, monkeypatch):
    import recast.chain

    seen = []

    def fake(model_name, **kw):
        seen.append(kw)
        raise LimitsError("stop here")

    monkeypatch.setattr(recast.chain, "run_limits", fake)
    for extra in ([], ["--generate"]):
        args = ["limits", "--model", "S3", "--lumi", "139", "--quiet", "--out", str(tmp_path / "r"), *extra]
        runner.invoke(cli, args)
    assert "generate" not in seen[0] and seen[1]["generate"] is True


# ---------------------------------------------------------------- the shipped maps


def test_shipped_maps_are_current():
    """Fails when the detector version, the generator or any LQ analysis' selection differs from the maps':
    remake them with `python -m scripts.lq_mumujj.make_maps`."""
    from scripts.lq_mumujj import make_maps

    maps = load_maps()
    assert stale_reasons(maps) == []
    prov = maps.provenance
    # the generator settings the script writes today are the ones the maps were made with
    first = possible_pairs(("mu", "nu"))[maps.pairs[0]]
    assert prov["settings_example"] == make_maps.pair_settings(first, 1000.0)
    assert prov["width_over_mass"] == make_maps.WIDTH_OVER_MASS and prov["seed"] == make_maps.SEED
    assert tuple(maps.masses) == make_maps.GRID_GEV
    assert prov["fast"] is True and prov["seed"] and min(prov["events_per_point"].values()) >= 1000
    assert set(maps.pairs) == set(possible_pairs(("mu", "nu")))
    assert maps.masses[0] <= 1000.0 and maps.masses[-1] >= 2400.0  # recast limits' default LQ masses


_PROBE_SCRIPT = """
import json, sys
from recast.analysis import get_analysis
from recast.effmaps.maps import load_maps, selection_fingerprint, selection_probe, stale_reasons
import recast
ids = sys.argv[1:]
print(json.dumps({"recast": recast.__file__, "stale": stale_reasons(load_maps()),
                  "probe": {i: selection_probe(get_analysis(i)) for i in ids},
                  "key": {i: selection_fingerprint(get_analysis(i)) for i in ids}}))
"""


def _probe_in_subprocess(root, env_extra=None):
    import os
    import subprocess
    import sys

    env = {**os.environ, **(env_extra or {}), "PYTHONPATH": str(root), "PYTHONDONTWRITEBYTECODE": "1"}
    out = subprocess.run([sys.executable, "-c", _PROBE_SCRIPT, *LQ_ANALYSES], cwd=root, env=env,
                         capture_output=True, text=True, timeout=600, check=True)
    return json.loads(out.stdout.splitlines()[-1])


def test_shipped_maps_are_current_with_other_floating_point_kernels():
    """The maps' staleness does not depend on the CPU: with numpy's SIMD kernels above the baseline switched
    off (AVX-512 etc.: the float32 selections then differ by ~1e-6), the shipped maps are still current.
    (Issue 20: a 6-digit hash of the probe yields flagged atlas_1903_06248 stale on another machine.)"""
    from numpy._core._multiarray_umath import __cpu_dispatch__, __cpu_features__

    extra = [f for f in __cpu_dispatch__ if __cpu_features__.get(f)]
    if not extra:
        pytest.skip("this CPU runs numpy's baseline kernels only: nothing to switch off")
    from pathlib import Path

    import recast

    root = Path(recast.__file__).resolve().parent.parent
    res = _probe_in_subprocess(root, {"NPY_DISABLE_CPU_FEATURES": " ".join(extra)})
    assert res["stale"] == []
    maps = load_maps()
    for aid in LQ_ANALYSES:
        stored = maps.provenance["analyses"][aid]["probe"]
        assert not probe_differs(stored, res["probe"][aid])
        assert len(stored) == len(res["probe"][aid]) > 100


def test_selection_probe_is_the_same_in_a_second_clone(tmp_path):
    """The staleness check depends only on the repository's tracked content: a copy of the tracked files
    (what a clone gives, with no bytecode, untracked files or install) computes the same probe and key and
    finds the shipped maps current."""
    import shutil
    import subprocess
    from pathlib import Path

    import recast

    root = Path(recast.__file__).resolve().parent.parent
    if not (root / ".git").exists():
        pytest.skip("not a git checkout")
    files = subprocess.run(["git", "ls-files", "-z"], cwd=root, capture_output=True, check=True).stdout
    clone = tmp_path / "clone"
    for name in filter(None, files.decode().split("\0")):
        src = root / name
        if src.is_file():
            (clone / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, clone / name)
    res = _probe_in_subprocess(clone)
    assert Path(res["recast"]).resolve().is_relative_to(clone.resolve())
    assert res["stale"] == []
    from recast.analysis import get_analysis
    from recast.effmaps.maps import selection_fingerprint, selection_probe

    for aid in LQ_ANALYSES:
        ana = get_analysis(aid)
        assert res["key"][aid] == selection_fingerprint(ana)
        assert not probe_differs(selection_probe(ana), res["probe"][aid])


def test_a_changed_selection_makes_the_maps_stale(monkeypatch):
    """The fingerprint sees a selection change (here the 1.0.0 working points: Medium muons, flat b-tag)."""
    from recast.analysis import get_analysis
    from recast_analyses.lq_mumujj.selection import LEGACY

    ana = get_analysis("lq_mumujj")
    monkeypatch.setattr(ana, "options", LEGACY)
    assert stale_reasons(load_maps(), [ana]) == ["analysis lq_mumujj: selection changed since the maps were made"]


def test_shipped_maps_are_physical():
    """0 <= acc x eff <= 1 per pair; two prompt muons beat W -> mu nu: eps(b mu, b mu) > eps(b nu, t mu) at 1.6 TeV."""
    maps = load_maps()
    im = list(maps.masses).index(1600.0)
    for aid, arrs in maps.arrays.items():
        total = arrs["eff"].sum(axis=2)
        assert (arrs["eff"] >= 0).all() and (total <= 1 + 1e-6).all(), aid
    acc = maps.arrays["lq_mumujj"]["eff"].sum(axis=2)[:, im]
    assert acc[maps.pairs.index("bmu-bmu")] > 3 * acc[maps.pairs.index("bnu-tmu:F2")] > 0
    assert 0.3 < acc[maps.pairs.index("bmu-bmu")] < 0.9


# ---------------------------------------------------------------- maps vs generation (Pythia)


def _compare(model, couplings, mass, *, events=2000, states=None):
    """(map yields, generated yields, combined MC sigma) of lq_mumujj's total and of its SR_1b."""
    from recast.analysis import get_analysis
    from recast.sources import GeneratedSource

    ana = get_analysis("lq_mumujj")
    point = get_model(model, couplings=couplings)
    (mp,) = MapSource([mass], states=states).points(point, branches=ana.branches)
    (gp,) = GeneratedSource([mass], events, seed=11, progress=False, states=states).points(point, branches=ana.branches)
    out = {}
    for name, sel in (("total", ("SR_0b", "SR_1b")), ("SR_1b", ("SR_1b",))):
        a, b = mp.signal(ana, lumi_fb=139.0), gp.signal(ana, lumi_fb=139.0)
        na, nb = (sum(float(np.sum(s[r][0])) for r in sel) for s in (a, b))
        ua, ub = (math.sqrt(sum(float(np.sum(np.asarray(s[r][1]) ** 2)) for r in sel)) for s in (a, b))
        out[name] = (na, nb, math.hypot(ua, ub))
    return out


@pytest.mark.slow
@pytest.mark.parametrize(
    ("model", "couplings", "mass"),
    [
        ("S3", None, 1600.0),  # benchmark: b mu, t mu, t mu + b nu
        ("S1", {"yR_cmu": 1.0}, 1400.0),  # S1 -> c mu
        ("R2", None, 1800.0),  # R2 -> b mu+, t mu+ (the F0 top pattern)
        ("S1", {"yL_bmu": 1.0, "yL_smu": 0.5}, 1200.0),  # texture with nu channels: t mu, b nu, c mu, s nu
        ("R2", {"yRL_umu": 1.0}, 1400.0),  # u mu+ against the d mu- light map: light grouping and lepton charge
    ],
)
def test_maps_agree_with_generation(model, couplings, mass):
    """Map yields = generated yields within 3 combined MC standard deviations plus 4% (the width approximation:
    maps at Γ/M = 3%, these points have 2-4%)."""
    for name, (a, b, s) in _compare(model, couplings, mass).items():
        print(f"{model} {couplings} {mass:g} {name}: maps {a:.3f} generated {b:.3f} MC sigma {s:.3f}")
        assert abs(a - b) < 3 * s + 0.04 * b, (name, a, b, s)


def test_map_source_reads_each_state_at_its_own_mass(synthetic):
    """Spm scans MSp with MSm fixed (as generation does, each state at its own mass): the S- pairs are
    read from the maps at MSm, the S+ pairs at MSp; a state mass outside the grid is refused."""
    from recast.analysis import get_analysis

    model = get_model("Spm", MSm=1200.0)
    (pt,) = MapSource([1800.0], path=synthetic).points(model, branches=[])
    point = model.with_params(MSp=1800.0)
    maps = load_maps(synthetic)
    want = 0.0
    for states, mass in ((["Spp53", "Spp23"], 1800.0), (["Smp53", "Smp23"], 1200.0)):
        coef = pair_coefficients(point, states=states)[0]
        assert coef  # both doublets contribute
        want += sum(c * 1e-3 * (maps.pairs.index(k) + 1) * mass / 1000.0 * sum(b + 1 for b in range(14))
                    for k, c in coef.items())
    sig = pt.signal(get_analysis("lq_mumujj"), lumi_fb=139.0)
    assert sum(float(np.sum(v[0])) for v in sig.values()) == pytest.approx(1000 * 139.0 * want, rel=1e-5)
    assert pt.xsec_pb == pytest.approx(sum(pair_coefficients(point)[2].values()))
    with pytest.raises(LimitsError, match=r"2500 GeV is outside the efficiency-map grid"):
        MapSource([1500.0], path=synthetic).points(get_model("Spm", MSm=2500.0), branches=[])


def test_yields_of_an_unmapped_pair_or_analysis_is_a_limits_error(synthetic):
    """EffMaps.yields is public: a pair key or analysis without a map is a one-line LimitsError, not a KeyError."""
    maps = load_maps(synthetic)
    with pytest.raises(LimitsError, match=r"no efficiency map for channel pair btau-bmu .*--generate"):
        maps.yields("lq_mumujj", {"bmu-bmu": 1e-4, "btau-bmu": 1e-5}, 1500.0, lumi_fb=139.0)
    with pytest.raises(LimitsError, match=r"no efficiency map for analysis nope \(maps: "):
        maps.yields("nope", {"bmu-bmu": 1e-4}, 1500.0, lumi_fb=139.0)
