"""Provision identities: readers set every uid to the provision's address at read time."""

from __future__ import annotations

from ..address import full_label, locate_all
from ..model import Document, Provision


def assign_uids(doc: Document) -> None:
    """uids are addresses (``L1.17``, ``L1/cross-heading[2]``, ``def:SMKI PMA``, ``def:Alert/(a)``),
    the same way ``secdocs.source`` sets them, so documents read either way compare equal."""
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
