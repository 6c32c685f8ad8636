"""Small helpers for building WordprocessingML with lxml: names, elements, text.

The writer builds XML trees directly (not through python-docx objects) so that it controls
every element that carries meaning for the reader and for revision marks, and so that the
same model always gives the same XML.
"""

from __future__ import annotations

import re

from lxml import etree

from .namespaces import R_NS, W_NS, XML_NS
from .styles import PPR_ORDER, RPR_ORDER, insert_ordered, set_child  # noqa: F401  (re-exported for the writer)
from .wordml import w

NSMAP = {"w": W_NS, "r": R_NS}

_ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def el(tag: str, parent: etree._Element | None = None, **attrs: str | int) -> etree._Element:
    """A ``w:tag`` element with ``w:`` attributes, appended to parent when given."""
    node = etree.Element(w(tag), nsmap=NSMAP) if parent is None else etree.SubElement(parent, w(tag))
    for key, value in attrs.items():
        node.set(w(key), str(value))
    return node


def clean_text(text: str) -> str:
    """Text without the control characters XML 1.0 cannot hold."""
    return _ILLEGAL_XML.sub("", text)


def add_text(run: etree._Element, text: str, deleted: bool = False) -> None:
    """Append text to a ``w:r``: ``w:t`` (or ``w:delText``) pieces, ``w:tab`` for tabs and
    ``w:br`` for line breaks inside a paragraph."""
    tag = "delText" if deleted else "t"
    for i, line in enumerate(clean_text(text).split("\n")):
        if i:
            el("br", run)
        for j, piece in enumerate(line.split("\t")):
            if j:
                el("tab", run)
            if piece:
                t = el(tag, run)
                t.text = piece
                t.set(f"{{{XML_NS}}}space", "preserve")


def paragraph(style_id: str | None = None) -> etree._Element:
    """A new ``w:p``, with its style when given."""
    p = el("p")
    if style_id:
        el("pStyle", el("pPr", p), val=style_id)
    return p


def ppr_of(p: etree._Element) -> etree._Element:
    """The ``w:pPr`` of a paragraph (created first in the paragraph when missing)."""
    ppr = p.find(w("pPr"))
    if ppr is None:
        ppr = el("pPr")
        p.insert(0, ppr)
    return ppr


def serialise(root: etree._Element) -> bytes:
    """A part's bytes: redundant namespace declarations removed, UTF-8, standalone."""
    etree.cleanup_namespaces(root, top_nsmap=NSMAP)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
