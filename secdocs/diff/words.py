"""Word-level diff of provision text, cleaned up the way a lawyer marks a change.

Text is cut into tokens — words (``L1.17A``, ``Supplier's`` and ``co-operate`` are one word),
runs of whitespace, and single punctuation marks — and each distinct token becomes one character
so that diff-match-patch (``diff_main`` then ``diff_cleanupSemantic``) diffs words, not letters.
The raw diff is then tidied (:func:`tidy`):

* a change always covers whole words (that is what the tokens are);
* an equal stretch between two changes that is only spaces, one punctuation mark or one short
  word (``the``, ``of``, ``a``) is folded into the change around it, so a reader sees
  ``[struck: a the c][inserted: b the d]`` rather than a word salad with one-letter islands;
* a pure insertion or deletion that could sit in several places (``quick `` or `` quick``) is
  slid to start on a word and end with its space (``The [quick ]brown``), or, when it ends the
  sentence, to start with its space (``fox[ and hound].``);
* a replacement that opens a bracket or quotation mark takes the closing mark with it
  (``[thirty (30)][sixty (60)]``, not ``[thirty (30][sixty (60])``), and an amount such as
  ``125,000`` is one word.

A token's identity includes its formatting (bold, italic, underline, defined-term), so a word
that only changed format is shown deleted and re-inserted, and both views keep the exact runs.
:func:`diff_runs` maps the token diff back onto the runs of each side: equal text keeps the
formatting of its runs, deleted text the old runs', inserted text the new runs'; runs are split
at token boundaries and marked with a :class:`~secdocs.model.Change`.

The diff is deterministic (no time limit is set on diff-match-patch).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Hashable, Sequence

from diff_match_patch import diff_match_patch

from ..model import Change, Run, normalise_runs, plain

EQUAL, DELETE, INSERT = "equal", "delete", "insert"

TOKEN_RE = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\w+(?:[.'’\-/]\w+)*|\s+|[^\w\s]")
_PAIRS = {"(": ")", "[": "]", "\u201c": "\u201d", "\u2018": "\u2019"}
_CLOSERS = {v: k for k, v in _PAIRS.items()}

_SHORT_WORD = 3  # an equal word this short between two changes is folded into them

_DMP = diff_match_patch()
_DMP.Diff_Timeout = 0  # no time limit: the same inputs always give the same diff


def tokenize(text: str) -> list[str]:
    """Words, whitespace runs and punctuation marks, in order; ``"".join`` gives ``text`` back."""
    return TOKEN_RE.findall(text)


def _is_space(token: str) -> bool:
    return token[:1].isspace()


def _is_word(token: str) -> bool:
    return bool(token) and (token[0].isalnum() or token[0] == "_")


@dataclass
class _Seg:
    """A stretch of the diff: equal (a and b ranges hold the same tokens) or a change."""

    equal: bool
    a0: int
    a1: int
    b0: int
    b1: int


def _encode(keys_a: Sequence[Hashable], keys_b: Sequence[Hashable]) -> tuple[str, str]:
    table: dict[Hashable, str] = {}

    def enc(keys: Sequence[Hashable]) -> str:
        out = []
        for k in keys:
            ch = table.get(k)
            if ch is None:
                code = 0x100 + len(table)
                if code >= 0xD800:  # skip the surrogate range
                    code += 0x800
                ch = table[k] = chr(code)
            out.append(ch)
        return "".join(out)

    return enc(keys_a), enc(keys_b)


def _raw_segments(keys_a: Sequence[Hashable], keys_b: Sequence[Hashable]) -> list[_Seg]:
    """diff-match-patch over the token keys, as alternating equal / change segments."""
    a, b = _encode(keys_a, keys_b)
    diffs = _DMP.diff_main(a, b, False)
    _DMP.diff_cleanupSemantic(diffs)
    segs: list[_Seg] = []
    ia = ib = 0
    for op, chars in diffs:
        n = len(chars)
        if not n:
            continue
        if op == 0:
            segs.append(_Seg(True, ia, ia + n, ib, ib + n))
            ia += n
            ib += n
            continue
        if not segs or segs[-1].equal:
            segs.append(_Seg(False, ia, ia, ib, ib))
        if op < 0:
            segs[-1].a1 += n
            ia += n
        else:
            segs[-1].b1 += n
            ib += n
    return segs


def _small_equal(tokens: Sequence[str]) -> bool:
    """Spaces, one punctuation mark or one short word (with its spaces): folded into changes."""
    solid = [t for t in tokens if not _is_space(t)]
    if not solid:
        return True
    if len(solid) > 1:
        return False
    t = solid[0]
    return not _is_word(t) or len(t) <= _SHORT_WORD


def _slide_score(tokens: Sequence[str]) -> int:
    first, last = tokens[0], tokens[-1]
    if _is_word(first) and _is_space(last):
        return 3  # "quick " — a word and its following space
    if _is_space(first) and not _is_space(last):
        return 2  # " and hound" before a full stop
    if not _is_space(first) and not _is_space(last):
        return 1
    return 0


def _fold(segs: list[_Seg], ta: Sequence[str]) -> list[_Seg]:
    """Fold small equalities between two changes into one change (until none is left)."""
    changed = True
    while changed:
        changed = False
        out: list[_Seg] = []
        i = 0
        while i < len(segs):
            s = segs[i]
            if (s.equal and out and not out[-1].equal and i + 1 < len(segs) and not segs[i + 1].equal
                    and _small_equal(ta[s.a0:s.a1])):
                nxt = segs[i + 1]
                prev = out[-1]
                prev.a1, prev.b1 = nxt.a1, nxt.b1
                i += 2
                changed = True
                continue
            if out and not s.equal and not out[-1].equal:  # two changes touching: one change
                out[-1].a1, out[-1].b1 = s.a1, s.b1
                i += 1
                continue
            out.append(s)
            i += 1
        segs = out
    return segs


def tidy(segs: list[_Seg], ta: Sequence[str], tb: Sequence[str],
         ka: Sequence[Hashable] | None = None, kb: Sequence[Hashable] | None = None) -> list[_Seg]:
    """The lawyer-style clean-up described in the module docstring (in place and returned).

    ``ta``/``tb`` are the token texts; ``ka``/``kb`` the keys that decide equality (texts when
    not given)."""
    ka = ta if ka is None else ka
    kb = tb if kb is None else kb
    # 1. fold small equalities between two changes into the changes
    segs = _fold(segs, ta)

    # 2. slide pure insertions / deletions to word boundaries
    for k, s in enumerate(segs):
        if s.equal:
            continue
        pure_del = s.b0 == s.b1
        pure_ins = s.a0 == s.a1
        if not (pure_del or pure_ins):
            continue
        prev = segs[k - 1] if k > 0 else None
        nxt = segs[k + 1] if k + 1 < len(segs) else None
        toks, keys, lo, hi = (ta, ka, s.a0, s.a1) if pure_del else (tb, kb, s.b0, s.b1)
        # candidate positions: shift left while the token before equals the last changed token
        # (a shift needs an equal stretch on both sides: one gives tokens, the other takes them)
        left = 0
        while prev is not None and nxt is not None and left < (prev.a1 - prev.a0) and keys[lo - 1 - left] == keys[hi - 1 - left]:
            left += 1
        right = 0
        while nxt is not None and prev is not None and right < (nxt.a1 - nxt.a0) and keys[lo + right] == keys[hi + right]:
            right += 1
        if not left and not right:
            continue
        best, best_score = 0, _slide_score(toks[lo:hi])
        for shift in range(-left, right + 1):
            score = _slide_score(toks[lo + shift:hi + shift])
            if score > best_score:
                best, best_score = shift, score
        if best:
            # the change moves on both sides: its (empty) place on the other side moves with it
            s.a0 += best
            s.a1 += best
            s.b0 += best
            s.b1 += best
            if prev is not None:
                prev.a1 += best
                prev.b1 += best
            if nxt is not None:
                nxt.a0 += best
                nxt.b0 += best
    # 3. a replacement that opens a bracket or quote takes its closing mark with it
    #    ("[thirty (30][sixty (60])" becomes "[thirty (30)][sixty (60)]"), and the reverse
    for k, s in enumerate(segs):
        if s.equal or s.a1 == s.a0 or s.b1 == s.b0:
            continue
        nxt = segs[k + 1] if k + 1 < len(segs) else None
        if nxt is not None and nxt.equal and nxt.a1 > nxt.a0:
            closer = ta[nxt.a0]
            opener = _CLOSERS.get(closer)
            if opener and _open(ta[s.a0:s.a1], opener, closer) and _open(tb[s.b0:s.b1], opener, closer):
                s.a1, s.b1, nxt.a0, nxt.b0 = s.a1 + 1, s.b1 + 1, nxt.a0 + 1, nxt.b0 + 1
        prev = segs[k - 1] if k > 0 else None
        if prev is not None and prev.equal and prev.a1 > prev.a0:
            opener = ta[prev.a1 - 1]
            closer = _PAIRS.get(opener)
            if closer and _open(ta[s.a0:s.a1], opener, closer) < 0 and _open(tb[s.b0:s.b1], opener, closer) < 0:
                s.a0, s.b0, prev.a1, prev.b1 = s.a0 - 1, s.b0 - 1, prev.a1 - 1, prev.b1 - 1

    segs = _fold([x for x in segs if x.a1 > x.a0 or x.b1 > x.b0], ta)

    # 4. drop emptied equalities and merge the changes that now touch
    out = []
    for s in segs:
        if s.a1 == s.a0 and s.b1 == s.b0:
            continue
        if out and not s.equal and not out[-1].equal:
            out[-1].a1, out[-1].b1 = s.a1, s.b1
        else:
            out.append(s)
    return out


def _open(tokens: Sequence[str], opener: str, closer: str) -> int:
    """Openers not closed (> 0), or closers not opened (< 0), among tokens."""
    depth = low = 0
    for t in tokens:
        if t == opener:
            depth += 1
        elif t == closer:
            depth -= 1
            low = min(low, depth)
    return depth if depth > 0 else low


def diff_tokens(ta: Sequence[str], tb: Sequence[str], keys_a: Sequence[Hashable] | None = None,
                keys_b: Sequence[Hashable] | None = None) -> list[_Seg]:
    """Tidied segments between two token lists (keys, when given, decide token equality)."""
    ka = keys_a if keys_a is not None else ta
    kb = keys_b if keys_b is not None else tb
    return tidy(_raw_segments(ka, kb), ta, tb, ka, kb)


def diff_words(old: str, new: str) -> list[tuple[str, str]]:
    """The tidied word diff of two strings as ``[(op, text)]``, op in equal/delete/insert;
    a replacement is a delete followed by an insert."""
    ta, tb = tokenize(old), tokenize(new)
    out: list[tuple[str, str]] = []
    for s in diff_tokens(ta, tb):
        if s.equal:
            out.append((EQUAL, "".join(ta[s.a0:s.a1])))
        else:
            if s.a1 > s.a0:
                out.append((DELETE, "".join(ta[s.a0:s.a1])))
            if s.b1 > s.b0:
                out.append((INSERT, "".join(tb[s.b0:s.b1])))
    return out


# ---------------------------------------------------------------------------------------------
# Runs

def _fmt(run: Run) -> tuple:
    return (run.bold, run.italic, run.underline, run.term)


def _token_keys(runs: Sequence[Run], tokens: Sequence[str]) -> list[Hashable]:
    """Each token with the formatting of the run(s) it lies in."""
    keys: list[Hashable] = []
    ri, roff = 0, 0  # current run, offset inside it
    for tok in tokens:
        need = len(tok)
        sig = []
        while need:
            while len(runs[ri].text) - roff == 0:
                ri, roff = ri + 1, 0
            take = min(need, len(runs[ri].text) - roff)
            sig.append((take, _fmt(runs[ri])))
            need -= take
            roff += take
        keys.append((tok, sig[0][1]) if len(sig) == 1 else (tok, tuple(sig)))
    return keys


def _slice(runs: Sequence[Run], starts: list[int], lo: int, hi: int, change: Change | None) -> list[Run]:
    """Copies of the parts of ``runs`` between character offsets lo and hi, marked ``change``."""
    out = []
    for i, run in enumerate(runs):
        s = starts[i]
        e = s + len(run.text)
        if e <= lo or not run.text:
            continue
        if s >= hi:
            break
        piece = run.text[max(lo, s) - s: min(hi, e) - s]
        if piece:
            out.append(run.with_text(piece, change))
    return out


def same_runs(a: Sequence[Run], b: Sequence[Run]) -> bool:
    """Same text with the same formatting (however the runs are cut)."""
    if plain(a) != plain(b):
        return False
    na, nb = normalise_runs(list(a)), normalise_runs(list(b))
    return [(r.text, _fmt(r)) for r in na] == [(r.text, _fmt(r)) for r in nb]


def mark_runs(runs: Sequence[Run], change: Change | None) -> list[Run]:
    """Copies of runs, every one marked with ``change``."""
    return [r.with_text(r.text, change) for r in runs if r.text]


def diff_runs(old: Sequence[Run], new: Sequence[Run], insert: Change, delete: Change) -> list[Run]:
    """The marked runs showing ``old`` becoming ``new`` (deleted runs before inserted ones).

    Accepting every change (dropping deleted runs) gives ``new``'s text and formatting;
    rejecting every change (dropping inserted runs) gives ``old``'s.
    """
    if same_runs(old, new):
        return mark_runs(new, None)
    a_text, b_text = plain(old), plain(new)
    ta, tb = tokenize(a_text), tokenize(b_text)
    segs = diff_tokens(ta, tb, _token_keys(old, ta), _token_keys(new, tb))
    a_off, b_off = _offsets(ta), _offsets(tb)
    sa, sb = _offsets([r.text for r in old]), _offsets([r.text for r in new])  # where each run starts
    out: list[Run] = []
    for s in segs:
        if s.equal:
            out.extend(_slice(new, sb, b_off[s.b0], b_off[s.b1], None))
            continue
        if s.a1 > s.a0:
            out.extend(_slice(old, sa, a_off[s.a0], a_off[s.a1], delete))
        if s.b1 > s.b0:
            out.extend(_slice(new, sb, b_off[s.b0], b_off[s.b1], insert))
    return normalise_runs(out)


def _offsets(tokens: Sequence[str]) -> list[int]:
    out, pos = [0], 0
    for t in tokens:
        pos += len(t)
        out.append(pos)
    return out


def view_runs(runs: Sequence[Run], drop: str) -> list[Run]:
    """The runs without those whose change is of kind ``drop`` ("del" or "ins"), marks removed."""
    return normalise_runs([r.with_text(r.text, None) for r in runs
                           if r.change is None or r.change.kind != drop])


def accept_runs(runs: Sequence[Run]) -> list[Run]:
    """The runs with every change accepted (deleted text dropped, marks removed)."""
    return view_runs(runs, "del")


def reject_runs(runs: Sequence[Run]) -> list[Run]:
    """The runs with every change rejected (inserted text dropped, marks removed)."""
    return view_runs(runs, "ins")


def count_changes(runs: Sequence[Run]) -> tuple[int, int]:
    """(insertions, deletions): maximal stretches of runs with the same change kind."""
    ins = dels = 0
    prev = None
    for r in runs:
        kind = r.change.kind if r.change else None
        if kind != prev:
            if kind == "ins":
                ins += 1
            elif kind == "del":
                dels += 1
        prev = kind
    return ins, dels
