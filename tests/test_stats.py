"""recast.stats: workspaces, CLs upper limits (vs closed forms, exact Poisson, pyhf), mass limits."""

from __future__ import annotations

import json
import math
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pyhf
import pytest
from scipy.optimize import brentq
from scipy.stats import norm, poisson

from recast import stats
from recast.exceptions import StatsError
from recast.stats import Sample, build_workspace, cls, mass_limit, upper_limit, write_workspace


def one_bin(s: float, b: float, n: float | None, *, lumi: float = 1.0, ref: float = 1.0) -> dict:
    return build_workspace(
        signal={"sr": ([s], [0.0])},
        backgrounds={"sr": [Sample("bkg", np.array([b]))]},
        observed=None if n is None else {"sr": [n]},
        lumi_fb=lumi,
        ref_lumi_fb=ref,
        xsec_rel_unc=0.0,
    )


def test_public_api():
    assert set(stats.__all__) == {
        "CL", "POI", "Sample", "UpperLimit", "bayesian_upper_limit", "build_workspace", "cls", "is_projection",
        "mass_limit", "upper_limit", "validate_workspace", "write_workspace",
    }  # fmt: skip
    assert dir(stats) == sorted(stats.__all__)


# ------------------------------------------------------------------ one-bin counting
def _q_tilde(mu: float, s: float, b: float, n: float) -> float:
    """Hand-written q~mu of a one-bin Poisson counting experiment (arXiv:1007.1727 eq. 16)."""
    mu_hat = max((n - b) / s, 0.0)
    if mu_hat > mu:
        return 0.0

    def nll(m: float) -> float:
        lam = m * s + b
        return lam - n * math.log(lam)

    return 2 * (nll(mu) - nll(mu_hat))


def test_one_bin_matches_closed_form_asymptotics():
    # independent re-implementation of the q~mu asymptotic CLs for s=10, b=50, n=55
    s, b, n = 10.0, 50.0, 55

    def cls_obs(mu: float) -> float:
        sq, sqa = math.sqrt(_q_tilde(mu, s, b, n)), math.sqrt(_q_tilde(mu, s, b, b))
        t = sq - sqa if sq <= sqa else (sq * sq - sqa * sqa) / (2 * sqa)
        return norm.cdf(-(t + sqa)) / norm.cdf(-t)

    def cls_med(mu: float) -> float:
        sqa = math.sqrt(_q_tilde(mu, s, b, b))
        return norm.cdf(-sqa) / 0.5

    mu_obs = brentq(lambda m: cls_obs(m) - 0.05, 0.01, 20)
    mu_med = brentq(lambda m: cls_med(m) - 0.05, 0.01, 20)
    lim = upper_limit(one_bin(s, b, n))
    assert lim.observed == pytest.approx(mu_obs, rel=2e-3)
    assert lim.median == pytest.approx(mu_med, rel=2e-3)
    # and the CLs itself at mu = 1
    assert cls(one_bin(s, b, n), 1.0)[0] == pytest.approx(cls_obs(1.0), abs=1e-4)


def test_large_background_matches_exact_poisson_cls():
    # b = n = 400: exact CLs = P(N <= n | s+b) / P(N <= n | b); asymptotics agree to ~2%
    b, n = 400.0, 400
    exact = brentq(lambda s: poisson.cdf(n, s + b) / poisson.cdf(n, b) - 0.05, 1, 200)
    lim = upper_limit(one_bin(1.0, b, n))
    assert lim.observed == pytest.approx(exact, rel=0.03)
    # close to the Gaussian answer 1.96 sqrt(b) for n = b
    assert lim.observed == pytest.approx(1.96 * math.sqrt(b), rel=0.05)


def test_low_count_asymptotics_undercover_exact():
    # n = 0, b ~ 0: exact CLs excludes s > 3.0 events; the q~mu asymptotics give 1.92
    lim = upper_limit(one_bin(1.0, 1e-3, 0))
    exact = brentq(lambda s: poisson.cdf(0, s + 1e-3) / poisson.cdf(0, 1e-3) - 0.05, 0.1, 10)
    assert exact == pytest.approx(-math.log(0.05), rel=1e-3)
    assert lim.observed == pytest.approx(1.92, abs=0.02)


