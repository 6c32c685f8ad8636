"""The ``secdocs`` command line: thin commands that parse arguments, call the library, report.

Every SecdocsError becomes one line on stderr and its exit status; no tracebacks.
"""

from __future__ import annotations

import sys

import click

from .. import __version__
from ..errors import SecdocsError


class SecdocsGroup(click.Group):
    """A click group that turns SecdocsError (and a few OS errors) into one line."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except SecdocsError as exc:
            click.echo(f"secdocs: error: {exc}", err=True)
            sys.exit(exc.exit_status)
        except (OSError, MemoryError, RecursionError) as exc:
            click.echo(f"secdocs: error: {exc}", err=True)
            sys.exit(2)


@click.group(cls=SecdocsGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="secdocs")
def main() -> None:
    """Build, amend and redline Smart Energy Code documents (.docx)."""


from . import amend_cmds, pack_cmds, read_cmds, release_cmds, redline_cmds  # noqa: E402  (commands register themselves on main)

for module in (read_cmds, amend_cmds, pack_cmds, release_cmds, redline_cmds):
    module.register(main)
