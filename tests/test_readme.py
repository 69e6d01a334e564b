"""The README and docs/readme/ show what recast prints: their console blocks of the main job and of the
fast commands are compared with a fresh run. Shown lines must be printed as they stand, consecutive and in
order; a line holding ``...`` stands for lines left out."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from recast.cli import cli

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
DOCS = (README, *sorted((ROOT / "docs" / "readme").glob("*.md")))
#: Commands whose documented output is checked (seconds each; generation and scans are not).
FAST = ["recast viability", "recast analyses", "recast analyses list", "recast models", "recast models show S3",
        "recast atlas --limit 6", "recast atlas --muoquark S3 --category chiral --limit 3",
        "recast atlas show B-3Lmu", "recast atlas check --q 0 --L 0,7,-7 --E -3,8,-5 --N 5,3,8",
        'recast cards --model S3 --mass 1500 --coupling "y_bmu=1.0,y_smu=0.1" --out s3cards',
        "recast ufo --model B-3Lmu --mass 1000 --gX 0.1 --out recast_Bm3Lmu_UFO", "recast inspect /etc/passwd"]


def _segments(path: Path) -> list[tuple[str | None, list[str]]]:
    """``(command, output lines)`` of every console block of *path*; command None for a block without ``$``."""
    out: list[tuple[str | None, list[str]]] = []
    for block in re.findall(r"```console\n(.*?)```", path.read_text(encoding="utf-8"), flags=re.S):
        command: str | None = None
        lines: list[str] = []
        for line in block.splitlines():
            if line.startswith("$ "):
                if command is not None or lines:
                    out.append((command, lines))
                command, lines = line[2:].split("  #")[0].strip(), []
            else:
                lines.append(line)
        out.append((command, lines))
    return [(command, "\n".join(lines).rstrip("\n").splitlines()) for command, lines in out]  # blank lines between


def _missing(shown: list[str], printed: list[str]) -> list[str]:
    """The runs of *shown* (split at ``...`` lines) not printed consecutively, in order, in *printed*."""
    runs: list[list[str]] = [[]]
    for line in shown:
        if "..." in line:
            runs.append([])
        else:
            runs[-1].append(line)
    missing, start = [], 0
    for run in (r for r in runs if r):
        at = next((i for i in range(start, len(printed) - len(run) + 1) if printed[i:i + len(run)] == run), None)
        if at is None:
            missing.append("\n".join(run))
        else:
            start = at + len(run)
    return missing


def test_the_check_finds_a_missing_moved_or_dropped_line():
    assert _missing(["a", "b", "...", "d"], ["a", "b", "c", "d"]) == []
    assert _missing(["a", "c"], ["a", "b", "c"]) == ["a\nc"]  # b left out without "..."
    assert _missing(["c", "...", "a"], ["a", "b", "c"]) == ["a"]
    assert _missing(["x"], ["a"]) == ["x"]


def test_the_main_job_prints_what_the_readme_shows(runner, tmp_path):
    """The README's first console block is `recast limits --model S3 --lumi 139` on a fresh machine."""
    command, shown = _segments(README)[0]
    assert command is None and shown[0].startswith("model S3  lumi 139 fb^-1"), shown[0]
    res = runner.invoke(cli, ["limits", "--model", "S3", "--lumi", "139", "--quiet", "--out", str(tmp_path / "out")])
    assert res.exit_code == 0, res.output
    printed = [line.replace(str(tmp_path / "out"), "results/S3_139fb") for line in res.output.splitlines()]
    assert _missing(shown, printed) == []


@pytest.mark.parametrize("command", FAST)
def test_the_documented_output_of_a_command_is_what_it_prints(runner, command, tmp_path, monkeypatch):
    shown = [lines for path in DOCS for cmd, lines in _segments(path) if cmd == command and lines]
    assert shown, f"no console block shows the output of `{command}`"
    monkeypatch.chdir(tmp_path)  # cards and ufo write into the current folder
    res = runner.invoke(cli, shlex.split(command)[1:])
    assert res.exit_code in (0, 1, 2), res.output  # `atlas check` of failing charges exits 1, an error 2
    for lines in shown:
        assert _missing(lines, res.output.splitlines()) == []
