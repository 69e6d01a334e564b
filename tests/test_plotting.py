"""Plots: files are written and non-trivial, and the drawn regions match the input numbers."""

from __future__ import annotations

import json
import math

import matplotlib.image as mpimg
import matplotlib.pyplot as plt
import numpy as np
import pytest

from recast.cli import cli
from recast.exceptions import InvalidCard, InvalidParameter
from recast.lowenergy import bounds
from recast.lowenergy.wilson import c9_normalisation
from recast.plotting import (
    lq_plane_figure,
    mass_limit_figure,
    plot_lq_plane,
    plot_mass_limit,
    plot_zprime_plane,
    zprime_plane_figure,
)


def _result(*, observed: bool = True, model="S3", params=None) -> dict:
    pts = []
    for i, m in enumerate(range(1000, 2100, 100)):
        xs = 6.83e-3 * math.exp(-(m - 1000) / 160.0)  # pb, falls like the LQ pair cross-section
        mu = 3e-4 / xs
        pts.append(
            {
                "mass_GeV": float(m),
                "xsec_pb": xs,
                "xsec_rel_unc": 0.1 + 0.01 * i,
                "signal_events": xs * 1e3 * 139 * 0.5,
                "mu_ul_obs": mu * 1.1 if observed else None,
                "mu_ul_exp": [mu * 0.5, mu * 0.7, mu, mu * 1.4, mu * 1.9],
            }
        )
    for p in pts:
        p["analysis"] = "lq_mumujj"
    lim = {"observed": 1580.0 if observed else None, "expected": 1620.0, "expected_band": [1550.0, 1700.0]}
    return {  # a complete limits.json (recast/schemas/1.0.0/limits.schema.json)
        "model": model,
        "params": params or {},
        "states": "all decaying to muons",
        "lumi_fb": 139.0,
        "projection": False,
        "analyses": ["lq_mumujj"],
        "headline_analysis": "lq_mumujj",
        "analysis_per_mass": {f"{p['mass_GeV']:g}": "lq_mumujj" for p in pts},
        "selection": "best expected limit per mass",
        "limit_method": "asymptotic",
        "branching_ratios": {"S3m43": {"5 13": 1.0}},
        "mass_range_GeV": [1000.0, 2000.0],
        "units": {"mass": "GeV", "xsec": "pb", "lumi": "fb^-1"},
        "approximations": ["test input"],
        "notes": [],
        "points": pts,
        "mass_limit_GeV": lim,
        "per_analysis": {
            "lq_mumujj": {
                "lumi_fb": 139.0,
                "limit_method": "asymptotic",
                "approximations": ["test input"],
                "has_observed": observed,
                "points": [dict(p) for p in pts],
                "mass_limit_GeV": lim,
            }
        },
    }


def _by_gid(fig, gid):
    found = [a for a in fig.axes[0].get_children() if a.get_gid() == gid]
    assert found, f"no artist with gid {gid}"
    return found[0]


def _poly_vertices(coll) -> np.ndarray:
    return np.concatenate([p.vertices for p in coll.get_paths()])


def _check_png(path, min_bytes=20_000):
    assert path.exists() and path.stat().st_size > min_bytes
    img = mpimg.imread(path)
    assert img.shape[0] >= 900 and img.shape[1] >= 1100
    assert img[..., :3].std() > 0.05  # not blank


# ---------------------------------------------------------------- mass limit
def test_plot_mass_limit_files(tmp_path):
    paths = plot_mass_limit(_result(), tmp_path)
    assert [p.name for p in paths] == ["exclusion.pdf", "exclusion.png"]
    _check_png(paths[1])
    assert paths[0].read_bytes()[:5] == b"%PDF-" and paths[0].stat().st_size > 10_000
    assert sorted(p.name for p in tmp_path.iterdir()) == ["exclusion.pdf", "exclusion.png"]  # no temp files


