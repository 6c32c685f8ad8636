"""Compare two versions of any document: align, diff, and the marked Document of the result.

The provisions of OLD and NEW are aligned level by level by content (:mod:`secdocs.align`):
identical provisions first, then the same text under a new number, then — in what is left —
the best order-preserving pairing by number and by word similarity. Documents without SEC
numbering (every paragraph unnumbered text) are thereby aligned paragraph by paragraph, with a
word diff inside each replaced pair. Aligned provisions are diffed word by word; the rest are
whole insertions and deletions (:mod:`.redline`).
"""

from __future__ import annotations

import copy
import os
from collections import Counter
from dataclasses import dataclass

from ..model import Document, Kind, Provision
from ..ooxml.read import collector_paused
from ..reading import read_document
from .redline import ChangeRecord, redline


@dataclass
class Comparison:
    document: Document  # the marked Document (NEW's metadata; OLD's values marked on its cover)
    changes: list[ChangeRecord]

    def summary(self) -> dict[str, int]:
        return dict(sorted(Counter(c.kind for c in self.changes).items()))


def has_cover(doc: Document) -> bool:
    """Whether the document has an SEC cover (the reader found its version lines): then the
    paragraphs before the first provision are cover notes. Otherwise they are body text."""
    return bool(doc.version or doc.sec_version)


def body_paragraphs(doc: Document) -> Document:
    """A copy whose leading paragraphs (``front``) are unnumbered text provisions."""
    out = copy.copy(doc)
    out.provisions = [Provision(Kind.TEXT, text=list(p)) for p in doc.front] + list(doc.provisions)
    out.front = []
    return out


def compare(old: Document, new: Document, *, author: str, date: str) -> Comparison:
    """The redline of ``old`` becoming ``new`` aligned by content, and its change list.

    When either document has no SEC cover, the paragraphs a reader put before the first
    provision are compared as body text, aligned with the rest (a document without SEC
    numbering is all such paragraphs)."""
    if not (has_cover(old) and has_cover(new)):
        old, new = body_paragraphs(old), body_paragraphs(new)
    r = redline(old, new, author=author, date=date, match="content")
    doc = r.document
    if doc.provisions and doc.provisions[0].kind == Kind.TABLE:
        # the body starts on a new page; before a table the writer needs a paragraph to carry the
        # break: give it an empty one rather than a line-break paragraph that both views would show
        doc.provisions.insert(0, Provision(Kind.TEXT))
    return Comparison(doc, r.changes)


def default_date(old: Document, new: Document) -> str:
    """The date of a compare's revisions when none is given: NEW's document date, else OLD's,
    else none (``w:date`` is optional). Never the clock or a file time, so the same two files
    always give the same redline."""
    return new.date or old.date or ""


PARALLEL_BYTES = 128 * 1024  # read two files at once when both are at least this large


def _read(path: str, view: str) -> Document:
    return read_document(path, view=view)


def read_both(old: str | os.PathLike, new: str | os.PathLike, old_view: str = "accept",
              new_view: str = "accept", parallel: bool | None = None) -> tuple[Document, Document]:
    """Read OLD and NEW; two large .docx files are read at once in two processes (reading is
    most of a compare's time), smaller ones one after the other (``parallel`` forces either)."""
    import multiprocessing  # start-up: with the process pool below, only when a compare reads in parallel
    from concurrent.futures import ProcessPoolExecutor

    parallel = parallel if parallel is not None else (
        (os.cpu_count() or 1) >= 2
        and "fork" in multiprocessing.get_all_start_methods()
        and all(str(p).endswith(".docx") and os.path.getsize(p) >= PARALLEL_BYTES for p in (old, new))
    )
    if not parallel:
        return _read(str(old), old_view), _read(str(new), new_view)

    # unpickling NEW's Document is a whole-Document allocation too: no collections meanwhile
    with collector_paused(), \
            ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork")) as pool:
        later = pool.submit(_read, str(new), new_view)
        a = _read(str(old), old_view)
        return a, later.result()
