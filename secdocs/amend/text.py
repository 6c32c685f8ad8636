"""Text helpers shared by the operations: finding words, splicing runs, checking marks, word diffs.

Matching rules (documented in modifications/README.md):

* Words are matched exactly (case and punctuation as written) against the provision's plain
  text, and only at word boundaries: ``Supplier`` does not match inside ``Suppliers`` and
  ``Licence`` does not match inside ``Licences``. A boundary is only required on a side where the
  words themselves start or end with a letter or digit.
* ``expect`` is compared after collapsing runs of whitespace and trimming; ``sha256:<hex>`` pins
  the SHA-256 of that normalised text (UTF-8).
"""

from __future__ import annotations

import dataclasses
import hashlib
import re

from ..diff.words import DELETE, EQUAL, INSERT, diff_words
from ..model.markup import MarkupError, parse_inline
from ..model import Run, normalise_runs

# ---------------------------------------------------------------------------------------------
# Normalised text and expect pins


def normalise_ws(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def text_hash(text: str) -> str:
    """The ``sha256:`` pin of a text (whitespace-normalised, UTF-8)."""
    return "sha256:" + hashlib.sha256(normalise_ws(text).encode("utf-8")).hexdigest()


def expect_matches(expect: str, found: str) -> bool:
    if expect.startswith("sha256:"):
        return expect.lower() == text_hash(found)
    return normalise_ws(expect) == normalise_ws(found)


def word_diff(expected: str, found: str, context: int = 4, limit: int = 400) -> str:
    """A one-line word diff of ``expected`` against ``found``: ``kept [-old-]{+new+} kept``, from
    the one word diff (:func:`secdocs.diff.words.diff_words`).

    Long stretches of equal words are cut to ``context`` words either side of a change.
    """
    segments = diff_words(normalise_ws(expected), normalise_ws(found))
    pieces: list[str] = []
    for n, (op, text) in enumerate(segments):
        if op != EQUAL:
            gap = " " if text[:1].isspace() or (op == INSERT and n and segments[n - 1][0] == DELETE) else ""
            end = " " if text[-1:].isspace() else ""
            pieces.append(gap + ("[-" if op == DELETE else "{+") + text.strip() + ("-]" if op == DELETE else "+}") + end)
            continue
        words = text.split()
        keep_head = 0 if n == 0 else context
        keep_tail = 0 if n == len(segments) - 1 else context
        if len(words) > keep_head + keep_tail + 1:
            words = words[:keep_head] + ["…"] + (words[len(words) - keep_tail:] if keep_tail else [])
        lead = " " if text[:1].isspace() else ""
        trail = " " if text[-1:].isspace() and words else ""
        pieces.append(lead + " ".join(words) + trail)
    text = " ".join("".join(pieces).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# ---------------------------------------------------------------------------------------------
# Finding words


def find_all(text: str, words: str) -> list[int]:
    """Start offsets of every occurrence of ``words`` in ``text`` at word boundaries."""
    if not words:
        return []
    starts = []
    i = text.find(words)
    while i >= 0:
        end = i + len(words)
        left_ok = not (words[0].isalnum() and i > 0 and text[i - 1].isalnum())
        right_ok = not (words[-1].isalnum() and end < len(text) and text[end].isalnum())
        if left_ok and right_ok:
            starts.append(i)
        i = text.find(words, i + 1)
    return starts


class NotFound(Exception):
    """Words not found, or found more than once without an occurrence (message says which)."""


def locate_words(text: str, words: str, occurrence: int | None, what: str = "words") -> int:
    """The start offset of the chosen occurrence of ``words`` in ``text``."""
    starts = find_all(text, words)
    if not starts:
        raise NotFound(f"{what} {_quote(words)} not found in the text")
    if occurrence is None:
        if len(starts) > 1:
            raise NotFound(f"{what} {_quote(words)} found {len(starts)} times; give occurrence = 1..{len(starts)}")
        return starts[0]
    if occurrence > len(starts):
        raise NotFound(f"{what} {_quote(words)} found {len(starts)} time{'s' if len(starts) > 1 else ''},"
                       f" so there is no occurrence {occurrence}")
    return starts[occurrence - 1]


def _quote(words: str, limit: int = 60) -> str:
    shown = words if len(words) <= limit else words[: limit - 1] + "…"
    return f'"{shown}"'


# ---------------------------------------------------------------------------------------------
# Inline marks in an op's text (the grammar of ``secdocs.model.markup``)

_MARKUP_KEYS = ("text", "heading", "by")


def markup_problems(table: dict) -> list[str]:
    """Why the inline marks of an ``[[op]]`` table's texts (``text``, ``heading``, ``by``, and
    those of its ``children`` and ``meaning`` items) cannot be read; empty when they can."""
    problems: list[str] = []

    def visit(item: object, key: str) -> None:
        if isinstance(item, str):
            try:
                parse_inline(item)
            except MarkupError as exc:
                problems.append(f"{key}: {exc.problem}")
        elif isinstance(item, dict):
            for k in _MARKUP_KEYS:
                if k in item:
                    visit(item[k], f"{key}.{k}" if key else k)
            for k in ("children", "meaning"):
                if k in item:
                    visit(item[k], f"{key}.{k}" if key else k)
        elif isinstance(item, list):
            for n, sub in enumerate(item, 1):
                visit(sub, f"{key}[{n}]")

    visit(table, "")
    return problems


# ---------------------------------------------------------------------------------------------
# Splicing runs


def splice(runs: list[Run], start: int, end: int, new: list[Run]) -> list[Run]:
    """Replace plain-text offsets [start, end) of ``runs`` with ``new``; never mutates its input.

    Unmarked new text takes the bold/italic/underline of the run it lands in (so a word changed
    inside a bold phrase stays bold); defined-term marks and revision marks are not inherited.
    """
    before: list[Run] = []
    after: list[Run] = []
    host: Run | None = None
    pos = 0
    for run in runs:
        r_start, r_end = pos, pos + len(run.text)
        pos = r_end
        if r_start < start:
            before.append(dataclasses.replace(run, text=run.text[: min(start, r_end) - r_start]))
        if r_end > end:
            after.append(dataclasses.replace(run, text=run.text[max(end, r_start) - r_start:]))
        if r_start <= start < r_end or (host is None and r_end == start):
            host = run
    inserted = []
    for r in new:
        r = dataclasses.replace(r)
        if host is not None and not (r.bold or r.italic or r.underline):
            r.bold, r.italic, r.underline = host.bold, host.italic, host.underline
        inserted.append(r)
    return normalise_runs(before + inserted + after)
