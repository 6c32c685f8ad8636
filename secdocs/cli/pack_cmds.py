"""``secdocs consult`` (a consultation pack) and ``secdocs responses collate`` (collated responses)."""

from __future__ import annotations

from pathlib import Path

import click

from .options import baselines_option, modification_argument, output_option, pdf_option, templates_option


@click.command("consult")
@modification_argument
@click.option("--stage", required=True, type=click.Choice(["refinement", "report"]),
              help="Which consultation: the Refinement Consultation or the Modification Report Consultation.")
@output_option(help="Output folder for consultation.docx, response-form.docx, legal-text.docx, manifest.json.")
@baselines_option
@pdf_option("Also write PDFs through LibreOffice (skipped with a warning when absent).")
@templates_option
def consult_cmd(modification, stage, out, baselines, pdf, templates):
    """Write the consultation pack of MODIFICATION for one STAGE into OUT.

    A missing required value in modification.toml stops the build with one line naming it; OUT
    is then left untouched."""
    from ..packs.pack import consult
    from ..pdf import soffice

    if pdf and soffice() is None:
        click.echo("secdocs: warning: LibreOffice (soffice) is not installed: no PDFs written", err=True)
        pdf = False
    written = consult(modification, stage, out, pdf=pdf, baselines=baselines, templates=templates)
    for path in written:
        click.echo(str(path))


@click.group("responses")
def responses_group():
    """Work with filled-in consultation response forms."""


@responses_group.command("collate")
@click.argument("forms", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False))
@output_option(folder=False, help="The collated responses document (.docx).")
@click.option("--public", is_flag=True, help="Leave confidential responses out (their number is still stated).")
@click.option("--csv", "csv_path", type=click.Path(dir_okay=False), default=None,
              help="Also write the collated rows as CSV.")
@templates_option
def collate_cmd(forms, out, public, csv_path, templates):
    """Collate FORMS (filled response forms, .docx) into one document: per question a table of
    respondent, category, response and rationale, and a count per stance.

    Files that are not secdocs response forms, or that lack their questions, are reported by name
    on stderr and left out; the others are still collated."""
    from ..ooxml.write import save_bytes
    from ..packs.collate import build_responses, collect, to_csv

    collation = collect(list(forms), public=public)
    document = build_responses(collation, templates=Path(templates) if templates else None)
    csv_bytes = to_csv(collation) if csv_path else None
    for line in collation.problems:
        click.echo(f"secdocs: warning: {line}", err=True)
    for form in collation.forms:
        for note in form.notes:
            click.echo(f"secdocs: note: {form.file}: {note}", err=True)
    save_bytes(out, document)
    if csv_bytes is not None:
        save_bytes(csv_path, csv_bytes)
    kept = len(collation.forms)
    click.echo(f"{out}: {kept} response{'s' if kept != 1 else ''} collated"
               + (f", {collation.withheld} confidential left out" if collation.withheld else "")
               + (f", {len(collation.problems)} file(s) not collated" if collation.problems else ""))


def register(group: click.Group) -> None:
    group.add_command(consult_cmd)
    group.add_command(responses_group)