def test_mass_limit_artists_match_input():
    res = _result()
    fig = mass_limit_figure(res)
    try:
        m = np.array([p["mass_GeV"] for p in res["points"]])
        xs = np.array([p["xsec_pb"] for p in res["points"]])
        exp = np.array([p["mu_ul_exp"] for p in res["points"]]) * xs[:, None]
        med = _by_gid(fig, "expected_median")
        assert np.allclose(med.get_xdata(), m) and np.allclose(med.get_ydata(), exp[:, 2])
        obs = _by_gid(fig, "observed")
        assert np.allclose(obs.get_ydata(), xs * np.array([p["mu_ul_obs"] for p in res["points"]]))
        v1 = _poly_vertices(_by_gid(fig, "expected_1sigma"))
        v2 = _poly_vertices(_by_gid(fig, "expected_2sigma"))
        for i, mass in enumerate(m):
            at = v1[np.isclose(v1[:, 0], mass)][:, 1]
            assert np.isclose(at.min(), exp[i, 1]) and np.isclose(at.max(), exp[i, 3])
            at2 = v2[np.isclose(v2[:, 0], mass)][:, 1]
            assert np.isclose(at2.min(), exp[i, 0]) and np.isclose(at2.max(), exp[i, 4])
        theory = _by_gid(fig, "theory")
        assert np.allclose(theory.get_ydata(), xs)
        tb = _poly_vertices(_by_gid(fig, "theory_band"))
        assert np.isclose(tb[np.isclose(tb[:, 0], 1500.0)][:, 1].max(), xs[5] * 1.15)
        line = _by_gid(fig, "mass_limit")
        assert np.allclose(line.get_xdata(), 1580.0) and "1580 GeV (obs.)" in line.get_label()
        assert fig.axes[0].get_yscale() == "log"
        texts = " ".join(t.get_text() for t in fig.findobj(lambda a: hasattr(a, "get_text")))
        assert "13 TeV" in texts and "139 fb" in texts
        # a mass-limit plot carries no flavour input (no Δa_μ line) and is not a projection at 139/fb
        assert "Flavour inputs" not in texts and "Δa" not in texts and "projection" not in texts
        # LQ: the curve is the pair σ summed over states (B sits in the efficiency), so the axis says σ
        ylabel = fig.axes[0].get_ylabel()
        assert "sigma(pp" in ylabel and "times B" not in ylabel and "S3 pair σ" in theory.get_label()
    finally:
        plt.close(fig)


def test_mass_limit_footnotes_show_every_approximation_whole_words():
    res = _result()
    res["approximations"] = [f"approximation number {i}: " + "cross-section " * 30 for i in range(5)]
    fig = mass_limit_figure(res)
    try:
        (foot,) = fig.findobj(lambda a: getattr(a, "get_gid", lambda: None)() == "footnotes")
        text = foot.get_text()
        assert all(f"approximation number {i}:" in text for i in range(5))  # all five, not three
        assert foot.get_fontsize() >= 9
        for line in text.splitlines():  # wrapped at spaces only: every line ends on a whole word
            assert line.rstrip().endswith(("cross-section", ":")), line
    finally:
        plt.close(fig)


def test_mass_limit_projection_and_zprime_axis():
    res = _result(model="B-3Lmu") | {"lumi_fb": 3000.0, "projection": True}
    fig = mass_limit_figure(res)
    try:
        texts = " ".join(t.get_text() for t in fig.findobj(lambda a: hasattr(a, "get_text")))
        assert "3000 fb" in texts and "Asimov projection" in texts
        assert "times B(Z'" in fig.axes[0].get_ylabel()  # Z': σ(pp -> Z') x B(mumu)
    finally:
        plt.close(fig)


def test_mass_limit_line_stays_below_the_legend():
    fig = mass_limit_figure(_result())
    try:
        ax = fig.axes[0]
        fig.canvas.draw()
        legend_bottom = ax.transData.inverted().transform(ax.get_legend().get_window_extent().p0)[1]
        assert max(_by_gid(fig, "mass_limit").get_ydata()) < legend_bottom
    finally:
        plt.close(fig)


def test_mass_limit_expected_only():
    fig = mass_limit_figure(_result(observed=False))
    try:
        texts = " ".join(t.get_text() for t in fig.findobj(lambda a: hasattr(a, "get_text")))
        assert "expected limits only" in texts
        assert len(_by_gid(fig, "observed").get_xdata()) == 0
        line = _by_gid(fig, "mass_limit")
        assert np.allclose(line.get_xdata(), 1620.0) and "(exp.)" in line.get_label()
    finally:
        plt.close(fig)


