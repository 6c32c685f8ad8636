"""Addresses: how amendments, redline extracts, reports and errors name provisions.

Within a document a provision's address is the label a reader would cite: ``L1`` (a Part),
``L1.17A`` (a clause), ``L1.3(b)(ii)`` (a sub-paragraph), ``4.9.1(A)(i)`` (a certificate
policy paragraph). A parenthesised label hangs off the nearest numbered ancestor; a structural
number stands alone. A definition is addressed ``A1.1:"SMKI PMA"``; an unnumbered provision by
its parent's address and its kind and position (``L1/cross-heading[2]``).
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from . import Definition, Document, Kind, Provision, walk


def full_label(path: tuple[Provision, ...], provision: Provision) -> str | None:
    """The citable label of a provision given its ancestors, or None if it is unnumbered."""
    if not provision.number:
        return None
    if not provision.number.startswith("("):
        return provision.number
    for i in range(len(path) - 1, -1, -1):  # by position: no search comparing provisions
        ancestor = path[i]
        if ancestor.number:
            parent = full_label(path[:i], ancestor)
            return (parent or "") + provision.number
    return provision.number


@dataclass
class Located:
    """A provision with its address, ancestors and place in its parent's list."""

    address: str
    provision: Provision
    path: tuple[Provision, ...]
    siblings: list[Provision]

    @property
    def parent(self) -> Provision | None:
        return self.path[-1] if self.path else None

    @property
    def part(self) -> Provision | None:
        return next((p for p in self.path if p.kind == Kind.PART), None)


_KIND_VALUE = {kind: kind.value for kind in Kind}  # ``Kind.value`` is a slow property lookup


def locate_all(doc: Document) -> list[Located]:
    """Every provision with a unique address, in document order."""
    out: list[Located] = []
    _visit(doc.provisions, (), "", None, out, {})
    return out


def _visit(provisions: list[Provision], path: tuple[Provision, ...], parent_address: str, numbered: str | None,
           out: list[Located], counters: dict[tuple[str, str], int]) -> None:
    """Locate ``provisions`` and their descendants into ``out``. ``numbered`` is the full label of
    the nearest numbered ancestor (what ``full_label`` looks up the path for), carried down
    instead of searched for at every provision. (A module function, not a closure: a recursive
    closure is a reference cycle that would keep every Located, and so the whole tree, alive
    until the garbage collector runs.)"""
    for p in provisions:
        number = p.number
        if not number:
            label = None
        elif not number.startswith("("):
            label = number
        else:
            label = numbered + number if numbered is not None else number
        if label is None:
            kind = _KIND_VALUE[p.kind]
            key = (parent_address, kind)
            counters[key] = counters.get(key, 0) + 1
            label = f"{parent_address}/{kind}[{counters[key]}]" if parent_address else f"{kind}[{counters[key]}]"
        out.append(Located(label, p, path, provisions))
        if p.children:
            _visit(p.children, path + (p,), label, label if number else numbered, out, counters)


def index(doc: Document) -> dict[str, Located]:
    return {loc.address: loc for loc in locate_all(doc)}


def definition_address(holder_address: str, definition: Definition) -> str:
    return f'{holder_address}:"{definition.term_text}"'


def nearest(address: str, candidates: list[str], n: int = 3) -> list[str]:
    """The addresses most like ``address`` (for "did you mean" in errors)."""
    return difflib.get_close_matches(address, candidates, n=n, cutoff=0.5)


def flatten(doc: Document) -> list[dict]:
    """Provisions in document order as ``{number, kind, heading, text, address, depth}``."""
    rows = []
    for path, p in walk(doc.provisions):
        rows.append({
            "number": full_label(path, p),
            "kind": p.kind.value,
            "heading": p.heading_text or None,
            "text": p.full_text if p.kind == Kind.TABLE else p.own_text,
            "depth": len(path),
        })
    return rows


def assign_uids(doc: Document) -> None:
    """Set every uid to the provision's address at read time (``L1.17``,
    ``L1/cross-heading[2]``, ``def:SMKI PMA``, ``def:Alert/(a)``). Every reader calls this, so
    documents read from any source compare equal and can be followed across versions."""
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
            kind = _KIND_VALUE[p.kind]
            counters[kind] = counters.get(kind, 0) + 1
            label = f"{kind}[{counters[kind]}]"
        p.uid = f"{prefix}/{label}"
        _meaning_uids(p.children, path + (p,), prefix)


def plain_address(address: str) -> str:
    """The citation forms amendments may use, reduced to the form ``index`` writes:
    "Section L1.4" → "L1.4", "Appendix B 4.9.1(A)" → "4.9.1(A)", "L1.4 (b)" → "L1.4(b)"."""
    a = re.sub(r"^(Section|Appendix)\s+[A-Z]{1,2}\s+(?=\d)", "", address.strip())
    a = re.sub(r"^(Section|Part|Paragraph)\s+", "", a)
    return re.sub(r"\s+(?=\()", "", a)
