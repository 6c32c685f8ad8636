""".docx → Document, and the plain text of a .docx in reading order.

``read_docx`` opens the package safely (``package.open_package``), turns every part it reads
into one view of its tracked changes (``revisions.apply_view``: accept or reject, never a mix),
reads the body as a stream of labelled paragraphs and tables (``read_body``; labels of Word's
automatic numbering from ``lists``), takes the document id, title and version from the cover,
the header and footer or the core properties, and builds the provision tree
(``secdocs.structure``). Footnotes, endnotes and comments are kept as warnings with their text
and place; everything else the reader does not understand is a warning too.

``read_text_lines`` gives the text a reader sees: one paragraph a line in reading order (table
cells row by row, text boxes after the paragraph that anchors them), tabs as ``\\t``, line
breaks as new lines, field results without their instructions, and the text of footnotes and
endnotes as extra lines at the end.
"""

from __future__ import annotations

import gc
import os
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Iterator

from lxml import etree

from ..structure.blocks import Block, Para, Sources, Table
from ..errors import BadInputError, ConfigError
from ..model import Document, ReaderWarning
from ..structure import build_document
from .lists import ListCounter, NumberingDefinitions
from .namespaces import DCTERMS_NS
from .package import Package, open_package
from .read_body import BodyReader
from .revisions import VIEWS, apply_view, has_revisions
from .static import static_to_tracked
from .stylesheet import StyleSheet
from .wordml import CP_NS, DC_NS, child, local, normalise_strict, w

_CORE_TYPE = "/metadata/core-properties"


