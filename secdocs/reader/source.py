"""Read the readable text source of a SEC document (``*.sec.txt``) into a Document.

The format is described in docs/source-format.md: ``@key: value``
metadata at the top, then one line per paragraph. A line at the left margin is a Part
(``L1 HEADING``), a cross-heading (``## text``), a clause (``L1.1 text``), a policy or decimal
heading (``4.9.1 Heading``) or a definitions-table row (``= Term``); indentation (two spaces a
level) nests paragraphs (``(a) text``) and unnumbered text below the provision above. Inline
marks (``**bold**``, ``*italic*``, ``__underline__``) follow the grammar of ``secdocs.model.markup``.

Labels are taken from the text as written; the numbering scheme only checks that a label fits
its level (``(i)`` is a letter at the first level of a Section and a roman numeral at the
second). Every malformed line is reported as ``file:line: problem`` (``SourceError``).

The lines become the paragraph stream a house-style Word document gives (``blocks`` in the
styles of ``structure.house``: a ``SEC Clause`` paragraph ``L1.1<tab>text``, ``SEC Paragraph 2``
for a line indented two levels, a ``SEC Definitions`` table for the ``=`` rows), and
``structure.build_document`` builds the tree from them, as it does for a .docx; the metadata
lines set the Document's cover fields.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..structure import house
from ..structure.blocks import Block, Para, Table
from ..errors import BadInputError, NumberingError
from ..workspace.limits import MAX_SOURCE_BYTES
from ..model.markup import MarkupError, parse_inline
from ..model import Document, HistoryEntry, Kind, Run
from ..model.numbering import (DECIMAL, LOWER_LETTER, LOWER_ROMAN, UPPER_LETTER, UPPER_ROMAN, parse_number, parse_paren, scheme as get_scheme)
from ..structure import build_document
from ..workspace import read_input_text


class SourceError(BadInputError):
    """A ``*.sec.txt`` line that cannot be read; the message starts with ``file:line:``."""


_META_KEYS = {"id", "title", "scheme", "version", "sec-version", "date", "note", "history"}
_META_RE = re.compile(r"^@([A-Za-z-]+):\s*(.*)$")
_PART_RE = re.compile(r"^([A-Z]{1,2}\d+[A-Z]*)\s+(\S.*)$")
_CLAUSE_RE = re.compile(r"^([A-Z]{1,2}\d+[A-Z]*(?:\.\d+[A-Z]*)+)\s+(\S.*)$")
_HEADING_RE = re.compile(r"^(\d+[A-Z]*(?:\.\d+[A-Z]*)*)\.?\s+(\S.*)$")
_LABEL_RE = re.compile(r"^(\([A-Za-z0-9]+\))(?:\s+(.*))?$")
_DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_EXAMPLES = {LOWER_LETTER: "(a), (b), (aa)", UPPER_LETTER: "(A), (B)", LOWER_ROMAN: "(i), (ii), (iv)",
             UPPER_ROMAN: "(I), (II)", DECIMAL: "(1), (2)"}


def read_source(path: str | Path) -> Document:
    """Read a ``*.sec.txt`` file into a Document (uids set to the provision addresses)."""
    path = Path(path)
    text = read_input_text(path, MAX_SOURCE_BYTES, error=SourceError, name=str(path))
    return parse_source(text, str(path))


def stated_metadata(text: str) -> dict[str, str]:
    """The ``@key: value`` lines at the top of a source (the first value of each key), without
    reading the body: what a baselines folder needs to know of a file it does not read."""
    out: dict[str, str] = {}
    for line in text.splitlines():
        m = _META_RE.match(line)
        if m:
            out.setdefault(m.group(1), m.group(2).strip())
        elif line.strip() and not line.lstrip().startswith("#"):
            break
    return out


def parse_source(text: str, name: str = "<source>") -> Document:
    """Parse the text of a ``*.sec.txt`` file; ``name`` is used in error messages."""
    return _Parser(name).parse(text)


# ---------------------------------------------------------------------------------------------
# The parser: lines checked and turned into house-style paragraphs

@dataclass
class _Line:
    number: int
    depth: int
    text: str


def _para(style: str, runs: list[Run], label: str = "") -> Para:
    """A paragraph of the house style; a label is typed before a tab, as the writer types it."""
    return Para([Run(label + "\t"), *runs] if label else runs, style=style)


class _Parser:
    """One pass over the lines. What the checks need of the tree is kept as kinds: the depth-0
    provision indented lines hang from, and the kind open at each indentation depth."""

    def __init__(self, name: str):
        self.name = name
        self.meta: dict[str, str] = {}
        self.front: list[list[Run]] = []
        self.history: list[HistoryEntry] = []
        self.blocks: list[Block] = []
        self.has_part = False                      # section scheme: a Part is open
        self.headings = 0                          # policy scheme: how many heading levels are open
        self.anchor: Kind | None = None            # the depth-0 provision indented lines hang from
        self.stack: list[Kind] = []                # stack[d] = kind open at indentation depth d
        self.table: Table | None = None            # the definitions table being read
        self.meaning: list[Kind] | None = None     # kinds open in the meaning being read, by depth
        self.scheme = get_scheme("section")

    def where(self, lineno: int) -> str:
        return f"{self.name}:{lineno}"

    def error(self, lineno: int, message: str) -> SourceError:
        return SourceError(f"{self.where(lineno)}: {message}")

    # -- whole file -----------------------------------------------------------------------------
    def parse(self, text: str) -> Document:
        body_started = False
        for lineno, raw in enumerate(text.splitlines(), start=1):
            line = raw.rstrip()
            if not line.strip() or line.lstrip().startswith("# ") or line.strip() == "#":
                continue
            if line.startswith("\t") or "\t" in line[: len(line) - len(line.lstrip())]:
                raise self.error(lineno, "indent with spaces (two a level), not tabs")
            m = _META_RE.match(line)
            if m:
                if body_started:
                    raise self.error(lineno, f"metadata @{m.group(1)} after the body has started; "
                                             "put every @ line at the top")
                self._meta(lineno, m.group(1).lower(), m.group(2).strip())
                continue
            if not body_started:
                self._start(lineno)
                body_started = True
            indent = len(line) - len(line.lstrip(" "))
            if indent % 2:
                raise self.error(lineno, f"indented by {indent} spaces; use two spaces a level")
            self._body(_Line(lineno, indent // 2, line.strip()))
        if not body_started:
            self._start(len(text.splitlines()) + 1)
        self._end_table()
        doc = build_document(self.blocks, scheme=self.scheme.name)
        doc.id, doc.title = self.meta["id"], self.meta["title"]
        doc.version = self.meta.get("version", "")
        doc.sec_version = self.meta.get("sec-version", "")
        doc.date = self.meta.get("date", "")
        doc.front = self.front
        doc.history = self.history
        return doc

    def _meta(self, lineno: int, key: str, value: str) -> None:
        if key not in _META_KEYS:
            raise self.error(lineno, f"unknown metadata @{key} (known: {', '.join(sorted(_META_KEYS))})")
        if key == "note":
            self.front.append(self._inline(lineno, value))
        elif key == "history":
            fields = [f.strip() for f in value.split("|")]
            if len(fields) != 3 or not fields[0]:
                raise self.error(lineno, "@history needs 'version | date | description'")
            if fields[1] and not _DATE_RE.match(fields[1]):
                raise self.error(lineno, f"history date {fields[1]!r} is not YYYY-MM-DD")
            self.history.append(HistoryEntry(*fields))
        else:
            if key in self.meta:
                raise self.error(lineno, f"@{key} given twice")
            if key == "date" and value and not _DATE_RE.match(value):
                raise self.error(lineno, f"@date {value!r} is not YYYY-MM-DD")
            if key == "scheme":
                try:
                    self.scheme = get_scheme(value)
                except NumberingError as exc:
                    raise self.error(lineno, str(exc)) from None
            self.meta[key] = value

    def _start(self, lineno: int) -> None:
        for key in ("id", "title"):
            if not self.meta.get(key):
                raise self.error(lineno, f"@{key} is missing (the metadata must come before the body)")

    # -- body lines -----------------------------------------------------------------------------
    def _body(self, line: _Line) -> None:
        if line.depth == 0:
            if not line.text.startswith("= "):
                self._end_table()
            self._top(line)
        elif self.table is not None:
            self._meaning_line(line)
        else:
            self._indented(line)

    def _top(self, line: _Line) -> None:
        text, n = line.text, line.number
        if text.startswith("= "):
            self._definition(line)
            return
        if text.startswith("## "):
            self._cross_heading(line)
            return
        if self.scheme.prefixed:
            m = _CLAUSE_RE.match(text)
            if m:
                self._clause(line, m.group(1), m.group(2))
                return
            m = _PART_RE.match(text)
            if m:
                self._part(line, m.group(1), m.group(2))
                return
        else:
            m = _HEADING_RE.match(text)
            if m:
                self._heading(line, m.group(1), m.group(2))
                return
        if _LABEL_RE.match(text):
            raise self.error(n, f"paragraph {text.split()[0]} at the left margin; indent it two spaces "
                                "below its clause or heading")
        self._text_at_margin(line)

    def _inline(self, lineno: int, text: str) -> list[Run]:
        try:
            return parse_inline(text)
        except MarkupError as exc:
            raise self.error(lineno, f"{exc.problem} on this line") from None

    def _open(self, kind: Kind | None) -> None:
        """A depth-0 provision (or none) that indented lines hang from."""
        self.anchor = kind
        self.stack = [kind] if kind is not None else []

    def _part(self, line: _Line, number: str, heading: str) -> None:
        self._check_number(line, number)
        self.blocks.append(_para(house.PART, self._inline(line.number, heading), number))
        self.has_part = True
        self._open(Kind.PART)

    def _cross_heading(self, line: _Line) -> None:
        heading = line.text[3:].strip()
        if not heading:
            raise self.error(line.number, "empty cross-heading")
        self.blocks.append(_para(house.CROSS_HEADING, self._inline(line.number, heading)))
        self._open(None if self.scheme.prefixed or not self.headings else Kind.HEADING)

    def _clause(self, line: _Line, number: str, text: str) -> None:
        self._check_number(line, number)
        if not self.has_part:
            raise self.error(line.number, f"clause {number} before any Part heading")
        self.blocks.append(_para(house.CLAUSE, self._inline(line.number, text), number))
        self._open(Kind.CLAUSE)

    def _heading(self, line: _Line, number: str, heading: str) -> None:
        self._check_number(line, number)
        level = len(number.split("."))
        if level > self.headings + 1:
            raise self.error(line.number, f"heading {number} is level {level} but the heading above it is "
                                          f"level {self.headings}; a level is missing")
        self.headings = level
        self.blocks.append(_para(house.HEADINGS.name(level), self._inline(line.number, heading), number))
        self._open(Kind.HEADING)

    def _text_at_margin(self, line: _Line) -> None:
        """Unlabelled text at the margin: body text of the current Part or heading."""
        self.blocks.append(_para(house.TEXTS.name(0), self._inline(line.number, line.text)))
        holder = self.has_part if self.scheme.prefixed else self.headings
        self._open((Kind.PART if self.scheme.prefixed else Kind.HEADING) if holder else None)

    def _check_number(self, line: _Line, number: str) -> None:
        try:
            parse_number(number)
        except NumberingError as exc:
            raise self.error(line.number, str(exc)) from None
        if self.scheme.prefixed:
            letter = Document(id=self.meta["id"]).letter
            if letter and not number.startswith(letter):
                raise self.error(line.number, f"number {number} does not belong to {self.meta['id']} "
                                              f"(expected {letter}…)")

    # -- indented lines -------------------------------------------------------------------------
    def _label_format(self, line: _Line, depth: int, label: str) -> None:
        """Check a paragraph label fits its level of the scheme (letter, roman, case)."""
        levels = self.scheme.paragraph_levels
        fmt = levels[min(depth, len(levels)) - 1]
        inner = label[1:-1]
        try:
            parse_paren(label, fmt)
        except NumberingError:
            ok = False
        else:
            ok = inner.isdigit() if fmt == DECIMAL else \
                (inner[0].islower() if fmt in (LOWER_LETTER, LOWER_ROMAN) else inner[0].isupper())
        if not ok:
            raise self.error(line.number, f"label {label} does not fit paragraph level {depth} of the "
                                          f"{self.scheme.name} scheme, which is numbered {_EXAMPLES[fmt]}")

    def _indented(self, line: _Line) -> None:
        d = line.depth
        if not self.stack:
            raise self.error(line.number, "indented line with no clause, heading or Part above it")
        if d > len(self.stack):
            raise self.error(line.number, f"indented {d} levels but the provision above is only at level "
                                          f"{len(self.stack) - 1}; indent by one level (two spaces) at a time")
        if self.stack[d - 1] == Kind.TEXT:
            raise self.error(line.number, "indented below an unnumbered text paragraph; a text paragraph "
                                          "cannot have sub-paragraphs")
        kind, label, runs = self._paragraph_or_text(line, d)
        self.blocks.append(_para(house.PARAGRAPHS.name(d), runs, label) if kind == Kind.PARAGRAPH
                           else _para(house.TEXTS.name(d), runs))
        self.stack = self.stack[:d] + [kind]

    def _paragraph_or_text(self, line: _Line, depth: int) -> tuple[Kind, str, list[Run]]:
        m = _LABEL_RE.match(line.text)
        if m:
            label, rest = m.group(1), m.group(2) or ""
            self._label_format(line, depth, label)
            return Kind.PARAGRAPH, label, self._inline(line.number, rest)
        return Kind.TEXT, "", self._inline(line.number, line.text)

    # -- the definitions table ------------------------------------------------------------------
    def _definition(self, line: _Line) -> None:
        term = line.text[2:].strip()
        if not term:
            raise self.error(line.number, "'=' with no term")
        if self.anchor not in (Kind.CLAUSE, Kind.HEADING):
            raise self.error(line.number, f"definition {term!r} is not below a clause (the table belongs "
                                          "to the clause above it, such as A1.1)")
        if self.table is None:
            self.table = Table([], style=house.DEFINITIONS_TABLE)
        # the term column is bold (the reader marks bold term text as the defined term)
        runs = [Run(r.text, bold=True, italic=r.italic, underline=r.underline) for r in self._inline(line.number, term)]
        self.table.rows.append([[Para(runs, style=house.DEFINITION_TERM)], []])
        self.meaning = []

    def _meaning_line(self, line: _Line) -> None:
        """A line of a meaning: depth 1 holds the meaning's paragraphs and (a) items, deeper
        lines nest below the (a) item above them."""
        d = line.depth
        if d > len(self.meaning) + 1:
            raise self.error(line.number, "indented more than one level below the line above it")
        if d > 1 and self.meaning[d - 2] == Kind.TEXT:
            raise self.error(line.number, "indented below an unnumbered text paragraph of a meaning")
        kind, label, runs = self._paragraph_or_text(line, d)
        if kind == Kind.PARAGRAPH:
            para = _para(house.DEFINITION_PARAGRAPHS.name(d), runs, label)
        else:
            para = _para(house.DEFINITION_TEXT if d == 1 else house.TEXTS.name(d), runs)
        self.table.rows[-1][1].append(para)
        self.meaning = self.meaning[: d - 1] + [kind]

    def _end_table(self) -> None:
        if self.table is not None:
            self.blocks.append(self.table)
        self.table = self.meaning = None
