"""Document → the blocks of the main document body: the cover, then the provisions.

The layout follows the writer/reader contract in docs/DEVELOPING.md: every provision is one
paragraph in a ``SEC …`` style whose number is typed in the text and followed by a tab
(``L1.17A<tab>The SMKI PMA may …``); the definitions table comes straight after the clause that
holds it; the cover has the title, subtitle, three meta lines, the cover notes and a
"Version history" table (its caption and columns as the Document says: see ``_cover``).
Paragraph depth, not Word numbering, carries the nesting:

* a numbered paragraph d levels below its clause or heading is ``SEC Paragraph d``;
* unnumbered text is ``SEC Text 0`` directly under a Part or heading, and ``SEC Text d`` when
  it continues a clause (d = 1) or a paragraph of depth d - 1.
"""

from __future__ import annotations

import datetime as _dt
import re

from lxml import etree

from ..model import Definition, Document, HistoryEntry, Kind, Provision, Run
from ..structure import house as H
from . import styles as S
from .emit import PPR_ORDER, el, paragraph, ppr_of, set_child, w
from .markup import NO_MARK, Mark, Markup

_MONTHS = ("January February March April May June July August September October November "
           "December").split()
_LONG_DATE = re.compile(r"^(\d{1,2}) ([A-Za-z]+) (\d{4})$")
# column widths of the history table by its number of columns (Version, Date, [Status],
# [Author], Description)
_HISTORY_WIDTHS = {3: (0.16, 0.22, 0.62), 4: (0.12, 0.2, 0.18, 0.5), 5: (0.1, 0.17, 0.13, 0.18, 0.42)}


def parse_date(text: str) -> _dt.date | None:
    """A date written ``2021-06-24`` (or an ISO date-time) or ``24 June 2021``; None otherwise."""
    text = (text or "").strip()
    try:
        return _dt.date.fromisoformat(text[:10])
    except ValueError:
        pass
    m = _LONG_DATE.match(text)
    if m and m.group(2).capitalize() in _MONTHS:
        try:
            return _dt.date(int(m.group(3)), _MONTHS.index(m.group(2).capitalize()) + 1, int(m.group(1)))
        except ValueError:
            return None
    return None


def long_date(text: str) -> str:
    """``2021-06-24`` → ``24 June 2021``, as SEC documents print dates; other text unchanged."""
    day = parse_date(text)
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}" if day else text


def heading_level(number: str | None, fallback: int) -> int:
    """The level of a policy/decimal heading: how many numbers ``4.9.1`` has."""
    if number:
        return len([c for c in number.strip().rstrip(".").split(".") if c])
    return fallback


def content_runs(p: Provision) -> list[Run]:
    """What follows the label: the heading, then the text (a space between when both)."""
    if p.heading and p.text:
        return [*p.heading, Run(" "), *p.text]
    return list(p.heading or p.text)


