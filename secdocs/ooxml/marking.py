"""Revision marks put into WordprocessingML in place: run splitting, ``w:ins`` / ``w:del``,
paragraph-mark and row marks, ``w:rPrChange`` / ``w:pPrChange`` / ``w:sectPrChange``.

A paragraph is read as a string (:func:`flatten`): each character of a ``w:t`` is itself, a
tab, line break or non-breaking hyphen its character, and every other run item (a field
character, a drawing, a note reference, a symbol) one private-use character standing for its
XML, so the plain word diff of :mod:`secdocs.diff` sees objects as words. :func:`mark_paragraph`
then rebuilds only the runs the diff touches: a run whose text changed in part is split into
pieces that keep its properties; inserted pieces go in ``w:ins``; deleted text comes back from
OLD's runs (with OLD's run properties) in ``w:del`` at its place; equal text whose run
properties changed gets ``w:rPrChange``. Accepting every mark gives NEW's runs exactly,
rejecting every mark OLD's.
"""

from __future__ import annotations

import bisect
import copy
from dataclasses import dataclass, field
from typing import Callable

from lxml import etree

from ..diff import DELETE, EQUAL, diff_words
from .namespaces import R_NS, XML_NS
from .wordml import w

W14_NS = "http://schemas.microsoft.com/office/word/2010/wordml"

R, T, RPR, PPR = w("r"), w("t"), w("rPr"), w("pPr")
_CHAR = {w("tab"): "\t", w("cr"): "\n", w("noBreakHyphen"): "\u2011", w("softHyphen"): "\u00ad"}
_NO_CHAR = frozenset({RPR, w("lastRenderedPageBreak"), w("commentReference"), w("annotationRef")})
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
_STRIP_FROM_COPIES = frozenset(w(t) for t in (
    "bookmarkStart", "bookmarkEnd", "commentRangeStart", "commentRangeEnd", "commentReference", "proofErr",
    "permStart", "permEnd"))
_DEL_TEXT = {T: w("delText"), w("instrText"): w("delInstrText")}
_MARK_KINDS = frozenset(w(t) for t in ("ins", "del", "moveFrom", "moveTo"))
_PPR_OWN = frozenset({RPR, w("sectPr"), w("pPrChange")})
_XML_SPACE = f"{{{XML_NS}}}space"


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


class ObjectChars:
    """One private-use character per distinct run object (by its XML), shared by both sides."""

    def __init__(self):
        self._table: dict[object, str] = {}

    def char(self, key: object) -> str:
        ch = self._table.get(key)
        if ch is None:
            n = len(self._table)
            ch = self._table[key] = chr(0xE000 + n) if n < 6400 else chr(0xF0000 + n - 6400)
        return ch


@dataclass
class Flat:
    """A paragraph as a string; ``units[k]`` is (run, item) of character k (item: a run child;
    for ``w:t``, ``offs[k]`` is the offset in its text)."""

    text: str = ""
    runs: list = field(default_factory=list)   # per character: its run (or a loose element)
    items: list = field(default_factory=list)  # per character: the run child
    offs: list = field(default_factory=list)   # per character: offset in a w:t
    order: list = field(default_factory=list)  # every content unit in order (runs with no characters too)


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


KeyFn = Callable[[etree._Element], object]


def flatten(p: etree._Element, objects: ObjectChars, key: KeyFn | None = None) -> Flat:
    """:class:`Flat` of a paragraph; ``key`` gives the identity of an object item (its XML by
    default; a note reference by the note it points at)."""
    f = Flat()
    text, runs, items, offs = [], f.runs, f.items, f.offs
    for unit in content_units(p):
        f.order.append(unit)
        children = list(unit) if unit.tag == R else [unit]
        for item in children:
            tag = item.tag
            if tag == T:
                s = item.text or ""
                text.append(s)
                runs.extend([unit] * len(s))
                items.extend([item] * len(s))
                offs.extend(range(len(s)))
                continue
            if tag in _NO_CHAR or not isinstance(tag, str):
                continue
            ch = _CHAR.get(tag)
            if ch is None:
                if tag == w("br") and not item.attrib:
                    ch = "\n"
                else:
                    k = key(item) if key is not None else None
                    ch = objects.char(k if k is not None else etree.tostring(item))
            text.append(ch)
            runs.append(unit)
            items.append(item)
            offs.append(0)
    f.text = "".join(text)
    return f


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


