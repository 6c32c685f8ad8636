"""``secdocs release build`` and ``secdocs build``: a whole release set in one batch."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import ConfigError
from .options import output_option

DEFAULT_RELEASE = "releases/2021-10-04-adhoc.toml"
DEFAULT_OUT = "build"


def _default_release() -> Path:
    """The bundled default release: in the working directory, else in the checkout that holds
    the package; an installed package has none, which is said in one line."""
    here = Path(DEFAULT_RELEASE)
    if here.is_file():
        return here
    from ..resources import checkout_file

    checkout = checkout_file(DEFAULT_RELEASE)
    if checkout is None:
        raise ConfigError(f"secdocs build needs a release file ({DEFAULT_RELEASE} is neither here nor in a "
                          f"secdocs checkout): secdocs release build RELEASE.toml -o OUT")
    return checkout


def _run(release_file, out, check: bool, jobs: int | None, quiet: bool, no_check: bool = False) -> None:
    from ..release import build_release
    from .check_cmds import report_findings

    report = build_release(release_file, None if check else out, check=check, jobs=jobs, progress=not quiet,
                           no_check=no_check)
    for warning in report.warnings:
        click.echo(f"secdocs: warning: {warning}", err=True)
    report_findings(report.findings)
    if not check and not quiet:
        for doc in report.summary.changed_documents:
            click.echo(f"{out}/{doc.files['clean']}: {doc.id} {doc.previous_version} → {doc.version}, "
                       f"{len(doc.provisions)} provisions ({' '.join(doc.modifications)})")
    click.echo(report.line() + ("" if check else f" → {out}/"))


_JOBS = click.option("-j", "--jobs", type=click.IntRange(min=1), default=None,
                     help="Documents built in parallel (default: the number of cores).")
_CHECK = click.option("--check", is_flag=True,
                      help="Validate everything (files, amendments, conflicts) and write nothing.")
_NO_CHECK = click.option("--no-check", is_flag=True,
                         help="Build even when the integrity checks find errors (the release notes say so).")
_QUIET = click.option("-q", "--quiet", is_flag=True, help="No progress and no per-document lines.")


@click.group("release")
def release_group():
    """Build a release of the Smart Energy Code from a release file."""


@release_group.command("build")
@click.argument("release_file", type=click.Path(exists=True, dir_okay=False))
@output_option(required=False)
@_CHECK
@_NO_CHECK
@_JOBS
@_QUIET
def release_build(release_file, out, check, no_check, jobs, quiet):
    """Build RELEASE_FILE (releases/*.toml): every touched document clean and redlined, each
    modification's legal text, the Document Log, release notes and manifest.json.

    Conflicts between the release's modifications refuse the build, one line each, and OUT is
    left as it was (exit status 1).
    """
    if out is None and not check:
        raise click.UsageError("give -o OUT (or --check to validate only)")
    _run(release_file, out, check, jobs, quiet, no_check)


@click.command("build")
@output_option(required=False, default=DEFAULT_OUT, help="Output folder.")
@click.option("--release", "release_file", type=click.Path(exists=True, dir_okay=False), default=None,
              help=f"Release file (default: {DEFAULT_RELEASE}).")
@_CHECK
@_NO_CHECK
@_JOBS
@_QUIET
def build_cmd(out, release_file, check, no_check, jobs, quiet):
    """Build the default release (MP134A, SEC v47.0) into build/."""
    _run(release_file or _default_release(), out, check, jobs, quiet, no_check)


def register(group: click.Group) -> None:
    group.add_command(release_group)
    group.add_command(build_cmd)