@pytest.mark.slow
def test_toys_approach_exact_poisson_cls():
    b, n = 2.0, 2
    exact = brentq(lambda s: poisson.cdf(n, s + b) / poisson.cdf(n, b) - 0.05, 0.01, 50)  # 4.82 events
    lim = upper_limit(one_bin(1.0, b, n), toys=150)
    assert lim.method == "toys(150)"
    assert lim.observed == pytest.approx(exact, rel=0.3)
    assert list(lim.expected) == sorted(lim.expected)


def test_band_ordering_and_observed():
    lim = upper_limit(one_bin(5.0, 20.0, 15))
    e = lim.expected
    assert e[0] < e[1] < e[2] < e[3] < e[4]
    assert lim.observed is not None and lim.observed < lim.median  # deficit -> stronger limit
    assert upper_limit(one_bin(5.0, 20.0, 30)).observed > lim.median  # excess -> weaker


def test_limit_scales_as_inverse_sqrt_lumi_background_dominated():
    # s and b both scale with L: median mu_UL ~ 1.96 sqrt(b)/s ~ 1/sqrt(L)
    base = 10000.0
    lims = []
    for lumi in (100.0, 400.0, 1600.0):
        ws = one_bin(100.0 * lumi / 100, base, None, lumi=lumi, ref=100.0)
        assert ws["observations"][0]["data"] == pytest.approx([base * lumi / 100])  # Asimov, scaled
        lims.append(upper_limit(ws, observed=False).median)
    assert lims[0] / lims[1] == pytest.approx(2.0, rel=0.01)
    assert lims[1] / lims[2] == pytest.approx(2.0, rel=0.01)


def test_projection_has_no_observed():
    ws = one_bin(5.0, 10.0, 12, lumi=300.0, ref=139.0)
    assert stats.is_projection(300.0, 139.0)
    assert ws["observations"][0]["data"] == pytest.approx([10.0 * 300 / 139])
    assert upper_limit(ws, observed=False).observed is None


# ------------------------------------------------------------------ vs pyhf
def small_model() -> dict:
    """3 bins, per-bin background stat (shapesys), norm, signal MC stat and xsec."""
    return build_workspace(
        signal={"sr": ([2.0, 6.0, 3.0], [0.4, 0.8, 0.5])},
        backgrounds={"sr": [Sample("bkg", np.array([30.0, 20.0, 10.0]), stat_unc=np.array([3.0, 2.5, 2.0]),
                                   norm_unc=0.1)]},
        observed={"sr": [33, 18, 12]},
        lumi_fb=139.0,
        ref_lumi_fb=139.0,
        xsec_rel_unc=0.1,
    )


@pytest.mark.slow
def one_bin_with_systematics():
    return build_workspace(
        signal={"sr": ([4.0], [0.0])},
        backgrounds={"sr": [Sample("bkg", np.array([25.0]), norm_unc=0.15)]},
        observed={"sr": [28]}, lumi_fb=139.0, ref_lumi_fb=139.0, xsec_rel_unc=0.1,
    )


@pytest.mark.parametrize("make_spec", [small_model, one_bin_with_systematics])
def test_matches_pyhf_upper_limit(make_spec):
    """pyhf's own CLs (q̃μ asymptotics) crosses 0.05 within 1 % of each of our limits: at 0.99 μ_up it is
    above, at 1.01 μ_up below, for the observed limit and each of the five expected ones.

    (Issue 20: the reference used to be pyhf's toms748 root search; scipy's Newton step inside it divides
    numpy scalars by a derivative that can vanish for some fit values, a CPU-dependent divide-by-zero
    warning. pyhf's hypotest at fixed μ involves no root finder.)"""
    spec = make_spec()
    ws = pyhf.Workspace(spec)
    model = ws.model()
    data = ws.data(model)
    ours = upper_limit(spec)

    def pyhf_cls(mu):
        obs, exp = pyhf.infer.hypotest(mu, data, model, test_stat="qtilde", return_expected_set=True)
        return [float(obs)] + [float(x) for x in exp]

    for k, mu_up in enumerate([ours.observed, *ours.expected]):
        assert pyhf_cls(0.99 * mu_up)[k] > 0.05 > pyhf_cls(1.01 * mu_up)[k], (k, mu_up)


