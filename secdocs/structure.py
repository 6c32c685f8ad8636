"""Stream of labelled paragraphs → the provision tree of a Document (no XML here).

The input is what ``secdocs.ooxml`` reads from a .docx: paragraphs with their style names,
outline levels, indentation and automatic-numbering labels, and tables (``secdocs.blocks``).
The output follows the model conventions of docs/DEVELOPING.md:

* section scheme — Part ``L1`` (heading), cross-headings as the Part's children beside its
  clauses, clauses ``L1.1`` with their paragraphs ``(a)`` / ``(i)`` / ``(A)`` as children;
* policy scheme — numbered headings ``1`` / ``4.9`` / ``4.9.1`` nested by number, paragraphs
  ``(A)`` / ``(i)`` / ``(a)`` and unnumbered text below them;
* decimal scheme — ``1`` / ``1.1`` headings (heading styles) or clauses (body text), paragraphs
  ``(a)`` / ``(i)``.

Paragraphs in the secdocs house styles (``SEC Part``, ``SEC Paragraph 2``…) are placed exactly
as the style says. Other paragraphs are placed from their label (automatic or typed before a
tab or spaces), their list level, their heading style and their indentation; where that leaves
doubt (a label that skips, a list that starts in the middle, a paragraph before any clause) the
paragraph is still placed and a ReaderWarning says where and why. A two-column table after a
clause whose rows are term | meaning is that clause's definitions table; a table headed
Version | Date | Description is the version history; other tables become Kind.TABLE provisions.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass, field

from .address import full_label, locate_all
from .blocks import Block, Para, Sources, Table, TypedLabel, split_typed_label, strip_runs
from .errors import NumberingError
from .model import (Definition, Document, HistoryEntry, Kind, Provision, ReaderWarning, Run, normalise_runs,
                    plain)
from .numbering import (DECIMAL, LOWER_LETTER, LOWER_ROMAN, UPPER_LETTER, UPPER_ROMAN, Component, SCHEMES,
                        parse_number, parse_paren)

_ROMAN_RE = re.compile(r"^m{0,4}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")
_PREFIXED_RE = re.compile(r"^[A-Z]{1,2}\d+[A-Z]{0,3}(?:\.\d+[A-Z]{0,3})*$")
_DECIMAL_RE = re.compile(r"^\d+[A-Z]{0,3}(?:\.\d+[A-Z]{0,3})*$")
_PAREN_RE = re.compile(r"^\((?:[A-Za-z]{1,8}|\d{1,3}[A-Za-z]{0,3})\)$")
_SEC_ROLE_RE = re.compile(r"^sec(heading|paragraph|text|definitionparagraph)(\d+)$")
_DOC_ID_RE = re.compile(r"^\s*(section|appendix|schedule)\s+([A-Z]{1,2}\d{0,2})\b\s*[:.\-–—]*\s*(.*)$",
                        re.IGNORECASE | re.DOTALL)
_HEADING_NAME_RE = re.compile(r"^heading\s*[1-9]$", re.IGNORECASE)
_VERSION_RE = re.compile(r"\bversion\s*:?\s*(\d+(?:\.\d+)*)", re.IGNORECASE)
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december")
_HISTORY_CAPTIONS = ("version history", "document history", "change history", "amendment history",
                     "revision history")
_MEANING_STARTS = ("means", "has the meaning", "have the meaning", "shall have", "includes", "include",
                   "in relation to", "refers to", "shall mean", "is ", "are ")
_AUTO_FORMATS = {"decimal": DECIMAL, "decimalZero": DECIMAL, "lowerLetter": LOWER_LETTER,
                 "upperLetter": UPPER_LETTER, "lowerRoman": LOWER_ROMAN, "upperRoman": UPPER_ROMAN}
_SECTION_ROLES = {"sectitle": "title", "secsubtitle": "subtitle", "secmeta": "meta", "seccovernote": "cover-note",
                  "sectablecaption": "caption", "secpart": "part", "seccrossheading": "cross-heading",
                  "secclause": "clause", "secdefinitionterm": "def-term", "secdefinitiontext": "def-text",
                  "sectabletext": "table-text", "sectableheading": "table-heading", "secbanner": "banner",
                  "title": "doc-title", "subtitle": "doc-subtitle"}


def build_document(blocks: list[Block], sources: Sources | None = None, scheme: str | None = None,
                   warnings: list[ReaderWarning] | None = None) -> Document:
    """Build the Document a paragraph stream describes (uids set to addresses)."""
    return _Builder(blocks, sources or Sources(), scheme, warnings if warnings is not None else []).build()


# ---------------------------------------------------------------------------------------------
# Styles and labels

def style_role(para: Para) -> tuple[str, int]:
    """What a paragraph's house style says it is: (role, level); ("", 0) for other styles."""
    key = _style_key(para.style)
    if key in _SECTION_ROLES:
        return _SECTION_ROLES[key], 0
    m = _SEC_ROLE_RE.match(key)
    if m:
        role = {"heading": "heading", "paragraph": "paragraph", "text": "text",
                "definitionparagraph": "def-paragraph"}[m.group(1)]
        return role, int(m.group(2))
    if key.startswith("toc") and key[3:].isdigit() or key in ("tocheading",):
        return "toc", 0
    return "", 0


