"""Read the readable text source of a SEC document (``*.sec.txt``) into a Document.

The format is described in docs/source-format.md: ``@key: value``
metadata at the top, then one line per paragraph. A line at the left margin is a Part
(``L1 HEADING``), a cross-heading (``## text``), a clause (``L1.1 text``), a policy or decimal
heading (``4.9.1 Heading``) or a definitions-table row (``= Term``); indentation (two spaces a
level) nests paragraphs (``(a) text``) and unnumbered text below the provision above. Inline
marks (``**bold**``, ``*italic*``, ``__underline__``) follow the grammar of ``secdocs.markup``.

Labels are taken from the text as written; the numbering scheme only checks that a label fits
its level (``(i)`` is a letter at the first level of a Section and a roman numeral at the
second). Every malformed line is reported as ``file:line: problem`` (``SourceError``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .address import assign_uids
from .errors import BadInputError, NumberingError
from .limits import MAX_SOURCE_BYTES
from .markup import MarkupError, parse_inline
from .model import Definition, Document, HistoryEntry, Kind, Provision, Run
from .numbering import (DECIMAL, LOWER_LETTER, LOWER_ROMAN, UPPER_LETTER, UPPER_ROMAN, parse_number,
                        parse_paren, scheme as get_scheme)
from .workspace import read_input_text


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


def parse_source(text: str, name: str = "<source>") -> Document:
    """Parse the text of a ``*.sec.txt`` file; ``name`` is used in error messages."""
    return _Parser(name).parse(text)


# ---------------------------------------------------------------------------------------------
# The parser

@dataclass
class _Line:
    number: int
    depth: int
    text: str


class _Parser:
    """One pass over the lines with a stack of the open provisions at each depth."""

    def __init__(self, name: str):
        self.name = name
        self.doc = Document()
        self.meta: dict[str, str] = {}
        self.part: Provision | None = None        # section scheme: the current Part
        self.headings: list[Provision] = []       # policy scheme: the open headings by level
        self.anchor: Provision | None = None      # the depth-0 provision indented lines hang from
        self.stack: list[Provision] = []          # stack[d] = provision at indentation depth d
        self.definition: Definition | None = None  # the table row whose meaning is being read
        self.meaning_stack: list[Provision] = []
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
        assign_uids(self.doc)
        return self.doc

    def _meta(self, lineno: int, key: str, value: str) -> None:
        if key not in _META_KEYS:
            raise self.error(lineno, f"unknown metadata @{key} (known: {', '.join(sorted(_META_KEYS))})")
        if key == "note":
            self.doc.front.append(self._inline(lineno, value))
        elif key == "history":
            fields = [f.strip() for f in value.split("|")]
            if len(fields) != 3 or not fields[0]:
                raise self.error(lineno, "@history needs 'version | date | description'")
            if fields[1] and not _DATE_RE.match(fields[1]):
                raise self.error(lineno, f"history date {fields[1]!r} is not YYYY-MM-DD")
            self.doc.history.append(HistoryEntry(*fields))
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
        doc = self.doc
        doc.id, doc.title = self.meta["id"], self.meta["title"]
        doc.scheme = self.scheme.name
        doc.version = self.meta.get("version", "")
        doc.sec_version = self.meta.get("sec-version", "")
        doc.date = self.meta.get("date", "")

    # -- body lines -----------------------------------------------------------------------------
    def _body(self, line: _Line) -> None:
        if line.depth == 0:
            self.definition = None
            self._top(line)
        elif self.definition is not None:
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

    def _runs(self, line: _Line, text: str) -> list[Run]:
        return self._inline(line.number, text)

    def _inline(self, lineno: int, text: str) -> list[Run]:
        try:
            return parse_inline(text)
        except MarkupError as exc:
            raise self.error(lineno, f"{exc.problem} on this line") from None

    def _container(self) -> list[Provision]:
        """Where a depth-0 provision goes: the current Part (section scheme) or the top."""
        return self.part.children if self.part is not None else self.doc.provisions

    def _part(self, line: _Line, number: str, heading: str) -> None:
        self._check_number(line, number)
        part = Provision(Kind.PART, number=number, heading=self._runs(line, heading))
        self.doc.provisions.append(part)
        self.part = part
        self.anchor = part
        self.stack = [part]

    def _cross_heading(self, line: _Line) -> None:
        heading = line.text[3:].strip()
        if not heading:
            raise self.error(line.number, "empty cross-heading")
        p = Provision(Kind.CROSS_HEADING, heading=self._runs(line, heading))
        if self.scheme.prefixed:
            self._container().append(p)
            self.anchor = None
            self.stack = []
        else:
            parent = self.headings[-1].children if self.headings else self.doc.provisions
            parent.append(p)
            self.anchor, self.stack = (self.headings[-1], [self.headings[-1]]) if self.headings else (None, [])

    def _clause(self, line: _Line, number: str, text: str) -> None:
        self._check_number(line, number)
        if self.part is None:
            raise self.error(line.number, f"clause {number} before any Part heading")
        clause = Provision(Kind.CLAUSE, number=number, text=self._runs(line, text))
        self.part.children.append(clause)
        self.anchor = clause
        self.stack = [clause]

    def _heading(self, line: _Line, number: str, heading: str) -> None:
        self._check_number(line, number)
        level = len(number.split("."))
        if level > len(self.headings) + 1:
            raise self.error(line.number, f"heading {number} is level {level} but the heading above it is "
                                          f"level {len(self.headings)}; a level is missing")
        self.headings = self.headings[: level - 1]
        p = Provision(Kind.HEADING, number=number, heading=self._runs(line, heading))
        (self.headings[-1].children if self.headings else self.doc.provisions).append(p)
        self.headings.append(p)
        self.anchor = p
        self.stack = [p]

    def _text_at_margin(self, line: _Line) -> None:
        """Unlabelled text at the margin: body text of the current Part or heading."""
        holder = self.part if self.scheme.prefixed else (self.headings[-1] if self.headings else None)
        p = Provision(Kind.TEXT, text=self._runs(line, line.text))
        (holder.children if holder is not None else self.doc.provisions).append(p)
        self.anchor = holder
        self.stack = [holder] if holder is not None else []

    def _check_number(self, line: _Line, number: str) -> None:
        try:
            parse_number(number)
        except NumberingError as exc:
            raise self.error(line.number, str(exc)) from None
        if self.scheme.prefixed:
            letter = self.doc.letter
            if letter and not number.startswith(letter):
                raise self.error(line.number, f"number {number} does not belong to {self.doc.id} "
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
        parent = self.stack[d - 1]
        if parent.kind == Kind.TEXT:
            raise self.error(line.number, "indented below an unnumbered text paragraph; a text paragraph "
                                          "cannot have sub-paragraphs")
        p = self._paragraph_or_text(line, d)
        parent.children.append(p)
        self.stack = self.stack[:d] + [p]

    def _paragraph_or_text(self, line: _Line, depth: int) -> Provision:
        m = _LABEL_RE.match(line.text)
        if m:
            label, rest = m.group(1), m.group(2) or ""
            self._label_format(line, depth, label)
            return Provision(Kind.PARAGRAPH, number=label, text=self._runs(line, rest))
        return Provision(Kind.TEXT, text=self._runs(line, line.text))

    # -- the definitions table ------------------------------------------------------------------
    def _definition(self, line: _Line) -> None:
        term = line.text[2:].strip()
        if not term:
            raise self.error(line.number, "'=' with no term")
        holder = self.anchor
        if holder is None or holder.kind not in (Kind.CLAUSE, Kind.HEADING, Kind.PARAGRAPH):
            raise self.error(line.number, f"definition {term!r} is not below a clause (the table belongs "
                                          "to the clause above it, such as A1.1)")
        # the term column is bold and marked as the defined term (the writer/reader contract)
        runs = [Run(r.text, bold=True, italic=r.italic, underline=r.underline, term=True)
                for r in self._runs(line, term)]
        self.definition = Definition(term=runs)
        holder.definitions.append(self.definition)
        self.meaning_stack = []

    def _meaning_line(self, line: _Line) -> None:
        """A line of a meaning: depth 1 holds the meaning's paragraphs and (a) items, deeper
        lines nest below the (a) item above them."""
        d = line.depth
        if d > len(self.meaning_stack) + 1:
            raise self.error(line.number, "indented more than one level below the line above it")
        p = self._paragraph_or_text(line, d)
        if d == 1:
            self.definition.meaning.append(p)
        else:
            parent = self.meaning_stack[d - 2]
            if parent.kind == Kind.TEXT:
                raise self.error(line.number, "indented below an unnumbered text paragraph of a meaning")
            parent.children.append(p)
        self.meaning_stack = self.meaning_stack[: d - 1] + [p]
