"""The text and formatting of one WordprocessingML paragraph, as a reader sees it.

Text comes from ``w:t``; ``w:tab`` / ``w:ptab`` give a tab, ``w:br`` / ``w:cr`` a line break,
``w:noBreakHyphen`` a hyphen and ``w:sym`` its character. Fields keep their displayed result
and lose their instructions, whether they are simple (``w:fldSimple``) or complex
(``w:fldChar`` begin / separate / end, possibly nested and spanning paragraphs, so the state is
carried from paragraph to paragraph). Hyperlinks, smart tags, custom XML and content controls
(``w:sdt``) are read through; bookmarks, proofing and permission marks are ignored. Things the
model cannot hold are reported, never silently dropped: text boxes (their paragraphs are handed
back to be read after the paragraph that anchors them), images, embedded objects, equations (read
as their plain text), comments and footnotes (their ids are handed back).

Run formatting is the run's own (direct ``w:rPr`` over its character style): bold, italic and
underline. Formatting a paragraph style gives to the whole paragraph is not inline emphasis and
is left out.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from ..model import Run
from .stylesheet import StyleSheet
from .wordml import M_NS, MC_NS, W_NS, child, first_children, local, on_off, underline, w

_SKIPPED_IN_PARAGRAPH = {"pPr", "bookmarkStart", "bookmarkEnd", "proofErr", "permStart", "permEnd",
                         "commentRangeStart", "commentRangeEnd", "moveFromRangeStart", "moveFromRangeEnd",
                         "moveToRangeStart", "moveToRangeEnd", "customXmlPr", "smartTagPr", "sdtPr",
                         "sdtEndPr", "fldData", "del", "moveFrom", "customXmlInsRangeStart",
                         "customXmlInsRangeEnd", "customXmlDelRangeStart", "customXmlDelRangeEnd",
                         "customXmlMoveFromRangeStart", "customXmlMoveFromRangeEnd",
                         "customXmlMoveToRangeStart", "customXmlMoveToRangeEnd", "oMathParaPr"}
_READ_THROUGH = {"hyperlink", "smartTag", "customXml", "fldSimple", "ins", "moveTo", "dir", "bdo",
                 "sdtContent"}
_SKIPPED_IN_RUN = {"rPr", "lastRenderedPageBreak", "annotationRef", "footnoteRef",
                   "endnoteRef", "separator", "continuationSeparator", "instrText", "delInstrText",
                   "delText", "softHyphen", "pgNum", "dayShort", "dayLong", "monthShort", "monthLong",
                   "yearShort", "yearLong"}


class FieldState:
    """Open complex fields: text shows only where every open field is in its result part."""

    def __init__(self) -> None:
        self._stack: list[str] = []

    @property
    def visible(self) -> bool:
        return "instruction" not in self._stack  # every open field is in its result part

    def char(self, kind: str | None) -> None:
        if kind == "begin":
            self._stack.append("instruction")
        elif kind == "separate" and self._stack:
            self._stack[-1] = "result"
        elif kind == "end" and self._stack:
            self._stack.pop()

    def reset(self) -> None:
        self._stack.clear()


@dataclass
class Inline:
    """What one paragraph holds besides its own paragraph properties."""

    runs: list[Run] = field(default_factory=list)
    text_boxes: list[etree._Element] = field(default_factory=list)  # w:p elements, in order
    notes: list[str] = field(default_factory=list)
    footnotes: list[tuple[str, str]] = field(default_factory=list)  # ("footnote"|"endnote", id)
    comments: list[str] = field(default_factory=list)  # comment ids referenced here


class InlineReader:
    """Reads paragraphs of one part; create one per part so field state runs across paragraphs."""

    def __init__(self, styles: StyleSheet):
        self.styles = styles
        self.fields = FieldState()

    def read(self, paragraph: etree._Element) -> Inline:
        out = Inline()
        self._content(paragraph, out)
        return out

    # -- paragraph-level content ---------------------------------------------------------------
    def _content(self, parent: etree._Element, out: Inline) -> None:
        for kid in parent:
            tag = kid.tag
            if tag == _R:  # the common cases first, by their full names
                self._run(kid, out)
            elif tag in _SKIPPED_IN_PARAGRAPH_TAGS:
                continue
            elif tag in _READ_THROUGH_TAGS:
                self._content(kid, out)
            elif isinstance(tag, str):
                self._other_content(kid, tag, out)

    def _other_content(self, kid: etree._Element, tag: str, out: Inline) -> None:
        """Paragraph content other than runs, skipped marks and plain wrappers."""
        ns, name = _split(tag)
        if ns == W_NS:
            if name == "sdt":
                out.notes.append("content control (w:sdt) read as plain text")
                self._content(kid, out)
            elif name == "subDoc":
                out.notes.append("a linked subdocument is not read")
            else:
                out.notes.append(f"unknown element w:{name} read for its text only")
                self._content(kid, out)
        elif ns == MC_NS and name == "AlternateContent":
            self._content_choice(kid, out)
        elif ns == M_NS and name in ("oMathPara", "oMath"):
            out.notes.append("equation read as plain text")
            text = "".join(t.text or "" for t in kid.iter(f"{{{M_NS}}}t"))
            if text and self.fields.visible:
                out.runs.append(Run(text))
        else:
            self._content(kid, out)

    def _content_choice(self, alternate: etree._Element, out: Inline) -> None:
        chosen = _choice(alternate)
        if chosen is not None:
            self._content(chosen, out)

    # -- runs ---------------------------------------------------------------------------------
    def _format(self, run: etree._Element) -> tuple[bool, bool, bool]:
        """(bold, italic, underline) of a run, from its first w:rPr and its character style."""
        for kid in run:  # the first w:rPr (in practice the first child)
            if kid.tag == _RPR:
                return self._properties_format(kid)
        return self.styles.run_format(None)

    def _properties_format(self, r_pr: etree._Element) -> tuple[bool, bool, bool]:
        found = first_children(r_pr, _RPR_TAGS)
        b, i, u, r_style = (found.get(t) for t in (_B, _I, _U, _RSTYLE))
        bold, italic, under = self.styles.run_format(r_style.get(_VAL) if r_style is not None else None)
        direct_b = on_off(b)
        direct_i = on_off(i)
        direct_u = underline(u)
        return (bold if direct_b is None else direct_b, italic if direct_i is None else direct_i,
                under if direct_u is None else direct_u)

    def _run(self, run: etree._Element, out: Inline, fmt: tuple[bool, bool, bool] | None = None) -> None:
        """Read a run: its text goes to ``out`` in the run's format (``fmt`` when given: a run
        chosen from mc:AlternateContent keeps the format of the run around it). The format is
        taken in the same pass as the text, from the first w:rPr."""
        pieces: list[str] = []
        stack = self.fields._stack  # visible: no open field is in its instruction part
        for kid in run:
            tag = kid.tag
            if tag == _T:  # the common cases first, by their full names
                if "instruction" not in stack:
                    pieces.append(kid.text or "")
            elif tag == _TAB:
                if "instruction" not in stack:
                    pieces.append("\t")
            elif tag == _RPR:
                if fmt is None:  # the first w:rPr (none came before, or fmt would be set)
                    fmt = self._properties_format(kid)
            elif tag not in _SKIPPED_IN_RUN_TAGS and isinstance(tag, str):
                if fmt is None:  # needed now: look ahead for the w:rPr
                    fmt = self._format(run)
                self._run_content(kid, tag, out, fmt, pieces)
        if pieces:
            # no format yet: the run has no w:rPr at all (the pass saw every child)
            _flush(out, pieces, fmt if fmt is not None else self.styles.run_format(None))

    def _run_content(self, kid: etree._Element, tag: str, out: Inline, fmt: tuple[bool, bool, bool],
                     pieces: list[str]) -> None:
        """Run content other than text, tabs and the skipped marks; text goes to ``pieces``."""
        ns, name = _split(tag)
        if ns == MC_NS and name == "AlternateContent":
            _flush(out, pieces, fmt)
            chosen = _choice(kid)
            if chosen is not None:
                self._run(chosen, out, fmt)
            return
        if ns != W_NS:
            return
        if name == "fldChar":
            _flush(out, pieces, fmt)
            self.fields.char(kid.get(w("fldCharType")))
            return
        if name == "commentReference":
            out.comments.append(kid.get(w("id"), ""))
            return
        if name in ("footnoteReference", "endnoteReference"):
            out.footnotes.append((name[:-len("Reference")], kid.get(w("id"), "")))
            return
        if name in ("drawing", "pict", "object"):
            self._drawing(kid, out)
            return
        if not self.fields.visible:
            return
        if name in ("tab", "ptab"):
            pieces.append("\t")
        elif name in ("br", "cr"):
            pieces.append("\n")
        elif name == "noBreakHyphen":
            pieces.append("-")
        elif name == "sym":
            pieces.append(_symbol(kid))
        elif name == "ruby":
            base = child(kid, "rubyBase")
            if base is not None:
                _flush(out, pieces, fmt)
                self._content(base, out)
            out.notes.append("phonetic guide (w:ruby) read as its base text")
        elif name == "contentPart":
            out.notes.append("embedded ink or content part is not read")
        else:
            out.notes.append(f"unknown run content w:{name} ignored")

    def _drawing(self, el: etree._Element, out: Inline) -> None:
        boxes = [b for b in el.iter(w("txbxContent")) if _outer_box(b, el)]
        if boxes:
            out.notes.append("text box read as separate paragraphs after this one")
            for box in boxes:
                out.text_boxes.extend(p for p in box.iter(w("p")) if _nearest_box(p) is box)
        else:
            kind = {"drawing": "image or drawing", "pict": "picture", "object": "embedded object"}[local(el)]
            out.notes.append(f"{kind} is not read")


_W = f"{{{W_NS}}}"
_R, _T, _TAB, _RPR, _RSTYLE, _B, _I, _U, _VAL = (
    _W + n for n in ("r", "t", "tab", "rPr", "rStyle", "b", "i", "u", "val"))
_RPR_TAGS = frozenset((_B, _I, _U, _RSTYLE))
_SKIPPED_IN_PARAGRAPH_TAGS = frozenset(_W + n for n in _SKIPPED_IN_PARAGRAPH)
_READ_THROUGH_TAGS = frozenset(_W + n for n in _READ_THROUGH)
_SKIPPED_IN_RUN_TAGS = frozenset(_W + n for n in _SKIPPED_IN_RUN)


def _flush(out: Inline, pieces: list[str], fmt: tuple[bool, bool, bool]) -> None:
    """The text gathered so far in a run becomes a Run of the run's format. Neighbours of the
    same format are merged once per paragraph later (``model.normalise_runs(fresh=True)``, linear:
    adding to the last Run's text here would be quadratic in a paragraph of 400,000 runs)."""
    if pieces:
        text = "".join(pieces)
        pieces.clear()
        if text:
            out.runs.append(Run(text, fmt[0], fmt[1], fmt[2]))


def _split(tag: str) -> tuple[str, str]:
    ns, _, name = tag[1:].partition("}")
    return ns, name


def _choice(alternate: etree._Element) -> etree._Element | None:
    """The branch of mc:AlternateContent to read: the first Choice, else the Fallback."""
    for kid in alternate:
        if isinstance(kid.tag, str) and kid.tag == f"{{{MC_NS}}}Choice":
            return kid
    return alternate.find(f"{{{MC_NS}}}Fallback")


def _nearest_box(el: etree._Element) -> etree._Element | None:
    node = el.getparent()
    while node is not None and node.tag != w("txbxContent"):
        node = node.getparent()
    return node


def _outer_box(box: etree._Element, within: etree._Element) -> bool:
    """Whether a text box is not itself inside another text box below ``within``."""
    node = box.getparent()
    while node is not None and node is not within:
        if node.tag == w("txbxContent"):
            return False
        node = node.getparent()
    return True


def _symbol(sym: etree._Element) -> str:
    try:
        code = int(sym.get(w("char"), ""), 16)
    except ValueError:
        return ""
    if 0xF000 <= code <= 0xF0FF:  # symbol fonts map their glyphs into the private use area
        code -= 0xF000
    try:
        return chr(code)
    except ValueError:
        return ""
