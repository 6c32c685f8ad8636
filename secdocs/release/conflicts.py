"""Conflicts between the modifications of one release, found before anything is written.

Modifications are applied in order, each to the documents as the earlier ones left them
(``amend.ops.run``). Within one modification the amend engine already refuses two operations
on the same words; here the same question is asked *across* modifications. For every operation
of a later modification that acts on a provision (or definition) an earlier modification of the
release touched:

* **overlap** — the words the operation names (its ``words`` or ``anchor``; the whole text for
  ``replace``, ``delete``, ``heading`` and whole-meaning definition amendments) overlap the
  words the earlier modification changed, or touch them (only spaces between);
* **stale** — the operation can no longer be applied because of the earlier change (its words
  or anchor are gone, its ``expect`` pin no longer matches, its target was deleted to "Not
  used" or removed, a definition it inserts now exists, or it inserts a provision where the
  earlier modification inserted one);

unless the operation carries an ``expect`` that matches the text as the earlier modifications
left it — the drafter saw the change and drafted on top of it (that is how a modification is
stacked on another in one release).

Each conflict names both modifications, the document and provision, and the words, in one line.

Positions are compared in the coordinates of the text the later modification meets: the
earlier modification's changed stretches are found with the project's word diff
(``secdocs.diff.words.diff_words``) and carried forward through any modifications in between.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model.address import definition_address, locate_all
from ..amend.ops import KINDS, Op, OpError, OpResult
from ..amend.text import NotFound, expect_matches, locate_words
from ..diff.words import DELETE, EQUAL, INSERT, diff_words
from ..model import Document, Provision, says_not_used



# ---------------------------------------------------------------------------------------------
# What each uid holds in one state of a document


@dataclass(frozen=True)
class Item:
    """A provision, definition or meaning paragraph: its address and its text."""

    address: str
    text: str
    kind: str  # "provision", "definition", "meaning"

    @property
    def not_used(self) -> bool:
        return says_not_used(self.text)


def items_by_uid(doc: Document) -> dict[str, Item]:
    """Every uid of a document with its address and text (definitions: the meaning)."""
    out: dict[str, Item] = {}
    for loc in locate_all(doc):
        p = loc.provision
        if p.uid:
            text = p.full_text
            if not p.own_text.strip() and len(p.children) == 1 and says_not_used(p.children[0].full_text):
                text = p.children[0].full_text  # a deleted Part / heading: its text child says "Not used."
            out[p.uid] = Item(loc.address, text, "provision")
        for d in p.definitions:
            addr = definition_address(loc.address, d)
            if d.uid:
                out[d.uid] = Item(addr, d.meaning_text, "definition")
            _meaning(d.meaning, addr, out)
    return out


def _meaning(provisions: list[Provision], addr: str, out: dict[str, Item]) -> None:
    for p in provisions:
        if p.uid:
            out[p.uid] = Item(f"{addr} {p.number or ''}".rstrip(), p.own_text, "meaning")
        _meaning(p.children, addr, out)


# ---------------------------------------------------------------------------------------------
# History: what earlier modifications did to each uid


@dataclass
class Touch:
    """One modification's change to one uid: the text before and after (None: absent)."""

    modification: str
    before: Item | None
    after: Item | None

    @property
    def what(self) -> str:
        if self.before is None:
            return "inserted"
        if self.after is None:
            return "removed"
        if self.after.not_used and not self.before.not_used:
            return "deleted"
        return "changed"


@dataclass
class History:
    """Per uid, the touches of the modifications applied so far, in order."""

    touches: dict[str, list[Touch]] = field(default_factory=dict)

    def record(self, modification: str, uids: set[str], before: dict[str, Item], after: dict[str, Item]) -> None:
        for uid in sorted(uids):
            b, a = before.get(uid), after.get(uid)
            if b == a:
                continue
            self.touches.setdefault(uid, []).append(Touch(modification, b, a))

    def get(self, uid: str) -> list[Touch]:
        return self.touches.get(uid, [])

    def __bool__(self) -> bool:
        return bool(self.touches)


# ---------------------------------------------------------------------------------------------
# Spans


Span = tuple[int, int]


def changed_spans(before: str, after: str) -> list[Span]:
    """Stretches of ``after`` that differ from ``before`` (a deletion is an empty span where
    the words were), trimmed of surrounding spaces."""
    spans: list[Span] = []
    pos = 0
    pending: Span | None = None
    for op, text in diff_words(before, after):
        if op == EQUAL:
            if pending:
                spans.append(pending)
                pending = None
            pos += len(text)
        elif op == DELETE:
            pending = pending or (pos, pos)
        elif op == INSERT:
            start = pending[0] if pending else pos
            pos += len(text)
            pending = (start, pos)
    if pending:
        spans.append(pending)
    return [_trim(after, s) for s in spans]


