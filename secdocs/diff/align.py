"""Alignment of two versions of a list of siblings (provisions, definitions, table rows).

Two modes:

* **by identity** (``uid``): the redline of an amendment. Amendments keep a provision's ``uid``
  when they change it and give new provisions fresh ones, so the longest common subsequence of
  the uid lists pairs every surviving provision with itself; the rest are insertions and
  deletions.
* **by content** (compare of two arbitrary versions). In order, each stage working only in the
  gaps the previous one left:

  1. identical provisions (same kind, number and text) — the longest common subsequence;
  2. the same text under a different number (a renumbered provision), unique on both sides;
  3. the best order-preserving pairing of what is left (dynamic programming): two items of the
     same kind may pair when they carry the same number (SEC never renumbers, so a number names
     a provision across versions) or their texts are similar (word-level ratio of at least
     :data:`SIMILARITY`); a pair scores its similarity plus :data:`NUMBER_BONUS` for an equal
     number, so a rewritten clause stays with its number unless another clause in the gap is a
     much closer match (the rewritten text was moved under a new number). Gaps too large for
     the table pair by unique number, then by position.

  Documents without numbers (every paragraph a ``Kind.TEXT``) thus get a paragraph-by-paragraph
  sequence alignment with a word diff inside the replaced pairs.

Stage 2 keeps only order-consistent pairs (a longest increasing subsequence), so an
alignment never crosses itself. Each function returns ``[(old, new)]`` in output order, with
``None`` on the side that lacks the item; within a gap deletions come before insertions.
"""

from __future__ import annotations

import bisect
import re
from typing import Callable, Hashable, Sequence, TypeVar

T = TypeVar("T")
Pair = tuple[T | None, T | None]

SIMILARITY = 0.4  # word-level ratio above which two unnumbered or renumbered items are paired
NUMBER_BONUS = 0.6  # added to a pair's score when both items carry the same number
_DP_LIMIT = 10_000  # cells of the similarity table before falling back to positional pairing

_WORD_RE = re.compile(r"\w+(?:[.'’\-/]\w+)*|[^\w\s]")


def words(text: str) -> list[str]:
    """The comparison form of a text: lower-case words and punctuation, no spaces."""
    return _WORD_RE.findall(text.lower())


def similarity(a: Sequence[str], b: Sequence[str]) -> float:
    """difflib's ratio over word lists (1.0 identical, 0.0 nothing in common)."""
    if not a and not b:
        return 1.0
    import difflib  # start-up: only when first needed (a compare of two close versions may never need it)

    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if sm.real_quick_ratio() < SIMILARITY or sm.quick_ratio() < SIMILARITY:
        return 0.0
    return sm.ratio()


def _lcs_pairs(ka: Sequence[Hashable], kb: Sequence[Hashable]) -> list[tuple[int, int]]:
    import difflib  # start-up: only when first needed

    sm = difflib.SequenceMatcher(None, ka, kb, autojunk=False)
    out = []
    for a, b, n in sm.get_matching_blocks():
        out.extend((a + k, b + k) for k in range(n))
    return out


