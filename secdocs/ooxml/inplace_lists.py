"""Numbering of the paragraphs an in-place edit inserts (``inplace``): the label a list shows.

* :func:`shown_label` — a number in the form its neighbours' automatic labels take ("1.1." →
  "1.1A."), kept only when a reader takes it back as that number (:func:`readable`);
* :func:`follows` and :func:`first` — whether a number is the list's next, or its first;
* :func:`set_numbering` and :func:`paragraph_indent` — a paragraph's ``w:numPr`` (numId 0: no
  list) and its ``w:ind`` read as (left, hanging);
* :class:`NewLists` — the one change to ``word/numbering.xml`` an in-place edit makes: a new
  instance (``w:num`` restarting a level of an existing ``w:abstractNum``) for a new provision that
  opens a list of its own, and the indentation and tab stops a list level gives its paragraphs.
"""

from __future__ import annotations

import copy

from lxml import etree

from ..structure.blocks import split_typed_label
from ..errors import InPlaceError, NumberingError
from ..model import Run
from ..model.numbering import guess_paren_format, parse_number, parse_paren
from .package import Package
from .styles import PPR_ORDER, insert_ordered
from .wordml import w

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_blank_text=False)
def shown_label(auto_text: str, template_number: str, number: str) -> str:
    """The label Word would show for ``number`` in the template's list: "1.1." → "1.1A."."""
    if template_number and template_number in auto_text:
        return auto_text.replace(template_number, number, 1)
    inner = template_number.strip("()")
    if inner and inner in auto_text:
        return auto_text.replace(inner, number.strip("()"), 1)
    return number


def readable(label: str, number: str) -> str:
    """``label`` if a reader takes it, typed, for ``number`` (so the next modification can cite
    what this one inserted), else ``number`` itself: "ba." → "(ba)", "2A." stays."""
    typed = split_typed_label([Run(label + "\tx")])
    if typed is not None and typed.label.rstrip(".") in (number, number.rstrip(".")):
        return label
    return number


def follows(prev: str, number: str) -> bool:
    """Whether ``number`` is the ordinal after ``prev`` with no suffix ((c) → (d), L1.21 → L1.22)."""
    try:
        if prev.startswith("("):
            fmt = guess_paren_format(prev)
            a, b = parse_paren(prev, fmt), parse_paren(number, guess_paren_format(number, prev))
        else:
            na, nb = parse_number(prev), parse_number(number)
            if na.prefix != nb.prefix or na.components[:-1] != nb.components[:-1]:
                return False
            a, b = na.components[-1], nb.components[-1]
    except (NumberingError, ValueError, IndexError):
        return False
    return b.ordinal == a.ordinal + 1 and not b.suffix


def paragraph_indent(ind: etree._Element | None) -> tuple[int | None, int | None]:
    """(left, hanging) of a w:ind; a first-line indent is a negative hanging."""
    if ind is None:
        return None, None

    def num(name: str) -> int | None:
        value = ind.get(w(name))
        try:
            return int(value) if value is not None else None
        except ValueError:
            return None
    left = num("left") if num("left") is not None else num("start")
    hanging = num("hanging")
    if hanging is None and num("firstLine") is not None:
        hanging = -num("firstLine")
    return left, hanging


def first(number: str) -> bool:
    """Whether a number is the first of its list: (a), (i), (A), (1), 1, x.1."""
    try:
        if number.startswith("("):
            return parse_paren(number, guess_paren_format(number)).ordinal == 1 and not \
                parse_paren(number, guess_paren_format(number)).suffix
        last = parse_number(number).components[-1]
    except (NumberingError, ValueError, IndexError):
        return False
    return last.ordinal == 1 and not last.suffix


def set_numbering(p: etree._Element, num_id: str, ilvl: str) -> None:
    p_pr = p.find(w("pPr"))
    if p_pr is None:
        p_pr = etree.Element(w("pPr"))
        p.insert(0, p_pr)
    for el in p_pr.findall(w("numPr")):
        p_pr.remove(el)
    num_pr = etree.Element(w("numPr"))
    etree.SubElement(num_pr, w("ilvl")).set(w("val"), ilvl)
    etree.SubElement(num_pr, w("numId")).set(w("val"), num_id)
    insert_ordered(p_pr, num_pr, PPR_ORDER)


class NewLists:
    """New instances of the document's lists (``w:num`` restarting a level of an existing list's
    ``w:abstractNum``): the one change to ``word/numbering.xml`` an in-place edit makes, and only
    when a new provision opens a list of its own ((a), (b) of a new definition)."""

    def __init__(self, package: Package):
        found = package.related(package.main_part, "numbering")
        self.part = found[0] if found else ""
        self._data = package.parts.get(self.part, b"")
        self._root: etree._Element | None = None
        self.changed = False

    def restart(self, num_id: str, ilvl: int) -> str:
        if not self.part:
            raise InPlaceError("no numbering part to start a new list in")
        if self._root is None:
            self._root = etree.fromstring(self._data, _PARSER)
        nums = self._root.findall(w("num"))
        source = next((n for n in nums if n.get(w("numId")) == num_id), None)
        if source is None or source.find(w("abstractNumId")) is None:
            raise InPlaceError(f"list {num_id} is not in {self.part}")
        new_id = str(max(int(n.get(w("numId"), "0")) for n in nums) + 1)
        num = etree.Element(w("num"))
        num.set(w("numId"), new_id)
        etree.SubElement(num, w("abstractNumId")).set(w("val"), source.find(w("abstractNumId")).get(w("val")))
        override = etree.SubElement(num, w("lvlOverride"))
        override.set(w("ilvl"), str(ilvl))
        etree.SubElement(override, w("startOverride")).set(w("val"), "1")
        nums[-1].addnext(num)
        self.changed = True
        return new_id

    def level_properties(self, num_id: str, ilvl: int) -> list[etree._Element]:
        """Copies of the w:ind and w:tabs a list level gives its paragraphs (an override's
        level first, else the abstract list's)."""
        if not self.part:
            return []
        if self._root is None:
            self._root = etree.fromstring(self._data, _PARSER)
        num = next((n for n in self._root.findall(w("num")) if n.get(w("numId")) == num_id), None)
        if num is None:
            return []
        levels = [o.find(w("lvl")) for o in num.findall(w("lvlOverride")) if o.get(w("ilvl")) == str(ilvl)]
        abstract_id = num.find(w("abstractNumId"))
        abstract = next((a for a in self._root.findall(w("abstractNum")) if abstract_id is not None
                         and a.get(w("abstractNumId")) == abstract_id.get(w("val"))), None)
        if abstract is not None:
            levels += [lv for lv in abstract.findall(w("lvl")) if lv.get(w("ilvl")) == str(ilvl)]
        for lvl in levels:
            p_pr = lvl.find(w("pPr")) if lvl is not None else None
            if p_pr is not None and p_pr.find(w("ind")) is not None:
                return [copy.deepcopy(el) for el in p_pr if el.tag in (w("ind"), w("tabs"))]
        return []

    def bytes(self) -> bytes:
        return etree.tostring(self._root, xml_declaration=True, encoding="UTF-8",
                              standalone=True if b'standalone="yes"' in self._data[:200] else None)