def test_matches_pyhf_hypotest():
    spec = small_model()
    ws = pyhf.Workspace(spec)
    model = ws.model()
    obs, exp = pyhf.infer.hypotest(1.0, ws.data(model), model, test_stat="qtilde", return_expected_set=True)
    ours_obs, ours_exp = cls(spec, 1.0)
    assert ours_obs == pytest.approx(float(obs), abs=1e-4)
    assert ours_exp == pytest.approx([float(x) for x in exp], abs=1e-4)


def test_pyhf_cli_gives_our_cls(tmp_path):
    spec = small_model()
    path = write_workspace(spec, tmp_path / "ws" / "small.json")
    assert not list(path.parent.glob(".*tmp"))  # atomic write leaves no temp file
    exe = shutil.which("pyhf") or str(Path(sys.executable).with_name("pyhf"))
    out = subprocess.run([exe, "cls", str(path)], capture_output=True, text=True, check=True)
    res = json.loads(out.stdout)
    ours_obs, ours_exp = cls(spec, 1.0)
    assert res["CLs_obs"] == pytest.approx(ours_obs, abs=1e-3)
    assert res["CLs_exp"] == pytest.approx(ours_exp, abs=1e-3)


# ------------------------------------------------------------------ workspace building
def test_workspace_modifiers_and_validation():
    spec = small_model()
    sig = spec["channels"][0]["samples"][0]
    types = {m["name"]: m["type"] for m in sig["modifiers"]}
    assert types == {"mu": "normfactor", "staterror_sr": "staterror", "xsec": "normsys"}
    xsec = next(m for m in sig["modifiers"] if m["name"] == "xsec")
    assert xsec["data"] == {"hi": 1.1, "lo": 0.9}
    bkg_types = {m["name"]: m["type"] for m in spec["channels"][0]["samples"][1]["modifiers"]}
    assert bkg_types == {"bkg_stat_sr": "shapesys", "bkg_norm": "normsys"}
    assert spec["observations"][0]["data"] == [33.0, 18.0, 12.0]
    pyhf.schema.validate(spec, "workspace.json")


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"lumi_fb": -1.0}, "luminosity must be > 0"),
        ({"xsec_rel_unc": 1.5}, "xsec_rel_unc"),
        ({"signal": {"other": ([1.0], [0.0])}}, "differ from background regions"),
        ({"signal": {"sr": ([1.0, 2.0], [0.0, 0.0])}}, "expected 1 bins"),
        ({"signal": {"sr": ([-1.0], [0.0])}}, "finite and >= 0"),
    ],
)
def test_workspace_bad_input(kwargs, match):
    args = {
        "signal": {"sr": ([1.0], [0.0])},
        "backgrounds": {"sr": [Sample("bkg", np.array([3.0]))]},
        "observed": {"sr": [3]},
        "lumi_fb": 1.0,
        "ref_lumi_fb": 1.0,
        "xsec_rel_unc": 0.1,
    }
    args.update(kwargs)
    with pytest.raises(StatsError, match=match):
        build_workspace(**args)


def test_no_signal_is_an_error():
    with pytest.raises(StatsError, match="no signal"):
        upper_limit(one_bin(0.0, 5.0, 5))


# ------------------------------------------------------------------ mass limits
def test_mass_limit_log_interpolation():
    assert mass_limit([1000, 2000], [0.1, 10.0]) == pytest.approx(1500.0)
    # log-linear: mu = 0.5 at 1000, 2 at 1100 -> crossing at 1050
    assert mass_limit([900, 1000, 1100, 1200], [0.1, 0.5, 2.0, 8.0]) == pytest.approx(1050.0)
    assert mass_limit([1000, 2000], [2.0, 5.0]) is None  # nothing excluded
    assert mass_limit([1000, 2000], [0.2, 0.5]) is None  # all excluded: above the range
    assert mass_limit([1000, 1500, 2000], [0.5, None, 2.0]) == pytest.approx(1500.0)


