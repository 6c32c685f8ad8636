"""The marked Document: two versions of a document merged into one whose runs, provisions and
definitions carry :class:`~secdocs.model.Change` marks.

The writer (``secdocs.ooxml.write``) renders the marked Document as native tracked changes or
as static colour markup, so the clean, tracked and static outputs all come from one model.

* Provisions are aligned level by level by ``uid`` (:mod:`secdocs.diff.align`): a redline shows
  what an amendment did to the provisions it names. (A compare of two arbitrary files is the
  in-place engine, :mod:`secdocs.ooxml.compare`, which aligns blocks in document order.)
* An aligned pair whose heading or text changed is diffed word by word (:mod:`secdocs.diff.words`);
  its children and definitions are aligned in turn.
* A provision only on one side is inserted or deleted whole: ``Provision.change`` (the paragraph
  mark) and every run inside it, children, table rows and definitions included.
* A definition only on one side is an inserted or deleted table row (``Definition.change``);
  one on both sides has its term and meaning diffed.
* A provision replaced by "Not used" keeps its number; its old words are struck out whole and
  "Not used." inserted (no word-level diff of unrelated text), its children deleted.
* An aligned pair whose number or kind differs is shown as the old provision deleted and the
  new one inserted: the model has no mark for a
  number, which the writer types from ``Provision.number``.
* A changed table (``Kind.TABLE``) has its rows aligned: an inserted or deleted row is a
  table-row revision (``Provision.row_changes``), rows of the same shape on both sides have their
  cell paragraphs diffed, and a row whose shape changed is deleted and inserted. A table whose
  number of columns changed is deleted and inserted whole (one table has one grid); a table
  deleted whole next to one inserted whole with as many columns (a compare that pairs neither)
  becomes one table of deleted and inserted rows.

* The cover is part of the redline, so that accepting every change gives the new document and
  rejecting every change the old one, cover included: a changed id, title, version, SEC version or
  date is the old value struck out before the new one (``Document.meta_changes``); cover notes
  (``Document.front``) are aligned and diffed, an inserted or deleted note marked whole with its
  paragraph mark (``Document.front_changes``); version-history rows are aligned, new rows are
  inserted table rows and removed ones deleted (``HistoryEntry.change``). The cover describes the
  document rather than amends it, so it stays out of the change list.

Everything also yields a change list (:class:`~secdocs.model.ChangeRecord`): release notes, the
cover's change list, the review site.
"""

from __future__ import annotations

import copy
import dataclasses
import re
from dataclasses import dataclass, field

from ..diff.align import align_by_content, align_by_key
from ..diff.words import diff_runs, mark_runs, same_runs, view_runs
from ..model import (Change, ChangeRecord, Definition, Document, HistoryEntry, Kind, MetaChange, Provision, Run,
                     is_not_used, iter_provisions, plain)

LABEL_TAB = "\t"  # what separates a typed label from the text (the writer's contract)
META_FIELDS = ("id", "title", "version", "sec_version", "date")  # the cover lines a redline marks



@dataclass
class Redline:
    """A marked Document and the change list that describes it."""

    document: Document
    changes: list[ChangeRecord] = field(default_factory=list)


def mark_tree(p: Provision, change: Change) -> Provision:
    """A copy of a provision with everything in it inserted or deleted."""
    return Provision(
        kind=p.kind, number=p.number,
        heading=mark_runs(p.heading, change), text=mark_runs(p.text, change),
        children=[mark_tree(c, change) for c in p.children],
        definitions=[mark_definition(d, change) for d in p.definitions],
        rows=[_mark_row(row, change) for row in p.rows],
        uid=p.uid, change=change, row_changes=list(p.row_changes))


def mark_definition(d: Definition, change: Change) -> Definition:
    return Definition(term=mark_runs(d.term, change), meaning=[mark_tree(m, change) for m in d.meaning],
                      uid=d.uid, change=change)


def subtree_text(p: Provision) -> str:
    lines = []
    for q in iter_provisions([p]):
        label = q.number or ""
        body = q.full_text
        lines.append(f"{label} {body}".strip() if label else body)
        for d in q.definitions:
            lines.append(definition_text(d))
    return "\n".join(lines)


def definition_text(d: Definition) -> str:
    meaning = d.meaning_text
    return f'"{d.term_text}" {meaning}'.strip()


def _row_text(row) -> str:
    return " | ".join(" / ".join(plain(p) for p in cell) for cell in row)


def _row_shape(row) -> tuple:
    return tuple(len(cell) for cell in row)


def _columns(p: Provision) -> int:
    return max((len(row) for row in p.rows), default=0)


def _mark_row(row, change: Change):
    return [[mark_runs(par, change) for par in cell] for cell in row]


