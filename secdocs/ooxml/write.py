"""Document → .docx: clean, tracked (native revisions) or static (coloured) markup.

The output is built on the house ``reference.docx`` (``secdocs/templates/``, see ``resources.py``) (the house style, see ``styles.py``):
its styles, theme, settings and page set-up are kept, and the writer replaces the body, adds
a header (``{id} — {title}`` and an optional banner line), a footer (``Version {version}`` and
``Page {PAGE} of {NUMPAGES}``), a cover page without header and footer text other than the
banner, and the core properties taken from the Document (never the clock).

The same Document gives the same bytes: the parts are generated without random ids, rsids or
timestamps, and the zip is written with fixed member order and dates (``package_bytes``).
"""

from __future__ import annotations

import dataclasses
import os
from functools import lru_cache
from pathlib import Path

from lxml import etree

from ..model import Document
from ..resources import reference_docx
from ..structure.house import BANNER, CROSS_HEADING, HEADINGS, PART
from .body import BodyBuilder, parse_date
from .emit import PPR_ORDER, R_NS, add_text, el, paragraph, ppr_of, serialise, set_child, w
from .markup import Markup
from .namespaces import CT_NS as _CT_NS, REL_NS as _REL_NS, XML_NS
from .package import atomic_file, ordinary_permissions, package_bytes, read_package
from .styles import style_id

_HEADER_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header"
_FOOTER_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer"
_HEADER_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"
_FOOTER_CT = "application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"
_SECTPR_TAIL = ("footnotePr endnotePr type pgSz pgMar paperSrc pgBorders lnNumType pgNumType cols formProt "
                "vAlign noEndnote titlePg textDirection bidi rtlGutter docGrid printerSettings "
                "sectPrChange").split()

AFTER_TABLE = 200  # twips of space above the paragraph that follows a table

# (part name, relationship id, kind, sectPr reference type)
_HEADER_FOOTER_PARTS = (
    ("word/header1.xml", "rIdSecHeaderDefault", "header", "default"),
    ("word/header2.xml", "rIdSecHeaderFirst", "header", "first"),
    ("word/footer1.xml", "rIdSecFooterDefault", "footer", "default"),
    ("word/footer2.xml", "rIdSecFooterFirst", "footer", "first"),
)


def write_docx(doc: Document, path: str | os.PathLike, *, markup: str = "tracked",
               colours: dict[str, str] | None = None, banner: str | None = None,
               template: str | os.PathLike | None = None) -> None:
    """Write ``doc`` to ``path`` atomically (nothing is left behind if anything fails).

    ``markup`` decides how runs, provisions and definitions carrying a ``Change`` look:
    ``"tracked"`` (native Word revisions) or ``"static"`` (coloured underline and
    strikethrough; ``colours`` overrides ``{"ins": "0000FF", "del": "FF0000"}``). ``banner``
    adds a line such as "Representative text — not the official SEC" to every page header.
    """
    data = docx_bytes(doc, markup=markup, colours=colours, banner=banner, template=template)
    save_bytes(path, data)


def save_bytes(path: str | os.PathLike, data: bytes) -> None:
    """Write a file atomically with the usual permissions (rw for the owner, r for others,
    as the umask allows) rather than the private mode of a temporary file."""
    with atomic_file(path) as tmp:
        tmp.write_bytes(data)
        ordinary_permissions(tmp)


def docx_bytes(doc: Document, *, markup: str = "tracked", colours: dict[str, str] | None = None,
               banner: str | None = None, template: str | os.PathLike | None = None) -> bytes:
    """The .docx of ``doc`` as bytes (see ``write_docx``); identical for identical input."""
    marker = Markup(markup, colours)
    parts = dict(_template_parts(str(template) if template else None))
    blocks = BodyBuilder(doc, marker).build()
    parts["word/document.xml"] = _document_xml(parts["word/document.xml"], blocks)
    unmarked = _unmarked_metadata(doc)
    for name, content in _header_footer_xml(unmarked, banner).items():
        parts[name] = content
    parts["word/_rels/document.xml.rels"] = _with_relationships(parts["word/_rels/document.xml.rels"])
    parts["[Content_Types].xml"] = _with_content_types(parts["[Content_Types].xml"])
    parts["docProps/core.xml"] = _core_xml(unmarked)
    return package_bytes(parts)