def _style_key(name: str) -> str:
    return re.sub(r"[\s_\-]+", "", name or "").lower()


def normalise_auto_label(text: str, fmt: str) -> str | None:
    """A Word list label as a provision number: ``1.`` → ``1``, ``a)`` / ``a.`` → ``(a)``."""
    text = text.strip().replace("\u00a0", "")
    if not text:
        return None
    m = re.match(r"^\(?([A-Za-z]{1,8}|\d{1,3})[).]?$", text)
    if m and (fmt in (LOWER_LETTER, UPPER_LETTER, LOWER_ROMAN, UPPER_ROMAN) or text.startswith("(")):
        return f"({m.group(1)})"
    bare = text[:-1] if text.endswith(".") else text
    if _PREFIXED_RE.match(bare) or _DECIMAL_RE.match(bare):
        return bare
    if _PAREN_RE.match(text):
        return text
    return None


def paren_formats(label: str) -> list[str]:
    """The formats a typed ``(x)`` label can have: letter, and roman when it reads as one."""
    inner = label.strip()[1:-1]
    if inner[:1].isdigit():
        return [DECIMAL]
    lower = inner[:1].islower()
    letter, roman = (LOWER_LETTER, LOWER_ROMAN) if lower else (UPPER_LETTER, UPPER_ROMAN)
    out = [letter]
    low = inner.lower()
    if (len(low) == 1 and low in "ivx") or (len(low) > 1 and _ROMAN_RE.match(low)) or \
            (len(low) > 1 and low[:-1] and set(low[:-1]) <= set("ivx") and _ROMAN_RE.match(low[:-1])):
        out.append(roman)
    return out


def _label_kind(label: str) -> str:
    if _PAREN_RE.match(label):
        return "paren"
    bare = label.rstrip(".")
    if _PREFIXED_RE.match(bare):
        return "prefixed"
    if _DECIMAL_RE.match(bare):
        return "decimal"
    return ""


def iso_date(text: str) -> str:
    """``24 June 2021`` → ``2021-06-24``; ISO dates (and anything unreadable) unchanged."""
    text = (text or "").strip()
    m = re.match(r"^(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\s+(\d{4})$", text)
    if m and m.group(2).lower() in _MONTHS:
        try:
            return _dt.date(int(m.group(3)), _MONTHS.index(m.group(2).lower()) + 1, int(m.group(1))).isoformat()
        except ValueError:
            return text
    return text


def assign_uids(doc: Document) -> None:
    """uids are addresses (``L1.17``, ``L1/cross-heading[2]``, ``def:SMKI PMA``, ``def:Alert/(a)``)."""
    for located in locate_all(doc):
        located.provision.uid = located.address
        for definition in located.provision.definitions:
            definition.uid = f"def:{definition.term_text}"
            _meaning_uids(definition.meaning, (), definition.uid)


def _meaning_uids(provisions: list[Provision], path: tuple[Provision, ...], prefix: str) -> None:
    counters: dict[str, int] = {}
    for p in provisions:
        label = full_label(path, p)
        if label is None:
            counters[p.kind.value] = counters.get(p.kind.value, 0) + 1
            label = f"{p.kind.value}[{counters[p.kind.value]}]"
        p.uid = f"{prefix}/{label}"
        _meaning_uids(p.children, path + (p,), prefix)


# ---------------------------------------------------------------------------------------------
# Paragraph lists: which level an "(x)" label belongs to

@dataclass
class _Open:
    """An open paragraph level: its format, its last label and the provision holding it."""

    fmt: str
    comp: Component
    provision: Provision
    list_key: tuple[str, int] | None = None  # (abstract list, ilvl) of automatic numbering
    indent: int | None = None