class BodyBuilder:
    """Builds the body blocks (``w:p`` and ``w:tbl``) of one Document."""

    def __init__(self, doc: Document, markup: Markup):
        self.doc = doc
        self.markup = markup
        self.blocks: list[etree._Element] = []

    def build(self) -> list[etree._Element]:
        self._cover()
        start = len(self.blocks)
        self._provisions(self.doc.provisions, level=0, anchor=True, headings=0, inherited=NO_MARK)
        self._start_on_new_page(start)
        return self.blocks

    # -- paragraphs ---------------------------------------------------------------------------------
    def _para(self, style: str, runs: list[Run], *, label: str | None = None,
              mark: Mark = NO_MARK, bold: bool = False) -> etree._Element:
        p = paragraph(S.style_id(style))
        if label:
            runs = [Run(f"{label}\t"), *runs]
        self.markup.paragraph_mark(p, mark)  # first: revision ids follow document order
        self.markup.runs(p, runs, mark, bold=bold)
        return p

    def _add(self, block: etree._Element) -> None:
        self.blocks.append(block)

    def _start_on_new_page(self, start: int) -> None:
        """The body begins on the page after the cover."""
        if start >= len(self.blocks):
            return
        first = self.blocks[start]
        if first.tag == w("p"):
            set_child(ppr_of(first), "pageBreakBefore", PPR_ORDER)
        else:
            breaker = paragraph()
            el("br", el("r", breaker), type="page")
            self.blocks.insert(start, breaker)

    # -- cover ---------------------------------------------------------------------------------------
    def _cover(self) -> None:
        """Title, subtitle, the three meta lines, the cover notes and the version history.

        In a redline the cover is marked like the body: a replaced metadata value is struck out
        before its new value (``Document.meta_changes``), a cover note or history row inserted or
        deleted whole has its paragraph mark or row marked. The page header and footer are not
        marked: they show the document's own (new) id, title and version, as a redline's running
        header shows the version it was made for."""
        doc = self.doc
        self._meta(H.TITLE, None, "id", always=True)
        self._meta(H.SUBTITLE, None, "title", always=True)
        for prefix, name in (("Document version", "version"), ("SEC version", "sec_version"), ("Date", "date")):
            self._meta(H.META, prefix, name)
        for i, note in enumerate(doc.front):
            change = doc.front_changes[i] if i < len(doc.front_changes) else None
            self._add(self._para(H.COVER_NOTE, note, mark=NO_MARK.add(change)))
        if doc.history:
            # a table all of whose rows are inserted (or deleted) comes or goes with its caption
            kinds = {e.change.kind if e.change else None for e in doc.history}
            mark = NO_MARK.add(doc.history[0].change) if len(kinds) == 1 and None not in kinds else NO_MARK
            caption = doc.history_caption or "Version history"
            self._add(self._para(H.TABLE_CAPTION, [Run(caption)], mark=mark))
            self._add(self._history_table(doc.history, mark))

    def _meta(self, style: str, prefix: str | None, name: str, always: bool = False) -> None:
        """One cover line: ``{prefix}: {value}`` (or the bare value), the old value struck out
        before the new one when it changed. A prefixed line is written only when it has a value,
        so a line one version lacks is inserted or deleted whole (``always`` lines never are)."""
        fmt = long_date if name == "date" else str
        new = getattr(self.doc, name)
        changed = self.doc.meta_changes.get(name)
        old = changed.old if changed is not None else new
        if not (always or old or new):
            return
        head = f"{prefix}: " if prefix else ""
        if changed is None or old == new:
            self._add(self._para(style, [Run(head + fmt(new))] if head or new else []))
            return
        runs = [Run(head)] if head else []
        if old:
            runs.append(Run(fmt(old), change=changed.dele))
        if new:
            runs.append(Run(fmt(new), change=changed.ins))
        mark = NO_MARK
        if not always and not old:
            mark = NO_MARK.add(changed.ins)
        elif not always and not new:
            mark = NO_MARK.add(changed.dele)
        self._add(self._para(style, runs, mark=mark))

    def _history_table(self, history: list[HistoryEntry], inherited: Mark = NO_MARK) -> etree._Element:
        """The version history: Version | Date | Description, with Status and Author columns
        before the description when any row has them (a document control table)."""
        columns = [("Version", lambda e: e.version), ("Date", lambda e: long_date(e.date))]
        if any(e.status for e in history):
            columns.append(("Status", lambda e: e.status))
        if any(e.author for e in history):
            columns.append(("Author", lambda e: e.author))
        columns.append(("Description", lambda e: e.description))
        widths = _split_width(_HISTORY_WIDTHS[len(columns)])
        tbl = _table(H.TABLE, widths, look_first_row=True)
        header = _row(tbl)
        trpr = el("trPr", header)
        el("tblHeader", trpr)
        self.markup.row(header, inherited)
        for (title, _), width in zip(columns, widths):
            _cell(header, width).append(self._para(H.TABLE_HEADING, [Run(title)], mark=inherited))
        for entry in history:
            mark = inherited.add(entry.change)
            tr = _row(tbl)
            self.markup.row(tr, mark)
            for (_, value), width in zip(columns, widths):
                text = value(entry)
                _cell(tr, width).append(self._para(H.TABLE_TEXT, [Run(text)] if text else [], mark=mark))
        return tbl

    # -- provisions ----------------------------------------------------------------------------------
    def _provisions(self, provisions: list[Provision], *, level: int, anchor: bool, headings: int,
                    inherited: Mark) -> None:
        """Write provisions; ``level`` is the paragraph depth of their parent (0 for a clause,
        heading or Part), ``anchor`` says the parent is a Part or heading (or the root), and
        ``inherited`` is the revision mark of the provisions around them."""
        for p in provisions:
            mark = inherited.add(p.change)
            kind = p.kind
            child_level, child_anchor, child_headings = level, False, headings
            if kind == Kind.PART:
                self._add(self._para(H.PART, content_runs(p), label=p.number, mark=mark))
                child_level, child_anchor = 0, True
            elif kind == Kind.CROSS_HEADING:
                self._add(self._para(H.CROSS_HEADING, content_runs(p), label=p.number, mark=mark))
                child_level, child_anchor = 0, True
            elif kind == Kind.HEADING:
                n = heading_level(p.number, headings + 1)
                self._add(self._para(H.HEADINGS.style(n), content_runs(p), label=p.number, mark=mark))
                child_level, child_anchor, child_headings = 0, True, n
            elif kind == Kind.CLAUSE:
                self._add(self._para(H.CLAUSE, content_runs(p), label=p.number, mark=mark))
                child_level = 0
            elif kind == Kind.PARAGRAPH:
                child_level = level + 1
                self._add(self._para(H.PARAGRAPHS.style(child_level), content_runs(p), label=p.number,
                                     mark=mark))
            elif kind == Kind.TABLE:
                self._add(self._table_provision(p, mark))
            else:  # Kind.TEXT
                child_level = 0 if anchor else level + 1
                self._add(self._para(H.TEXTS.style(child_level), content_runs(p), label=p.number,
                                     mark=mark))
            if p.definitions:
                self._add(self._definitions_table(p.definitions, mark))
            self._provisions(p.children, level=child_level, anchor=child_anchor, headings=child_headings,
                             inherited=mark)

    # -- the definitions table -----------------------------------------------------------------------
    def _definitions_table(self, definitions: list[Definition], inherited: Mark) -> etree._Element:
        widths = (S.TERM_WIDTH, S.MEANING_WIDTH)
        tbl = _table(H.DEFINITIONS_TABLE, widths, look_first_row=False)
        for d in definitions:
            mark = inherited.add(d.change)
            tr = _row(tbl)
            self.markup.row(tr, mark)
            term_cell = _cell(tr, widths[0])
            term_cell.append(self._para(H.DEFINITION_TERM, d.term, mark=mark, bold=True))
            meaning_cell = _cell(tr, widths[1])
            self._meaning(meaning_cell, d.meaning, 0, mark)
            if not len(meaning_cell.findall(w("p"))):
                meaning_cell.append(self._para(H.DEFINITION_TEXT, [], mark=mark))
        return tbl

    def _meaning(self, cell: etree._Element, provisions: list[Provision], depth: int,
                 inherited: Mark) -> None:
        for p in provisions:
            mark = inherited.add(p.change)
            if p.kind == Kind.PARAGRAPH:
                style, child_depth = H.DEFINITION_PARAGRAPHS.style(depth + 1), depth + 1
            else:
                style, child_depth = H.DEFINITION_TEXT, depth
            cell.append(self._para(style, content_runs(p), label=p.number, mark=mark))
            self._meaning(cell, p.children, child_depth, mark)

    # -- other tables ----------------------------------------------------------------------------------
    def _table_provision(self, p: Provision, mark: Mark) -> etree._Element:
        """An ordinary table: equal columns unless ``col_widths`` gives one relative width per
        column; the first ``header_rows`` rows in the table heading style, repeated on each page."""
        columns = max((len(row) for row in p.rows), default=1) or 1
        fractions = tuple(p.col_widths) if len(p.col_widths) == columns and all(x > 0 for x in p.col_widths) \
            else tuple(1.0 for _ in range(columns))
        widths = _split_width(tuple(x / sum(fractions) for x in fractions))
        tbl = _table(H.TABLE, widths, look_first_row=p.header_rows > 0)
        for k, row in enumerate(p.rows or [[]]):
            row_mark = mark.add(p.row_changes[k] if k < len(p.row_changes) else None)
            header = k < p.header_rows
            style = H.TABLE_HEADING if header else H.TABLE_TEXT
            tr = _row(tbl)
            if header:
                el("tblHeader", el("trPr", tr))
            self.markup.row(tr, row_mark)
            for i in range(columns):
                tc = _cell(tr, widths[i])
                cell = row[i] if i < len(row) else []
                for para_runs in cell:
                    tc.append(self._para(style, para_runs, mark=row_mark))
                if not len(tc.findall(w("p"))):
                    tc.append(self._para(style, [], mark=row_mark))
        return tbl


# ---------------------------------------------------------------------------------------------
# Table scaffolding

def _split_width(fractions: tuple[float, ...]) -> tuple[int, ...]:
    widths = [int(S.TEXT_WIDTH * f) for f in fractions]
    widths[-1] = S.TEXT_WIDTH - sum(widths[:-1])
    return tuple(widths)


def _table(style: str, widths: tuple[int, ...], look_first_row: bool) -> etree._Element:
    tbl = el("tbl")
    tblpr = el("tblPr", tbl)
    el("tblStyle", tblpr, val=S.style_id(style))
    el("tblW", tblpr, w=sum(widths), type="dxa")
    el("tblLayout", tblpr, type="fixed")
    el("tblLook", tblpr, val="0620" if look_first_row else "0600", firstRow=int(look_first_row), lastRow=0,
       firstColumn=0, lastColumn=0, noHBand=1, noVBand=1)
    grid = el("tblGrid", tbl)
    for width in widths:
        el("gridCol", grid, w=width)
    return tbl


def _row(tbl: etree._Element) -> etree._Element:
    return el("tr", tbl)


def _cell(tr: etree._Element, width: int) -> etree._Element:
    tc = el("tc", tr)
    el("tcW", el("tcPr", tc), w=width, type="dxa")
    return tc
