"""What every executor shares: the run's working state (``Ctx``), conflict tracking (which
words of which provision each op has touched), target lookup, and the ``expect`` check.

An executor that cannot apply its op raises ``Fail`` with the reason; the engine turns it into
an ``OpError`` naming the op.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from ...model.address import Located, full_label, index, nearest, plain_address
from ...model import Definition, Document, Kind, Provision, walk
from ...model.numbering import scheme as get_scheme
from ..text import expect_matches, text_hash, word_diff
from .op import Op


class Fail(Exception):
    """An op cannot be applied; the message is the reason."""


class Touches:
    """Ranges of text touched per (object, field), kept in current coordinates, plus objects
    touched as a whole (replaced, deleted, inserted). Keys are ``id()`` of working-copy objects,
    which stay alive for the whole run."""

    def __init__(self) -> None:
        self.ranges: dict[tuple[int, str], list[tuple[int, int, Op]]] = {}
        self.whole: dict[int, Op] = {}

    def check_range(self, obj: object, fld: str, start: int, end: int) -> None:
        if id(obj) in self.whole:
            raise Fail(conflict(self.whole[id(obj)], "the same provision"))
        for rs, re_, other in self.ranges.get((id(obj), fld), []):
            hit = (rs < re_ and max(rs, start) < min(re_, end)) or (rs == re_ and start < rs < end)
            if hit:
                raise Fail(conflict(other, "the same words"))

    def record_edit(self, obj: object, fld: str, start: int, end: int, new_len: int, touched: tuple[int, int],
                    op: Op) -> None:
        delta = new_len - (end - start)
        shifted = []
        for rs, re_, other in self.ranges.get((id(obj), fld), []):
            if re_ <= start:
                shifted.append((rs, re_, other))
            elif rs >= end:
                shifted.append((rs + delta, re_ + delta, other))
            else:  # cannot happen after check_range; keep it covering the edit
                shifted.append((min(rs, start), max(re_ + delta, start + new_len), other))
        shifted.append((touched[0], touched[1], op))
        self.ranges[(id(obj), fld)] = shifted

    def check_whole(self, objs: list[object]) -> None:
        for obj in objs:
            if id(obj) in self.whole:
                raise Fail(conflict(self.whole[id(obj)], "the same provision"))
            for (oid, _fld), ranges in self.ranges.items():
                if oid == id(obj) and ranges:
                    raise Fail(conflict(ranges[0][2], "words of this provision"))

    def mark_whole(self, objs: list[object], op: Op) -> None:
        for obj in objs:
            self.whole[id(obj)] = op


def conflict(other: Op, what: str) -> str:
    return f"touches {what} as op {other.index} ({other.kind} {other.target}); combine them into one operation"


@dataclass
class Ctx:
    doc: Document
    original: dict[int, object]  # id(working copy object) → the input object it was copied from
    touches: Touches = field(default_factory=Touches)
    _index: dict[str, Located] | None = None

    @property
    def scheme(self):
        return get_scheme(self.doc.scheme or "section")

    def index(self) -> dict[str, Located]:
        """``address.index`` of the working document, kept until an op adds, removes or replaces
        provisions (``structure_changed``); text, heading and definition edits leave every
        address as it was."""
        if self._index is None:
            self._index = index(self.doc)
        return self._index

    def structure_changed(self) -> None:
        self._index = None


def locate(ctx: Ctx, address: str) -> Located:
    idx = ctx.index()
    loc = idx.get(address) or idx.get(plain_address(address))
    if loc is None:
        close = _suggest(plain_address(address), list(idx))
        hint = f"; nearest: {', '.join(close)}" if close else ""
        raise Fail(f"target {address} not found{hint}")
    return loc


def _suggest(address: str, candidates: list[str], n: int = 3) -> list[str]:
    """Nearest addresses: same characters in another order first (L3.81 → L3.18), then
    ``address.nearest``'s string likeness."""
    swapped = [c for c in candidates if c != address and sorted(c) == sorted(address)]
    out = list(dict.fromkeys(swapped + nearest(address, candidates, n=n)))
    return out[:n]


def address_of(ctx: Ctx, obj: Provision) -> str:
    for loc in ctx.index().values():
        if loc.provision is obj:
            return loc.address
    return ""


def text_of(p: Provision) -> str:
    return p.full_text


def block(p: Provision, path: tuple[Provision, ...] = ()) -> str:
    """A provision and its descendants, one line each, with their labels."""
    lines = []
    for sub_path, q in walk([p], path):
        label = full_label(sub_path, q) if q.number and q.number.startswith("(") else q.number
        body = " ".join(x for x in (q.heading_text, q.own_text) if x)
        if q.kind == Kind.TABLE:
            body = q.full_text
        lines.append(" ".join(x for x in (label, body) if x))
    return "\n".join(lines)


def check_expect(ctx: Ctx, op: Op, obj: object, current: str, original_text: Callable[[object], str]) -> None:
    if op.expect is None:
        return
    orig = ctx.original.get(id(obj))
    baseline = original_text(orig) if orig is not None else None
    if expect_matches(op.expect, current) or (baseline is not None and expect_matches(op.expect, baseline)):
        return
    found = baseline if baseline is not None else current
    if op.expect.startswith("sha256:"):
        shown = found if len(found) <= 80 else found[:79] + "…"
        raise Fail(f"stale: expect {op.expect[:19]}… does not match {text_hash(found)[:19]}… of the text found:"
                    f" {shown!r}")
    raise Fail(f"stale: the text has moved on: {word_diff(op.expect, found)}")


def uid_or(p: Provision | Definition, fallback: str) -> str:
    return p.uid or fallback


def subtree_uids(p: Provision, path: tuple[Provision, ...]) -> list[str]:
    out = []
    for sub_path, q in walk([p], path):
        out.append(uid_or(q, full_label(sub_path, q) or ""))
    return [u for u in out if u]
