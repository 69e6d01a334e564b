"""``python -m recast``: the ``recast`` command, when another program of that name comes first on PATH."""

from recast.cli import cli

if __name__ == "__main__":  # pragma: no cover - exercised through a subprocess in tests/test_packaging.py
    cli(prog_name="recast")
