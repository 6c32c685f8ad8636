"""Alignment of two documents' blocks (paragraphs, tables, rows, notes) in document order.

A :class:`BlockKey` is a plain descriptor of one block — no XML: its kind (``p``, ``tbl``,
``tr``, ``sdt``, ``note``), an exact key (equal keys mean byte-identical blocks), its text and
its provision address (a typed or automatic number, when it has one). :func:`align_blocks`
pairs OLD's blocks with NEW's without ever crossing two pairs, so the result keeps both
documents' order:

1. the identical blocks at both ends are paired at once (most of a later version), then the
   blocks identical and unique on both sides (the longest run of them in the same order);
2. in each gap left, a single block replaced by one of its kind is paired with it; otherwise
   :func:`secdocs.diff.align.align_by_content` pairs blocks with the same text, then blocks that
   carry the same address or have similar text (the same kind only);
3. whatever is left is deleted (OLD only) or inserted (NEW only), deletions first in each gap.

:func:`moved_pairs` finds, among the deleted and inserted blocks, those with the same text (a
block that moved), for ``--moves``.
"""

from __future__ import annotations

from typing import Callable, Hashable, Sequence

from .align import _lis, align_by_content

Index = int | None


class BlockKey:
    """One block: ``kind``; ``exact`` (equal exact keys: identical blocks); ``text`` (given, or
    worked out on first use by ``get``: most blocks of a later version are identical and never
    need it); ``address`` (its provision number, when it has one: given, or worked out on first
use by ``locate``)."""

    __slots__ = ("kind", "exact", "_text", "_get", "_address", "_locate")

    def __init__(self, kind: str, exact: Hashable, text: str | None = None, address: str | None = None,
                 get: Callable[[], str] | None = None, locate: Callable[[], str | None] | None = None):
        self.kind, self.exact, self._text, self._get = kind, exact, text, get
        self._address, self._locate = address, locate

    @property
    def text(self) -> str:
        if self._text is None:
            self._text = self._get() if self._get is not None else ""
        return self._text

    @property
    def address(self) -> str | None:
        if self._locate is not None:
            self._address, self._locate = self._locate(), None
        return self._address

    def __repr__(self) -> str:
        return f"BlockKey({self.kind!r}, {self.address!r}, {self.text[:30]!r})"


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
    # blocks identical and unique on both sides anchor the rest (in order: a longest increasing
    # run of them); each gap between two anchors is aligned on its own
    anchors = _unique_anchors(a, b, lo, n - hi, lo, m - hi)
    pa, pb = lo, lo
    for i, j in anchors + [(n - hi, m - hi)]:
        out.extend(_gap(a, b, pa, i, pb, j))
        if i < n - hi:
            out.append((i, j))
        pa, pb = i + 1, j + 1
    out.extend((n - hi + k, m - hi + k) for k in range(hi))
    return out


def _unique_anchors(a, b, a0: int, a1: int, b0: int, b1: int) -> list[tuple[int, int]]:
    def unique(keys, lo, hi):
        seen: dict = {}
        for k in range(lo, hi):
            e = keys[k].exact
            seen[e] = None if e in seen else k
        return seen

    ua, ub = unique(a, a0, a1), unique(b, b0, b1)
    pairs = [(i, ub[e]) for e, i in ua.items() if i is not None and ub.get(e) is not None]
    return _lis(pairs)


def _gap(a, b, a0: int, a1: int, b0: int, b1: int) -> list[tuple[Index, Index]]:
    mid_a, mid_b = a[a0:a1], b[b0:b1]
    if not (mid_a and mid_b):
        return [(a0 + k, None) for k in range(len(mid_a))] + [(None, b0 + k) for k in range(len(mid_b))]
    where = {id(x): a0 + k for k, x in enumerate(mid_a)}
    where.update({id(x): b0 + k for k, x in enumerate(mid_b)})
    if len(mid_a) == len(mid_b) == 1 and mid_a[0].kind == mid_b[0].kind:
        return [(a0, b0)]  # one block replaced by one of its kind: compared word by word
    pairs = align_by_content(mid_a, mid_b, exact=lambda x: (x.kind, x.text), text=lambda x: x.text,
                             number=lambda x: x.address, renumbered=_renumbered, kind=lambda x: x.kind)
    return [(None if x is None else where[id(x)], None if y is None else where[id(y)]) for x, y in pairs]


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
