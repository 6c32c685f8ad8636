"""Citations in text: where the Code's cross-references are and which labels each names, as
written (the one parser of them; ``checks.references`` resolves and checks what they name, the
``renumber_references`` operation rewrites them).

Forms: ``Section L4.6(b)``, ``Section M8 (Suspension, Expulsion and Withdrawal)`` (a bracketed
heading), ``Sections L11.5 to L11.7``, ``Sections L3.13(b) or (c)``, ``Part 4.9.1 of the
Organisation Certificate Policy``, ``paragraph (a)``, ``this Section L1``, ``Clause 5.2`` /
``Paragraph 2.1 of this Schedule`` (``keyword``); ``Appendix B``, ``Section A`` (``whole``: a
whole document); ``L11.5 - L11.7`` (``range``: two bare addresses).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_SEC = r"[A-Z]{1,2}\d+[A-Z]*(?:\.\d+[A-Z]*)*(?:\([A-Za-z0-9]{1,6}\))*"
_NUM = r"\d+(?:\.\d+)*[A-Z]?(?:\([A-Za-z0-9]{1,6}\))*"
_PAR = r"(?:\([A-Za-z0-9]{1,6}\))+"
_ITEM = rf"(?:{_SEC}|{_NUM}|{_PAR})(?![\w.]\w)"
_CONJ = r"(?:\s*,\s*|\s+(?:and|or|to)\s+|\s*[-–—]\s*)"
_HEAD = r"(?:\s*\((?P<heading>(?![A-Z0-9]+\))[A-Z][^()]*(?:\([^()]*\)[^()]*)*)\))?"
_OF = r"(?:\s+of\s+(?P<of>(?:the|this)\s+[A-Z][\w-]*(?:\s+[A-Z][\w-]*)*|(?:Section|Appendix)\s+[A-Z]{1,2}\b))?"
_KEYWORD = re.compile(
    rf"\b(?P<this>this\s+)?(?P<kw>Sections?|Parts?|[Pp]aragraphs?|[Cc]lauses?)\s+"
    rf"(?P<list>{_ITEM}(?:{_CONJ}{_ITEM})*){_HEAD}{_OF}")
_WHOLE = re.compile(rf"\b(?P<this>this\s+)?(?P<kw>Section|Appendix|Part|Annex|Schedule)\s+"
                    rf"(?P<letter>[A-Z]{{1,2}}\d*|\d+)(?![\w.(]){_HEAD}")
_BARE = re.compile(rf"(?<![\w.])(?P<a>[A-Z]\d+(?:\.\d+[A-Z]*)+(?:\([A-Za-z0-9]{{1,6}}\))*)\s*[-–]\s*"
                   rf"(?P<b>[A-Z]\d+(?:\.\d+[A-Z]*)+(?:\([A-Za-z0-9]{{1,6}}\))*)(?![\w.])")
_SPLIT = re.compile(rf"({_CONJ})")
RANGE_WORDS = ("to", "-", "–", "—")  # what joins the two ends of a range


@dataclass
class Item:
    """One label a citation names: where it is written, and the label it stands for (a bare
    paragraph label after another label completes it: ``L3.13(b) or (c)`` → ``L3.13(c)``)."""

    start: int
    end: int
    text: str
    label: str
    joined_by: str = ""  # the word or mark before it ("", ",", "and", "or", "to", "-")

    @property
    def ends_range(self) -> bool:
        return self.joined_by in RANGE_WORDS


@dataclass
class Citation:
    """One citation: its form ("keyword", "whole" or "range"), span, and what it names."""

    form: str
    start: int
    end: int
    text: str
    keyword: str = ""  # "Sections", "paragraph", "Appendix", …
    heading: str = ""  # a bracketed heading after it
    of: str = ""  # "the Organisation Certificate Policy", "this Schedule", "Section A"
    letter: str = ""  # a whole document's letter or number ("B" of "Appendix B")
    items: list[Item] = field(default_factory=list)


def find_citations(text: str) -> list[Citation]:
    """Every citation in ``text``, by position."""
    out: list[Citation] = []
    taken: list[tuple[int, int]] = []
    for m in _KEYWORD.finditer(text):
        out.append(_keyword(m))
        taken.append(m.span())
    for m in _WHOLE.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        out.append(Citation("whole", m.start(), m.end(), m.group(0), m.group("kw"), m.group("heading") or "",
                            letter=m.group("letter")))
        taken.append(m.span())
    for m in _BARE.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        items = [Item(m.start("a"), m.end("a"), m.group("a"), m.group("a")),
                 Item(m.start("b"), m.end("b"), m.group("b"), m.group("b"), "-")]
        out.append(Citation("range", m.start(), m.end(), m.group(0), items=items))
    return sorted(out, key=lambda c: c.start)


def _keyword(m: re.Match) -> Citation:
    cite = Citation("keyword", m.start(), m.end(), m.group(0), m.group("kw"), m.group("heading") or "",
                    m.group("of") or "")
    at = m.start("list")
    previous = ""
    joined = ""
    for n, piece in enumerate(_SPLIT.split(m.group("list"))):
        if n % 2:
            joined = piece.strip()
        else:
            label = piece
            if label.startswith("(") and previous and not cite.keyword.lower().startswith("paragraph"):
                label = _sibling_label(previous, label)
            cite.items.append(Item(at, at + len(piece), piece, label, joined))
            previous = label
        at += len(piece)
    return cite


def _sibling_label(previous: str, label: str) -> str:
    """``L3.13(b) or (c)`` → ``L3.13(c)``: a bare paragraph label replaces the last one(s)."""
    depth = label.count("(")
    head = previous
    for _ in range(depth):
        if head.endswith(")"):
            head = head[:head.rfind("(")]
    return head + label
