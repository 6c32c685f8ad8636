"""The blocks the Word writer takes (``ooxml.blocks_writer``): plain dataclasses, no XML.

A pack, a release document or any other generated non-SEC document says what it contains as a
list of these (``packs.outline`` parses the jinja2 templates' output into them); the writer turns
them into WordprocessingML in the house style. Inline text is the model's own ``Run`` (its
formatting: bold, italic, underline; a line break inside a run's text is a line break).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Run


@dataclass
class Block:
    kind: str
    runs: list[Run] = field(default_factory=list)  # paragraph-like blocks
    cells: list[list[Run]] = field(default_factory=list)  # head / row / question
    widths: list[float] = field(default_factory=list)  # table
    name: str = ""  # insert
    line: int = 0

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass
class Table:
    widths: list[float]
    head: list[list[list[Run]]] = field(default_factory=list)  # rows of cells, each cell its runs
    rows: list[list[list[Run]]] = field(default_factory=list)
    line: int = 0