def test_mass_limit_bad_input():
    bad = _result()
    bad["points"][2]["mu_ul_exp"] = [1, 2, 3]
    with pytest.raises(InvalidCard, match=r"\$\['points'\]\[2\]\['mu_ul_exp'\]"):
        mass_limit_figure(bad)


# ---------------------------------------------------------------- LQ plane
def test_lq_plane_regions_match_inputs(tmp_path):
    lims = [{"mass_GeV": 1700.0, "br_mu": 1.0}, {"mass_GeV": 1285.0, "br_mu": 0.5}]
    fig = lq_plane_figure(lhc_limits=lims, fit="2021")
    try:
        lhc = _poly_vertices(_by_gid(fig, "lhc_excluded_0"))
        assert lhc[:, 0].max() == pytest.approx(1700.0)
        assert np.allclose(_by_gid(fig, "lhc_excluded_1").get_xdata(), 1285.0)
        # flavour band: |y y*| = |C_LL| M^2 / |K| with C_LL = -0.39 ± 0.07 (1 sigma)
        k = abs(c9_normalisation())
        band = _poly_vertices(_by_gid(fig, "flavour_1sigma"))
        x0 = band[np.argmin(abs(band[:, 0] - 10_000.0)), 0]
        at = band[np.isclose(band[:, 0], x0)][:, 1]
        assert at.max() == pytest.approx(0.46 * x0**2 / k, rel=1e-9)
        assert at.min() == pytest.approx(0.32 * x0**2 / k, rel=1e-9)
        bs = _by_gid(fig, "bs_mixing")
        assert np.allclose(bs.get_ydata(), bounds.s3_bs_mixing_max_product(bs.get_xdata(), "2021"))
        assert _by_gid(fig, "perturbativity").get_ydata()[0] == pytest.approx(4 * math.pi)
        assert fig.axes[0].get_xscale() == "log" and fig.axes[0].get_yscale() == "log"
    finally:
        plt.close(fig)
    paths = plot_lq_plane(tmp_path, lhc_limits=lims)
    _check_png(paths[1])


def test_lq_plane_only_s3():
    with pytest.raises(InvalidParameter, match="S3"):
        lq_plane_figure(model="R2")


# ---------------------------------------------------------------- Z' plane
def test_zprime_plane_regions_match_inputs(tmp_path):
    dm = [(500.0, 0.01), (1000.0, 0.02), (3000.0, 0.2)]
    fig = zprime_plane_figure(model="B-3Lmu", dimuon_limits=dm, theta_bs=1e-3, fit="2021")
    try:
        pts = _by_gid(fig, "dimuon_points")  # the computed points, and a log-log interpolation through them
        assert np.allclose(np.c_[pts.get_xdata(), pts.get_ydata()], dm)
        line = _by_gid(fig, "dimuon_excluded")
        x, y = np.asarray(line.get_xdata()), np.asarray(line.get_ydata())
        assert x[0] == pytest.approx(500.0) and x[-1] == pytest.approx(3000.0)
        for mass, g in dm:
            j = np.argmin(abs(np.log(x / mass)))
            assert y[j] == pytest.approx(g, rel=0.02)
        ax = fig.axes[0]  # header and legend sit beside the axes: they cover no band
        fig.canvas.draw()
        ax_box = ax.get_window_extent()
        assert ax.get_legend().get_window_extent().x0 > ax_box.x1
        tri = _by_gid(fig, "trident")
        i = np.argmin(abs(tri.get_xdata() - 1000.0))
        # B-3L_mu: g_mu = g_nu = 3 g_X, so M/(3 g_X) > ~0.54 TeV
        assert tri.get_xdata()[i] / (3 * tri.get_ydata()[i]) == pytest.approx(540.0, rel=0.02)
        for gid in ("bsmumu_1sigma", "bsmumu_2sigma", "g2_1sigma", "g2_2sigma", "bs_mixing"):
            _by_gid(fig, gid)
    finally:
        plt.close(fig)
    fig = zprime_plane_figure(model="Lmu-Ltau", fit="2025")
    try:
        _by_gid(fig, "g2_excluded")  # 38(63)e-11 contains the SM: an upper bound, not a band
        assert not [a for a in fig.axes[0].get_children() if a.get_gid() == "g2_1sigma"]
    finally:
        plt.close(fig)
    paths = plot_zprime_plane(tmp_path, model="Lmu-Ltau", dimuon_limits=dm)
    _check_png(paths[1])


