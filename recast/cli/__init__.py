"""The ``recast`` command line. Each subcommand group lives in its own module."""

from __future__ import annotations

import importlib
import sys

import click

from recast import __version__
from recast.exceptions import RecastError

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
}


def __dir__() -> list[str]:
    return __all__


class _RecastGroup(click.Group):
    """Root group: lazy subcommands, and one-line errors for RecastError (exit 2)."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(name for name in _COMMANDS if self.get_command(ctx, name) is not None)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in _COMMANDS:
            return None
        module, attr = _COMMANDS[cmd_name]
        try:
            return getattr(importlib.import_module(module), attr)
        except ModuleNotFoundError as err:
            if err.name == module:  # subcommand not installed in this build
                return None
            raise

    def invoke(self, ctx: click.Context):  # noqa: ANN201
        try:
            return super().invoke(ctx)
        except RecastError as err:
            if ctx.obj and ctx.obj.get("debug"):
                raise
            click.echo(f"recast: error: {err}", err=True)
            sys.exit(2)


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
