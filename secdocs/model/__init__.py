"""The one document model between readers and writers.

A SEC document is a tree of addressed provisions. Readers build it, amendments transform it,
writers render it. Nothing here knows about Word: inline text is a list of ``Run`` objects with
formatting marks, and an optional ``Change`` marks text or whole blocks as inserted or deleted
(which the writers render as tracked changes or as static colour markup).

A redline (``secdocs.render.redline``) marks the cover too: a history row inserted or deleted
(``HistoryEntry.change``), a cover note inserted or deleted whole (``Document.front_changes``),
a metadata value replaced (``Document.meta_changes``), and a row of an ordinary table inserted
or deleted (``Provision.row_changes``). Readers and amendments never set these, so they leave the
equality of the Documents they make untouched.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Iterator


@dataclass(frozen=True)
class Change:
    """A revision mark: who inserted or deleted something, and when (ISO 8601)."""

    kind: str  # "ins" or "del"
    author: str
    date: str


@dataclass
class Run:
    """A stretch of text with one formatting."""

    text: str
    bold: bool = False
    italic: bool = False
    underline: bool = False
    term: bool = False  # a defined-term mark (the term column of the definitions table)
    change: Change | None = None

    def with_text(self, text: str, change: "Change | None | object" = ...) -> "Run":
        """A new run of this run's format holding ``text`` (with ``change`` instead of this
        run's revision mark, when given; None for unmarked)."""
        return Run(text, self.bold, self.italic, self.underline, self.term,
                   self.change if change is ... else change)

    def same_format(self, other: "Run") -> bool:
        return (self.bold, self.italic, self.underline, self.term, self.change) == (
            other.bold, other.italic, other.underline, other.term, other.change)


Paragraph = list[Run]
Cell = list[Paragraph]


def plain(runs: list[Run]) -> str:
    """The text of some runs."""
    return "".join(r.text for r in runs)


def normalise_runs(runs: list[Run], fresh: bool = False) -> list[Run]:
    """Merge neighbouring runs of the same format and drop empty ones. The runs are copied, unless
    ``fresh`` says the caller has just made them and nothing else holds them: then they are
    extended in place."""
    out: list[Run] = []
    texts: list[str] = []  # the pieces of out[-1], joined once (str += would be quadratic)
    for run in runs:
        if not run.text:
            continue
        if out and out[-1].same_format(run):
            texts.append(run.text)
            continue
        if len(texts) > 1:
            out[-1].text = "".join(texts)
        out.append(run if fresh else copy.copy(run))
        texts = [run.text]
    if len(texts) > 1:
        out[-1].text = "".join(texts)
    return out


class Kind(StrEnum):
    """What a provision is."""

    PART = "part"                    # "L1 SMKI POLICY MANAGEMENT AUTHORITY"
    CROSS_HEADING = "cross-heading"  # unnumbered heading inside a Part
    CLAUSE = "clause"                # "L1.1"
    PARAGRAPH = "paragraph"          # "(a)", "(i)", "(A)" at any depth
    HEADING = "heading"              # certificate policy / decimal heading "4.9.1 ..."
    TEXT = "text"                    # an unnumbered body paragraph
    TABLE = "table"                  # a table that is not the definitions table


@dataclass
class Definition:
    """A row of the Section A1.1 table: a term and its meaning paragraphs."""

    term: list[Run]
    meaning: list["Provision"] = field(default_factory=list)
    uid: str = ""
    change: Change | None = None  # the whole row inserted or deleted (redline)
    # where the reader found it ("word/document.xml, paragraph 12": the term cell's paragraph), so
    # the baseline's own package can be edited in place; not compared
    source: str = field(default="", compare=False, repr=False)

    @property
    def term_text(self) -> str:
        return plain(self.term).strip()

    @property
    def meaning_text(self) -> str:
        return "\n".join(p.full_text for p in iter_provisions(self.meaning))


@dataclass
class Provision:
    """A node of the document tree.

    ``number`` is the provision's own label as printed ("L1", "L1.17A", "(a)", "4.9.1");
    the full address is built from the path (see ``numbering.join``).
    """

    kind: Kind
    number: str | None = None
    heading: list[Run] = field(default_factory=list)
    text: list[Run] = field(default_factory=list)
    children: list["Provision"] = field(default_factory=list)
    definitions: list[Definition] = field(default_factory=list)
    rows: list[list[Cell]] = field(default_factory=list)  # Kind.TABLE only
    uid: str = ""
    change: Change | None = None  # the whole paragraph inserted or deleted (redline)
    # Kind.TABLE in a redline: one mark per row of ``rows`` (a row inserted or deleted, or None);
    # empty when no row carries a mark of its own
    row_changes: list[Change | None] = field(default_factory=list)
    # Kind.TABLE layout, for writers only (readers leave the defaults; not compared): relative
    # column widths (empty: equal columns) and how many leading rows are header rows (header
    # style, repeated at the top of each page)
    col_widths: tuple[float, ...] = field(default=(), compare=False)
    header_rows: int = field(default=0, compare=False)
    # where the reader found it ("word/document.xml, paragraph 12", or "..., table at paragraph
    # 40" for a Kind.TABLE), so the baseline's own package can be edited in place; not compared
    source: str = field(default="", compare=False, repr=False)
    # The number as the document read shows it ("1.", "a)", "Article I.", "L1.17A"), beside the
    # citable ``number`` ("1", "(a)", "Article I"); set by the .docx reader, None elsewhere (shown
    # as ``number``). Not compared: two documents that cite alike are alike.
    label: str | None = field(default=None, compare=False)

    @property
    def heading_text(self) -> str:
        return plain(self.heading).strip()

    @property
    def own_text(self) -> str:
        return plain(self.text)

    @property
    def full_text(self) -> str:
        """Heading and text as one line (what a reader sees after the number)."""
        if self.kind == Kind.TABLE:
            return " | ".join(" / ".join(plain(p) for p in cell) for row in self.rows for cell in row)
        parts = [self.heading_text, self.own_text]
        return " ".join(p for p in parts if p)


