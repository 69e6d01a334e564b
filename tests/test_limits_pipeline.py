"""`recast limits` end to end without Pythia: a stub signal source (recast.sources.SignalSource)
feeds run_limits -> workspaces -> limits -> write_results -> schema -> plot, for a Z' through the
ATLAS dimuon search (arXiv:1903.06248)."""

from __future__ import annotations

import json
import math

import awkward as ak
import numpy as np
import pytest

from recast.cli import cli
from recast.io import from_branches
from recast.sources import FileSource, GeneratedSource, SignalPoint, SignalSource

DIMUON = "atlas_1903_06248"
MASSES = [2000.0, 3000.0, 4000.0, 5000.0]


def _falling_xsec(m: float) -> float:
    """A test sigma x B(mumu) [pb] falling steeply enough that mu_UL crosses 1 inside MASSES (not a model)."""
    return 0.05 * math.exp(-(m - 2000.0) / 250.0)


class StubSource:
    """Synthetic reconstructed Z' -> mu mu events: back-to-back muons at eta = 0, m(mumu) = 2 pT = the mass."""

    def __init__(self, masses=MASSES, xsec=_falling_xsec, n: int = 200):
        self.masses, self.xsec, self.n, self.calls = list(masses), xsec, n, 0

    def __len__(self) -> int:
        return len(self.masses)

    def points(self, model, *, branches):
        self.calls += 1
        assert model.kind == "zprime" and set(branches) >= {"mu_pt", "weight"}
        return (self._point(m) for m in self.masses)

    def _point(self, m: float) -> SignalPoint:
        f32 = lambda x: ak.values_astype(ak.Array(x), np.float32)  # noqa: E731
        n, xs = self.n, self.xsec(m)
        events = from_branches({
            "mu_pt": f32([[m / 2, m / 2]] * n), "mu_eta": f32([[0.0, 0.0]] * n), "mu_phi": f32([[0.0, math.pi]] * n),
            "mu_charge": ak.values_astype(ak.Array([[-1, 1]] * n), np.int32), "weight": np.full(n, xs / n),
        })
        return SignalPoint(m, xs, 0.10, events, f"stub m={m:g}")


def _run(source, **kw):
    from recast.chain import run_limits

    return run_limits("B-3Lmu", lumi_fb=139.0, analyses=[DIMUON], source=source, method="asymptotic",
                      progress=False, **kw)


def test_the_builtin_sources_and_the_stub_share_one_interface():
    assert isinstance(StubSource(), SignalSource)
    assert isinstance(FileSource(["x.root"]), SignalSource) and len(FileSource(["x.root"])) == 1
    assert isinstance(GeneratedSource([1000.0, 2000.0], 10), SignalSource) and len(GeneratedSource([1000.0], 10)) == 1


def test_run_limits_with_a_stub_source():
    from recast.chain import check_result
    from recast.stats import mass_limit

    src = StubSource()
    result, workspaces = _run(src)
    assert src.calls == 1
    doc = result.to_json()
    check_result(doc)
    assert result.mass_limit_GeV.expected == doc["mass_limit_GeV"]["expected"]  # the typed result is the document
    assert sorted(workspaces) == sorted(f"{DIMUON}_{m:g}" for m in MASSES)
    pts = doc["points"]
    assert [p["mass_GeV"] for p in pts] == MASSES and all(p["analysis"] == DIMUON for p in pts)
    assert [p["events"] for p in pts] == [f"stub m={m:g}" for m in MASSES]
    for p in pts:
        assert p["xsec_pb"] == pytest.approx(_falling_xsec(p["mass_GeV"]), rel=1e-12)
        # N = sigma x L x (acc x eff): 0 < acc x eff <= 1 (pb x fb^-1 = 1000 events)
        assert 0 < p["signal_events"] <= p["xsec_pb"] * 139.0 * 1000
        assert p["mu_ul_exp"] == sorted(p["mu_ul_exp"])
    # sigma falls ~e^-4 per TeV: the expected mu_UL crosses 1 between 3 and 4 TeV ...
    med = [p["mu_ul_exp"][2] for p in pts]
    assert med[1] < 1 < med[2]
    # ... and the mass limit is where log(mu_UL) interpolated linearly in m reaches 0
    m1, m2, l1, l2 = MASSES[1], MASSES[2], math.log(med[1]), math.log(med[2])
    assert doc["mass_limit_GeV"]["expected"] == pytest.approx(m1 + (m2 - m1) * l1 / (l1 - l2), rel=1e-9)
    assert doc["mass_limit_GeV"]["expected"] == pytest.approx(mass_limit(MASSES, med))
    assert doc["limit_method"] == "asymptotic" and doc["per_analysis"][DIMUON]["lumi_fb"] == 139.0
    assert any("Pythia 8 LO" in a for a in doc["approximations"])  # the Z' sigma caveat


