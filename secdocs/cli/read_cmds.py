"""``secdocs parse`` and ``secdocs text``: look inside a SEC document."""

from __future__ import annotations

import json

import click

VIEW = click.Choice(["accept", "reject"])


def document_json(doc) -> dict:
    """The ``parse --json`` contract: document, provisions (flattened), definitions, warnings.

    Each provision has ``number`` (the full citation, "1.2(a)") and ``label`` (its own number
    as the document shows it, "a)"; null when unnumbered); a definition's ``text`` reads as the
    document shows it, each numbered paragraph of the meaning starting with its label."""
    from ..model.address import flatten  # the model is imported with a command, not for --help
    from ..model import iter_definitions, walk

    provisions = []
    for row, (_, p) in zip(flatten(doc), walk(doc.provisions)):
        provisions.append({"number": row.pop("number"), "label": shown_label(p), **row})
    return {
        "document": {"id": doc.id, "title": doc.title, "version": doc.version, "scheme": doc.scheme,
                     "sec_version": doc.sec_version or None},
        "provisions": provisions,
        "definitions": [{"term": d.term_text, "text": labelled_meaning(d)} for _, d in iter_definitions(doc)],
        "warnings": [str(w) for w in doc.warnings],
    }


def shown_label(p) -> str | None:
    """A provision's own number as the document shows it ("1.", "a)"), else its number."""
    return p.label if p.label is not None else p.number


def labelled_meaning(d) -> str:
    """A definition's meaning, one paragraph a line, each with its label as shown."""
    from ..model import iter_provisions

    lines = []
    for p in iter_provisions(d.meaning):
        label = shown_label(p)
        lines.append(f"{label} {p.full_text}" if label else p.full_text)
    return "\n".join(lines)


@click.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print the tree as JSON.")
@click.option("--track-changes", "view", type=VIEW, default="accept", show_default=True,
              help="Which view of tracked changes already in the file to read.")
@click.option("--scheme", type=click.Choice(["section", "policy", "decimal"]), default=None,
              help="Numbering scheme (default: guessed from the document).")
def parse(file, as_json, view, scheme):
    """Print the provision tree of FILE (.docx or .sec.txt)."""
    from ..model.address import flatten
    from ..model import iter_definitions
    from ..reader import read_document

    doc = read_document(file, view=view, scheme=scheme)
    if as_json:
        click.echo(json.dumps(document_json(doc), indent=2, ensure_ascii=False))
    else:
        name = " — ".join(x for x in (doc.id, doc.title) if x) or click.format_filename(file)
        click.echo(f"{name} (version {doc.version or '?'}, {doc.scheme} numbering)")
        for row in flatten(doc):
            indent = "  " * row["depth"]
            label = row["number"] or f"[{row['kind']}]"
            body = " ".join(x for x in (row["heading"], row["text"]) if x)
            click.echo(f"{indent}{label} {body}".rstrip())
        for _, d in iter_definitions(doc):
            click.echo(f'  = {d.term_text}: {d.meaning_text.splitlines()[0] if d.meaning else ""}')
    for warning in doc.warnings:
        click.echo(f"secdocs: warning: {warning}", err=True)


@click.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False))
@click.option("--track-changes", "view", type=VIEW, default="accept", show_default=True,
              help="Read the text with tracked changes accepted or rejected.")
@click.option("--numbers", is_flag=True,
              help="Put each paragraph's automatic (Word list) number before its text, with a tab.")
def text(file, view, numbers):
    """Print FILE's text in reading order: one paragraph a line, table cells row by row.

    Tabs are printed as tabs and line breaks as new lines; fields show their results; the text
    of footnotes and endnotes follows at the end, one "[footnote N] ..." line each.
    """
    from ..ooxml.read import read_text_lines

    for line in read_text_lines(file, view=view, numbers=numbers):
        click.echo(line)


def register(group: click.Group) -> None:
    group.add_command(parse)
    group.add_command(text)
