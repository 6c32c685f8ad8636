"""Numbering: within each list of sibling provisions, a number used twice, numbers out of order,
a gap (a number missing, not kept as "Not used"), and a suffix where the plain number was free
(``L1.16A`` after the last clause ``L1.16``, where ``L1.17`` was free).

Numbers are compared as ``numbering`` sorts them (``L1.9 < L1.10 < L1.10A``; ``(h) < (i)`` at a
letter level). Labels the scheme cannot read are left to the reader's own warnings.
"""

from __future__ import annotations

from ..model.address import locate_all
from ..errors import NumberingError
from ..model import Document, Provision
from ..model.numbering import Component, SCHEMES, parse_number, parse_paren
from .findings import ERROR, WARNING, Finding, Findings

_LETTER_FORMATS = ("lowerLetter", "upperLetter")


def check_numbering(doc_index: int, doc: Document, findings: Findings) -> None:
    scheme = SCHEMES.get(doc.scheme, SCHEMES["decimal"])
    seen: dict[str, int] = {}
    order = 0
    groups: list[tuple[list[Provision], str, int, int]] = []  # siblings, parent address, depth, order
    for loc in locate_all(doc):
        order += 1
        p = loc.provision
        if not loc.path and p.number and seen and _restarts(p):
            seen = {}  # numbering starts again at 1 (Parts A, B … of a schedule, each from 1)
        if p.number:
            if loc.address in seen:
                findings.add(Finding(doc.id, loc.address, ERROR, "duplicate-number",
                                     f"{loc.address} is numbered twice", (doc_index, order, 0)))
            seen[loc.address] = order
        if p.children and (not groups or groups[-1][0] is not p.children):
            depth = sum(1 for a in loc.path + (p,) if a.number and a.number.startswith("("))
            groups.append((p.children, loc.address if p.number else _numbered_base(loc), depth, order))
    top_base = ""
    groups.insert(0, (doc.provisions, top_base, 0, 0))
    findings.stats["numbers"] = findings.stats.get("numbers", 0) + len(seen)
    for siblings, base, depth, where in groups:
        fmt = scheme.paragraph_levels[min(depth, len(scheme.paragraph_levels) - 1)]
        _check_siblings(doc_index, doc, siblings, base, fmt, where, findings)


def _restarts(p: Provision) -> bool:
    try:
        return parse_number(p.number).components == (Component(1, ""),)
    except NumberingError:
        return False


def _numbered_base(loc) -> str:
    address = loc.address
    return address[:address.rfind("/")] if "/" in address else ""


def _components(p: Provision, fmt: str) -> tuple[tuple[Component, ...], str] | None:
    """The number as comparable components, and its kind of label ("paren" or "number")."""
    try:
        if p.number.startswith("("):
            return (parse_paren(p.number, fmt),), "paren"
        num = parse_number(p.number)
        return num.components, f"number:{num.prefix}:{len(num.components)}"
    except NumberingError:
        return None


def _check_siblings(doc_index: int, doc: Document, siblings: list[Provision], base: str, fmt: str, where: int,
                    findings: Findings) -> None:
    numbered = [p for p in siblings if p.number]
    previous: tuple | None = None
    for n, p in enumerate(numbered):
        parsed = _components(p, fmt)
        address = base + p.number if p.number.startswith("(") else p.number
        at = (doc_index, where, n)
        if parsed is None:
            previous = None
            continue
        comps, kind = parsed
        if previous is not None and previous[1] == kind:
            prev_comps, _, prev_p = previous
            prev_address = base + prev_p.number if prev_p.number.startswith("(") else prev_p.number
            if comps[:-1] != prev_comps[:-1]:
                pass  # a different parent number: the level above is checked on its own
            elif comps[-1] < prev_comps[-1] and comps != (Component(1, ""),):
                findings.add(Finding(doc.id, address, ERROR, "number-order",
                                     f"{address} comes after {prev_address}: out of order", at))
            elif comps[-1] != prev_comps[-1]:
                _gap_or_suffix(doc, address, prev_address, comps[-1], prev_comps[-1], numbered, n, fmt, at, findings)
        previous = (comps, kind, p)


def _gap_or_suffix(doc: Document, address: str, prev_address: str, c: Component, prev: Component,
                   numbered: list[Provision], n: int, fmt: str, at: tuple, findings: Findings) -> None:
    if c.ordinal > prev.ordinal + 1 and not c.suffix:
        missing = prev.ordinal + 1 if c.ordinal == prev.ordinal + 2 else None
        what = f"number {missing} is missing" if missing else f"numbers {prev.ordinal + 1} to {c.ordinal - 1} are missing"
        if fmt in _LETTER_FORMATS and address.endswith(")"):
            what = "a paragraph is missing"
        findings.add(Finding(doc.id, address, WARNING, "number-gap",
                             f"{address} follows {prev_address}: {what} (keep a removed provision as \"Not used\")", at))
    if c.suffix and c.ordinal == prev.ordinal and not prev.suffix and all(
            (_components(q, fmt) or ((c,), ""))[0][-1].ordinal == c.ordinal for q in numbered[n + 1:]):
        findings.add(Finding(doc.id, address, WARNING, "needless-suffix",
                             f"{address} follows the last number of its list, {prev_address}: "
                             f"the next plain number was free", at))
