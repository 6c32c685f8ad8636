"""The reader's intermediate form: a document as a stream of labelled paragraphs and tables.

``secdocs.ooxml`` turns WordprocessingML into these plain objects (one :class:`Para` per
paragraph, one :class:`Table` per table, in reading order) and ``secdocs.structure`` turns the
stream into the provision tree. Nothing here knows about XML, so the tree builder can be tested
with hand-made streams and could be fed by other formats.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Run, plain


@dataclass(frozen=True)
class AutoLabel:
    """The label Word's automatic numbering shows for a paragraph."""

    text: str  # "1.", "4.9.1", "(a)", "L1.17", "•"; "" for numFmt none
    value: int  # the counter of the paragraph's own level
    fmt: str  # numFmt of that level: decimal, lowerLetter, upperRoman, bullet, none, ...
    ilvl: int
    num_id: str
    list_id: str  # the abstract list the counters belong to
    indent_left: int | None = None
    indent_hanging: int | None = None

    @property
    def is_bullet(self) -> bool:
        return self.fmt == "bullet"


@dataclass
class Para:
    """One paragraph: its runs and everything the tree builder may use to place it."""

    runs: list[Run]
    style: str = ""  # style name as Word shows it ("SEC Clause", "Heading 2", "Normal")
    styles: tuple[str, ...] = ()  # the style's name and the names of the styles it is based on
    outline_level: int | None = None  # 0 = level 1; None for body text
    auto: AutoLabel | None = None  # automatic numbering, if any
    indent_left: int | None = None  # twips
    indent_hanging: int | None = None
    location: str = ""  # "word/document.xml, paragraph 12"
    in_table: bool = False
    attached: list["Para"] = field(default_factory=list)  # text-box paragraphs anchored here

    @property
    def text(self) -> str:
        return plain(self.runs)

    def where(self) -> str:
        """The location with a snippet of the text, for warnings."""
        snippet = " ".join(self.text.split())
        if self.auto and self.auto.text:
            snippet = f"{self.auto.text} {snippet}"
        if len(snippet) > 60:
            snippet = snippet[:57] + "…"
        return f'{self.location} ("{snippet}")' if snippet else self.location


Cell = list[Para]


@dataclass
class Table:
    """A table: rows of cells, each cell a list of paragraphs (nested tables flattened)."""

    rows: list[list[Cell]]
    style: str = ""  # table style name ("SEC Definitions", "Table Grid")
    location: str = ""

    def where(self) -> str:
        return self.location

    @property
    def columns(self) -> int:
        return max((len(r) for r in self.rows), default=0)


Block = Para | Table


@dataclass
class Sources:
    """Metadata found outside the body: core properties, headers and footers."""

    core_title: str = ""
    core_subject: str = ""
    core_keywords: str = ""
    core_created: str = ""
    core_last_modified_by: str = ""
    header_lines: list[str] = field(default_factory=list)
    footer_lines: list[str] = field(default_factory=list)


# ---------------------------------------------------------------------------------------------
# Labels typed at the start of a paragraph

PAREN_LABEL = r"\((?:[A-Za-z]{1,8}|\d{1,3}[A-Za-z]{0,3})\)"
PREFIXED_NUMBER = r"[A-Z]{1,2}\d+[A-Z]{0,3}(?:\.\d+[A-Z]{0,3})*"
DECIMAL_NUMBER = r"\d+[A-Z]{0,3}(?:\.\d+[A-Z]{0,3})*\.?"
# Leading white space includes line and page breaks (LibreOffice writes a page break before a
# paragraph as a w:br at its start).
_TYPED_RE = re.compile(rf"^\s*({PAREN_LABEL}|{PREFIXED_NUMBER}|{DECIMAL_NUMBER})(\t|[ \u00a0]+|$)")


@dataclass(frozen=True)
class TypedLabel:
    """A label found at the start of a paragraph's text."""

    label: str  # as typed, e.g. "L1.17A", "4.9.1", "(a)", "12."
    tab: bool  # followed by a tab (as SEC documents and secdocs type them)
    rest: list[Run]  # the runs after the label and its separator


def split_typed_label(runs: list[Run]) -> TypedLabel | None:
    """``L1.17A<tab>The SMKI PMA …`` → ("L1.17A", rest); None when the text has no label."""
    text = runs[0].text if len(runs) == 1 else plain(runs)
    m = _TYPED_RE.match(text)
    if not m or not m.group(1):
        return None
    return TypedLabel(m.group(1), m.group(2) == "\t", cut_runs(runs, m.end()))


def cut_runs(runs: list[Run], n: int) -> list[Run]:
    """The runs after the first ``n`` characters."""
    out: list[Run] = []
    for run in runs:
        if n >= len(run.text):
            n -= len(run.text)
            continue
        if n:
            run = run.with_text(run.text[n:])
            n = 0
        out.append(run)
    return out


def strip_runs(runs: list[Run]) -> list[Run]:
    """Runs without leading and trailing whitespace (empty runs dropped)."""
    if len(runs) == 1:  # the common case: one run, stripped at both ends into a new one
        only = runs[0]
        text = only.text.strip()
        return [only.with_text(text)] if text else []
    out = [r for r in runs if r.text]
    start, end = 0, len(out)
    while start < end and not out[start].text.strip():
        start += 1
    while end > start and not out[end - 1].text.strip():
        end -= 1
    if start or end < len(out):
        out = out[start:end]
    if len(out) == 1:  # the common case: one new run, stripped at both ends
        only = out[0]
        out[0] = only.with_text(only.text.strip())
    elif out:
        first = out[0]
        out[0] = first.with_text(first.text.lstrip())
        last = out[-1]
        out[-1] = last.with_text(last.text.rstrip())
    return out
