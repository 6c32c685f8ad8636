"""The secdocs house style: the styles of ``secdocs/templates/reference.docx`` and how they are built.

Every .docx secdocs writes takes its styles, page set-up and theme from the reference document,
so the look of the output is decided here and nowhere else. The style names are the contract
between the writer and the reader, defined once with what each means in ``structure/house.py``
(docs/DEVELOPING.md, "The .docx we write"); here are their definitions: numbers are typed
in the text (``L1.17A<tab>...``), and each level has a hanging indent whose tab stop sits where
the text begins, so a label of any length lines up and nothing depends on Word's list engine.

``build_reference_bytes()`` makes the reference document with python-docx and a few lxml edits
(theme fonts and colours removed, unused parts and styles pruned, no revision-save ids); it is
deterministic, and ``scripts/make_reference.py`` writes its result to ``secdocs/templates/reference.docx``.
(The reader's view of styles.xml is a different module, ``stylesheet.py``.)
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field

from lxml import etree

from ..structure.house import (BANNER, CLAUSE, COVER_NOTE, CROSS_HEADING, DEFINITION_PARAGRAPHS, DEFINITION_TERM,
                               DEFINITION_TEXT, DEFINITIONS_TABLE, HEADINGS, META, PACK_BODY, PACK_BOX, PACK_BULLET,
                               PACK_HEADINGS, PACK_QUESTION, PACK_SMALL, PARAGRAPHS, PART, SUBTITLE, TABLE, TABLE_CAPTION,
                               TABLE_HEADING, TABLE_TEXT, TEXTS, TITLE)
from .namespaces import W_NS
from .package import package_bytes

# ---------------------------------------------------------------------------------------------
# Page and measures (twentieths of a point: 567 twips = 1 cm)

PAGE_WIDTH = 11906   # A4
PAGE_HEIGHT = 16838
MARGIN = 1418        # 2.5 cm all round
HEADER_DISTANCE = 709
FOOTER_DISTANCE = 709
TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN  # 9070

FONT = "Arial"
BODY_SIZE = 10       # points
LABEL_INDENT = 851   # 1.5 cm: where clause and heading text begins after its number
STEP = 709           # 1.25 cm: each paragraph level is indented this much further
DEF_STEP = 567       # 1 cm: paragraph levels inside the definitions table
TERM_WIDTH = round(TEXT_WIDTH * 0.3)
MEANING_WIDTH = TEXT_WIDTH - TERM_WIDTH

HEADER_FILL = "E7E6E6"  # a table's header row (SEC Table's first row)
BOX_FILL = "F2F2F2"     # a boxed paragraph (SEC Cover Note, SEC Pack Box)
BOX_LINE = "808080"     # its border

# ---------------------------------------------------------------------------------------------
# Style ids (the names are ``structure/house.py``'s)


def style_id(name: str) -> str:
    """The styleId Word and python-docx give a custom style: its name without spaces."""
    return name.replace(" ", "")


# ---------------------------------------------------------------------------------------------
# The paragraph styles, declaratively

@dataclass(frozen=True)
class ParaStyle:
    """One paragraph style of the house style. Sizes in points, distances in twips."""

    name: str
    based_on: str = "Normal"
    next: str | None = None
    size: float | None = None
    bold: bool = False
    italic: bool = False
    colour: str | None = None
    left: int | None = None
    hanging: int | None = None
    tabs: tuple[int, ...] = ()
    right_tabs: tuple[int, ...] = ()
    before: int | None = None
    after: int | None = None
    line: int | None = None  # 240 = single
    align: str | None = None  # "left", "both", "center", "right"
    keep_next: bool = False
    keep_lines: bool = False
    border: str | None = None  # "box" or "bottom" or "top"
    shading: str | None = None
    outline: int | None = None
    caps: bool = False


def _heading_styles() -> list[ParaStyle]:
    sizes = {1: 12, 2: 11, 3: 10, 4: 10, 5: 10, 6: 10}
    out = []
    for n in HEADINGS.levels():
        out.append(ParaStyle(HEADINGS.name(n), based_on=f"Heading {n}", next=TEXTS.name(0), size=sizes[n],
                             bold=True, italic=n >= 4, left=LABEL_INDENT, hanging=LABEL_INDENT,
                             tabs=(LABEL_INDENT,), before=360 if n == 1 else 240, after=120,
                             keep_next=True, keep_lines=True, align="left"))
    return out


def _paragraph_styles() -> list[ParaStyle]:
    out = []
    for d in PARAGRAPHS.levels():
        left = LABEL_INDENT + d * STEP
        out.append(ParaStyle(PARAGRAPHS.name(d), left=left, hanging=STEP, tabs=(left,)))
    return out


def text_indent(depth: int) -> int:
    """Left indent of ``SEC Text d``: aligned with the text of the level it continues."""
    return LABEL_INDENT if depth <= 1 else LABEL_INDENT + (depth - 1) * STEP


def _text_styles() -> list[ParaStyle]:
    return [ParaStyle(TEXTS.name(d), left=text_indent(d)) for d in TEXTS.levels()]


def _definition_styles() -> list[ParaStyle]:
    out = [
        ParaStyle(DEFINITION_TERM, size=BODY_SIZE, after=80, align="left", keep_lines=True),
        ParaStyle(DEFINITION_TEXT, after=80, align="left"),
    ]
    for d in DEFINITION_PARAGRAPHS.levels():
        left = d * DEF_STEP
        out.append(ParaStyle(DEFINITION_PARAGRAPHS.name(d), based_on=DEFINITION_TEXT, left=left,
                             hanging=DEF_STEP, tabs=(left,)))
    return out


PARAGRAPH_STYLES: tuple[ParaStyle, ...] = (
    ParaStyle(TITLE, size=26, bold=True, before=2835, after=240, align="left", keep_next=True, line=240),
    ParaStyle(SUBTITLE, size=16, bold=True, after=480, align="left", keep_next=True, line=240,
              border="bottom"),
    ParaStyle(META, size=11, after=60, align="left"),
    ParaStyle(COVER_NOTE, size=9, italic=True, before=120, after=120, align="left", border="box",
              shading=BOX_FILL),
    ParaStyle(TABLE_CAPTION, size=BODY_SIZE, bold=True, before=480, after=120, align="left", keep_next=True),
    ParaStyle(PART, based_on="Heading 1", next=CROSS_HEADING, size=11, bold=True, left=LABEL_INDENT,
              hanging=LABEL_INDENT, tabs=(LABEL_INDENT,), before=480, after=200, keep_next=True,
              keep_lines=True, align="left"),
    ParaStyle(CROSS_HEADING, based_on="Heading 2", next=CLAUSE, size=BODY_SIZE, bold=True,
              left=LABEL_INDENT, before=240, after=120, keep_next=True, keep_lines=True, align="left"),
    *_heading_styles(),
    ParaStyle(CLAUSE, left=LABEL_INDENT, hanging=LABEL_INDENT, tabs=(LABEL_INDENT,)),
    *_paragraph_styles(),
    *_text_styles(),
    *_definition_styles(),
    ParaStyle(TABLE_TEXT, size=9, after=40, line=240, align="left"),
    ParaStyle(TABLE_HEADING, based_on=TABLE_TEXT, bold=True, keep_next=True),
    ParaStyle(BANNER, based_on="Header", size=8, bold=True, colour="C00000", align="right", caps=True),
)

# The styles of generated non-SEC documents (consultation packs, forms, release documents:
# ``blocks_writer``), beyond the house styles above. They are not in reference.docx: the writer
# adds each one a document's base lacks, based on the base's own style of that name.
PACK_STYLES: tuple[ParaStyle, ...] = (
    # the house Heading n (outline levels for the navigation pane and PDF bookmarks) with room after
    ParaStyle(PACK_HEADINGS[0], based_on="Heading 1", before=360, after=120, keep_next=True),
    ParaStyle(PACK_HEADINGS[1], based_on="Heading 2", before=240, after=80, keep_next=True),
    ParaStyle(PACK_HEADINGS[2], based_on="Heading 3", before=200, after=80, keep_next=True),
    ParaStyle(PACK_BODY),
    ParaStyle(PACK_BULLET, based_on=PACK_BODY, left=425, hanging=283, tabs=(425,), after=60),
    ParaStyle(PACK_QUESTION, based_on=PACK_BODY, left=709, hanging=709, tabs=(709,), after=120),
    ParaStyle(PACK_BOX, based_on=PACK_BODY, border="box", shading=BOX_FILL, before=120, after=200),
    ParaStyle(PACK_SMALL, based_on=PACK_BODY, size=8, after=0),
)

# Styles of python-docx's default template that the house style keeps (the rest are pruned).
KEPT_BUILTIN = {
    "Normal", "DefaultParagraphFont", "TableNormal", "NoList", "TableGrid", "Header", "HeaderChar",
    "Footer", "FooterChar", "Title", "TitleChar", "Subtitle", "SubtitleChar", "Caption", "Strong",
    "Emphasis", *(f"Heading{n}" for n in range(1, 10)), *(f"Heading{n}Char" for n in range(1, 10)),
}

# ---------------------------------------------------------------------------------------------
# Building the reference document

_W = f"{{{W_NS}}}"

# Child order of w:pPr and w:rPr (ECMA-376 CT_PPrBase / CT_RPr), for inserting in schema order.
PPR_ORDER = ("pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr suppressLineNumbers "
             "pBdr shd tabs suppressAutoHyphens kinsoku wordWrap overflowPunct topLinePunct autoSpaceDE "
             "autoSpaceDN bidi adjustRightInd snapToGrid spacing ind contextualSpacing mirrorIndents "
             "suppressOverlap jc textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle "
             "rPr sectPr pPrChange").split()
RPR_ORDER = ("ins del moveFrom moveTo rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline "
             "shadow emboss imprint noProof snapToGrid vanish webHidden color spacing w kern position sz "
             "szCs highlight u effect bdr shd fitText vertAlign rtl cs em lang eastAsianLayout specVanish "
             "oMath").split()


def set_child(parent: etree._Element, tag: str, order: list[str] | tuple[str, ...], **attrs: str) -> etree._Element:
    """Replace (or add) the child ``w:tag`` of parent at its schema position, with w: attributes."""
    old = parent.find(_W + tag)
    if old is not None:
        parent.remove(old)
    new = etree.SubElement(parent, _W + tag)
    parent.remove(new)
    for key, value in attrs.items():
        new.set(_W + key, value)
    return insert_ordered(parent, new, order)


def insert_ordered(parent: etree._Element, node: etree._Element, order: list[str] | tuple[str, ...]) -> etree._Element:
    """Insert node among parent's children before the first child the schema puts after it."""
    rank = order.index(etree.QName(node).localname)
    for i, child in enumerate(parent):
        local = etree.QName(child).localname
        if local in order and order.index(local) > rank:
            parent.insert(i, node)
            return node
    parent.append(node)
    return node


