"""``secdocs apply``: apply a modification's amendments to the baselines (consolidated documents)."""

from __future__ import annotations

import time

import click

from .options import baselines_option, legal_text_version_option, modification_argument, output_option


@click.command("apply")
@modification_argument
@baselines_option
@output_option()
@legal_text_version_option()
def apply_cmd(modification, baselines, out, legal_text_version):
    """Apply MODIFICATION (a folder with modification.toml) and write the consolidated documents.

    Every operation is validated before anything is written; each problem is reported on one
    line (file:line op N (kind target): reason) and OUT is left untouched (exit status 1).
    """
    from ..workflow.apply import build

    started = time.perf_counter()
    result = build(modification, out, baselines=baselines, legal_text_version=legal_text_version)
    for warning in result.warnings:
        click.echo(f"secdocs: warning: {warning}", err=True)
    total = 0
    for o in result.outcomes:
        n = len(o.changes.results)
        total += n
        click.echo(f"{out}/{o.file}: {o.id} {o.baseline.version} → {o.consolidated.version}, {n} operations")
        for note in o.notes:  # edited in place: where the new version went, tracked changes accepted
            click.echo(f"  {note}")
    click.echo(f"{out}/report.json: {total} operations on {len(result.outcomes)} documents"
               f" in {time.perf_counter() - started:.2f} s")
    from .check_cmds import run_and_report

    run_and_report(modification, baselines, legal_text_version)


def register(group: click.Group) -> None:
    group.add_command(apply_cmd)