def test_unconstrainable_signal_gives_inf_not_error():
    # 1e-7 signal events on 100 background: no limit below mu = 1e6
    lim = upper_limit(one_bin(1e-7, 100.0, 100))
    assert all(math.isinf(x) for x in lim.expected) and math.isinf(lim.observed)
    assert any("too small" in n for n in lim.notes)
    assert mass_limit([1000, 1100, 1200], [0.5, 0.8, math.inf]) == 1100.0


# ------------------------------------------------------------------ Bayesian limits
def _bayes_closed_form(n: int, b: float) -> float:
    """Flat-prior 95% credibility limit on s for one count n with known b:
    1 - Q(n+1, s+b) / Q(n+1, b) = 0.95, Q = regularised upper incomplete gamma."""
    from scipy.special import gammaincc

    return brentq(lambda s: 1 - gammaincc(n + 1, s + b) / gammaincc(n + 1, b) - 0.95, 0.0, 10 * (n + 5 + b))


@pytest.mark.parametrize(("n", "b"), [(0, 0.0), (0, 3.0), (3, 1.0), (10, 8.0), (100, 95.0)])
def test_bayesian_matches_poisson_closed_form(n, b):
    """No nuisance parameter: the marginal posterior is the Poisson one; n = 0 -> -ln 0.05 = 2.996."""
    lim = upper_limit(one_bin(2.0, max(b, 1e-9), n), method="bayesian")
    assert lim.method == "bayesian"
    assert lim.observed * 2.0 == pytest.approx(_bayes_closed_form(n, b), rel=2e-3)
    if n == 0:
        assert lim.observed * 2.0 == pytest.approx(-math.log(0.05), rel=2e-3)


def test_bayesian_expected_band_is_quantiles_of_closed_form():
    """Expected band for b = 3 (no nuisances) = closed-form limits at the Poisson quantiles of n."""
    b = 3.0
    lim = stats.bayesian_upper_limit(one_bin(1.0, b, 3), pseudo=400, seed=3)
    for q, got in zip(norm.cdf([-2, -1, 0, 1, 2]), lim.expected, strict=True):
        n_q = int(poisson.ppf(q, b))
        # n is discrete: the band quantile (interpolated between pseudo-experiments) lies
        # between the closed-form limits of the neighbouring counts
        lo, hi = _bayes_closed_form(max(n_q - 1, 0), b), _bayes_closed_form(n_q + 1, b)
        assert lo * 0.995 <= got <= hi * 1.005
    assert lim.expected[2] == pytest.approx(_bayes_closed_form(3, b), rel=0.01)  # median n = 3


def test_bayesian_marginalises_background_uncertainty():
    """A 30 % background normalisation uncertainty widens the limit vs known b, and the result
    agrees with direct numerical integration of the Poisson likelihood over the log-normal-ish
    pyhf normsys prior (Gaussian alpha; rate b * 1.3**alpha above, b * 0.7**-alpha below:
    pyhf's exponential interpolation, code 1)."""
    from scipy.integrate import quad

    n, b, s, u = 12, 10.0, 1.0, 0.3
    ws = build_workspace(
        signal={"sr": ([s], [0.0])}, backgrounds={"sr": [Sample("bkg", np.array([b]), norm_unc=u)]},
        observed={"sr": [n]}, lumi_fb=1.0, ref_lumi_fb=1.0, xsec_rel_unc=0.0,
    )  # fmt: skip
    lim = upper_limit(ws, method="bayesian", seed=1)
    known = _bayes_closed_form(n, b)
    assert lim.observed > 1.05 * known

    def like(mu: float) -> float:
        def f(a: float) -> float:
            rate = b * ((1 + u) ** a if a >= 0 else (1 - u) ** -a)
            return poisson.pmf(n, mu * s + rate) * norm.pdf(a)

        return quad(f, -6, 6)[0]

    norm_c = quad(like, 0, 80)[0]
    exact = brentq(lambda x: quad(like, 0, x)[0] / norm_c - 0.95, 1.0, 80.0)
    assert lim.observed == pytest.approx(exact, rel=0.02)


def test_upper_limit_method_validation():
    with pytest.raises(StatsError, match="unknown limit method"):
        upper_limit(one_bin(1.0, 1.0, 1), method="frequentist")


