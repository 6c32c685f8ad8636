"""``secdocs redline``, ``secdocs legal-text`` and ``secdocs compare``: redlined documents."""

from __future__ import annotations

import datetime as _dt
import json
import os
import re
from pathlib import Path

import click

from ..errors import ConfigError, SecdocsError

STYLE = click.Choice(["tracked", "static"])
_HEX = re.compile(r"^#?[0-9A-Fa-f]{6}$")
_NAMED = {"blue": "0000FF", "red": "FF0000", "green": "008000", "black": "000000", "purple": "800080",
          "orange": "FF8000", "teal": "008080", "magenta": "FF00FF"}


def _colour(value: str | None, option: str) -> str | None:
    if value is None:
        return None
    v = _NAMED.get(value.strip().lower(), value.strip())
    if not _HEX.match(v):
        raise ConfigError(f"{option} {value!r}: give six hex digits (0000FF) or one of {', '.join(sorted(_NAMED))}")
    return v.lstrip("#").upper()


def _colours(insert: str | None, delete: str | None) -> dict[str, str] | None:
    out = {}
    if insert:
        out["ins"] = _colour(insert, "--insert-colour")
    if delete:
        out["del"] = _colour(delete, "--delete-colour")
    return out or None


def _need_soffice() -> None:
    from ..packs.pdf import soffice

    if soffice() is None:
        raise SecdocsError("--pdf needs LibreOffice (soffice) on the PATH; install libreoffice-writer-nogui "
                           "or leave out --pdf")


def _pdfs(files: dict[str, bytes]) -> dict[str, bytes]:
    """name.docx → bytes  ⇒  name.pdf → bytes, through LibreOffice."""
    from ..packs.pdf import docx_to_pdf

    out = docx_to_pdf(files)  # deterministic PDF bytes (LibreOffice's dates and ids fixed)
    return {Path(name).with_suffix(".pdf").name: out.get(Path(name).with_suffix(".pdf").name, out.get(name))
            for name in files}


def _style_options(f):
    f = click.option("--style", type=STYLE, default="tracked", show_default=True,
                     help="tracked: native Word revisions; static: coloured underline/strikethrough (for PDF).")(f)
    f = click.option("--insert-colour", "--insert-color", "insert_colour", default=None, metavar="COLOUR",
                     help="Static style: colour of insertions (hex such as 0000FF, or a name). Default blue.")(f)
    f = click.option("--delete-colour", "--delete-color", "delete_colour", default=None, metavar="COLOUR",
                     help="Static style: colour of deletions. Default red.")(f)
    return f


# ---------------------------------------------------------------------------------------------
# secdocs redline

@click.command("redline")
@click.argument("modification", type=click.Path(exists=True, file_okay=False))
@click.option("--baselines", type=click.Path(exists=True, file_okay=False), default=None,
              help="Folder of baselines (default: ./baselines).")
@click.option("-o", "--output", "out", required=True, type=click.Path(file_okay=False),
              help="Output folder (replaced as a whole, only when everything has been written).")
@_style_options
@click.option("--author", default=None, help="Author of the revisions (default: the modification's author or id).")
@click.option("--pdf", is_flag=True, help="Also write a PDF of each redline (needs LibreOffice).")
def redline_cmd(modification, baselines, out, style, insert_colour, delete_colour, author, pdf):
    """Write the whole redlined document for each document MODIFICATION affects.

    Each OUT/<document>-redline.docx is the baseline with the modification's changes marked
    word by word: native tracked changes dated the legal text's date (--style tracked), or blue
    underline / red strikethrough (--style static).
    """
    from ..amend.build import prepare, slug
    from ..amend.ops import AmendmentErrors
    from ..ooxml.package import atomic_dir
    from ..ooxml.write import docx_bytes
    from ..render.redline import redline

    colours = _colours(insert_colour, delete_colour)
    if pdf:
        _need_soffice()
    try:
        result = prepare(modification, baselines)
    except AmendmentErrors as exc:
        raise SecdocsError("; ".join(exc.lines) if getattr(exc, "lines", None) else str(exc)) from None
    mod = result.modification
    who = author or mod.author or mod.id
    date = str((mod.legal_text or {}).get("date", "") or mod.implementation_date or "")
    files: dict[str, bytes] = {}
    lines = []
    for o in result.outcomes:
        r = redline(o.baseline, o.consolidated, author=who, date=date)
        text = (f"Redline: {o.id} v{o.baseline.version} \u2192 v{o.consolidated.version}, changes made by {mod.id}"
                + (" (illustrative legal text)" if mod.illustrative else "") + ".")
        name = f"{slug(o.id)}-redline.docx"
        files[name] = docx_bytes(r.document, markup=style, colours=colours, banner=text)
        lines.append(f"{name}: {o.id} {o.baseline.version} \u2192 {o.consolidated.version}, "
                     f"{len(r.changes)} changes ({style})")
    pdfs = _pdfs(files) if pdf else {}
    with atomic_dir(out) as tmp:
        for name, data in {**files, **pdfs}.items():
            (tmp / name).write_bytes(data)
    for line in lines:
        click.echo(f"{out}/{line}")
    for name in pdfs:
        click.echo(f"{out}/{name}")