def _unmarked_metadata(doc: Document) -> Document:
    """The metadata the header, footer and core properties show, which carry no revision marks.

    They show the document's own (new) values — a redline's running header names the version it
    was made for — except a value the old version did not have (a cover line the redline
    inserts), which is left out: a reader takes metadata from the cover first and from these
    only when the cover lacks it, so neither view of the redline finds there a value its version
    did not have."""
    blank = {name: "" for name, changed in doc.meta_changes.items() if not changed.old}
    return dataclasses.replace(doc, **blank) if blank else doc


# ---------------------------------------------------------------------------------------------
# Template

@lru_cache(maxsize=4)
def _template_parts(template: str | None) -> tuple[tuple[str, bytes], ...]:
    """The parts of the reference document: ``template``, else the package's house style (a
    missing one is an error, never a silent fallback)."""
    path = Path(template) if template else reference_docx()
    package = read_package(path.read_bytes(), str(path))
    return tuple(sorted(package.parts.items()))


# ---------------------------------------------------------------------------------------------
# Main document

def _document_xml(template_xml: bytes, blocks: list[etree._Element]) -> bytes:
    template = etree.fromstring(template_xml)
    sect = template.find(f"{w('body')}/{w('sectPr')}")
    root = el("document")
    body = el("body", root)
    previous_table = False
    for block in blocks:
        is_table = block.tag == w("tbl")
        if is_table and previous_table:  # Word would merge two adjacent tables into one
            body.append(paragraph())
        elif previous_table and not _spaced_above(block):  # room between a table and the text after it
            set_child(ppr_of(block), "spacing", PPR_ORDER, before=str(AFTER_TABLE))
        body.append(block)
        previous_table = is_table
    if previous_table:  # Word needs a paragraph after a final table
        body.append(paragraph())
    body.append(_section(sect))
    return serialise(root)


def _spaced_above(p: etree._Element) -> bool:
    """Headings (which have space above in their style) and paragraphs starting a page."""
    ppr = p.find(w("pPr"))
    if ppr is None:
        return False
    style = ppr.find(w("pStyle"))
    heading = style is not None and style.get(w("val"), "").startswith(
        tuple(style_id(n) for n in (PART, CROSS_HEADING, HEADINGS.prefix)))
    return heading or ppr.find(w("pageBreakBefore")) is not None


def _section(template_sect: etree._Element | None) -> etree._Element:
    """The body's section properties: the template's page set-up plus our headers and footers,
    with a different first page (the cover)."""
    sect = el("sectPr")
    for name, rid, kind, ref_type in _HEADER_FOOTER_PARTS:
        ref = el(f"{kind}Reference", sect, type=ref_type)
        ref.set(f"{{{R_NS}}}id", rid)
    kept = [child for child in (template_sect if template_sect is not None else [])
            if etree.QName(child).localname in _SECTPR_TAIL and etree.QName(child).localname != "titlePg"]
    for child in kept:
        sect.append(_copy(child))
    title_pg = el("titlePg")
    rank = _SECTPR_TAIL.index("titlePg")
    for i, child in enumerate(list(sect)):
        local = etree.QName(child).localname
        if local in _SECTPR_TAIL and _SECTPR_TAIL.index(local) > rank:
            child.addprevious(title_pg)
            break
    else:
        sect.append(title_pg)
    return sect


def _copy(node: etree._Element) -> etree._Element:
    return etree.fromstring(etree.tostring(node))


# ---------------------------------------------------------------------------------------------
# Header and footer

def _header_footer_xml(doc: Document, banner: str | None) -> dict[str, bytes]:
    # A redline's header and footer are not marked: they name the document and version it was
    # made for (the new one; see _unmarked_metadata), as any running header of a redline does;
    # the cover shows the change.
    running = f"{doc.id} — {doc.title}" if doc.id and doc.title else (doc.id or doc.title)
    default_header = el("hdr")
    _simple(default_header, "Header", running)
    if banner:
        _simple(default_header, style_id(BANNER), banner)
    first_header = el("hdr")
    _simple(first_header, style_id(BANNER) if banner else None, banner or "")
    default_footer = el("ftr")
    p = paragraph("Footer")
    _text_run(p, f"Version {doc.version}\t\t" if doc.version else "\t\t")
    _text_run(p, "Page ")
    _field(p, "PAGE")
    _text_run(p, " of ")
    _field(p, "NUMPAGES")
    default_footer.append(p)
    first_footer = el("ftr")
    first_footer.append(paragraph())
    trees = {"word/header1.xml": default_header, "word/header2.xml": first_header,
             "word/footer1.xml": default_footer, "word/footer2.xml": first_footer}
    return {name: serialise(tree) for name, tree in trees.items()}


