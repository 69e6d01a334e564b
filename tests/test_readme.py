"""The README shows what recast prints: its console blocks of the main job and of `recast viability`
are compared line by line with a fresh run (a line holding ``...`` stands for lines left out)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from recast.cli import cli

README = Path(__file__).resolve().parent.parent / "README.md"


def _console_blocks() -> list[list[str]]:
    text = README.read_text(encoding="utf-8")
    return [block.splitlines() for block in re.findall(r"```console\n(.*?)```", text, flags=re.S)]


def _shown(block: list[str]) -> list[str]:
    """The lines of *block* the command must print, in order (the ``$ command`` line and elisions dropped)."""
    return [line for line in block if "..." not in line and not line.startswith("$ ")]


def _in_order(wanted: list[str], printed: list[str]) -> list[str]:
    """The lines of *wanted* not found in *printed* in the same order (empty: all found)."""
    it = iter(printed)
    return [w for w in wanted if not any(line == w for line in it)]


def test_the_order_check_finds_a_missing_or_moved_line():
    assert _in_order(["a", "c"], ["a", "b", "c"]) == []
    assert _in_order(["c", "a"], ["a", "b", "c"]) == ["a"]
    assert _in_order(["x"], ["a"]) == ["x"]


def test_the_main_job_prints_what_the_readme_shows(runner, tmp_path):
    """The first console block is `recast limits --model S3 --lumi 139` on a fresh machine."""
    block = _console_blocks()[0]
    assert block[0].startswith("model S3  lumi 139 fb^-1"), block[0]
    res = runner.invoke(cli, ["limits", "--model", "S3", "--lumi", "139", "--quiet", "--out", str(tmp_path / "out")])
    assert res.exit_code == 0, res.output
    printed = [line.replace(str(tmp_path / "out"), "results/S3_139fb") for line in res.output.splitlines()]
    assert _in_order(_shown(block), printed) == []


@pytest.mark.parametrize("command", ["recast viability"])
def test_the_readme_blocks_of_a_command_match_its_output(runner, command):
    (block,) = [b for b in _console_blocks() if b and b[0] == f"$ {command}"]
    res = runner.invoke(cli, command.split()[1:])
    assert res.exit_code == 0, res.output
    assert _in_order(_shown(block), res.output.splitlines()) == []