def _marks_or_empty(marks: list) -> list:
    """A parallel list of marks, or [] when nothing is marked (the unmarked model's form)."""
    return marks if any(m is not None for m in marks) else []


def _uid_key(p: Provision):
    return ("uid", p.uid) if p.uid else ("content", p.kind.value, p.number, p.full_text)


class _Builder:
    def __init__(self, author: str, date: str):
        self.ins = Change("ins", author, date)
        self.dele = Change("del", author, date)
        self.changes: list[ChangeRecord] = []

    # -- alignment ------------------------------------------------------------------------------
    def _align(self, old: list[Provision], new: list[Provision]):
        return align_by_key(old, new, _uid_key)

    # -- addresses ------------------------------------------------------------------------------
    @staticmethod
    def _address(p: Provision, parent: str, numbered_parent: str, counters: dict) -> tuple[str, str]:
        """(address, address children hang paragraph labels on)."""
        if p.number:
            addr = (numbered_parent + p.number) if p.number.startswith("(") else p.number
            return addr, addr
        key = p.kind.value
        counters[key] = counters.get(key, 0) + 1
        addr = f"{parent}/{key}[{counters[key]}]" if parent else f"{key}[{counters[key]}]"
        return addr, numbered_parent

    def record(self, address: str, kind: str, old: str | None, new: str | None) -> None:
        self.changes.append(ChangeRecord(address, kind, old, new))

    # -- provisions -----------------------------------------------------------------------------
    def provisions(self, old: list[Provision], new: list[Provision], parent: str = "",
                   numbered_parent: str = "") -> list[Provision]:
        if old == new:
            return list(new)
        out: list[Provision] = []
        count_old: dict = {}
        count_new: dict = {}
        for o, n in self._align(old, new):
            if n is not None:
                addr, hang = self._address(n, parent, numbered_parent, count_new)
                if o is not None:
                    self._address(o, parent, numbered_parent, count_old)
            else:
                addr, hang = self._address(o, parent, numbered_parent, count_old)
            if o is None:
                out.append(mark_tree(n, self.ins))
                self.record(addr, "insert", None, subtree_text(n))
            elif n is None:
                out.append(mark_tree(o, self.dele))
                self.record(addr, "delete", subtree_text(o), None)
            else:
                out.extend(self.matched(o, n, addr, hang))
        return _join_replaced_tables(out)

    def matched(self, o: Provision, n: Provision, addr: str, hang: str) -> list[Provision]:
        if o == n:
            return [n]
        if o.kind != n.kind or bool(o.number) != bool(n.number):
            self.record(addr, "replace", subtree_text(o), subtree_text(n))
            return [mark_tree(o, self.dele), mark_tree(n, self.ins)]
        if o.number != n.number:
            # renumbered: the label is typed into the text, struck and inserted like words
            self.record(addr, "renumber", o.number, n.number)
            out = self.matched(Provision(**{**vars(o), "number": n.number}), n, addr, hang)[0]
            label = diff_runs([Run(o.number)], [Run(n.number)], self.ins, self.dele) + [Run(LABEL_TAB)]
            out.number = None
            if out.heading:
                out.heading = label + out.heading
            else:
                out.text = label + out.text
            return [out]
        if o.kind == Kind.TABLE:
            return self.table(o, n, addr)
        if is_not_used(n) and not n.children and not is_not_used(o):
            self.record(addr, "not-used", subtree_text(o), n.full_text)
            heading = diff_runs(o.heading, n.heading, self.ins, self.dele)
            return [Provision(
                kind=n.kind, number=n.number, heading=heading,
                text=mark_runs(o.text, self.dele) + mark_runs(n.text, self.ins),
                children=[mark_tree(c, self.dele) for c in o.children],
                definitions=[mark_definition(d, self.dele) for d in o.definitions],
                uid=n.uid)]
        heading_same = same_runs(o.heading, n.heading)
        text_same = same_runs(o.text, n.text)
        if not heading_same:
            self.record(addr, "heading", o.heading_text, n.heading_text)
        if not text_same:
            self.record(addr, "replace", o.own_text, n.own_text)
        out = Provision(
            kind=n.kind, number=n.number,
            heading=list(n.heading) if heading_same else diff_runs(o.heading, n.heading, self.ins, self.dele),
            text=list(n.text) if text_same else diff_runs(o.text, n.text, self.ins, self.dele),
            children=self.provisions(o.children, n.children, addr, hang),
            definitions=self.definitions(o.definitions, n.definitions, addr),
            rows=n.rows, uid=n.uid)
        return [out]

    # -- the cover ------------------------------------------------------------------------------
    def paragraphs(self, old: list[list[Run]], new: list[list[Run]]) -> tuple[list[list[Run]], list[Change | None]]:
        """Cover notes aligned by content and diffed, and the mark of each (a note inserted or
        deleted whole). Not in the change list: like the version lines, they describe the
        document rather than amend it."""
        if old == new:
            return [list(p) for p in new], []
        out, marks = [], []
        for o, n in align_by_content(old, new, exact=lambda p: plain(p), text=plain):
            if o is None:
                out.append(mark_runs(n, self.ins))
                marks.append(self.ins)
            elif n is None:
                out.append(mark_runs(o, self.dele))
                marks.append(self.dele)
            else:
                out.append(list(n) if same_runs(o, n) else diff_runs(o, n, self.ins, self.dele))
                marks.append(None)
        return out, _marks_or_empty(marks)

    def history(self, old: list[HistoryEntry], new: list[HistoryEntry]) -> list[HistoryEntry]:
        """Version-history rows: the rows both versions have stay, the others are inserted or
        deleted rows (a row whose text changed is both)."""
        if old == new:
            return list(new)
        key = lambda e: (e.version, e.date, e.description, e.status, e.author)  # noqa: E731
        out = []
        for o, n in align_by_key(old, new, key):
            if o is None:
                out.append(dataclasses.replace(n, change=self.ins))
            elif n is None:
                out.append(dataclasses.replace(o, change=self.dele))
            else:
                out.append(n)
        return out

    def meta(self, old: Document, new: Document) -> dict[str, MetaChange]:
        """The cover lines whose value changed, with the old value."""
        return {name: MetaChange(getattr(old, name), self.ins, self.dele)
                for name in META_FIELDS if getattr(old, name) != getattr(new, name)}

    # -- definitions ----------------------------------------------------------------------------
    def definitions(self, old: list[Definition], new: list[Definition], holder: str) -> list[Definition]:
        if old == new:
            return list(new)
        key = lambda d: ("uid", d.uid) if d.uid else ("term", d.term_text.casefold())  # noqa: E731
        out = []
        for o, n in align_by_key(old, new, key):
            d = n if n is not None else o
            addr = f'{holder}:"{d.term_text}"'
            if o is None:
                out.append(mark_definition(n, self.ins))
                self.record(addr, "definition-insert", None, definition_text(n))
            elif n is None:
                out.append(mark_definition(o, self.dele))
                self.record(addr, "definition-delete", definition_text(o), None)
            elif o == n:
                out.append(n)
            else:
                if not same_runs(o.term, n.term) or o.meaning_text != n.meaning_text:
                    self.record(addr, "definition-amend", definition_text(o), definition_text(n))
                mark = len(self.changes)
                meaning = self.provisions(o.meaning, n.meaning, addr, addr)
                del self.changes[mark:]  # the definition-amend record above describes them
                out.append(Definition(term=diff_runs(o.term, n.term, self.ins, self.dele),
                                      meaning=meaning, uid=n.uid))
        return out

    # -- tables ---------------------------------------------------------------------------------
    def table(self, o: Provision, n: Provision, addr: str) -> list[Provision]:
        if o.rows == n.rows:
            return [n]
        self.record(addr, "table", o.full_text, n.full_text)
        if _columns(o) != _columns(n):
            return [mark_tree(o, self.dele), mark_tree(n, self.ins)]
        rows: list = []
        marks: list[Change | None] = []
        for ro, rn in align_by_content(o.rows, n.rows, exact=lambda r: repr(r), text=_row_text, kind=_row_shape):
            if ro is None:
                rows.append(_mark_row(rn, self.ins))
                marks.append(self.ins)
            elif rn is None:
                rows.append(_mark_row(ro, self.dele))
                marks.append(self.dele)
            elif ro == rn:
                rows.append(rn)
                marks.append(None)
            elif _row_shape(ro) == _row_shape(rn):
                rows.append([[diff_runs(po, pn, self.ins, self.dele) for po, pn in zip(co, cn)]
                             for co, cn in zip(ro, rn)])
                marks.append(None)
            else:
                rows.extend([_mark_row(ro, self.dele), _mark_row(rn, self.ins)])
                marks.extend([self.dele, self.ins])
        return [Provision(kind=Kind.TABLE, number=n.number, rows=rows, uid=n.uid,
                          row_changes=_marks_or_empty(marks))]