def test_zprime_plane_marks_wide_resonances():
    """Where g_X,max makes Γ/M > 10 %, the dimuon limit is dashed and the footnote says so."""
    from recast.models import get_model
    from recast.plotting.planes import NARROW_WIDTH_MAX

    dm = [(1000.0, 0.05), (3000.0, 0.5), (6000.0, 2.0)]
    fig = zprime_plane_figure(model="B-3Lmu", dimuon_limits=dm)
    try:
        solid = np.asarray(_by_gid(fig, "dimuon_excluded").get_ydata(), dtype=float)
        dashed = _by_gid(fig, "dimuon_wide")
        x = np.asarray(dashed.get_xdata(), dtype=float)
        last = ~np.isnan(np.asarray(dashed.get_ydata(), dtype=float))
        model = get_model("B-3Lmu")
        st = model.with_params(MZp=6000.0, gX=2.0).states()[0]
        assert st.width / 6000.0 > NARROW_WIDTH_MAX and last[-1] and np.isnan(solid[-1])  # 6 TeV at g_X = 2: wide
        st = model.with_params(MZp=1000.0, gX=0.05).states()[0]
        assert st.width / 1000.0 < NARROW_WIDTH_MAX and not np.isnan(solid[0]) and x[0] == pytest.approx(1000.0)
        (foot,) = fig.findobj(lambda a: getattr(a, "get_gid", lambda: None)() == "footnotes")
        assert "narrow-width" in foot.get_text()
    finally:
        plt.close(fig)


def test_lq_plane_range_and_legend_inside():
    fig = lq_plane_figure(lhc_limits=[1700.0])
    try:
        ax = fig.axes[0]
        assert ax.get_ylim()[1] < 10 * 4 * math.pi  # not decades past perturbativity
        fig.canvas.draw()
        leg, box = ax.get_legend().get_window_extent(), ax.get_window_extent()
        assert box.x0 <= leg.x0 and leg.x1 <= box.x1 and box.y0 <= leg.y0 and leg.y1 <= box.y1
    finally:
        plt.close(fig)


def test_zprime_plane_without_dimuon_input_says_why():
    """No dimuon input: a Z′ without light-quark charges has no Drell–Yan bound to draw (L_μ−L_τ); one with
    them (B−3L_μ) is only missing its input."""

    def label(model: str) -> str:
        fig = zprime_plane_figure(model=model)
        try:
            return str(_by_gid(fig, "dimuon_excluded").get_label())
        finally:
            plt.close(fig)

    assert "no Drell-Yan" in label("Lmu-Ltau")
    assert label("B-3Lmu").endswith("no input given")


def test_zprime_plane_needs_zprime():
    with pytest.raises(InvalidParameter, match="Z' model"):
        zprime_plane_figure(model="S3")


# ---------------------------------------------------------------- CLI
def test_cli_plot_lq(runner, tmp_path):
    src = tmp_path / "res.json"
    src.write_text(json.dumps(_result()))
    out = tmp_path / "figs"
    res = runner.invoke(cli, ["plot", str(src), "--out", str(out)])
    assert res.exit_code == 0, res.output
    assert sorted(p.name for p in out.iterdir()) == ["exclusion.pdf", "exclusion.png", "lq_plane.pdf", "lq_plane.png"]
    again = runner.invoke(cli, ["plot", str(src), "--out", str(out)])
    assert again.exit_code == 2 and "--force" in again.output
    assert runner.invoke(cli, ["plot", str(src), "--out", str(out), "--force"]).exit_code == 0


def test_cli_plot_zprime_gx_limits(runner, tmp_path):
    from recast.cli.plot import dimuon_gx_limits

    res_doc = _result(model="Lmu-Ltau", params={"gX": 0.1})
    lims = dimuon_gx_limits(res_doc, 0.1)
    p0 = res_doc["points"][0]
    assert lims[0] == (1000.0, pytest.approx(0.1 * math.sqrt(p0["mu_ul_obs"])))
    src = tmp_path / "zp.json"
    src.write_text(json.dumps(res_doc))
    res = runner.invoke(cli, ["plot", str(src), "--out", str(tmp_path / "o")])
    assert res.exit_code == 0, res.output
    assert (tmp_path / "o" / "zprime_plane.png").exists()
    no_gx = tmp_path / "nogx.json"
    no_gx.write_text(json.dumps(_result(model="Lmu-Ltau")))
    res = runner.invoke(cli, ["plot", str(no_gx), "--out", str(tmp_path / "p")])
    assert res.exit_code == 0 and "skipped Z' plane" in res.output


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "not valid JSON"),
        ('{"model": "S3"}', "$: 'params' is a required property"),
        ("[1, 2]", "JSON object"),
    ],
)
def test_cli_plot_bad_input(runner, tmp_path, content, message):
    src = tmp_path / "bad.json"
    src.write_text(content)
    res = runner.invoke(cli, ["plot", str(src), "--out", str(tmp_path / "o")])
    assert res.exit_code == 2 and message in res.output
    assert not (tmp_path / "o").exists()


