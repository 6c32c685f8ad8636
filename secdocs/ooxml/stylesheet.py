"""Paragraph and character styles (word/styles.xml) as the reader needs them.

The reader asks a style four things: its name as Word shows it (``SEC Clause``, ``Heading 2``),
the chain of styles it is based on, the numbering it carries (``w:numPr``, the way headings are
usually numbered) and its outline level. Character styles give run formatting (bold, italic,
underline) that a run inherits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from .wordml import attr, int_val, on_off, underline, w

_HEADING_RE = re.compile(r"^heading\s*(\d)$", re.IGNORECASE)


@dataclass
class Style:
    """One w:style, with only the properties the reader uses (not inherited)."""

    id: str
    name: str
    type: str
    based_on: str | None = None
    num_id: str | None = None
    ilvl: int | None = None
    outline_level: int | None = None
    indent_left: int | None = None
    indent_hanging: int | None = None
    bold: bool | None = None
    italic: bool | None = None
    underline: bool | None = None
    link: str | None = None


@dataclass
class StyleSheet:
    """All styles of a package, with inheritance through ``w:basedOn`` resolved on request."""

    styles: dict[str, Style] = field(default_factory=dict)
    default_paragraph: str | None = None
    # answers per (question, style id): a document asks the same few styles thousands of times.
    # The styles are read once and not changed afterwards (build a new sheet to change them).
    _memo: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    @classmethod
    def parse(cls, root: etree._Element | None) -> "StyleSheet":
        sheet = cls()
        if root is None:
            return sheet
        for el in root.iter(w("style")):
            style = _parse_style(el)
            if style.id in sheet.styles:
                continue  # Word uses the first definition of a duplicated styleId
            sheet.styles[style.id] = style
            if style.type == "paragraph" and el.get(w("default")) in ("1", "true", "on") \
                    and sheet.default_paragraph is None:
                sheet.default_paragraph = style.id
        return sheet

    def get(self, style_id: str | None) -> Style | None:
        return self.styles.get(style_id) if style_id else None

    def chain(self, style_id: str | None) -> list[Style]:
        """The style and the styles it is based on, nearest first (cycles cut)."""
        out: list[Style] = []
        seen: set[str] = set()
        current = self.get(style_id)
        while current is not None and current.id not in seen and len(out) < 50:
            out.append(current)
            seen.add(current.id)
            current = self.get(current.based_on)
        return out

    def paragraph_style_id(self, style_id: str | None) -> str | None:
        """The style a paragraph uses: its w:pStyle if defined, else the default style."""
        if style_id and style_id in self.styles:
            return style_id
        return self.default_paragraph

    def _answer(self, question: str, style_id: str | None, compute):
        key = (question, style_id)
        try:
            return self._memo[key]
        except KeyError:
            value = self._memo[key] = compute(style_id)
            return value

    def names(self, style_id: str | None) -> tuple[str, ...]:
        """Names of the style and of every style it is based on."""
        return self._answer("names", style_id, self._names)

    def numbering(self, style_id: str | None) -> tuple[str | None, int | None, str | None]:
        """(numId, ilvl, id of the style that carries the numPr) from the style chain."""
        return self._answer("numbering", style_id, self._numbering)

    def outline_level(self, style_id: str | None) -> int | None:
        """Outline level (0 = level 1) from the chain, or from a built-in heading name."""
        return self._answer("outline", style_id, self._outline_level)

    def indent(self, style_id: str | None) -> tuple[int | None, int | None]:
        """(left, hanging) indentation in twips from the chain."""
        return self._answer("indent", style_id, self._indent)

    def run_format(self, style_id: str | None) -> tuple[bool, bool, bool]:
        """(bold, italic, underline) a character (or paragraph) style chain gives a run."""
        return self._answer("run", style_id, self._run_format)

    def name(self, style_id: str | None) -> str:
        style = self.get(style_id)
        return style.name if style is not None else (style_id or "")

    def _names(self, style_id: str | None) -> tuple[str, ...]:
        """Names of the style and of every style it is based on."""
        return tuple(s.name for s in self.chain(style_id))

    def _numbering(self, style_id: str | None) -> tuple[str | None, int | None, str | None]:
        """(numId, ilvl, id of the style that carries the numId) from the style chain, as Word
        resolves them: ``w:numId`` and ``w:ilvl`` are inherited separately, each from the
        nearest style that sets it, so a style that sets only ``w:ilvl`` takes ``w:numId`` from
        the style it is based on (``GPS L3`` based on ``GPS L2``: the level of L3, the list of
        L2). numId 0 (numbering removed) is returned as such."""
        num_id = ilvl = carrier = None
        for style in self.chain(style_id):
            if ilvl is None:
                ilvl = style.ilvl
            if num_id is None and style.num_id is not None:
                num_id, carrier = style.num_id, style.id
            if num_id is not None and ilvl is not None:
                break
        if num_id is None:
            return None, None, None
        return num_id, ilvl, carrier

    def _outline_level(self, style_id: str | None) -> int | None:
        """Outline level (0 = level 1) from the chain, or from a built-in heading name."""
        for style in self.chain(style_id):
            if style.outline_level is not None:
                return style.outline_level if style.outline_level < 9 else None
            m = _HEADING_RE.match(style.name.strip()) or _HEADING_RE.match(style.id)
            if m:
                return int(m.group(1)) - 1
        return None

    def _indent(self, style_id: str | None) -> tuple[int | None, int | None]:
        """(left, hanging) indentation in twips from the chain."""
        left = hanging = None
        for style in self.chain(style_id):
            if left is None:
                left = style.indent_left
            if hanging is None:
                hanging = style.indent_hanging
        return left, hanging

    def _run_format(self, style_id: str | None) -> tuple[bool, bool, bool]:
        """(bold, italic, underline) a character (or paragraph) style chain gives a run."""
        bold = italic = under = None
        for style in self.chain(style_id):
            bold = style.bold if bold is None else bold
            italic = style.italic if italic is None else italic
            under = style.underline if under is None else under
        return bool(bold), bool(italic), bool(under)


def _parse_style(el: etree._Element) -> Style:
    kids = _first_children(el)  # one pass over each element instead of a search per property
    style_id = el.get(_STYLE_ID) or ""
    name = _val(kids.get(_NAME)) or style_id
    p_pr = _first_children(kids.get(_PPR))
    r_pr = _first_children(kids.get(_RPR))
    num_pr = kids_num = None
    if _NUMPR in p_pr:
        num_pr = p_pr[_NUMPR]
        kids_num = _first_children(num_pr)
    ind = p_pr.get(_IND)
    return Style(
        id=style_id,
        name=name,
        type=el.get(_TYPE, "paragraph"),
        based_on=_val(kids.get(_BASED_ON)),
        num_id=_val(kids_num.get(_NUM_ID)) if num_pr is not None else None,
        ilvl=int_val(_val(kids_num.get(_ILVL))) if num_pr is not None else None,
        outline_level=int_val(_val(p_pr.get(_OUTLINE))),
        indent_left=int_val(attr(ind, "left") or attr(ind, "start")),
        indent_hanging=int_val(attr(ind, "hanging")),
        bold=on_off(r_pr.get(_B)),
        italic=on_off(r_pr.get(_I)),
        underline=underline(r_pr.get(_U)),
        link=_val(kids.get(_LINK)),
    )


(_STYLE_ID, _TYPE, _NAME, _PPR, _RPR, _NUMPR, _IND, _BASED_ON, _NUM_ID, _ILVL, _OUTLINE, _B, _I, _U, _LINK,
 _VAL) = (w(n) for n in ("styleId", "type", "name", "pPr", "rPr", "numPr", "ind", "basedOn", "numId", "ilvl",
                        "outlineLvl", "b", "i", "u", "link", "val"))


def _first_children(el: etree._Element | None) -> dict:
    """Tag → the first child with that tag (``child`` for every name at once)."""
    found: dict = {}
    if el is not None:
        for kid in el:
            found.setdefault(kid.tag, kid)
    return found


def _val(el: etree._Element | None) -> str | None:
    return el.get(_VAL) if el is not None else None