def test_mu_limit_scales_inversely_with_the_signal_cross_section():
    """Twice sigma, same shapes: twice the signal events and half the mu_UL (the likelihood depends on mu x sigma)."""
    base, _ = _run(StubSource(masses=MASSES[:2]))
    double, _ = _run(StubSource(masses=MASSES[:2], xsec=lambda m: 2 * _falling_xsec(m)))
    for a, b in zip(base.points, double.points, strict=True):
        assert b.signal_events == pytest.approx(2 * a.signal_events, rel=1e-9)
        assert b.mu_ul_exp == pytest.approx([x / 2 for x in a.mu_ul_exp], rel=2e-3)
        assert b.mu_ul_obs == pytest.approx(a.mu_ul_obs / 2, rel=2e-3)


def test_recast_limits_cli_end_to_end_with_a_stub_source(runner, tmp_path, monkeypatch):
    """The CLI (cache, write_results, schema, exclusion plot), then `recast plot` on what it wrote."""
    import recast.chain

    made = []

    def stub_generation(masses, events_per_point, **kw):
        made.append((list(masses), events_per_point, kw["seed"]))
        return StubSource(masses=masses)

    monkeypatch.setattr(recast.chain, "GeneratedSource", stub_generation)
    monkeypatch.setenv("RECAST_CACHE_DIR", str(tmp_path / "cache"))
    out = tmp_path / "res"
    res = runner.invoke(cli, ["limits", "--model", "B-3Lmu", "--lumi", "139", "--masses", "2000:5000:1000",
                              "--analysis", DIMUON, "--method", "asymptotic", "--seed", "7", "--out", str(out),
                              "--quiet"])
    assert res.exit_code == 0, res.output
    assert made == [(MASSES, recast.chain.DEFAULT_EVENTS_PER_POINT, 7)]
    doc = json.loads((out / "limits.json").read_text())
    recast.chain.check_result(doc)
    lim = doc["mass_limit_GeV"]["expected"]
    assert 3000 < lim < 4000
    assert f"(expected {lim / 1000:.2f} TeV)" in res.output or f"below {lim / 1000:.2f} TeV" in res.output
    assert (out / "exclusion.png").stat().st_size > 1000
    assert sorted(p.name for p in (out / "workspaces").iterdir()) == [f"{DIMUON}_{m:g}.json" for m in MASSES]
    plots = tmp_path / "plots"
    res = runner.invoke(cli, ["plot", str(out / "limits.json"), "--out", str(plots)])
    assert res.exit_code == 0, res.output
    assert (plots / "exclusion.pdf").is_file() and (plots / "zprime_plane.pdf").is_file()


def test_a_toys_run_says_so(monkeypatch):
    """--toys: every limit is computed with toys, labelled 'toys' everywhere, and the number is recorded."""
    import recast.stats
    from recast.chain import check_result
    from recast.stats import upper_limit

    calls = []

    def recording(spec, **kw):
        calls.append((kw["method"], kw["toys"]))
        return upper_limit(spec, observed=kw["observed"], method="asymptotic")  # fast stand-in for the toys

    monkeypatch.setattr(recast.stats, "upper_limit", recording)
    from recast.chain import run_limits

    result, _ = run_limits("B-3Lmu", lumi_fb=139.0, analyses=[DIMUON], source=StubSource(masses=MASSES[:2]),
                           toys=200, progress=False)
    assert calls == [("toys", 200)] * 2
    assert result.limit_method == "toys" and result.per_analysis[DIMUON].limit_method == "toys"
    assert result.toys == 200
    doc = result.to_json()
    check_result(doc)
    assert doc["toys"] == 200 and doc["per_analysis"][DIMUON]["limit_method"] == "toys"


