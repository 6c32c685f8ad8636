"""Importing a legal text document: its extracts of each document, read against the baselines.

A legal text (``secdocs legal-text``, possibly edited further in Word or LibreOffice) shows, for
each affected document, a heading "Section L — <title>", then only the provisions that change,
in their Parts and under their cross-headings, with "* * *" where text is left out, then a table
of drafting notes. Read in its reject and accept views, each document's part of it is an extract:

* ``split_legal_text`` cuts both views at those headings: (document id, old extract, new extract),
  leaving out the drafting notes (explanatory, not legal text; edits to them are reported, not
  imported);
* ``extract_hooks`` gives ``derive`` what an extract lacks: the address in the whole baseline of
  an unnumbered provision (a cross-heading is found by its kind and text under the same parent),
  and the place of new provisions next to a "* * *" (after the baseline's last sibling numbered
  before the first new number);
* ``differences`` checks each numbered provision and definition the extract shows against the
  baseline (unchanged context, elisions and the drafting notes carry no change and are not
  imported);
* ``check_applied`` confirms that the ops, applied to the baseline, give every numbered provision
  and definition of the new extract.
"""

from __future__ import annotations

import copy
import re

from ..model.address import index, locate_all
from ..model import Document, Kind, Provision, iter_definitions, iter_provisions
from ..model.numbering import address_key
from .derive import Unplaced
from .text import word_diff

HEADING_RE = re.compile(r"^((?:Section|Appendix)\s+[A-Z]{1,2})\s+[—–-]\s+(.+)$")
ELISION = "* * *"


def is_legal_text(doc: Document) -> bool:
    """Whether a document is a legal text: top-level headings naming SEC documents."""
    return any(p.kind == Kind.HEADING and HEADING_RE.match(p.heading_text) for p in doc.provisions)


def _segments(doc: Document) -> dict[str, list[Provision]]:
    out: dict[str, list[Provision]] = {}
    current: list[Provision] | None = None
    for p in doc.provisions:
        m = HEADING_RE.match(p.heading_text) if p.kind == Kind.HEADING and not p.number else None
        if m:
            current = out.setdefault(re.sub(r"\s+", " ", m.group(1)), [])
            continue
        if current is not None:
            current.append(p)
    return out


def _without_notes(provisions: list[Provision]) -> tuple[list[Provision], list[str]]:
    """A copy of an extract without its drafting notes (the "Drafting notes: …" cross-heading and
    what follows it in its list), and the text of the notes."""
    out: list[Provision] = []
    for n, p in enumerate(provisions):
        if p.kind == Kind.CROSS_HEADING and p.heading_text.startswith("Drafting notes"):
            return out, [q.full_text for q in iter_provisions(provisions[n:])]
        children, notes = _without_notes(p.children)
        if notes:
            p = copy.copy(p)
            p.children = children
            out.append(p)
            return out, notes
        out.append(p)
    return out, []


def split_legal_text(reject: Document, accept: Document) -> tuple[list[tuple[str, Document, Document]], list[str]]:
    """(document id, old extract, new extract) for each document of a legal text, in order, and
    the ids of the documents whose drafting notes were edited (they are explanatory, not legal
    text: not imported)."""
    old, new = _segments(reject), _segments(accept)
    out, edited = [], []
    for doc_id in dict.fromkeys(list(new) + list(old)):
        old_list, old_notes = _without_notes(old.get(doc_id, []))
        new_list, new_notes = _without_notes(new.get(doc_id, []))
        if old_notes != new_notes:
            edited.append(doc_id)
        out.append((doc_id, Document(id=doc_id, provisions=old_list), Document(id=doc_id, provisions=new_list)))
    return out, edited


