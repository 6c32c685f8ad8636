"""New provisions and their numbers: the ``children`` / ``meaning`` lists built into provisions
(labels checked against the paragraph level), the kind an insert makes, and the number it takes
(checked when given, chosen when not; nothing is ever renumbered).
"""

from __future__ import annotations

import re

from ...model.address import full_label
from ...errors import NumberingError
from ...model import Kind, Provision, iter_provisions
from ...model.numbering import Component, address_key, format_paren, next_suffix, parse_number, parse_paren
from ...model.markup import parse_inline
from .context import Ctx, Fail
from .op import Op


_LABEL_RE = re.compile(r"^(\([A-Za-z0-9]+\))\s+(.*)$", re.S)
KIND_NAMES = {"part": Kind.PART, "cross-heading": Kind.CROSS_HEADING, "clause": Kind.CLAUSE,
               "paragraph": Kind.PARAGRAPH, "heading": Kind.HEADING, "text": Kind.TEXT}


def level_format(ctx: Ctx, depth: int) -> str:
    levels = ctx.scheme.paragraph_levels
    return levels[min(max(depth, 1), len(levels)) - 1]


def check_label(ctx: Ctx, label: str, depth: int) -> None:
    fmt = level_format(ctx, depth)
    try:
        canonical = format_paren(parse_paren(label, fmt), fmt)
    except NumberingError as exc:
        raise Fail(f"label {label} does not fit paragraph level {depth} ({fmt}): {exc}") from None
    if canonical != label:
        raise Fail(f"label {label} does not fit paragraph level {depth} ({fmt}; e.g. {canonical})")


def build_items(ctx: Ctx, items: list | str, depth: int, base: str, key: str, sep: str = "") -> list[Provision]:
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
        kind = KIND_NAMES[spec.get("provision") or "paragraph"]  # a table without either: a paragraph
        number = spec.get("number")
        if kind == Kind.PARAGRAPH:
            fmt = level_format(ctx, depth)
            ordinal += 1
            if number is None:
                number = format_paren(Component(ordinal), fmt)
            else:
                check_label(ctx, number, depth)
                ordinal = parse_paren(number, fmt).ordinal
        elif number is not None:
            raise Fail(f"{key}[{n}]: an unnumbered {kind.value} cannot have number {number}")
        if number:
            uid = f"{base}{sep}{number}"
        else:
            counters[kind.value] = counters.get(kind.value, 0) + 1
            uid = f"{base}/{kind.value}[{counters[kind.value]}]"
        p = Provision(kind, number=number, heading=parse_inline(spec.get("heading", "")),
                      text=parse_inline(spec.get("text", "")), uid=uid)
        if spec.get("children"):
            child_depth = depth + 1 if kind == Kind.PARAGRAPH else depth
            p.children = build_items(ctx, spec["children"], child_depth, uid if number else base,
                                      f"{key}[{n}].children", "" if number else sep)
        out.append(p)
    labels = [p.number for p in out if p.number]
    dupes = {x for x in labels if labels.count(x) > 1}
    if dupes:
        raise Fail(f"{key}: label {sorted(dupes)[0]} used twice")
    return out


def keep_identity(built: list[Provision], old: list[Provision]) -> None:
    """Rebuilt provisions that stand where an old one stood (same uid but for ``new:``) keep the
    old uid, so a redline aligns them as changed rather than as deleted and inserted."""
    old_uids = {q.uid for q in iter_provisions(old) if q.uid}
    for q in iter_provisions(built):
        if q.uid.startswith("new:") and q.uid[4:] in old_uids:
            q.uid = q.uid[4:]


def paragraph_depth(path: tuple[Provision, ...], kind: Kind) -> int:
    """The paragraph level a provision of ``kind`` takes under ancestors ``path``."""
    depth = sum(1 for p in path if p.kind == Kind.PARAGRAPH)
    return depth + 1 if kind == Kind.PARAGRAPH else depth


def infer_kind(ctx: Ctx, op: Op, target: Provision, as_child: bool) -> Kind:
    if op.get("provision"):
        return KIND_NAMES[op.get("provision")]
    number = op.get("number")
    if number:
        if number.strip().startswith("("):
            return Kind.PARAGRAPH
        if ctx.scheme.name == "section":
            return Kind.CLAUSE if "." in number else Kind.PART
        return Kind.HEADING
    if not as_child:
        if target.kind in (Kind.TEXT, Kind.CROSS_HEADING, Kind.TABLE):
            raise Fail(f"say what to insert next to a {target.kind.value}: give provision = ... or number = ...")
        return target.kind
    if target.kind == Kind.PART:
        return Kind.CLAUSE
    return Kind.PARAGRAPH


def _sorts(a: str, b: str, ctx: Ctx, fmt: str | None) -> bool:
    """Whether number ``a`` sorts strictly before ``b`` (paragraph labels at format fmt)."""
    if fmt:
        return parse_paren(a, fmt) < parse_paren(b, fmt)
    return address_key(a, ctx.scheme.name) < address_key(b, ctx.scheme.name)


def place_number(ctx: Ctx, op: Op, kind: Kind, siblings: list[Provision], at: int, parent: Provision | None,
                  parent_path: tuple[Provision, ...], position: str) -> str | None:
    """The number of a provision inserted at ``siblings[at]`` (checked, or chosen)."""
    if kind in (Kind.TEXT, Kind.CROSS_HEADING, Kind.TABLE):
        if op.get("number"):
            raise Fail(f"a {kind.value} has no number; remove number = {op.get('number')!r}")
        return None
    fmt = level_format(ctx, paragraph_depth(parent_path, kind)) if kind == Kind.PARAGRAPH else None
    same = [(i, s) for i, s in enumerate(siblings) if s.kind == kind and s.number]
    prev = next((s for i, s in reversed(same) if i < at), None)
    following = next((s for i, s in same if i >= at), None)
    taken = {s.number for s in siblings if s.number}
    number = op.get("number")
    if number:
        number = number.strip()
        if kind == Kind.PARAGRAPH:
            check_label(ctx, number, paragraph_depth(parent_path, kind))
        else:
            try:
                parse_number(number)
            except NumberingError as exc:
                raise Fail(str(exc)) from None
        full = full_label(parent_path, Provision(kind, number=number)) or number
        if number in taken or (kind != Kind.PARAGRAPH and full in ctx.index()):
            raise Fail(f"number {full} is already taken")
        if prev is not None and not _sorts(prev.number, number, ctx, fmt) or \
                following is not None and not _sorts(number, following.number, ctx, fmt):
            around = " and ".join(x.number for x in (prev, following) if x is not None)
            raise Fail(f"number {number} does not sort between {around}; nothing is renumbered, so choose a"
                        f" number that does (e.g. a suffix)")
        return number
    if prev is None:
        if following is not None:
            raise Fail(f"no free number before {following.number}; give number = ... explicitly")
        if kind == Kind.PARAGRAPH:
            return format_paren(Component(1), fmt)
        base = parent.number if parent is not None and parent.number else None
        if base is None:
            raise Fail("cannot choose a number here; give number = ... explicitly")
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