def _whole_table(p: Provision, kind: str) -> bool:
    return p.kind == Kind.TABLE and p.change is not None and p.change.kind == kind and not p.children


def _join_replaced_tables(provisions: list[Provision]) -> list[Provision]:
    """A table deleted whole followed by one inserted whole with as many columns become one
    table whose old rows are deleted and new rows inserted (two tables would need a paragraph
    between them, which both versions lack)."""
    out: list[Provision] = []
    for p in provisions:
        prev = out[-1] if out else None
        if (prev is not None and _whole_table(prev, "del") and _whole_table(p, "ins")
                and _columns(prev) == _columns(p)):
            out[-1] = Provision(kind=Kind.TABLE, number=p.number, rows=prev.rows + p.rows, uid=p.uid,
                                row_changes=[prev.change] * len(prev.rows) + [p.change] * len(p.rows))
            continue
        out.append(p)
    return out


def iso_datetime(date: str) -> str:
    """``2021-09-20`` → ``2021-09-20T00:00:00Z`` (w:date is an xsd:dateTime); full values pass."""
    date = (date or "").strip()
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", date):
        return date + "T00:00:00Z"
    return date


def revision_marks(mod, author: str | None = None) -> tuple[str, str]:
    """(author, ISO date) of a modification's revisions: ``author``, else the modification's
    author (default its id); the legal text's date, else the implementation date."""
    who = author or mod.author or mod.id
    date = str((mod.legal_text or {}).get("date") or mod.implementation_date or "")
    return who, iso_datetime(date)


