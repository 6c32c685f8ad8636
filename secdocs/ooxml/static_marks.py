"""A tracked redline turned into static markup: every revision shown as coloured formatting.

``tracked_to_static`` takes a .docx whose changes are native revisions (the in-place redline of a
user's document, ``compare.compare_packages``) and returns the same package with no revision left
in any part (document, headers, footers, notes, comments), each shown the way our house-style
static markup shows it (``markup.Markup`` in ``static`` mode), so that ``static.static_to_tracked``
reads it back as the same revisions:

* runs in ``w:ins`` / ``w:moveTo`` are unwrapped and given the insert colour and a coloured
  underline (double where the run is underlined already);
* runs in ``w:del`` / ``w:moveFrom`` are unwrapped, ``w:delText`` → ``w:t`` and
  ``w:delInstrText`` → ``w:instrText``, and given the delete colour and strikethrough;
* a run both inserted and deleted is in neither version and is left out, as accepting or
  rejecting every change would;
* a deleted paragraph mark stays a visible paragraph (its text struck); an inserted one is
  accepted; either one's mark takes the colour, as the house style colours it;
* a row inserted or deleted (``w:trPr/w:ins|w:del``) keeps its cells, their text coloured or
  struck;
* formatting changes (``w:*PrChange``), move ranges, cell and numbering revisions are accepted:
  the change record is removed.

Parts with no revision stay byte-identical.
"""

from __future__ import annotations

from lxml import etree

from .markup import resolve_colours
from .package import package_bytes, parse_xml, read_package
from .revisions import unwrap
from .styles import RPR_ORDER, set_child
from .wordml import w

_INS = (w("ins"), w("moveTo"))
_DEL = (w("del"), w("moveFrom"))
_RECORDS = tuple(w(t) for t in (
    "rPrChange pPrChange sectPrChange tblPrChange tblPrExChange tcPrChange trPrChange tblGridChange "
    "numberingChange cellIns cellDel cellMerge moveFromRangeStart moveFromRangeEnd moveToRangeStart "
    "moveToRangeEnd customXmlInsRangeStart customXmlInsRangeEnd customXmlDelRangeStart customXmlDelRangeEnd "
    "customXmlMoveFromRangeStart customXmlMoveFromRangeEnd customXmlMoveToRangeStart "
    "customXmlMoveToRangeEnd").split())
_MARK_HOLDERS = (w("rPr"), w("trPr"))  # where w:ins / w:del mark a paragraph mark or a row


def tracked_to_static(docx: bytes, colours: dict[str, str] | None = None, name: str = "redline") -> bytes:
    """``docx`` with every revision turned into static formatting (see the module docstring);
    ``colours`` as ``--insert-colour`` / ``--delete-colour`` give them (blue / red by default)."""
    colours = resolve_colours(colours)
    package = read_package(docx, name)
    parts = dict(package.parts)
    for part, data in package.parts.items():
        if not (part.startswith("word/") and part.endswith(".xml")):
            continue
        if not any(tag in data for tag in (b":ins", b":del", b":move", b"Change", b":cell", b":customXml")):
            continue
        root = parse_xml(data, f"{name}: {part}")
        if static_part(root, colours):
            parts[part] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return package_bytes(parts)


def _row_mark(el: etree._Element) -> str | None:
    trpr = el.find(w("trPr"))
    if trpr is None:
        return None
    if trpr.find(w("del")) is not None:
        return "del"
    return "ins" if trpr.find(w("ins")) is not None else None


def _run_marks(r: etree._Element) -> set[str]:
    marks = set()
    for anc in r.iterancestors():
        if anc.tag in _INS:
            marks.add("ins")
        elif anc.tag in _DEL:
            marks.add("del")
        elif anc.tag == w("tr"):
            mark = _row_mark(anc)
            if mark:
                marks.add(mark)
    return marks


def _format(r: etree._Element, mark: str, colours: dict[str, str]) -> None:
    rpr = r.find(w("rPr"))
    if rpr is None:
        rpr = etree.Element(w("rPr"))
        r.insert(0, rpr)
    colour = colours[mark]
    if mark == "del":
        set_child(rpr, "strike", RPR_ORDER)
        for t in r.iter(w("delText"), w("delInstrText")):
            t.tag = w("t") if t.tag == w("delText") else w("instrText")
    else:
        u = rpr.find(w("u"))
        underlined = u is not None and (u.get(w("val")) or "single").lower() != "none"
        set_child(rpr, "u", RPR_ORDER, val="double" if underlined else "single", color=colour)
    set_child(rpr, "color", RPR_ORDER, val=colour)


def static_part(root: etree._Element, colours: dict[str, str]) -> bool:
    """Turn the revisions of one part into static formatting, in place; whether any was found."""
    changed = False
    for r in list(root.iter(w("r"))):
        marks = _run_marks(r)
        if marks == {"ins", "del"}:
            r.getparent().remove(r)
        elif marks:
            _format(r, next(iter(marks)), colours)
    for p in root.iter(w("p")):
        rpr = p.find(f"{w('pPr')}/{w('rPr')}")
        if rpr is None:
            continue
        found = [m for m in rpr if m.tag in _INS + _DEL]
        if found:
            mark = "del" if any(m.tag in _DEL for m in found) else "ins"
            set_child(rpr, "color", RPR_ORDER, val=colours[mark])
    for el in reversed(list(root.iter(*_INS, *_DEL))):
        changed = True
        if el.getparent().tag in _MARK_HOLDERS:
            el.getparent().remove(el)
        else:
            unwrap(el)
    for el in list(root.iter(*_RECORDS)):
        changed = True
        el.getparent().remove(el)
    for holder in list(root.iter(w("trPr"), w("rPr"))):
        if len(holder) == 0 and not holder.attrib and holder.getparent().tag in (w("tr"), w("pPr")):
            holder.getparent().remove(holder)
    return changed

