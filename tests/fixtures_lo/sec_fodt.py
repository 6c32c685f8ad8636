"""SEC-shaped test documents written as flat ODF (.fodt), for LibreOffice to turn into .docx.

The point is a .docx that other software wrote, numbered by Word automatic numbering as
LibreOffice exports it: multi-level lists with prefixes (``L%1.%2``), letters and roman
numerals in brackets, outline numbering carried by the heading styles, lists that restart in
every table cell. Each fixture is a small spec (a list of items) from which the .fodt text is
generated, and the spec also says which provision numbers the reader must find, in order.

Spec items:

* ``("title", text)`` — a Title-styled paragraph;
* ``("p", text)`` / ``("bold", text)`` / ``("h2", text)`` — an unnumbered body paragraph, a bold
  one, a "Heading 2" one;
* ``("n", level, text, expected)`` — an item of the document's numbered list at ``level``
  (1-based), continuing the list across interruptions; ``expected`` is the full label the
  reader should give it (``"L1.2(a)"``) or None;
* ``("h", level, text, expected)`` — a heading numbered by the outline (heading styles);
* ``("pn", level, text, expected)`` — an item of the paragraph list (``(A)`` / ``(i)``), which
  restarts after every heading;
* ``("defs", [(term, [cell items...]), ...])`` — a two-column table; cell items are ``("p",
  text)`` or ``("n", level, text, None)`` in a list that restarts in each cell; expected labels
  of meanings are given in the fixture's ``definitions`` entry.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from xml.sax.saxutils import escape

NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
}


def _level(n: int, fmt: str, prefix: str, suffix: str, display: int, indent_cm: float) -> str:
    return (f'<text:list-level-style-number text:level="{n}" style:num-prefix="{escape(prefix)}" '
            f'style:num-suffix="{escape(suffix)}" style:num-format="{fmt}" text:display-levels="{display}">'
            '<style:list-level-properties text:list-level-position-and-space-mode="label-alignment">'
            f'<style:list-level-label-alignment text:label-followed-by="listtab" '
            f'text:list-tab-stop-position="{indent_cm:.2f}cm" fo:text-indent="-1.25cm" '
            f'fo:margin-left="{indent_cm:.2f}cm"/></style:list-level-properties>'
            '</text:list-level-style-number>')


def _list_style(name: str, levels: list[tuple[str, str, str, int]]) -> str:
    body = "".join(_level(i + 1, fmt, pre, suf, disp, 1.25 * (i + 1)) for i, (fmt, pre, suf, disp) in
                   enumerate(levels))
    return f'<text:list-style style:name="{name}">{body}</text:list-style>'


def _outline_style(levels: int) -> str:
    body = "".join(
        f'<text:outline-level-style text:level="{n}" style:num-format="1" text:display-levels="{n}">'
        '<style:list-level-properties text:list-level-position-and-space-mode="label-alignment">'
        '<style:list-level-label-alignment text:label-followed-by="listtab" fo:text-indent="-1.5cm" '
        'fo:margin-left="1.5cm"/></style:list-level-properties></text:outline-level-style>'
        for n in range(1, levels + 1))
    return f'<text:outline-style style:name="Outline">{body}</text:outline-style>'


_STYLES = """
<style:style style:name="Standard" style:family="paragraph" style:class="text"/>
<style:style style:name="Title" style:family="paragraph" style:parent-style-name="Standard">
  <style:text-properties fo:font-size="16pt" fo:font-weight="bold"/></style:style>
<style:style style:name="Heading" style:family="paragraph" style:parent-style-name="Standard"/>
<style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph"
  style:parent-style-name="Heading" style:default-outline-level="1">
  <style:text-properties fo:font-weight="bold"/></style:style>
<style:style style:name="Heading_20_2" style:display-name="Heading 2" style:family="paragraph"
  style:parent-style-name="Heading" style:default-outline-level="2">
  <style:text-properties fo:font-style="italic"/></style:style>
<style:style style:name="Heading_20_3" style:display-name="Heading 3" style:family="paragraph"
  style:parent-style-name="Heading" style:default-outline-level="3"/>
<style:style style:name="Table_20_Contents" style:display-name="Table Contents" style:family="paragraph"
  style:parent-style-name="Standard"/>
