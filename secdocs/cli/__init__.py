"""The ``secdocs`` command line: thin commands that parse arguments, call the library, report.

Every SecdocsError becomes one line on stderr and its exit status; no tracebacks. An error that
collects several problems (``lines``: amendment errors, a release's conflicts, a modification.toml
with several bad keys) is reported one problem a line, then a summary line (see
:func:`report_error`): every command that applies amendments reports them the same way.
"""

from __future__ import annotations

import sys

import click

from .. import __version__
from ..errors import SecdocsError


def report_error(exc: SecdocsError) -> None:
    """``secdocs: error: …`` for each problem; when there are several (or the error is a list of
    them), then ``secdocs: {summary}`` — the error's own ``summary``, else "N errors; nothing
    written" (commands build everything before they write, so a refusal writes nothing)."""
    listed = getattr(exc, "lines", None)
    lines = list(listed) if listed else (str(exc).splitlines() or [str(exc)])
    for line in lines:
        click.echo(f"secdocs: error: {line}", err=True)
    if listed or len(lines) > 1:
        n = len(lines)
        summary = getattr(exc, "summary", None) or f"{n} error{'s' if n != 1 else ''}; nothing written"
        click.echo(f"secdocs: {summary}", err=True)


class SecdocsGroup(click.Group):
    """A click group that turns SecdocsError (and a few OS errors) into one line each."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except SecdocsError as exc:
            report_error(exc)
            sys.exit(exc.exit_status)
        except (OSError, MemoryError, RecursionError) as exc:
            click.echo(f"secdocs: error: {exc}", err=True)
            sys.exit(2)


@click.group(cls=SecdocsGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="secdocs")
def main() -> None:
    """Build, amend and redline Smart Energy Code documents (.docx)."""


from . import amend_cmds, draft_cmds, pack_cmds, read_cmds, release_cmds, redline_cmds  # noqa: E402  (commands register themselves on main)

for module in (read_cmds, amend_cmds, pack_cmds, release_cmds, redline_cmds, draft_cmds):
    module.register(main)
