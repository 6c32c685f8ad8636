"""``secdocs check``: integrity checks (defined terms, cross-references, numbering) on the
baselines with the given modifications applied; and ``report_findings``, the one way every
command that runs the checks (apply, consult, release build) prints them."""

from __future__ import annotations

import json
import time

import click

from .options import baselines_option, legal_text_version_option


def run_and_report(mod_dir, baselines, legal_text_version) -> None:
    """After ``apply`` / ``consult`` have written their outputs: the checks of the set with the
    modification applied, on stderr. A set that cannot be checked is a warning (the outputs stand)."""
    from ..checks import check_modification
    from ..errors import SecdocsError

    try:
        findings = check_modification(mod_dir, baselines, legal_text_version)
    except SecdocsError as exc:
        click.echo(f"secdocs: warning: integrity checks not run: {str(exc).splitlines()[0]}", err=True)
        return
    report_findings(findings)


def report_findings(findings, *, err: bool = True) -> None:
    """One line per finding (``DOCUMENT ADDRESS: severity: message``), then the summary."""
    for line in findings.lines():
        click.echo(line, err=err)
    waived = " (--no-check: errors did not stop the build)" if findings.errors and not findings.enforced else ""
    click.echo(f"secdocs: checks: {findings.summary()}{waived}", err=err)


@click.command("check")
@baselines_option
@click.argument("modifications", nargs=-1, type=click.Path(exists=True, file_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Findings as JSON on stdout.")
@legal_text_version_option()
def check_cmd(baselines, modifications, as_json, legal_text_version):
    """Check the baselines, with MODIFICATIONS (folders with modification.toml) applied in order:
    defined terms, cross-references and numbering across the whole set.

    One line per finding, ``DOCUMENT ADDRESS: severity: message``, in document order; exit
    status 1 when there is an error (warnings alone exit 0).
    """
    from ..checks import check_set

    started = time.perf_counter()
    findings = check_set(baselines or "baselines", modifications, legal_text_version=legal_text_version)
    if as_json:
        click.echo(json.dumps(findings.to_json(), indent=2, ensure_ascii=False))
    else:
        for line in findings.lines():
            click.echo(line)
        click.echo(f"secdocs: checks: {findings.summary()} in {time.perf_counter() - started:.2f} s")
    if findings.errors:
        raise SystemExit(1)


def register(group: click.Group) -> None:
    group.add_command(check_cmd)
