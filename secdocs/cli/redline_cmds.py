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
    from ..pdf import require_soffice
    from ..render.batch import redline_set, write_outputs

    marks = colours(insert_colour, delete_colour)
    if pdf:
        require_soffice()
    result = redline_set(modification, baselines=baselines, markup=style, colours=marks, author=author,
                         version=legal_text_version)
    sources = None
    if pdf and style == "tracked":  # the PDF for circulation: static red/blue markup, no change bars
        sources = redline_set(modification, baselines=baselines, markup="static", colours=marks, author=author,
                              version=legal_text_version).files
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
    from ..pdf import require_soffice
    from ..render.batch import legal_text_file, write_outputs

    marks = colours(insert_colour, delete_colour)
    if pdf:
        require_soffice()
    mod, outcomes, data = legal_text_file(modification, baselines=baselines, markup=style, colours=marks,
                                          author=author, version=legal_text_version)
    sources = None
    if pdf and style == "tracked":  # the PDF for circulation: static red/blue markup, no change bars
        sources = {out: legal_text_file(modification, baselines=baselines, markup="static", colours=marks,
                                        author=author, version=legal_text_version)[2]}
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
@click.option("--json", "as_json", is_flag=True, help="Print the change list (address, kind, old, new) as JSON.")
@style_options
@click.option("--author", default="secdocs compare", show_default=True, help="Author of the revisions.")
@click.option("--date", default=None,
              help="Date of the revisions (ISO 8601). Default: NEW's document date, else OLD's, else undated.")
@click.option("--old-view", type=click.Choice(["accept", "reject"]), default="accept", show_default=True,
              help="Which view of tracked changes already in OLD to compare.")
@click.option("--new-view", type=click.Choice(["accept", "reject"]), default="accept", show_default=True,
              help="Which view of tracked changes already in NEW to compare.")
def compare_cmd(old, new, out, as_json, style, insert_colour, delete_colour, author, date, old_view, new_view):
    """Compare two versions of a document and write the redline of OLD becoming NEW.

    Provisions are aligned by number, by text where numbers changed, and paragraph by paragraph
    in documents without SEC numbering; aligned provisions are diffed word by word.
    """
    from ..render.compare import compare, default_date, read_both

    if out is None and not as_json:
        raise click.UsageError("give -o REDLINE.docx, --json, or both")
    marks = colours(insert_colour, delete_colour)
    a, b = read_both(old, new, old_view, new_view)
    result = compare(a, b, author=author, date=date or default_date(a, b))
    if out is not None:
        from pathlib import Path

        from ..ooxml.write import docx_bytes, save_bytes
        from ..render.batch import changed
        from ..render.label import label_redline

        name = a.id or b.id or Path(new).stem
        versions = f" v{a.version} \u2192 v{b.version}" if a.version and b.version else ""
        label = f"Redline: {name}{versions}, {Path(old).name} compared with {Path(new).name}"
        labelled = label_redline(docx_bytes(result.document, markup=style, colours=marks), out, label,
                                 changed(result.changes))
        save_bytes(out, labelled.data)
        for w in labelled.warnings:
            click.echo(f"secdocs: warning: {w}", err=True)
    if as_json:
        click.echo(json.dumps({
            "old": {"file": old, "id": a.id or None, "version": a.version or None},
            "new": {"file": new, "id": b.id or None, "version": b.version or None},
            "output": out,
            "summary": result.summary(),
            "changes": [c.to_json() for c in result.changes],
        }, indent=2, ensure_ascii=False))
    else:
        s = result.summary()
        click.echo(f"{out}: {len(result.changes)} changes ({', '.join(f'{k} {v}' for k, v in s.items()) or 'none'})")
    for w in list(a.warnings) + list(b.warnings):
        click.echo(f"secdocs: warning: {w}", err=True)


def register(group: click.Group) -> None:
    group.add_command(redline_cmd)
    group.add_command(legal_text_cmd)
    group.add_command(compare_cmd)