def redline(base: Document, new: Document, *, author: str, date: str) -> Redline:
    """The marked Document showing ``base`` becoming ``new``, and its change list.

    Provisions are aligned by identity (``uid``). The marked document carries ``new``'s metadata (id, title,
    versions, date) with ``base``'s values where they differ in ``meta_changes``, and the cover
    notes and version history of both, marked.
    """
    builder = _Builder(author, iso_datetime(date))
    provisions = builder.provisions(base.provisions, new.provisions)
    doc = copy.copy(new)
    doc.provisions = provisions
    doc.front, doc.front_changes = builder.paragraphs(base.front, new.front)
    doc.history = builder.history(base.history, new.history)
    doc.meta_changes = builder.meta(base, new)
    doc.warnings = []
    return Redline(doc, builder.changes)


def redline_document(base: Document, new: Document, *, author: str, date: str) -> Document:
    """The marked Document (see :func:`redline`)."""
    return redline(base, new, author=author, date=date).document


# ---------------------------------------------------------------------------------------------
# Views of a marked Document (the model-level proof; the .docx proof reads the written file)

def _typed_label(runs: list[Run]) -> tuple[str | None, list[Run]]:
    """A label typed before a tab at the start of runs (a renumbered provision), and the rest."""
    text = plain(runs)
    head, tab, _ = text.partition(LABEL_TAB)
    if not tab or not head or " " in head:
        return None, runs
    cut, out = len(head) + 1, []
    for r in runs:
        if cut >= len(r.text):
            cut -= len(r.text)
            continue
        out.append(r.with_text(r.text[cut:], None))
        cut = 0
    return head, out


def _kept(change: Change | None, drop: str) -> bool:
    return change is None or change.kind != drop


def _view_provisions(provisions: list[Provision], drop: str) -> list[Provision]:
    out = []
    for p in provisions:
        if not _kept(p.change, drop):
            continue
        number, heading, text = p.number, view_runs(p.heading, drop), view_runs(p.text, drop)
        if number is None and p.kind not in (Kind.TEXT, Kind.CROSS_HEADING, Kind.TABLE):
            if heading:
                number, heading = _typed_label(heading)
            else:
                number, text = _typed_label(text)
        rows = [[[view_runs(par, drop) for par in cell] for cell in row]
                for k, row in enumerate(p.rows)
                if k >= len(p.row_changes) or _kept(p.row_changes[k], drop)]
        if p.kind == Kind.TABLE and p.rows and not rows:
            continue  # every row gone: so is the table
        q = Provision(kind=p.kind, number=number, heading=heading,
                      text=text, children=_view_provisions(p.children, drop),
                      definitions=[Definition(view_runs(d.term, drop), _view_provisions(d.meaning, drop), d.uid)
                                   for d in p.definitions if _kept(d.change, drop)],
                      rows=rows, uid=p.uid)
        if q.kind == Kind.TABLE and out and out[-1].kind == Kind.TABLE:
            out[-1].rows.extend(q.rows)  # consecutive tables are one table to a reader
            continue
        out.append(q)
    return out


def view(doc: Document, which: str) -> Document:
    """The marked Document with every change accepted (``"accept"``) or rejected (``"reject"``),
    cover included: metadata, cover notes and version history."""
    drop = {"accept": "del", "reject": "ins"}[which]
    out = copy.copy(doc)
    out.provisions = _view_provisions(doc.provisions, drop)
    notes = [(note, doc.front_changes[i] if i < len(doc.front_changes) else None) for i, note in enumerate(doc.front)]
    out.front = [q for q in (view_runs(p, drop) for p, change in notes if _kept(change, drop)) if q]
    out.front_changes = []
    out.history = [dataclasses.replace(e, change=None) for e in doc.history if _kept(e.change, drop)]
    if which == "reject":
        for name, changed in doc.meta_changes.items():
            setattr(out, name, changed.old)
    out.meta_changes = {}
    return out
