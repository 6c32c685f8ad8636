"""Revision marks put into WordprocessingML in place: ``w:ins`` / ``w:del`` around whole
paragraphs, rows and blocks, paragraph-mark revisions, and the property revisions
(``w:rPrChange``, ``w:pPrChange``, ``w:sectPrChange``, ``w:tblPrChange``, ``w:trPrChange``,
``w:tcPrChange``, ``w:tblGridChange``); copies of OLD content made fit to go into NEW. A
paragraph changed in part is marked word by word by :mod:`.wordmarks`.
"""

from __future__ import annotations

import copy

from lxml import etree

from .namespaces import R_NS, XML_NS
from .wordml import w

W14_NS = "http://schemas.microsoft.com/office/word/2010/wordml"

R, T, RPR, PPR = w("r"), w("t"), w("rPr"), w("pPr")
NO_CHAR = frozenset({RPR, w("lastRenderedPageBreak"), w("commentReference"), w("annotationRef")})
RUN_CONTAINERS = frozenset(w(t) for t in ("hyperlink", "fldSimple", "smartTag", "customXml", "sdt", "sdtContent",
                                          "dir", "bdo"))
# paragraph-level elements that are not content: they stay where they are
_MARKERS = frozenset(w(t) for t in (
    "pPr", "sdtPr", "sdtEndPr", "bookmarkStart", "bookmarkEnd", "commentRangeStart", "commentRangeEnd", "proofErr",
    "permStart", "permEnd", "moveFromRangeStart", "moveFromRangeEnd", "moveToRangeStart", "moveToRangeEnd",
    "customXmlInsRangeStart", "customXmlInsRangeEnd", "customXmlDelRangeStart", "customXmlDelRangeEnd",
    "customXmlMoveFromRangeStart", "customXmlMoveFromRangeEnd", "customXmlMoveToRangeStart",
    "customXmlMoveToRangeEnd", "fldData"))
# dropped from copies of OLD content: they point at OLD's comments, bookmarks and permissions
STRIP_FROM_COPIES = frozenset(w(t) for t in (
    "bookmarkStart", "bookmarkEnd", "commentRangeStart", "commentRangeEnd", "commentReference", "proofErr",
    "permStart", "permEnd"))
_DEL_TEXT = {T: w("delText"), w("instrText"): w("delInstrText")}
_MARK_KINDS = frozenset(w(t) for t in ("ins", "del", "moveFrom", "moveTo"))
_PPR_OWN = frozenset({RPR, w("sectPr"), w("pPrChange")})
XML_SPACE = f"{{{XML_NS}}}space"


class Revisions:
    """Makes revision elements: one id counter for the whole package, one author and date."""

    def __init__(self, author: str, date: str, start: int = 1):
        self.author, self.date, self.next_id = author, date, start
        self.count = 0

    def make(self, tag: str) -> etree._Element:
        el = etree.Element(w(tag))
        el.set(w("id"), str(self.next_id))
        el.set(w("author"), self.author)
        if self.date:
            el.set(w("date"), self.date)
        self.next_id += 1
        self.count += 1
        return el


def content_units(p: etree._Element) -> list[etree._Element]:
    """The runs and loose content elements of a paragraph in order, looking into hyperlinks,
    simple fields, smart tags, custom XML and content controls."""
    out: list[etree._Element] = []

    def walk(parent):
        for el in parent:
            tag = el.tag
            if tag == R:
                out.append(el)
            elif tag in RUN_CONTAINERS:
                walk(el)
            elif tag in _MARKERS or not isinstance(tag, str):
                continue
            else:
                out.append(el)  # m:oMath, w:object and the like: one unit, one character

    walk(p)
    return out


# ---------------------------------------------------------------------------------------------
# Property keys

def _key(el: etree._Element | None, skip: frozenset = frozenset()) -> bytes:
    if el is None:
        return b""
    if skip and any(c.tag in skip for c in el):
        el = copy.copy(el)
        for c in [c for c in el if c.tag in skip]:
            el.remove(c)
    return etree.tostring(el) if len(el) or el.attrib else b""


_RPR_SKIP = frozenset({w("rPrChange")}) | _MARK_KINDS


def rpr_key(run: etree._Element) -> bytes:
    return _key(run.find(RPR) if run.tag == R else None, _RPR_SKIP)


def ppr_key(p: etree._Element) -> bytes:
    return _key(p.find(PPR), _PPR_OWN)


def mark_rpr_key(p: etree._Element) -> bytes:
    ppr = p.find(PPR)
    return _key(ppr.find(RPR) if ppr is not None else None, _RPR_SKIP)


def _base_copy(el: etree._Element | None, tag: str, skip: frozenset) -> etree._Element:
    out = etree.Element(w(tag))
    if el is not None:
        for c in el:
            if c.tag not in skip and isinstance(c.tag, str):
                out.append(copy.deepcopy(c))
        for k, v in el.attrib.items():
            out.set(k, v)
    return out