NOT_USED = "Not used."  # the text a deleted provision keeps, with its number
_NOT_USED_RE = re.compile(r"^\s*\[?\s*not\s+used\.?\s*\]?\s*$", re.IGNORECASE)


def says_not_used(text: str) -> bool:
    """Whether a text is "Not used." (any case and spacing, the full stop optional, perhaps in
    square brackets)."""
    return _NOT_USED_RE.match(text) is not None


def is_not_used(p: Provision) -> bool:
    """Whether a provision is kept only as "Not used": its own words (or, with none, its heading)
    say so and it holds nothing else; or it has no words of its own and holds only one
    unnumbered text saying so (how a Part or heading is kept)."""
    if p.definitions:
        return False
    if not p.children:
        return says_not_used(p.own_text if p.own_text.strip() else p.heading_text)
    only = p.children[0]
    return (not p.own_text.strip() and len(p.children) == 1 and only.kind == Kind.TEXT
            and not only.children and says_not_used(only.own_text))


@dataclass
class HistoryEntry:
    """A row of a document's version history table (or of a document control table, which
    also names each version's status and author)."""

    version: str
    date: str
    description: str
    status: str = ""  # "Draft", "Approved", ... (a document control table's column)
    author: str = ""  # who wrote that version: author or lead analyst (ditto)
    change: Change | None = None  # the whole row inserted or deleted (redline)


@dataclass
class MetaChange:
    """A cover metadata value a redline shows replaced: ``old`` struck out (``dele``) before the
    Document's own value, inserted (``ins``). Either value may be empty: then the cover line
    itself is inserted or deleted (see ``Document.meta_changes``)."""

    old: str
    ins: Change
    dele: Change


@dataclass
class ChangeRecord:
    """One entry of a change list: where, what kind, the text before and after. A redline of
    two Documents (``render.redline``) and a compare of two packages (``ooxml.compare``) both
    list their changes so; ``document`` names the document when the list says (a compare)."""

    address: str  # the provision's address (a compare: else the nearest one and the block's ordinal)
    kind: str     # insert, delete, replace, heading, not-used, renumber, definition-insert, format, move, ...
    old: str | None
    new: str | None
    document: str = ""

    def to_json(self) -> dict:
        """The entry as ``secdocs compare --json`` prints it (document first)."""
        return {"document": self.document, "address": self.address, "kind": self.kind, "old": self.old,
                "new": self.new}


MAX_WARNING = 500  # characters of one reader warning as shown (secdocs/workspace/limits.py lists it too)


@dataclass
class ReaderWarning:
    """Something a reader met and did not fully understand; never dropped silently."""

    location: str
    message: str

    def __str__(self) -> str:
        text = f"{self.location}: {self.message}"
        # one short line whatever the document holds (a 10 MB label must not make a 10 MB line)
        return text if len(text) <= MAX_WARNING else text[:MAX_WARNING - 1] + "…"


@dataclass
class Document:
    """One SEC document (a Section or an Appendix) at one version."""

    id: str = ""  # "Section L", "Appendix B"
    title: str = ""
    version: str = ""  # this document's own version
    scheme: str = "section"  # numbering scheme name, see numbering.SCHEMES
    provisions: list[Provision] = field(default_factory=list)
    front: list[Paragraph] = field(default_factory=list)  # cover notes before the first provision
    history: list[HistoryEntry] = field(default_factory=list)
    sec_version: str = ""  # the version of the whole code this document belongs to
    date: str = ""
    warnings: list[ReaderWarning] = field(default_factory=list, compare=False, repr=False)
    # Redline marks of the cover: ``front_changes`` holds one mark per ``front`` note (a note
    # inserted or deleted whole, or None; empty when none is); ``meta_changes`` the replaced
    # values of "id", "title", "version", "sec_version" and "date" (the cover lines).
    front_changes: list[Change | None] = field(default_factory=list)
    meta_changes: dict[str, MetaChange] = field(default_factory=dict)
    # The caption printed above ``history`` ("" for "Version history"; "Document control" for a
    # legal text, whose history rows carry status and author)
    history_caption: str = ""

    @property
    def letter(self) -> str:
        """The section letter ("L" for "Section L"), or "" for appendices and others."""
        head, _, tail = self.id.partition(" ")
        return tail if head.lower() == "section" else ""


def iter_provisions(provisions: list[Provision]) -> Iterator[Provision]:
    """Every provision in document order (depth first)."""
    for p in provisions:
        yield p
        yield from iter_provisions(p.children)


def walk(provisions: list[Provision], path: tuple[Provision, ...] = ()) -> Iterator[tuple[tuple[Provision, ...], Provision]]:
    """Every provision in document order, with its ancestors."""
    for p in provisions:
        yield path, p
        yield from walk(p.children, path + (p,))


def iter_definitions(doc: Document) -> Iterator[tuple[Provision, Definition]]:
    """Every definition with the provision whose table holds it."""
    for p in iter_provisions(doc.provisions):
        for d in p.definitions:
            yield p, d
