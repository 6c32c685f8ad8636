"""Derive amendment operations from two versions of a document (the reverse of ``apply``).

``derive(old, new)`` aligns the two provision trees and returns the ``[[op]]`` tables that turn
``old`` into ``new`` using the existing vocabulary (``amend/ops.py``):

* a provision only ``new`` has → ``insert`` with its own number (suffix numbers such as
  ``L1.16A`` or ``(ga)`` are kept as written, nothing is renumbered) and its sub-paragraphs as
  ``children``; placed ``before`` the next surviving numbered sibling, else ``after`` the previous
  one, else ``first``/``last`` in its parent;
* a provision only ``old`` has → ``delete`` with ``remove = true``; one whose text became
  "Not used." → ``delete``;
* changed words → ``substitute`` / ``insert_text`` / ``delete_text`` (each found uniquely or
  with ``occurrence``), or ``replace`` when little of the old text stays or the text carries
  formatting; a changed Part, cross-heading or policy heading → ``heading``;
* definitions by term → ``insert_definition`` / ``amend_definition`` (``words``/``by`` for one
  change in one paragraph, else the whole ``meaning``) / ``delete_definition``.

Every op on an existing provision pins its text with ``expect``. What cannot be expressed (a
ordinary table changing, an insertion with no numbered neighbour to place it by) is reported as a
problem naming the provision; callers write nothing then. Siblings pair only when they are of
one kind and carry one number, so a provision that changes kind or number is a removal and an
insertion (which ``apply`` then accepts or refuses, as it would the same ops written by hand).
Ops are ordered so that positional addresses of unnumbered provisions stay valid: edits in
document order, then removals (last first), then insertions.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

from ..model.address import full_label
from ..diff.align import align_by_content
from ..diff.words import DELETE, EQUAL, INSERT, diff_words
from ..model.markup import render_inline
from ..model import Definition, Document, Kind, Provision, Run, is_not_used, normalise_runs, plain
from .text import find_all

KEEP_SHARE = 0.3  # when less than this share of the old text stays, one ``replace`` says it better
MAX_TEXT_OPS = 4  # more word changes than this in one provision: one ``replace``


@dataclass
class Derived:
    """The ops (as TOML-ready tables) and what could not be expressed."""

    ops: list[dict[str, Any]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def _formatted(runs: list[Run]) -> bool:
    return any(r.bold or r.italic or r.underline or r.term for r in runs if r.text.strip())


def _items(provisions: list[Provision]) -> list[Any]:
    """``children`` / ``meaning`` items for new provisions (tables, so that kind and number are
    explicit)."""
    out = []
    for p in provisions:
        item: dict[str, Any] = {"provision": p.kind.value}
        if p.number:
            item["number"] = p.number
        if p.heading:
            item["heading"] = render_inline(p.heading)
        item["text"] = render_inline(p.text)
        if p.children:
            item["children"] = _items(p.children)
        out.append(item)
    return out


# ---------------------------------------------------------------------------------------------
# Alignment


def _exact(p: Provision) -> tuple:
    return (p.kind.value, p.number, p.full_text)


def align(old: list[Provision], new: list[Provision]):
    """Pairs of siblings: numbered ones by number (SEC never renumbers), the rest by content. Two
    provisions under different numbers are never one provision here (the same text under a new
    number is a deletion and an insertion)."""
    out = []
    for o, p in align_by_content(old, new, exact=_exact, text=lambda p: p.full_text,
                                 number=lambda p: (p.kind.value, p.number) if p.number else None,
                                 kind=lambda p: p.kind):
        if o is not None and p is not None and (o.number or "") != (p.number or ""):
            out += [(o, None), (None, p)]
        else:
            out.append((o, p))
    return out


def shape(provisions: list[Provision]) -> list:
    """What must be equal for two provision lists to read the same (no uids, no marks)."""
    def runs(rs: list[Run]) -> tuple:
        return tuple((r.text, r.bold, r.italic, r.underline, r.term) for r in normalise_runs(rs))

    def one(p: Provision) -> tuple:
        return (p.kind.value, p.number or "", runs(p.heading), runs(p.text), tuple(shape(p.children)),
                tuple((d.term_text, tuple(shape(d.meaning))) for d in p.definitions),
                tuple(tuple(tuple(runs(par) for par in cell) for cell in row) for row in p.rows))

    return [one(p) for p in provisions]


# ---------------------------------------------------------------------------------------------
# The walk


class Unplaced(Exception):
    """A hook cannot resolve an address or place an insertion (the message says why)."""


# (parent address, unnumbered provision as drafted) → its address in the document amended
Resolver = Callable[[str, Provision], str]
# (parent address, run of new siblings) → (position, target): where a run goes when no numbered
# neighbour that stays is next to it (an extract's "* * *")
Placer = Callable[[str, list[Provision]], tuple[str, str]]


@dataclass
class _State:
    edits: list[dict[str, Any]] = field(default_factory=list)
    removals: list[dict[str, Any]] = field(default_factory=list)
    inserts: list[dict[str, Any]] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    resolve: Resolver | None = None
    place: Placer | None = None


def derive(old: Document, new: Document, resolve: Resolver | None = None, place: Placer | None = None) -> Derived:
    """The ops turning ``old`` into ``new`` (see the module docstring). ``old`` and ``new`` may be
    extracts of a document (a legal text): ``resolve`` then gives an unnumbered provision's
    address in the whole document, and ``place`` says where a run of new provisions goes."""
    st = _State(resolve=resolve, place=place)
    _list(st, old.provisions, new.provisions, (), "", None)
    return Derived(st.edits + list(reversed(st.removals)) + st.inserts, st.problems)


def _addresses(provisions: list[Provision], path: tuple[Provision, ...], parent_address: str,
               counters: dict) -> list[str]:
    """The address ``address.locate_all`` gives each of ``provisions`` (unnumbered ones by kind
    and position under their parent)."""
    out = []
    for p in provisions:
        label = full_label(path, p)
        if label is None:
            key = (parent_address, p.kind.value)
            counters[key] = counters.get(key, 0) + 1
            label = f"{parent_address}/{p.kind.value}[{counters[key]}]" if parent_address \
                else f"{p.kind.value}[{counters[key]}]"
        out.append(label)
    return out


def _list(st: _State, old: list[Provision], new: list[Provision], path: tuple[Provision, ...],
          parent_address: str, counters: dict | None) -> None:
    counters = {} if counters is None else counters
    old_addresses = dict(zip(map(id, old), _addresses(old, path, parent_address, counters)))
    if st.resolve is not None:
        for o in old:
            if not o.number:
                try:
                    old_addresses[id(o)] = st.resolve(parent_address, o)
                except Unplaced as exc:
                    old_addresses[id(o)] = f"?{exc}"
    pairs = align(old, new)
    parent = path[-1] if path else None
    for o, p in pairs:
        if (o is not None) and old_addresses[id(o)].startswith("?") and (p is None or shape([o]) != shape([p])):
            st.problems.append(old_addresses[id(o)][1:])
            continue
        if o is not None and p is not None:
            _pair(st, o, p, path, old_addresses[id(o)], counters)
        elif o is not None:
            st.removals.append({"kind": "delete", "target": old_addresses[id(o)], "remove": True,
                                "expect": o.full_text} if o.full_text.strip() else
                               {"kind": "delete", "target": old_addresses[id(o)], "remove": True})
    # insertions: runs of new provisions between surviving ones (removed ones do not separate runs)
    seq = [(o, p) for o, p in pairs if p is not None]
    n = 0
    while n < len(seq):
        if seq[n][0] is not None:
            n += 1
            continue
        end = n
        while end < len(seq) and seq[end][0] is None:
            end += 1
        run = [seq[k][1] for k in range(n, end)]
        before = seq[n - 1][0] if n > 0 else None
        after = seq[end][0] if end < len(seq) else None
        _place(st, run, before, after, parent, old_addresses, parent_address)
        n = end


def _place(st: _State, run: list[Provision], before: Provision | None, after: Provision | None,
           parent: Provision | None, addresses: dict, parent_address: str) -> None:
    """Insert ops for a run of new siblings, anchored on a numbered neighbour that survives."""
    if after is not None and after.number:
        anchored = [("before", addresses[id(after)], p) for p in run]
    elif before is not None and before.number:
        anchored = [("after", addresses[id(before)], p) for p in reversed(run)]
    elif st.place is not None:  # an extract: the whole document decides
        try:
            position, target = st.place(parent_address, run)
        except Unplaced as exc:
            st.problems.append(str(exc))
            return
        anchored = [(position, target, p) for p in (reversed(run) if position in ("after", "first") else run)]
    elif before is None and parent is not None and parent.number:
        anchored = [("first", parent_address, p) for p in reversed(run)]
    elif after is None and parent is not None and parent.number:
        anchored = [("last", parent_address, p) for p in run]
    else:
        where = parent_address or "the top level"
        st.problems.append(f"{where}: cannot place the inserted {run[0].kind.value}"
                           f" {run[0].number or run[0].full_text[:40]!r}: no numbered neighbour that stays")
        return
    for position, target, p in anchored:
        if p.kind == Kind.TABLE:
            st.problems.append(f"{target}: an inserted table is not imported (write it as an insert by hand)")
            continue
        op: dict[str, Any] = {"kind": "insert", "target": target, "position": position, "provision": p.kind.value}
        if p.number:
            op["number"] = p.number
        if p.heading:
            op["heading"] = render_inline(p.heading)
        if p.text or not p.heading:
            op["text"] = render_inline(p.text)
        if p.children:
            op["children"] = _items(p.children)
        st.inserts.append(op)


def _pair(st: _State, o: Provision, p: Provision, path: tuple[Provision, ...], address: str,
          counters: dict) -> None:
    if shape([o]) == shape([p]):
        return
    if is_not_used(p) and not is_not_used(o):
        st.edits.append({"kind": "delete", "target": address, "expect": o.full_text})
        return
    if o.kind == Kind.TABLE:
        st.problems.append(f"{address}: a changed table is not imported (only provisions and definitions are)")
        return
    if shape_runs(o.heading) != shape_runs(p.heading):
        if o.kind in (Kind.PART, Kind.CROSS_HEADING, Kind.HEADING):
            st.edits.append({"kind": "heading", "target": address, "heading": render_inline(p.heading),
                             "expect": o.heading_text})
        else:
            st.problems.append(f"{address}: its heading changed, which only a Part, cross-heading or heading has")
    if shape_runs(o.text) != shape_runs(p.text):
        st.edits.extend(text_ops(address, o.text, p.text, o.full_text))
    if o.definitions or p.definitions:  # an extract may show the table under another provision
        _definitions(st, o.definitions, p.definitions, "" if st.resolve is not None else address)
    _list(st, o.children, p.children, path + (o,), address, counters)


def shape_runs(runs: list[Run]) -> tuple:
    return tuple((r.text, r.bold, r.italic, r.underline, r.term) for r in normalise_runs(runs))


# ---------------------------------------------------------------------------------------------
# Words


def _changes(old: str, new: str) -> list[tuple[int, int, str]]:
    """(start, end, replacement) in ``old`` offsets, one per contiguous change."""
    out: list[tuple[int, int, str]] = []
    pos = 0
    pending: list[Any] | None = None
    for kind, text in diff_words(old, new):
        if kind == EQUAL:
            if pending:
                out.append(tuple(pending))
                pending = None
            pos += len(text)
            continue
        if pending is None:
            pending = [pos, pos, ""]
        if kind == DELETE:
            pending[1] = pos + len(text)
            pos += len(text)
        elif kind == INSERT:
            pending[2] += text
    if pending:
        out.append(tuple(pending))
    return out


def _tidy(text: str, start: int, end: int, by: str) -> tuple[int, int, str]:
    """Move a change's surrounding space so that it starts with the space (" X" after a word, not
    "X " before the next one), which makes anchors and words end on a word."""
    while end > start and by and text[end - 1] == by[-1] == " " and start > 0 and text[start - 1] == " ":
        start, end, by = start - 1, end - 1, " " + by[:-1]
    while not by and end > start and text[end - 1] == " " and start > 0 and text[start - 1] == " ":
        start, end = start - 1, end - 1
    while start == end and by.endswith(" ") and start > 0 and text[start - 1] == " ":
        start, end, by = start - 1, end - 1, " " + by[:-1]
    return start, end, by


def _occurrence(text: str, words: str, start: int) -> int | None:
    starts = find_all(text, words)
    if starts == [start]:
        return None
    return starts.index(start) + 1 if start in starts else -1


def _grow(text: str, start: int, end: int) -> tuple[int, int]:
    """Widen [start, end) to whole words (a change inside a word substitutes the word)."""
    while start > 0 and text[start - 1].isalnum() and start < len(text) and text[start].isalnum():
        start -= 1
    while 0 < end < len(text) and text[end].isalnum() and text[end - 1].isalnum():
        end += 1
    return start, end


def text_ops(address: str, old_runs: list[Run], new_runs: list[Run], expect: str) -> list[dict[str, Any]]:
    """Word-level ops turning one provision's text into another (or one ``replace``)."""
    old, new = plain(old_runs), plain(new_runs)
    replace = [{"kind": "replace", "target": address, "text": render_inline(new_runs), "expect": expect}]
    if _formatted(old_runs) or _formatted(new_runs) or not old.strip():
        return replace
    changes = _changes(old, new)
    kept = len(old) - sum(e - s for s, e, _ in changes)
    if not changes or len(changes) > MAX_TEXT_OPS or kept < KEEP_SHARE * len(old):
        return replace
    ops: list[dict[str, Any]] = []
    cur = old
    shift = 0
    for start, end, by in changes:
        start, end, by = _tidy(old, start, end, by)
        s, e = start + shift, end + shift
        op = _word_op(address, cur, s, e, by)
        if op is None:
            return replace
        op["expect"] = expect
        ops.append(op)
        cur = cur[:s] + by + cur[e:]
        shift += len(by) - (end - start)
    return ops if cur == new else replace


