"""Cross-references: find every citation in the text of the set and check its target.

The citations are found by ``secdocs.model.citations`` (its docstring lists the forms); here each is
resolved: ``Section L4.6(b)``, ``Sections L11.5 to L11.7``, ``L11.5 - L11.7``, ``Part 4.9.1 of the
Organisation Certificate Policy``, ``Appendix B``, and relative ones: ``paragraph (a)``, ``this
Section L1``, ``Part 1.4.1`` inside a policy, ``Clause 5.2`` / ``Paragraph 2.1 of this Schedule`` in
other documents (a bracketed heading is compared with the target's current heading). A reference
to a document that is not in the set is counted, not checked.

Findings: the target does not exist, or is "Not used" (errors); the bracketed heading is not
the target's heading; a range runs backwards; the checked modifications added a provision inside
a range named by its ends, or straight after its end in a run they added (the L1.16D case); the
target was changed by the modifications and the referring text was not (warnings).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model.address import Located, full_label, index, nearest
from ..model.citations import Citation, find_citations
from ..errors import NumberingError
from ..model import Document, Kind, is_not_used, walk
from ..model.numbering import address_key
from .changes import ChangeIndex
from .findings import ERROR, WARNING, Finding, Findings
from .text import Segment

MEANING_OK = "(found in the meaning)"  # a relative reference resolved inside a definition's meaning


@dataclass
class Reference:
    """One citation: where it is, the span of text it covers, and its targets."""

    segment: Segment
    start: int
    end: int
    text: str
    targets: list[tuple[Document, str]] = field(default_factory=list)  # (document, address)
    ranges: list[tuple[int, int]] = field(default_factory=list)  # indexes into targets
    heading: str = ""
    outside: bool = False  # names a document that is not in the set


class DocumentSet:
    """The documents of the set by id, letter and title, with their address indexes."""

    def __init__(self, documents: list[Document]):
        self.documents = documents
        self.by_id = {d.id: d for d in documents}
        self.by_title = {_norm(d.title): d for d in documents if d.title}
        self._indexes: dict[int, dict[str, Located]] = {}

    def index(self, doc: Document) -> dict[str, Located]:
        if id(doc) not in self._indexes:
            self._indexes[id(doc)] = index(doc)
        return self._indexes[id(doc)]

    def named(self, phrase: str, here: Document) -> Document | None | bool:
        """The document ``of the Organisation Certificate Policy`` names: a Document, None (not
        in the set), or ``here`` for ``this Policy`` / ``this Schedule``."""
        words = phrase.split(None, 1)
        if words[0] == "this":
            return here
        if words[0] in ("Section", "Appendix"):
            return self.by_id.get(phrase)
        return self.by_title.get(_norm(words[1] if len(words) > 1 else ""))


def _norm(text: str) -> str:
    """A heading or title for comparison: case, punctuation, "&" and a leading "The" ignored."""
    text = text.lower().replace("&", "and")
    words = re.sub(r"[^a-z0-9 ]", " ", text).split()
    return " ".join(words[1:] if words[:1] == ["the"] else words)


def find_references(seg: Segment, docs: DocumentSet) -> list[Reference]:
    """Every citation in one segment (whole-document ones included), by position."""
    refs: list[Reference] = []
    for c in find_citations(seg.text):
        if c.form == "keyword":
            refs.append(_keyword_reference(seg, c, docs))
            continue
        ref = Reference(seg, c.start, c.end, c.text, heading=c.heading)
        if c.form == "whole":
            doc = docs.by_id.get(f"{c.keyword} {c.letter}")
            if doc is None:
                ref.outside = True
            else:
                ref.targets.append((doc, ""))
        else:  # a range of two bare addresses
            for item in c.items:
                _add_sec_target(ref, item.label, seg, docs)
            if len(ref.targets) == 2:
                ref.ranges.append((0, 1))
        refs.append(ref)
    return refs


def _add_sec_target(ref: Reference, label: str, seg: Segment, docs: DocumentSet) -> None:
    letter = re.match(r"[A-Z]{1,2}", label).group(0)
    doc = docs.by_id.get(f"Section {letter}")
    if doc is None:
        ref.outside = True
    else:
        ref.targets.append((doc, label))


def _keyword_reference(seg: Segment, c: Citation, docs: DocumentSet) -> Reference:
    ref = Reference(seg, c.start, c.end, c.text, heading=c.heading)
    here = seg.document
    target_doc: Document | None = here
    if c.of:
        named = docs.named(c.of, here)
        target_doc = named if isinstance(named, Document) else None
    for i, item in enumerate(c.items):
        label = item.label
        if re.match(r"[A-Z]", label) and not c.of:
            before = len(ref.targets)
            _add_sec_target(ref, label, seg, docs)
            added = len(ref.targets) > before
        elif target_doc is None:
            ref.outside = True
            added = False
        elif label.startswith("("):
            ref.targets.append((here, _relative(seg, label, docs)))
            added = True
        else:
            ref.targets.append((target_doc, label))
            added = True
        if added and i > 0 and item.ends_range and len(ref.targets) >= 2:
            ref.ranges.append((len(ref.targets) - 2, len(ref.targets) - 1))
    return ref


def _relative(seg: Segment, label: str, docs: DocumentSet) -> str:
    """``paragraph (a)`` inside L1.10(c)(ii): the nearest ``X(a)`` that exists, going up from the
    referring provision (inside a definition: the meaning's own paragraphs)."""
    if seg.definition is not None:
        labels = {full_label(path, p) for path, p in walk(seg.definition.meaning)}
        return MEANING_OK if label in labels else f"{seg.address}{label}?"
    idx = docs.index(seg.document)
    loc = seg.located
    chain = []
    if loc is not None:
        chain = [loc.address.split("/", 1)[0]] + _ancestors(loc.address.split("/", 1)[0])
    for base in chain:
        if base + label in idx:
            return base + label
    return (chain[-1] if chain else "") + label


def _ancestors(address: str) -> list[str]:
    out = []
    while "(" in address:
        address = address[:address.rfind("(")]
        out.append(address)
    return out


# ---------------------------------------------------------------------------------------------
# Checking


def check_references(refs: list[Reference], docs: DocumentSet, changes: ChangeIndex, findings: Findings) -> None:
    findings.stats["references"] = findings.stats.get("references", 0) + sum(1 for r in refs if r.targets)
    findings.stats["references_outside"] = findings.stats.get("references_outside", 0) + sum(
        1 for r in refs if r.outside and not r.targets)
    for ref in refs:
        _check_one(ref, docs, changes, findings)


def _finding(ref: Reference, severity: str, code: str, message: str) -> Finding:
    seg = ref.segment
    return Finding(seg.document.id, seg.address, severity, code, message, seg.where(ref.start))


def _resolve(doc: Document, address: str, docs: DocumentSet) -> Located | None:
    idx = docs.index(doc)
    return idx.get(address) or idx.get(address.replace(" ", ""))


def _check_one(ref: Reference, docs: DocumentSet, changes: ChangeIndex, findings: Findings) -> None:
    quoted = f'"{ref.text}"'
    resolved: list[Located | None] = []
    for doc, address in ref.targets:
        if address == MEANING_OK:
            resolved.append(None)
            continue
        if not address:  # a whole document
            resolved.append(None)
            if ref.heading and _norm(ref.heading) != _norm(doc.title):
                findings.add(_finding(ref, WARNING, "heading-mismatch",
                                      f'{quoted}: {doc.id} is headed "{doc.title}", not "{ref.heading}"'))
            continue
        loc = None if address.endswith("?") else _resolve(doc, address, docs)
        resolved.append(loc)
        name = address.rstrip("?") if doc is ref.segment.document else f"{doc.id} {address.rstrip('?')}"
        if loc is None:
            hint = nearest(address.rstrip("?"), list(docs.index(doc)), 2) if address[:1] != "(" else []
            also = f" (nearest: {', '.join(hint)})" if hint else ""
            if _plain_number(address) and doc.scheme not in ("section", "policy") and doc is ref.segment.document:
                # "Clause 11" in a user's schedule may cite another document (its core terms)
                findings.add(_finding(ref, WARNING, "missing-target", f"{quoted}: {name} does not exist in this "
                                      f"document{also}; if it cites another document, name it"))
            else:
                findings.add(_finding(ref, ERROR, "missing-target", f"{quoted}: {name} does not exist{also}"))
            continue
        if is_not_used(loc.provision):
            findings.add(_finding(ref, ERROR, "not-used-target", f'{quoted}: {name} is "Not used"'))
        changed_by = changes.rewritten(doc.id, loc.provision.uid)
        if changed_by and ref.segment.located is not None and not changes.touched(
                ref.segment.document.id, ref.segment.located.provision.uid):
            findings.add(_finding(ref, WARNING, "stale-reference",
                                  f"{quoted}: {name} was changed by {changed_by} but this text was not; "
                                  "check the reference still says what it should"))
    if ref.heading:
        _check_heading(ref, resolved, findings)
    for a, b in ref.ranges:
        _check_range(ref, ref.targets[a], ref.targets[b], resolved[a], resolved[b], changes, findings)


def _plain_number(address: str) -> bool:
    return bool(re.match(r"\d", address))


def _headings_of(loc: Located) -> list[str]:
    """What a bracketed heading after a reference to ``loc`` may name: its own heading, the
    cross-heading it sits under, and the headings of its ancestors."""
    out = [loc.provision.heading_text] if loc.provision.heading_text else []
    i = next((n for n, s in enumerate(loc.siblings) if s is loc.provision), 0)
    for s in reversed(loc.siblings[:i]):
        if s.kind == Kind.CROSS_HEADING:
            out.append(s.heading_text)
            break
    out.extend(a.heading_text for a in loc.path if a.heading_text)
    return out


def _check_heading(ref: Reference, resolved: list[Located | None], findings: Findings) -> None:
    located = [loc for loc in resolved if loc is not None]
    if not located:
        return
    want = _norm(ref.heading)
    if any(want == _norm(h) for loc in located for h in _headings_of(loc)):
        return
    loc = located[-1]
    actual = next(iter(_headings_of(loc)), "")
    actual = actual if len(actual) <= 80 else actual[:77] + "…"
    findings.add(_finding(ref, WARNING, "heading-mismatch",
                          f'"{ref.text}": {loc.address} is headed "{actual}", not "{ref.heading}"'
                          if actual else f'"{ref.text}": {loc.address} has no heading "{ref.heading}"'))


def _key(address: str, doc: Document) -> tuple | None:
    try:
        return address_key(address, doc.scheme if doc.scheme in ("section", "policy", "decimal") else "section")
    except NumberingError:
        return None


def _check_range(ref: Reference, a: tuple[Document, str], b: tuple[Document, str], la: Located | None,
                 lb: Located | None, changes: ChangeIndex, findings: Findings) -> None:
    (doc_a, start), (doc_b, end) = a, b
    if la is None or lb is None or doc_a is not doc_b:
        return
    ka, kb = _key(start, doc_a), _key(end, doc_b)
    if ka is None or kb is None:
        return
    if ka > kb:
        findings.add(_finding(ref, WARNING, "backwards-range", f'"{ref.text}": the range runs backwards ({start} is after {end})'))
        return
    if la.siblings is not lb.siblings:
        return
    siblings = la.siblings
    i, j = _position(siblings, la.provision), _position(siblings, lb.provision)
    idx = {id(loc.provision): loc.address for loc in (la, lb)}
    written_with = changes.inserted(doc_a.id, la.provision.uid) and changes.inserted(doc_b.id, lb.provision.uid)
    for p in siblings[i + 1:j]:
        who = changes.inserted(doc_a.id, p.uid)
        if who and p.number and not written_with:
            findings.add(_finding(ref, WARNING, "range-gained", f'"{ref.text}": {_label(p, la)}, added by {who}, '
                                  f"now falls inside this range; check it is meant to"))
    after = next((p for p in siblings[j + 1:] if p.number), None)
    if after is not None and changes.inserted(doc_a.id, after.uid) and changes.inserted(doc_b.id, lb.provision.uid):
        who = changes.inserted(doc_a.id, after.uid)
        findings.add(_finding(ref, WARNING, "range-short",
                              f'"{ref.text}": {_label(after, la)}, added by {who} with {idx[id(lb.provision)]}, '
                              f"follows the range's end; did you mean {start} to {_label(after, la)}?"))


def _position(siblings: list, p) -> int:
    return next(n for n, s in enumerate(siblings) if s is p)


def _label(p, sibling: Located) -> str:
    """The address of a sibling of ``sibling`` (same parent)."""
    if p.number and p.number.startswith("("):
        base = sibling.address[:sibling.address.rfind("(")]
        return base + p.number
    return p.number or ""
