"""Blocks → .docx in the house style (python-docx on top of the house reference.docx).

The one writer of generated non-SEC documents (consultation packs, response forms, collated
responses, release documents): callers hand it the plain blocks of ``ooxml.blockspec`` and, for
what a template cannot say (Annex A, the form's controls), ``inserts`` that call ``ooxml.embed``
and ``ooxml.forms``.

The base document is the writer's ``reference.docx`` (``secdocs/templates/``, found by
``resources.reference_docx``; or the one in the user's ``--templates`` folder), so headings, fonts
and the ``SEC Title``/``SEC Meta``/``SEC Table`` styles are the house ones; a missing base
document is an error, never python-docx's default template. The house style is declared once,
in ``styles.py``: a house style a user's base lacks is copied from the house reference.docx, and
the pack styles (``styles.PACK_STYLES``) are added, based on the base's own ``Normal``/``Heading``
styles, so a document never names an undefined style.

Numbers and bullets are typed (``Q1``, ``•``) with hanging indents, like the SEC documents
themselves (docs/DEVELOPING.md): no Word auto-numbering, so no numbering part to keep straight.

Everything is deterministic: fixed core-property dates passed in by the caller, no clock, no
random ids, and the package re-zipped with ``normalise_docx_bytes``.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date as Date
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

import docx
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, RGBColor, Twips

from ..errors import ConfigError
from ..model import Run
from ..resources import reference_docx
from ..structure import house as H
from . import styles as S
from .blockspec import Block, Table
from .package import normalise_docx_bytes, open_package
from .stylecopy import copy_styles


SHADE = S.HEADER_FILL  # a header row's fill (cells shaded directly: a user's base may not shade first rows)

# role → paragraph style. House styles come from the base document (the house reference.docx,
# or a user's; one it lacks is copied from the house reference.docx); the pack styles
# (styles.PACK_STYLES) are added to the base when it lacks them.
ROLES: dict[str, str] = {
    "title": H.TITLE, "subtitle": H.SUBTITLE, "meta": H.META, "covernote": H.COVER_NOTE, "caption": H.TABLE_CAPTION,
    "h1": H.PACK_HEADINGS[0], "h2": H.PACK_HEADINGS[1], "h3": H.PACK_HEADINGS[2], "p": H.PACK_BODY,
    "bullet": H.PACK_BULLET, "question": H.PACK_QUESTION, "box": H.PACK_BOX, "small": H.PACK_SMALL,
    "cell": H.TABLE_TEXT, "cellhead": H.TABLE_HEADING, "header": "Header", "footer": "Footer", "banner": H.BANNER,
}
TABLE_STYLES = (H.TABLE, "Table Grid")


def _format_style(style, spec: S.ParaStyle) -> None:
    """A pack style's properties, set through python-docx (sizes in points, distances in twips)."""
    font, pf = style.font, style.paragraph_format
    if spec.size:
        font.size = Pt(spec.size)
    if spec.bold:
        font.bold = True
    if spec.italic:
        font.italic = True
    if spec.colour:
        font.color.rgb = RGBColor.from_string(spec.colour.upper())
    if spec.before is not None:
        pf.space_before = Twips(spec.before)
    if spec.after is not None:
        pf.space_after = Twips(spec.after)
    if spec.left is not None:
        pf.left_indent = Twips(spec.left)
    if spec.hanging:
        pf.first_line_indent = Twips(-spec.hanging)
    for pos in spec.tabs:
        pf.tab_stops.add_tab_stop(Twips(pos))
    if spec.keep_next:
        pf.keep_with_next = True
    if spec.border or spec.shading:
        ppr = style.element.get_or_add_pPr()
        if spec.border:
            S.paragraph_border(ppr, spec.border)
        if spec.shading:
            S.set_child(ppr, "shd", S.PPR_ORDER, val="clear", color="auto", fill=spec.shading)


def _copy_house_styles(target, names: list[str]) -> None:
    """The house styles ``names`` (with the styles they are based on) copied from the house
    reference.docx into the styles part ``target``."""
    house = open_package(reference_docx())
    copy_styles(target, house.xml("word/styles.xml"), [S.style_id(name) for name in names])


@dataclass
class Builder:
    """A document under construction: python-docx Document plus the pack's conventions."""

    doc: docx.document.Document
    compact: bool = False  # cover title without the house style's space above (forms)

    # -- creation -----------------------------------------------------------------------------
    @classmethod
    def new(cls, reference: Path | None = None, landscape: bool = False, templates: Path | None = None) -> "Builder":
        """A document on ``reference``, else on the ``templates`` folder's reference.docx when it
        has one, else on the house reference.docx."""
        ref = Path(reference) if reference is not None else reference_docx(templates)
        if not ref.is_file():
            raise ConfigError(f"{ref}: reference document not found")
        document = docx.Document(str(ref))
        body = document.element.body
        for child in list(body):
            if child.tag != qn("w:sectPr"):
                body.remove(child)
        builder = cls(document)
        builder._page_setup(document.sections[0])
        if landscape:
            section = document.sections[0]
            section.page_width, section.page_height = section.page_height, section.page_width
            section.orientation = WD_ORIENT.LANDSCAPE
        builder._ensure_styles()
        return builder

    @staticmethod
    def _page_setup(section) -> None:
        """The house page (A4 portrait, the house margins) unless the base document already says A4."""
        if section.page_width is None or abs(section.page_width.twips - S.PAGE_WIDTH) > 113:  # 0.2 cm
            section.page_width, section.page_height = Twips(S.PAGE_WIDTH), Twips(S.PAGE_HEIGHT)
            section.left_margin = section.right_margin = Twips(S.MARGIN)
            section.top_margin = section.bottom_margin = Twips(S.MARGIN)
            section.header_distance = Twips(S.HEADER_DISTANCE)
            section.footer_distance = Twips(S.FOOTER_DISTANCE)

    def _ensure_styles(self) -> None:
        """Every style a role names: house styles the base lacks copied from the house
        reference.docx, then the pack styles the base lacks added (python-docx, as declared in
        styles.PACK_STYLES)."""
        styles = self.doc.styles
        names = {s.name for s in styles}
        pack = {spec.name for spec in S.PACK_STYLES}
        house = [name for name in ROLES.values() if name not in pack and name not in names]
        if not any(n in names for n in TABLE_STYLES):
            house.append(H.TABLE)
        if house:
            _copy_house_styles(styles.element, house)
            names = {s.name for s in styles}
        for spec in S.PACK_STYLES:
            if spec.name in names:
                continue
            style = styles.add_style(spec.name, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = styles[spec.based_on] if spec.based_on in names else styles["Normal"]
            style.quick_style = True
            _format_style(style, spec)
            names.add(spec.name)

    # -- style helpers ----------------------------------------------------------------------------
    def style(self, role: str) -> str:
        return ROLES[role]

    def table_style(self) -> str:
        names = {s.name for s in self.doc.styles}
        return next(n for n in TABLE_STYLES if n in names)

    # -- page geometry ----------------------------------------------------------------------------
    def text_width_twips(self) -> int:
        section = self.doc.sections[-1]
        return int(section.page_width.twips - section.left_margin.twips - section.right_margin.twips)

    # -- blocks ---------------------------------------------------------------------------------
    def add_runs(self, paragraph, runs: list[Run], bold: bool = False) -> None:
        for r in runs:
            pieces = r.text.split("\n")
            for i, piece in enumerate(pieces):
                if i:
                    paragraph.add_run().add_break(WD_BREAK.LINE)
                if piece:
                    run = paragraph.add_run(piece)
                    if r.bold or bold:
                        run.bold = True
                    if r.italic:
                        run.italic = True
                    if r.underline:
                        run.underline = True

    def paragraph(self, role: str, runs: list[Run] | str = (), container=None):
        target = container if container is not None else self.doc
        para = target.add_paragraph(style=self.style(role))
        if isinstance(runs, str):
            runs = [Run(runs)]
        self.add_runs(para, list(runs))
        return para

    def render(self, blocks: list[Block | Table], inserts: dict[str, Callable[["Builder"], None]] | None = None) -> None:
        inserts = inserts or {}
        leads = lead_ins(blocks)
        for index, block in enumerate(blocks):
            lead_in = index in leads
            if isinstance(block, Table):
                self.table(block)
            elif block.kind == "pagebreak":
                para = self.doc.add_paragraph(style=self.style("p"))
                para.add_run().add_break(WD_BREAK.PAGE)
            elif block.kind in ("landscape", "portrait"):
                self.new_section(landscape=block.kind == "landscape")
            elif block.kind == "insert":
                if block.name not in inserts:
                    raise ConfigError(f"template line {block.line}: nothing to insert for {block.name!r}")
                inserts[block.name](self)
            elif block.kind == "question":
                para = self.doc.add_paragraph(style=self.style("question"))
                self.add_runs(para, [Run("Q" + "".join(r.text for r in block.cells[0]), True), Run("\t")])
                self.add_runs(para, block.cells[1])
            elif block.kind == "bullet":
                para = self.doc.add_paragraph(style=self.style("bullet"))
                self.add_runs(para, [Run("•\t")] + block.runs)
            elif block.kind == "title" and self.compact:
                para = self.paragraph("title", block.runs)
                para.paragraph_format.space_before = Pt(0)
            else:
                para = self.paragraph(block.kind, block.runs)
                if lead_in and block.kind in ("p", "small", "box"):
                    para.paragraph_format.keep_with_next = True

    def new_section(self, landscape: bool) -> None:
        section = self.doc.add_section(WD_SECTION.NEW_PAGE)
        width, height = section.page_width, section.page_height
        if landscape != (width > height):
            section.page_width, section.page_height = height, width
        section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT

    def table(self, spec: Table, *, header_fill: bool = True):
        """A table in the house table style, fixed column widths (per cent of the text width)."""
        ncols = len(spec.widths)
        total = sum(spec.widths) or 1
        width = self.text_width_twips()
        cols = [int(width * w / total) for w in spec.widths]
        table = self.doc.add_table(rows=0, cols=ncols)
        table.style = self.doc.styles[self.table_style()]
        self.fix_widths(table, cols, header=bool(spec.head))
        for cells in spec.head:
            row = self.add_row(table, cols)
            mark_header(row)
            for cell, runs in zip(row.cells, cells):
                self.fill_cell(cell, runs, head=True, fill=header_fill)
        for cells in spec.rows:
            row = self.add_row(table, cols)
            for cell, runs in zip(row.cells, cells):
                self.fill_cell(cell, runs)
        if len(spec.head) + len(spec.rows) <= KEEP_TOGETHER_ROWS:
            keep_together(table)
        # a paragraph after every table: Word needs one at the end of a body or cell, and it
        # separates consecutive tables
        self.doc.add_paragraph(style=self.style("small"))
        return table

    def add_row(self, table, cols: list[int]):
        row = table.add_row()
        for cell, twips in zip(row.cells, cols):
            set_cell_width(cell, twips)
        cant_split = OxmlElement("w:cantSplit")
        row._tr.get_or_add_trPr().append(cant_split)
        return row

    @staticmethod
    def fix_widths(table, cols: list[int], header: bool = True) -> None:
        tbl = table._tbl
        tbl_pr = tbl.tblPr
        look = tbl_pr.find(qn("w:tblLook"))
        if look is not None:  # the house table style shades and bolds the first row: only for header rows
            look.set(qn("w:firstRow"), "1" if header else "0")
            look.set(qn("w:firstColumn"), "0")
            look.set(qn("w:val"), "0420" if header else "0400")
        tbl_w = tbl_pr.find(qn("w:tblW"))
        if tbl_w is None:
            tbl_w = OxmlElement("w:tblW")
            tbl_pr.append(tbl_w)
        tbl_w.set(qn("w:w"), str(sum(cols)))
        tbl_w.set(qn("w:type"), "dxa")
        layout = OxmlElement("w:tblLayout")
        layout.set(qn("w:type"), "fixed")
        # schema order inside tblPr: ... tblW, jc, ..., tblLayout, tblCellMar, tblLook
        look = tbl_pr.find(qn("w:tblLook"))
        if look is not None:
            look.addprevious(layout)
        else:
            tbl_pr.append(layout)
        grid = tbl.tblGrid
        for gc, twips in zip(grid.findall(qn("w:gridCol")), cols):
            gc.set(qn("w:w"), str(twips))

    def fill_cell(self, cell, runs: list[Run], head: bool = False, fill: bool = True) -> None:
        para = cell.paragraphs[0]
        para.style = self.doc.styles[self.style("cellhead" if head else "cell")]
        self.add_runs(para, runs, bold=head)
        if head and fill:
            shade_cell(cell, SHADE)

    # -- header, footer, properties ----------------------------------------------------------------
    def header_footer(self, left: str, note: str, first_page_blank: bool = True) -> None:
        section = self.doc.sections[0]
        section.different_first_page_header_footer = first_page_blank
        header = section.header
        header.is_linked_to_previous = False
        hp = header.paragraphs[0]
        for r in list(hp.runs):
            r._r.getparent().remove(r._r)
        hp.style = self.doc.styles[self.style("header")]
        hp.add_run(left).bold = True
        note_p = header.add_paragraph(style=self.style("banner"))
        note_p.add_run(note)
        footer = section.footer
        footer.is_linked_to_previous = False
        fp = footer.paragraphs[0]
        fp.style = self.doc.styles[self.style("footer")]
        fp.add_run(f"{left}  ·  Page ")
        fp._p.append(field("PAGE", "1"))
        fp.add_run(" of ")
        fp._p.append(field("NUMPAGES", "1"))
        if first_page_blank:
            fph = section.first_page_header.paragraphs[0]
            fph.style = self.doc.styles[self.style("header")]
            ffp = section.first_page_footer.paragraphs[0]
            ffp.style = self.doc.styles[self.style("footer")]
            ffp.add_run(note).italic = True

    def properties(self, *, title: str, subject: str, keywords: str, when: Date, author: str = "secdocs",
                   description: str = "") -> None:
        cp = self.doc.core_properties
        cp.title = title
        cp.subject = subject
        cp.keywords = keywords
        cp.author = author
        cp.last_modified_by = "secdocs"
        cp.comments = description
        cp.category = ""
        cp.revision = 1
        stamp = datetime(when.year, when.month, when.day, 9, 0, 0, tzinfo=timezone.utc)
        cp.created = stamp
        cp.modified = stamp
        cp.last_printed = stamp
        cp.language = "en-GB"

    # -- output ---------------------------------------------------------------------------------
    def to_bytes(self) -> bytes:
        buf = io.BytesIO()
        self.doc.save(buf)
        return normalise_docx_bytes(buf.getvalue())


# ---------------------------------------------------------------------------------------------
# small XML helpers

def field(instr: str, placeholder: str):
    """A simple field (PAGE, NUMPAGES) with a placeholder result."""
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), f" {instr} ")
    run = OxmlElement("w:r")
    t = OxmlElement("w:t")
    t.text = placeholder
    run.append(t)
    fld.append(run)
    return fld


