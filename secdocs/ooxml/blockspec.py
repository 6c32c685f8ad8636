"""The blocks the Word writer takes (``ooxml.blocks_writer``): plain dataclasses, no XML.

A pack, a release document or any other generated non-SEC document says what it contains as a
list of these (``packs.outline`` parses the jinja2 templates' output into them); the writer turns
them into WordprocessingML in the house style.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Span:
    """Inline text with one formatting."""

    text: str
    bold: bool = False


@dataclass
class Block:
    kind: str
    spans: list[Span] = field(default_factory=list)  # paragraph-like blocks
    cells: list[list[Span]] = field(default_factory=list)  # head / row / question
    widths: list[float] = field(default_factory=list)  # table
    name: str = ""  # insert
    line: int = 0

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.spans)


@dataclass
class Table:
    widths: list[float]
    head: list[list[list[Span]]] = field(default_factory=list)
    rows: list[list[list[Span]]] = field(default_factory=list)
    line: int = 0
