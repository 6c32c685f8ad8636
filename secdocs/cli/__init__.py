"""The ``secdocs`` command line: thin commands that parse arguments, call the library, report.

Every SecdocsError becomes one line on stderr and its exit status; no tracebacks. An error that
collects several problems (``lines``: amendment errors, a release's conflicts, a modification.toml
with several bad keys) is reported one problem a line, then a summary line (see
:func:`report_error`): every command that applies amendments reports them the same way.
"""

from __future__ import annotations

import functools
import os
import sys

import click

from .. import __version__
from ..errors import SecdocsError
from ..workspace import session


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


def os_error_line(exc: OSError) -> str:
    """An OSError as one line that names the file when the error knows it."""
    reason = exc.strerror or str(exc)
    return f"{exc.filename}: {reason}" if exc.filename else reason


def _quiet_stdout() -> None:
    """After a broken pipe (``secdocs text x.docx | head``): send the rest of stdout nowhere, so
    Python's flush at exit does not fail a second time."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


_NO_ARGS_IS_HELP = getattr(click.exceptions, "NoArgsIsHelpError", ())  # click 8.2+


def _guarded(command: click.Command) -> click.Command:
    """Wrap a command's callback (every subcommand's, for a group) with ``options.guard_params``."""
    from .options import guard_params

    if isinstance(command, click.Group):
        for sub in command.commands.values():
            _guarded(sub)
        return command
    callback = command.callback
    if callback is None or getattr(callback, "_guarded", False):
        return command

    @functools.wraps(callback)
    def run(*args, **kwargs):
        guard_params(click.get_current_context())
        return callback(*args, **kwargs)

    run._guarded = True
    command.callback = run
    return command


class SecdocsGroup(click.Group):
    """A click group that turns SecdocsError (and OS errors, usage errors, a broken pipe) into
    one line each. Each command runs in a ``workspace.session``: every input it reads or names is
    guarded against its output."""

    def invoke(self, ctx: click.Context):
        try:
            with session():
                return super().invoke(ctx)
        except SecdocsError as exc:
            report_error(exc)
            sys.exit(exc.exit_status)
        except BrokenPipeError:
            _quiet_stdout()
            click.echo("secdocs: error: output closed early (broken pipe)", err=True)
            sys.exit(1)
        except OSError as exc:
            click.echo(f"secdocs: error: {os_error_line(exc)}", err=True)
            sys.exit(2)
        except RecursionError:
            click.echo("secdocs: error: input nested too deep to process", err=True)
            sys.exit(2)
        except MemoryError:
            click.echo("secdocs: error: out of memory", err=True)
            sys.exit(2)

    def add_command(self, cmd: click.Command, name: str | None = None) -> None:
        """Register a command, guarded: its inputs and outputs are checked before it runs
        (``options.guard_params``), whatever the command is."""
        super().add_command(_guarded(cmd), name)

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        """Click's ``main``, with a usage error reported as one line (``secdocs: error: …``)."""
        try:
            code = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except _NO_ARGS_IS_HELP as exc:  # plain `secdocs`: the help, as click gives it
            click.echo(exc.ctx.get_help())
            code = exc.exit_code
        except click.UsageError as exc:
            where = exc.ctx.command_path if exc.ctx else "secdocs"
            click.echo(f"secdocs: error: {where}: {exc.format_message()} (see {where} --help)".replace("\n", " "),
                       err=True)
            code = exc.exit_code
        except click.ClickException as exc:
            click.echo(f"secdocs: error: {exc.format_message()}", err=True)
            code = exc.exit_code
        except click.Abort:
            click.echo("secdocs: error: interrupted", err=True)
            code = 1
        except BrokenPipeError:
            _quiet_stdout()
            code = 1
        if not standalone_mode:
            return code
        sys.exit(code if isinstance(code, int) else 0)


@click.group(cls=SecdocsGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="secdocs")
def main() -> None:
    """Build, amend and redline Smart Energy Code documents (.docx)."""


from . import amend_cmds, check_cmds, draft_cmds, pack_cmds, read_cmds, release_cmds, redline_cmds, site_cmds  # noqa: E402,E501  (commands register themselves on main)

for module in (read_cmds, amend_cmds, pack_cmds, release_cmds, redline_cmds, check_cmds, site_cmds, draft_cmds):
    module.register(main)