def _own_child(style: etree._Element, tag: str, before: str | None = None) -> etree._Element:
    """The child ``w:tag`` of a style, added when missing: just before its ``w:before`` child
    if it has one, else last."""
    kid = style.find(_W + tag)
    if kid is None:
        kid = etree.SubElement(style, _W + tag)
        nxt = style.find(_W + before) if before else None
        if nxt is not None:
            nxt.addprevious(kid)
    return kid


def _ppr(style: etree._Element) -> etree._Element:
    return _own_child(style, "pPr", before="rPr")


def _rpr(style: etree._Element) -> etree._Element:
    return _own_child(style, "rPr")


def paragraph_border(ppr: etree._Element, where: str) -> None:
    """A paragraph border: "box" (thin grey, all round), "bottom" or "top" (a black rule)."""
    bdr = set_child(ppr, "pBdr", PPR_ORDER)
    sides = ("top", "left", "bottom", "right") if where == "box" else (where,)
    for side in sides:
        b = etree.SubElement(bdr, _W + side)
        b.set(_W + "val", "single")
        b.set(_W + "sz", "4" if where == "box" else "8")
        b.set(_W + "space", "4")
        b.set(_W + "color", BOX_LINE if where == "box" else "000000")


def _set_tabs(ppr: etree._Element, stops) -> None:
    """Replace the ``w:tabs`` of a pPr with tab stops given as (kind, position) pairs."""
    tabs = set_child(ppr, "tabs", PPR_ORDER)
    for kind, pos in stops:
        t = etree.SubElement(tabs, _W + "tab")
        t.set(_W + "val", kind)
        t.set(_W + "pos", str(pos))