def test_cli_plot_missing_file(runner, tmp_path):
    res = runner.invoke(cli, ["plot", str(tmp_path / "nope.json")])
    assert res.exit_code == 2 and "not found" in res.output


def test_single_point_result(tmp_path):
    res = _result()
    res["points"] = res["points"][:1]
    paths = plot_mass_limit(res, tmp_path)
    assert paths[1].stat().st_size > 10_000


def test_public_api():
    import recast.plotting as rp
    import recast.plotting.style as st

    assert rp.__all__ == [
        "lq_plane_figure",
        "mass_limit_figure",
        "plot_lq_plane",
        "plot_mass_limit",
        "plot_zprime_plane",
        "zprime_plane_figure",
    ]
    assert dir(rp) == rp.__all__
    assert {"COLORS", "save_figure", "style", "header"} <= set(st.__all__)


@pytest.mark.parametrize("field", ["points", "mass_limit_GeV", "lumi_fb", "projection", "per_analysis", "units"])
def test_cli_plot_rejects_a_result_missing_a_required_field(runner, tmp_path, field):
    """The shipped limits.json schema: one line naming the missing field and the schema, nothing written."""
    doc = _result()
    del doc[field]
    src = tmp_path / "r.json"
    src.write_text(json.dumps(doc))
    res = runner.invoke(cli, ["plot", str(src), "--out", str(tmp_path / "o")])
    assert res.exit_code == 2
    assert len(res.stderr.strip().splitlines()) == 1
    assert f"'{field}' is a required property" in res.stderr and "limits.schema.json" in res.stderr
    assert not (tmp_path / "o").exists()


def test_cli_plot_rejects_a_point_missing_its_expected_limit(runner, tmp_path):
    doc = _result()
    del doc["points"][3]["mu_ul_exp"]
    src = tmp_path / "r.json"
    src.write_text(json.dumps(doc))
    res = runner.invoke(cli, ["plot", str(src), "--out", str(tmp_path / "o")])
    assert res.exit_code == 2 and "$['points'][3]: 'mu_ul_exp' is a required property" in res.stderr


def test_plot_reads_muon_branching_ratio_from_the_states():
    """B(LQ -> mu q) for the LQ-plane label: from branching_ratios (state -> channel -> BR), when common."""
    from recast.cli.plot import _muon_br

    assert _muon_br(_result()) == 1.0
    assert _muon_br(_result() | {"branching_ratios": {"S1": {"4 13": 0.5, "3 -16": 0.5}}}) == 0.5
    # states with different muon BRs: no single number to quote
    assert _muon_br(_result() | {"branching_ratios": {"A": {"5 13": 1.0}, "B": {"6 13": 0.5, "5 14": 0.5}}}) is None


