"""WordprocessingML names and small helpers shared by the reader modules.

The reader's modules import this (the writer only its ``w``); it keeps the namespace strings
and the on/off and integer attribute rules of ECMA-376 in one place.
"""

from __future__ import annotations

import re

from lxml import etree

from ..workspace.limits import MAX_WORD_INT

from .namespaces import CP_NS, DC_NS, M_NS, MC_NS, R_NS, W_NS, W_NS_STRICT  # noqa: F401  (re-exported)


_CLARK: dict[str, str] = {}


def w(tag: str) -> str:
    """The Clark name of a WordprocessingML element or attribute: ``w("p")`` → ``{...}p``."""
    name = _CLARK.get(tag)
    if name is None:
        name = _CLARK[tag] = f"{{{W_NS}}}{tag}"
    return name


def local(el: etree._Element) -> str:
    """An element's local name ("" for comments and processing instructions)."""
    tag = el.tag
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def is_w(el: etree._Element, *names: str) -> bool:
    """Whether ``el`` is a w: element with one of the local names."""
    tag = el.tag
    return isinstance(tag, str) and tag.startswith(f"{{{W_NS}}}") and tag[len(W_NS) + 2:] in names


def attr(el: etree._Element | None, name: str, default: str | None = None) -> str | None:
    """A w: attribute of an element (``w:val`` by default usage), or the default."""
    if el is None:
        return default
    return el.get(w(name), default)


def child(el: etree._Element | None, name: str) -> etree._Element | None:
    """The first w: child of an element with a local name."""
    if el is None:
        return None
    return el.find(w(name))


def child_val(el: etree._Element | None, name: str, default: str | None = None) -> str | None:
    """``w:val`` of the first w: child named ``name``."""
    return attr(child(el, name), "val", default)


_INT_RE = re.compile(r"^\s*([+-]?)0*(\d+)\s*$")
_FLOAT_RE = re.compile(r"^\s*[+-]?(\d{1,40}(\.\d{0,40})?|\.\d{1,40})([eE][+-]?\d{1,4})?\s*$")


def int_val(value: str | None, default: int | None = None) -> int | None:
    """An integer attribute value, bounded before anyone counts with it: clamped to a 32-bit
    int (``limits.MAX_WORD_INT``, what ST_DecimalNumber allows) so that ``99999999999``, 5,000
    digits or ``1e300`` cost nothing; junk (``inf``, ``nan``, words) gives the default."""
    if value is None:
        return default
    m = _INT_RE.match(value)
    if m:
        digits = m.group(2)
        number = int(digits) if len(digits) <= 10 else MAX_WORD_INT
        return -min(number, MAX_WORD_INT) if m.group(1) == "-" else min(number, MAX_WORD_INT)
    if _FLOAT_RE.match(value):  # "12.0" or "1e3": Word writes integers, other producers not always
        number = float(value)
        return int(max(-MAX_WORD_INT, min(MAX_WORD_INT, number)))
    return default


def on_off(el: etree._Element | None) -> bool | None:
    """An ST_OnOff property element: None when absent, else its truth (``w:val`` 0/false/off)."""
    if el is None:
        return None
    value = el.get(w("val"))
    return value is None or value.lower() not in ("0", "false", "off", "none")


def underline(el: etree._Element | None) -> bool | None:
    """``w:u``: None when absent; False for ``w:val="none"``; True otherwise."""
    if el is None:
        return None
    return el.get(w("val"), "single").lower() != "none"


def normalise_strict(root: etree._Element) -> etree._Element:
    """Rename Strict-conformance WordprocessingML elements and attributes to Transitional."""
    strict = f"{{{W_NS_STRICT}}}"
    if next(root.iter(strict + "*"), None) is None:  # the common case, decided inside lxml
        return root
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag.startswith(strict):
            el.tag = w(el.tag[len(strict):])
        for key in list(el.attrib):
            if key.startswith(strict):
                el.set(w(key[len(strict):]), el.attrib.pop(key))
    return root


def first_children(parent: etree._Element, tags: frozenset[str]) -> dict[str, etree._Element]:
    """The first child of each of the given (Clark) tags, in one pass over the children: a
    property element's settings are read from the first occurrence, as Word does."""
    found: dict[str, etree._Element] = {}
    for kid in parent:
        tag = kid.tag
        if tag in tags and tag not in found:
            found[tag] = kid
    return found
