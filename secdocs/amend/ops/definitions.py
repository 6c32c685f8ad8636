"""The definition kinds, acting on a row of a definitions table: ``insert_definition`` (placed in
the table's order), ``amend_definition`` (the whole meaning, or words of it), ``delete_definition``
(the row is removed, as the Code does with definitions).

| kind | target | other keys |
|---|---|---|
| insert_definition | the new term (or ``A1.1:"Term"``) | ``meaning`` |
| amend_definition | the term | ``meaning`` (whole meaning) or ``words`` → ``by`` (+ ``occurrence``) |
| delete_definition | the term | |
"""

from __future__ import annotations

import re
from typing import Any

from ...model.address import nearest
from ...model import Definition, Provision, Run, iter_provisions, plain
from ..text import find_all, splice
from ...model.markup import parse_inline
from .context import Ctx, Fail, check_expect, conflict, uid_or
from .numbers import build_items, keep_identity
from .op import Op
from .results import OpResult
from .spec import INSERTS, REMOVES, REWRITES, KindSpec

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


def split_definition_target(target: str) -> tuple[str | None, str]:
    m = _DEF_TARGET_RE.match(target)
    if m:
        return m.group("holder"), m.group("term").strip()
    return None, target.strip().strip('"').strip()


def _holder(ctx: Ctx, holder: str | None) -> tuple[Provision, str]:
    """The provision holding the definitions table (named, or the only one)."""
    tables = [loc for loc in ctx.index().values() if loc.provision.definitions]
    if holder is not None:
        for loc in tables:
            if loc.address == holder:
                return loc.provision, loc.address
        raise Fail(f"{holder} holds no definitions table"
                    + (f" (tables: {', '.join(t.address for t in tables)})" if tables else ""))
    if not tables:
        raise Fail(f"{ctx.doc.id or 'the document'} has no definitions table")
    if len(tables) > 1:
        raise Fail(f"more than one definitions table; write target = '{tables[0].address}:\"Term\"'")
    return tables[0].provision, tables[0].address


def _find_definition(ctx: Ctx, op: Op) -> tuple[Provision, str, Definition | None, str]:
    holder_name, term = split_definition_target(op.target)
    holder, holder_address = _holder(ctx, holder_name)
    for d in holder.definitions:
        if d.term_text == term:
            return holder, holder_address, d, term
    return holder, holder_address, None, term


def _meaning_text(d: Definition) -> str:
    return d.meaning_text


def insert_definition(ctx: Ctx, op: Op) -> OpResult:
    holder, holder_address, existing, term = _find_definition(ctx, op)
    if not term:
        raise Fail("no term")
    key = definition_key(term)
    clash = existing or next((d for d in holder.definitions if definition_key(d.term_text) == key), None)
    if clash is not None:
        raise Fail(f"definition \"{clash.term_text}\" already exists; use amend_definition")
    uid = f"new:def:{term}"
    meaning = build_items(ctx, op.get("meaning"), 1, uid, "meaning", "/")
    new = Definition(term=[Run(term, bold=True, term=True)], meaning=meaning, uid=uid)
    at = len(holder.definitions)
    for n, d in enumerate(holder.definitions):
        if definition_key(d.term_text) > key:
            at = n
            break
    holder.definitions.insert(at, new)
    ctx.touches.mark_whole([new], op)
    return OpResult.of(op, f'{holder_address}:"{term}"', before="", after=f"{term}: {new.meaning_text}",
                       uids=[uid] + [p.uid for p in iter_provisions(meaning)])


def _missing_definition(holder: Provision, term: str) -> Fail:
    close = nearest(term, [d.term_text for d in holder.definitions])
    hint = f"; nearest: {', '.join(close)}" if close else ""
    return Fail(f"no definition of \"{term}\" to amend or delete{hint}")


def amend_definition(ctx: Ctx, op: Op) -> OpResult:
    holder, holder_address, d, term = _find_definition(ctx, op)
    if d is None:
        raise _missing_definition(holder, term)
    check_expect(ctx, op, d, _meaning_text(d), _meaning_text)
    address = f'{holder_address}:"{term}"'
    before = f"{term}: {d.meaning_text}"
    uids = [uid_or(d, f"def:{term}")]
    if op.get("meaning") is not None:
        ctx.touches.check_whole([d] + list(iter_provisions(d.meaning)))
        built = build_items(ctx, op.get("meaning"), 1, f"new:{d.uid or 'def:' + term}", "meaning", "/")
        keep_identity(built, d.meaning)
        d.meaning = built
        ctx.touches.mark_whole([d] + list(iter_provisions(d.meaning)), op)
        uids += [p.uid for p in iter_provisions(d.meaning) if p.uid]
    else:
        if id(d) in ctx.touches.whole:
            raise Fail(conflict(ctx.touches.whole[id(d)], "the same definition"))
        words, occurrence = op.get("words"), op.get("occurrence")
        hits = []
        for p in iter_provisions(d.meaning):
            hits += [(p, s) for s in find_all(p.own_text, words)]
        if not hits:
            raise Fail(f"words \"{words}\" not found in the meaning of \"{term}\"")
        if occurrence is None and len(hits) > 1:
            raise Fail(f"words \"{words}\" found {len(hits)} times in the meaning of \"{term}\";"
                        f" give occurrence = 1..{len(hits)}")
        if occurrence is not None and occurrence > len(hits):
            raise Fail(f"words \"{words}\" found {len(hits)} time(s) in the meaning of \"{term}\","
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
    return OpResult.of(op, address, before=before, after=f"{term}: {d.meaning_text}", uids=uids)


def delete_definition(ctx: Ctx, op: Op) -> OpResult:
    holder, holder_address, d, term = _find_definition(ctx, op)
    if d is None:
        raise _missing_definition(holder, term)
    check_expect(ctx, op, d, _meaning_text(d), _meaning_text)
    ctx.touches.check_whole([d] + list(iter_provisions(d.meaning)))
    holder.definitions.remove(d)
    ctx.touches.mark_whole([d], op)
    uids = [uid_or(d, f"def:{term}")] + [p.uid for p in iter_provisions(d.meaning) if p.uid]
    return OpResult.of(op, f'{holder_address}:"{term}"', before=f"{term}: {d.meaning_text}", after="",
                       uids=uids)


def _words_need_by(table: dict[str, Any]) -> list[str]:
    reasons = []
    if "words" in table and "by" not in table:
        reasons.append("missing key 'by' for amend_definition with words")
    if "by" in table and "words" not in table:
        reasons.append("key 'by' needs 'words' for amend_definition")
    return reasons


KINDS = [
    KindSpec("insert_definition", insert_definition, "Definition inserted", ("meaning",), (), expect_allowed=False,
             target="definition", effect=INSERTS),
    KindSpec("amend_definition", amend_definition, "Definition amended", (), ("meaning", "words", "by", "occurrence"),
             one_of=(("meaning", "words"),), exclusive=(("meaning", "words"),), target="definition",
             effect=REWRITES, words_key="words", extra_check=_words_need_by),
    KindSpec("delete_definition", delete_definition, "Definition deleted", target="definition", effect=REMOVES),
]
