"""``heading``: the heading of a Part, cross-heading or policy heading, rewritten.

| kind | target | other keys |
|---|---|---|
| heading | a Part, cross-heading or policy heading | ``heading`` |
"""

from __future__ import annotations

from ...model import Kind
from ...model.markup import parse_inline
from .context import Ctx, Fail, check_expect, conflict, locate, uid_or
from .op import Op
from .results import OpResult
from .spec import REWRITES, KindSpec


def heading(ctx: Ctx, op: Op) -> OpResult:
    loc = locate(ctx, op.target)
    p = loc.provision
    if p.kind not in (Kind.PART, Kind.CROSS_HEADING, Kind.HEADING):
        raise Fail(f"{loc.address} is a {p.kind.value}, not a Part, cross-heading or heading")
    check_expect(ctx, op, p, p.heading_text, lambda o: o.heading_text)
    if id(p) in ctx.touches.whole:
        raise Fail(conflict(ctx.touches.whole[id(p)], "the same provision"))
    earlier = ctx.touches.ranges.get((id(p), "heading"))
    if earlier:
        raise Fail(conflict(earlier[0][2], "the same heading"))
    before = p.heading_text
    p.heading = parse_inline(op.get("heading"))
    ctx.touches.record_edit(p, "heading", 0, len(before), len(p.heading_text), (0, len(p.heading_text)), op)
    return OpResult.of(op, loc.address, before=before, after=p.heading_text, uids=[uid_or(p, loc.address)])


KINDS = [KindSpec("heading", heading, "Heading amended", ("heading",), (), effect=REWRITES)]
