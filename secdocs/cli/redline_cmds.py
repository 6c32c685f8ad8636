"""``secdocs redline``, ``secdocs legal-text`` and ``secdocs compare``: redlined documents."""

from __future__ import annotations

import json

import click

from .options import (author_option, baselines_option, colours, legal_text_version_option, modification_argument,
                      output_option, pdf_option, style_options)

# ---------------------------------------------------------------------------------------------
# secdocs redline


@click.command("redline")
@modification_argument
@baselines_option
@output_option()
@style_options
@author_option
@pdf_option("Also write a PDF of each redline (needs LibreOffice), in static red/blue markup for circulation.")
@legal_text_version_option()
def redline_cmd(modification, baselines, out, style, insert_colour, delete_colour, author, pdf, legal_text_version):
    """Write the whole redlined document for each document MODIFICATION affects.

    Each OUT/<document>-redline.docx is the baseline with the modification's changes marked
    word by word: native tracked changes dated the legal text's date (--style tracked), or blue
    underline / red strikethrough (--style static).
    """
    from ..render.pdf import require_soffice
    from ..workflow.outputs import write_outputs
    from ..workflow.redline import redline_set

    marks = colours(insert_colour, delete_colour)
    if pdf:
        require_soffice()
    circulate = pdf and style == "tracked"  # the PDF for circulation: static red/blue markup, no change bars
    result = redline_set(modification, baselines=baselines, markup=style, colours=marks, author=author,
                         version=legal_text_version, static_copies=circulate)
    sources = result.static_files if circulate else None
    written = write_outputs(result.files, folder=out, pdf=pdf, pdf_sources=sources)
    for d in result.documents:
        click.echo(f"{out}/{d.name}: {d.id} {d.old_version} \u2192 {d.new_version}, {d.changes} changes ({style})")
    for path in written[len(result.documents):]:
        click.echo(f"{out}/{path.name}")
    for warning in result.warnings:
        click.echo(f"secdocs: warning: {warning}", err=True)


# ---------------------------------------------------------------------------------------------
# secdocs legal-text


@click.command("legal-text")
@modification_argument
@baselines_option
@output_option(folder=False, help="The .docx to write.")
@style_options
@author_option
@pdf_option("Also write a PDF beside it (needs LibreOffice), in static red/blue markup for circulation.")
@legal_text_version_option("--version")
def legal_text_cmd(modification, baselines, out, style, insert_colour, delete_colour, author, pdf,
                   legal_text_version):
    """Write MODIFICATION's legal text document: only the affected provisions, redlined, in context.

    --version 1.0 writes an earlier legal text version (the folder's legal-text-v1.0/)."""
    from ..render.pdf import require_soffice
    from ..workflow.legal_text import legal_text_file
    from ..workflow.outputs import write_outputs

    marks = colours(insert_colour, delete_colour)
    if pdf:
        require_soffice()
    circulate = pdf and style == "tracked"  # the PDF for circulation: static red/blue markup, no change bars
    mod, outcomes, data, static = legal_text_file(modification, baselines=baselines, markup=style, colours=marks,
                                                  author=author, version=legal_text_version, static_copy=circulate)
    sources = {out: static} if circulate else None
    written = write_outputs({out: data}, pdf=pdf, pdf_sources=sources)
    click.echo(f"{out}: {mod.id} legal text v{(mod.legal_text or {}).get('version', '?')}, "
               f"{len(outcomes)} documents ({style})")
    for path in written[1:]:
        click.echo(str(path))


# ---------------------------------------------------------------------------------------------
# secdocs compare


@click.command("compare")
@click.argument("old", type=click.Path(exists=True, dir_okay=False))
@click.argument("new", type=click.Path(exists=True, dir_okay=False))
@output_option(folder=False, required=False, help="The redline .docx to write.")
@click.option("--json", "as_json", is_flag=True,
              help="Print the change list (document, address, kind, old, new) as JSON.")
@click.option("--moves", is_flag=True, help="Mark a paragraph that moved as a move (w:moveFrom / w:moveTo).")
@click.option("--author", default="secdocs compare", show_default=True, help="Author of the revisions.")
@click.option("--date", default=None,
              help="Date of the revisions (ISO 8601). Default: NEW's last-modified date, else OLD's, else undated.")
@click.option("--old-view", type=click.Choice(["accept", "reject"]), default="accept", show_default=True,
              help="Which view of tracked changes already in OLD to compare.")
@click.option("--new-view", type=click.Choice(["accept", "reject"]), default="accept", show_default=True,
              help="Which view of tracked changes already in NEW to compare.")
def compare_cmd(old, new, out, as_json, moves, author, date, old_view, new_view):
    """Compare two versions of a document and write the redline of OLD becoming NEW.

    The redline is NEW itself (every part kept) with OLD's differences as tracked changes:
    blocks aligned in document order by provision number and by text, changed paragraphs
    marked word by word in their own runs, deleted paragraphs and rows back in their place;
    headers, footers, footnotes and endnotes too.

    --json lists each change with its document, address, kind (insert, delete, replace,
    format, move) and old and new text. The address is the provision's number (L1.15(ga));
    an unnumbered block is the nearest number before it and its ordinal after it (L3.12 +1),
    or "block N" before any number; a table cell adds "row R (its first cell) cell C"; a
    header, footer or note is named as such.
    """
    from collections import Counter
    from pathlib import Path

    from ..ooxml.compare import compare_files
    from ..ooxml.package import write_bytes_atomic

    if out is None and not as_json:
        raise click.UsageError("give -o REDLINE.docx, --json, or both")
    if out is not None and any(Path(out).resolve() == Path(p).resolve() for p in (old, new)):
        raise click.UsageError(f"-o {out} is one of the files compared: give another output")
    result = compare_files(old, new, author=author, date=date, moves=moves, old_view=old_view, new_view=new_view)
    if out is not None:
        write_bytes_atomic(out, result.docx)
    s = dict(sorted(Counter(c.kind for c in result.changes).items()))
    if as_json:
        click.echo(json.dumps({"old": {"file": old}, "new": {"file": new}, "output": out, "summary": s,
                               "changes": [c.to_json() for c in result.changes]}, indent=2, ensure_ascii=False))
    else:
        click.echo(f"{out}: {len(result.changes)} changes ({', '.join(f'{k} {v}' for k, v in s.items()) or 'none'})")
    for w in result.warnings:
        click.echo(f"secdocs: warning: {w}", err=True)


def register(group: click.Group) -> None:
    group.add_command(redline_cmd)
    group.add_command(legal_text_cmd)
    group.add_command(compare_cmd)
