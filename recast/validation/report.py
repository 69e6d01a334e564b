"""The validation report: ``<dir>/validation.md`` and overlay plots ``<dir>/img/validation_<suite>_<group>.png``.

One section per suite: reference, method and approximations echoed from the analysis (or
``validation.yaml``), a table of the checks with their sources, and one figure per check
group — ours vs published against ``x`` (log y where the values span a decade or more) with
a ratio panel showing each check's tolerance band. KNOWN rows are marked red.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from recast.exceptions import OutputExists
from recast.validation.run import SuiteResult, ValidationRun
from recast.validation.status import CheckResult, Status

__all__ = [
    "REPORT_NAME",
    "STATUS_MARK",
    "check_report_dir",
    "format_value",
    "image_name",
    "plot_group",
    "render_markdown",
    "write_report",
]

REPORT_NAME = "validation.md"
#: status label in the Markdown report (KNOWN is red: outside tolerance, recorded)
STATUS_MARK = {Status.PASS: "✅ PASS", Status.KNOWN: "🔴 KNOWN", Status.FAIL: "❌ FAIL", Status.SANITY: "⚪ SANITY"}
# Okabe–Ito (grey for sanity checks)
_COLOR = {Status.PASS: "#009E73", Status.KNOWN: "#D55E00", Status.FAIL: "#CC79A7", Status.SANITY: "#999999"}
#: heading of a suite's approximations, by suite kind (an analysis plugin's are echoed from it)
_APPROXIMATIONS_HEAD = {"analysis": "Approximations (echoed from the analysis):", "model": "Approximations:"}


def __dir__() -> list[str]:
    return __all__


def format_value(v: float | None) -> str:
    """Four significant digits (``"—"`` for a missing value).

    Example:
        >>> format_value(0.0737788), format_value(1769.0), format_value(None)
        ('0.07378', '1769', '—')
    """
    if v is None or not math.isfinite(v):
        return "—"
    return f"{v:.4g}"


def _pct(v: float | None) -> str:
    return "—" if v is None else f"{100 * v:+.1f} %"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _groups(sr: SuiteResult) -> dict[str, list[CheckResult]]:
    out: dict[str, list[CheckResult]] = {}
    for r in sr.results:
        out.setdefault(r.check.group, []).append(r)
    return out


def image_name(suite: str, group: str) -> str:
    """``validation_<suite>_<group>.png``."""
    return f"validation_{suite}_{group}.png"


def plot_group(suite: str, group: str, results: list[CheckResult], path: Path) -> Path:
    """Overlay ours vs published (top) and ours/published with the tolerance band (bottom).

    Checks with an ``x`` are drawn against it; otherwise one slot per check id.
    """
    import numpy as np

    from recast.atomic import atomic_output
    from recast.plotting.style import style  # selects the Agg backend before pyplot loads

    # isort: split
    import matplotlib.pyplot as plt

    has_x = all(r.check.x is not None for r in results)
    rs = sorted(results, key=lambda r: r.check.x or 0.0) if has_x else list(results)  # has_x: no None
    xs = np.array([r.check.x for r in rs], dtype=float) if has_x else np.arange(len(rs), dtype=float)
    pub = np.array([r.check.published for r in rs])
    ours = np.array([np.nan if r.ours is None else r.ours for r in rs])
    tol = np.array([r.check.tolerance for r in rs])
    with style():
        fig, (ax, rax) = plt.subplots(
            2, 1, sharex=True, figsize=(8.0, 6.5), gridspec_kw={"height_ratios": [3, 1.3], "hspace": 0.05}
        )
        _draw_values(ax, rs, xs, pub, ours, tol, has_x=has_x)
        ax.set_title(f"recast validate: {suite} / {group}", fontsize=13, loc="left")
        _draw_ratio(rax, rs, xs, ours / pub, tol, has_x=has_x)
        _draw_x_axis(rax, rs, xs, has_x=has_x)
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        with atomic_output(path, suffix=".png") as tmp:
            fig.savefig(tmp, format="png", dpi=130, bbox_inches="tight", pad_inches=0.08)
        plt.close(fig)
    return path


def _status_masks(rs: list[CheckResult]) -> list[tuple[Status, Any]]:
    """(status, boolean mask over *rs*) for every status, in :class:`Status` order."""
    import numpy as np

    return [(st, np.array([r.status is st for r in rs])) for st in Status]


def _draw_values(ax: Any, rs: list[CheckResult], xs: Any, pub: Any, ours: Any, tol: Any, *, has_x: bool) -> None:
    """Top panel: published (black) and ours (one colour per status), log y over a decade or more."""
    import numpy as np

    ax.plot(xs, pub, "o-" if has_x else "o", color="black", label="published", zorder=3)
    if has_x:
        ax.plot(xs, ours, "--", color="#0072B2", label="recast", zorder=2)
    for st, sel in _status_masks(rs):
        if sel.any():
            ax.scatter(xs[sel], ours[sel], marker="s", s=45, color=_COLOR[st], zorder=4, label=f"recast, {st}")
    vals = np.concatenate([pub, ours[np.isfinite(ours)]])
    if np.all(vals > 0) and vals.max() / vals.min() >= 10:
        ax.set_yscale("log")
    elif not has_x:  # a few separate numbers: show them on the scale of the tolerance
        band = np.concatenate([pub * (1 - 2 * tol), pub * (1 + 2 * tol), vals])
        lo, hi = float(band.min()), float(band.max())
        ax.set_ylim(lo - 0.1 * (hi - lo), hi + 0.1 * (hi - lo))
    unit = rs[0].check.unit
    ylabel = rs[0].check.quantity.split(",")[0] if len(rs) > 1 else rs[0].check.group.replace("_", " ")
    ax.set_ylabel(f"{ylabel} [{unit}]" if unit not in ("", "1") else ylabel, fontsize=11)
    ax.legend(loc="best", fontsize=10, frameon=False)


def _draw_ratio(rax: Any, rs: list[CheckResult], xs: Any, ratio: Any, tol: Any, *, has_x: bool) -> None:
    """Bottom panel: ours/published with each check's tolerance; points beyond the range as arrows at its edge."""
    import numpy as np

    if has_x and len(xs) > 1:
        rax.fill_between(xs, 1 - tol, 1 + tol, color="#999999", alpha=0.35, label="tolerance", step=None)
    else:
        rax.errorbar(
            xs, np.ones_like(xs), yerr=tol, fmt="none", color="#999999", lw=8, alpha=0.5, label="tolerance"
        )
    rax.axhline(1.0, color="black", lw=1)
    # ratio range: the tolerance band stays readable; points beyond it are drawn at the edge
    finite = np.abs(ratio[np.isfinite(ratio)] - 1)
    half = float(np.clip(1.2 * finite.max() if finite.size else 0.0, 2 * tol.max(), 0.6))
    clipped = np.clip(ratio, 1 - half, 1 + half)
    for st, sel in _status_masks(rs):
        inside = sel & (clipped == ratio)
        if inside.any():
            rax.scatter(xs[inside], ratio[inside], marker="s", s=30, color=_COLOR[st], zorder=4)
        out = sel & np.isfinite(ratio) & (clipped != ratio)
        for xo, ro in zip(xs[out], clipped[out], strict=True):
            rax.scatter([xo], [ro], marker="^" if ro > 1 else "v", s=60, color=_COLOR[st], zorder=4)
    rax.set_ylim(1 - 1.1 * half, 1 + 1.1 * half)
    rax.set_ylabel("recast / published", fontsize=10)


