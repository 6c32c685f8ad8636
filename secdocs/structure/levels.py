"""Paragraph levels: which level of a list an ``(x)`` label belongs to (no XML here).

Below a clause or heading, paragraphs go ``(a)`` / ``(i)`` / ``(A)`` (section scheme) or
``(A)`` / ``(i)`` / ``(a)`` (policy scheme). A label alone is ambiguous — ``(i)`` is the ninth
letter after ``(h)`` and the first roman numeral elsewhere — so the open levels are kept on a
stack and a new label goes where it continues a sequence, or opens a new level when it is a
first label. Word list levels (when the number is automatic) and house styles (``SEC Paragraph
d``) decide outright; indentation breaks ties.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .blocks import Para
from ..model import Kind, Provision
from ..model.numbering import Component, format_paren
from .labels import AUTO_FORMATS, is_next, paren, paren_formats


@dataclass
class OpenLevel:
    """An open paragraph level: its format, its last label and the provision holding it."""

    fmt: str
    comp: Component
    provision: Provision
    list_key: tuple[str, int] | None = None  # (abstract list, ilvl) of automatic numbering
    indent: int | None = None


@dataclass
class Placement:
    """Where a new paragraph goes: its level (0 = below the anchor) and any doubt about it."""

    level: int
    fmt: str
    comp: Component
    doubt: str | None = None


@dataclass
class ParagraphLevels:
    """The open (a) / (i) / (A) levels below one anchor (a clause, a heading or a meaning)."""

    formats: tuple[str, ...]  # the scheme's paragraph formats, outermost first
    stack: list[OpenLevel] = field(default_factory=list)

    def parent(self, level: int, anchor_children: list[Provision]) -> list[Provision]:
        """The list a provision at ``level`` is appended to."""
        return anchor_children if level == 0 else self.stack[level - 1].provision.children

    def place(self, label: str, para: Para, depth: int | None) -> Placement:
        """Place a paragraph label; ``depth`` is the house style's depth (SEC Paragraph d), if any."""
        auto = para.auto
        fmts = [AUTO_FORMATS[auto.fmt]] if auto and auto.fmt in AUTO_FORMATS else paren_formats(label)
        if depth is not None:
            level = max(0, min(depth - 1, len(self.stack)))
            wanted = self.formats[min(level, len(self.formats) - 1)]
            fmt = wanted if wanted in fmts else fmts[0]
            return Placement(level, fmt, _parse(label, [fmt, *fmts]))
        if auto is not None:
            level = self._by_list(auto.list_id, auto.ilvl)
            if level is not None:
                return Placement(level, fmts[0], _parse(label, fmts))
        return self._by_label(label, para, fmts)

    def _by_label(self, label: str, para: Para, fmts: list[str]) -> Placement:
        best: tuple[float, int, Placement] | None = None
        for fmt in fmts:
            comp = paren(label, fmt)
            if comp is None:
                continue
            for idx, open_level in enumerate(self.stack):
                if open_level.fmt != fmt or not comp > open_level.comp:
                    continue
                score = 3.0 if is_next(open_level.comp, comp) else 1.0
                score += self._indent_bonus(para, idx)
                doubt = None if score >= 3 else f"label jumps from {format_paren(open_level.comp, fmt)} to {label}"
                best = max(best or (-1.0, -1, None), (score, idx, Placement(idx, fmt, comp, doubt)),
                           key=lambda t: t[:2])
            new_level = len(self.stack)
            first = comp.ordinal == 1 and not comp.suffix
            score = (2.0 if first else 0.5) + (0.25 if new_level < len(self.formats)
                                               and self.formats[new_level] == fmt else 0.0)
            doubt = None if first else f"list starts at {label}"
            best = max(best or (-1.0, -1, None), (score, new_level, Placement(new_level, fmt, comp, doubt)),
                       key=lambda t: t[:2])
        if best is None or best[2] is None:
            return Placement(len(self.stack), fmts[0], Component(0, ""), f"label {label} not understood")
        return best[2]

    def _by_list(self, list_id: str, ilvl: int) -> int | None:
        same = [i for i, o in enumerate(self.stack) if o.list_key and o.list_key[0] == list_id]
        for i in same:
            if self.stack[i].list_key[1] == ilvl:
                return i
        shallower = [i for i in same if self.stack[i].list_key[1] < ilvl]
        return max(shallower) + 1 if shallower else None

    def _indent_bonus(self, para: Para, idx: int) -> float:
        indent = self.stack[idx].indent
        return 0.1 if indent is not None and para.indent_left == indent else 0.0

    def push(self, placement: Placement, provision: Provision, para: Para) -> None:
        """Record a placed paragraph as the open one at its level (closing deeper levels)."""
        del self.stack[placement.level:]
        key = (para.auto.list_id, para.auto.ilvl) if para.auto else None
        self.stack.append(OpenLevel(placement.fmt, placement.comp, provision, key, para.indent_left))

    def text_parent(self, para: Para, anchor_children: list[Provision]) -> list[Provision]:
        """Where unnumbered text without a house style goes: below the deepest open paragraph
        whose indentation it shares or passes, else below the anchor."""
        if para.indent_left is not None:
            for open_level in reversed(self.stack):
                if open_level.indent is not None and para.indent_left >= open_level.indent \
                        and open_level.provision.kind == Kind.PARAGRAPH:
                    return open_level.provision.children
        return anchor_children


def _parse(label: str, fmts: list[str]) -> Component:
    for fmt in fmts:
        comp = paren(label, fmt)
        if comp is not None:
            return comp
    return Component(0, "")