def _lis(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest subsequence of pairs (sorted by first index) increasing in the second."""
    pairs = sorted(pairs)
    tails: list[int] = []
    tails_idx: list[int] = []
    prev: list[int] = [-1] * len(pairs)
    for i, (_, b) in enumerate(pairs):
        k = bisect.bisect_left(tails, b)
        if k == len(tails):
            tails.append(b)
            tails_idx.append(i)
        else:
            tails[k] = b
            tails_idx[k] = i
        prev[i] = tails_idx[k - 1] if k else -1
    out = []
    i = tails_idx[-1] if tails_idx else -1
    while i >= 0:
        out.append(pairs[i])
        i = prev[i]
    return out[::-1]


def _unique_pairs(ia: Sequence[int], ib: Sequence[int], key: Callable[[int, str], Hashable | None]) -> list[tuple[int, int]]:
    """Order-consistent pairs of items whose key is unique on both sides of the gap."""
    def index(items, side):
        seen: dict[Hashable, int | None] = {}
        for i in items:
            k = key(i, side)
            if k is None:
                continue
            seen[k] = None if k in seen else i
        return seen

    sa, sb = index(ia, "a"), index(ib, "b")
    pairs = [(i, sb[k]) for k, i in sa.items() if i is not None and sb.get(k) is not None]
    return _lis(pairs)


def _unpaired(ia: Sequence[int], ib: Sequence[int]) -> list[tuple[int | None, int | None]]:
    """A gap with nothing paired: its deletions, then its insertions."""
    return [(i, None) for i in ia] + [(None, j) for j in ib]


class _Aligner:
    def __init__(self, exact: Callable, renumbered: Callable | None, number: Callable | None,
                 text: Callable | None, kind: Callable | None):
        self.exact, self.renumbered, self.number, self.text, self.kind = exact, renumbered, number, text, kind
        self._words: dict[tuple[str, int], list[str]] = {}

    def run(self, a: Sequence, b: Sequence) -> list[tuple[int | None, int | None]]:
        self.a, self.b = a, b
        ka = [self.exact(x) for x in a]
        kb = [self.exact(x) for x in b]
        anchors = _lcs_pairs(ka, kb)
        return self._between(list(range(len(a))), list(range(len(b))), anchors, stage=1)

    def _between(self, ia: list[int], ib: list[int], anchors: list[tuple[int, int]], stage: int):
        """Pairs for the gap ``ia``/``ib`` given order-consistent anchors; gaps go to ``stage``."""
        out: list[tuple[int | None, int | None]] = []
        pa = pb = 0  # positions in ia / ib
        for x, y in anchors + [(None, None)]:
            ea = ia.index(x, pa) if x is not None else len(ia)
            eb = ib.index(y, pb) if y is not None else len(ib)
            out.extend(self._stage(ia[pa:ea], ib[pb:eb], stage))
            if x is not None:
                out.append((x, y))
            pa, pb = ea + 1, eb + 1
        return out

    def _stage(self, ia: list[int], ib: list[int], stage: int):
        if not ia or not ib:
            return _unpaired(ia, ib)
        if stage == 1 and self.renumbered is not None:
            anchors = _unique_pairs(ia, ib, lambda i, s: self.renumbered(self._item(s, i)))
            return self._between(ia, ib, anchors, 2)
        if self.text is None:
            return _unpaired(ia, ib)
        if len(ia) * len(ib) > _DP_LIMIT and stage <= 2 and self.number is not None:
            anchors = _unique_pairs(ia, ib, lambda i, s: self.number(self._item(s, i)))
            return self._between(ia, ib, anchors, 3)
        return self._similar(ia, ib)

    def _item(self, side: str, i: int):
        return (self.a if side == "a" else self.b)[i]

    def _w(self, side: str, i: int) -> list[str]:
        key = (side, i)
        got = self._words.get(key)
        if got is None:
            got = self._words[key] = words(self.text(self._item(side, i)))
        return got

    def _compatible(self, i: int, j: int) -> bool:
        return self.kind is None or self.kind(self.a[i]) == self.kind(self.b[j])

    def _similar(self, ia: list[int], ib: list[int]):
        n, m = len(ia), len(ib)
        if n * m > _DP_LIMIT:
            # too big to compare all against all: pair by position where kinds agree
            out = []
            for k in range(max(n, m)):
                i = ia[k] if k < n else None
                j = ib[k] if k < m else None
                if i is not None and j is not None and not self._compatible(i, j):
                    out.extend([(i, None), (None, j)])
                else:
                    out.append((i, j))
            return _deletions_first(out)
        sim = {}
        score = [[0.0] * (m + 1) for _ in range(n + 1)]
        for x in range(1, n + 1):
            row, up = score[x], score[x - 1]
            for y in range(1, m + 1):
                best = max(up[y], row[y - 1])
                i, j = ia[x - 1], ib[y - 1]
                if self._compatible(i, j):
                    s = similarity(self._w("a", i), self._w("b", j))
                    if self.number is not None:
                        num = self.number(self.a[i])
                        if num is not None and num == self.number(self.b[j]):
                            s = max(s, 1e-6) + NUMBER_BONUS
                    if s >= SIMILARITY:
                        sim[(x, y)] = s
                        best = max(best, up[y - 1] + s)
                row[y] = best
        pairs = []
        x, y = n, m
        while x and y:
            s = sim.get((x, y))
            if s is not None and score[x][y] == score[x - 1][y - 1] + s:
                pairs.append((ia[x - 1], ib[y - 1]))
                x, y = x - 1, y - 1
            elif score[x][y] == score[x - 1][y]:
                x -= 1
            else:
                y -= 1
        pairs.reverse()
        out: list[tuple[int | None, int | None]] = []
        pa = pb = 0
        for i, j in pairs + [(None, None)]:
            ea = ia.index(i, pa) if i is not None else n
            eb = ib.index(j, pb) if j is not None else m
            out.extend(_unpaired(ia[pa:ea], ib[pb:eb]))
            if i is not None:
                out.append((i, j))
            pa, pb = ea + 1, eb + 1
        return out


def _deletions_first(pairs):
    """Within each run of unpaired items, deletions before insertions."""
    out, dels, inss = [], [], []
    for i, j in pairs:
        if i is not None and j is not None:
            out.extend(dels + inss)
            dels, inss = [], []
            out.append((i, j))
        elif i is not None:
            dels.append((i, None))
        else:
            inss.append((None, j))
    return out + dels + inss


def _items(a: Sequence[T], b: Sequence[T], idx) -> list[Pair]:
    """Index pairs (deletions first within each gap) as item pairs."""
    return [(a[i] if i is not None else None, b[j] if j is not None else None) for i, j in _deletions_first(idx)]


def align_by_key(a: Sequence[T], b: Sequence[T], key: Callable[[T], Hashable]) -> list[Pair]:
    """Pairs of items with equal keys (longest common subsequence); the rest unpaired."""
    return _items(a, b, _Aligner(key, None, None, None, None).run(a, b))


def align_by_content(a: Sequence[T], b: Sequence[T], *, exact: Callable[[T], Hashable],
                     text: Callable[[T], str], number: Callable[[T], Hashable | None] | None = None,
                     renumbered: Callable[[T], Hashable | None] | None = None,
                     kind: Callable[[T], Hashable] | None = None) -> list[Pair]:
    """The staged content alignment described in the module docstring."""
    return _items(a, b, _Aligner(exact, renumbered, number, text, kind).run(a, b))