def _trim(text: str, span: Span) -> Span:
    a, b = span
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def carry(spans: list[Span], before: str, after: str) -> list[Span]:
    """Map spans of ``before`` to ``after`` through the word diff of the two (a span inside a
    changed stretch grows to cover the whole replacement)."""
    if before == after or not spans:
        return spans
    # segments: (old_start, old_end, new_start, new_end)
    segs = []
    i = j = 0
    for op, text in diff_words(before, after):
        if op == EQUAL:
            segs.append((i, i + len(text), j, j + len(text), True))
            i += len(text)
            j += len(text)
        elif op == DELETE:
            segs.append((i, i + len(text), j, j, False))
            i += len(text)
        else:
            segs.append((i, i, j, j + len(text), False))
            j += len(text)

    def point(p: int, left: bool) -> int:
        for a0, a1, b0, b1, eq in segs:
            if eq and a0 <= p <= a1:
                return b0 + (p - a0)
            if not eq and a0 <= p <= a1:
                return b0 if left else b1
        return j

    return [(point(a, True), point(b, False)) for a, b in spans]


def overlaps(a: Span, b: Span, text: str = "") -> bool:
    """Spans overlap or touch: nothing but spaces between them (an empty span is a point
    between words). Changes to neighbouring words interact ("two" months → "two weeks"), so
    touching counts; a drafter who meant it pins the text with ``expect``."""
    lo, hi = min(a[1], b[1]), max(a[0], b[0])
    return hi <= lo or not text[lo:hi].strip()


# ---------------------------------------------------------------------------------------------
# The check


@dataclass(frozen=True)
class Conflict:
    """Two modifications in one release that cannot both stand as drafted."""

    document: str
    address: str
    earlier: str
    later: str
    op: str  # where the later op was written: "file:line op N (kind target)"
    reason: str

    def __str__(self) -> str:
        return (f"conflict: {self.document} {self.address}: {self.later} and {self.earlier} — "
                f"{self.later} {self.op}: {self.reason}")


def _quote(text: str, limit: int = 80) -> str:
    text = re.sub(r"\s+", " ", text).strip()
    return '"' + (text if len(text) <= limit else text[: limit - 1] + "…") + '"'


def _earlier_change(touch: Touch) -> str:
    """What an earlier modification did, for the report: its words before and after."""
    if touch.what == "inserted":
        return f"{touch.modification} inserted it"
    if touch.what == "removed":
        return f"{touch.modification} removed it"
    if touch.what == "deleted":
        return f"{touch.modification} deleted it (now \"Not used.\")"
    parts = []
    for op, text in diff_words(touch.before.text, touch.after.text):
        if op == DELETE:
            parts.append(f"[-{text.strip()}-]")
        elif op == INSERT:
            parts.append(f"{{+{text.strip()}+}}")
    return f"{touch.modification} changed " + " ".join(parts)


def _op_spans(op: Op, text: str) -> list[Span] | None:
    """The stretch of ``text`` an op names (None: the whole text)."""
    words = KINDS[op.kind].words(op)
    if not words:
        return None
    try:
        start = locate_words(text, words, op.get("occurrence"))
    except NotFound:
        return []  # not there any more: a stale op, reported from the apply error
    return [(start, start + len(words))]


def _current_spans(touches: list[Touch], now: str) -> list[tuple[Touch, list[Span]]]:
    """Each earlier touch with the stretches it changed, carried to the text as it is now."""
    out = []
    for k, t in enumerate(touches):
        if t.before is None or t.after is None:
            out.append((t, [(0, len(now))]))
            continue
        spans = changed_spans(t.before.text, t.after.text)
        text = t.after.text
        for later in touches[k + 1:]:
            if later.before is not None and later.after is not None:
                spans = carry(spans, text, later.after.text)
                text = later.after.text
        out.append((t, spans))
    return out


