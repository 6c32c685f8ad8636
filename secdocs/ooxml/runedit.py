"""Edit the text of a paragraph inside its own runs: split a run, keep its formatting.

A paragraph's visible text (what the reader sees: ``w:t`` text, tabs, breaks, field results but
not field instructions, text boxes left out) is mapped to the elements that hold each character
(:func:`char_map`). :func:`splice` replaces a stretch of that text: the characters go from their
``w:t`` elements (runs left empty are dropped), and the new text goes into new runs that copy the
run properties of the text they stand next to (or replace), with bold, italic and underline set
where the new text's own format differs. Nothing else of the paragraph is touched: its other
runs, bookmarks, fields, comment anchors and properties stay as they were.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from lxml import etree

from ..errors import InPlaceError
from ..model import Run
from .styles import RPR_ORDER, insert_ordered
from .wordml import MC_NS, w

XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_SKIP = {w("pPr"), w("rPr"), w("txbxContent"), w("del"), w("moveFrom"), w("drawing"), w("pict"),
         w("object"), f"{{{MC_NS}}}Fallback"}
_CHARS = {w("tab"): "\t", w("ptab"): "\t", w("br"): "\n", w("cr"): "\n", w("noBreakHyphen"): "-"}


@dataclass
class Atom:
    """One character of the visible text: the element that holds it (a ``w:t`` and the offset
    in its text, or a one-character element such as ``w:tab``) and the run around it."""

    el: etree._Element
    offset: int  # -1 for a one-character element
    run: etree._Element


def char_map(p: etree._Element) -> list[Atom]:
    """The atoms of a paragraph's visible text, in order (see the module docstring)."""
    atoms: list[Atom] = []
    fields: list[str] = []
    _walk(p, atoms, fields)
    return atoms


def _walk(parent: etree._Element, atoms: list[Atom], fields: list[str]) -> None:
    for kid in parent:
        tag = kid.tag
        if not isinstance(tag, str) or tag in _SKIP:
            continue
        if tag == w("r"):
            _run(kid, atoms, fields)
        elif tag == w("p"):
            continue  # a paragraph inside this one (never directly: text boxes are skipped)
        else:
            _walk(kid, atoms, fields)


def _run(r: etree._Element, atoms: list[Atom], fields: list[str]) -> None:
    for kid in r:
        tag = kid.tag
        if tag == w("fldChar"):
            kind = kid.get(w("fldCharType"))
            if kind == "begin":
                fields.append("instruction")
            elif kind == "separate" and fields:
                fields[-1] = "result"
            elif kind == "end" and fields:
                fields.pop()
            continue
        if "instruction" in fields:
            continue
        if tag == w("t"):
            atoms.extend(Atom(kid, i, r) for i in range(len(kid.text or "")))
        elif tag in _CHARS:
            atoms.append(Atom(kid, -1, r))
        elif tag == w("sym"):
            atoms.append(Atom(kid, -1, r))


def atom_char(a: Atom) -> str:
    if a.offset >= 0:
        return a.el.text[a.offset]
    return _CHARS.get(a.el.tag, "\ufffd")


def visible_text(p: etree._Element) -> str:
    return "".join(atom_char(a) for a in char_map(p))


def splice(p: etree._Element, start: int, end: int, runs: list[Run], template_fmt: tuple | None = None,
           template_run: etree._Element | None = None) -> None:
    """Replace characters ``start:end`` of the paragraph's visible text with ``runs``.

    The new runs copy the run properties of the first replaced character (or, for a pure
    insertion, of the character before the point, else the one after it; ``template_run`` when
    the paragraph has no text). ``template_fmt`` is the (bold, italic, underline) the reader saw
    on that template text: where a new run's format differs, the property is set on its copy."""
    atoms = char_map(p)
    if not 0 <= start <= end <= len(atoms):
        raise InPlaceError(f"characters {start}:{end} are outside the paragraph's {len(atoms)}")
    if start < end:
        template = atoms[start].run
    elif start > 0:
        template = atoms[start - 1].run
    elif atoms:
        template = atoms[0].run
    else:
        template = template_run
    template_rpr = _rpr_of(template)
    # delete first (from the end, so earlier offsets stay valid), remembering the place
    place = _place_after(atoms, start) if start > 0 else _place_before(atoms, start, p)
    for a in reversed(atoms[start:end]):
        _remove_atom(a)
    new = [_new_run(r, template_rpr, template_fmt) for r in runs if r.text]
    parent, index = place()
    for n, r in enumerate(new):
        parent.insert(index + n, r)
    for a in atoms[start:end]:
        if a.offset >= 0:
            run = a.el.getparent()
            if run is not None and not a.el.text:
                run.remove(a.el)
                _drop_if_empty(run)
        else:
            _drop_if_empty(a.run)


def _rpr_of(run: etree._Element | None) -> etree._Element | None:
    if run is None:
        return None
    r_pr = run.find(w("rPr"))
    return copy.deepcopy(r_pr) if r_pr is not None else None


def _place_after(atoms: list[Atom], k: int):
    """A function giving (parent, index) just after character k-1, splitting its run there."""
    a = atoms[k - 1]

    def place() -> tuple[etree._Element, int]:
        run = a.run
        if a.el.getparent() is None and a.offset < 0:
            raise InPlaceError("the character before the insertion point was removed")
        tail = _split_after(run, a)
        parent = run.getparent()
        idx = parent.index(run) + 1
        if tail is not None:
            parent.insert(idx, tail)
        return parent, idx
    return place