def extract_hooks(baseline: Document):
    """``(resolve, place)`` for ``derive`` on extracts of ``baseline``."""
    located = locate_all(baseline)
    by_address = {loc.address: loc for loc in located}

    def children_of(parent_address: str) -> list[Provision]:
        if not parent_address:
            return baseline.provisions
        loc = by_address.get(parent_address)
        if loc is None:
            raise Unplaced(f"{parent_address}: not in the baseline")
        return loc.provision.children

    def resolve(parent_address: str, p: Provision) -> str:
        prefix = f"{parent_address}/" if parent_address else ""
        hits = [loc.address for loc in located if loc.address.startswith(prefix + p.kind.value + "[")
                and loc.provision.full_text == p.full_text]
        if len(hits) == 1:
            return hits[0]
        what = f"{p.kind.value} {p.full_text[:50]!r}"
        raise Unplaced(f"{parent_address or 'top level'}: the {what} is "
                       + ("not in the baseline" if not hits else f"in the baseline {len(hits)} times"))

    def place(parent_address: str, run: list[Provision]) -> tuple[str, str]:
        first = next((p for p in run if p.number), None)
        siblings = children_of(parent_address)
        if first is None:
            raise Unplaced(f"{parent_address or 'top level'}: cannot place the inserted {run[0].kind.value}"
                           f" {run[0].full_text[:40]!r} between two elisions; show a numbered neighbour")
        scheme = baseline.scheme or "section"
        key = address_key(first.number, scheme)
        before = [s for s in siblings if s.kind == first.kind and s.number and address_key(s.number, scheme) < key]
        if before:
            target = before[-1]
            address = next(loc.address for loc in located if loc.provision is target)
            return "after", address
        if parent_address:
            return "first", parent_address
        raise Unplaced(f"cannot place {first.number}: nothing in the baseline sorts before it")

    return resolve, place


def differences(baseline: Document, extract: Document) -> list[str]:
    """Where a numbered provision or a definition the extract shows does not read as the
    baseline's (one line each, with a word diff)."""
    base = index(baseline)
    out = []
    for loc in locate_all(extract):
        p = loc.provision
        if not p.number:
            continue
        b = base.get(loc.address)
        if b is None:
            out.append(f"{loc.address}: not in the baseline ({p.full_text[:60]!r})")
        elif b.provision.full_text != p.full_text:
            out.append(f"{loc.address}: {word_diff(b.provision.full_text, p.full_text)}")
    return out + definition_differences(baseline, extract)


def definition_differences(baseline: Document, drafted: Document, *, whole: bool = False) -> list[str]:
    """Where a definition ``drafted`` shows does not read as the baseline's (one line each, with a
    word diff); ``whole``: ``drafted`` is the whole document, so a baseline definition it lacks is
    named too."""
    base_defs = {d.term_text: d.meaning_text for _, d in iter_definitions(baseline)}
    out = []
    for _, d in iter_definitions(drafted):
        if d.term_text not in base_defs:
            out.append(f'definition "{d.term_text}": not in the baseline')
        elif base_defs[d.term_text] != d.meaning_text:
            out.append(f'definition "{d.term_text}": {word_diff(base_defs[d.term_text], d.meaning_text)}')
    if whole:
        drafted_terms = {d.term_text for _, d in iter_definitions(drafted)}
        out += [f'definition "{t}": in the baseline but not in the redline' for t in base_defs if t not in drafted_terms]
    return out


def check_applied(amended: Document, old: Document, new: Document) -> list[str]:
    """Where the amended baseline does not give the new extract (numbered provisions and
    definitions; a definition the extract deleted must be gone)."""
    got = {a: loc.provision for a, loc in index(amended).items()}
    out = []
    for loc in locate_all(new):
        if loc.provision.number:
            p = got.get(loc.address)
            if p is None or p.full_text != loc.provision.full_text:
                out.append(f"{loc.address}: {word_diff(loc.provision.full_text, p.full_text if p else '')}")
    defs = {d.term_text: d.meaning_text for _, d in iter_definitions(amended)}
    shown = {d.term_text: d.meaning_text for _, d in iter_definitions(new)}
    for term, meaning in shown.items():
        if defs.get(term) != meaning:
            out.append(f'definition "{term}": {word_diff(meaning, defs.get(term, ""))}')
    for _, d in iter_definitions(old):
        if d.term_text not in shown and d.term_text in defs:
            out.append(f'definition "{d.term_text}": still there')
    kinds = {(p.kind, p.full_text) for p in iter_provisions(amended.provisions) if not p.number}
    for p in iter_provisions(new.provisions):
        if p.kind == Kind.CROSS_HEADING and (p.kind, p.full_text) not in kinds:
            out.append(f"cross-heading {p.full_text!r}: not in the amended document")
    return out