def _ensure_ppr(p: etree._Element) -> etree._Element:
    ppr = p.find(PPR)
    if ppr is None:
        ppr = etree.Element(PPR)
        p.insert(0, ppr)
    return ppr


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


def _ensure_rpr(run: etree._Element) -> etree._Element:
    rpr = run.find(RPR)
    if rpr is None:
        rpr = etree.Element(RPR)
        run.insert(0, rpr)
    return rpr


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


def _wrap(units: list[etree._Element], kind: str, revs: Revisions) -> None:
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
    _wrap([u for u in content_units(p) if not _marked(u)], kind, revs)
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
    for x in list(out.iter(*_STRIP_FROM_COPIES)):
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


# ---------------------------------------------------------------------------------------------
# A changed paragraph

@dataclass
class ParagraphDiff:
    ops: list[tuple[str, str]]
    text_changed: bool
    format_changed: bool


def diff_paragraph(old: Flat, new: Flat) -> ParagraphDiff:
    ops = diff_words(old.text, new.text) if old.text != new.text else [(EQUAL, new.text)] if new.text else []
    changed = any(op != EQUAL for op, _ in ops)
    fmt = False
    if not changed:
        keys: dict[int, bytes] = {}

        def k(run):
            got = keys.get(id(run))
            if got is None:
                got = keys[id(run)] = rpr_key(run)
            return got

        fmt = any(k(a) != k(b) for a, b in zip(old.runs, new.runs))
    return ParagraphDiff(ops, changed, fmt)


def mark_changed_paragraph(new_p: etree._Element, old: Flat, new: Flat, ops: list[tuple[str, str]],
                           revs: Revisions, prepare_deleted: Callable[[etree._Element], None]) -> None:
    """Mark NEW's paragraph with the word diff ``ops`` against OLD (see the module docstring).
    ``prepare_deleted`` fixes up each copied OLD run (relationships, note references)."""
    n = len(new.text)
    state = [""] * n          # "=" equal, "+" inserted
    old_at = [-1] * n         # for equal characters: the OLD character
    anchors: dict[int, tuple[int, int]] = {}  # NEW position → OLD range deleted there
    breaks = set()            # NEW positions where a piece may start: op edges, OLD run edges
    old_edges = [k for k in range(1, len(old.runs)) if old.runs[k] is not old.runs[k - 1]]
    io = jn = 0
    for op, s in ops:
        m = len(s)
        breaks.add(jn)
        if op == EQUAL:
            state[jn:jn + m] = ["="] * m
            old_at[jn:jn + m] = range(io, io + m)
            lo_e, hi_e = bisect.bisect_right(old_edges, io), bisect.bisect_left(old_edges, io + m)
            breaks.update(jn + e - io for e in old_edges[lo_e:hi_e])
            io += m
            jn += m
        elif op == DELETE:
            lo, hi = anchors.get(jn, (io, io))
            anchors[jn] = (lo, io + m)
            io += m
        else:
            state[jn:jn + m] = ["+"] * m
            jn += m
    breaks = sorted(breaks)
    rkeys: dict[int, bytes] = {}

    def key(run):
        got = rkeys.get(id(run))
        if got is None:
            got = rkeys[id(run)] = rpr_key(run)
        return got

    def label(i: int):
        if state[i] == "+":
            return ("+", None)
        orun = old.runs[old_at[i]]
        return ("=", orun if key(orun) != key(new.runs[i]) else None)

    # character ranges of each NEW unit
    ranges: dict[int, list[int]] = {}
    prev_run, start = None, 0
    for i, run in enumerate(new.runs):
        if run is not prev_run:
            if prev_run is not None:
                ranges[id(prev_run)] = [start, i]
            prev_run, start = run, i
    if prev_run is not None:
        ranges[id(prev_run)] = [start, n]
    last_unit = None
    for unit in new.order:
        r = ranges.get(id(unit))
        if r is None:
            continue
        last_unit = unit
        c0, c1 = r
        cuts, labels = [c0], [label(c0)]
        for b in breaks[bisect.bisect_right(breaks, c0):bisect.bisect_left(breaks, c1)]:
            lab = label(b)
            if lab != labels[-1] or b in anchors:
                cuts.append(b)
                labels.append(lab)
        cuts.append(c1)
        if len(cuts) == 2 and labels[0] == ("=", None) and c0 not in anchors:
            continue
        pieces = _split_unit(unit, new, cuts)
        for (p0, _), piece, lab in zip(zip(cuts, cuts[1:]), pieces, labels):
            if p0 in anchors:
                unit.addprevious(_deleted_runs(old, *anchors[p0], revs, prepare_deleted))
            if lab[0] == "+":
                _place_wrapped(unit, piece, revs)
            else:
                if lab[1] is not None:
                    add_rpr_change(_ensure_rpr(piece), lab[1].find(RPR), revs)
                unit.addprevious(piece)
        unit.getparent().remove(unit)
    if n in anchors:
        d = _deleted_runs(old, *anchors[n], revs, prepare_deleted)
        if last_unit is not None and last_unit.getparent() is None:
            last_unit = None
        if last_unit is None:
            units = content_units(new_p)
            last_unit = units[-1] if units else None
        if last_unit is not None:
            last_unit.addnext(d)
        else:
            new_p.append(d)