def _word_op(address: str, cur: str, s: int, e: int, by: str) -> dict[str, Any] | None:
    if s == e:  # insertion: anchor on the word(s) before, else after
        if s > 0 and cur[:s].strip():
            a0 = s
            while a0 > 0 and cur[a0 - 1] == " ":
                a0 -= 1
            a0 = cur.rfind(" ", 0, a0) + 1
            anchor, gap = cur[a0:s].rstrip(), cur[a0:s][len(cur[a0:s].rstrip()):]
            occ = _occurrence(cur, anchor, a0)
            if anchor and occ != -1:
                op = {"kind": "insert_text", "target": address, "anchor": anchor, "position": "after",
                      "text": gap + by}
                if gap:
                    return None  # the space would be inserted twice; let replace say it
                if occ:
                    op["occurrence"] = occ
                return op
        a1 = cur.find(" ", s)
        anchor = cur[s:a1 if a1 > 0 else len(cur)]
        occ = _occurrence(cur, anchor, s) if anchor.strip() else -1
        if occ == -1:
            return None
        op = {"kind": "insert_text", "target": address, "anchor": anchor, "position": "before", "text": by}
        if occ:
            op["occurrence"] = occ
        return op
    words = cur[s:e]
    if not words.strip():
        return None
    g0, g1 = _grow(cur, s, e)
    if (g0, g1) != (s, e):  # a change inside a word: substitute the whole word
        by = cur[g0:s] + by + cur[e:g1]
        s, e, words = g0, g1, cur[g0:g1]
    occ = _occurrence(cur, words, s)
    if occ == -1:
        return None
    if by:
        op = {"kind": "substitute", "target": address, "words": words, "by": by}
    else:
        op = {"kind": "delete_text", "target": address, "words": words}
    if occ:
        op["occurrence"] = occ
    return op


