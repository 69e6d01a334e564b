"""smelli as an optional flavour likelihood: tree-level SMEFT matching against the closed forms (fast),
the cache and the CLI with smelli's evaluation stubbed (fast), and smelli itself (slow: ~2 min a point
on first use)."""

from __future__ import annotations

import json
import math

import pytest

import recast
import recast.lowenergy.smelli as sm
from recast.cli import cli
from recast.exceptions import InvalidParameter
from recast.lowenergy.smelli import smeft_matching
from recast.lowenergy.wilson import smeft_coefficients


# ---------------------------------------------------------------- tree-level matching (closed forms)
def test_s3_matching_is_the_tree_level_formula():
    """S3: [C_lq^(1)]_{abij} = 3 y_ia y_jb/(4M^2), [C_lq^(3)] = y_ia y_jb/(4M^2) (arXiv:1603.04993, 2003.12525)."""
    m, yb, ys = 1200.0, 0.8, 0.02
    c, scale, _ = smeft_matching(recast.model("S3", mass=m, y_bmu=yb, y_smu=ys))
    assert scale == m
    for (i, j), y2 in {("2", "2"): ys * ys, ("2", "3"): ys * yb, ("3", "3"): yb * yb}.items():
        assert c[f"lq1_22{i}{j}"] == pytest.approx(3 * y2 / (4 * m**2), rel=1e-12)
        assert c[f"lq3_22{i}{j}"] == pytest.approx(y2 / (4 * m**2), rel=1e-12)
    assert len(c) == 6  # nothing else at tree level (no e, tau or d couplings)
    # the b-s entries are those the built-in fit uses (recast.lowenergy.wilson), and the full set agrees too
    assert c == pytest.approx(smeft_coefficients(recast.model("S3", mass=m, y_bmu=yb, y_smu=ys), flavour_diagonal=True))


def test_s1_matching_has_no_tree_level_b_to_s_mumu():
    """S1: C_lq^(1) = -C_lq^(3) = yL yL/(4M^2) (so the charged-lepton part C^(1) + C^(3) vanishes),
    C_eu = yR yR/(2M^2), C_lequ^(1) = -4 C_lequ^(3) = yR yL/(2M^2)."""
    m, yl, yr = 1500.0, 1.0, 0.5
    c, _, _ = smeft_matching(recast.model("S1", mass=m, yL_bmu=yl, yR_cmu=yr))
    assert c["lq1_2233"] == pytest.approx(yl**2 / (4 * m**2)) and c["lq1_2233"] + c["lq3_2233"] == 0
    assert c["eu_2222"] == pytest.approx(yr**2 / (2 * m**2))
    assert c["lequ1_2232"] == pytest.approx(yr * yl / (2 * m**2))
    assert c["lequ1_2232"] == pytest.approx(-4 * c["lequ3_2232"])
    assert set(c) == {"lq1_2233", "lq3_2233", "eu_2222", "lequ1_2232", "lequ3_2232"}


def test_r2_matching_equals_the_built_in_one():
    m = 1500.0
    r2 = recast.model("R2", mass=m, yLR_bmu=1.0, yLR_smu=0.1)
    c, _, _ = smeft_matching(r2)
    assert c["qe_3322"] == pytest.approx(-1.0 / (2 * m**2)) and c["qe_2322"] == pytest.approx(-0.1 / (2 * m**2))
    assert c == pytest.approx(smeft_coefficients(r2, flavour_diagonal=True))


def test_r2_scalar_tensor_matching_c_s_is_four_c_t():
    """R2 with yRL and yLR: [C_lequ^(1)]_{abij} = 4 [C_lequ^(3)]_{abij} = -yRL_{ja} yLR_{ib}/(2M^2) (l_a e_b q_i u_j);
    S1 has the opposite relative sign (-4), test_s1_matching_has_no_tree_level_b_to_s_mumu."""
    from recast.lowenergy.wilson import r2_lequ_coefficients

    m, yt, yc, yb = 1500.0, 0.8, 0.3, 0.5
    r2 = recast.model("R2", mass=m, yRL_tmu=yt, yRL_cmu=yc, yLR_bmu=yb)
    c, _, notes = smeft_matching(r2)
    assert c["lequ1_2233"] == pytest.approx(-yt * yb / (2 * m**2), rel=1e-12)
    assert c["lequ1_2232"] == pytest.approx(-yc * yb / (2 * m**2), rel=1e-12)
    for k in ("2233", "2232"):
        assert c[f"lequ1_{k}"] == pytest.approx(4 * c[f"lequ3_{k}"], rel=1e-12)
    assert {k: v for k, v in c.items() if k.startswith("lequ")} == pytest.approx(r2_lequ_coefficients(r2))
    assert not any("not matched" in n for n in notes)
    # one coupling alone: no scalar/tensor operator; S+/S-: none (different fields, mixing neglected)
    assert not any(k.startswith("lequ") for k in smeft_matching(recast.model("R2", mass=m, yLR_bmu=yb))[0])
    assert not any(k.startswith("lequ") for k in smeft_matching(recast.model("Spm"))[0])


