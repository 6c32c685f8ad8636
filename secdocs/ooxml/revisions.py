"""The accept view and the reject view of a WordprocessingML part with tracked changes.

A Word file may already carry revisions. Reading it "as is" would mix the old text with the
new, so the reader first turns every part it reads into one consistent view:

* ``accept`` — what the document says when every revision is accepted;
* ``reject`` — what it said before any of them.

Handled: run-level ``w:ins`` / ``w:del`` (with ``w:delText`` and ``w:delInstrText``), nested
``w:del`` inside ``w:ins``, moves (``w:moveFrom`` / ``w:moveTo`` and their range markers),
paragraph-mark insertions and deletions (``w:pPr/w:rPr/w:ins|w:del|w:moveFrom|w:moveTo``;
removing a paragraph mark joins the paragraph with the next one, which keeps the next
paragraph's properties, as Word does), inserted and deleted table rows (``w:trPr/w:ins|w:del``),
inserted and deleted cells (``w:cellIns`` / ``w:cellDel``), numbering inserted into a paragraph
(``w:numPr/w:ins``) and every property change record (``w:pPrChange``, ``w:rPrChange``,
``w:tblPrChange``, ``w:trPrChange``, ``w:tcPrChange``, ``w:tblGridChange``, ``w:sectPrChange``,
``w:tblPrExChange``): accepting drops the record, rejecting restores the old properties.

The result never mixes the views: :func:`leftover_revisions` finds any markup that is still
there, and :func:`apply_view` removes it (reporting it as a note) so a caller can warn.
"""

from __future__ import annotations

import copy

from lxml import etree

from .wordml import is_w, local, w

VIEWS = ("accept", "reject")

_CONTENT = ("ins", "del", "moveFrom", "moveTo")
_PROPERTY_CHANGES = ("pPrChange", "rPrChange", "tblPrChange", "trPrChange", "tcPrChange",
                     "tblGridChange", "sectPrChange", "tblPrExChange", "numberingChange")
_RANGE_MARKERS = ("moveFromRangeStart", "moveFromRangeEnd", "moveToRangeStart", "moveToRangeEnd",
                  "customXmlInsRangeStart", "customXmlInsRangeEnd", "customXmlDelRangeStart",
                  "customXmlDelRangeEnd", "customXmlMoveFromRangeStart", "customXmlMoveFromRangeEnd",
                  "customXmlMoveToRangeStart", "customXmlMoveToRangeEnd")
_CELL_MARKS = ("cellIns", "cellDel", "cellMerge")
# Children a property element keeps when its old version is restored: the old version
# (CT_PPrBase, CT_RPrOriginal, ...) never holds them.
_KEPT_ON_RESTORE = ("rPr", "sectPr", "ins", "del", "moveFrom", "moveTo", "cellIns", "cellDel",
                    "cellMerge", "numberingChange")
# Markup that means "a revision is still here".
REVISION_TAGS = _CONTENT + _PROPERTY_CHANGES + _RANGE_MARKERS + _CELL_MARKS + ("delText", "delInstrText")

# What each view removes ("drop") and what it keeps but unwraps ("keep").
_DROPPED = {"accept": ("del", "moveFrom"), "reject": ("ins", "moveTo")}
_KEPT = {"accept": ("ins", "moveTo"), "reject": ("del", "moveFrom")}
# Run content that shows something on the page.
_VISIBLE = ("t", "delText", "tab", "ptab", "br", "cr", "sym", "noBreakHyphen", "drawing", "pict", "object",
            "fldSimple", "instrText")
# Body-level markers that may sit between two paragraphs without separating them.
_INLINE_MARKERS = ("bookmarkStart", "bookmarkEnd", "commentRangeStart", "commentRangeEnd",
                   "permStart", "permEnd", "proofErr") + _RANGE_MARKERS


def apply_view(root: etree._Element, view: str, notes: list[str] | None = None) -> etree._Element:
    """A copy of a part's XML tree with every tracked change accepted or rejected.

    ``notes`` (when given) receives one line for each piece of revision markup that could not
    be resolved cleanly and was removed anyway.
    """
    if view not in VIEWS:
        raise ValueError(f"unknown view {view!r} (use 'accept' or 'reject')")
    clean = not has_revisions(root)
    root = copy.deepcopy(root)
    if clean:
        return root
    _property_changes(root, view)
    _numbering_marks(root, view)
    _table_rows(root, view)
    _table_cells(root, view)
    _content(root, view)
    _paragraph_marks(root, view)
    _remove_all(root, _RANGE_MARKERS)
    _clean_leftovers(root, view, notes)
    return root


