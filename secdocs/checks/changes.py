"""What the checked modifications did, as the checks ask it: which provisions each changed or
inserted, and which definitions it deleted (from the ChangeSets the amend engine returns)."""

from __future__ import annotations

import re
from typing import Iterable, Mapping

from ..amend.ops import KINDS, ChangeSet
from ..amend.ops.spec import EDITS_WORDS, INSERTS, REMOVES, REWRITES

_TERM = re.compile(r':"(?P<term>.+)"$')


class ChangeIndex:
    """``(document id, uid)`` → the modification that changed, rewrote (replaced, re-headed,
    deleted) or inserted it."""

    def __init__(self, changesets: Mapping[str, Iterable[ChangeSet]] | Iterable[ChangeSet] = ()):
        self._changed: dict[tuple[str, str], str] = {}
        self._inserted: dict[tuple[str, str], str] = {}
        self._rewritten: dict[tuple[str, str], str] = {}  # replaced, re-headed or deleted
        self.deleted_terms: dict[str, tuple[str, str]] = {}  # term → (modification, address)
        groups = changesets.items() if isinstance(changesets, Mapping) else [("the modification", changesets)]
        for mod, sets in groups:
            for cs in sets:
                for r in cs.results:
                    if r.status != "applied":
                        continue
                    effect = KINDS[r.kind].effect
                    if effect == INSERTS:
                        for uid in r.uids:
                            self._inserted.setdefault((cs.document, uid), mod)
                    elif effect in (EDITS_WORDS, REWRITES):
                        for uid in r.uids[:1] if r.kind != "delete" else r.uids:
                            self._changed.setdefault((cs.document, uid), mod)
                            if effect == REWRITES:  # can change what a reference cites
                                self._rewritten.setdefault((cs.document, uid), mod)
                    if effect == REMOVES:
                        m = _TERM.search(r.address)
                        if m:
                            self.deleted_terms[m.group("term")] = (mod, f"{cs.document} {r.address}")

    def changed(self, document: str, uid: str) -> str:
        return self._changed.get((document, uid), "")

    def rewritten(self, document: str, uid: str) -> str:
        return self._rewritten.get((document, uid), "")

    def inserted(self, document: str, uid: str) -> str:
        return self._inserted.get((document, uid), "")

    def touched(self, document: str, uid: str) -> bool:
        return (document, uid) in self._changed or (document, uid) in self._inserted