def _dirac() -> tuple[list, object, object]:
    import numpy as np

    s = [np.array([[0, 1], [1, 0]]), np.array([[0, -1j], [1j, 0]]), np.array([[1, 0], [0, -1]])]
    z, one = np.zeros((2, 2)), np.eye(2)
    gam = [np.block([[z, one], [one, z]])] + [np.block([[z, si], [-si, z]]) for si in s]  # Weyl basis
    g5 = 1j * gam[0] @ gam[1] @ gam[2] @ gam[3]
    return gam, (np.eye(4) - g5) / 2, np.diag([1, -1, -1, -1])


def test_chiral_fierz_identity_used_in_the_r2_matching():
    """(P_L)_ab (P_L)_cd = 1/2 (P_L)_ad (P_L)_cb + 1/8 (sigma P_L)_ad (sigma P_L)_cb for c-numbers, so for
    anticommuting fields (psi1 P_L psi2)(psi3 P_L psi4) = -1/2 (psi1 P_L psi4)(psi3 P_L psi2) - 1/8 (tensor):
    the -1/2 and -1/8 behind C_lequ^(1) = 4 C_lequ^(3) (recast.lowenergy.wilson.r2_lequ_coefficients)."""
    import numpy as np

    gam, pl, eta = _dirac()
    sig = {(m, n): 0.5j * (gam[m] @ gam[n] - gam[n] @ gam[m]) for m in range(4) for n in range(4)}
    lhs = np.einsum("ab,cd->abcd", pl, pl)
    scal = np.einsum("ad,cb->abcd", pl, pl)
    tens = sum(eta[m, m] * eta[n, n] * np.einsum("ad,cb->abcd", sig[m, n] @ pl, sig[m, n] @ pl)
               for m in range(4) for n in range(4))
    assert np.allclose(lhs, 0.5 * scal + 0.125 * tens)
    assert not np.allclose(lhs, 0.5 * scal - 0.125 * tens)  # the tensor sign matters


def test_zprime_matching_is_minus_j_j_over_2m2():
    """L_eff = -J.J/(2M^2): C = -g_a g_b/M^2 between different fields; within one field the WCxf
    non-redundant entry collects both orderings (C_ll_2233 = -g_2 g_3/M^2) but not the diagonal one
    (C_ll_2222 = -g_2^2/(2M^2))."""
    m, g = 2000.0, 0.1
    c, scale, notes = smeft_matching(recast.model("Lmu-Ltau", mass=m, gX=g))
    assert scale == m and notes == []
    assert c["ll_2222"] == pytest.approx(-(g**2) / (2 * m**2)) and c["ll_2233"] == pytest.approx(g * g / m**2)
    assert c["ee_2233"] == pytest.approx(g * g / m**2) and c["le_2233"] == pytest.approx(g * g / m**2)
    assert c["le_2222"] == pytest.approx(-(g**2) / m**2)  # l and e are different fields
    assert not any(k.startswith(("lq", "qq", "qe")) for k in c)  # L_mu - L_tau: quarks neutral
    # B - 3 L_mu with a b-s coupling: the b->smumu entries agree with the built-in matching; B_s mixing appears
    zp = recast.model("B-3Lmu", mass=m, gX=g)
    c, _, _ = smeft_matching(zp, g_bs=1e-3)
    ref = smeft_coefficients(zp, g_bs=1e-3)
    assert {k: c[k] for k in ref} == pytest.approx(ref)
    assert c["lq1_2223"] == pytest.approx(-1e-3 * (-3 * g) / m**2)
    assert c["qq1_2323"] == pytest.approx(-(1e-3**2) / (2 * m**2))  # (s b)(s b): the B_s-mixing operator


def test_matching_refusals():
    with pytest.raises(InvalidParameter, match="no SMEFT matching"):
        smeft_matching(recast.model("Zp_SSM", mass=3000))  # u_L and d_L couple differently
    with pytest.raises(InvalidParameter, match="Z' flavour parameters"):
        smeft_matching(recast.model("S3"), g_bs=0.1)
    with pytest.raises(InvalidParameter, match="above M_Z"):
        sm.smelli_likelihood(recast.model("Lmu-Ltau", mass=50, gX=0.01))


# ---------------------------------------------------------------- cache and CLI (smelli's evaluation stubbed)
def _fake_compute(calls):
    def compute(coefficients, scale):
        calls.append((dict(coefficients), scale))
        return {"delta_log_likelihood": {"global": 2.5, "likelihood_lfu_fcnc.yaml": -1.0,
                                         "fast_likelihood_quarks.yaml": 3.5},
                "pulls": [{"name": "<Rmue>(B+->Kll) [1.1, 6]", "experiment": 0.949, "exp_unc": 0.047, "theory": 0.8,
                           "th_unc": 0.001, "pull_exp": 3.1, "pull_sm": 3.0}],
                "n_observables": 568}
    return compute


