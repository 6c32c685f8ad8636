"""The consultation response form: write it, fill it by script, read a filled one back.

Design, so that a respondent in Word (or LibreOffice) can fill the form without breaking it and we
can still read it after any editor has saved it:

* Every answer sits in a **content control** (``w:sdt``) inside a **bounded table cell**: name and
  organisation are plain-text controls, party category and confidentiality are drop-down lists,
  each question's Response and Rationale are rich-text controls that may hold several paragraphs.
  The controls are locked against deletion (``w:lock sdtLocked``), carry a stable ``w:tag``
  (``secdocs:q3.response``) and a readable ``w:alias`` ("Q3 Response"), and start with placeholder
  text (``w:showingPlcHdr``), which Word replaces as soon as the respondent types.
* The **table structure is the contract for reading**, not the tags: LibreOffice 7.4 drops
  ``w:tag`` when it saves a .docx (it keeps the alias and the text), so the reader finds the
  respondent table by its row labels and the questions table by its header row
  (No. | Question | Response | Rationale), and uses tags and aliases only as a fallback.
* The form identifies itself in its core property *subject*:
  ``secdocs-response-form 1 <id> <stage> <closing date> <questions>`` (Word and LibreOffice keep
  it when they save). It is not in the text: a respondent reads nothing internal. A form whose
  text still carries the line (an older form) is read by it too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date as Date
from html import unescape
from pathlib import Path

from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.enum.table import WD_ROW_HEIGHT_RULE
from docx.shared import Cm, RGBColor
from lxml import etree

from ..errors import BadInputError, SecdocsError
from ..ooxml.emit import w as _w
from ..ooxml.package import open_package, package_bytes, read_package
from .data import PARTY_CATEGORIES, PackData
from .docxbuild import BANNER, Builder, mark_header, shade_cell
from .outline import Span
from .templating import render_outline

FORM_MARK = "secdocs-response-form"
FORM_VERSION = "1"
TAG_PREFIX = "secdocs:"
PLACEHOLDER_STYLE = "Placeholder Text"

RESPONSE_PLACEHOLDER = "Enter your response here."
RATIONALE_PLACEHOLDER = "Enter your rationale here."
NAME_PLACEHOLDER = "Enter your name."
ORG_PLACEHOLDER = "Enter your organisation."
CATEGORY_PLACEHOLDER = "Choose a party category."
CONFIDENTIAL_PLACEHOLDER = "Choose whether your response is confidential."
PLACEHOLDERS = {RESPONSE_PLACEHOLDER, RATIONALE_PLACEHOLDER, NAME_PLACEHOLDER, ORG_PLACEHOLDER,
                CATEGORY_PLACEHOLDER, CONFIDENTIAL_PLACEHOLDER, "Click or tap here to enter text.",
                "Choose an item.", "Click here to enter text."}

CONFIDENTIAL_CHOICES = ("No – this response may be published", "Yes – this response is confidential")

# respondent table: label shown → key
RESPONDENT_ROWS = (("Name", "name"), ("Organisation", "organisation"), ("Party category", "category"),
                   ("Confidential response?", "confidential"))
QUESTION_HEAD = ("No.", "Question", "Response", "Rationale")

# ---------------------------------------------------------------------------------------------
# writing

def form_reference(data: PackData) -> str:
    return " ".join([FORM_MARK, FORM_VERSION, data.mod["id"], data.stage, data.closing_date.isoformat(),
                     str(len(data.consultation["questions"]))])


def _ensure_placeholder_style(builder: Builder) -> None:
    styles = builder.doc.styles
    if PLACEHOLDER_STYLE not in {s.name for s in styles}:
        style = styles.add_style(PLACEHOLDER_STYLE, WD_STYLE_TYPE.CHARACTER)
        style.font.color.rgb = RGBColor(0x80, 0x80, 0x80)
        style.hidden = False
        style.unhide_when_used = False


def _style_id(builder: Builder, name: str) -> str:
    return builder.doc.styles[name].style_id


def _sdt_pr(alias: str, tag: str, sid: int, kind: str, choices: tuple[str, ...] = ()) -> etree._Element:
    pr = OxmlElement("w:sdtPr")
    for name, value in (("alias", alias), ("tag", TAG_PREFIX + tag), ("id", str(sid)), ("lock", "sdtLocked")):
        el = OxmlElement(f"w:{name}")
        el.set(qn("w:val"), value)
        pr.append(el)
    pr.append(OxmlElement("w:showingPlcHdr"))
    if kind == "text":
        pr.append(OxmlElement("w:text"))
    elif kind == "dropdown":
        dd = OxmlElement("w:dropDownList")
        for choice in choices:
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
    rstyle.set(qn("w:val"), _style_id(builder, PLACEHOLDER_STYLE))
    rpr.append(rstyle)
    run.append(rpr)
    t = OxmlElement("w:t")
    t.text = text
    run.append(t)
    return run


def inline_control(builder: Builder, paragraph, *, alias, tag, sid, kind, placeholder, choices=()) -> None:
    """A run-level content control at the end of a paragraph."""
    sdt = OxmlElement("w:sdt")
    sdt.append(_sdt_pr(alias, tag, sid, kind, choices))
    content = OxmlElement("w:sdtContent")
    content.append(_placeholder_run(builder, placeholder))
    sdt.append(content)
    paragraph._p.append(sdt)


def block_control(builder: Builder, cell, *, alias, tag, sid, placeholder) -> None:
    """A block-level rich-text control filling a table cell (it may hold several paragraphs)."""
    tc = cell._tc
    para = cell.paragraphs[0]
    para.style = builder.doc.styles[builder.style("cell")]
    p = para._p
    sdt = OxmlElement("w:sdt")
    sdt.append(_sdt_pr(alias, tag, sid, "rich"))
    content = OxmlElement("w:sdtContent")
    p.addprevious(sdt)
    tc.remove(p)
    p.append(_placeholder_run(builder, placeholder))
    content.append(p)
    sdt.append(content)


def _label_cell(builder: Builder, cell, text: str) -> None:
    para = cell.paragraphs[0]
    para.style = builder.doc.styles[builder.style("cellhead")]
    para.add_run(text)
    shade_cell(cell, "E7E6E6")


def _respondent_table(data: PackData):
    def insert(builder: Builder) -> None:
        _ensure_placeholder_style(builder)
        width = builder.text_width_twips()
        cols = [int(width * 0.32), width - int(width * 0.32)]
        table = builder.doc.add_table(rows=0, cols=2)
        table.style = builder.doc.styles[builder.table_style()]
        builder.fix_widths(table, cols, header=False)
        for i, (label, key) in enumerate(RESPONDENT_ROWS):
            row = builder.add_row(table, cols)
            _label_cell(builder, row.cells[0], label)
            para = row.cells[1].paragraphs[0]
            para.style = builder.doc.styles[builder.style("cell")]
            sid = 100 + i
            if key == "name":
                inline_control(builder, para, alias=label, tag="respondent.name", sid=sid, kind="text",
                               placeholder=NAME_PLACEHOLDER)
            elif key == "organisation":
                inline_control(builder, para, alias=label, tag="respondent.organisation", sid=sid, kind="text",
                               placeholder=ORG_PLACEHOLDER)
            elif key == "category":
                inline_control(builder, para, alias=label, tag="respondent.category", sid=sid, kind="dropdown",
                               placeholder=CATEGORY_PLACEHOLDER, choices=PARTY_CATEGORIES)
            else:
                inline_control(builder, para, alias="Confidential response", tag="respondent.confidential", sid=sid,
                               kind="dropdown", placeholder=CONFIDENTIAL_PLACEHOLDER, choices=CONFIDENTIAL_CHOICES)
        builder.doc.add_paragraph(style=builder.style("small"))
    return insert


def _questions_table(data: PackData):
    def insert(builder: Builder) -> None:
        _ensure_placeholder_style(builder)
        width = builder.text_width_twips()
        shares = (6, 28, 33, 33)
        cols = [int(width * s / 100) for s in shares]
        cols[-1] = width - sum(cols[:-1])
        table = builder.doc.add_table(rows=0, cols=4)
        table.style = builder.doc.styles[builder.table_style()]
        builder.fix_widths(table, cols)
        head = builder.add_row(table, cols)
        mark_header(head)
        for cell, text in zip(head.cells, QUESTION_HEAD):
            builder.fill_cell(cell, [_span(text)], head=True)
        for q in data.consultation["questions"]:
            row = builder.add_row(table, cols)
            # answers can be long: let the row break across pages (add_row made it cantSplit)
            for cs in row._tr.trPr.findall(qn("w:cantSplit")):
                row._tr.trPr.remove(cs)
            row.height = Cm(2.2)  # room to write; grows as the respondent types
            row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
            n = q["number"]
            builder.fill_cell(row.cells[0], [_span(f"Q{n}", bold=True)])
            builder.fill_cell(row.cells[1], [_span(q["text"])])
            block_control(builder, row.cells[2], alias=f"Q{n} Response", tag=f"q{n}.response", sid=1000 + 2 * n,
                          placeholder=RESPONSE_PLACEHOLDER)
            block_control(builder, row.cells[3], alias=f"Q{n} Rationale", tag=f"q{n}.rationale",
                          sid=1001 + 2 * n, placeholder=RATIONALE_PLACEHOLDER)
        builder.doc.add_paragraph(style=builder.style("small"))
    return insert


def _span(text: str, bold: bool = False):
    return Span(text, bold)


def build_form(data: PackData, reference: Path | None = None, templates: Path | None = None) -> bytes:
    """The response form of one consultation stage, as deterministic .docx bytes."""
    builder = Builder.new(reference)
    builder.compact = True
    context = dict(data.context, form_reference=form_reference(data))
    blocks = render_outline("consultation-response-form.j2", context, templates)
    builder.render(blocks, inserts={"form-respondent": _respondent_table(data),
                                    "form-questions": _questions_table(data)})
    name = f"{data.mod['id']} {data.consultation['name']} response form"
    builder.header_footer(name, BANNER, first_page_blank=False)
    builder.properties(title=name, subject=form_reference(data), keywords=f"{data.mod['id']} {data.stage} response form",
                       when=data.issue_date, description=data.mod["title"])
    return builder.to_bytes()


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

class FormProblem(SecdocsError):
    """A file that is not one of our response forms, or one without its questions."""


@dataclass
class Answer:
    response: str = ""
    rationale: str = ""


@dataclass
class FilledForm:
    file: str
    mod_id: str
    stage: str
    closing_date: Date
    question_count: int
    mod_title: str = ""
    name: str = ""
    organisation: str = ""
    category: str = ""
    confidential: bool = False
    questions: dict[int, str] = field(default_factory=dict)  # number → question text (as on the form)
    answers: dict[int, Answer] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    @property
    def respondent(self) -> str:
        if self.organisation and self.name:
            return f"{self.organisation} ({self.name})"
        return self.organisation or self.name or Path(self.file).name


_REF_RE = re.compile(re.escape(FORM_MARK) + r"\s+(\d+)\s+(\S+)\s+(refinement|report)\s+(\d{4}-\d{2}-\d{2})\s+(\d+)")


def _text_of(el: etree._Element) -> str:
    """The visible text of a paragraph-holding element, accept view: deleted text left out,
    placeholder controls left out, paragraphs joined by newlines."""
    paras = []
    blocks = list(el.iter(_w("p"))) or [el]  # an inline control's content holds runs only
    for p in blocks:
        buf = []
        for node in p.iter():
            tag = node.tag
            if not isinstance(tag, str):
                continue
            if tag == _w("t") and not _inside(node, ("del", "moveFrom"), p) and not _placeholder(node, p):
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
    text = re.sub(r"\n{2,}", "\n", text).strip()
    return "" if text in PLACEHOLDERS else text


def _inside(node, names, stop) -> bool:
    parent = node.getparent()
    while parent is not None and parent is not stop:
        if parent.tag in {_w(n) for n in names}:
            return True
        parent = parent.getparent()
    return False


def _placeholder(node, stop) -> bool:
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


def _norm_label(text: str) -> str:
    return re.sub(r"[^a-z]", "", text.lower())


def _dropdown_field_value(tc: etree._Element) -> str | None:
    """A legacy FORMDROPDOWN field (how some editors save a drop-down): its chosen entry."""
    dd = tc.find(f".//{_w('ddList')}")
    if dd is None:
        return None
    entries = [e.get(_w("val"), "") for e in dd.findall(_w("listEntry"))]
    result = dd.find(_w("result"))
    index = int(result.get(_w("val"), "0")) if result is not None else 0
    return entries[index] if 0 <= index < len(entries) else None


def parse_category(text: str) -> str:
    low = text.strip().lower()
    for cat in PARTY_CATEGORIES:
        if low.startswith(cat.lower()):
            return cat
    return text.strip()


def parse_confidential(text: str) -> bool | None:
    low = text.strip().lower()
    if not low:
        return None
    if low.startswith(("yes", "confidential")):
        return True
    if low.startswith(("no", "not confidential")):
        return False
    return None


def read_form(path: str | Path) -> FilledForm:
    """Read a filled form; FormProblem (one line, naming the file) when it is not ours or lacks questions."""
    name = str(path)
    shown = Path(path).name  # problems name the file, as collation reports them
    try:
        pkg = open_package(path)
        root = pkg.xml(pkg.main_part)
    except BadInputError as exc:
        reason = str(exc).removeprefix(f"{name}: ")
        raise FormProblem(f"{shown}: not a readable .docx ({reason})") from None
    body = root.find(_w("body"))
    if body is None:
        raise FormProblem(f"{shown}: not a secdocs response form (no document body)")
    core = pkg.parts.get("docProps/core.xml", b"").decode("utf-8", "replace")
    m = _REF_RE.search(core) or _REF_RE.search(_text_of(body))
    if not m:
        raise FormProblem(f"{shown}: not a secdocs response form (no form reference)")
    form = FilledForm(file=name, mod_id=m.group(2), stage=m.group(3),
                      closing_date=Date.fromisoformat(m.group(4)), question_count=int(m.group(5)))
    desc = re.search(r"<dc:description>(.*?)</dc:description>", core, re.S)
    if desc:
        form.mod_title = unescape(desc.group(1)).strip()

    labels = {_norm_label(label): key for label, key in RESPONDENT_ROWS}
    details: dict[str, str] = {}
    question_table = None
    for tbl in body.iter(_w("tbl")):
        rows = _rows(tbl)
        if not rows:
            continue
        head = [_norm_label(_text_of(c)) for c in rows[0]]
        if "response" in head and "rationale" in head and question_table is None:
            question_table = (rows, head)
            continue
        for cells in rows:
            if len(cells) < 2:
                continue
            key = labels.get(_norm_label(_text_of(cells[0])))
            if key is None:
                continue
            value = _dropdown_field_value(cells[-1])
            details[key] = _text_of(cells[-1]) if value is None else value
    form.name = details.get("name", "")
    form.organisation = details.get("organisation", "")
    form.category = parse_category(details.get("category", ""))
    conf = parse_confidential(details.get("confidential", ""))
    if conf is None:
        form.notes.append("confidentiality not stated: treated as not confidential")
    form.confidential = bool(conf)
    if form.category and form.category not in PARTY_CATEGORIES:
        form.notes.append(f"party category {form.category!r} is not one of the form's choices")

    if question_table is not None:
        rows, head = question_table
        col = {key: head.index(key) for key in ("response", "rationale")}
        qcol = next((i for i, h in enumerate(head) if h == "question"), 1)
        for cells in rows[1:]:
            if not cells:
                continue
            mnum = re.match(r"\s*(?:q(?:uestion)?\s*)?(\d+)\b", _text_of(cells[0]), re.I)
            if not mnum or len(cells) <= max(col.values()):
                continue
            n = int(mnum.group(1))
            form.questions[n] = _text_of(cells[qcol]) if qcol < len(cells) else ""
            form.answers[n] = Answer(_text_of(cells[col["response"]]), _text_of(cells[col["rationale"]]))
    _fallback_controls(body, form)
    if not form.answers:
        raise FormProblem(f"{shown}: a {form.mod_id} response form without its questions table (no answers can be read)")
    missing = [n for n in range(1, form.question_count + 1) if n not in form.answers]
    if missing:
        form.notes.append("question(s) " + ", ".join(map(str, missing)) + " missing from the form")
    return form


def _fallback_controls(body: etree._Element, form: FilledForm) -> None:
    """Answers held in content controls outside the questions table (a respondent who moved
    them), found by tag (Word) or alias (LibreOffice keeps aliases)."""
    for sdt in body.iter(_w("sdt")):
        pr = sdt.find(_w("sdtPr"))
        if pr is None:
            continue
        tag = pr.find(_w("tag"))
        alias = pr.find(_w("alias"))
        key = None
        if tag is not None:
            mt = re.fullmatch(re.escape(TAG_PREFIX) + r"q(\d+)\.(response|rationale)", tag.get(_w("val"), ""))
            key = (int(mt.group(1)), mt.group(2)) if mt else None
        if key is None and alias is not None:
            ma = re.fullmatch(r"Q(\d+) (Response|Rationale)", alias.get(_w("val"), ""))
            key = (int(ma.group(1)), ma.group(2).lower()) if ma else None
        if key is None:
            continue
        n, part = key
        answer = form.answers.setdefault(n, Answer())
        if not getattr(answer, part):
            content = sdt.find(_w("sdtContent"))
            setattr(answer, part, _text_of(content) if content is not None else "")
