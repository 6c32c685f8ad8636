"""Alignment of two documents' blocks (paragraphs, tables, rows, notes) in document order.

A :class:`BlockKey` is a plain descriptor of one block — no XML: its kind (``p``, ``tbl``,
``tr``, ``sdt``, ``note``), an exact key (equal keys mean byte-identical blocks), its text and
its provision address (a typed or automatic number, when it has one). :func:`align_blocks`
pairs OLD's blocks with NEW's without ever crossing two pairs, so the result keeps both
documents' order:

1. the identical blocks at both ends are paired at once (most of a later version);
2. in the middle, :func:`secdocs.align.align_by_content` pairs identical blocks, then the same
   text, then blocks that carry the same address or have similar text (the same kind only);
3. whatever is left is deleted (OLD only) or inserted (NEW only), deletions first in each gap.

:func:`moved_pairs` finds, among the deleted and inserted blocks, those with the same text (a
block that moved), for ``--moves``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Hashable, Sequence

from .align import align_by_content

Index = int | None


@dataclass(frozen=True)
class BlockKey:
    kind: str
    exact: Hashable  # equal exact keys: identical blocks
    text: str
    address: str | None = None


def align_blocks(a: Sequence[BlockKey], b: Sequence[BlockKey]) -> list[tuple[Index, Index]]:
    """Index pairs in output order; ``None`` on the side a block is missing from."""
    n, m = len(a), len(b)
    lo = 0
    while lo < n and lo < m and a[lo].exact == b[lo].exact:
        lo += 1
    hi = 0
    while hi < n - lo and hi < m - lo and a[n - 1 - hi].exact == b[m - 1 - hi].exact:
        hi += 1
    out: list[tuple[Index, Index]] = [(k, k) for k in range(lo)]
    mid_a, mid_b = a[lo:n - hi], b[lo:m - hi]
    if mid_a and mid_b:
        where = {id(x): lo + k for k, x in enumerate(mid_a)}
        where.update({id(x): lo + k for k, x in enumerate(mid_b)})
        pairs = align_by_content(mid_a, mid_b, exact=lambda x: x.exact, text=lambda x: x.text,
                                 number=lambda x: x.address, renumbered=_renumbered, kind=lambda x: x.kind)
        out.extend((None if x is None else where[id(x)], None if y is None else where[id(y)]) for x, y in pairs)
    else:
        out.extend((lo + k, None) for k in range(len(mid_a)))
        out.extend((None, lo + k) for k in range(len(mid_b)))
    out.extend((n - hi + k, m - hi + k) for k in range(hi))
    return out


def _renumbered(key: BlockKey) -> Hashable | None:
    return (key.kind, key.text) if key.text.strip() else None


def moved_pairs(a: Sequence[BlockKey], b: Sequence[BlockKey], pairs: list[tuple[Index, Index]],
                min_chars: int = 20) -> dict[int, int]:
    """OLD index → NEW index of deleted and inserted blocks with the same non-trivial text,
    each text unique among the deletions and among the insertions (a move is unambiguous)."""
    dels: dict[str, list[int]] = {}
    inss: dict[str, list[int]] = {}
    for i, j in pairs:
        if j is None and i is not None and a[i].kind == "p" and len(a[i].text.strip()) >= min_chars:
            dels.setdefault(a[i].text, []).append(i)
        elif i is None and j is not None and b[j].kind == "p" and len(b[j].text.strip()) >= min_chars:
            inss.setdefault(b[j].text, []).append(j)
    return {d[0]: inss[t][0] for t, d in dels.items() if len(d) == 1 and len(inss.get(t, ())) == 1}


_ROMAN = set("ivxlc")


def _paren_class(label: str, stack: list[tuple[str, str]]) -> str:
    inner = label[1:-1]
    if inner.isdigit():
        return "digit"
    if inner.isupper():
        return "upper-roman" if set(inner.lower()) <= _ROMAN and any(c == "upper-alpha" for c, _ in stack) else "upper"
    if set(inner) <= _ROMAN:
        # "(i)" right after "(h)" (or "(c)" after "(b)") is a letter; otherwise a numeral
        top = stack[-1] if stack else None
        if top is not None and top[0] == "lower" and len(inner) == 1 and len(top[1]) == 3 \
                and ord(inner) == ord(top[1][1]) + 1:
            return "lower"
        return "lower-roman"
    return "lower"


def full_addresses(labels: Sequence[str | None]) -> list[str | None]:
    """Whole provision addresses from the labels of a run of blocks in order: a paragraph
    label ``(a)`` after clause ``L1.15`` is ``L1.15(a)``, ``(i)`` below it ``L1.15(a)(i)``; a
    decimal or lettered number (``L1.16A``, ``4.9.1``) starts afresh."""
    out: list[str | None] = []
    base = ""
    stack: list[tuple[str, str]] = []
    for label in labels:
        if not label:
            out.append(None)
            continue
        if not label.startswith("("):
            base, stack = label.rstrip("."), []
            out.append(base)
            continue
        cls = "upper" if label[1:-1].isupper() and not stack else _paren_class(label, stack)
        for k, (c, _) in enumerate(stack):
            if c == cls:
                del stack[k:]
                break
        stack.append((cls, label))
        out.append(base + "".join(x for _, x in stack))
    return out