def _apply_para_style(el: etree._Element, spec: ParaStyle) -> None:
    """Write a ParaStyle's properties onto a w:style element (python-docx made its shell)."""
    ppr = _ppr(el)
    if spec.keep_next:
        set_child(ppr, "keepNext", PPR_ORDER)
    if spec.keep_lines:
        set_child(ppr, "keepLines", PPR_ORDER)
    if spec.border:
        paragraph_border(ppr, spec.border)
    if spec.shading:
        set_child(ppr, "shd", PPR_ORDER, val="clear", color="auto", fill=spec.shading)
    if spec.tabs or spec.right_tabs:
        _set_tabs(ppr, [("left", pos) for pos in spec.tabs] + [("right", pos) for pos in spec.right_tabs])
    spacing = {}
    if spec.before is not None:
        spacing["before"] = str(spec.before)
    if spec.after is not None:
        spacing["after"] = str(spec.after)
    if spec.line is not None:
        spacing.update(line=str(spec.line), lineRule="auto")
    if spacing:
        set_child(ppr, "spacing", PPR_ORDER, **spacing)
    if spec.left is not None or spec.hanging is not None:
        ind = {"left": str(spec.left or 0)}
        if spec.hanging:
            ind["hanging"] = str(spec.hanging)
        else:
            ind["firstLine"] = "0"
        set_child(ppr, "ind", PPR_ORDER, **ind)
    if spec.align:
        set_child(ppr, "jc", PPR_ORDER, val=spec.align)
    if spec.outline is not None:
        set_child(ppr, "outlineLvl", PPR_ORDER, val=str(spec.outline))
    if not len(ppr):
        el.remove(ppr)
    rpr = _rpr(el)
    for flag, tag in ((spec.bold, "b"), (spec.italic, "i"), (spec.caps, "caps")):
        if flag:
            set_child(rpr, tag, RPR_ORDER)
    if spec.colour:
        set_child(rpr, "color", RPR_ORDER, val=spec.colour)
    if spec.size:
        half = str(round(spec.size * 2))
        set_child(rpr, "sz", RPR_ORDER, val=half)
        set_child(rpr, "szCs", RPR_ORDER, val=half)
    if not len(rpr):
        el.remove(rpr)