# ---------------------------------------------------------------------------------------------
# Definitions


def _definitions(st: _State, old: list[Definition], new: list[Definition], holder: str) -> None:
    """Definition ops; targets name the holder (``A1.1:"Term"``), or only the term when
    ``holder`` is empty (the document's one definitions table)."""
    olds = {d.term_text: d for d in old}
    news = {d.term_text: d for d in new}

    def target_of(term: str) -> str:
        return f'{holder}:"{term}"' if holder else term

    for d in old:
        if d.term_text not in news:
            st.edits.append({"kind": "delete_definition", "target": target_of(d.term_text),
                             "expect": d.meaning_text})
    for d in new:
        target = target_of(d.term_text)
        before = olds.get(d.term_text)
        if before is None:
            st.edits.append({"kind": "insert_definition", "target": target, "meaning": _meaning(d.meaning)})
        elif shape(before.meaning) != shape(d.meaning) or shape_runs(before.term) != shape_runs(d.term):
            st.edits.append(_amend_definition(before, d, target))


def _meaning(provisions: list[Provision]) -> Any:
    if len(provisions) == 1 and provisions[0].kind == Kind.TEXT and not provisions[0].children:
        return render_inline(provisions[0].text)
    return _items(provisions)


def _amend_definition(old: Definition, new: Definition, target: str) -> dict[str, Any]:
    whole = {"kind": "amend_definition", "target": target, "meaning": _meaning(new.meaning),
             "expect": old.meaning_text}
    a, b = old.meaning, new.meaning
    flat_a = [p for p in _flat(a)]
    flat_b = [p for p in _flat(b)]
    if [(p.kind, p.number) for p in flat_a] != [(p.kind, p.number) for p in flat_b] or _shape_bare(a) != _shape_bare(b):
        return whole
    changed = [(x, y) for x, y in zip(flat_a, flat_b) if shape_runs(x.text) != shape_runs(y.text)]
    if len(changed) != 1:
        return whole
    x, y = changed[0]
    ops = text_ops(target, x.text, y.text, old.meaning_text)
    if len(ops) != 1 or ops[0]["kind"] == "replace" or ops[0].get("occurrence"):
        return whole
    op = ops[0]
    if op["kind"] == "substitute":
        words, by = op["words"], op["by"]
    elif op["kind"] == "delete_text":
        words, by = op["words"], ""
    else:  # insert_text: the anchor, and the anchor with the new words beside it
        words = op["anchor"]
        by = words + op["text"] if op.get("position", "after") == "after" else op["text"] + words
    hits = sum(len(find_all(p.own_text, words)) for p in flat_a)
    if hits != 1:
        return whole
    return {"kind": "amend_definition", "target": target, "words": words, "by": by, "expect": old.meaning_text}


def _flat(provisions: list[Provision]) -> list[Provision]:
    out = []
    for p in provisions:
        out.append(p)
        out.extend(_flat(p.children))
    return out


def _shape_bare(provisions: list[Provision]) -> list:
    return [(p.kind.value, p.number, _shape_bare(p.children)) for p in provisions]