def _place_wrapped(unit: etree._Element, piece: etree._Element, revs: Revisions) -> None:
    prev = unit.getprevious()
    if prev is not None and prev.tag == w("ins") and prev.get("_secdocs") == "1":
        prev.append(piece)
        return
    wrapper = revs.make("ins")
    wrapper.set("_secdocs", "1")
    wrapper.append(piece)
    unit.addprevious(wrapper)


def strip_private(root: etree._Element) -> None:
    """Remove the working attribute that marks our own ``w:ins`` wrappers."""
    for el in root.iter(w("ins")):
        if "_secdocs" in el.attrib:
            del el.attrib["_secdocs"]


def _split_unit(unit: etree._Element, flat: Flat, cuts: list[int]) -> list[etree._Element]:
    """Copies of a run holding the characters between consecutive cuts (properties copied);
    a loose element (not a run) is its own single piece."""
    if unit.tag != R:
        return [unit]
    pieces = []
    for _ in cuts[:-1]:
        r = etree.Element(R, attrib=dict(unit.attrib))
        rpr = unit.find(RPR)
        if rpr is not None:
            r.append(copy.deepcopy(rpr))
        pieces.append(r)
    last = len(pieces) - 1

    def piece_at(pos: int) -> int:
        return max(0, min(bisect.bisect_right(cuts, pos) - 1, last))

    pos = cuts[0]
    for item in unit:
        tag = item.tag
        if tag == RPR:
            continue
        if tag == T:
            s = item.text or ""
            start, end = pos, pos + len(s)
            while start < end:
                k = piece_at(start)
                stop = min(end, cuts[k + 1]) if k < last else end
                part = s[start - pos: stop - pos]
                t = etree.SubElement(pieces[k], T)
                t.text = part
                if part != part.strip():
                    t.set(_XML_SPACE, "preserve")
                start = stop
            pos = end
            continue
        pieces[piece_at(pos)].append(copy.deepcopy(item))
        if tag not in _NO_CHAR and isinstance(tag, str):
            pos += 1
    return pieces


def _deleted_runs(old: Flat, lo: int, hi: int, revs: Revisions,
                  prepare: Callable[[etree._Element], None]) -> etree._Element:
    """OLD's characters lo..hi as runs with OLD's properties inside one ``w:del``."""
    wrapper = revs.make("del")
    i = lo
    while i < hi:
        unit = old.runs[i]
        j = i
        while j < hi and old.runs[j] is unit:
            j += 1
        if unit.tag == R:
            r = etree.SubElement(wrapper, R)
            rpr = unit.find(RPR)
            if rpr is not None:
                r.append(copy.deepcopy(rpr))
            k = i
            while k < j:
                item = old.items[k]
                if item.tag == T:
                    e = k
                    while e < j and old.items[e] is item:
                        e += 1
                    t = etree.SubElement(r, w("delText"))
                    part = (item.text or "")[old.offs[k]: old.offs[k] + e - k]
                    t.text = part
                    if part != part.strip():
                        t.set(_XML_SPACE, "preserve")
                    k = e
                    continue
                if item.tag not in _STRIP_FROM_COPIES:
                    r.append(copy.deepcopy(item))
                k += 1
        else:
            wrapper.append(clean_copy(unit))
        i = j
    to_deleted(wrapper)
    for x in wrapper:
        prepare(x)
    return wrapper
