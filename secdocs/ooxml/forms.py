"""Content controls (``w:sdt``) of a fillable form: written into tables, filled by script, read back.

The WordprocessingML half of the consultation response form (``packs.form`` says what the form
asks; this module knows how Word holds it):

* **writing**: plain-text and drop-down controls at the end of a table cell's paragraph, and
  block-level rich-text controls filling a cell (they may hold several paragraphs); each locked
  against deletion (``w:lock sdtLocked``), with a stable ``w:tag`` (``secdocs:q3.response``), a
  readable ``w:alias`` and placeholder text (``w:showingPlcHdr``) in the ``Placeholder Text``
  character style;
* **filling** (tests, demonstrations): what Word does when a respondent types;
* **reading**: the accept view of the body (``revisions.apply_view``: a respondent's tracked
  changes count as made), as plain data — the body's text, every table's cells, every control's
  tag, alias and text. Text of a control still showing its placeholder is left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_ROW_HEIGHT_RULE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, RGBColor
from lxml import etree

from ..errors import SecdocsError
from ..model import Run
from .blocks_writer import SHADE, Builder, mark_header, shade_cell
from .emit import w as _w
from .package import open_package, package_bytes, read_package
from .revisions import apply_view

TAG_PREFIX = "secdocs:"
PLACEHOLDER_STYLE = "Placeholder Text"


@dataclass
class Control:
    """A content control to write: ``kind`` "text", "dropdown" (with ``choices``) or "rich"."""

    alias: str
    tag: str  # without TAG_PREFIX
    sid: int
    placeholder: str
    kind: str = "text"
    choices: tuple[str, ...] = ()


@dataclass
class Question:
    """One row of a questions table: its label ("Q3"), its text and its two answer controls."""

    label: str
    text: str
    response: Control
    rationale: Control


# ---------------------------------------------------------------------------------------------
# writing

def _ensure_placeholder_style(builder: Builder) -> None:
    styles = builder.doc.styles
    if PLACEHOLDER_STYLE not in {s.name for s in styles}:
        style = styles.add_style(PLACEHOLDER_STYLE, WD_STYLE_TYPE.CHARACTER)
        style.font.color.rgb = RGBColor(0x80, 0x80, 0x80)
        style.hidden = False
        style.unhide_when_used = False


def _sdt_pr(control: Control, kind: str) -> etree._Element:
    pr = OxmlElement("w:sdtPr")
    for name, value in (("alias", control.alias), ("tag", TAG_PREFIX + control.tag), ("id", str(control.sid)),
                        ("lock", "sdtLocked")):
        el = OxmlElement(f"w:{name}")
        el.set(qn("w:val"), value)
        pr.append(el)
    pr.append(OxmlElement("w:showingPlcHdr"))
    if kind == "text":
        pr.append(OxmlElement("w:text"))
    elif kind == "dropdown":
        dd = OxmlElement("w:dropDownList")
        for choice in control.choices:
            item = OxmlElement("w:listItem")
            item.set(qn("w:displayText"), choice)
            item.set(qn("w:value"), choice)
            dd.append(item)
        pr.append(dd)
    else:
        pr.append(OxmlElement("w:richText"))
    return pr


def _placeholder_run(builder: Builder, text: str) -> etree._Element:
    run = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    rstyle = OxmlElement("w:rStyle")
    rstyle.set(qn("w:val"), builder.doc.styles[PLACEHOLDER_STYLE].style_id)
    rpr.append(rstyle)
    run.append(rpr)
    t = OxmlElement("w:t")
    t.text = text
    run.append(t)
    return run


def inline_control(builder: Builder, paragraph, control: Control) -> None:
    """A run-level content control at the end of a paragraph."""
    sdt = OxmlElement("w:sdt")
    sdt.append(_sdt_pr(control, control.kind))
    content = OxmlElement("w:sdtContent")
    content.append(_placeholder_run(builder, control.placeholder))
    sdt.append(content)
    paragraph._p.append(sdt)


def block_control(builder: Builder, cell, control: Control) -> None:
    """A block-level rich-text control filling a table cell (it may hold several paragraphs)."""
    tc = cell._tc
    para = cell.paragraphs[0]
    para.style = builder.doc.styles[builder.style("cell")]
    p = para._p
    sdt = OxmlElement("w:sdt")
    sdt.append(_sdt_pr(control, "rich"))
    content = OxmlElement("w:sdtContent")
    p.addprevious(sdt)
    tc.remove(p)
    p.append(_placeholder_run(builder, control.placeholder))
    content.append(p)
    sdt.append(content)


def _label_cell(builder: Builder, cell, text: str) -> None:
    para = cell.paragraphs[0]
    para.style = builder.doc.styles[builder.style("cellhead")]
    para.add_run(text)
    shade_cell(cell, SHADE)


def controls_table(builder: Builder, rows: list[tuple[str, Control]]) -> None:
    """A two-column table: a shaded label, then a run-level control, per row."""
    _ensure_placeholder_style(builder)
    width = builder.text_width_twips()
    cols = [int(width * 0.32), width - int(width * 0.32)]
    table = builder.doc.add_table(rows=0, cols=2)
    table.style = builder.doc.styles[builder.table_style()]
    builder.fix_widths(table, cols, header=False)
    for label, control in rows:
        row = builder.add_row(table, cols)
        _label_cell(builder, row.cells[0], label)
        para = row.cells[1].paragraphs[0]
        para.style = builder.doc.styles[builder.style("cell")]
        inline_control(builder, para, control)
    builder.doc.add_paragraph(style=builder.style("small"))


def questions_table(builder: Builder, head: tuple[str, ...], questions: list[Question]) -> None:
    """A four-column table (head: label, question, response, rationale), one row per question,
    its answers in rich-text controls; rows may break across pages and start 2.2 cm high."""
    _ensure_placeholder_style(builder)
    width = builder.text_width_twips()
    shares = (6, 28, 33, 33)
    cols = [int(width * s / 100) for s in shares]
    cols[-1] = width - sum(cols[:-1])
    table = builder.doc.add_table(rows=0, cols=4)
    table.style = builder.doc.styles[builder.table_style()]
    builder.fix_widths(table, cols)
    head_row = builder.add_row(table, cols)
    mark_header(head_row)
    for cell, text in zip(head_row.cells, head):
        builder.fill_cell(cell, [Run(text)], head=True)
    for q in questions:
        row = builder.add_row(table, cols)
        # answers can be long: let the row break across pages (add_row made it cantSplit)
        for cs in row._tr.trPr.findall(qn("w:cantSplit")):
            row._tr.trPr.remove(cs)
        row.height = Cm(2.2)  # room to write; grows as the respondent types
        row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
        builder.fill_cell(row.cells[0], [Run(q.label, bold=True)])
        builder.fill_cell(row.cells[1], [Run(q.text)])
        block_control(builder, row.cells[2], q.response)
        block_control(builder, row.cells[3], q.rationale)
    builder.doc.add_paragraph(style=builder.style("small"))


# ---------------------------------------------------------------------------------------------
# filling by script (tests, demonstrations): what Word does when a respondent types

def fill_form(form: bytes, answers: dict[str, str | list[str]]) -> bytes:
    """Put text into the form's controls by tag (``respondent.name``, ``q2.rationale`` …).

    A list of strings (or text with newlines) becomes several paragraphs in a rich-text control.
    Placeholder marks are removed, as Word removes them when the respondent types."""
    pkg = read_package(form, "form")
    root = pkg.xml(pkg.main_part)
    seen = set()
    for sdt in root.iter(_w("sdt")):
        tag_el = sdt.find(f"{_w('sdtPr')}/{_w('tag')}")
        if tag_el is None:
            continue
        tag = tag_el.get(_w("val"), "").removeprefix(TAG_PREFIX)
        if tag not in answers:
            continue
        seen.add(tag)
        value = answers[tag]
        paras = value if isinstance(value, list) else str(value).split("\n")
        pr = sdt.find(_w("sdtPr"))
        for el in pr.findall(_w("showingPlcHdr")):
            pr.remove(el)
        content = sdt.find(_w("sdtContent"))
        first = next(iter(content), None)
        if first is not None and first.tag == _w("p"):  # block-level: one w:p per paragraph
            template = first
            for child in list(content):
                content.remove(child)
            for text in paras:
                p = etree.SubElement(content, _w("p"))
                ppr = template.find(_w("pPr"))
                if ppr is not None:
                    p.append(etree.fromstring(etree.tostring(ppr)))
                run = etree.SubElement(p, _w("r"))
                t = etree.SubElement(run, _w("t"))
                t.text = text
                t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        else:  # run-level
            for child in list(content):
                content.remove(child)
            run = etree.SubElement(content, _w("r"))
            t = etree.SubElement(run, _w("t"))
            t.text = " ".join(paras)
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    unknown = set(answers) - seen
    if unknown:
        raise SecdocsError(f"fill_form: no control tagged {', '.join(sorted(unknown))}")
    parts = dict(pkg.parts)
    parts[pkg.main_part] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    return package_bytes(parts)


# ---------------------------------------------------------------------------------------------
# reading a filled form

@dataclass
class Cell:
    """A table cell's text; ``choice``: the chosen entry of a legacy FORMDROPDOWN field in it
    (how some editors save a drop-down), None when it holds none."""

    text: str
    choice: str | None = None


@dataclass
class FoundControl:
    """A content control read back: its ``w:tag`` and ``w:alias`` values (None when it has
    none) and its text."""

    tag: str | None
    alias: str | None
    text: str


@dataclass
class FormContent:
    """What a filled form holds, as plain data (accept view)."""

    core: dict[str, str]  # the core properties, local name → text (the form reference is the subject)
    text: str  # the body's text
    tables: list[list[list[Cell]]] = field(default_factory=list)  # every table (nested ones too): rows of cells
    controls: list[FoundControl] = field(default_factory=list)  # every content control of the body


def read_form_content(path: str | Path) -> FormContent | None:
    """A .docx read as a form (BadInputError when it is not a readable .docx; None when it has
    no document body)."""
    pkg = open_package(path)
    root = apply_view(pkg.xml(pkg.main_part), "accept")
    body = root.find(_w("body"))
    if body is None:
        return None
    content = FormContent(core=pkg.core_properties(), text=text_of(body))
    for tbl in body.iter(_w("tbl")):
        content.tables.append([[Cell(text_of(tc), _dropdown_field_value(tc)) for tc in cells] for cells in _rows(tbl)])
    for sdt in body.iter(_w("sdt")):
        pr = sdt.find(_w("sdtPr"))
        if pr is None:
            continue
        tag, alias = pr.find(_w("tag")), pr.find(_w("alias"))
        inner = sdt.find(_w("sdtContent"))
        content.controls.append(FoundControl(None if tag is None else tag.get(_w("val"), ""),
                                             None if alias is None else alias.get(_w("val"), ""),
                                             text_of(inner) if inner is not None else ""))
    return content


def text_of(el: etree._Element) -> str:
    """The visible text of a paragraph-holding element (of an accept view): placeholder
    controls left out, paragraphs joined by newlines, spaces collapsed."""
    paras = []
    blocks = list(el.iter(_w("p"))) or [el]  # an inline control's content holds runs only
    for p in blocks:
        buf = []
        for node in p.iter():
            tag = node.tag
            if not isinstance(tag, str):
                continue
            if tag == _w("t") and not _placeholder(node):
                buf.append(node.text or "")
            elif tag == _w("tab") and node.getparent().tag == _w("r"):
                buf.append("\t")
            elif tag in (_w("br"), _w("cr")):
                buf.append("\n")
            elif tag == _w("noBreakHyphen"):
                buf.append("-")
        paras.append("".join(buf))
    text = "\n".join(paras)
    text = re.sub(r"[ \t\u00a0]+", " ", text)
    text = "\n".join(line.strip() for line in text.split("\n"))
    return re.sub(r"\n{2,}", "\n", text).strip()


def _placeholder(node: etree._Element) -> bool:
    """Text of a content control still showing its placeholder."""
    parent = node.getparent()
    while parent is not None:
        if parent.tag == _w("sdtContent"):
            pr = parent.getparent().find(_w("sdtPr"))
            if pr is not None and pr.find(_w("showingPlcHdr")) is not None:
                return True
        parent = parent.getparent()
    return False


def _rows(tbl: etree._Element) -> list[list[etree._Element]]:
    rows = []
    for tr in tbl.iterchildren(_w("tr")):
        cells = []
        for child in tr:
            if child.tag == _w("tc"):
                cells.append(child)
            elif child.tag == _w("sdt"):  # a content control around cells
                cells.extend(child.iter(_w("tc")))
        rows.append(cells)
    return rows


def _dropdown_field_value(tc: etree._Element) -> str | None:
    """A legacy FORMDROPDOWN field (how some editors save a drop-down): its chosen entry."""
    dd = tc.find(f".//{_w('ddList')}")
    if dd is None:
        return None
    entries = [e.get(_w("val"), "") for e in dd.findall(_w("listEntry"))]
    result = dd.find(_w("result"))
    index = int(result.get(_w("val"), "0")) if result is not None else 0
    return entries[index] if 0 <= index < len(entries) else None
