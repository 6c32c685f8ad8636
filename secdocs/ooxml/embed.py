"""Another document's body copied in: the legal text as Annex A (and B) of the consultation document.

The legal text document is made by the redline engineer's renderer (``secdocs legal-text``,
``secdocs.render.legaltext``): the pack writes it beside the consultation as legal-text.docx
(native tracked changes), and this module copies the body of the same legal text Document,
written with static markup, into the consultation after the "Annex A" heading — the affected
provisions with their Part and cross-headings, redlined. Copying the renderer's own output
(rather than re-rendering the extracts here) keeps one source of truth for the legal text.

What copying a body into another document needs, and what is done here:

* the legal text's own cover and document control (its front matter) are left out: the
  consultation has its own cover; the annex starts at the first affected document's heading
  and runs to the end, so each document's drafting notes (an unmarked table the legal text puts
  after that document's extracts, saying it is not part of the legal text) are in the annex too;
* styles the copied paragraphs use but the consultation lacks are copied (with their basedOn
  chain) from the legal text's styles part — normally none, as both use templates/reference.docx;
* revision ids (``w:ins``/``w:del``/…) and bookmark ids are renumbered so they stay unique;
* headings are demoted one outline level (direct ``w:outlineLvl``), so in the navigation pane and
  the PDF bookmarks the affected documents sit under "Annex A";
* section breaks inside the copied body are dropped (the annex lives in the consultation's
  section), as are references to parts that are not copied (comments, notes, images: the
  legal text has none; hyperlinks keep their text).
"""

from __future__ import annotations

import copy
from typing import Callable

from lxml import etree

from ..errors import ConfigError
from .blocks_writer import Builder
from .emit import PPR_ORDER, insert_ordered
from .emit import w as _w
from .namespaces import R_NS
from .package import read_package
from .revisions import REVISION_TAGS, unwrap
from .stylecopy import copy_styles
from .stylesheet import StyleSheet

_REVISIONS = frozenset(_w(t) for t in REVISION_TAGS)  # their w:id is renumbered
DROP_TAGS = {_w(t) for t in ("commentRangeStart", "commentRangeEnd", "commentReference", "footnoteReference",
                             "endnoteReference", "drawing", "pict", "object")}


def _style_of(el: etree._Element) -> str:
    if el.tag == _w("p"):
        ps = el.find(f"{_w('pPr')}/{_w('pStyle')}")
        return ps.get(_w("val"), "") if ps is not None else ""
    return ""


def start_at_documents(doc_ids: list[str]) -> Callable[[list], int]:
    """The annex starts at the legal text's first heading naming an affected document
    ("Section A — Definitions and Interpretation"): everything before it — the cover, the
    document control table and "About this document" — is the legal text's own front matter."""

    def start(elements: list[etree._Element]) -> int:
        for i, el in enumerate(elements):
            if el.tag != _w("p") or "Heading" not in _style_of(el):
                continue
            text = "".join(el.itertext()).strip()
            if any(text == d or text.startswith(d + " ") for d in doc_ids):
                return i
        raise ConfigError("the legal text names none of the affected documents in a heading: "
                          "nothing to put in Annex A")

    return start


def embed_body(builder: Builder, data: bytes, start: Callable[[list], int] | int | None = None,
               name: str = "legal-text.docx") -> int:
    """Copy the body of the .docx ``data`` into the builder's document; returns elements copied."""
    pkg = read_package(data, name)
    root = pkg.xml(pkg.main_part)
    body = root.find(_w("body"))
    elements = [el for el in body if el.tag != _w("sectPr")]
    if callable(start):
        first = start(elements)
    else:
        first = start or 0
    chosen = [copy.deepcopy(el) for el in elements[first:]]
    while chosen and _blank(chosen[0]):  # page breaks and empty paragraphs that ended the front matter
        chosen.pop(0)
    src_styles = pkg.xml("word/styles.xml") if pkg.has("word/styles.xml") else None
    _copy_styles(builder, chosen, src_styles)
    counter = _next_ids(builder)
    bookmarks: dict[str, str] = {}
    levels = StyleSheet.parse(builder.doc.styles.element)
    for el in chosen:
        _clean(el, counter, bookmarks)
        _demote(el, levels)
    target = builder.doc.element.body
    sect = target.find(_w("sectPr"))
    for el in chosen:
        if sect is not None:
            sect.addprevious(el)
        else:
            target.append(el)
    return len(chosen)


def _blank(el: etree._Element) -> bool:
    return el.tag == _w("p") and not "".join(el.itertext()).strip()


def _next_ids(builder: Builder):
    used = []
    for el in builder.doc.element.body.iter():
        if isinstance(el.tag, str) and el.get(_w("id")) is not None:
            try:
                used.append(int(el.get(_w("id"))))
            except ValueError:
                pass
    state = {"next": max(used + [0]) + 1}

    def take() -> str:
        value = state["next"]
        state["next"] += 1
        return str(value)

    return take


def _clean(el: etree._Element, take, bookmarks: dict[str, str]) -> None:
    for node in list(el.iter()):
        if not isinstance(node.tag, str):
            continue
        if node.tag in DROP_TAGS:
            parent = node.getparent()
            if parent is not None:
                parent.remove(node)
            continue
        if node.tag == _w("sectPr") and node.getparent() is not None and node.getparent().tag == _w("pPr"):
            node.getparent().remove(node)
            continue
        if node.tag == _w("hyperlink"):
            unwrap(node)
            continue
        if node.tag in _REVISIONS and node.get(_w("id")) is not None:
            node.set(_w("id"), take())
        elif node.tag in (_w("bookmarkStart"), _w("bookmarkEnd")):
            old = node.get(_w("id"))
            if old not in bookmarks:
                bookmarks[old] = take()
            node.set(_w("id"), bookmarks[old])
        elif node.tag == _w("sdt"):
            sid = node.find(f"{_w('sdtPr')}/{_w('id')}")
            if sid is not None:
                sid.set(_w("val"), take())
        for attr in list(node.attrib):
            if attr.startswith(f"{{{R_NS}}}"):
                del node.attrib[attr]


def _demote(el: etree._Element, levels: StyleSheet) -> None:
    """Headings of the legal text sit one outline level below "Annex A" (navigation pane, PDF
    bookmarks): a direct w:outlineLvl one deeper than the paragraph style's."""
    for p in el.iter(_w("p")):
        ppr = p.find(_w("pPr"))
        if ppr is None or ppr.find(_w("outlineLvl")) is not None:
            continue
        style = ppr.find(_w("pStyle"))
        level = levels.outline_level(style.get(_w("val"), "") if style is not None else "Normal")
        if level is None:
            continue
        new = etree.Element(_w("outlineLvl"))
        new.set(_w("val"), str(min(level + 1, 8)))
        insert_ordered(ppr, new, PPR_ORDER)


def _copy_styles(builder: Builder, elements: list[etree._Element], src_styles: etree._Element | None) -> None:
    if src_styles is None:
        return
    wanted: list[str] = []
    for el in elements:
        for node in el.iter(_w("pStyle"), _w("rStyle"), _w("tblStyle")):
            wanted.append(node.get(_w("val"), ""))
    have = copy_styles(builder.doc.styles.element, src_styles, wanted)
    # a referenced style neither document defines is mapped to the default paragraph style
    for el in elements:
        for node in list(el.iter(_w("pStyle"), _w("rStyle"), _w("tblStyle"))):
            if node.get(_w("val"), "") not in have:
                node.getparent().remove(node)
