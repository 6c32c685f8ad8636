"""The outline language the pack templates render to, and its parser.

Why an outline and not docxtpl: the jinja2 templates (``templates/consultation-*.j2``) render to
plain text, one block a line, and ``ooxml.blocks_writer`` turns the blocks into WordprocessingML with
python-docx on top of the house ``templates/reference.docx``. We chose this over docxtpl (jinja2
inside a Word file) because

* the house styles live in one generated file (``templates/reference.docx``, owned by the
  writer and rebuilt by a script); a second binary Word template would have to be kept in step
  with it by hand, and the checker would have to vouch for both;
* a text template is reviewable in a diff, while a Word template is a zip whose jinja tags
  Word splits across runs the moment anyone edits it;
* Annex A embeds another document's body (the legal text extracts, with revisions and tables),
  and the response form needs content controls and fixed table structure: both are code, not
  templating, and docxtpl's sub-documents would not keep the structure we test;
* the output must be byte-for-byte deterministic, which is simpler when we own every element.

Syntax (blank lines are ignored; leading spaces are ignored)::

    title: MP134A                 cover: the modification id            (SEC Title)
    subtitle: Use of ...          cover: the title                      (SEC Subtitle)
    meta: Refinement Consultation cover: one line of metadata           (SEC Meta)
    covernote: ...                cover: a representative-text note     (SEC Cover Note)
    h1: About this consultation   heading levels 1-3
    p: Body text with **bold**    body paragraph
    bullet: text                  bulleted paragraph (typed bullet, hanging indent)
    question: 3 | text            a numbered question for respondents
    box: text                     a shaded call-out paragraph
    caption: text                 a table caption                        (SEC Table Caption)
    table: 30 | 70                start a table; column widths in per cent
    head: A | B                   a header row (repeats on each page)
    row: a | b                    a body row (``**...**`` for bold cells)
    endtable
    pagebreak
    landscape / portrait          start a new section in that orientation
    small: text                   small print (form references)
    insert: NAME                  a block the builder supplies (e.g. ``annex``, ``form-questions``)

Values substituted by ``{{ ... }}`` are escaped by the environment's ``finalize`` (line breaks
become the escape ``\\n``; ``\\``, ``*``, ``_`` and ``|`` are backslash-escaped), so data can never add
blocks, cells or marks; only the template's own literal text can. Inline text follows the grammar
of ``secdocs.model.markup`` with bold as the only mark.
"""

from __future__ import annotations

import re

from ..errors import ConfigError
from ..model import Run
from ..model.markup import MarkupError, parse_inline
from ..ooxml.blockspec import Block, Table

BLOCK_KINDS = {"title", "subtitle", "meta", "covernote", "h1", "h2", "h3", "p", "bullet", "question",
               "box", "caption", "table", "head", "row", "endtable", "pagebreak", "landscape",
               "portrait", "small", "insert"}
_NO_ARG = {"endtable", "pagebreak", "landscape", "portrait"}


def escape(value: object) -> str:
    """What ``{{ value }}`` prints: one line, with the outline's special characters escaped and
    each line break of the value kept as the escape ``\\n`` (a line break inside the block)."""
    text = "" if value is None else str(value)
    text = text.replace("\\", "\\\\").replace("*", "\\*").replace("_", "\\_").replace("|", "\\|")
    return re.sub(r"[ \t]*(?:\r\n|\r|\n)[ \t\r\n]*", r"\\n", text.strip())


def _split_cells(text: str) -> list[str]:
    """Split on unescaped ``|``; keep escapes for ``_inline``."""
    cells, buf, i = [], [], 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text):
            buf.append(text[i:i + 2])
            i += 2
            continue
        if ch == "|":
            cells.append("".join(buf).strip())
            buf = []
        else:
            buf.append(ch)
        i += 1
    cells.append("".join(buf).strip())
    return cells


def inline(text: str, where: str) -> list[Run]:
    """The runs of a block's text (``secdocs.model.markup``; an outline has bold only)."""
    try:
        runs = parse_inline(text)
    except MarkupError as exc:
        raise ConfigError(f"{where}: {exc.problem}") from None
    if any(r.italic or r.underline for r in runs):
        raise ConfigError(f"{where}: only **bold** marks are allowed in an outline")
    return runs


def parse(text: str, where: str = "template") -> list[Block | Table]:
    """Parse rendered outline text into blocks, tables grouped. Raises ConfigError on bad lines."""
    out: list[Block | Table] = []
    table: Table | None = None
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        kind, sep, rest = line.partition(":")
        kind = kind.strip()
        if kind not in BLOCK_KINDS or (not sep and kind not in _NO_ARG):
            raise ConfigError(f"{where}: line {number}: not an outline block: {line[:60]!r}")
        rest = rest.strip()
        at = f"{where}: line {number}"
        if kind == "table":
            if table is not None:
                raise ConfigError(f"{where}: line {number}: table inside a table")
            try:
                widths = [float(w) for w in _split_cells(rest)]
            except ValueError:
                raise ConfigError(f"{where}: line {number}: table widths must be numbers") from None
            table = Table(widths=widths, line=number)
            continue
        if kind in ("head", "row"):
            if table is None:
                raise ConfigError(f"{where}: line {number}: {kind} outside a table")
            cells = [inline(c, at) for c in _split_cells(rest)]
            if len(cells) != len(table.widths):
                raise ConfigError(f"{where}: line {number}: {len(cells)} cells in a {len(table.widths)}-column table")
            (table.head if kind == "head" else table.rows).append(cells)
            continue
        if kind == "endtable":
            if table is None:
                raise ConfigError(f"{where}: line {number}: endtable without a table")
            if not table.rows and not table.head:
                raise ConfigError(f"{where}: line {number}: empty table")
            out.append(table)
            table = None
            continue
        if table is not None:
            raise ConfigError(f"{where}: line {number}: {kind} inside a table (missing endtable)")
        if kind == "question":
            num, _, qtext = rest.partition("|")
            out.append(Block(kind, cells=[inline(num.strip(), at), inline(qtext.strip(), at)], line=number))
        elif kind == "insert":
            out.append(Block(kind, name=rest, line=number))
        else:
            out.append(Block(kind, runs=inline(rest, at), line=number))
    if table is not None:
        raise ConfigError(f"{where}: table started on line {table.line} has no endtable")
    return out