def leftover_revisions(root: etree._Element) -> list[str]:
    """Local names of revision elements still present in a tree (empty for a clean view)."""
    return sorted({local(el) for el in root.iter() if is_w(el, *REVISION_TAGS)})


def count_revisions(root: etree._Element) -> dict[str, int]:
    """How many revision elements of each kind a tree holds (paragraph marks counted apart)."""
    counts: dict[str, int] = {}
    for el in root.iter():
        if is_w(el, *_CONTENT, *_PROPERTY_CHANGES, *_CELL_MARKS):
            name = local(el)
            if _is_paragraph_mark(el):
                name = "paragraph_mark_" + name
            counts[name] = counts.get(name, 0) + 1
    return counts


# ---------------------------------------------------------------------------------------------

_REVISION_CLARK = tuple(w(name) for name in REVISION_TAGS)


def has_revisions(root: etree._Element) -> bool:
    """Whether a tree holds any revision markup (a clean part needs no view: it is both)."""
    return next(root.iter(*_REVISION_CLARK), None) is not None


def _iter(root: etree._Element, *names: str) -> list[etree._Element]:
    return [el for el in root.iter(*(w(n) for n in names))]


def _remove(el: etree._Element) -> None:
    parent = el.getparent()
    if parent is not None:
        _keep_tail(el)
        parent.remove(el)


def _keep_tail(el: etree._Element) -> None:
    """Move an element's tail text to its previous sibling or parent before removing it."""
    if not el.tail:
        return
    prev = el.getprevious()
    if prev is not None:
        prev.tail = (prev.tail or "") + el.tail
    else:
        parent = el.getparent()
        parent.text = (parent.text or "") + el.tail


def _remove_all(root: etree._Element, names: tuple[str, ...]) -> None:
    for el in _iter(root, *names):
        _remove(el)


def unwrap(el: etree._Element) -> None:
    """Replace an element by its children (its tail text kept): the one unwrap of the ooxml layer."""
    parent = el.getparent()
    if parent is None:
        return
    index = parent.index(el)
    for offset, kid in enumerate(list(el)):
        parent.insert(index + offset, kid)
    _remove(el)


def _is_paragraph_mark(el: etree._Element) -> bool:
    parent = el.getparent()
    return parent is not None and is_w(parent, "rPr") and parent.getparent() is not None \
        and is_w(parent.getparent(), "pPr")


def _marker_parent(el: etree._Element) -> str:
    """The local name of a revision mark's parent when it is a property mark, else ""."""
    parent = el.getparent()
    if parent is None:
        return ""
    name = local(parent)
    return name if name in ("rPr", "trPr", "numPr", "tcPr", "pPr") else ""


# -- property changes --------------------------------------------------------------------------

def _property_changes(root: etree._Element, view: str) -> None:
    for change in _iter(root, *_PROPERTY_CHANGES):
        props = change.getparent()
        if props is None:
            continue
        if view == "accept" or local(change) == "numberingChange":
            _remove(change)
            continue
        old = next((kid for kid in change if isinstance(kid.tag, str)), None)
        _restore(props, change, old)


def _restore(props: etree._Element, change: etree._Element, old: etree._Element | None) -> None:
    """Replace the properties in ``props`` with the old ones recorded in ``change``."""
    old_kids = list(old) if old is not None else []
    old_names = {local(k) for k in old_kids}
    kept = [k for k in props if k is not change and local(k) in _KEPT_ON_RESTORE
            and local(k) not in old_names]
    for kid in list(props):
        props.remove(kid)
    for kid in old_kids:
        props.append(kid)
    for kid in kept:
        props.append(kid)


# -- numbering inserted into a paragraph --------------------------------------------------------

def _numbering_marks(root: etree._Element, view: str) -> None:
    for mark in _iter(root, "ins", "del"):
        if _marker_parent(mark) != "numPr":
            continue
        num_pr = mark.getparent()
        drop_numbering = (local(mark) == "ins") == (view == "reject")
        if drop_numbering:
            _remove(num_pr)
        else:
            _remove(mark)


# -- table rows and cells -----------------------------------------------------------------------

