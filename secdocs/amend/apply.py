"""Apply operations to a Document: a new Document plus a ChangeSet, or every error at once.

``run(doc, ops)`` works on a deep copy, op by op, in order. An op that cannot be applied is
recorded as an error (one line: ``{file}:{line} op {index} ({kind} {target}): {reason}``) and
skipped, so that one pass reports every problem; ``apply`` raises ``AmendmentErrors`` with all of
them, and nothing is returned (so nothing is written). The input Document is never mutated.

Identity: every provision and definition that exists in the input keeps its ``uid`` (also when
its text changes or it becomes "Not used."); inserted ones get ``new:<address>`` (``new:L1.16A``,
``new:L1.16A(b)``, ``new:def:SoLR Event``), so a redline can align old and new by uid.

What an op checks before it changes anything:

* its target exists (otherwise: the nearest addresses or terms);
* ``expect`` matches the target's text — its text in the input document (what the drafter read),
  or, for a provision an earlier op created or changed, its current text; a mismatch is *stale*
  and the message shows a word diff ``[-expected-]{+found+}``;
* words and anchors are found, exactly once or at the given ``occurrence``;
* it does not touch words that an earlier op of the same set touched (or a provision an earlier
  op replaced, deleted or inserted as a whole);
* an inserted number is free and sorts between its neighbours (nothing is ever renumbered).
"""

from __future__ import annotations

import copy
import re
from dataclasses import asdict, dataclass, field
from typing import Callable

from ..address import Located, full_label, index, nearest, plain_address
from ..errors import ConfigError, NumberingError
from ..markup import parse_inline
from ..model import Definition, Document, HistoryEntry, Kind, Provision, Run, iter_provisions, plain, walk
from ..numbering import Component, address_key, format_paren, next_suffix, parse_number, parse_paren
from ..numbering import scheme as get_scheme
from .ops import KINDS, AmendmentErrors, Op, check_keys
from .text import NotFound, expect_matches, text_hash, find_all, locate_words, splice, word_diff

NOT_USED = "Not used."


# ---------------------------------------------------------------------------------------------
# Results


@dataclass
class OpResult:
    """What one operation did (or why it could not)."""

    index: int
    kind: str
    target: str  # as written in the amendment
    address: str  # the address it acted on (for an insert: the new provision's address)
    status: str  # "applied" or "failed"
    before: str = ""
    after: str = ""
    uids: list[str] = field(default_factory=list)  # provisions / definitions touched or created
    note: str = ""
    file: str = ""
    line: int = 0
    reason: str = ""

    def to_json(self) -> dict:
        data = asdict(self)
        if not data["reason"]:
            del data["reason"]
        return data


