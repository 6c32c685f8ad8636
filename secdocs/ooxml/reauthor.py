"""Re-author the revision marks of a tracked redline, paragraph by paragraph.

A release redline of a .docx baseline is marked once, by the compare engine, with one author;
each mark then belongs to the modification that changed its provision. :func:`reauthor` walks
the main document's paragraphs and table rows that carry marks, gives the caller each one's text
as accepted and as rejected, and writes the author and date the caller names on every mark in it
(``w:ins``, ``w:del``, ``w:moveFrom``, ``w:moveTo``, ``w:pPrChange``, ``w:rPrChange`` and the
rest that carry ``w:author``). Nothing else changes: the marks stay where they are, so accept-all
and reject-all are those of the redline it is given.
"""

from __future__ import annotations

from typing import Callable

from lxml import etree

from .package import package_bytes, read_package
from .wordml import w

_MARKS = frozenset(w(n) for n in ("ins", "del", "moveFrom", "moveTo", "pPrChange", "rPrChange",
                                   "sectPrChange", "tblPrChange", "trPrChange", "tcPrChange",
                                   "numberingChange", "cellIns", "cellDel", "cellMerge"))
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)

# (accepted, rejected) -> the candidate authors of a unit's marks: (author, date, words that author
# inserted, words that author deleted). With one candidate every mark is its; with several, a mark
# is the first one's whose inserted (for w:ins) or deleted (for w:del) words hold the mark's words,
# else the last one's. None leaves the unit's marks as they are.
Owner = Callable[[str, str], "list[tuple[str, str, str, str]] | None"]


def reauthor(docx: bytes, owner: Owner, name: str = "redline") -> bytes:
    """``docx`` with each marked paragraph's (or table row's) marks authored as ``owner`` says."""
    package = read_package(docx, name)
    main = package.main_part
    root = etree.fromstring(package.parts[main], _PARSER)
    changed = False
    for unit in _units(root):
        marks = [el for el in unit.iter() if el.tag in _MARKS and el.get(w("author")) is not None]
        if not marks:
            continue
        candidates = owner(_text(unit, "accept"), _text(unit, "reject"))
        if not candidates:
            continue
        for el in marks:
            author, date = _choose(el, candidates)
            if el.get(w("author")) != author or (date and el.get(w("date")) != date):
                el.set(w("author"), author)
                if date:
                    el.set(w("date"), date)
                changed = True
    if not changed:
        return docx
    parts = dict(package.parts)
    parts[main] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return package_bytes(parts)


def _choose(mark: etree._Element, candidates: list[tuple[str, str, str, str]]) -> tuple[str, str]:
    if len(candidates) > 1:
        words = " ".join("".join(t.text or "" for t in mark.iter(w("t"), w("delText"))).split())
        inserted = mark.tag in (w("ins"), w("moveTo"))
        for author, date, ins, dele in candidates:
            if words and words in (ins if inserted else dele):
                return author, date
    return candidates[-1][0], candidates[-1][1]


def _units(root: etree._Element) -> list[etree._Element]:
    """Table rows (with their paragraphs) and paragraphs outside tables, in document order."""
    out = []
    for el in root.iter(w("tr"), w("p")):
        if el.tag == w("tr"):
            out.append(el)
        elif _row(el) is None:
            out.append(el)
    return out


def _row(el: etree._Element) -> etree._Element | None:
    node = el.getparent()
    while node is not None:
        if node.tag == w("tr"):
            return node
        node = node.getparent()
    return None


def _text(unit: etree._Element, view: str) -> str:
    """The words of a paragraph or row in one view: accepted (deleted text left out) or rejected
    (inserted text left out, deleted text back)."""
    drop = w("del") if view == "accept" else w("ins")
    pieces = []
    for el in unit.iter(w("t"), w("delText"), w("tab")):
        if el.tag == w("delText") and view == "accept":
            continue
        if _inside(el, unit, drop):
            continue
        pieces.append("\t" if el.tag == w("tab") else (el.text or ""))
    return " ".join("".join(pieces).split())


def _inside(el: etree._Element, stop: etree._Element, tag: str) -> bool:
    node = el.getparent()
    while node is not None and node is not stop:
        if node.tag == tag and node.getparent() is not None and node.getparent().tag != w("rPr"):
            return True
        node = node.getparent()
    return False