def _table_rows(root: etree._Element, view: str) -> None:
    for mark in _iter(root, "ins", "del"):
        if _marker_parent(mark) != "trPr":
            continue
        row = mark.getparent().getparent()
        if local(mark) in _DROPPED[view] and row is not None and is_w(row, "tr"):
            table = row.getparent()
            _remove(row)
            if table is not None and is_w(table, "tbl") and table.find(w("tr")) is None:
                _remove(table)
        else:
            _remove(mark)


def _table_cells(root: etree._Element, view: str) -> None:
    dropped = "cellDel" if view == "accept" else "cellIns"
    for mark in _iter(root, "cellIns", "cellDel"):
        tc_pr = mark.getparent()
        cell = tc_pr.getparent() if tc_pr is not None else None
        if local(mark) == dropped and cell is not None and is_w(cell, "tc"):
            _remove(cell)
        else:
            _remove(mark)


# -- inserted, deleted and moved content ---------------------------------------------------------

def _content(root: etree._Element, view: str) -> None:
    containers = [el for el in _iter(root, *_CONTENT) if not _marker_parent(el)]
    for el in containers:  # remove first, so a w:del inside a w:ins goes with it on reject
        if local(el) in _DROPPED[view] and _attached(el, root):
            _remove(el)
    for el in containers:
        if local(el) in _KEPT[view] and _attached(el, root):
            if view == "reject":
                _undelete_text(el)
            unwrap(el)


def _attached(el: etree._Element, root: etree._Element) -> bool:
    node = el
    while node is not None:
        if node is root:
            return True
        node = node.getparent()
    return False


def _undelete_text(container: etree._Element) -> None:
    for el in container.iter(w("delText"), w("delInstrText")):
        el.tag = w("t") if local(el) == "delText" else w("instrText")


# -- paragraph marks ----------------------------------------------------------------------------

def _paragraph_marks(root: etree._Element, view: str) -> None:
    for paragraph in _iter(root, "p"):
        r_pr = paragraph.find(f"{w('pPr')}/{w('rPr')}")
        if r_pr is None:
            continue
        marks = [k for k in r_pr if is_w(k, *_CONTENT)]
        if not marks:
            continue
        removed = any(local(k) in _DROPPED[view] for k in marks)
        for mark in marks:
            r_pr.remove(mark)
        if removed:
            _join_with_next(paragraph)


def _join_with_next(paragraph: etree._Element) -> None:
    """Remove a paragraph's mark: its content moves to the start of the next paragraph."""
    nxt = paragraph.getnext()
    while nxt is not None and (not isinstance(nxt.tag, str) or is_w(nxt, *_INLINE_MARKERS)):
        nxt = nxt.getnext()
    if nxt is None or not is_w(nxt, "p"):
        # Nothing to join with (the end of the body or a cell, or a table next). A paragraph
        # left with no content was wholly inserted (or deleted) and goes, if another paragraph
        # stays in its container; otherwise it keeps its mark, as in Word.
        parent = paragraph.getparent()
        others = parent is not None and any(is_w(k, "p", "tbl") for k in parent if k is not paragraph)
        if others and not any(is_w(el, *_VISIBLE) for el in paragraph.iter()):
            _remove(paragraph)
        return
    content = [k for k in paragraph if not is_w(k, "pPr")]
    p_pr = nxt.find(w("pPr"))
    index = 0 if p_pr is None else nxt.index(p_pr) + 1
    for offset, kid in enumerate(content):
        nxt.insert(index + offset, kid)
    _remove(paragraph)


# -- anything left --------------------------------------------------------------------------------

def _clean_leftovers(root: etree._Element, view: str, notes: list[str] | None) -> None:
    for el in list(root.iter(*_REVISION_CLARK)):
        if not _attached(el, root):
            continue
        name = local(el)
        if name in ("delText", "delInstrText"):
            if view == "accept":
                parent = el.getparent()
                _remove(el)
                if parent is not None and is_w(parent, "r") and not [k for k in parent if not is_w(k, "rPr")]:
                    _remove(parent)
                continue
            el.tag = w("t") if name == "delText" else w("instrText")
            continue
        if notes is not None:
            notes.append(f"revision markup w:{name} in an unexpected place "
                         f"(inside w:{local(el.getparent())}) was removed")
        if name in _KEPT[view] and len(el):
            unwrap(el)
        else:
            _remove(el)


__all__ = ["VIEWS", "REVISION_TAGS", "apply_view", "has_revisions", "leftover_revisions", "count_revisions"]