def test_spm_plane_figure_model_iii(tmp_path):
    """`recast plot --figure spm-plane`: Model III's (M_S+, M_S-) plane with the (g-2) band, the LHC pair limits
    and the end of the cross-section table. Physics: the S+ states decay to t mu / t nu and S- to t mu / b mu,
    so a 1.5 TeV S+ is excluded by the published pair limits (1.6-1.81 TeV) and a 5 TeV pair is not; at
    (5, 5) TeV Delta a_mu = 329e-11 lies inside the 2021 fit's 2 sigma (251 +- 59), outside its 1 sigma."""
    from click.testing import CliRunner

    from recast.cli import cli
    from recast.lowenergy.g2 import g2_radiative_spm
    from recast.models import get_model
    from recast.plotting.spm_plane import spm_plane_figure
    from recast.viability.verdict import lhc_lq_check

    res = CliRunner().invoke(cli, ["plot", "--figure", "spm-plane", "--out", str(tmp_path)])
    assert res.exit_code == 0, res.output
    assert (tmp_path / "spm_plane.png").stat().st_size > 10_000 and (tmp_path / "spm_plane.pdf").is_file()
    again = CliRunner().invoke(cli, ["plot", "--figure", "spm-plane", "--out", str(tmp_path)])
    assert again.exit_code == 2 and "exists" in again.output
    spm = get_model("Spm")
    assert lhc_lq_check(spm.with_params(MSp=1500.0, MSm=5000.0))[0] >= 1
    assert lhc_lq_check(spm.with_params(MSp=5000.0, MSm=5000.0))[0] < 1
    pull = (g2_radiative_spm(5000.0, 5000.0) - 251e-11) / 59e-11
    assert 1 < pull < 2
    fig = spm_plane_figure(n=11, lhc_excluded=lambda a, b: a < 1700.0)
    gids = {a.get_gid() for ax in fig.axes for a in ax.get_children() + ax.get_lines()}
    assert {"g2_1sigma", "g2_2sigma", "lhc_excluded", "xsec_table_end", "mmu_contours", "mmu_nonperturbative"} <= gids
    # the m_mu condition's contours: |eta_L eta_R sin 2theta| = 0.03 passes (1, 3.06) TeV, and its non-perturbative
    # band (> 4 pi) hugs the diagonal: at 6 TeV it spans 15.5 GeV either side
    from recast.plotting.spm_plane import _partners

    assert _partners(np.array([1000.0]), 0.03, above=True)[0] == pytest.approx(3063.0, abs=5.0)
    band = _partners(np.array([6000.0]), 4 * np.pi, above=True)[0] - _partners(np.array([6000.0]), 4 * np.pi,
                                                                                 above=False)[0]
    assert 30.0 < band < 32.0


def test_single_mediator_figure_from_10_mev_to_10_tev(tmp_path):
    """`recast plot --figure single-mediator`: the (g_X, M_Z') plane of arXiv:2107.07518 for L_mu-L_tau and a chiral
    atlas U(1)_X. Physics it must show: trident (full Z' propagator) is stronger at 0.1 GeV than at 1 GeV
    and scales as M in the contact limit; b->smumu and B_s mixing are not drawn below m_b; for L_mu-L_tau the
    (g-2) 2 sigma band is excluded by trident at every mass above 1 GeV and allowed at 0.1 GeV (the
    single-mediator 'no' above the GeV scale); the chiral Z' lowers a_mu at 10 MeV (axial part,
    L_A ~ -m_mu^2/M^2): no band there."""
    import math

    import numpy as np
    from click.testing import CliRunner

    from recast.cli import cli
    from recast.cli.plot import CHIRAL_EXAMPLE
    from recast.lowenergy import bounds
    from recast.models import get_model

    res = CliRunner().invoke(cli, ["plot", "--figure", "single-mediator", "--out", str(tmp_path)])
    assert res.exit_code == 0, res.output
    assert {p.name for p in tmp_path.iterdir()} == {
        f"single_mediator_{t}.{e}" for t in ("Lmu-Ltau", "chiral") for e in ("pdf", "png")}
    lmt = get_model("Lmu-Ltau")
    m = np.array([0.1, 1.0, 10.0, 100.0, 1000.0])
    tri = bounds.zprime_trident_max_gx(lmt, m)
    assert tri[0] < tri[1] < tri[2] and tri[4] == pytest.approx(10 * tri[3], rel=0.01)
    lo2, _ = bounds.zprime_g2_band(lmt, m, nsigma=2)
    assert lo2[0] < tri[0] and all(lo2[2:] > tri[2:])
    bsmm_lo, _ = bounds.zprime_bsmumu_band(lmt, m, 1e-3)
    assert math.isnan(bsmm_lo[1]) and np.isfinite(bsmm_lo[3])
    assert math.isnan(bounds.zprime_bs_mixing_max_gx(m, 1e-3)[0])
    chiral = get_model("Zp", charges=CHIRAL_EXAMPLE)
    c_lo, _ = bounds.zprime_g2_band(chiral, np.array([0.01, 1.0]), nsigma=1)
    assert math.isnan(c_lo[0]) and np.isfinite(c_lo[1])
