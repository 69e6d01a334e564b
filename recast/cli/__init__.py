"""The ``recast`` command line. Each subcommand group lives in its own module."""

from __future__ import annotations

import importlib
import os
import sys
from collections.abc import Sequence
from typing import Any

import click

from recast import __version__
from recast.cli.errors import BUG_EXIT, describe_error

__all__ = ["cli"]

# (module, attribute) of each subcommand; imported lazily so `recast --help` stays fast.
_COMMANDS = {
    "models": ("recast.cli.models", "models"),
    "cards": ("recast.cli.cards", "cards"),
    "atlas": ("recast.cli.atlas", "atlas"),
    "generate": ("recast.cli.events", "generate"),
    "inspect": ("recast.cli.events", "inspect"),
    "analyses": ("recast.cli.analyses", "analyses"),
    "limits": ("recast.cli.limits", "limits"),
    "flavour": ("recast.cli.flavour", "flavour"),
    "plot": ("recast.cli.plot", "plot"),
    "scan": ("recast.cli.scan", "scan"),
    "validate": ("recast.cli.validate", "validate"),
    "ufo": ("recast.cli.ufo", "ufo"),
    "hepdata": ("recast.cli.hepdata", "hepdata"),
    "viability": ("recast.cli.viability", "viability"),
}


def __dir__() -> list[str]:
    return __all__


class _RecastGroup(click.Group):
    """Root group: lazy subcommands, and the one error boundary (one line, exit 2; bugs exit 1)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(name for name in _COMMANDS if self.get_command(ctx, name) is not None)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in _COMMANDS:
            return None
        module, attr = _COMMANDS[cmd_name]
        try:
            command: click.Command = getattr(importlib.import_module(module), attr)
            return command
        except ModuleNotFoundError as err:
            if err.name == module:  # subcommand not installed in this build
                return None
            raise

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        """Run the CLI; every failure ends as one line on stderr (see :mod:`recast.cli.errors`)."""
        argv = list(sys.argv[1:] if args is None else args)
        debug = "--debug" in argv[: _first_command(argv)] or os.environ.get("RECAST_DEBUG", "") not in ("", "0")
        prog_name = prog_name or "recast"
        if not standalone_mode:
            return super().main(argv, prog_name, complete_var, standalone_mode=False, **extra)
        try:
            rv = super().main(argv, prog_name, complete_var, standalone_mode=False, **extra)
        except SystemExit:
            raise
        except _NO_ARGS_IS_HELP as err:  # `recast` alone: the help, not an error
            click.echo(err.ctx.get_help() if err.ctx is not None else err.format_message())
            sys.exit(0)
        except (KeyboardInterrupt, click.exceptions.Abort):
            click.echo(
                "recast: error: interrupted — nothing was written for the unfinished step; rerun to resume", err=True
            )
            sys.exit(130)
        except BaseException as err:
            if debug:
                raise
            described = describe_error(err, command=_command_path(argv))
            if described is None:
                text = " ".join(str(err).split())[:200]
                click.echo(
                    f"recast: error: unexpected {type(err).__name__}: {text} — this is a bug, "
                    "rerun with --debug and report the traceback",
                    err=True,
                )
                sys.exit(BUG_EXIT)
            message, code = described
            click.echo(f"recast: error: {message}", err=True)
            sys.exit(code)
        sys.exit(rv if isinstance(rv, int) else 0)


#: click >= 8.2 raises this for a group called without a subcommand (8.1 prints the help itself).
_NO_ARGS_IS_HELP = getattr(click.exceptions, "NoArgsIsHelpError", ())


def _command_path(argv: list[str]) -> str:
    """``recast SUB [SUBSUB]`` as far as *argv* names known commands."""
    i = _first_command(argv)
    if i < len(argv) and argv[i] in _COMMANDS:
        nxt = argv[i + 1] if i + 1 < len(argv) else ""
        sub = f" {nxt}" if argv[i] in ("models", "analyses", "atlas") and nxt and not nxt.startswith("-") else ""
        return f"recast {argv[i]}{sub}"
    return "recast"


def _first_command(argv: list[str]) -> int:
    """Index of the subcommand name in *argv* (options before it belong to the root group)."""
    for i, a in enumerate(argv):
        if not a.startswith("-"):
            return i
    return len(argv)


@click.group(cls=_RecastGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="recast")
@click.option("--debug", is_flag=True, help="Show full tracebacks instead of one-line errors.")
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """recast: LHC limits for muoquark leptoquarks and U(1)_X Z' bosons.

    Units: masses in GeV, cross-sections in pb, luminosity in fb^-1.
    """
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug
