"""WordprocessingML body → the stream of paragraphs and tables the tree builder reads.

Walks a part (the document body, a header, a note) in reading order: paragraphs, tables row by
row and cell by cell, content controls and custom XML read through. Each paragraph gets its
style name (and the names of the styles it is based on), its outline level, its indentation and
the label Word's automatic numbering gives it (counted in document order, table cells
included). Whatever is not understood becomes a ReaderWarning that names the part, the
paragraph number and a snippet of its text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from ..structure.blocks import Block, Para, Table
from ..model import ReaderWarning, normalise_runs
from .lists import ListCounter
from .read_inline import InlineReader
from .stylesheet import StyleSheet
from .wordml import MC_NS, W_NS, attr, child, child_val, first_children, int_val, local

_SKIPPED_BLOCKS = {"sectPr", "bookmarkStart", "bookmarkEnd", "proofErr", "permStart", "permEnd",
                   "commentRangeStart", "commentRangeEnd", "moveFromRangeStart", "moveFromRangeEnd",
                   "moveToRangeStart", "moveToRangeEnd", "sdtPr", "sdtEndPr", "customXmlPr", "tblPr",
                   "tblGrid", "trPr", "tcPr", "tblPrEx", "customXmlInsRangeStart", "customXmlInsRangeEnd",
                   "customXmlDelRangeStart", "customXmlDelRangeEnd"}


@dataclass
class NoteRef:
    """A footnote, endnote or comment referenced from a paragraph."""

    kind: str  # "footnote", "endnote", "comment"
    id: str
    where: str


@dataclass
class BodyReader:
    """Reads the blocks of one part; one instance per part."""

    part: str
    styles: StyleSheet
    counter: ListCounter | None = None
    warnings: list[ReaderWarning] = field(default_factory=list)
    refs: list[NoteRef] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.inline = InlineReader(self.styles)
        self._count = 0
        self._style_info: dict[str | None, tuple] = {}

    def _style(self, p_style: str | None) -> tuple:
        """What a paragraph takes from its w:pStyle, worked out once per style: (style id, name,
        names, left and hanging indentation, outline level, whether the style carries numbering)."""
        try:
            return self._style_info[p_style]
        except KeyError:
            styles = self.styles
            style_id = styles.paragraph_style_id(p_style)
            info = self._style_info[p_style] = (
                style_id, styles.name(style_id), styles.names(style_id), *styles.indent(style_id),
                styles.outline_level(style_id), styles.numbering(style_id)[0] is not None)
            return info

    # -- blocks -----------------------------------------------------------------------------------
    def blocks(self, container: etree._Element, in_table: bool = False) -> list[Block]:
        """The paragraphs and tables directly inside a body, cell, note or content control."""
        out: list[Block] = []
        for kid in container:
            tag = kid.tag
            if tag == _P:  # the common case first
                out.append(self.paragraph(kid, in_table))
                continue
            if not isinstance(tag, str):
                continue
            ns, _, name = tag[1:].partition("}")
            if ns == MC_NS and name == "AlternateContent":
                chosen = kid.find(f"{{{MC_NS}}}Choice")
                chosen = chosen if chosen is not None else kid.find(f"{{{MC_NS}}}Fallback")
                if chosen is not None:
                    out.extend(self.blocks(chosen, in_table))
                continue
            if ns != W_NS or name in _SKIPPED_BLOCKS:
                continue
            if name == "p":
                out.append(self.paragraph(kid, in_table))
            elif name == "tbl":
                if in_table:
                    table = self.table(kid)
                    self._warn(table.location, "a table inside a table cell is read as the cell's paragraphs")
                    out.extend(p for row in table.rows for cell in row for p in cell)
                else:
                    out.append(self.table(kid))
            elif name == "sdt":
                content = child(kid, "sdtContent")
                blocks = self.blocks(content, in_table) if content is not None else []
                self._warn(_first_location(blocks) or self._next_location(),
                           f"content control{_sdt_kind(kid)} read as plain content")
                out.extend(blocks)
            elif name in ("customXml", "sdtContent", "ins", "moveTo"):
                out.extend(self.blocks(kid, in_table))
            elif name == "altChunk":
                self._warn(self._next_location(), "an embedded document (w:altChunk) is not read")
            else:
                self._warn(self._next_location(), f"unknown block w:{name} is not read")
        return out

    def paragraph(self, p: etree._Element, in_table: bool, counted: bool = True) -> Para:
        self._count += 1
        location = f"{self.part}, paragraph {self._count}"
        p_style, num_pr, ind, outline_lvl, sect_pr = _paragraph_properties(p)
        style_id, style_name, style_names, s_left, s_hanging, s_outline, s_numbered = self._style(p_style)
        inline = self.inline.read(p)
        auto = None
        if self.counter is not None and counted and (num_pr is not None or s_numbered) \
                and not (sect_pr is not None and not "".join(r.text for r in inline.runs).strip()):
            # An empty paragraph that only carries a section break (w:pPr/w:sectPr) is not
            # numbered: LibreOffice drops it, and the published Common Paper agreements (made in
            # Word) number the clause after it 1. Other empty numbered paragraphs count.
            auto = self.counter.label_for(num_pr, style_id)
        left, hanging = _indent(ind)
        if left is None and auto is not None:
            left, hanging = auto.indent_left, auto.indent_hanging if hanging is None else hanging
        outline = int_val(outline_lvl)
        if outline is None:
            outline = s_outline
        elif outline >= 9:  # level 10 means "body text"
            outline = None
        para = Para(
            runs=normalise_runs(inline.runs, fresh=True),  # the inline reader's own runs
            style=style_name,
            styles=style_names,
            outline_level=outline,
            auto=auto,
            indent_left=left if left is not None else s_left,
            indent_hanging=hanging if hanging is not None else s_hanging,
            location=location,
            in_table=in_table,
        )
        if inline.notes or inline.footnotes or inline.comments or inline.text_boxes:
            for note in dict.fromkeys(inline.notes):
                self._warn(para.where(), note)
            for kind, note_id in inline.footnotes:
                self.refs.append(NoteRef(kind, note_id, para.where()))
            for comment_id in inline.comments:
                self.refs.append(NoteRef("comment", comment_id, para.where()))
            for box_p in inline.text_boxes:
                para.attached.append(self.paragraph(box_p, in_table, counted=False))
        return para

    def table(self, tbl: etree._Element) -> Table:
        location = f"{self.part}, table at paragraph {self._count + 1}"
        style_id = child_val(child(tbl, "tblPr"), "tblStyle")
        rows = [[self._cell(tc) for tc in _cells(tr)] for tr in _rows(tbl)]
        return Table(rows=rows, style=self.styles.name(style_id) if style_id else "", location=location)

    def _cell(self, tc: etree._Element) -> list[Para]:
        return [b for b in self.blocks(tc, in_table=True) if isinstance(b, Para)]

    # -- warnings ---------------------------------------------------------------------------------
    def _warn(self, location: str, message: str) -> None:
        self.warnings.append(ReaderWarning(location, message))

    def _next_location(self) -> str:
        return f"{self.part}, after paragraph {self._count}"


def _first_location(blocks: list[Block]) -> str | None:
    for b in blocks:
        if isinstance(b, Para):
            return b.where()
        if isinstance(b, Table):
            return b.location
    return None


def _sdt_kind(sdt: etree._Element) -> str:
    pr = child(sdt, "sdtPr")
    gallery = None
    if pr is not None:
        obj = child(pr, "docPartObj")
        gallery = child_val(obj, "docPartGallery") if obj is not None else None
    return f" ({gallery})" if gallery else ""


_W = f"{{{W_NS}}}"
_P, _PPR, _PSTYLE, _NUMPR, _IND, _OUTLINE, _SECTPR, _VAL = (
    _W + n for n in ("p", "pPr", "pStyle", "numPr", "ind", "outlineLvl", "sectPr", "val"))
_PPR_TAGS = frozenset((_PSTYLE, _NUMPR, _IND, _OUTLINE, _SECTPR))


def _paragraph_properties(p: etree._Element) -> tuple[str | None, etree._Element | None,
                                                       etree._Element | None, str | None,
                                                       etree._Element | None]:
    """(w:pStyle value, w:numPr, w:ind, w:outlineLvl value, w:sectPr) of a paragraph's first
    w:pPr, each from its first occurrence: one pass over the properties instead of a search for
    each."""
    p_pr = p.find(_PPR)  # the first w:pPr (in practice the first child)
    if p_pr is None:
        return None, None, None, None, None
    found = first_children(p_pr, _PPR_TAGS)
    style, num_pr, ind, outline, sect = (found.get(t) for t in (_PSTYLE, _NUMPR, _IND, _OUTLINE, _SECTPR))
    return (style.get(_VAL) if style is not None else None, num_pr, ind,
            outline.get(_VAL) if outline is not None else None, sect)


def _indent(ind: etree._Element | None) -> tuple[int | None, int | None]:
    if ind is None:
        return None, None
    return int_val(attr(ind, "left") or attr(ind, "start")), int_val(attr(ind, "hanging"))


def _rows(tbl: etree._Element) -> list[etree._Element]:
    return [el for el in _through(tbl) if local(el) == "tr"]


def _cells(tr: etree._Element) -> list[etree._Element]:
    return [el for el in _through(tr) if local(el) == "tc"]


def _through(parent: etree._Element) -> list[etree._Element]:
    """Children of a table or row, looking through content controls and custom XML."""
    out = []
    for kid in parent:
        if not isinstance(kid.tag, str):
            continue
        name = local(kid)
        if name in ("sdt",):
            content = child(kid, "sdtContent")
            if content is not None:
                out.extend(_through(content))
        elif name == "customXml":
            out.extend(_through(kid))
        else:
            out.append(kid)
    return out