def check_ops(document: str, modification: str, ops: list[Op], results: list[OpResult],
              errors: list[OpError], state: dict[str, Item], history: History,
              resolve) -> tuple[list[Conflict], set[int]]:
    """Conflicts of one modification's ops on one document with the earlier modifications.

    ``results`` and ``errors`` are what ``amend.ops.run`` said applying the ops to the
    current state; ``state`` is that state by uid; ``resolve(op)`` gives the uid an op's target
    names in the current state (or None). Returns the conflicts and the indexes of the ops
    they explain (their apply errors are not reported a second time)."""
    conflicts: list[Conflict] = []
    explained: set[int] = set()
    failed = {r.index for r in results if r.status != "applied"}
    for op, result in zip(ops, results):
        uid = resolve(op)
        if uid is None and op.index in failed:
            uid = _removed(op, history)  # its target is gone: did an earlier modification remove it?
        touches = history.get(uid) if uid else []
        if op.kind == "insert_definition" and uid and touches:
            last = touches[-1]
            reason = (f"inserts a definition that {last.modification} already inserted" if last.what == "inserted"
                      else f"inserts a definition that exists, and {_earlier_change(last)}")
            conflicts.append(Conflict(document, (last.after or last.before).address, last.modification,
                                      modification, op.where, reason))
            explained.add(op.index)
            continue
        if op.kind == "insert":
            hit = _insert_clash(op, result, uid, history, state, failed)
            if hit is not None:
                conflicts.append(Conflict(document, hit[0], hit[1], modification, op.where, hit[2]))
                explained.add(op.index)
            continue
        if not touches:
            continue
        now = state.get(uid)
        if op.expect is not None and now is not None and expect_matches(op.expect, now.text):
            continue  # drafted on top of the earlier change
        last = touches[-1]
        address = (now or last.before or last.after).address
        if now is None or last.what in ("removed", "deleted"):
            conflicts.append(Conflict(document, address, last.modification, modification, op.where,
                                      f"acts on this provision, but {_earlier_change(last)}"))
            explained.add(op.index)
            continue
        if op.index in failed:
            reason = next((e.reason for e in errors if e.op is op), "cannot be applied")
            conflicts.append(Conflict(document, address, last.modification, modification, op.where,
                                      f"{reason}; {_earlier_change(last)}"))
            explained.add(op.index)
            continue
        mine = _op_spans(op, now.text)
        for touch, spans in _current_spans(touches, now.text):
            if touch.before is None:
                continue  # a provision an earlier modification inserted may be amended further
            if mine is None:
                hit = spans[0] if spans else (0, len(now.text))
                words = now.text[hit[0]:hit[1]] or now.text
                conflicts.append(Conflict(document, address, touch.modification, modification, op.where,
                                          f"{op.kind} of the whole provision overlaps words {_quote(words)}; "
                                          f"{_earlier_change(touch)}"))
                explained.add(op.index)
                break
            clash = [(m, s) for m in mine for s in spans if overlaps(m, s, now.text)]
            if clash:
                m, _ = clash[0]
                conflicts.append(Conflict(document, address, touch.modification, modification, op.where,
                                          f"its words {_quote(now.text[m[0]:m[1]])} overlap or touch what "
                                          f"{_earlier_change(touch)}"))
                explained.add(op.index)
                break
    return conflicts, explained


def _removed(op: Op, history: History) -> str | None:
    """The uid of a provision or definition an earlier modification removed that ``op`` names."""
    target = op.target.strip()
    term = target.rsplit(":", 1)[-1].strip().strip('"') if op.kind in KINDS and KINDS[op.kind].on_definition \
        else None
    for uid, touches in history.touches.items():
        last = touches[-1]
        if last.what != "removed" or last.before is None:
            continue
        address = last.before.address
        if address == target or (term and address.endswith(f':"{term}"')):
            return uid
    return None


def _insert_clash(op: Op, result: OpResult, target_uid: str | None, history: History,
                  state: dict[str, Item], failed: set[int]) -> tuple[str, str, str] | None:
    """An insert placed against a provision an earlier modification deleted or removed, or
    refused where an earlier modification inserted a provision of its own."""
    for touch in history.get(target_uid) if target_uid else []:
        if touch.what in ("removed", "deleted"):
            where = (touch.before or touch.after).address
            return where, touch.modification, f"inserts next to {where}, but {_earlier_change(touch)}"
    if op.index not in failed:
        return None
    # refused: was the place (or the number) taken by an earlier modification's insertion?
    number = op.get("number")
    for uid, touches in history.touches.items():
        inserted = [t for t in touches if t.what == "inserted"]
        if not inserted or uid not in state:
            continue
        item = state[uid]
        label = item.address
        if (number and (label == number or label.endswith(number))) or \
                (not number and _neighbour(op.target, label)):
            return label, inserted[0].modification, (f"inserts {number or 'a provision'} where "
                                                      f"{inserted[0].modification} inserted {label}")
    return None


def _neighbour(target: str, address: str) -> bool:
    """Whether ``address`` is a suffix-numbered sibling of ``target`` (L1.17 → L1.17A)."""
    return address != target and address.startswith(target) and address[len(target):].isalpha()