def _simple(container: etree._Element, style: str | None, text: str) -> None:
    p = paragraph(style)
    if text:
        _text_run(p, text)
    container.append(p)


def _text_run(p: etree._Element, text: str) -> None:
    add_text(el("r", p), text)


def _field(p: etree._Element, instruction: str) -> None:
    """A complex field (``PAGE``, ``NUMPAGES``) with a fixed placeholder result."""
    el("fldChar", el("r", p), fldCharType="begin")
    instr = el("instrText", el("r", p))
    instr.text = f" {instruction} "
    instr.set(f"{{{XML_NS}}}space", "preserve")
    el("fldChar", el("r", p), fldCharType="separate")
    _text_run(p, "1")
    el("fldChar", el("r", p), fldCharType="end")


# ---------------------------------------------------------------------------------------------
# Package bookkeeping

def _with_relationships(rels_xml: bytes) -> bytes:
    root = etree.fromstring(rels_xml)
    for rel in list(root):
        if rel.get("Type") in (_HEADER_TYPE, _FOOTER_TYPE):
            root.remove(rel)
    for name, rid, kind, _ in _HEADER_FOOTER_PARTS:
        rel = etree.SubElement(root, f"{{{_REL_NS}}}Relationship")
        rel.set("Id", rid)
        rel.set("Type", _HEADER_TYPE if kind == "header" else _FOOTER_TYPE)
        rel.set("Target", name.removeprefix("word/"))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _with_content_types(types_xml: bytes) -> bytes:
    root = etree.fromstring(types_xml)
    names = {f"/{name}" for name, *_ in _HEADER_FOOTER_PARTS}
    for item in list(root):
        if item.get("PartName") in names:
            root.remove(item)
    for name, _, kind, _ in _HEADER_FOOTER_PARTS:
        item = etree.SubElement(root, f"{{{_CT_NS}}}Override")
        item.set("PartName", f"/{name}")
        item.set("ContentType", _HEADER_CT if kind == "header" else _FOOTER_CT)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _core_xml(doc: Document) -> bytes:
    """Core properties from the Document: title, subject, keywords, dates — never the clock."""
    title = f"{doc.id} — {doc.title}" if doc.id and doc.title else (doc.id or doc.title)
    keywords = f"version={doc.version}; sec-version={doc.sec_version}"
    description = " ".join(_accepted_text(note) for note, change in _with_changes(doc.front, doc.front_changes)
                           if change is None or change.kind != "del")
    day = parse_date(doc.date)
    dates = ""
    if day:
        stamp = f"{day.isoformat()}T00:00:00Z"
        dates = (f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
                 f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>')
    xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape(title)}</dc:title>"
        f"<dc:subject>{escape(doc.title)}</dc:subject>"
        "<dc:creator>secdocs</dc:creator>"
        f"<cp:keywords>{escape(keywords)}</cp:keywords>"
        f"<dc:description>{escape(description)}</dc:description>"
        "<cp:lastModifiedBy>secdocs</cp:lastModifiedBy>"
        "<cp:revision>1</cp:revision>"
        f"{dates}"
        "<cp:category>Smart Energy Code</cp:category>"
        "</cp:coreProperties>"
    )
    return xml.encode("utf-8")


def escape(text: str) -> str:
    """``&``, ``<`` and ``>`` as XML character entities: the standard library's SAX ``escape``,
    without importing it (its module pulls in urllib and the network stack at start-up)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _with_changes(items: list, changes: list) -> list[tuple]:
    """Items paired with their marks (a parallel list that may be empty)."""
    return [(item, changes[i] if i < len(changes) else None) for i, item in enumerate(items)]


def _accepted_text(runs) -> str:
    """The text of runs as the document now reads (deleted runs left out): the properties
    describe the new version of a redline."""
    return "".join(r.text for r in runs if r.change is None or r.change.kind != "del")
