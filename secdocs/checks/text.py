"""The text of a document set as segments: each heading, paragraph, table cell, defined term
and meaning paragraph with the document and address it sits at, in document order.

Every check reads the set through these segments, so they all name places the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model.address import Located, locate_all
from ..model import Definition, Document, Kind, Provision, Run, plain, walk

HEADING = "heading"
TEXT = "text"
CELL = "cell"
TERM = "term"
MEANING = "meaning"


@dataclass
class Segment:
    """One stretch of text: ``role`` is HEADING, TEXT, CELL, TERM or MEANING."""

    doc_index: int
    document: Document
    address: str
    role: str
    runs: list[Run]
    order: int
    located: Located | None = None  # the provision it belongs to (None inside a definition)
    definition: Definition | None = None
    text: str = field(default="", init=False)

    def __post_init__(self) -> None:
        self.text = plain(self.runs)

    @property
    def provision(self) -> Provision | None:
        return self.located.provision if self.located else None

    def where(self, offset: int = 0) -> tuple:
        return (self.doc_index, self.order, offset)


def segments(doc_index: int, doc: Document) -> list[Segment]:
    """Every segment of one document, in reading order."""
    out: list[Segment] = []

    def add(address: str, role: str, runs: list[Run], located: Located | None, definition: Definition | None = None):
        if runs and plain(runs).strip():
            out.append(Segment(doc_index, doc, address, role, runs, len(out), located, definition))

    for loc in locate_all(doc):
        p = loc.provision
        address = loc.address
        add(address, HEADING, p.heading, loc)
        add(address, TEXT, p.text, loc)
        if p.kind == Kind.TABLE:
            for row in p.rows:
                for cell in row:
                    for para in cell:
                        add(address, CELL, para, loc)
        for d in p.definitions:
            where = f'{address}:"{d.term_text}"'
            add(where, TERM, d.term, loc, d)
            for _path, m in walk(d.meaning):
                add(where, MEANING, m.text, None, d)
                if m.kind == Kind.TABLE:
                    for row in m.rows:
                        for cell in row:
                            for para in cell:
                                add(where, MEANING, para, None, d)
    return out

