"""The provision kinds: ``insert`` (a new provision against a target), ``delete`` (to "Not used."
or removed), ``replace`` (a provision's whole own text, and optionally its sub-paragraphs).

| kind | target | other keys |
|---|---|---|
| insert | the provision the new one is placed against | ``position`` = "after" (default) / "before" / "first" / "last" (first/last: as a child of target); ``number`` (default: next free suffix); ``provision`` (clause, paragraph, heading, text, cross-heading, part; default from the number or the target); ``text``, ``heading``, ``children`` |
| delete | the provision | ``remove`` = true removes it; otherwise its number stays and its text becomes "Not used." |
| replace | the provision | ``text`` (the whole own text); ``children`` (optional: replaces the sub-paragraphs too) |
"""

from __future__ import annotations

from ...model.address import full_label
from ...model import NOT_USED, Kind, Provision, Run, iter_provisions
from ...model.markup import parse_inline
from .context import Ctx, Fail, address_of, block, check_expect, locate, subtree_uids, text_of, uid_or
from .numbers import build_items, infer_kind, keep_identity, paragraph_depth, place_number
from .op import Op
from .results import OpResult
from .spec import INSERTS, REWRITES, KindSpec



def insert(ctx: Ctx, op: Op) -> OpResult:
    position = op.get("position", "after")
    loc = locate(ctx, op.target)
    target = loc.provision
    check_expect(ctx, op, target, text_of(target), text_of)
    as_child = position in ("first", "last")
    if as_child:
        parent, parent_path, siblings = target, loc.path + (target,), target.children
        at = 0 if position == "first" else len(siblings)
    else:
        parent, parent_path, siblings = loc.parent, loc.path, loc.siblings
        i = next(n for n, s in enumerate(siblings) if s is target)
        at = i + 1 if position == "after" else i
    kind = infer_kind(ctx, op, target, as_child)
    number = place_number(ctx, op, kind, siblings, at, parent, parent_path, position)
    new = Provision(kind, number=number, heading=parse_inline(op.get("heading", "")),
                    text=parse_inline(op.get("text", "")))
    label = full_label(parent_path, new)
    if label is None:
        parent_label = address_of(ctx, parent) if parent is not None else ""
        head = new.heading_text or new.own_text[:40]
        label = f"{parent_label}/{kind.value}:{head}" if parent_label else f"{kind.value}:{head}"
    new.uid = f"new:{label}"
    if op.get("children"):
        depth = paragraph_depth(parent_path + (new,), Kind.PARAGRAPH)
        new.children = build_items(ctx, op.get("children"), depth, new.uid, "children")
    siblings.insert(at, new)
    ctx.structure_changed()
    ctx.touches.mark_whole(list(iter_provisions([new])), op)
    address = address_of(ctx, new) or label
    return OpResult.of(op, address, before="", after=block(new, parent_path),
                       uids=subtree_uids(new, parent_path))


def delete(ctx: Ctx, op: Op) -> OpResult:
    loc = locate(ctx, op.target)
    p = loc.provision
    check_expect(ctx, op, p, text_of(p), text_of)
    subtree = list(iter_provisions([p]))
    ctx.touches.check_whole(subtree)
    before = block(p, loc.path)
    uids = subtree_uids(p, loc.path)
    if op.get("remove", False):
        loc.siblings.remove(p)
        ctx.structure_changed()
        after = ""
    else:
        if not p.number:
            raise Fail(f"a {p.kind.value} has no number to keep as \"Not used\"; use remove = true")
        if p.kind in (Kind.PART, Kind.HEADING):
            p.text = []
            p.children = [Provision(Kind.TEXT, text=[Run(NOT_USED)], uid=f"new:{loc.address}/text:not-used")]
        else:
            p.text = [Run(NOT_USED)]
            p.children = []
            p.definitions = []
        ctx.structure_changed()
        after = block(p, loc.path)
    ctx.touches.mark_whole(subtree, op)
    return OpResult.of(op, loc.address, before=before, after=after, uids=uids)


def replace(ctx: Ctx, op: Op) -> OpResult:
    loc = locate(ctx, op.target)
    p = loc.provision
    check_expect(ctx, op, p, text_of(p), text_of)
    new_children = op.get("children")
    ctx.touches.check_whole(list(iter_provisions([p])) if new_children is not None else [p])
    before = block(p, loc.path)
    uids = [uid_or(p, loc.address)]
    p.text = parse_inline(op.get("text"))
    if new_children is not None:
        uids += [u for c in p.children for u in subtree_uids(c, loc.path + (p,))]
        depth = paragraph_depth(loc.path + (p,), Kind.PARAGRAPH)
        built = build_items(ctx, new_children, depth, f"new:{p.uid or loc.address}", "children")
        keep_identity(built, p.children)
        p.children = built
        ctx.structure_changed()
        uids += [u for c in built for u in subtree_uids(c, loc.path + (p,)) if u not in uids]
        ctx.touches.mark_whole(list(iter_provisions([p])), op)
    else:
        ctx.touches.mark_whole([p], op)
    return OpResult.of(op, loc.address, before=before, after=block(p, loc.path), uids=uids)


KINDS = [
    KindSpec("insert", insert, "Inserted", (), ("position", "number", "provision", "text", "heading", "children"),
             one_of=(("text", "heading", "children"),), effect=INSERTS,
             positions=("after", "before", "first", "last")),
    KindSpec("delete", delete, "Deleted (\u201cNot used\u201d)", (), ("remove",), effect=REWRITES),
    KindSpec("replace", replace, "Text replaced", ("text",), ("children",), effect=REWRITES),
]