@dataclass
class _Parts:
    """The package being built, as part name → bytes, plus the XML trees being edited."""

    parts: dict[str, bytes]
    xml: dict[str, etree._Element] = field(default_factory=dict)

    def tree(self, name: str) -> etree._Element:
        if name not in self.xml:
            self.xml[name] = etree.fromstring(self.parts[name])
        return self.xml[name]

    def finish(self) -> dict[str, bytes]:
        for name, root in self.xml.items():
            self.parts[name] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
        return self.parts


def _python_docx_base() -> dict[str, bytes]:
    """python-docx's default document with our styles added through its API."""
    import docx  # start-up: python-docx only when the reference document is made
    from docx.enum.style import WD_STYLE_TYPE

    document = docx.Document()
    styles = document.styles
    for spec in PARAGRAPH_STYLES:
        style = styles.add_style(spec.name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles[spec.based_on]
        style.quick_style = True
    for spec in PARAGRAPH_STYLES:
        if spec.next:
            styles[spec.name].next_paragraph_style = styles[spec.next]
    for name in (DEFINITIONS_TABLE, TABLE):
        styles.add_style(name, WD_STYLE_TYPE.TABLE)
    buf = io.BytesIO()
    document.save(buf)
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as zf:
        return {i.filename: zf.read(i) for i in zf.infolist() if not i.is_dir()}


_DROPPED_PARTS = ("word/stylesWithEffects.xml", "docProps/thumbnail.jpeg", "customXml/", "word/numbering.xml")


def _prune_package(p: _Parts) -> None:
    """Drop parts the house style does not need, with their relationships and content types."""
    for name in list(p.parts):
        if name.startswith(_DROPPED_PARTS):
            del p.parts[name]
    for rels_name in ("_rels/.rels", "word/_rels/document.xml.rels"):
        rels = p.tree(rels_name)
        for rel in list(rels):
            target = rel.get("Target", "")
            if any(d.rstrip("/").split("/")[-1] in target for d in _DROPPED_PARTS):
                rels.remove(rel)
    types = p.tree("[Content_Types].xml")
    for item in list(types):
        part = item.get("PartName", "").lstrip("/")
        if item.get("Extension") == "jpeg" or (part and part not in p.parts):
            types.remove(item)


def _strip_theme(rpr: etree._Element) -> None:
    """Fonts and colours from explicit values, never from the theme (Word gives theme
    attributes precedence, which would turn Arial headings into Calibri Light)."""
    fonts = rpr.find(_W + "rFonts")
    if fonts is not None:
        rpr.remove(fonts)
    color = rpr.find(_W + "color")
    if color is not None:
        rpr.remove(color)


def _edit_styles(p: _Parts) -> None:
    root = p.tree("word/styles.xml")
    for style in list(root.iter(_W + "style")):
        sid = style.get(_W + "styleId")
        if sid not in KEPT_BUILTIN and not sid.startswith("SEC"):
            root.remove(style)
            continue
        rsid = style.find(_W + "rsid")
        if rsid is not None:
            style.remove(rsid)
        rpr = style.find(_W + "rPr")
        if rpr is not None:
            _strip_theme(rpr)
            if sid.startswith("Heading"):
                set_child(rpr, "color", RPR_ORDER, val="000000")
        ppr = style.find(_W + "pPr")
        if ppr is not None and sid in ("Header", "Footer"):
            _set_tabs(ppr, (("center", TEXT_WIDTH // 2), ("right", TEXT_WIDTH)))
    by_id = {s.get(_W + "styleId"): s for s in root.iter(_W + "style")}
    for sid in ("Header", "Footer"):
        rpr = _rpr(by_id[sid])
        set_child(rpr, "color", RPR_ORDER, val="404040")
        set_child(rpr, "sz", RPR_ORDER, val="16")
        set_child(rpr, "szCs", RPR_ORDER, val="16")
    paragraph_border(_ppr(by_id["Header"]), "bottom")
    paragraph_border(_ppr(by_id["Footer"]), "top")
    for spec in PARAGRAPH_STYLES:
        _apply_para_style(by_id[style_id(spec.name)], spec)
    _table_style(by_id[style_id(DEFINITIONS_TABLE)], header=False)
    _table_style(by_id[style_id(TABLE)], header=True)
    defaults = root.find(f"{_W}docDefaults")
    rpr = defaults.find(f"{_W}rPrDefault/{_W}rPr")
    _strip_theme(rpr)
    set_child(rpr, "rFonts", RPR_ORDER, ascii=FONT, hAnsi=FONT, eastAsia=FONT, cs=FONT)
    half = str(BODY_SIZE * 2)
    set_child(rpr, "sz", RPR_ORDER, val=half)
    set_child(rpr, "szCs", RPR_ORDER, val=half)
    set_child(rpr, "lang", RPR_ORDER, val="en-GB", eastAsia="en-US", bidi="ar-SA")
    ppr = defaults.find(f"{_W}pPrDefault/{_W}pPr")
    set_child(ppr, "spacing", PPR_ORDER, after="120", line="264", lineRule="auto")
    set_child(ppr, "jc", PPR_ORDER, val="both")
    latent = root.find(_W + "latentStyles")
    if latent is not None:
        latent.set(_W + "count", str(len(latent)))


def _table_style(style: etree._Element, header: bool) -> None:
    """Borders, cell margins and (for SEC Table) a bold, shaded, repeating header row."""
    tblpr = etree.SubElement(style, _W + "tblPr")
    borders = etree.SubElement(tblpr, _W + "tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        b = etree.SubElement(borders, _W + side)
        for k, v in (("val", "single"), ("sz", "4"), ("space", "0"), ("color", "000000")):
            b.set(_W + k, v)
    margins = etree.SubElement(tblpr, _W + "tblCellMar")
    for side, width in (("top", 57), ("left", 108), ("bottom", 57), ("right", 108)):
        m = etree.SubElement(margins, _W + side)
        m.set(_W + "w", str(width))
        m.set(_W + "type", "dxa")
    if header:
        cond = etree.SubElement(style, _W + "tblStylePr")
        cond.set(_W + "type", "firstRow")
        rpr = etree.SubElement(cond, _W + "rPr")
        etree.SubElement(rpr, _W + "b")
        trpr = etree.SubElement(cond, _W + "trPr")
        etree.SubElement(trpr, _W + "tblHeader")
        tcpr = etree.SubElement(cond, _W + "tcPr")
        shd = etree.SubElement(tcpr, _W + "shd")
        for k, v in (("val", "clear"), ("color", "auto"), ("fill", HEADER_FILL)):
            shd.set(_W + k, v)


def _edit_document(p: _Parts) -> None:
    """An empty body whose section is A4 with the house margins."""
    root = p.tree("word/document.xml")
    body = root.find(_W + "body")
    for child in list(body):
        if child.tag != _W + "sectPr":
            body.remove(child)
    sect = body.find(_W + "sectPr")
    for attr in list(sect.attrib):
        del sect.attrib[attr]
    sz = sect.find(_W + "pgSz")
    sz.set(_W + "w", str(PAGE_WIDTH))
    sz.set(_W + "h", str(PAGE_HEIGHT))
    mar = sect.find(_W + "pgMar")
    for key, value in (("top", MARGIN), ("right", MARGIN), ("bottom", MARGIN), ("left", MARGIN),
                       ("header", HEADER_DISTANCE), ("footer", FOOTER_DISTANCE), ("gutter", 0)):
        mar.set(_W + key, str(value))


def _edit_settings(p: _Parts) -> None:
    root = p.tree("word/settings.xml")
    for tag in ("rsids", "proofState", "savePreviewPicture", "attachedTemplate"):
        for el in root.findall(_W + tag):
            root.remove(el)
    for el in list(root):
        if etree.QName(el).localname == "docId":
            root.remove(el)
    zoom = root.find(_W + "zoom")
    if zoom is not None:
        zoom.attrib.clear()
        zoom.set(_W + "percent", "100")
    lang = root.find(_W + "themeFontLang")
    if lang is not None:
        lang.set(_W + "val", "en-GB")


_CORE = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" \
xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" \
xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>secdocs reference styles</dc:title>\
<dc:creator>secdocs</dc:creator><cp:lastModifiedBy>secdocs</cp:lastModifiedBy>\
<dc:description>House style of the Smart Energy Code documents that secdocs writes.</dc:description>\
<cp:revision>1</cp:revision></cp:coreProperties>"""


def _edit_app(p: _Parts) -> None:
    text = p.parts["docProps/app.xml"].decode("utf-8")
    text = re.sub(r"<Application>.*?</Application>", "<Application>secdocs</Application>", text)
    text = re.sub(r"<Template>.*?</Template>", "<Template>Normal.dotm</Template>", text)
    p.parts["docProps/app.xml"] = text.encode("utf-8")


def build_reference_bytes() -> bytes:
    """The reference .docx of the house style (same bytes on every run)."""
    p = _Parts(_python_docx_base())
    _prune_package(p)
    _edit_styles(p)
    _edit_document(p)
    _edit_settings(p)
    _edit_app(p)
    p.parts["docProps/core.xml"] = _CORE.encode("utf-8")
    return package_bytes(p.finish())