def _draw_x_axis(rax: Any, rs: list[CheckResult], xs: Any, *, has_x: bool) -> None:
    """x label and range from the checks' ``x`` (with unit), or one tick per check id."""
    if has_x:
        xlab = rs[0].check.x_label or "x"
        rax.set_xlabel(f"{xlab} [{rs[0].check.x_unit}]" if rs[0].check.x_unit else xlab, fontsize=12)
        span = float(xs.max() - xs.min()) or 1.0
        rax.set_xlim(xs.min() - 0.05 * span, xs.max() + 0.05 * span)
    else:
        rax.set_xticks(xs, [r.check.id for r in rs], fontsize=9)
        rax.set_xlim(xs.min() - 0.7, xs.max() + 0.7)


def _suite_markdown(sr: SuiteResult, images: dict[str, str]) -> list[str]:
    s = sr.suite
    lines = [f'<a id="{s.name}"></a>', "", f"## {s.name} — {s.title}", ""]
    if s.reference:
        lines += [f"Reference: {s.reference}.", ""]
    if s.method:
        lines += ["Method:", "", *[f"- {m}" for m in s.method], ""]
    if s.approximations:
        lines += [_APPROXIMATIONS_HEAD[s.kind], "", *[f"- {a}" for a in s.approximations], ""]
    if not sr.results:
        return [*lines, "_No checks selected in this run (the suite's checks are not `fast`)._", ""]
    sources: list[str] = []
    lines += [
        "| check | x | ours | published | unit | deviation | tolerance | status | source |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in sr.results:
        c = r.check
        if c.source not in sources:
            sources.append(c.source)
        x = "" if c.x is None else f"{c.x:g} {c.x_unit}".strip()
        lines.append(
            f"| `{c.id}` | {x} | {format_value(r.ours)} | {format_value(c.published)} | {_cell(c.unit)} | "
            f"{_pct(r.deviation)} | ±{100 * c.tolerance:g} % | {STATUS_MARK[r.status]} | "
            f"[{sources.index(c.source) + 1}] |"
        )
    lines += ["", "Sources:", "", *[f"{i}. {_cell(src)}" for i, src in enumerate(sources, 1)], ""]
    notes = [r for r in sr.results if r.note]
    if notes:
        lines += ["Notes:", "", *[f"- `{r.check.id}` ({r.status}): {_cell(r.note)}" for r in notes], ""]
    quantities = dict.fromkeys(r.check.quantity for r in sr.results)
    lines += ["Quantities:", "", *[f"- {_cell(q)}" for q in quantities], ""]
    for group in _groups(sr):
        if group in images:
            lines += [f"![{s.name} {group}]({images[group]})", ""]
    return lines


def render_markdown(run: ValidationRun, images: dict[tuple[str, str], str] | None = None, *, command: str = "") -> str:
    """The Markdown text of the report (image paths relative to the report)."""
    from recast import __version__

    images = images or {}
    mode = "fast checks only" if run.fast else "all checks"
    out = [
        "# Validation: recast's numbers vs the published ones",
        "",
        f"Generated by `{command or 'recast validate'}` (recast {__version__}, {mode}).",
        "",
        "Each check compares our value with a published one: **✅ PASS** if |ours/published − 1| ≤ tolerance; "
        "**🔴 KNOWN** if outside the tolerance but not worse than a recorded, explained deviation "
        "(+2 % slack for Monte-Carlo noise) — a known shortcoming, listed with its reason; **❌ FAIL** otherwise "
        "(`recast validate` exits 1); **⚪ SANITY** a check that compares different quantities "
        "(its `quantity` says so), shown for reference and never counted as PASS. "
        "The checks live in each analysis' `analysis.yaml` (`validation:`) and in `recast/data/1.0.0/validation.yaml`.",
        "",
        f"**Summary:** {run.summary()}.",
        "",
        "| suite | checks | PASS | KNOWN | FAIL | SANITY | time [s] |",
        "|---|---|---|---|---|---|---|",
    ]
    for sr in run.suites:
        n = {st: sum(r.status is st for r in sr.results) for st in Status}
        out.append(
            f"| [{sr.suite.name}](#{sr.suite.name}) | {len(sr.results)} | {n[Status.PASS]} | {n[Status.KNOWN]} | "
            f"{n[Status.FAIL]} | {n[Status.SANITY]} | {sr.seconds:.1f} |"
        )
    out.append("")
    for sr in run.suites:
        out += _suite_markdown(sr, {g: p for (s, g), p in images.items() if s == sr.suite.name})
    return "\n".join(out).rstrip() + "\n"


def check_report_dir(out_dir: str | Path, *, force: bool = False) -> Path:
    """The report path in *out_dir*; refuse an existing report without *force*.

    Raises:
        OutputExists: ``<out_dir>/validation.md`` exists and *force* is false.
        OutputNotWritable: *out_dir* cannot be written (checked before any measurement).
    """
    from recast.atomic import check_output

    check_output(out_dir, force=True, kind="folder", option="--report")
    path = Path(out_dir) / REPORT_NAME
    if path.exists() and not force:
        msg = f"report {path} exists — pass --force to overwrite it"
        raise OutputExists(msg)
    check_output(path, force=force, kind="file", option="--report")
    return path


def write_report(run: ValidationRun, out_dir: str | Path, *, force: bool = False, command: str = "") -> list[Path]:
    """Write ``validation.md`` and the group plots under *out_dir* (each file atomically).

    Returns:
        The paths written (images first, the report last).

    Raises:
        OutputExists: the report exists and *force* is false.
    """
    from recast.atomic import write_text

    path = check_report_dir(out_dir, force=force)
    written: list[Path] = []
    images: dict[tuple[str, str], str] = {}
    for sr in run.suites:
        for group, results in _groups(sr).items():
            rel = f"img/{image_name(sr.suite.name, group)}"
            written.append(plot_group(sr.suite.name, group, results, Path(out_dir) / rel))
            images[(sr.suite.name, group)] = rel
    written.append(write_text(path, render_markdown(run, images, command=command)))
    return written