def test_negligible_background_mc_uncertainty_is_fixed_not_a_huge_constraint():
    """A bin whose MC uncertainty is zero/negligible gets no shapesys parameter (pyhf fixes it)
    instead of a Poisson constraint with tau ~ 1e18 that broke the unpruned fits (LQ workspace)."""
    from recast.stats import Sample, build_workspace, upper_limit

    bkg = Sample("bkg", np.array([50.0, 2.0, 0.01]), stat_unc=np.array([5.0, 0.0, 1e-12]))
    ws = build_workspace(
        signal={"sr": ([0.0, 1.0, 3.0], [0.0, 0.0, 0.0])}, backgrounds={"sr": [bkg]},
        observed={"sr": [50, 2, 0]}, lumi_fb=1, ref_lumi_fb=1, xsec_rel_unc=0,
    )
    (mod,) = [m for m in ws["channels"][0]["samples"][1]["modifiers"] if m["type"] == "shapesys"]
    assert mod["data"] == [5.0, 0.0, 0.0]
    asym = upper_limit(ws, prune=0.0)
    bayes = upper_limit(ws, method="bayesian")
    # ~3 signal events at the limit (n = 0 where the signal is), asymptotics ~2 (arXiv:1007.1727)
    assert 0.7 < bayes.observed < 1.2 and asym.observed < bayes.observed


def test_bayesian_marginalises_only_nuisances_correlated_with_mu():
    """30 background bins with MC-stat nuisances, signal in one: the 29 far bins are fixed
    (rho^2(mu) < 1e-3, the asymptotic pruning rule) and the limit is that of the 1-bin problem."""
    from recast.stats import Sample, build_workspace, upper_limit

    nb = 30
    b = np.full(nb, 20.0)
    sig = np.zeros(nb)
    sig[7] = 10.0

    def ws(unc: np.ndarray) -> dict:
        return build_workspace(
            signal={"sr": (sig, np.zeros(nb))}, backgrounds={"sr": [Sample("bkg", b, stat_unc=unc)]},
            observed={"sr": [20] * nb}, lumi_fb=1, ref_lumi_fb=1, xsec_rel_unc=0,
        )

    many = upper_limit(ws(np.full(nb, 2.0)), method="bayesian")
    one = upper_limit(ws(np.where(np.arange(nb) == 7, 2.0, 0.0)), method="bayesian")
    assert "(29 with rho^2(mu) < 0.001 fixed)" in many.notes[0]
    assert many.observed == pytest.approx(one.observed, rel=0.03)
    assert many.expected[2] == pytest.approx(one.expected[2], rel=0.05)


def test_build_workspace_without_validation_is_the_same_spec():
    """validate=False (for callers that add modifiers and validate the final spec) skips only the schema check."""
    from recast.stats.workspace import Sample, build_workspace

    kw = {"signal": {"sr": ([3.0, 1.0], [0.3, 0.2])},
          "backgrounds": {"sr": [Sample("bkg", np.array([10.0, 2.0]), norm_unc=0.1)]},
          "observed": {"sr": [12, 1]}, "lumi_fb": 139.0, "ref_lumi_fb": 139.0, "xsec_rel_unc": 0.1}
    assert build_workspace(**kw, validate=False) == build_workspace(**kw)


def test_cls_ratio_is_finite_where_both_tails_underflow():
    """CLs = Φ(−(t+√q_A))/Φ(−t): equal to the direct ratio where that is finite, and a number (not 0/0) at
    t = 50, where both Φ values are 0 in double precision; there CLs → φ-ratio ≈ exp(−t√q_A − q_A/2)·t/(t+√q_A)."""
    import math

    from scipy.stats import norm

    from recast.stats.upper_limits import cls_ratio

    for t, sqa in [(0.3, 1.2), (-1.0, 2.0), (2.0, 0.5), (5.0, 3.0)]:
        assert cls_ratio(t, sqa) == pytest.approx(norm.cdf(-(t + sqa)) / norm.cdf(-t), rel=1e-12)
    assert norm.cdf(-50.0) == 0.0
    t, sqa = 50.0, 0.1
    approx = math.exp(-t * sqa - sqa**2 / 2) * t / (t + sqa)  # Mills-ratio asymptotics of both tails
    assert cls_ratio(t, sqa) == pytest.approx(approx, rel=1e-3)


