"""What a reader would cite for a changed provision, and a one-line description of a change.

Internally an unnumbered provision is addressed by its parent, kind and position
(``L1/cross-heading[7]``) and a definition by its table (``A1.1:"SMKI PMA"``). Those addresses
are exact but nobody cites them: reader-facing text (release notes, a redline's change list,
the review site) says "the cross-heading 'Duties of the SMKI PMA' in L1" and "the definition
of 'SMKI PMA' (A1.1)".
"""

from __future__ import annotations

import re

_UNNUMBERED = re.compile(r"^(?P<parent>[^/]*)/(?P<kind>[a-z-]+)\[(?P<n>\d+)\]$")
_DEFINITION = re.compile(r'^(?P<holder>[^:]+):"(?P<term>.*)"(?P<rest>.*)$')
_SENTENCE = re.compile(r"(?<=[.;])\s+(?=[A-Z(])")
# The change list's kinds (``model.ChangeRecord.kind`` of a redline) as a reader says them.
CHANGE_KINDS = {"insert": "inserted", "delete": "removed", "replace": "amended", "heading": "heading amended",
                "not-used": "deleted (Not used)", "definition-insert": "definition inserted",
                "definition-delete": "definition deleted", "definition-amend": "definition amended",
                "table": "table amended", "renumber": "renumbered"}
_KINDS = {"cross-heading": "cross-heading", "text": "paragraph", "table": "table", "heading": "heading",
          "part": "Part"}


def _short(words: str, limit: int = 60) -> str:
    words = " ".join(words.split())
    return words if len(words) <= limit else words[:limit - 1].rstrip() + "…"


def cite(address: str, text: str = "") -> str:
    """The reader-facing citation of ``address`` (``text``: the provision's first words)."""
    m = _UNNUMBERED.match(address)
    if m:
        kind = _KINDS.get(m["kind"], m["kind"].replace("-", " "))
        where = f" in {m['parent']}" if m["parent"] else ""
        words = _short(text.split("\n")[0]) if text.strip() else ""
        return f"the {kind} '{words}'{where}" if words else f"the {kind} at position {m['n']}{where}"
    m = _DEFINITION.match(address)
    if m:
        rest = m["rest"].strip()
        return f"the definition of '{m['term']}' ({m['holder']}){' ' + rest if rest else ''}"
    return address


def one_line(note: str, limit: int = 160) -> str:
    """The first sentence of an operation's note, on one line."""
    text = " ".join(note.split())
    if not text:
        return ""
    first = _SENTENCE.split(text, maxsplit=1)[0]
    return _short(first, limit)


def notes_by_address(results) -> dict[str, str]:
    """Address → one line from the note of the first operation that acted there (``results``:
    the ``OpResult`` list of a ChangeSet)."""
    out: dict[str, str] = {}
    for r in results:
        if r.note and r.address and r.address not in out:
            out[r.address] = one_line(r.note)
    return out


def label_of(address: str) -> str:
    """The label a changed paragraph starts with: the last part of a numbered address
    ("L1.16A", "(ga)" of "L1.15(ga)"), "" for a definition or an unnumbered provision."""
    if _UNNUMBERED.match(address) or _DEFINITION.match(address):
        return ""
    m = re.search(r"\([^()]*\)$", address)
    return m.group(0) if m else address


def snippet_of(address: str, text: str, words: int = 6) -> str:
    """The first words of a changed provision's text, its label left out (finds its paragraph)."""
    m = _DEFINITION.match(address)
    if m:
        return m["term"]
    tokens = text.split()
    label = label_of(address)
    if tokens and label and tokens[0] == label:
        tokens = tokens[1:]
    return " ".join(tokens[:words])