@dataclass
class _Lists:
    """The open (a) / (i) / (A) levels below one anchor (a clause, heading or meaning)."""

    levels: tuple[str, ...]
    stack: list[_Open] = field(default_factory=list)

    def parent(self, level: int, anchor_children: list[Provision]) -> list[Provision]:
        return anchor_children if level == 0 else self.stack[level - 1].provision.children

    def place(self, label: str, para: Para, depth: int | None) -> tuple[int, str, Component, str | None]:
        """(level, format, component, doubt) for a new paragraph label; level 0 = below the anchor."""
        auto = para.auto
        fmts = [_AUTO_FORMATS[auto.fmt]] if auto and auto.fmt in _AUTO_FORMATS else paren_formats(label)
        if depth is not None:
            level = max(0, min(depth - 1, len(self.stack)))
            wanted = self.levels[min(level, len(self.levels) - 1)]
            fmt = wanted if wanted in fmts else fmts[0]
            return level, fmt, _parse(label, fmt, fmts), None
        if auto is not None:
            placed = self._by_list(auto.list_id, auto.ilvl)
            if placed is not None:
                return placed, fmts[0], _parse(label, fmts[0], fmts), None
        best: tuple | None = None
        for fmt in fmts:
            try:
                comp = parse_paren(label, fmt)
            except NumberingError:
                continue
            for idx, open_level in enumerate(self.stack):
                if open_level.fmt != fmt or not comp > open_level.comp:
                    continue
                score = 3.0 if _is_next(open_level.comp, comp) else 1.0
                score += self._indent_bonus(para, idx)
                doubt = None if score >= 3 else f"label jumps from {_show(open_level.comp, fmt)} to {label}"
                best = max(best or (-1,), (score, idx, fmt, comp, doubt), key=lambda t: t[:2])
            new_idx = len(self.stack)
            first = comp.ordinal == 1 and not comp.suffix
            score = 2.0 if first else 0.5
            if new_idx < len(self.levels) and self.levels[new_idx] == fmt:
                score += 0.25
            doubt = None if first else f"list starts at {label}"
            best = max(best or (-1,), (score, new_idx, fmt, comp, doubt), key=lambda t: t[:2])
        if best is None or len(best) == 1:
            return len(self.stack), fmts[0], Component(0, ""), f"label {label} not understood"
        _, idx, fmt, comp, doubt = best
        return idx, fmt, comp, doubt

    def _by_list(self, list_id: str, ilvl: int) -> int | None:
        same = [i for i, o in enumerate(self.stack) if o.list_key and o.list_key[0] == list_id]
        for i in same:
            if self.stack[i].list_key[1] == ilvl:
                return i
        shallower = [i for i in same if self.stack[i].list_key[1] < ilvl]
        if shallower:
            return max(shallower) + 1
        return None

    def _indent_bonus(self, para: Para, idx: int) -> float:
        indent = self.stack[idx].indent
        return 0.1 if indent is not None and para.indent_left == indent else 0.0

    def push(self, level: int, fmt: str, comp: Component, provision: Provision, para: Para) -> None:
        del self.stack[level:]
        key = (para.auto.list_id, para.auto.ilvl) if para.auto else None
        self.stack.append(_Open(fmt, comp, provision, key, para.indent_left))

    def text_parent(self, para: Para, anchor_children: list[Provision]) -> list[Provision]:
        """Where unnumbered text without a house style goes: below the deepest open paragraph
        whose indentation it shares or passes, else below the anchor."""
        if para.indent_left is not None:
            for o in reversed(self.stack):
                if o.indent is not None and para.indent_left >= o.indent and o.provision.kind == Kind.PARAGRAPH:
                    return o.provision.children
        return anchor_children


def _parse(label: str, fmt: str, fmts: list[str]) -> Component:
    for f in [fmt, *fmts]:
        try:
            return parse_paren(label, f)
        except NumberingError:
            continue
    return Component(0, "")


def _is_next(prev: Component, comp: Component) -> bool:
    if comp.ordinal == prev.ordinal + 1 and not comp.suffix:
        return True
    return comp.ordinal == prev.ordinal and comp.suffix > prev.suffix


def _show(comp: Component, fmt: str) -> str:
    from .numbering import format_paren

    try:
        return format_paren(comp, fmt)
    except Exception:  # noqa: BLE001 - only used for a message
        return str(comp.ordinal)


# ---------------------------------------------------------------------------------------------
# The builder

