"""Addresses: how amendments, redline extracts, reports and errors name provisions.

Within a document a provision's address is the label a reader would cite: ``L1`` (a Part),
``L1.17A`` (a clause), ``L1.3(b)(ii)`` (a sub-paragraph), ``4.9.1(A)(i)`` (a certificate
policy paragraph). A parenthesised label hangs off the nearest numbered ancestor; a structural
number stands alone. A definition is addressed ``A1.1:"SMKI PMA"``; an unnumbered provision by
its parent's address and its kind and position (``L1/cross-heading[2]``).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from .model import Definition, Document, Kind, Provision, walk


def full_label(path: tuple[Provision, ...], provision: Provision) -> str | None:
    """The citable label of a provision given its ancestors, or None if it is unnumbered."""
    if not provision.number:
        return None
    if not provision.number.startswith("("):
        return provision.number
    for ancestor in reversed(path):
        if ancestor.number:
            parent = full_label(path[: path.index(ancestor)], ancestor)
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
        return next((p for p in self.path if p.kind in (Kind.PART,)), None)


def locate_all(doc: Document) -> list[Located]:
    """Every provision with a unique address, in document order."""
    out: list[Located] = []
    counters: dict[tuple[str, str], int] = {}

    def visit(provisions: list[Provision], path: tuple[Provision, ...], parent_address: str) -> None:
        for p in provisions:
            label = full_label(path, p)
            if label is None:
                key = (parent_address, p.kind.value)
                counters[key] = counters.get(key, 0) + 1
                label = f"{parent_address}/{p.kind.value}[{counters[key]}]" if parent_address else \
                    f"{p.kind.value}[{counters[key]}]"
            out.append(Located(label, p, path, provisions))
            visit(p.children, path + (p,), label)

    visit(doc.provisions, (), "")
    return out


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
