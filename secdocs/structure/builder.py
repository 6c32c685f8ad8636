"""The tree builder: places each paragraph of the stream in the provision tree (no XML here).

See the package docstring for the conventions. The builder keeps the open structural provisions
(Parts, headings, clauses, by number) and, below the current one (the anchor), the open
paragraph levels; each paragraph is classified (``_classify``) and then placed (``_place``).
"""

from __future__ import annotations

from dataclasses import dataclass

from .blocks import Block, Para, Sources, Table, TypedLabel, split_typed_label, strip_runs
from ..errors import NumberingError
from ..model import Definition, Document, Kind, Provision, ReaderWarning, Run, plain
from ..model.numbering import SCHEMES, Component
from . import tables
from .cover import Cover, guess_scheme
from .labels import (AUTO_FORMATS, HEADING_NAME_RE, auto_number, auto_shown, is_next, label_kind,
                     looks_like_heading, parse_number_cached, style_role)
from .levels import ParagraphLevels
from ..model.address import assign_uids


def build_document(blocks: list[Block], sources: Sources | None = None, scheme: str | None = None,
                   warnings: list[ReaderWarning] | None = None) -> Document:
    """Build the Document a paragraph stream describes (uids set to addresses)."""
    return _Builder(blocks, sources or Sources(), scheme, warnings if warnings is not None else []).build()


# The numbers a house-style role expects; a number of another kind overrides the role.
_ROLE_NUMBERS = {"part": ("decimal", "prefixed"), "heading": ("decimal", "prefixed"),
                 "clause": ("decimal", "prefixed"), "paragraph": ("paren",), "def-paragraph": ("paren",),
                 "text": (), "def-text": (), "cross-heading": ()}


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
    label: str | None = None  # the number as the document shows it ("1.", "a)", "Article I.")