@pytest.mark.parametrize("method", ["asymptotic", "bayesian"])
def test_toys_with_another_method_is_refused(runner, tmp_path, method):
    out = tmp_path / "res"
    res = runner.invoke(cli, ["limits", "--model", "B-3Lmu", "--lumi", "139", "--masses", "2000", "--toys", "500",
                              "--method", method, "--out", str(out), "--quiet"])
    assert res.exit_code == 2
    assert len(res.stderr.strip().splitlines()) == 1 and f"--method is {method}" in res.stderr
    assert not out.exists()


class _OutsideAcceptance(StubSource):
    """As StubSource, but at the last mass both muons fly at |eta| = 3, outside every muon acceptance."""

    def _point(self, m: float) -> SignalPoint:
        pt = super()._point(m)
        if m == self.masses[-1]:
            ev = pt.events
            pt.events = from_branches({"mu_pt": ev.mu_pt, "mu_eta": ev.mu_eta + 3.0, "mu_phi": ev.mu_phi,
                                       "mu_charge": ev.mu_charge, "weight": ev.weight})
        return pt


def test_a_point_without_selected_signal_is_written_and_drawn(tmp_path):
    """No selected signal: no limit (null), schema-valid, and the written plot skips that point."""
    from recast.chain import write_results

    result, workspaces = _run(_OutsideAcceptance(masses=MASSES[:3]))
    last = result.points[-1]
    assert last.signal_events == 0 and last.mu_ul_exp is None and last.mu_ul_obs is None
    assert all(p.signal_events > 0 for p in result.points[:-1])
    out = write_results(result, workspaces, tmp_path / "res")
    assert json.loads((out / "limits.json").read_text())["points"][-1]["mu_ul_exp"] is None
    assert (out / "exclusion.png").stat().st_size > 1000


def _schema_checks_of_the_main_job(monkeypatch, tmp_path, *, jobs: int) -> tuple[list[str], dict]:
    """pyhf schema checks made in this (the parent) process while two S3 masses are fitted and written."""
    import pyhf

    import recast.stats.workspace as wsmod
    from recast.chain import run_limits, write_results

    calls = []
    real = pyhf.schema.validate

    def counting(spec, schema_name, *args, **kwargs):
        calls.append(schema_name)  # forked workers append to their own copy of the list
        return real(spec, schema_name, *args, **kwargs)

    monkeypatch.setattr(pyhf.schema, "validate", counting)
    monkeypatch.setattr(wsmod, "_VALIDATED", {})
    result, ws = run_limits("S3", lumi_fb=139.0, masses=[1000.0, 1400.0], analyses=["atlas_1903_06248", "lq_mumujj"],
                            jobs=jobs, progress=False)
    write_results(result, ws, tmp_path / "out")
    assert len(list((tmp_path / "out" / "workspaces").glob("*.json"))) == 4
    return calls, ws


def test_each_workspace_is_checked_against_the_schema_once(monkeypatch, tmp_path):
    """Built, fitted (asymptotic and Bayesian) and written: one schema check per workspace structure (issue 23: up
    to five per workspace before, ~4 % of the main job); the two masses of an analysis share one structure."""
    calls, ws = _schema_checks_of_the_main_job(monkeypatch, tmp_path, jobs=1)
    assert len(ws) == 4 and calls.count("workspace.json") == 2
    assert calls.count("model.json") == 0


def test_workspaces_checked_in_forked_workers_are_not_checked_again_when_written(monkeypatch, tmp_path):
    """jobs=2: the workers build and check every workspace; the parent writes them without a second check."""
    calls, ws = _schema_checks_of_the_main_job(monkeypatch, tmp_path, jobs=2)
    assert len(ws) == 4 and calls.count("workspace.json") == 0
