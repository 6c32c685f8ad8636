"""A paragraph changed in part, marked word by word inside NEW's own runs.

A paragraph is read as a string (:func:`flatten`): each character of a ``w:t`` is itself, a
tab, line break or non-breaking hyphen its character, and every other run item (a field
character, a drawing, a note reference, a symbol) one private-use character standing for its
XML, so the plain word diff of :mod:`secdocs.diff.words` sees objects as words.
:func:`mark_changed_paragraph` then rebuilds only the runs the diff touches: a run whose text
changed in part is split into pieces that keep its properties; inserted pieces go in ``w:ins``;
deleted text comes back from OLD's runs (with OLD's run properties) in ``w:del`` at its place;
equal text whose run properties changed gets ``w:rPrChange``. Accepting every mark gives NEW's
runs exactly, rejecting every mark OLD's.
"""

from __future__ import annotations

import bisect
import copy
from dataclasses import dataclass, field
from typing import Callable

from lxml import etree

from ..diff.words import DELETE, EQUAL, diff_words
from .marking import (NO_CHAR, RPR, STRIP_FROM_COPIES, XML_SPACE, R, Revisions, T, add_rpr_change, clean_copy,
                      content_units, ensure_rpr, rpr_key, to_deleted)
from .wordml import w

_CHAR = {w("tab"): "\t", w("cr"): "\n", w("noBreakHyphen"): "\u2011", w("softHyphen"): "\u00ad"}


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
            if tag in NO_CHAR or not isinstance(tag, str):
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
        k = _rpr_keys()
        fmt = any(k(a) != k(b) for a, b in zip(old.runs, new.runs))
    return ParagraphDiff(ops, changed, fmt)


def _rpr_keys() -> Callable[[etree._Element], bytes]:
    """:func:`rpr_key`, worked out once per run (a run is asked for each of its characters)."""
    keys: dict[int, bytes] = {}

    def key(run):
        got = keys.get(id(run))
        if got is None:
            got = keys[id(run)] = rpr_key(run)
        return got

    return key


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
    key = _rpr_keys()

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
                    add_rpr_change(ensure_rpr(piece), lab[1].find(RPR), revs)
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
                    t.set(XML_SPACE, "preserve")
                start = stop
            pos = end
            continue
        pieces[piece_at(pos)].append(copy.deepcopy(item))
        if tag not in NO_CHAR and isinstance(tag, str):
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
                        t.set(XML_SPACE, "preserve")
                    k = e
                    continue
                if item.tag not in STRIP_FROM_COPIES:
                    r.append(copy.deepcopy(item))
                k += 1
        else:
            wrapper.append(clean_copy(unit))
        i = j
    to_deleted(wrapper)
    for x in wrapper:
        prepare(x)
    return wrapper