def read_docx(path: str | os.PathLike, view: str = "accept", scheme: str | None = None,
              static: bool = False) -> Document:
    """Read a .docx into a Document, with tracked changes accepted or rejected. ``static``: read
    coloured underline / strikethrough as insertions / deletions too (``static.static_to_tracked``)."""
    with collector_paused():
        reader = DocxReader(open_package(path), view, static=static)
        blocks = reader.body()
        doc = build_document(blocks, reader.sources(), scheme=scheme, warnings=reader.warnings)
        reader.note_warnings()
        doc.warnings = reader.warnings
    return doc


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a document is read.

    Reading allocates hundreds of thousands of objects that all stay alive (the Document) and
    makes no reference cycles, so every collection in between is wasted work, and its cost grows
    with everything else the process holds: full collections made reading a large document, or
    the second of two, markedly slower than linear. Nothing is left uncollected: reference
    counting frees the reader's temporaries as before, and the collector resumes on the way out.
    The same holds for anything that makes a whole Document at once, such as unpickling one
    read in another process.
    """
    if not gc.isenabled():  # already paused (by the caller, or a reader in another thread)
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def read_text_lines(path: str | os.PathLike, view: str = "accept", numbers: bool = False) -> list[str]:
    """The text of a .docx, one paragraph a line (see the module docstring).

    ``numbers`` puts each paragraph's automatic number (if any) before its text, with a tab.
    """
    with collector_paused():
        reader = DocxReader(open_package(path), view)
        lines = list(_lines(reader.body(), numbers))
        for kind, note_id, text in reader.note_texts():
            lines.append(f"[{kind} {note_id}] {text}")
    return lines


def _lines(blocks: list[Block], numbers: bool):
    for block in blocks:
        paras = [block] if isinstance(block, Para) else [p for row in block.rows for cell in row for p in cell]
        for para in paras:
            for p in (para, *para.attached):
                label = p.auto.text if (numbers and p.auto and p.auto.text) else ""
                yield f"{label}\t{p.text}" if label else p.text


@dataclass
class DocxReader:
    """The parts of one package, each read in the chosen view."""

    package: Package
    view: str
    warnings: list[ReaderWarning] = field(default_factory=list)
    static: bool = False  # static markup read as revision marks (ooxml/static.py)

    def __post_init__(self) -> None:
        if self.view not in VIEWS:
            raise ConfigError(f"unknown view {self.view!r}: use 'accept' or 'reject'")
        self.main = self.package.main_part
        self.styles = StyleSheet.parse(self._related_xml("styles", view=False))
        self.numbering = NumberingDefinitions.parse(self._related_xml("numbering", view=False))
        self._body_reader: BodyReader | None = None

    # -- parts --------------------------------------------------------------------------------
    def _xml(self, part: str, view: bool = True) -> etree._Element:
        root = normalise_strict(self.package.xml(part))
        if view and self.static:
            root = static_to_tracked(root)
        if not view or not has_revisions(root):
            # a part without revision marks reads the same in both views: no copy to make (the
            # reader never changes the tree it is given)
            return root
        notes: list[str] = []
        root = apply_view(root, self.view, notes)
        for note in notes:
            self.warnings.append(ReaderWarning(part, note))
        return root

    def _related(self, kind: str) -> list[str]:
        return self.package.related(self.main, kind)

    def _related_xml(self, kind: str, view: bool = True) -> etree._Element | None:
        parts = self._related(kind)
        return self._xml(parts[0], view) if parts else None

    # -- the body -------------------------------------------------------------------------------
    def body(self) -> list[Block]:
        root = self._xml(self.main)
        body = child(root, "body")
        if body is None:
            raise BadInputError(f"{self.package.name}: {self.main} has no w:body (not a Word document body)")
        counter = ListCounter(self.numbering, self.styles)
        reader = BodyReader(self.main, self.styles, counter)
        blocks = reader.blocks(body)
        self.warnings.extend(reader.warnings)
        for note in counter.notes:
            self.warnings.append(ReaderWarning(self.main, note))
        self._body_reader = reader
        return blocks

    # -- notes and comments ---------------------------------------------------------------------------
    def _notes(self, kind: str) -> dict[str, str]:
        """Note id → its text, for footnotes, endnotes or comments."""
        part_kind = {"footnote": "footnotes", "endnote": "endnotes", "comment": "comments"}[kind]
        out: dict[str, str] = {}
        for part in self._related(part_kind):
            root = self._xml(part)
            reader = BodyReader(part, self.styles)
            for note in root:
                if local(note) != kind:
                    continue
                if note.get(w("type")) in ("separator", "continuationSeparator", "continuationNotice"):
                    continue
                paras = [b for b in reader.blocks(note) if isinstance(b, Para)]
                text = " ".join(" ".join(p.text.split()) for p in paras if p.text.strip())
                author = note.get(w("author"))
                out[note.get(w("id"), "")] = f"{author}: {text}" if (kind == "comment" and author) else text
        return out

    def note_texts(self) -> list[tuple[str, str, str]]:
        """(kind, id, text) of every footnote and endnote the body references, in order."""
        if self._body_reader is None:
            self.body()
        out = []
        texts = {kind: self._notes(kind) for kind in ("footnote", "endnote")}
        for ref in self._body_reader.refs:
            if ref.kind in texts:
                out.append((ref.kind, ref.id, texts[ref.kind].get(ref.id, "")))
        return out

    def note_warnings(self) -> None:
        """Footnotes, endnotes and comments become warnings with their text and place."""
        if self._body_reader is None:
            return
        texts = {kind: self._notes(kind) for kind in ("footnote", "endnote", "comment")}
        for ref in self._body_reader.refs:
            text = texts[ref.kind].get(ref.id)
            if text is None:
                self.warnings.append(ReaderWarning(ref.where, f"{ref.kind} {ref.id} is referenced but missing"))
            elif ref.kind == "comment":
                self.warnings.append(ReaderWarning(ref.where, f"comment not kept in the text: {text}"))
            else:
                self.warnings.append(ReaderWarning(ref.where, f"{ref.kind} {ref.id} kept apart from the "
                                                              f"provision text: {text}"))

    # -- metadata ------------------------------------------------------------------------------
    def sources(self) -> Sources:
        src = Sources()
        for kind, lines in (("header", src.header_lines), ("footer", src.footer_lines)):
            for part in self._related(kind):
                root = self._xml(part)
                reader = BodyReader(part, self.styles)
                for block in reader.blocks(root):
                    paras = [block] if isinstance(block, Para) else \
                        [p for row in block.rows for cell in row for p in cell] if isinstance(block, Table) else []
                    lines.extend(" ".join(p.text.split()) for p in paras if p.text.strip())
        core = next((t for ty, t, mode in self.package.rels("").values()
                     if ty.endswith(_CORE_TYPE) and t in self.package.parts), None)
        if core is not None:
            root = self.package.xml(core)
            src.core_title = _core(root, DC_NS, "title")
            src.core_subject = _core(root, DC_NS, "subject")
            src.core_keywords = _core(root, CP_NS, "keywords")
            src.core_last_modified_by = _core(root, CP_NS, "lastModifiedBy")
            src.core_created = _core(root, DCTERMS_NS, "created")
        return src


def _core(root: etree._Element, ns: str, name: str) -> str:
    el = root.find(f"{{{ns}}}{name}")
    return " ".join((el.text or "").split()) if el is not None else ""