def test_bayesian_window_holds_for_every_nuisance_sample():
    """The S3 signal in the ATLAS dimuon spectrum at 1 TeV: some nuisance samples push the background of a
    bin to ~0 (histosys), where s/b is huge. The bins treated to first order must be chosen with the largest
    s/b over the samples, or ln L grows without bound in μ: the Asimov limit came out infinite (before
    2026-12-07) while the every-bin-exact one is 0.247."""
    import math

    from recast.chain import run_limits
    from recast.stats import bayes

    _, ws = run_limits("S3", lumi_fb=139.0, masses=[1000.0], analyses=["atlas_1903_06248"], progress=False)
    marg = bayes._Marginal(pyhf.Workspace(ws["atlas_1903_06248_1000"]), samples=200, seed=0)
    fast = bayes.posterior_quantile(marg, marg.b_nominal)
    exact = bayes.posterior_quantile(marg, marg.b_nominal, window_tol=0.0)
    assert math.isfinite(fast) and fast == pytest.approx(exact, rel=3e-3)
    assert float(marg.ratio.max()) > 1e6 * float((marg.s_nominal / marg.b_nominal).max())  # the case it guards


def test_schema_check_runs_once_per_structure_and_still_rejects_a_broken_spec(monkeypatch):
    """validate_workspace checks the schema once per structure (the schema never constrains a number's value):
    the same spec with other numbers is not checked again; a changed structure (a string for a number, a
    missing key, an empty array, another modifier type) is checked, and rejected; a spec holding a numpy array
    (pyhf accepts tensors) is checked on its content."""
    import copy

    import recast.stats.workspace as wsmod

    calls = []
    real = pyhf.schema.validate
    monkeypatch.setattr(pyhf.schema, "validate", lambda spec, name, *a, **k: (calls.append(name), real(spec, name))[1])
    monkeypatch.setattr(wsmod, "_VALIDATED", {})
    spec = small_model()
    wsmod.validate_workspace(spec)
    other = copy.deepcopy(spec)
    other["channels"][0]["samples"][0]["data"] = [7.5, 0.25, 1e-9]
    other["observations"][0]["data"] = [1, 2.5, 3]
    assert wsmod.validate_workspace(other) is other and wsmod.is_validated(other)
    assert calls == ["workspace.json"]

    def broken(change):
        bad = copy.deepcopy(spec)
        change(bad)
        return bad

    bads = [
        broken(lambda s: s["observations"][0].__setitem__("data", ["1", 2.0, 3.0])),
        broken(lambda s: s["channels"][0]["samples"][0].pop("modifiers")),
        broken(lambda s: s["channels"][0]["samples"][0].__setitem__("data", [])),
        broken(lambda s: s["channels"][0]["samples"][0]["modifiers"][1].__setitem__("type", "normsys")),
    ]
    for bad in bads:
        assert not wsmod.is_validated(bad)
        with pytest.raises(StatsError, match="invalid pyhf workspace"):
            wsmod.validate_workspace(bad)
    tensor = broken(lambda s: s["observations"][0].__setitem__("data", np.array([1.0, 2.0, 3.0])))
    assert not wsmod.is_validated(tensor) and wsmod.validate_workspace(tensor) is tensor
    assert calls == ["workspace.json"] * (2 + len(bads))


def _two_channel_model() -> pyhf.pdf.Model:
    """Two channels, shared normsys/histosys, per-bin shapesys and staterror, a lumi modifier."""
    ch = []
    for name, b in (("a", [30.0, 20.0, 10.0, 5.0]), ("b", [8.0, 4.0])):
        n = len(b)
        ch.append({"name": name, "samples": [
            {"name": "signal", "data": [1.0 + i for i in range(n)], "modifiers": [
                {"name": "mu", "type": "normfactor", "data": None},
                {"name": "lumi", "type": "lumi", "data": None},
                {"name": f"staterror_{name}", "type": "staterror", "data": [0.1 * (i + 1) for i in range(n)]}]},
            {"name": "bkg", "data": b, "modifiers": [
                {"name": "bkg_norm", "type": "normsys", "data": {"hi": 1.1, "lo": 0.9}},
                {"name": "shape", "type": "histosys", "data": {"hi_data": [x * 1.05 for x in b],
                                                               "lo_data": [x * 0.97 for x in b]}},
                {"name": f"bkg_stat_{name}", "type": "shapesys", "data": [0.1 * x for x in b]}]}]})
    spec = {"channels": ch, "parameters": [{"name": "lumi", "auxdata": [1.0], "sigmas": [0.02], "bounds": [[0.5, 1.5]],
                                            "inits": [1.0]}]}
    return pyhf.Model(spec, poi_name="mu")