@dataclass
class _Outline:
    """An open structural provision (Part, heading, clause) and its number."""

    provision: Provision
    prefix: str
    components: tuple[Component, ...]
    level: int


@dataclass
class _Item:
    """A paragraph classified: what it is and what it says."""

    kind: Kind
    number: str | None
    runs: list[Run]
    depth: int | None = None  # house-style depth (paragraphs, text) or heading level
    heading_like: bool = False


class _Builder:
    def __init__(self, blocks: list[Block], sources: Sources, scheme: str | None,
                 warnings: list[ReaderWarning]):
        self.blocks = blocks
        self.sources = sources
        self.warnings = warnings
        self.doc = Document()
        self.scheme_given = scheme
        self.started = False
        self.outline: list[_Outline] = []
        self.anchor: Provision | None = None
        self.lists = _Lists(SCHEMES["section"].paragraph_levels)
        self.meta_found: set[str] = set()

    # -- entry --------------------------------------------------------------------------------
    def build(self) -> Document:
        self._cover_metadata()
        self.doc.scheme = self.scheme_given or self._guess_scheme()
        self.lists = _Lists(SCHEMES[self.doc.scheme].paragraph_levels)
        i = 0
        while i < len(self.blocks):
            block = self.blocks[i]
            nxt = self.blocks[i + 1] if i + 1 < len(self.blocks) else None
            if isinstance(block, Para) and isinstance(nxt, Table) and self._is_caption(block) \
                    and self._history(nxt) is not None:
                self.doc.history.extend(self._history(nxt))
                i += 2
                continue
            if isinstance(block, Table):
                self._table(block)
            else:
                self._paragraph(block)
            i += 1
        self._fallback_metadata()
        assign_uids(self.doc)
        return self.doc

    def warn(self, where: str, message: str) -> None:
        self.warnings.append(ReaderWarning(where, message))

    # -- metadata -------------------------------------------------------------------------------
    def _cover_metadata(self) -> None:
        """Id, title and versions from the house-style cover (read before the scheme is guessed)."""
        for block in self.blocks:
            if not isinstance(block, Para):
                continue
            role, _ = style_role(block)
            text = " ".join(block.text.split())
            if role == "title" and text:
                self._set("id", text)
            elif role == "subtitle" and text:
                self._set("title", text)
            elif role == "meta":
                key, _, value = text.partition(":")
                key = key.strip().lower()
                value = value.strip()
                if key in ("document version", "version"):
                    self._set("version", value)
                elif key == "sec version":
                    self._set("sec_version", value)
                elif key == "date":
                    self._set("date", iso_date(value))
                else:
                    self.warn(block.where(), f"cover line {text!r} not understood")

    def _set(self, name: str, value: str) -> None:
        if name not in self.meta_found and value:
            setattr(self.doc, name, value)
            self.meta_found.add(name)

    def _title_line(self, para: Para) -> bool:
        """A "SECTION L – TITLE" / "Appendix B ..." line before the body: id and title."""
        if "id" in self.meta_found:
            return False
        m = _DOC_ID_RE.match(" ".join(para.text.split()))
        if not m or len(para.text) > 200:
            return False
        self._set("id", f"{m.group(1).capitalize()} {m.group(2).upper()}")
        if m.group(3).strip():
            self._set("title", m.group(3).strip())
        return True

    def _fallback_metadata(self) -> None:
        src = self.sources
        for line in [src.core_title, *src.header_lines]:
            if "id" in self.meta_found and "title" in self.meta_found:
                break
            head, sep, tail = line.partition(" — ")
            if sep and head.strip():
                self._set("id", head.strip())
                self._set("title", tail.strip())
            else:
                m = _DOC_ID_RE.match(line)
                if m:
                    self._set("id", f"{m.group(1).capitalize()} {m.group(2).upper()}")
                    self._set("title", m.group(3).strip())
        for key, value in re.findall(r"([\w-]+)\s*=\s*([^;]+)", src.core_keywords):
            key = key.lower()
            if key == "version":
                self._set("version", value.strip())
            elif key in ("sec-version", "sec_version"):
                self._set("sec_version", value.strip())
        for line in src.footer_lines + src.header_lines:
            m = _VERSION_RE.search(line)
            if m:
                self._set("version", m.group(1))
        if src.core_subject and "title" not in self.meta_found:
            self._set("title", src.core_subject.strip())

    def _guess_scheme(self) -> str:
        doc = self.doc
        ident = doc.id.lower()
        if "certificate policy" in doc.title.lower() or "certificate policy" in self.sources.core_title.lower():
            return "policy"
        if ident.startswith("section"):
            return "section"
        prefixed = decimal = 0
        for block in self.blocks[:2000]:
            if not isinstance(block, Para):
                continue
            label = self._label_text(block)
            if label is None:
                continue
            kind = _label_kind(label)
            prefixed += kind == "prefixed"
            decimal += kind == "decimal"
        if prefixed and prefixed >= decimal:
            return "section"
        return "decimal"

    @staticmethod
    def _label_text(para: Para) -> str | None:
        if para.auto and para.auto.text and not para.auto.is_bullet:
            return normalise_auto_label(para.auto.text, _AUTO_FORMATS.get(para.auto.fmt, ""))
        typed = split_typed_label(para.runs)
        return typed.label.rstrip(".") if typed and typed.tab else None

    # -- paragraphs -----------------------------------------------------------------------------
    def _paragraph(self, para: Para) -> None:
        role, level = style_role(para)
        if role in ("title", "subtitle", "meta", "banner"):
            return
        if role == "cover-note":
            if para.text.strip():
                self.doc.front.append(strip_runs(para.runs))
            return
        item = self._classify(para, role, level)
        if item is None:
            return
        if not self.started and self._front(para, item, role):
            return
        self._place(item, para)
        for box in para.attached:
            runs = strip_runs(box.runs)
            if runs:
                self._place(_Item(Kind.TEXT, None, runs), box)

    def _front(self, para: Para, item: _Item, role: str) -> bool:
        """Paragraphs before the first provision: title lines, version lines, cover text."""
        if role in ("doc-title", "doc-subtitle") or (item.kind in (Kind.TEXT, Kind.CROSS_HEADING)
                                                       and item.depth is None and role == ""):
            if self._title_line(para):
                return True
            m = _VERSION_RE.search(para.text)
            if m and len(para.text) < 60 and "version" not in self.meta_found:
                self._set("version", m.group(1))
                return True
            self.doc.front.append(strip_runs(para.runs))
            return True
        if role == "toc":
            self.doc.front.append(strip_runs(para.runs))
            return True
        return False

    def _classify(self, para: Para, role: str, level: int = 0) -> _Item | None:
        runs = para.runs
        label: str | None = None
        auto = para.auto
        tab = True
        if auto is not None and auto.text and not auto.is_bullet:
            label = normalise_auto_label(auto.text, _AUTO_FORMATS.get(auto.fmt, ""))
            if label is None:
                self.warn(para.where(), f"automatic number {auto.text!r} not understood; kept in the text")
                runs = [Run(auto.text + " "), *runs]
        elif auto is not None and auto.is_bullet and plain(runs).strip():
            self.warn(para.where(), "bulleted paragraph read as unnumbered text")
        typed: TypedLabel | None = None
        if label is None and role not in ("text", "cross-heading", "def-text", "toc"):
            typed = split_typed_label(runs)
            if typed is not None:
                label, tab = typed.label, typed.tab
                if _label_kind(label) != "paren":
                    label = label.rstrip(".")
        rest = typed.rest if typed is not None else runs
        text_runs = strip_runs(rest)
        full_runs = strip_runs(runs)
        if not plain(full_runs).strip() and label is None:
            return None
        kind = _label_kind(label) if label else ""
        if role == "part":
            return _Item(Kind.PART, label if kind in ("prefixed", "decimal") else None,
                         text_runs if kind in ("prefixed", "decimal") else full_runs)
        if role == "cross-heading":
            return _Item(Kind.CROSS_HEADING, None, full_runs)
        if role == "heading":
            ok = kind in ("decimal", "prefixed")
            return _Item(Kind.HEADING, label if ok else None, text_runs if ok else full_runs, depth=level)
        if role == "clause":
            ok = kind in ("decimal", "prefixed")
            return _Item(Kind.CLAUSE if ok else Kind.TEXT, label if ok else None, text_runs if ok else full_runs)
        if role in ("paragraph", "def-paragraph"):
            if kind == "paren":
                return _Item(Kind.PARAGRAPH, label, text_runs, depth=level)
            return _Item(Kind.TEXT, None, full_runs, depth=level)
        if role == "text":
            return _Item(Kind.TEXT, None, full_runs, depth=level)
        if role == "def-text":
            return _Item(Kind.TEXT, None, full_runs, depth=0)
        # Not a house style: decide from the label, the heading style and the formatting.
        heading_like = (para.outline_level is not None or any(_HEADING_NAME_RE.match(n) for n in para.styles)) \
            and role not in ("doc-title", "doc-subtitle", "toc")
        if kind == "paren":
            return _Item(Kind.PARAGRAPH, label, text_runs)
        if kind in ("prefixed", "decimal") and (tab or auto is not None or heading_like
                                                 or self._plausible(label, kind)):
            return self._numbered(label, kind, text_runs, heading_like, para)
        if heading_like or (self.started and _looks_like_heading(full_runs)):
            return _Item(Kind.CROSS_HEADING, None, full_runs, heading_like=True)
        return _Item(Kind.TEXT, None, full_runs)

    def _numbered(self, label: str, kind: str, runs: list[Run], heading_like: bool, para: Para) -> _Item:
        try:
            number = parse_number(label)
        except NumberingError:
            self.warn(para.where(), f"number {label} not understood; read as text")
            return _Item(Kind.TEXT, None, [Run(label + " "), *runs])
        scheme = self.doc.scheme
        if kind == "prefixed" and scheme == "section":
            return _Item(Kind.PART if len(number.components) == 1 else Kind.CLAUSE, label, runs)
        if scheme == "policy" or heading_like:
            return _Item(Kind.HEADING, label, runs, depth=len(number.components), heading_like=True)
        return _Item(Kind.CLAUSE, label, runs)

    def _plausible(self, label: str, kind: str) -> bool:
        """A number typed before a space (not a tab) counts only where it continues the outline."""
        try:
            number = parse_number(label)
        except NumberingError:
            return False
        if not self.outline:
            return number.components[0].ordinal == 1 and len(number.components) == 1 and not self.started
        for entry in reversed(self.outline):
            if entry.prefix != number.prefix:
                continue
            comps, prev = number.components, entry.components
            if len(comps) == len(prev) + 1 and comps[:-1] == prev and comps[-1].ordinal == 1:
                return True
            if len(comps) == len(prev) and comps[:-1] == prev[:-1] and _is_next(prev[-1], comps[-1]):
                return True
        return False

    # -- placing --------------------------------------------------------------------------------
    def _place(self, item: _Item, para: Para) -> None:
        self.started = True
        kind = item.kind
        if kind in (Kind.PART, Kind.HEADING, Kind.CLAUSE):
            self._structural(item, para)
        elif kind == Kind.CROSS_HEADING:
            self._cross_heading(item)
        elif kind == Kind.PARAGRAPH:
            self._numbered_paragraph(item, para)
        else:
            self._text(item, para)

    def _container(self) -> list[Provision]:
        return self.anchor.children if self.anchor is not None else self.doc.provisions

    def _structural(self, item: _Item, para: Para) -> None:
        p = Provision(item.kind, number=item.number)
        if item.kind == Kind.CLAUSE:
            p.text = item.runs
        else:
            p.heading = item.runs
        prefix, comps = "", ()
        if item.number:
            try:
                number = parse_number(item.number)
                prefix, comps = number.prefix, number.components
            except NumberingError:
                pass
        level = len(comps) if comps else (item.depth or 1)
        parent = self._outline_parent(prefix, comps, level, item, para)
        siblings = parent.provision.children if parent is not None else self.doc.provisions
        self._check_sequence(siblings, p, para)
        siblings.append(p)
        self.outline.append(_Outline(p, prefix, comps, level))
        self.anchor = p
        self.lists.stack.clear()

    def _outline_parent(self, prefix: str, comps: tuple, level: int, item: _Item, para: Para) -> _Outline | None:
        if item.kind == Kind.PART:
            self.outline.clear()
            return None
        while self.outline:
            top = self.outline[-1]
            if comps and top.components and top.prefix == prefix and len(top.components) < len(comps) \
                    and comps[:len(top.components)] == top.components:
                return top
            if not comps and top.level < level:
                return top
            self.outline.pop()
        # no open provision whose number leads to this one
        return None if not self._last_part() else self._misplaced(item, para)

    def _last_part(self) -> Provision | None:
        for p in reversed(self.doc.provisions):
            if p.kind == Kind.PART:
                return p
        return None

    def _misplaced(self, item: _Item, para: Para) -> _Outline | None:
        """A clause whose Part is not open (``L2.1`` after Part ``L1``): keep it in the last Part."""
        part = self._last_part()
        if item.kind == Kind.CLAUSE and part is not None:
            self.warn(para.where(), f"{item.number} does not belong to Part {part.number}; placed in it")
            entry = _Outline(part, "", (), 0)
            try:
                number = parse_number(part.number or "")
                entry = _Outline(part, number.prefix, number.components, len(number.components))
            except NumberingError:
                pass
            self.outline.append(entry)
            return entry
        if item.kind == Kind.HEADING and item.number and len(item.number.split(".")) > 1:
            self.warn(para.where(), f"heading {item.number} has no parent heading; placed at the top level")
        return None

    def _check_sequence(self, siblings: list[Provision], p: Provision, para: Para) -> None:
        if not p.number:
            return
        prev = next((s for s in reversed(siblings) if s.kind == p.kind and s.number), None)
        if prev is None:
            return
        try:
            a, b = parse_number(prev.number), parse_number(p.number)
        except NumberingError:
            return
        ok = a.prefix == b.prefix and len(a.components) == len(b.components) \
            and a.components[:-1] == b.components[:-1] and _is_next(a.components[-1], b.components[-1])
        if not ok:
            self.warn(para.where(), f"unexpected number: {p.number} follows {prev.number}")

    def _cross_heading(self, item: _Item) -> None:
        p = Provision(Kind.CROSS_HEADING, heading=item.runs)
        if self.doc.scheme == "section":
            part = next((o for o in reversed(self.outline) if o.provision.kind == Kind.PART), None)
            self.outline = self.outline[: self.outline.index(part) + 1] if part else []
            (part.provision.children if part else self.doc.provisions).append(p)
            self.anchor = part.provision if part else None
        else:
            heading = next((o for o in reversed(self.outline) if o.provision.kind == Kind.HEADING), None)
            (heading.provision.children if heading else self.doc.provisions).append(p)
            self.anchor = heading.provision if heading else None
        self.lists.stack.clear()

    def _numbered_paragraph(self, item: _Item, para: Para) -> None:
        p = Provision(Kind.PARAGRAPH, number=item.number, text=item.runs)
        if self.anchor is None and item.depth is None:
            self.warn(para.where(), f"paragraph {item.number} comes before any clause or heading")
        level, fmt, comp, doubt = self.lists.place(item.number, para, item.depth)
        if doubt:
            self.warn(para.where(), doubt)
        self.lists.parent(level, self._container()).append(p)
        self.lists.push(level, fmt, comp, p, para)

    def _text(self, item: _Item, para: Para) -> None:
        p = Provision(Kind.TEXT, text=item.runs)
        if item.depth is None:
            self.lists.text_parent(para, self._container()).append(p)
            return
        if item.depth == 0:
            holder = self._text_holder()
            (holder.children if holder is not None else self.doc.provisions).append(p)
            self.anchor = holder
            self.lists.stack.clear()
            return
        level = min(item.depth - 1, len(self.lists.stack))
        self.lists.parent(level, self._container()).append(p)
        del self.lists.stack[level:]

    def _text_holder(self) -> Provision | None:
        kinds = (Kind.PART,) if self.doc.scheme == "section" else (Kind.HEADING, Kind.PART)
        for entry in reversed(self.outline):
            if entry.provision.kind in kinds:
                return entry.provision
        return None

    # -- tables ---------------------------------------------------------------------------------
    def _is_caption(self, para: Para) -> bool:
        return " ".join(para.text.split()).lower().rstrip(":") in _HISTORY_CAPTIONS

    def _table(self, table: Table) -> None:
        history = self._history(table)
        if history is not None:
            self.doc.history.extend(history)
            return
        definitions = self._definitions(table)
        if definitions is not None:
            return
        p = Provision(Kind.TABLE, rows=[[[_cell_runs(q) for q in cell] for cell in row] for row in table.rows])
        if not self.started:
            self.doc.provisions.append(p)
        else:
            self._container().append(p)

    def _history(self, table: Table) -> list[HistoryEntry] | None:
        if len(table.rows) < 1 or table.columns < 3:
            return None
        header = [" ".join(plain(_cell_text(c)).split()).lower() for c in table.rows[0]]
        if not (header[0].startswith("version") and header[1].startswith("date")):
            return None
        entries = []
        for row in table.rows[1:]:
            cells = [" ".join(plain(_cell_text(c)).split()) for c in row] + ["", "", ""]
            if any(cells[:3]):
                entries.append(HistoryEntry(cells[0], iso_date(cells[1]), " ".join(c for c in cells[2:] if c)))
        return entries

    def _definitions(self, table: Table) -> list[Definition] | None:
        """Read a definitions table into the current clause; None if the table is not one."""
        by_style = "definition" in _style_key(table.style)
        if not by_style and not self._looks_like_definitions(table):
            return None
        holder = self.anchor
        if holder is None or holder.kind not in (Kind.CLAUSE, Kind.HEADING, Kind.PARAGRAPH, Kind.PART):
            if not by_style:
                return None
            self.warn(table.where(), "definitions table with no clause before it; kept as a table")
            return None
        rows = table.rows
        if rows and _is_header_row(rows[0]):
            rows = rows[1:]
        out = []
        for row in rows:
            if not row:
                continue
            if len(row) > 2:
                self.warn(table.where(), f"definitions row has {len(row)} cells; the extra cells are read "
                                         "as part of the meaning")
            term = _term_runs(row[0])
            meaning_paras = [q for cell in row[1:] for q in cell]
            out.append(Definition(term=term, meaning=self._meaning(meaning_paras)))
        holder.definitions.extend(out)
        return out

    def _looks_like_definitions(self, table: Table) -> bool:
        if table.columns != 2 or not table.rows or self.anchor is None:
            return False
        rows = table.rows[1:] if _is_header_row(table.rows[0]) else table.rows
        if not rows:
            return False
        short_terms = sum(1 for r in rows if len(plain(_cell_text(r[0])).split()) <= 12)
        meanings = sum(1 for r in rows if len(r) > 1 and
                       plain(_cell_text(r[1])).strip().lower().startswith(_MEANING_STARTS))
        lead_in = plain(self.anchor.text).lower()
        mentions = any(w in lead_in for w in ("meaning", "defin", "expression"))
        return short_terms >= 0.8 * len(rows) and (meanings >= 0.5 * len(rows) or mentions)

    def _meaning(self, paras: list[Para]) -> list[Provision]:
        out: list[Provision] = []
        lists = _Lists(SCHEMES[self.doc.scheme].paragraph_levels)
        for para in paras:
            role, level = style_role(para)
            item = self._classify(para, role if role in ("def-text", "def-paragraph", "paragraph", "text") else "",
                                  level)
            if item is None:
                continue
            if item.kind == Kind.PARAGRAPH:
                p = Provision(Kind.PARAGRAPH, number=item.number, text=item.runs)
                level_, fmt, comp, doubt = lists.place(item.number, para, item.depth)
                if doubt:
                    self.warn(para.where(), doubt)
                lists.parent(level_, out).append(p)
                lists.push(level_, fmt, comp, p, para)
            else:
                runs = item.runs if item.kind == Kind.TEXT else (item.runs if not item.number else
                                                                  [Run(item.number + " "), *item.runs])
                p = Provision(Kind.TEXT, text=runs)
                if role == "def-text" or item.depth is not None:
                    out.append(p)
                    lists.stack.clear()
                else:
                    lists.text_parent(para, out).append(p)
        return out