def _first_child(parent: etree._Element, tag: str) -> etree._Element:
    """``parent``'s ``tag`` child, made as its first child when it has none (pPr, rPr)."""
    child = parent.find(tag)
    if child is None:
        child = etree.Element(tag)
        parent.insert(0, child)
    return child


def _ensure_ppr(p: etree._Element) -> etree._Element:
    return _first_child(p, PPR)


def _ensure_mark_rpr(p: etree._Element) -> etree._Element:
    ppr = _ensure_ppr(p)
    rpr = ppr.find(RPR)
    if rpr is None:
        rpr = etree.Element(RPR)
        after = ppr.find(w("sectPr"))
        if after is None:
            after = ppr.find(w("pPrChange"))
        if after is not None:
            after.addprevious(rpr)
        else:
            ppr.append(rpr)
    return rpr


def ensure_rpr(run: etree._Element) -> etree._Element:
    return _first_child(run, RPR)


def add_rpr_change(rpr: etree._Element, old: etree._Element | None, revs: Revisions) -> None:
    """``w:rPrChange`` (last in ``rpr``) holding OLD's properties."""
    change = revs.make("rPrChange")
    change.append(_base_copy(old, "rPr", _RPR_SKIP))
    rpr.append(change)


def add_ppr_change(p: etree._Element, old_p: etree._Element, revs: Revisions) -> None:
    change = revs.make("pPrChange")
    change.append(_base_copy(old_p.find(PPR), "pPr", _PPR_OWN))
    _ensure_ppr(p).append(change)


def add_mark_rpr_change(p: etree._Element, old_p: etree._Element, revs: Revisions) -> None:
    old_ppr = old_p.find(PPR)
    add_rpr_change(_ensure_mark_rpr(p), old_ppr.find(RPR) if old_ppr is not None else None, revs)


def mark_paragraph_mark(p: etree._Element, kind: str, revs: Revisions) -> None:
    """Mark the paragraph mark inserted or deleted (``w:pPr/w:rPr/w:ins|w:del``)."""
    rpr = _ensure_mark_rpr(p)
    mark = revs.make(kind)
    order = ("ins", "del", "moveFrom", "moveTo")  # their order in CT_ParaRPr, before the rest
    earlier = [c for c in rpr if c.tag in {w(t) for t in order[:order.index(kind)]}]
    if earlier:
        earlier[-1].addnext(mark)
    else:
        rpr.insert(0, mark)


def has_section_break(p: etree._Element) -> bool:
    ppr = p.find(PPR)
    return ppr is not None and ppr.find(w("sectPr")) is not None


def move_mark(last: etree._Element, before: etree._Element, kind: str, revs: Revisions,
              add: str | None = None) -> None:
    """Move the ``kind`` mark of ``last``'s paragraph mark to ``before``'s (as ``add``: "ins"
    or "del", for a move's mark); ``last`` takes ``before``'s paragraph properties, its own kept
    in a ``w:pPrChange`` (for an insertion) or the other way round (for a deletion), so each
    view shows each paragraph as it was."""
    rpr = _ensure_mark_rpr(last)
    for m in rpr.findall(w(kind)):
        rpr.remove(m)
    kind = add or kind
    mark_paragraph_mark(before, kind, revs)
    ppr = _ensure_ppr(last)
    mine = _base_copy(ppr, "pPr", _PPR_OWN)
    theirs = _base_copy(before.find(PPR), "pPr", _PPR_OWN)
    if etree.tostring(mine) == etree.tostring(theirs):
        return
    keep = [c for c in ppr if c.tag in _PPR_OWN]
    for c in list(ppr):
        ppr.remove(c)
    if kind == "ins":  # the merged paragraph is OLD's `before`: it shows with `before`'s properties
        shown, kept = mine, theirs
    else:  # the merged paragraph is NEW's `before` in the accept view
        shown, kept = theirs, mine
    for c in shown:
        ppr.append(c)
    for c in keep:
        if c.tag != w("pPrChange"):
            ppr.append(c)
    change = revs.make("pPrChange")
    change.append(kept)
    ppr.append(change)


def add_sectpr_change(new: etree._Element, old: etree._Element, revs: Revisions) -> None:
    skip = frozenset({w("headerReference"), w("footerReference"), w("sectPrChange")})
    change = revs.make("sectPrChange")
    change.append(_base_copy(old, "sectPr", skip))
    new.append(change)


# table properties: (holder tag, change tag, the children a change record leaves out, position)
_TABLE_PROPS = {
    "tblPr": ("tblPrChange", frozenset({w("tblPrChange")})),
    "tblGrid": ("tblGridChange", frozenset({w("tblGridChange")})),
    "trPr": ("trPrChange", frozenset({w("trPrChange"), w("ins"), w("del")})),
    "tcPr": ("tcPrChange", frozenset({w("tcPrChange"), w("cellIns"), w("cellDel"), w("cellMerge")})),
}


