"""``secdocs consult`` (a consultation pack) and ``secdocs responses collate`` (collated responses)."""

from __future__ import annotations

from pathlib import Path

import click

from .options import baselines_option, modification_argument, output_option, pdf_option, templates_option


@click.command("consult")
@modification_argument
@click.option("--stage", required=True, type=click.Choice(["refinement", "report"]),
              help="Which consultation: the Refinement Consultation or the Modification Report Consultation.")
@output_option(help="Output folder for consultation.docx, response-form.docx, legal-text.docx, site/, manifest.json.")
@baselines_option
@pdf_option("Also write PDFs through LibreOffice (skipped with a warning when absent).")
@click.option("--responses", type=click.Path(exists=True, dir_okay=False), default=None,
              help="The Refinement Consultation's collated responses (the CSV of `secdocs responses collate "
                   "--csv`): summarised in the Modification Report Consultation.")
@templates_option
def consult_cmd(modification, stage, out, baselines, pdf, responses, templates):
    """Write the consultation pack of MODIFICATION for one STAGE into OUT.

    A missing required value in modification.toml stops the build with one line naming it; OUT
    is then left untouched."""
    from ..packs.pack import consult
    from ..render.pdf import soffice

    if pdf and soffice() is None:
        click.echo("secdocs: warning: LibreOffice (soffice) is not installed: no PDFs written", err=True)
        pdf = False
    if responses and stage != "report":
        raise click.UsageError("--responses summarises the Refinement Consultation's responses in the report stage")
    written = consult(modification, stage, out, pdf=pdf, baselines=baselines, responses=responses,
                      templates=templates)
    for path in written:
        click.echo(str(path))
    from ..amend.load import load_modification
    from .check_cmds import run_and_report

    version = (load_modification(modification).table.get("consultation", {}).get(stage, {}) or {}).get("legal_text_version")
    run_and_report(modification, baselines, str(version) if version else None)
    if stage == "report" and not responses:
        click.echo("secdocs: warning: no collated Refinement Consultation responses given (--responses): the "
                   "consultation has no summary of them", err=True)


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