# ---------------------------------------------------------------------------------------------

def _cell_text(cell: list[Para]) -> list[Run]:
    runs: list[Run] = []
    for i, para in enumerate(cell):
        if i:
            runs.append(Run(" "))
        runs.extend(para.runs)
    return runs


def _cell_runs(para: Para) -> list[Run]:
    runs = list(para.runs)
    if para.auto and para.auto.text:
        runs.insert(0, Run(para.auto.text + " "))
    return normalise_runs(strip_runs(runs))


def _term_runs(cell: list[Para]) -> list[Run]:
    runs: list[Run] = []
    for para in cell:
        if not para.text.strip():
            continue
        if runs:
            runs.append(Run(" ", bold=True, term=True))
        runs.extend(Run(r.text, r.bold, r.italic, r.underline, term=r.bold) for r in strip_runs(para.runs))
    return normalise_runs(runs)


def _is_header_row(row: list[list[Para]]) -> bool:
    texts = [" ".join(plain(_cell_text(c)).split()).lower() for c in row]
    return len(texts) >= 2 and texts[0] in ("term", "terms", "expression", "defined term", "definition") \
        and texts[1] in ("meaning", "definition", "meanings", "description")


def _looks_like_heading(runs: list[Run]) -> bool:
    """An unnumbered, unstyled paragraph that is all bold, short and unpunctuated."""
    text = plain(runs).strip()
    if not text or len(text.split()) > 12 or text[-1] in ".;:,":
        return False
    return all(r.bold for r in runs if r.text.strip())