@dataclass
class ChangeSet:
    """Every operation applied to one document, in order."""

    document: str
    results: list[OpResult] = field(default_factory=list)

    @property
    def uids(self) -> set[str]:
        return {u for r in self.results for u in r.uids}

    def by_kind(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for r in self.results:
            out[r.kind] = out.get(r.kind, 0) + 1
        return out

    def to_json(self) -> dict:
        return {"document": self.document, "operations": [r.to_json() for r in self.results]}


class _Fail(Exception):
    """An op cannot be applied; the message is the reason."""


# ---------------------------------------------------------------------------------------------
# Conflict tracking: which words of which provision each op has touched


class _Touches:
    """Ranges of text touched per (object, field), kept in current coordinates, plus objects
    touched as a whole (replaced, deleted, inserted). Keys are ``id()`` of working-copy objects,
    which stay alive for the whole run."""

    def __init__(self) -> None:
        self.ranges: dict[tuple[int, str], list[tuple[int, int, Op]]] = {}
        self.whole: dict[int, Op] = {}

    def check_range(self, obj: object, fld: str, start: int, end: int) -> None:
        if id(obj) in self.whole:
            raise _Fail(_conflict(self.whole[id(obj)], "the same provision"))
        for rs, re_, other in self.ranges.get((id(obj), fld), []):
            hit = (rs < re_ and max(rs, start) < min(re_, end)) or (rs == re_ and start < rs < end)
            if hit:
                raise _Fail(_conflict(other, "the same words"))

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
                raise _Fail(_conflict(self.whole[id(obj)], "the same provision"))
            for (oid, _fld), ranges in self.ranges.items():
                if oid == id(obj) and ranges:
                    raise _Fail(_conflict(ranges[0][2], "words of this provision"))

    def mark_whole(self, objs: list[object], op: Op) -> None:
        for obj in objs:
            self.whole[id(obj)] = op


def _conflict(other: Op, what: str) -> str:
    return f"touches {what} as op {other.index} ({other.kind} {other.target}); combine them into one operation"


# ---------------------------------------------------------------------------------------------
# The run


@dataclass
class _Ctx:
    doc: Document
    original: dict[int, object]  # id(working copy object) → the input object it was copied from
    touches: _Touches = field(default_factory=_Touches)
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


def _pair_originals(doc: Document, work: Document) -> dict[int, object]:
    """Map each working-copy provision and definition to its input counterpart."""
    out: dict[int, object] = {}

    def pair_provisions(a: list[Provision], b: list[Provision]) -> None:
        for pa, pb in zip(iter_provisions(a), iter_provisions(b)):
            out[id(pb)] = pa
            for da, db in zip(pa.definitions, pb.definitions):
                out[id(db)] = da
                pair_provisions(da.meaning, db.meaning)

    pair_provisions(doc.provisions, work.provisions)
    return out


def run(doc: Document, ops: list[Op]) -> tuple[Document, ChangeSet, list[str]]:
    """Apply ``ops`` in order to a copy of ``doc``: (new document, change set, error lines)."""
    work = copy.deepcopy(doc)
    ctx = _Ctx(work, _pair_originals(doc, work))
    changes = ChangeSet(doc.id)
    errors: list[str] = []
    for op in ops:
        table = {"kind": op.kind, "target": op.target, **op.params}
        if op.expect is not None:
            table["expect"] = op.expect
        if op.note:
            table["note"] = op.note
        problems = check_keys(table)
        result = OpResult(op.index, op.kind, op.target, op.target, "failed", note=op.note, file=op.file,
                          line=op.line)
        if problems:
            errors.extend(op.message(p) for p in problems)
            result.reason = "; ".join(problems)
        else:
            try:
                result = EXECUTORS[op.kind](ctx, op)
                result.status = "applied"
            except _Fail as exc:
                errors.append(op.message(str(exc)))
                result.reason = str(exc)
            except NumberingError as exc:
                errors.append(op.message(str(exc)))
                result.reason = str(exc)
        changes.results.append(result)
    return work, changes, errors


def validate(doc: Document, ops: list[Op]) -> list[str]:
    """Every error the ops would meet on ``doc`` (empty when they all apply)."""
    return run(doc, ops)[2]


def apply(doc: Document, ops: list[Op]) -> tuple[Document, ChangeSet]:
    """The amended document and its change set; raise AmendmentErrors listing every failure."""
    new, changes, errors = run(doc, ops)
    if errors:
        raise AmendmentErrors(errors)
    return new, changes


# ---------------------------------------------------------------------------------------------
# Finding targets


def _locate(ctx: _Ctx, address: str) -> Located:
    idx = ctx.index()
    loc = idx.get(address) or idx.get(plain_address(address))
    if loc is None:
        close = _suggest(plain_address(address), list(idx))
        hint = f"; nearest: {', '.join(close)}" if close else ""
        raise _Fail(f"target {address} not found{hint}")
    return loc


def _suggest(address: str, candidates: list[str], n: int = 3) -> list[str]:
    """Nearest addresses: same characters in another order first (L3.81 → L3.18), then
    ``address.nearest``'s string likeness."""
    swapped = [c for c in candidates if c != address and sorted(c) == sorted(address)]
    out = list(dict.fromkeys(swapped + nearest(address, candidates, n=n)))
    return out[:n]


def _address_of(ctx: _Ctx, obj: Provision) -> str:
    for loc in ctx.index().values():
        if loc.provision is obj:
            return loc.address
    return ""


def _text_of(p: Provision) -> str:
    return p.full_text


def _block(p: Provision, path: tuple[Provision, ...] = ()) -> str:
    """A provision and its descendants, one line each, with their labels."""
    lines = []
    for sub_path, q in walk([p], path):
        label = full_label(sub_path, q) if q.number and q.number.startswith("(") else q.number
        body = " ".join(x for x in (q.heading_text, q.own_text) if x)
        if q.kind == Kind.TABLE:
            body = q.full_text
        lines.append(" ".join(x for x in (label, body) if x))
    return "\n".join(lines)


def _check_expect(ctx: _Ctx, op: Op, obj: object, current: str, original_text: Callable[[object], str]) -> None:
    if op.expect is None:
        return
    orig = ctx.original.get(id(obj))
    baseline = original_text(orig) if orig is not None else None
    if expect_matches(op.expect, current) or (baseline is not None and expect_matches(op.expect, baseline)):
        return
    found = baseline if baseline is not None else current
    if op.expect.startswith("sha256:"):
        shown = found if len(found) <= 80 else found[:79] + "…"
        raise _Fail(f"stale: expect {op.expect[:19]}… does not match {text_hash(found)[:19]}… of the text found:"
                    f" {shown!r}")
    raise _Fail(f"stale: the text has moved on: {word_diff(op.expect, found)}")


def _uid(p: Provision | Definition, fallback: str) -> str:
    return p.uid or fallback


def _subtree_uids(p: Provision, path: tuple[Provision, ...]) -> list[str]:
    out = []
    for sub_path, q in walk([p], path):
        out.append(_uid(q, full_label(sub_path, q) or ""))
    return [u for u in out if u]


# ---------------------------------------------------------------------------------------------
# Building new provisions


_LABEL_RE = re.compile(r"^(\([A-Za-z0-9]+\))\s+(.*)$", re.S)
_KIND_NAMES = {"part": Kind.PART, "cross-heading": Kind.CROSS_HEADING, "clause": Kind.CLAUSE,
               "paragraph": Kind.PARAGRAPH, "heading": Kind.HEADING, "text": Kind.TEXT}


def _level_format(ctx: _Ctx, depth: int) -> str:
    levels = ctx.scheme.paragraph_levels
    return levels[min(max(depth, 1), len(levels)) - 1]


def _check_label(ctx: _Ctx, label: str, depth: int) -> None:
    fmt = _level_format(ctx, depth)
    try:
        canonical = format_paren(parse_paren(label, fmt), fmt)
    except NumberingError as exc:
        raise _Fail(f"label {label} does not fit paragraph level {depth} ({fmt}): {exc}") from None
    if canonical != label:
        raise _Fail(f"label {label} does not fit paragraph level {depth} ({fmt}; e.g. {canonical})")


def _build_items(ctx: _Ctx, items: list | str, depth: int, base: str, key: str, sep: str = "") -> list[Provision]:
    """Provisions from a ``children`` / ``meaning`` list. ``depth`` is the paragraph level that
    numbered items of this list take ((a) is level 1 in the section scheme). uids follow the
    readers' pattern with ``new:`` in front: ``new:L1.16A(a)``, ``new:L1.16A/text[1]``,
    ``new:def:Term/(a)`` (``sep`` = "/" for a definition's meaning), ``new:def:Term/(a)(i)``."""
    if isinstance(items, str):
        items = [items]
    out: list[Provision] = []
    ordinal = 0
    counters: dict[str, int] = {}
    for n, item in enumerate(items, 1):
        if isinstance(item, str):
            m = _LABEL_RE.match(item)
            spec = {"number": m.group(1), "text": m.group(2)} if m else {"text": item, "provision": "text"}
        else:
            spec = dict(item)
        kind = _KIND_NAMES[spec.get("provision") or "paragraph"]  # a table without either: a paragraph
        number = spec.get("number")
        if kind == Kind.PARAGRAPH:
            fmt = _level_format(ctx, depth)
            ordinal += 1
            if number is None:
                number = format_paren(Component(ordinal), fmt)
            else:
                _check_label(ctx, number, depth)
                ordinal = parse_paren(number, fmt).ordinal
        elif number is not None:
            raise _Fail(f"{key}[{n}]: an unnumbered {kind.value} cannot have number {number}")
        if number:
            uid = f"{base}{sep}{number}"
        else:
            counters[kind.value] = counters.get(kind.value, 0) + 1
            uid = f"{base}/{kind.value}[{counters[kind.value]}]"
        p = Provision(kind, number=number, heading=parse_inline(spec.get("heading", "")),
                      text=parse_inline(spec.get("text", "")), uid=uid)
        if spec.get("children"):
            child_depth = depth + 1 if kind == Kind.PARAGRAPH else depth
            p.children = _build_items(ctx, spec["children"], child_depth, uid if number else base,
                                      f"{key}[{n}].children", "" if number else sep)
        out.append(p)
    labels = [p.number for p in out if p.number]
    dupes = {x for x in labels if labels.count(x) > 1}
    if dupes:
        raise _Fail(f"{key}: label {sorted(dupes)[0]} used twice")
    return out


def _keep_identity(built: list[Provision], old: list[Provision]) -> None:
    """Rebuilt provisions that stand where an old one stood (same uid but for ``new:``) keep the
    old uid, so a redline aligns them as changed rather than as deleted and inserted."""
    old_uids = {q.uid for q in iter_provisions(old) if q.uid}
    for q in iter_provisions(built):
        if q.uid.startswith("new:") and q.uid[4:] in old_uids:
            q.uid = q.uid[4:]


def _paragraph_depth(path: tuple[Provision, ...], kind: Kind) -> int:
    """The paragraph level a provision of ``kind`` takes under ancestors ``path``."""
    depth = sum(1 for p in path if p.kind == Kind.PARAGRAPH)
    return depth + 1 if kind == Kind.PARAGRAPH else depth


def _infer_kind(ctx: _Ctx, op: Op, target: Provision, as_child: bool) -> Kind:
    if op.get("provision"):
        return _KIND_NAMES[op.get("provision")]
    number = op.get("number")
    if number:
        if number.strip().startswith("("):
            return Kind.PARAGRAPH
        if ctx.scheme.name == "section":
            return Kind.CLAUSE if "." in number else Kind.PART
        return Kind.HEADING
    if not as_child:
        if target.kind in (Kind.TEXT, Kind.CROSS_HEADING, Kind.TABLE):
            raise _Fail(f"say what to insert next to a {target.kind.value}: give provision = ... or number = ...")
        return target.kind
    if target.kind == Kind.PART:
        return Kind.CLAUSE
    return Kind.PARAGRAPH


def _sorts(a: str, b: str, ctx: _Ctx, fmt: str | None) -> bool:
    """Whether number ``a`` sorts strictly before ``b`` (paragraph labels at format fmt)."""
    if fmt:
        return parse_paren(a, fmt) < parse_paren(b, fmt)
    return address_key(a, ctx.scheme.name) < address_key(b, ctx.scheme.name)


def _place_number(ctx: _Ctx, op: Op, kind: Kind, siblings: list[Provision], at: int, parent: Provision | None,
                  parent_path: tuple[Provision, ...], position: str) -> str | None:
    """The number of a provision inserted at ``siblings[at]`` (checked, or chosen)."""
    if kind in (Kind.TEXT, Kind.CROSS_HEADING, Kind.TABLE):
        if op.get("number"):
            raise _Fail(f"a {kind.value} has no number; remove number = {op.get('number')!r}")
        return None
    fmt = _level_format(ctx, _paragraph_depth(parent_path, kind)) if kind == Kind.PARAGRAPH else None
    same = [(i, s) for i, s in enumerate(siblings) if s.kind == kind and s.number]
    prev = next((s for i, s in reversed(same) if i < at), None)
    following = next((s for i, s in same if i >= at), None)
    taken = {s.number for s in siblings if s.number}
    number = op.get("number")
    if number:
        number = number.strip()
        if kind == Kind.PARAGRAPH:
            _check_label(ctx, number, _paragraph_depth(parent_path, kind))
        else:
            try:
                parse_number(number)
            except NumberingError as exc:
                raise _Fail(str(exc)) from None
        full = full_label(parent_path, Provision(kind, number=number)) or number
        if number in taken or (kind != Kind.PARAGRAPH and full in ctx.index()):
            raise _Fail(f"number {full} is already taken")
        if prev is not None and not _sorts(prev.number, number, ctx, fmt) or \
                following is not None and not _sorts(number, following.number, ctx, fmt):
            around = " and ".join(x.number for x in (prev, following) if x is not None)
            raise _Fail(f"number {number} does not sort between {around}; nothing is renumbered, so choose a"
                        f" number that does (e.g. a suffix)")
        return number
    if prev is None:
        if following is not None:
            raise _Fail(f"no free number before {following.number}; give number = ... explicitly")
        if kind == Kind.PARAGRAPH:
            return format_paren(Component(1), fmt)
        base = parent.number if parent is not None and parent.number else None
        if base is None:
            raise _Fail("cannot choose a number here; give number = ... explicitly")
        return f"{base}.1"
    if position == "last" and following is None:
        # appended at the end of a list: the next ordinal ((c) → (d), L1.21 → L1.22)
        if kind == Kind.PARAGRAPH:
            comp = parse_paren(prev.number, fmt)
            return format_paren(Component(comp.ordinal + 1), fmt)
        num = parse_number(prev.number)
        last = num.components[-1]
        return str(type(num)(num.prefix, num.components[:-1] + (Component(last.ordinal + 1),)))
    if kind != Kind.PARAGRAPH:
        taken |= set(ctx.index())  # structural numbers are unique in the whole document
    return next_suffix(prev.number, taken, fmt=fmt, following=following.number if following is not None else None)


# ---------------------------------------------------------------------------------------------
# Provision operations


def _insert(ctx: _Ctx, op: Op) -> OpResult:
    position = op.get("position", "after")
    loc = _locate(ctx, op.target)
    target = loc.provision
    _check_expect(ctx, op, target, _text_of(target), _text_of)
    as_child = position in ("first", "last")
    if as_child:
        parent, parent_path, siblings = target, loc.path + (target,), target.children
        at = 0 if position == "first" else len(siblings)
    else:
        parent, parent_path, siblings = loc.parent, loc.path, loc.siblings
        i = next(n for n, s in enumerate(siblings) if s is target)
        at = i + 1 if position == "after" else i
    kind = _infer_kind(ctx, op, target, as_child)
    number = _place_number(ctx, op, kind, siblings, at, parent, parent_path, position)
    new = Provision(kind, number=number, heading=parse_inline(op.get("heading", "")),
                    text=parse_inline(op.get("text", "")))
    label = full_label(parent_path, new)
    if label is None:
        parent_label = _address_of(ctx, parent) if parent is not None else ""
        head = new.heading_text or new.own_text[:40]
        label = f"{parent_label}/{kind.value}:{head}" if parent_label else f"{kind.value}:{head}"
    new.uid = f"new:{label}"
    if op.get("children"):
        depth = _paragraph_depth(parent_path + (new,), Kind.PARAGRAPH)
        new.children = _build_items(ctx, op.get("children"), depth, new.uid, "children")
    siblings.insert(at, new)
    ctx.structure_changed()
    ctx.touches.mark_whole(list(iter_provisions([new])), op)
    address = _address_of(ctx, new) or label
    return OpResult(op.index, op.kind, op.target, address, "applied", before="", after=_block(new, parent_path),
                    uids=_subtree_uids(new, parent_path), note=op.note, file=op.file, line=op.line)


def _delete(ctx: _Ctx, op: Op) -> OpResult:
    loc = _locate(ctx, op.target)
    p = loc.provision
    _check_expect(ctx, op, p, _text_of(p), _text_of)
    subtree = list(iter_provisions([p]))
    ctx.touches.check_whole(subtree)
    before = _block(p, loc.path)
    uids = _subtree_uids(p, loc.path)
    if op.get("remove", False):
        loc.siblings.remove(p)
        ctx.structure_changed()
        after = ""
    else:
        if not p.number:
            raise _Fail(f"a {p.kind.value} has no number to keep as \"Not used\"; use remove = true")
        if p.kind in (Kind.PART, Kind.HEADING):
            p.text = []
            p.children = [Provision(Kind.TEXT, text=[Run(NOT_USED)], uid=f"new:{loc.address}/text:not-used")]
        else:
            p.text = [Run(NOT_USED)]
            p.children = []
            p.definitions = []
        ctx.structure_changed()
        after = _block(p, loc.path)
    ctx.touches.mark_whole(subtree, op)
    return OpResult(op.index, op.kind, op.target, loc.address, "applied", before=before, after=after, uids=uids,
                    note=op.note, file=op.file, line=op.line)


def _replace(ctx: _Ctx, op: Op) -> OpResult:
    loc = _locate(ctx, op.target)
    p = loc.provision
    _check_expect(ctx, op, p, _text_of(p), _text_of)
    new_children = op.get("children")
    ctx.touches.check_whole(list(iter_provisions([p])) if new_children is not None else [p])
    before = _block(p, loc.path)
    uids = [_uid(p, loc.address)]
    p.text = parse_inline(op.get("text"))
    if new_children is not None:
        uids += [u for c in p.children for u in _subtree_uids(c, loc.path + (p,))]
        depth = _paragraph_depth(loc.path + (p,), Kind.PARAGRAPH)
        built = _build_items(ctx, new_children, depth, f"new:{p.uid or loc.address}", "children")
        _keep_identity(built, p.children)
        p.children = built
        ctx.structure_changed()
        uids += [u for c in built for u in _subtree_uids(c, loc.path + (p,)) if u not in uids]
        ctx.touches.mark_whole(list(iter_provisions([p])), op)
    else:
        ctx.touches.mark_whole([p], op)
    return OpResult(op.index, op.kind, op.target, loc.address, "applied", before=before,
                    after=_block(p, loc.path), uids=uids, note=op.note, file=op.file, line=op.line)


def _text_field(p: Provision) -> str:
    return "text" if p.text or not p.heading else "heading"


def _edit_words(ctx: _Ctx, op: Op, p: Provision, words: str, replacement: str | None,
                anchor_mode: str | None = None) -> None:
    """Substitute (replacement given), delete (replacement None, no anchor) or insert next to an
    anchor (anchor_mode "before"/"after") within one provision's text, checking conflicts."""
    fld = _text_field(p)
    runs = getattr(p, fld)
    text = plain(runs)
    try:
        start = locate_words(text, words, op.get("occurrence"), "anchor" if anchor_mode else "words")
    except NotFound as exc:
        raise _Fail(str(exc)) from None
    end = start + len(words)
    ctx.touches.check_range(p, fld, start, end)
    new_runs = parse_inline(replacement or "")
    new_len = len(plain(new_runs))
    if anchor_mode is None:
        setattr(p, fld, splice(runs, start, end, new_runs))
        ctx.touches.record_edit(p, fld, start, end, new_len, (start, start + new_len), op)
    else:
        at = end if anchor_mode == "after" else start
        setattr(p, fld, splice(runs, at, at, new_runs))
        ctx.touches.record_edit(p, fld, at, at, new_len, (start, end + new_len), op)


def _text_op(ctx: _Ctx, op: Op) -> OpResult:
    loc = _locate(ctx, op.target)
    p = loc.provision
    _check_expect(ctx, op, p, _text_of(p), _text_of)
    before = _text_of(p)
    if op.kind == "substitute":
        _edit_words(ctx, op, p, op.get("words"), op.get("by"))
    elif op.kind == "delete_text":
        _edit_words(ctx, op, p, op.get("words"), None)
    else:
        _edit_words(ctx, op, p, op.get("anchor"), op.get("text"), op.get("position", "after"))
    return OpResult(op.index, op.kind, op.target, loc.address, "applied", before=before, after=_text_of(p),
                    uids=[_uid(p, loc.address)], note=op.note, file=op.file, line=op.line)


def _heading(ctx: _Ctx, op: Op) -> OpResult:
    loc = _locate(ctx, op.target)
    p = loc.provision
    if p.kind not in (Kind.PART, Kind.CROSS_HEADING, Kind.HEADING):
        raise _Fail(f"{loc.address} is a {p.kind.value}, not a Part, cross-heading or heading")
    _check_expect(ctx, op, p, p.heading_text, lambda o: o.heading_text)
    if id(p) in ctx.touches.whole:
        raise _Fail(_conflict(ctx.touches.whole[id(p)], "the same provision"))
    earlier = ctx.touches.ranges.get((id(p), "heading"))
    if earlier:
        raise _Fail(_conflict(earlier[0][2], "the same heading"))
    before = p.heading_text
    p.heading = parse_inline(op.get("heading"))
    ctx.touches.record_edit(p, "heading", 0, len(before), len(p.heading_text), (0, len(p.heading_text)), op)
    return OpResult(op.index, op.kind, op.target, loc.address, "applied", before=before, after=p.heading_text,
                    uids=[_uid(p, loc.address)], note=op.note, file=op.file, line=op.line)


# ---------------------------------------------------------------------------------------------
# Definitions

_DEF_TARGET_RE = re.compile(r'^\s*(?P<holder>[A-Z]{0,2}\d[\w.]*)\s*:\s*"(?P<term>.+)"\s*$')


def definition_key(term: str) -> str:
    """The order of the Section A1.1 table: case-insensitive, ignoring punctuation.

    Lower-case the term, drop every character that is not a letter, digit or space, and collapse
    runs of spaces: ``"Certificate Revocation List (CRL)"`` → ``"certificate revocation list crl"``,
    ``"Fast-Track Modification"`` → ``"fasttrack modification"``; then compare as strings (so a
    space sorts before any letter: ``"SM WAN"`` < ``"Small Supplier Party"``). The representative
    Section A baseline follows this rule (tests/test_amend_definitions.py checks it).
    """
    return re.sub(r" +", " ", re.sub(r"[^a-z0-9 ]", "", term.lower())).strip()


def _split_definition_target(target: str) -> tuple[str | None, str]:
    m = _DEF_TARGET_RE.match(target)
    if m:
        return m.group("holder"), m.group("term").strip()
    return None, target.strip().strip('"').strip()


def _holder(ctx: _Ctx, holder: str | None) -> tuple[Provision, str]:
    """The provision holding the definitions table (named, or the only one)."""
    tables = [loc for loc in ctx.index().values() if loc.provision.definitions]
    if holder is not None:
        for loc in tables:
            if loc.address == holder:
                return loc.provision, loc.address
        raise _Fail(f"{holder} holds no definitions table"
                    + (f" (tables: {', '.join(t.address for t in tables)})" if tables else ""))
    if not tables:
        raise _Fail(f"{ctx.doc.id or 'the document'} has no definitions table")
    if len(tables) > 1:
        raise _Fail(f"more than one definitions table; write target = '{tables[0].address}:\"Term\"'")
    return tables[0].provision, tables[0].address


def _find_definition(ctx: _Ctx, op: Op) -> tuple[Provision, str, Definition | None, str]:
    holder_name, term = _split_definition_target(op.target)
    holder, holder_address = _holder(ctx, holder_name)
    for d in holder.definitions:
        if d.term_text == term:
            return holder, holder_address, d, term
    return holder, holder_address, None, term


def _meaning_text(d: Definition) -> str:
    return d.meaning_text


def _insert_definition(ctx: _Ctx, op: Op) -> OpResult:
    holder, holder_address, existing, term = _find_definition(ctx, op)
    if not term:
        raise _Fail("no term")
    key = definition_key(term)
    clash = existing or next((d for d in holder.definitions if definition_key(d.term_text) == key), None)
    if clash is not None:
        raise _Fail(f"definition \"{clash.term_text}\" already exists; use amend_definition")
    uid = f"new:def:{term}"
    meaning = _build_items(ctx, op.get("meaning"), 1, uid, "meaning", "/")
    new = Definition(term=[Run(term, bold=True, term=True)], meaning=meaning, uid=uid)
    at = len(holder.definitions)
    for n, d in enumerate(holder.definitions):
        if definition_key(d.term_text) > key:
            at = n
            break
    holder.definitions.insert(at, new)
    ctx.touches.mark_whole([new], op)
    return OpResult(op.index, op.kind, op.target, f'{holder_address}:"{term}"', "applied", before="",
                    after=f"{term}: {new.meaning_text}", uids=[uid] + [p.uid for p in iter_provisions(meaning)],
                    note=op.note, file=op.file, line=op.line)


def _missing_definition(holder: Provision, term: str) -> _Fail:
    close = nearest(term, [d.term_text for d in holder.definitions])
    hint = f"; nearest: {', '.join(close)}" if close else ""
    return _Fail(f"no definition of \"{term}\" to amend or delete{hint}")


def _amend_definition(ctx: _Ctx, op: Op) -> OpResult:
    holder, holder_address, d, term = _find_definition(ctx, op)
    if d is None:
        raise _missing_definition(holder, term)
    _check_expect(ctx, op, d, _meaning_text(d), _meaning_text)
    address = f'{holder_address}:"{term}"'
    before = f"{term}: {d.meaning_text}"
    uids = [_uid(d, f"def:{term}")]
    if op.get("meaning") is not None:
        ctx.touches.check_whole([d] + list(iter_provisions(d.meaning)))
        built = _build_items(ctx, op.get("meaning"), 1, f"new:{d.uid or 'def:' + term}", "meaning", "/")
        _keep_identity(built, d.meaning)
        d.meaning = built
        ctx.touches.mark_whole([d] + list(iter_provisions(d.meaning)), op)
        uids += [p.uid for p in iter_provisions(d.meaning) if p.uid]
    else:
        if id(d) in ctx.touches.whole:
            raise _Fail(_conflict(ctx.touches.whole[id(d)], "the same definition"))
        words, occurrence = op.get("words"), op.get("occurrence")
        hits = []
        for p in iter_provisions(d.meaning):
            hits += [(p, s) for s in find_all(p.own_text, words)]
        if not hits:
            raise _Fail(f"words \"{words}\" not found in the meaning of \"{term}\"")
        if occurrence is None and len(hits) > 1:
            raise _Fail(f"words \"{words}\" found {len(hits)} times in the meaning of \"{term}\";"
                        f" give occurrence = 1..{len(hits)}")
        if occurrence is not None and occurrence > len(hits):
            raise _Fail(f"words \"{words}\" found {len(hits)} time(s) in the meaning of \"{term}\","
                        f" so there is no occurrence {occurrence}")
        p, start = hits[(occurrence or 1) - 1]
        end = start + len(words)
        ctx.touches.check_range(p, "text", start, end)
        new_runs = parse_inline(op.get("by"))
        p.text = splice(p.text, start, end, new_runs)
        n = len(plain(new_runs))
        ctx.touches.record_edit(p, "text", start, end, n, (start, start + n), op)
        if p.uid:
            uids.append(p.uid)
    return OpResult(op.index, op.kind, op.target, address, "applied", before=before,
                    after=f"{term}: {d.meaning_text}", uids=uids, note=op.note, file=op.file, line=op.line)


def _delete_definition(ctx: _Ctx, op: Op) -> OpResult:
    holder, holder_address, d, term = _find_definition(ctx, op)
    if d is None:
        raise _missing_definition(holder, term)
    _check_expect(ctx, op, d, _meaning_text(d), _meaning_text)
    ctx.touches.check_whole([d] + list(iter_provisions(d.meaning)))
    holder.definitions.remove(d)
    ctx.touches.mark_whole([d], op)
    uids = [_uid(d, f"def:{term}")] + [p.uid for p in iter_provisions(d.meaning) if p.uid]
    return OpResult(op.index, op.kind, op.target, f'{holder_address}:"{term}"', "applied",
                    before=f"{term}: {d.meaning_text}", after="", uids=uids, note=op.note, file=op.file,
                    line=op.line)


EXECUTORS: dict[str, Callable[[_Ctx, Op], OpResult]] = {
    "insert": _insert,
    "delete": _delete,
    "replace": _replace,
    "substitute": _text_op,
    "insert_text": _text_op,
    "delete_text": _text_op,
    "insert_definition": _insert_definition,
    "amend_definition": _amend_definition,
    "delete_definition": _delete_definition,
    "heading": _heading,
}
assert set(EXECUTORS) == set(KINDS), "every kind of the vocabulary has an executor"


# ---------------------------------------------------------------------------------------------
# Consolidation: the new version of a document


def bump_version(version: str) -> str:
    """The rule for a consolidated document's own version: the major number goes up by one and
    the minor resets to 0 ("18.0" → "19.0", "6.2" → "7.0"), as each modification implemented in a
    release produces a new issue of every document it changes."""
    m = re.match(r"^\s*(\d+)(?:\.\d+)*\s*$", version or "")
    if not m:
        raise ConfigError(f"cannot bump document version {version!r} (expected a number such as 18.0)")
    return f"{int(m.group(1)) + 1}.0"


def consolidate(doc: Document, mod, changes: ChangeSet | None = None) -> Document:
    """A copy of an amended document made into its next version: version bumped, dated the
    implementation date, SEC version of the release, a history row naming the modification (and
    saying its legal text is illustrative when it is), and a front note saying so.

    The history table keeps its own order (newest first or last, as the baseline has it); if it
    has no row for the baseline's own version, one is added from the baseline's version and date
    so the table does not skip a version. The front notes are kept (a representative-text note
    is added if the baseline had none) and a note naming the modification is appended."""
    out = copy.deepcopy(doc)
    new_version = bump_version(doc.version)
    release = mod.release or {}
    date = mod.implementation_date or doc.date
    out.version = new_version
    out.date = date
    out.sec_version = str(release.get("sec_version") or doc.sec_version)
    release_name = release.get("name", "")
    description = f"{mod.id} ({mod.title}) implemented" + (f" in the {release_name}" if release_name else "") + "."
    if mod.illustrative:
        description += f" Illustrative legal text written for the secdocs project, not the official {mod.id}" \
                       " legal text."
    entries = []
    if doc.version and not any(h.version == doc.version for h in out.history):
        # the table should not jump from the new version to the one before the baseline
        entries.append(HistoryEntry(doc.version, doc.date, "Baseline version"
                                    + (f" as at SEC version {doc.sec_version}." if doc.sec_version else ".")))
    entries.append(HistoryEntry(new_version, date, description))
    descending = len(out.history) > 1 and _version_key(out.history[0].version) > _version_key(out.history[-1].version)
    if descending:
        out.history[:0] = list(reversed(entries))
    else:
        out.history.extend(entries)
    if not any("representative" in plain(p).lower() for p in out.front):
        out.front.insert(0, [Run("Representative text written for the secdocs project. It is not the official"
                                 " Smart Energy Code and must not be relied on as such.")])
    note = f"Version {new_version} consolidates {mod.id} ({mod.title})."
    if mod.illustrative:
        note += " " + (mod.illustrative_label or f"The {mod.id} legal text applied here is illustrative.")
    out.front.append([Run(note)])
    return out


def _version_key(v: str) -> tuple:
    return tuple(int(x) if x.isdigit() else 0 for x in re.findall(r"\d+", v or ""))
