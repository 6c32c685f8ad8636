"""``secdocs apply``: apply a modification's amendments to the baselines (consolidated documents)."""

from __future__ import annotations

import sys
import time

import click

from ..errors import ConfigError


@click.command("apply")
@click.argument("modification", type=click.Path(exists=True, file_okay=False))
@click.option("--baselines", type=click.Path(exists=True, file_okay=False), default=None,
              help="Folder of baselines (manifest.json + .docx, or src/*.sec.txt). Default: ./baselines.")
@click.option("-o", "--output", "out", required=True, type=click.Path(file_okay=False),
              help="Output folder (replaced as a whole, only when everything has been written).")
def apply_cmd(modification, baselines, out):
    """Apply MODIFICATION (a folder with modification.toml) and write the consolidated documents.

    Every operation is validated before anything is written; each problem is reported on one
    line (file:line op N (kind target): reason) and OUT is left untouched (exit status 1).
    """
    from ..amend.build import build
    from ..amend.ops import AmendmentErrors

    started = time.perf_counter()
    try:
        result = build(modification, out, baselines=baselines)
    except (AmendmentErrors, ConfigError) as exc:
        lines = getattr(exc, "lines", None) or str(exc).splitlines()
        for line in lines:
            click.echo(f"secdocs: error: {line}", err=True)
        click.echo(f"secdocs: {len(lines)} error{'s' if len(lines) != 1 else ''}; nothing written", err=True)
        sys.exit(1)
    for warning in result.warnings:
        click.echo(f"secdocs: warning: {warning}", err=True)
    total = 0
    for o in result.outcomes:
        n = len(o.changes.results)
        total += n
        click.echo(f"{out}/{o.file}: {o.id} {o.baseline.version} → {o.consolidated.version}, {n} operations")
    click.echo(f"{out}/report.json: {total} operations on {len(result.outcomes)} documents"
               f" in {time.perf_counter() - started:.2f} s")


def register(group: click.Group) -> None:
    group.add_command(apply_cmd)