class _Builder:
    """One pass over the blocks; see the module docstring."""

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
        self.lists = ParagraphLevels(SCHEMES["section"].paragraph_levels)
        self.cover = Cover(self.doc, warnings)
        self.list_warnings: dict[tuple[str, int], list] = {}
        self.style_warnings: set[str] = set()

    # -- entry --------------------------------------------------------------------------------
    def build(self) -> Document:
        self.cover.read(self.blocks, self.sources)
        self.doc.scheme = self.scheme_given or guess_scheme(self.doc, self.blocks, self.sources)
        self.lists = ParagraphLevels(SCHEMES[self.doc.scheme].paragraph_levels)
        i = 0
        while i < len(self.blocks):
            block = self.blocks[i]
            nxt = self.blocks[i + 1] if i + 1 < len(self.blocks) else None
            if isinstance(block, Para) and isinstance(nxt, Table) and tables.is_caption(block) \
                    and tables.history(nxt) is not None:
                self.doc.history.extend(tables.history(nxt))
                self.doc.history_caption = tables.caption_text(block)
                i += 2
                continue
            if isinstance(block, Table):
                self._table(block)
            else:
                self._paragraph(block)
            i += 1
        self._count_list_warnings()
        assign_uids(self.doc)
        self.doc.warnings = self.warnings
        return self.doc

    def warn(self, where: str, message: str) -> None:
        self.warnings.append(ReaderWarning(where, message))

    def _list_warning(self, para: Para, message: str) -> None:
        """Warn once per list level: the first paragraph is named, the others counted."""
        key = (para.auto.list_id, para.auto.ilvl)
        if key in self.list_warnings:
            self.list_warnings[key][1] += 1
            return
        warning = ReaderWarning(para.where(), message)
        self.list_warnings[key] = [warning, 0]
        self.warnings.append(warning)

    def _count_list_warnings(self) -> None:
        for warning, more in self.list_warnings.values():
            if more:
                warning.message += f" (and {more} more paragraph{'s' if more > 1 else ''} of this list level)"

    # -- paragraphs -----------------------------------------------------------------------------
    def _paragraph(self, para: Para) -> None:
        role, level = style_role(para)
        if role in ("title", "subtitle", "meta", "banner") or id(para) in self.cover.consumed:
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
        """Paragraphs before the first provision: title lines, version lines, cover text (but
        never a paragraph Word numbers: that is a provision, whatever its style)."""
        if item.number is not None and para.auto is not None:
            return False
        if role in ("doc-title", "doc-subtitle") or (item.kind in (Kind.TEXT, Kind.CROSS_HEADING)
                                                       and item.depth is None and role == ""):
            self.doc.front.append(strip_runs(para.runs))
            return True
        if role == "toc":
            self.doc.front.append(strip_runs(para.runs))
            return True
        return False

    def _classify(self, para: Para, role: str, level: int = 0) -> _Item | None:
        """What a paragraph is (kind, number, text), from its number, house style and looks.

        The number Word shows decides: a house style whose role disagrees with it (a clause
        style numbered (a) at list level 2) is a hint only, and is warned about once per style."""
        found = self._label(para, role)
        if found is None:
            return None
        label, shown, tab, text_runs, full_runs, runs = found

        def full() -> list[Run]:
            """All the paragraph's runs, stripped (worked out only where they are used)."""
            return full_runs if full_runs is not None else strip_runs(runs)

        auto = para.auto
        kind = (label_kind(label) or "other") if label else ""
        if role in _ROLE_NUMBERS and auto is not None and label is not None and shown == auto_shown(auto) \
                and kind not in _ROLE_NUMBERS[role]:
            self._style_warning(para, role, shown)
            role = ""
        if role == "part":
            return _Item(Kind.PART, label if kind in ("prefixed", "decimal") else None,
                         text_runs if kind in ("prefixed", "decimal") else full(), label=shown)
        if role == "cross-heading":
            return _Item(Kind.CROSS_HEADING, None, full())
        if role == "heading":
            ok = kind in ("decimal", "prefixed")
            return _Item(Kind.HEADING, label if ok else None, text_runs if ok else full(), depth=level,
                         label=shown if ok else None)
        if role == "clause":
            ok = kind in ("decimal", "prefixed")
            return _Item(Kind.CLAUSE if ok else Kind.TEXT, label if ok else None, text_runs if ok else full(),
                         label=shown if ok else None)
        if role in ("paragraph", "def-paragraph"):
            if kind == "paren":
                return _Item(Kind.PARAGRAPH, label, text_runs, depth=level, label=shown)
            return _Item(Kind.TEXT, None, full(), depth=level)
        if role == "text":
            return _Item(Kind.TEXT, None, full(), depth=level)
        if role == "def-text":
            return _Item(Kind.TEXT, None, full(), depth=0)
        # Not a house style: decide from the label, the heading style and the formatting.
        heading_like = (para.outline_level is not None or any(HEADING_NAME_RE.match(n) for n in para.styles)) \
            and role not in ("doc-title", "doc-subtitle", "toc")
        if kind == "paren":
            return _Item(Kind.PARAGRAPH, label, text_runs, label=shown)
        if kind in ("prefixed", "decimal") and (tab or auto is not None or heading_like
                                                 or self._plausible(label, kind)):
            return self._numbered(label, shown, kind, text_runs, heading_like, para)
        if kind == "other":  # "Article I.", "Section 1.01": a provision cited by its label
            structural = Kind.HEADING if heading_like or self.doc.scheme == "policy" else Kind.CLAUSE
            return _Item(structural, label, text_runs, depth=auto.ilvl + 1 if auto else None,
                         heading_like=heading_like, label=shown)
        all_runs = full()
        if heading_like or (self.started and looks_like_heading(all_runs)):
            return _Item(Kind.CROSS_HEADING, None, all_runs, heading_like=True)
        return _Item(Kind.TEXT, None, all_runs)

    def _style_warning(self, para: Para, role: str, shown: str) -> None:
        """A house style whose role the number contradicts: said once per style."""
        if para.style in self.style_warnings:
            return
        self.style_warnings.add(para.style)
        self.warn(para.where(), f"style {para.style!r} is a {role} style, but Word numbers this paragraph "
                                f"{shown!r}: its paragraphs are read by their numbers")

    def _label(self, para: Para, role: str) -> tuple[str | None, str | None, bool, list[Run], list[Run] | None,
                                                     list[Run]] | None:
        """(number, label as shown, typed before a tab, runs after the label, all runs stripped,
        all runs); None for an empty paragraph. "All runs stripped" is None where a typed label
        was found (the caller strips them if it needs them: most never do).

        The automatic number wins (every label Word can show is a number: see
        ``labels.auto_number``); a number typed at the start of the text is looked for only where
        the house style allows one."""
        runs = para.runs
        label: str | None = None
        shown: str | None = None
        auto = para.auto
        if auto is not None and auto.text.strip() and not auto.is_bullet:
            found = auto_number(auto.text, AUTO_FORMATS.get(auto.fmt, ""))
            if found is not None:
                label, shown = found[0], auto_shown(auto)
        elif auto is not None and auto.is_bullet and plain(runs).strip():
            self._list_warning(para, "bulleted paragraph read as unnumbered text")
        typed: TypedLabel | None = None
        if label is None and role not in ("text", "cross-heading", "def-text", "toc"):
            typed = split_typed_label(runs)
        if typed is not None:  # a label: never an empty paragraph
            label = typed.label if label_kind(typed.label) == "paren" else typed.label.rstrip(".")
            return label, typed.label, typed.tab, strip_runs(typed.rest), None, runs
        full_runs = strip_runs(runs)
        if label is None and not plain(full_runs).strip():
            return None
        return label, shown, True, full_runs, full_runs, runs

    def _numbered(self, label: str, shown: str | None, kind: str, runs: list[Run], heading_like: bool,
                  para: Para) -> _Item:
        try:
            number = parse_number_cached(label)
        except NumberingError:
            self.warn(para.where(), f"number {label} not understood; read as text")
            return _Item(Kind.TEXT, None, [Run((shown or label) + " "), *runs])
        scheme = self.doc.scheme
        if kind == "prefixed" and scheme == "section":
            return _Item(Kind.PART if len(number.components) == 1 else Kind.CLAUSE, label, runs, label=shown)
        if scheme == "policy" or heading_like:
            return _Item(Kind.HEADING, label, runs, depth=len(number.components), heading_like=True, label=shown)
        return _Item(Kind.CLAUSE, label, runs, label=shown)

    def _plausible(self, label: str, kind: str) -> bool:
        """A number typed before a space (not a tab) counts only where it continues the outline."""
        try:
            number = parse_number_cached(label)
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
            if len(comps) == len(prev) and comps[:-1] == prev[:-1] and is_next(prev[-1], comps[-1]):
                return True
        return False

    # -- placing --------------------------------------------------------------------------------
    def _place(self, item: _Item, para: Para) -> None:
        self.started = True
        kind = item.kind
        if kind in (Kind.PART, Kind.HEADING, Kind.CLAUSE):
            self._structural(item, para)
        elif kind == Kind.CROSS_HEADING:
            self._cross_heading(item, para)
        elif kind == Kind.PARAGRAPH:
            self._numbered_paragraph(item, para)
        else:
            self._text(item, para)

    def _container(self) -> list[Provision]:
        return self.anchor.children if self.anchor is not None else self.doc.provisions

    def _structural(self, item: _Item, para: Para) -> None:
        p = Provision(item.kind, number=item.number, label=item.label, source=para.location)
        if item.kind == Kind.CLAUSE:
            p.text = item.runs
        else:
            p.heading = item.runs
        prefix, comps = "", ()
        if item.number:
            try:
                number = parse_number_cached(item.number)
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
                number = parse_number_cached(part.number or "")
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
            a, b = parse_number_cached(prev.number), parse_number_cached(p.number)
        except NumberingError:
            return
        ok = a.prefix == b.prefix and len(a.components) == len(b.components) \
            and a.components[:-1] == b.components[:-1] and is_next(a.components[-1], b.components[-1])
        if not ok:
            self.warn(para.where(), f"unexpected number: {p.number} follows {prev.number}")

    def _cross_heading(self, item: _Item, para: Para) -> None:
        p = Provision(Kind.CROSS_HEADING, heading=item.runs, source=para.location)
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
        p = Provision(Kind.PARAGRAPH, number=item.number, text=item.runs, label=item.label, source=para.location)
        if self.anchor is None and item.depth is None:
            self.warn(para.where(), f"paragraph {item.number} comes before any clause or heading")
        placement = self.lists.place(item.number, para, item.depth)
        if placement.doubt:
            self.warn(para.where(), placement.doubt)
        self.lists.parent(placement.level, self._container()).append(p)
        self.lists.push(placement, p, para)

    def _text(self, item: _Item, para: Para) -> None:
        p = Provision(Kind.TEXT, text=item.runs, source=para.location)
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
    def _table(self, table: Table) -> None:
        entries = tables.history(table)
        if entries is not None:
            self.doc.history.extend(entries)
            return
        if self._definitions(table):
            return
        p = tables.table_provision(table)
        p.source = table.location
        (self._container() if self.started else self.doc.provisions).append(p)

    def _definitions(self, table: Table) -> bool:
        """Read a definitions table into the current clause; False if the table is not one."""
        by_style = tables.styled_as_definitions(table)
        holder = self.anchor
        if not by_style and not tables.looks_like_definitions(table, holder):
            return False
        if holder is None:
            self.warn(table.where(), "definitions table with no clause before it; kept as a table")
            return False
        for row in tables.definition_rows(table):
            if len(row) > 2:
                self.warn(table.where(), f"definitions row has {len(row)} cells; the extra cells are read "
                                         "as part of the meaning")
            meaning = self._meaning([para for cell in row[1:] for para in cell])
            holder.definitions.append(Definition(term=tables.term_runs(row[0]), meaning=meaning,
                                                 source=row[0][0].location if row[0] else ""))
        return True

    def _meaning(self, paras: list[Para]) -> list[Provision]:
        """The meaning cell: text paragraphs and (a) lists, which restart in every cell."""
        out: list[Provision] = []
        levels = ParagraphLevels(SCHEMES[self.doc.scheme].paragraph_levels)
        for para in paras:
            role, level = style_role(para)
            role = role if role in ("def-text", "def-paragraph", "paragraph", "text") else ""
            item = self._classify(para, role, level)
            if item is None:
                continue
            if item.kind == Kind.PARAGRAPH:
                p = Provision(Kind.PARAGRAPH, number=item.number, text=item.runs, label=item.label, source=para.location)
                placement = levels.place(item.number, para, item.depth)
                if placement.doubt:
                    self.warn(para.where(), placement.doubt)
                levels.parent(placement.level, out).append(p)
                levels.push(placement, p, para)
                continue
            shown = item.label or item.number  # a clause number in a meaning stays in its text, as shown
            runs = item.runs if item.kind == Kind.TEXT or not shown else [Run(shown + " "), *item.runs]
            p = Provision(Kind.TEXT, text=runs, source=para.location)
            if role == "text" and item.depth:  # SEC Text d: below the paragraph at depth d - 1
                level = min(item.depth - 1, len(levels.stack))
                levels.parent(level, out).append(p)
                del levels.stack[level:]
            elif role == "def-text" or item.depth is not None:
                out.append(p)
                levels.stack.clear()
            else:
                levels.text_parent(para, out).append(p)
        return out