@pytest.fixture
def fake_versions(monkeypatch):
    """smelli's version as if installed (the stubbed tests run without it)."""
    monkeypatch.setattr(sm, "smelli_versions", lambda: {"smelli": "2.4.3", "flavio": "2.7.1", "wilson": "2.5.2"})


def test_cache_and_result(monkeypatch, fake_versions):
    calls = []
    monkeypatch.setattr(sm, "_compute", _fake_compute(calls))
    s3 = recast.model("S3")
    first = sm.smelli_likelihood(s3)
    again = sm.smelli_likelihood(s3)
    assert len(calls) == 1 and not first.cached and again.cached
    assert calls[0] == (smeft_matching(s3)[0], 1500.0)
    assert again.delta_chi2 == -5.0  # -2 delta ln L
    assert again.delta_chi2_by_likelihood() == {"lfu_fcnc": 2.0, "quarks": -7.0}
    sm.smelli_likelihood(s3, use_cache=False)
    assert len(calls) == 2


def test_cli_likelihood_smelli_says_so(runner, monkeypatch, fake_versions):
    monkeypatch.setattr(sm, "_compute", _fake_compute([]))
    res = runner.invoke(cli, ["flavour", "--model", "S3", "--likelihood", "smelli"])
    assert res.exit_code == 0, res.output
    assert "likelihood: smelli" in res.output and "delta chi2 (point - SM) = -5.000" in res.output
    assert "<Rmue>(B+->Kll) [1.1, 6]" in res.output and "C9 = -0.363" in res.output
    doc = json.loads(runner.invoke(cli, ["flavour", "--model", "S3", "--likelihood", "smelli", "--json", "-"]).output)
    assert doc["likelihood"] == "smelli" and doc["smelli"]["delta_chi2"] == -5.0
    assert doc["smelli"]["coefficients"]["lq1_2223"] == pytest.approx(smeft_matching(recast.model("S3"))[0]["lq1_2223"])
    fl = recast.flavour("S3", likelihood="smelli")
    assert fl.delta_chi2 == -5.0 and "smelli" in repr(fl) and "most affected" in fl._repr_html_()


def test_cli_refusals_are_one_line(runner, monkeypatch):
    for args, message in ((["--model", "Zp_SSM", "--mass", "3000"], "no SMEFT matching"),
                          (["--model", "Lmu-Ltau", "--mass", "50"], "above M_Z")):
        res = runner.invoke(cli, ["flavour", *args, "--likelihood", "smelli"])
        assert res.exit_code == 2 and message in res.output and "Traceback" not in res.output

    class TooLarge:  # smelli's own failure for huge couplings
        def parameter_point(self, wc, scale):
            raise ValueError("The extraction of CKM elements failed. Too large NP effects?")

    monkeypatch.setattr(sm, "smelli_versions", lambda: {"smelli": "2.4.3", "flavio": "2.7.1", "wilson": "2.5.2"})
    monkeypatch.setattr(sm, "global_likelihood", TooLarge)
    res = runner.invoke(cli, ["flavour", "--model", "S3", "--coupling", "y_bmu=4,y_smu=4", "--likelihood", "smelli"])
    assert res.exit_code == 2 and "smelli cannot evaluate" in res.output


def test_missing_smelli_is_one_line(runner, monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_smelli(name, *args, **kw):
        if name == "smelli":
            raise ImportError("No module named 'smelli'")
        return real_import(name, *args, **kw)

    monkeypatch.setattr(builtins, "__import__", no_smelli)
    monkeypatch.setattr(sm, "smelli_versions", lambda: {"smelli": "missing", "flavio": "x", "wilson": "x"})
    res = runner.invoke(cli, ["flavour", "--model", "S3", "--likelihood", "smelli"])
    assert res.exit_code == 2 and "pip install 'recast[smelli]'" in res.output and "Traceback" not in res.output


# ---------------------------------------------------------------- smelli itself (slow)
@pytest.mark.slow
def test_smelli_sm_point_and_s3_benchmark():
    """The SM point has delta chi2 = 0; the S3 b->smumu benchmark (arXiv:2103.13991) improves the global fit:
    the b->smumu branching ratios and angular data prefer it, the LFU ratios R_K(*) ~ 1 (LHCb 2022) do not."""
    pytest.importorskip("smelli")
    sm_point = sm.smelli_likelihood(recast.model("S3", y_bmu=0.0, y_smu=0.0))
    assert sm_point.coefficients == {} and sm_point.delta_chi2 == pytest.approx(0.0, abs=1e-9)
    s3 = sm.smelli_likelihood(recast.model("S3"))
    assert s3.delta_chi2 < 0 and math.isfinite(s3.delta_chi2)
    parts = s3.delta_chi2_by_likelihood()
    assert parts["quarks"] < -10 and parts["lfu_fcnc"] > 10
    assert s3.n_observables > 300 and any(p.name.startswith("<Rmue>(B+->Kll)") for p in s3.pulls)