# ---------------------------------------------------------------------------------------------
# secdocs legal-text

@click.command("legal-text")
@click.argument("modification", type=click.Path(exists=True, file_okay=False))
@click.option("--baselines", type=click.Path(exists=True, file_okay=False), default=None,
              help="Folder of baselines (default: ./baselines).")
@click.option("-o", "--output", "out", required=True, type=click.Path(dir_okay=False),
              help="The .docx to write.")
@_style_options
@click.option("--author", default=None, help="Author of the revisions (default: the modification's author or id).")
@click.option("--pdf", is_flag=True, help="Also write a PDF beside it (needs LibreOffice).")
def legal_text_cmd(modification, baselines, out, style, insert_colour, delete_colour, author, pdf):
    """Write MODIFICATION's legal text document: only the affected provisions, redlined, in context."""
    from ..amend.ops import AmendmentErrors
    from ..ooxml.package import write_bytes_atomic
    from ..ooxml.write import docx_bytes
    from ..render.legaltext import banner, build_legal_text

    colours = _colours(insert_colour, delete_colour)
    if pdf:
        _need_soffice()
    try:
        mod, doc, outcomes = build_legal_text(modification, baselines=baselines, author=author)
    except AmendmentErrors as exc:
        raise SecdocsError("; ".join(exc.lines) if getattr(exc, "lines", None) else str(exc)) from None
    data = docx_bytes(doc, markup=style, colours=colours, banner=banner(mod))
    pdf_data = _pdfs({Path(out).name: data})[Path(out).with_suffix(".pdf").name] if pdf else None
    write_bytes_atomic(out, data)
    _readable(out)
    click.echo(f"{out}: {mod.id} legal text v{(mod.legal_text or {}).get('version', '?')}, "
               f"{len(outcomes)} documents ({style})")
    if pdf_data is not None:
        target = Path(out).with_suffix(".pdf")
        write_bytes_atomic(target, pdf_data)
        _readable(target)
        click.echo(str(target))


# ---------------------------------------------------------------------------------------------
# secdocs compare

def _readable(path) -> None:
    """Give a file written atomically (a private temporary file renamed) the usual permissions."""
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(path, 0o666 & ~umask)


def _file_date(path: str) -> str:
    return _dt.datetime.fromtimestamp(os.stat(path).st_mtime, _dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


@click.command("compare")
@click.argument("old", type=click.Path(exists=True, dir_okay=False))
@click.argument("new", type=click.Path(exists=True, dir_okay=False))
@click.option("-o", "--output", "out", default=None, type=click.Path(dir_okay=False),
              help="The redline .docx to write.")
@click.option("--json", "as_json", is_flag=True, help="Print the change list (address, kind, old, new) as JSON.")
@_style_options
@click.option("--author", default="secdocs compare", show_default=True, help="Author of the revisions.")
@click.option("--date", default=None,
              help="Date of the revisions (ISO 8601). Default: NEW's document date, else NEW's file time.")
@click.option("--old-view", type=click.Choice(["accept", "reject"]), default="accept", show_default=True,
              help="Which view of tracked changes already in OLD to compare.")
@click.option("--new-view", type=click.Choice(["accept", "reject"]), default="accept", show_default=True,
              help="Which view of tracked changes already in NEW to compare.")
def compare_cmd(old, new, out, as_json, style, insert_colour, delete_colour, author, date, old_view, new_view):
    """Compare two versions of a document and write the redline of OLD becoming NEW.

    Provisions are aligned by number, by text where numbers changed, and paragraph by paragraph
    in documents without SEC numbering; aligned provisions are diffed word by word.
    """
    from ..ooxml.write import write_docx
    from ..render.compare import compare, read_both

    if out is None and not as_json:
        raise click.UsageError("give -o REDLINE.docx, --json, or both")
    colours = _colours(insert_colour, delete_colour)
    a, b = read_both(old, new, old_view, new_view)
    when = date or b.date or _file_date(new)
    result = compare(a, b, author=author, date=when)
    if out is not None:
        write_docx(result.document, out, markup=style, colours=colours)
        _readable(out)
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
