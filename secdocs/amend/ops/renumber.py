"""``renumber_references``: every citation of one address, in a document or a provision and its
descendants, rewritten to cite another (after a provision has moved: L11.5 → L11.6).

| kind | target | other keys |
|---|---|---|
| renumber_references | the document (its id, "Section L") or a provision (it and its descendants, definitions' meanings included) | ``from`` (the old address), ``to`` (the new one) |

Citations are found by ``secdocs.model.citations``: "Section L11.5", "L11.5(b)", "Sections L11.5 to
L11.7", "L11.5 - L11.7" are rewritten, and so is a sub-paragraph of the old address
("L11.5(b)" → "L11.6(b)"); a citation of another document's numbering ("Part 4.9.1 of the
Organisation Certificate Policy") and a bare address outside a citation are left alone. Each
rewrite is a word edit, so it redlines like a ``substitute``. Finding no citation is an error.
"""

from __future__ import annotations

from typing import Any

from ...model.citations import Item, find_citations
from ...model import Provision, Run, iter_provisions, plain, walk
from ..text import splice
from .context import Ctx, Fail, locate, uid_or
from .op import Op
from .results import OpResult
from .spec import EDITS_WORDS, KindSpec


def _scope(ctx: Ctx, op: Op) -> tuple[str, list[Provision]]:
    """The address of the scope and every provision in it whose text may cite."""
    if op.target.strip() == ctx.doc.id:
        address, tops = ctx.doc.id, ctx.doc.provisions
    else:
        loc = locate(ctx, op.target)
        address, tops = loc.address, [loc.provision]
    out = []
    for _path, p in walk(tops):
        out.append(p)
        for d in p.definitions:
            out.extend(iter_provisions(d.meaning))
    return address, out


def _rewrite(item: Item, old: str, new: str) -> tuple[int, int, str] | None:
    """The edit of one cited label: (start, end, replacement) in the text, or None when it does
    not cite ``old`` or a paragraph of it. A label written short ("(c)" of "L3.13(b) or (c)")
    is rewritten only where it spells part of ``old``."""
    if item.label != old and not item.label.startswith(old + "("):
        return None
    implied = item.label[:len(item.label) - len(item.text)]  # what the short form leaves unwritten
    written_old = len(old) - len(implied)  # how much of ``old`` is written here
    if written_old <= 0:
        return None
    replacement = new[len(implied):] if new.startswith(implied) else new
    return item.start, item.start + written_old, replacement


def _edits(text: str, old: str, new: str) -> list[tuple[int, int, str]]:
    out = []
    for cite in find_citations(text):
        if cite.form == "whole" or (cite.of and not cite.of.startswith("this ")):
            continue  # a whole document, or another document's numbering
        out += [e for e in (_rewrite(item, old, new) for item in cite.items) if e is not None]
    return out


def renumber_references(ctx: Ctx, op: Op) -> OpResult:
    old, new = op.get("from").strip(), op.get("to").strip()
    address, provisions = _scope(ctx, op)
    found = [(p, edits) for p in provisions if (edits := _edits(plain(p.text), old, new))]
    if not found:
        raise Fail(f"no citation of {old} in {address}")
    for p, edits in found:
        for start, end, _ in edits:
            ctx.touches.check_range(p, "text", start, end)
    before, after, uids = [], [], []
    for p, edits in found:
        before.append(p.full_text)
        for start, end, replacement in reversed(edits):  # right to left: earlier offsets stay put
            p.text = splice(p.text, start, end, [Run(replacement)])
            ctx.touches.record_edit(p, "text", start, end, len(replacement), (start, start + len(replacement)), op)
        after.append(p.full_text)
        uids.append(uid_or(p, address))
    return OpResult.of(op, address, before="\n".join(before), after="\n".join(after), uids=uids)


def _addresses(table: dict[str, Any]) -> list[str]:
    reasons = []
    for key in ("from", "to"):
        value = table.get(key)
        if key in table and (not isinstance(value, str) or not value.strip() or " " in value.strip()):
            reasons.append(f"{key} must be one address, such as L11.5")
    if isinstance(table.get("from"), str) and table.get("from", "").strip() == str(table.get("to", "")).strip():
        reasons.append("from and to are the same address")
    return reasons


KINDS = [
    KindSpec("renumber_references", renumber_references, "References renumbered", ("from", "to"),
             expect_allowed=False, effect=EDITS_WORDS, extra_check=_addresses),
]