"""

_AUTOMATIC = """
<style:style style:name="B" style:family="text"><style:text-properties fo:font-weight="bold"/></style:style>
<style:style style:name="I" style:family="text"><style:text-properties fo:font-style="italic"/></style:style>
"""


@dataclass
class Fixture:
    """One SEC-shaped test document."""

    name: str
    items: list
    list_levels: list[tuple[str, str, str, int]]  # (num-format, prefix, suffix, display-levels)
    para_levels: list[tuple[str, str, str, int]] = field(default_factory=list)
    outline_levels: int = 0
    scheme: str = "section"
    definitions: dict[str, list[str | None]] = field(default_factory=dict)  # term → meaning labels
    definition_levels: list[tuple[str, str, str, int]] = field(default_factory=list)

    def expected_numbers(self) -> list[str]:
        return [item[3] for item in self.items if item[0] in ("n", "h", "pn") and item[3] is not None]

    def fodt(self) -> str:
        styles = _STYLES + _list_style("SecList", self.list_levels)
        if self.para_levels:
            styles += _list_style("ParaList", self.para_levels)
        if self.definition_levels:
            styles += _list_style("DefList", self.definition_levels)
        styles += _outline_style(self.outline_levels or 1)
        body = _Body(_Counter()).render(self.items)
        return ('<?xml version="1.0" encoding="UTF-8"?>\n<office:document '
                + " ".join(f'xmlns:{k}="{v}"' for k, v in NS.items())
                + ' office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">'
                f"<office:styles>{styles}</office:styles>"
                f"<office:automatic-styles>{_AUTOMATIC}</office:automatic-styles>"
                f"<office:body><office:text>{body}</office:text></office:body></office:document>\n")


class _Counter:
    """Numbers the lists of a document (xml:id values must be unique)."""

    def __init__(self) -> None:
        self.n = 0

    def next(self) -> str:
        self.n += 1
        return f"list{self.n}"


class _Body:
    """Renders spec items; consecutive list items share (and continue) one list."""

    def __init__(self, ids: _Counter, numbered_style: str = "SecList") -> None:
        self.ids = ids
        self.numbered_style = numbered_style
        self.out: list[str] = []
        self.open: list[str] = []  # closing tags of the open list structure
        self.depth = 0
        self.item_open = False
        self.current: str | None = None  # list style of the open structure
        self.first_id: dict[str, str] = {}

    def render(self, items: list) -> str:
        for item in items:
            kind = item[0]
            if kind in ("n", "pn"):
                self._item(self.numbered_style if kind == "n" else "ParaList", item[1], _para(item[2]))
                continue
            if kind == "h":
                # a heading closes the paragraph list, which then restarts below it
                self._close()
                self.first_id.pop("ParaList", None)
                self.out.append(f'<text:h text:style-name="Heading_20_{item[1]}" text:outline-level="{item[1]}">'
                                f"{_inline(item[2])}</text:h>")
                continue
            self._close()
            if kind == "title":
                self.out.append(f'<text:p text:style-name="Title">{_inline(item[1])}</text:p>')
            elif kind == "p":
                self.out.append(_para(item[1]))
            elif kind == "bold":
                self.out.append(f'<text:p text:style-name="Standard"><text:span text:style-name="B">'
                                f"{_inline(item[1])}</text:span></text:p>")
            elif kind == "h2":
                self.out.append(f'<text:p text:style-name="Heading_20_2">{_inline(item[1])}</text:p>')
            elif kind == "defs":
                self.out.append(self._table(item[1]))
        self._close()
        return "".join(self.out)

    def _item(self, style: str, level: int, paragraph: str) -> None:
        if self.current not in (None, style):
            self._close()
        if not self.open:
            list_id = self.ids.next()
            cont = f' text:continue-list="{self.first_id[style]}"' if style in self.first_id else ""
            self.first_id.setdefault(style, list_id)
            self.out.append(f'<text:list xml:id="{list_id}" text:style-name="{style}"{cont}>')
            self.open = ["</text:list>"]
            self.depth, self.item_open, self.current = 1, False, style
        while self.depth > level:
            self.out.append("</text:list-item></text:list>" if self.item_open else "</text:list>")
            self.open.pop()
            self.depth -= 1
            self.item_open = True
        while self.depth < level:
            if not self.item_open:
                self.out.append("<text:list-item>")
            self.out.append("<text:list>")
            self.open.append("</text:list>")
            self.depth += 1
            self.item_open = False
        if self.item_open:
            self.out.append("</text:list-item>")
        self.out.append(f"<text:list-item>{paragraph}")
        self.item_open = True

    def _close(self) -> None:
        if not self.open:
            return
        while self.open:
            self.out.append("</text:list-item>" if self.item_open else "")
            self.out.append(self.open.pop())
            self.item_open = True
        self.depth, self.item_open, self.current = 0, False, None

    def _table(self, rows: list) -> str:
        cells = []
        for term, meaning in rows:  # noqa: B007
            term_cell = (f'<table:table-cell office:value-type="string"><text:p text:style-name="Table_20_Contents">'
                         f'<text:span text:style-name="B">{_inline(term)}</text:span></text:p></table:table-cell>')
            meaning_xml = _Body(self.ids, "DefList").render(meaning)  # a new list: restarts at (a)
            cells.append(f"<table:table-row>{term_cell}<table:table-cell office:value-type=\"string\">"
                         f"{meaning_xml}</table:table-cell></table:table-row>")
        return ('<table:table table:name="Definitions"><table:table-column table:number-columns-repeated="2"/>'
                + "".join(cells) + "</table:table>")


def _inline(text: str) -> str:
    """Plain text with ``**bold**`` spans and tabs."""
    parts = text.split("**")
    out = []
    for i, part in enumerate(parts):
        piece = escape(part).replace("\t", "<text:tab/>")
        out.append(f'<text:span text:style-name="B">{piece}</text:span>' if i % 2 else piece)
    return "".join(out)


def _para(text: str) -> str:
    return f'<text:p text:style-name="Standard">{_inline(text)}</text:p>'