def _place_before(atoms: list[Atom], k: int, p: etree._Element):
    """(parent, index) just before character k (k = 0: before the first text, or after the
    paragraph's properties when it has none)."""
    first = atoms[k] if k < len(atoms) else None

    def place() -> tuple[etree._Element, int]:
        if first is None or first.run.getparent() is None:
            idx = 1 if len(p) and p[0].tag == w("pPr") else 0
            return p, idx
        run = first.run
        tail = _split_before(run, first)
        parent = run.getparent()
        if tail is None:  # the character starts the run
            return parent, parent.index(run)
        idx = parent.index(run) + 1
        parent.insert(idx, tail)
        return parent, idx
    return place


def _split_after(run: etree._Element, a: Atom) -> etree._Element | None:
    """Split ``run`` after atom ``a``; the second half (or None when nothing follows)."""
    kids = list(run)
    i = kids.index(a.el)
    if a.offset >= 0 and a.offset + 1 < len(a.el.text or ""):
        head, rest = a.el.text[:a.offset + 1], a.el.text[a.offset + 1:]
        a.el.text = head
        _preserve(a.el)
        extra = [_t(rest)]
    else:
        extra = []
    after = kids[i + 1:]
    if not extra and not any(_content(k) for k in after):
        return None
    return _tail(run, extra, after)


def _split_before(run: etree._Element, a: Atom) -> etree._Element | None:
    """Split ``run`` before atom ``a``; the second half, or None when ``a`` starts the run."""
    kids = list(run)
    i = kids.index(a.el)
    before = kids[:i]
    if a.offset > 0:
        head, rest = a.el.text[:a.offset], a.el.text[a.offset:]
        a.el.text = head
        _preserve(a.el)
        return _tail(run, [_t(rest)], kids[i + 1:])
    if not any(_content(k) for k in before):
        return None
    return _tail(run, [], kids[i:])


def _tail(run: etree._Element, extra: list[etree._Element], moved: list[etree._Element]) -> etree._Element:
    tail = etree.Element(run.tag, attrib=dict(run.attrib), nsmap=run.nsmap)
    r_pr = run.find(w("rPr"))
    if r_pr is not None:
        tail.append(copy.deepcopy(r_pr))
    for el in extra:
        tail.append(el)
    for el in moved:
        if el.tag != w("rPr"):
            tail.append(el)  # moves it
    return tail


def _content(el: etree._Element) -> bool:
    return isinstance(el.tag, str) and el.tag != w("rPr")


def _t(text: str) -> etree._Element:
    t = etree.Element(w("t"))
    t.text = text
    _preserve(t)
    return t


def _preserve(t: etree._Element) -> None:
    text = t.text or ""
    if text != text.strip() or "  " in text:
        t.set(XML_SPACE, "preserve")


def _remove_atom(a: Atom) -> None:
    if a.offset < 0:
        parent = a.el.getparent()
        if parent is not None:
            parent.remove(a.el)
        return
    text = a.el.text or ""
    a.el.text = text[:a.offset] + text[a.offset + 1:]
    _preserve(a.el)


def _drop_if_empty(run: etree._Element) -> None:
    """Remove a run left with no content (or only empty w:t)."""
    parent = run.getparent()
    if parent is None:
        return
    for kid in run:
        if kid.tag == w("rPr"):
            continue
        if kid.tag == w("t") and not kid.text:
            continue
        return
    parent.remove(run)


def new_run(run: Run, template: etree._Element | None, fmt: tuple | None) -> etree._Element:
    """A run holding ``run``'s text with the run properties of ``template`` (a w:r), bold,
    italic and underline set where ``run`` differs from ``fmt`` (the template's format as read)."""
    return _new_run(run, _rpr_of(template), fmt)


def _new_run(run: Run, r_pr: etree._Element | None, fmt: tuple | None) -> etree._Element:
    r = etree.Element(w("r"))
    props = copy.deepcopy(r_pr) if r_pr is not None else None
    for tag in ("ins", "del", "rPrChange"):
        if props is not None:
            for el in props.findall(w(tag)):
                props.remove(el)
    want = (run.bold, run.italic, run.underline)
    if fmt is not None and tuple(fmt) != want:
        props = props if props is not None else etree.Element(w("rPr"))
        set_format(props, want, fmt)
    if props is not None and len(props):
        r.append(props)
    add_text(r, run.text)
    return r


def add_text(r: etree._Element, text: str) -> None:
    """Append ``text`` to a run as w:t, w:tab and w:br elements."""
    buf = ""
    for ch in text:
        if ch in "\t\n":
            if buf:
                r.append(_t(buf))
                buf = ""
            r.append(etree.Element(w("tab" if ch == "\t" else "br")))
        else:
            buf += ch
    if buf:
        r.append(_t(buf))


def set_format(r_pr: etree._Element, want: tuple, have: tuple) -> None:
    """Set w:b, w:i, w:u on run properties where ``want`` asks for one ``have`` lacks (an
    amendment's plain words joining bold text stay bold, as Word does when one types there)."""
    for name, on, was in zip(("b", "i", "u"), want, have):
        if on == was or not on:
            continue  # new words keep the formatting of the text they join; only marks asked for are added
        for el in r_pr.findall(w(name)):
            r_pr.remove(el)
        el = etree.Element(w(name))
        el.set(w("val"), ("single" if on else "none") if name == "u" else ("1" if on else "0"))
        insert_ordered(r_pr, el, RPR_ORDER)