def set_cell_width(cell, twips: int) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    tc_w = tc_pr.find(qn("w:tcW"))
    if tc_w is None:
        tc_w = OxmlElement("w:tcW")
        tc_pr.insert(0, tc_w)
    tc_w.set(qn("w:w"), str(twips))
    tc_w.set(qn("w:type"), "dxa")


def shade_cell(cell, fill: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    # schema order in tcPr: tcW, gridSpan, vMerge, tcBorders, shd, noWrap, tcMar, textDirection, tcFitText, vAlign, hideMark
    after = [qn(f"w:{n}") for n in ("noWrap", "tcMar", "textDirection", "tcFitText", "vAlign", "hideMark")]
    for child in tc_pr:
        if child.tag in after:
            child.addprevious(shd)
            return
    tc_pr.append(shd)


KEEP_TOGETHER_ROWS = 16
LEAD_KINDS = ("p", "small", "box", "caption")


def lead_ins(blocks: list) -> set[int]:
    """Indexes of the paragraphs (up to three) that introduce a table: they keep with it."""
    out: set[int] = set()
    for index, block in enumerate(blocks):
        if not isinstance(block, Table):
            continue
        back = index - 1
        while back >= 0 and index - back <= 3 and isinstance(blocks[back], Block) and blocks[back].kind in LEAD_KINDS:
            out.add(back)
            back -= 1
    return out


def keep_together(table) -> None:
    """Keep a short table on one page (every paragraph but the last row's keeps with the next)."""
    rows = table.rows
    for row in rows[:-1]:
        for cell in row.cells:
            for para in cell.paragraphs:
                para.paragraph_format.keep_with_next = True


def mark_header(row) -> None:
    """Repeat the row at the top of each page."""
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:tblHeader"))

