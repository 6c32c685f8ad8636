"""The release's own .docx documents (Document Log, release notes) in the house style.

They are built with the blocks writer (secdocs.ooxml.blocks_writer: python-docx on the
writer's templates/reference.docx, deterministic bytes), the same one the consultation packs
use, so every generated non-SEC document looks alike. This module only adds the release cover.
"""

from __future__ import annotations

import datetime as dt

from ..model import Run
from ..ooxml.blocks_writer import Builder
from ..ooxml.blockspec import Block, Table
from .results import ReleaseSummary

ILLUSTRATIVE = ("Illustrative: this release set was produced by secdocs from representative text. "
                "It is not the Smart Energy Code and must not be relied on as such.")


class Doc:
    """A release document: cover lines, then headings, paragraphs and tables."""

    def __init__(self, title: str, summary: ReleaseSummary):
        self.title = title
        self.summary = summary
        self.blocks: list[Block | Table] = [
            Block("title", [Run(title)]),
            Block("subtitle", [Run(summary.name)]),
            Block("meta", [Run(f"SEC version: {summary.sec_version}")]),
            Block("meta", [Run(f"Implementation date: {summary.implementation_date}")]),
            Block("meta", [Run(f"Previous SEC version: {summary.previous_sec_version}")]),
        ]
        if summary.illustrative:
            self.blocks.append(Block("covernote", [Run(ILLUSTRATIVE)]))

    def p(self, text: str) -> None:
        self.blocks.append(Block("p", [Run(text)]))

    def h1(self, text: str) -> None:
        self.blocks.append(Block("h1", [Run(text)]))

    def h2(self, text: str) -> None:
        self.blocks.append(Block("h2", [Run(text)]))

    def table(self, widths: list[float], head: list[str], rows: list[list[str]],
              bold_rows: list[int] = ()) -> None:
        bold = set(bold_rows)
        self.blocks.append(Table(widths=widths, head=[[[Run(h)] for h in head]],
                                 rows=[[[Run(c, i in bold)] for c in row] for i, row in enumerate(rows)]))

    def to_bytes(self) -> bytes:
        b = Builder.new()
        b.render(self.blocks)
        note = ILLUSTRATIVE if self.summary.illustrative else f"Smart Energy Code v{self.summary.sec_version}"
        b.header_footer(self.title, note)
        b.properties(title=self.title, subject=self.summary.name,
                     keywords=f"sec-version={self.summary.sec_version}",
                     when=dt.date.fromisoformat(self.summary.implementation_date_iso))
        return b.to_bytes()
