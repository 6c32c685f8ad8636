"""The word edits within one provision's text: ``substitute`` (words by other words),
``insert_text`` (words next to an anchor), ``delete_text`` (words removed).

| kind | target | other keys |
|---|---|---|
| substitute | the provision | ``words`` → ``by``; ``occurrence`` when the words appear more than once |
| insert_text | the provision | ``anchor``, ``position`` = "after" (default) / "before", ``text``, ``occurrence`` |
| delete_text | the provision | ``words``, ``occurrence`` |
"""

from __future__ import annotations

from ...model import Provision, plain
from ..text import NotFound, locate_words, splice
from ...model.markup import parse_inline
from .context import Ctx, Fail, check_expect, locate, text_of, uid_or
from .op import Op
from .results import OpResult
from .spec import EDITS_WORDS, KindSpec


def _text_field(p: Provision) -> str:
    return "text" if p.text or not p.heading else "heading"


def edit_words(ctx: Ctx, op: Op, p: Provision, words: str, replacement: str | None,
                anchor_mode: str | None = None) -> None:
    """Substitute (replacement given), delete (replacement None, no anchor) or insert next to an
    anchor (anchor_mode "before"/"after") within one provision's text, checking conflicts."""
    fld = _text_field(p)
    runs = getattr(p, fld)
    text = plain(runs)
    try:
        start = locate_words(text, words, op.get("occurrence"), "anchor" if anchor_mode else "words")
    except NotFound as exc:
        raise Fail(str(exc)) from None
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


def _text_op(ctx: Ctx, op: Op) -> OpResult:
    loc = locate(ctx, op.target)
    p = loc.provision
    check_expect(ctx, op, p, text_of(p), text_of)
    before = text_of(p)
    if op.kind == "substitute":
        edit_words(ctx, op, p, op.get("words"), op.get("by"))
    elif op.kind == "delete_text":
        edit_words(ctx, op, p, op.get("words"), None)
    else:
        edit_words(ctx, op, p, op.get("anchor"), op.get("text"), op.get("position", "after"))
    return OpResult.of(op, loc.address, before=before, after=text_of(p), uids=[uid_or(p, loc.address)])


KINDS = [
    KindSpec("substitute", _text_op, "Words substituted", ("words", "by"), ("occurrence",), effect=EDITS_WORDS,
             words_key="words"),
    KindSpec("insert_text", _text_op, "Words inserted", ("anchor", "text"), ("position", "occurrence"),
             effect=EDITS_WORDS, words_key="anchor"),
    KindSpec("delete_text", _text_op, "Words deleted", ("words",), ("occurrence",), effect=EDITS_WORDS,
             words_key="words"),
]