def mark_property_change(old_holder: etree._Element, new_holder: etree._Element, tag: str,
                         revs: Revisions) -> bool:
    """``w:tblPrChange`` / ``w:tblGridChange`` / ``w:trPrChange`` / ``w:tcPrChange`` when the
    properties ``tag`` of a table, row or cell differ (the change record last in them)."""
    change_tag, skip = _TABLE_PROPS[tag]
    old, new = old_holder.find(w(tag)), new_holder.find(w(tag))
    if _key(old, skip) == _key(new, skip):
        return False
    if new is None:
        new = etree.Element(w(tag))
        if tag in ("tblPr", "trPr", "tcPr"):
            first = new_holder.find(w("tblPrEx")) if tag == "trPr" else None
            if first is not None:
                first.addnext(new)
            else:
                new_holder.insert(0, new)
        else:
            new_holder.find(w("tblPr")).addnext(new)
    change = revs.make(change_tag)
    base = _base_copy(old, tag, skip)
    if tag == "tblGrid":
        base.attrib.clear()
        for k in list(change.attrib):
            if k != w("id"):
                del change.attrib[k]  # CT_Markup: an id only
    change.append(base)
    new.append(change)
    return True


def sectpr_key(el: etree._Element | None) -> bytes:
    return _key(el, frozenset({w("headerReference"), w("footerReference"), w("sectPrChange")}))


# ---------------------------------------------------------------------------------------------
# Whole paragraphs, rows and blocks

def to_deleted(el: etree._Element) -> None:
    """Text elements of deleted content become ``w:delText`` / ``w:delInstrText``."""
    for t in list(el.iter(T, w("instrText"))):
        t.tag = _DEL_TEXT[t.tag]


def wrap_units(units: list[etree._Element], kind: str, revs: Revisions) -> None:
    """Wrap content units in ``w:ins`` / ``w:del``: consecutive siblings share one wrapper."""
    prev_parent, wrapper, last = None, None, None
    for u in units:
        parent = u.getparent()
        if parent is None:
            continue
        if wrapper is None or parent is not prev_parent or u.getprevious() is not last:
            wrapper = revs.make(kind)
            u.addprevious(wrapper)
        wrapper.append(u)
        prev_parent, last = parent, wrapper
    if kind == "del":
        for u in units:
            to_deleted(u)


def mark_paragraph(p: etree._Element, kind: str, revs: Revisions) -> None:
    """A whole paragraph inserted or deleted: its content and its mark."""
    wrap_units([u for u in content_units(p) if not _marked(u)], kind, revs)
    mark_paragraph_mark(p, kind, revs)


def _marked(unit: etree._Element) -> bool:
    return unit.tag in _MARK_KINDS


def mark_row(tr: etree._Element, kind: str, revs: Revisions) -> None:
    """A table row inserted or deleted (``w:trPr/w:ins|w:del``), its cells' content with it."""
    trpr = tr.find(w("trPr"))
    if trpr is None:
        trpr = etree.Element(w("trPr"))
        ex = tr.find(w("tblPrEx"))
        if ex is not None:
            ex.addnext(trpr)
        else:
            tr.insert(0, trpr)
    mark = revs.make(kind)
    change = trpr.find(w("trPrChange"))
    if change is not None:
        change.addprevious(mark)
    else:
        trpr.append(mark)


def mark_block(el: etree._Element, kind: str, revs: Revisions) -> None:
    """A block inserted or deleted whole: every paragraph (text boxes are inside their runs)
    and every table row in it."""
    txbx = w("txbxContent")
    paragraphs = [p for p in el.iter(w("p")) if not _inside(p, txbx, el)]
    for p in paragraphs:
        mark_paragraph(p, kind, revs)
    for tr in el.iter(w("tr")):
        if not _inside(tr, txbx, el):
            mark_row(tr, kind, revs)


def _inside(el: etree._Element, tag: str, top: etree._Element) -> bool:
    for anc in el.iterancestors():
        if anc is top:
            return False
        if anc.tag == tag:
            return True
    return False


def clean_copy(el: etree._Element) -> etree._Element:
    """A deep copy of OLD content to insert into NEW: bookmarks, comment anchors, permissions
    and proofing marks (they point at OLD's) and Word's paragraph ids are dropped."""
    out = copy.deepcopy(el)
    for x in list(out.iter(*STRIP_FROM_COPIES)):
        parent = x.getparent()
        if parent is not None:
            parent.remove(x)
    paraid, textid = f"{{{W14_NS}}}paraId", f"{{{W14_NS}}}textId"
    for x in out.iter():
        if paraid in x.attrib:
            del x.attrib[paraid]
        if textid in x.attrib:
            del x.attrib[textid]
    for sect in out.iter(w("sectPr")):
        for ref in sect.findall(w("headerReference")) + sect.findall(w("footerReference")):
            sect.remove(ref)
    return out


def relationship_uses(el: etree._Element) -> list[tuple[etree._Element, str, str]]:
    """(element, attribute, relationship id) of every r: attribute under ``el``."""
    prefix = f"{{{R_NS}}}"
    return [(x, k, v) for x in el.iter() for k, v in x.attrib.items() if k.startswith(prefix)]
