"""The one inline markup: text with marks ↔ runs (amendment texts, ``.sec.txt`` sources, outlines).

Grammar (the same for every caller)::

    **text**    bold
    *text*      italic
    __text__    underline
    \\c          the character c itself, for c one of  \\  *  _  |   (``\\*`` is an asterisk)
    \\n          a line break inside the text

* A mark switches its format on, the next one switches it off again; marks nest in any order
  (``**bold *bold italic* bold**``). A run of asterisks is read two at a time, then one: ``***``
  switches bold and italic together.
* A single ``_`` is plain text; a backslash before any other character (or at the end) is itself.
* Every mark opened must be closed within the same text. An unclosed mark is an error
  (``MarkupError``: the caller says where), never guessed at: ``un**closed`` and ``2 * 3`` are
  refused; write ``2 \\* 3``.

``render_inline`` is the inverse: ``parse_inline(render_inline(runs))`` gives back the runs'
text, bold, italic and underline (merged as ``normalise_runs`` merges them).
"""

from __future__ import annotations

from ..errors import BadInputError
from . import Run, normalise_runs

_ESCAPED = {"\\": "\\", "*": "*", "_": "_", "|": "|", "n": "\n"}
_MARKS = (("**", "bold"), ("*", "italic"), ("__", "underline"))


class MarkupError(BadInputError):
    """Inline markup that cannot be read; ``problem`` says what, the caller says where."""

    def __init__(self, problem: str):
        super().__init__(problem)
        self.problem = problem


def parse_inline(text: str) -> list[Run]:
    """Runs from text with ``**bold**``, ``*italic*``, ``__underline__`` marks and ``\\`` escapes."""
    runs: list[Run] = []
    on = {"bold": False, "italic": False, "underline": False}
    buf: list[str] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "\\" and i + 1 < n and text[i + 1] in _ESCAPED:
            buf.append(_ESCAPED[text[i + 1]])
            i += 2
            continue
        mark = next((m for m, _ in _MARKS if text.startswith(m, i)), None)
        if mark is None:
            buf.append(ch)
            i += 1
            continue
        if buf:
            runs.append(Run("".join(buf), **on))
            buf.clear()
        fmt = dict(_MARKS)[mark]
        on[fmt] = not on[fmt]
        i += len(mark)
    if buf:
        runs.append(Run("".join(buf), **on))
    unclosed = [m for m, fmt in _MARKS if on[fmt]]
    if unclosed:
        raise MarkupError(f"{' and '.join(unclosed)} opened but not closed")
    return normalise_runs(runs)


def render_inline(runs: list[Run]) -> str:
    """Runs as inline markup (bold, italic and underline; other marks are not written)."""
    out: list[str] = []
    open_: list[str] = []  # the marks open, in the order they were opened
    for run in normalise_runs(runs):
        want = [m for m, fmt in _MARKS if getattr(run, fmt)]
        out.extend(m for m in reversed(open_) if m not in want)
        open_ = [m for m in open_ if m in want]
        opening = [m for m in want if m not in open_]
        out.extend(opening)
        open_ += opening
        out.append(_escape(run.text))
    out.extend(reversed(open_))
    return "".join(out)


def _escape(text: str) -> str:
    """Text with the characters the grammar reads escaped (a ``_`` only where it could join
    another ``_``: at either end of the text or next to one)."""
    out = []
    last = len(text) - 1
    for k, ch in enumerate(text):
        if ch in "\\*":
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ch == "_" and (k in (0, last) or "_" in text[max(k - 1, 0):k] + text[k + 1:k + 2]):
            out.append("\\_")
        else:
            out.append(ch)
    return "".join(out)