def test_grouped_rate_jacobian_is_bit_for_bit_the_one_parameter_at_a_time_one():
    """Stepping the parameters of disjoint bins together (the nuisance pruning's Jacobian) gives exactly the
    columns of one-at-a-time central differences, in fewer model evaluations; the per-bin γ's share one."""
    from recast.stats.fisher import _bins_touched, _colour, rate_jacobian

    for model in (pyhf.Workspace(small_model()).model(), _two_channel_model()):
        pars = np.asarray(model.config.suggested_init(), dtype=float)
        pars[model.config.poi_index] = 0.7
        pars = pars * (1 + 0.01 * np.arange(pars.size))  # off the nominal point, so every column is non-trivial
        bounds = [list(b) for b in model.config.suggested_bounds()]
        cols = list(range(model.config.npars))
        grouped = rate_jacobian(model, pars, cols, bounds)
        dense = rate_jacobian(model, pars, cols, bounds, grouped=False)
        assert np.array_equal(grouped, dense) and np.count_nonzero(dense) > model.config.npars
        groups = _colour(cols, _bins_touched(model), model.config.nmaindata)
        stat = "bkg_stat_sr" if "sr" in model.config.channels else "bkg_stat_a"
        assert len(groups) < len(cols) - 3
        gammas = set(range(*model.config.par_slice(stat).indices(len(cols))))
        assert any(gammas <= set(g) for g in groups)  # the γ's of one shapesys: one evaluation pair


def test_workspace_model_is_pyhfs_model_without_a_second_schema_check(monkeypatch):
    """The model of a checked workspace: pyhf's own (same parameters, rates, constraints), no measurement re-check."""
    from recast.stats.workspace import as_workspace, workspace_model

    ws = as_workspace(small_model())
    ref = ws.model(validate=False)
    calls = []
    monkeypatch.setattr(pyhf.schema, "validate", lambda *a, **k: calls.append(a[1]))
    model = workspace_model(ws)
    assert calls == []
    pars = np.asarray(ref.config.suggested_init()) * 1.1
    assert model.config.par_order == ref.config.par_order and model.config.poi_name == ref.config.poi_name
    assert model.config.suggested_bounds() == ref.config.suggested_bounds()
    np.testing.assert_array_equal(model.expected_data(pars), ref.expected_data(pars))
    np.testing.assert_array_equal(model.logpdf(pars, ws.data(ref)), ref.logpdf(pars, ws.data(ref)))


def test_pseudo_data_are_poisson_and_stable_under_rounding():
    """The expected-limit pseudo-data (recast.stats.bayes._poisson_toys, CDF inversion of uniform variates): Poisson
    in each bin (mean and variance λ within 5σ of their sampling errors), and a 1e-7 relative change of λ (another
    BLAS or fit end point) moves only the few counts whose variate sits on a CDF step, each by one."""
    from recast.stats.bayes import _poisson_toys

    lam = np.array([0.0, 1e-3, 0.7, 4.2, 9.9, 10.1, 37.0, 812.0])
    toys = _poisson_toys(np.random.default_rng(5), lam, 50_000)
    mean, var = toys.mean(axis=0), toys.var(axis=0)
    n = len(toys)
    assert np.all(np.abs(mean - lam) <= 5 * np.sqrt(lam / n) + 1e-12)
    assert np.all(np.abs(var - lam) <= 5 * lam * np.sqrt(2 / n) + 5 * np.sqrt(lam / n) + 1e-12)
    wide = np.geomspace(1e-2, 3e3, 100)
    a = _poisson_toys(np.random.default_rng(1), wide, 4000)
    b = _poisson_toys(np.random.default_rng(1), wide * (1 + 1e-7), 4000)
    changed = a != b
    assert changed.sum() <= 20 and np.all(np.abs(a - b)[changed] == 1)
