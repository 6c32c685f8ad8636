"""Labels of Word automatic numbering (word/numbering.xml), computed as Word displays them.

A numbered paragraph points (directly, or through its paragraph style) at a ``w:num``, which
points at a ``w:abstractNum`` holding up to nine levels. Each level has a start value, a number
format (``decimal``, ``lowerLetter``, ``upperRoman``, ``bullet``, ``none``…) and a text pattern
such as ``%1.%2`` or ``(%3)``. Counting follows Word's model:

* counters belong to the abstract list, so every ``w:num`` that uses the same abstractNum
  continues the same sequence (numbering continues across unnumbered paragraphs too);
* a ``w:lvlOverride/w:startOverride`` (or an overriding ``w:lvl`` with its own start) restarts a
  level the first time that ``w:num`` is used at that level;
* using a level restarts every deeper level, unless a deeper level's ``w:lvlRestart`` says
  otherwise (0 = never restart);
* ``w:isLgl`` shows every level of the label in arabic numerals;
* ``w:numStyleLink`` / ``w:styleLink`` send an abstract list to the one its numbering style
  defines;
* a paragraph style brings ``w:numId`` and ``w:ilvl`` through its ``w:basedOn`` chain, each
  from the nearest style that sets it (``stylesheet``); a level that names a paragraph style
  (``w:lvl/w:pStyle``) numbers nothing through another style.

A label may show a level that has no current number. Word shows its start value when a
shallower level of the list has been used (the level was reset, or skipped: ``6.4`` then a
level-3 paragraph shows ``6.4.1.1``; Word's own labels in docx4j's NumberingRestartTest agree),
and start - 1 when nothing shallower has been used yet (a list that begins at level 1 shows
``0.1``).

Where Word and LibreOffice (7.4) are known to differ, the reader follows Word:

* a list that begins below its first level: Word ``0.1``, LibreOffice ``1.1``;
* ``w:isLgl`` on ``Section %1.%2`` (upperRoman, decimalZero): Word ``Section 1.01``,
  LibreOffice ``Section I.01``;
* a styleId defined twice in styles.xml: Word uses the first definition, LibreOffice lets the
  second one's numbering count (``stylesheet``);
* an empty paragraph that only carries a section break is not numbered by either (``read_body``).

Computing a label is stateful: create one :class:`ListCounter` per document and feed it the
paragraphs in document order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from ..structure.blocks import AutoLabel
from ..workspace.limits import MAX_LABEL, MAX_LVLTEXT
from ..model.numbering import format_ordinal, ordinal_fits
from .stylesheet import StyleSheet
from .wordml import MC_NS, attr, child, child_val, int_val, on_off, w

_PLACEHOLDER = re.compile(r"%([1-9])")
KNOWN_FORMATS = ("decimal", "decimalZero", "lowerLetter", "upperLetter", "lowerRoman", "upperRoman",
                 "bullet", "none", "ordinal", "cardinalText", "ordinalText", "decimalEnclosedParen",
                 "decimalEnclosedFullstop")
# isLgl shows a level in arabic numerals, but a level already in arabic numerals keeps its form:
# Word shows "Section %1.%2" (upperRoman, decimalZero) as "Section 1.01". (LibreOffice 7.4
# ignores isLgl here and shows "Section I.01"; we follow Word, as docx4j's test file records.)
_LEGAL_KEEPS = ("decimalZero", "none", "bullet")
_UNITS = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
          "fifteen sixteen seventeen eighteen nineteen").split()
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()
_ORDINAL_WORDS = {"one": "first", "two": "second", "three": "third", "five": "fifth", "eight": "eighth",
                  "nine": "ninth", "twelve": "twelfth"}


@dataclass(frozen=True)
class Level:
    """One level of a list: ``w:lvl``."""

    start: int = 0
    fmt: str = "decimal"
    text: str = ""
    restart: int | None = None  # w:lvlRestart: None = after any higher level, 0 = never
    legal: bool = False  # w:isLgl
    style: str | None = None  # w:pStyle: the paragraph style linked to this level
    indent_left: int | None = None
    indent_hanging: int | None = None


@dataclass
class Num:
    """A list instance: ``w:num`` with its abstract list and level overrides."""

    abstract_id: str
    start_overrides: dict[int, int] = field(default_factory=dict)
    level_overrides: dict[int, Level] = field(default_factory=dict)


@dataclass
class NumberingDefinitions:
    """The parsed ``word/numbering.xml``."""

    abstracts: dict[str, dict[int, Level]] = field(default_factory=dict)
    style_links: dict[str, str] = field(default_factory=dict)  # abstractNumId → numStyleLink
    nums: dict[str, Num] = field(default_factory=dict)

    @classmethod
    def parse(cls, root: etree._Element | None) -> "NumberingDefinitions":
        defs = cls()
        if root is None:
            return defs
        for el in root.iter(w("abstractNum")):
            abstract_id = el.get(w("abstractNumId"), "")
            levels = {}
            for lvl in el.findall(w("lvl")):
                ilvl = int_val(lvl.get(w("ilvl")), 0)
                levels[ilvl] = _parse_level(lvl)
            defs.abstracts.setdefault(abstract_id, levels)
            link = child_val(el, "numStyleLink")
            if link:
                defs.style_links[abstract_id] = link
        for el in root.iter(w("num")):
            num_id = el.get(w("numId"), "")
            num = Num(child_val(el, "abstractNumId") or "")
            for override in el.findall(w("lvlOverride")):
                ilvl = int_val(override.get(w("ilvl")), 0)
                start = int_val(child_val(override, "startOverride"))
                if start is not None:
                    num.start_overrides[ilvl] = start
                lvl = child(override, "lvl")
                if lvl is not None:
                    num.level_overrides[ilvl] = _parse_level(lvl)
            defs.nums.setdefault(num_id, num)
        return defs

    def list_id(self, num_id: str, styles: StyleSheet) -> str | None:
        """The abstract list a ``w:num`` counts in, following numbering-style links."""
        num = self.nums.get(num_id)
        seen: set[str] = set()
        while num is not None and num.abstract_id not in seen:
            seen.add(num.abstract_id)
            link = self.style_links.get(num.abstract_id)
            if not link:
                return num.abstract_id if num.abstract_id in self.abstracts else None
            linked_num, _, _ = styles.numbering(link)
            if linked_num is None:
                return None
            num = self.nums.get(linked_num)
        return None

    def levels(self, num_id: str, styles: StyleSheet) -> dict[int, Level]:
        """The effective levels of a ``w:num``: the abstract list's, with whole-level overrides."""
        list_id = self.list_id(num_id, styles)
        levels = dict(self.abstracts.get(list_id, {})) if list_id is not None else {}
        num = self.nums.get(num_id)
        if num is not None:
            levels.update(num.level_overrides)
        return levels


def _parse_level(lvl: etree._Element) -> Level:
    fmt_el = child(lvl, "numFmt")
    if fmt_el is None:  # custom formats sit in mc:AlternateContent with a plain fallback
        fmt_el = next(iter(lvl.iter(f"{{{MC_NS}}}Fallback")), None)
        fmt_el = child(fmt_el, "numFmt") if fmt_el is not None else None
    if child(lvl, "lvlPicBulletId") is not None:
        fmt = "bullet"
    else:
        fmt = attr(fmt_el, "val", "decimal") or "decimal"
    ind = child(child(lvl, "pPr"), "ind")
    restart_el = child(lvl, "lvlRestart")
    return Level(
        start=int_val(child_val(lvl, "start"), 0),
        fmt=fmt,
        text=attr(child(lvl, "lvlText"), "val", "") or "",
        restart=int_val(attr(restart_el, "val")) if restart_el is not None else None,
        legal=bool(on_off(child(lvl, "isLgl"))),
        style=child_val(lvl, "pStyle"),
        indent_left=int_val(attr(ind, "left") or attr(ind, "start")),
        indent_hanging=int_val(attr(ind, "hanging")),
    )


def format_value(value: int, fmt: str) -> str:
    """One counter in a Word number format (unknown formats fall back to decimal)."""
    if fmt == "none":
        return ""
    if fmt == "ordinal":
        suffix = "th" if 10 <= value % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(value % 10, "th")
        return f"{value}{suffix}"
    if fmt in ("cardinalText", "ordinalText") and 0 <= value < 1000:
        words = _cardinal_words(value)
        if fmt == "ordinalText":
            head, _, last = words.rpartition("-" if "-" in words else " ")
            last = _ORDINAL_WORDS.get(last, last[:-1] + "ieth" if last.endswith("y") else last + "th")
            words = f"{head}{'-' if '-' in words else ' '}{last}" if head else last
        return words[:1].upper() + words[1:]  # Word capitalises the first letter: "One", "Twenty-first"
    if fmt == "decimalEnclosedParen":
        return f"({value})"
    if fmt == "decimalEnclosedFullstop":
        return f"{value}."
    if value <= 0 and fmt in ("lowerLetter", "upperLetter", "lowerRoman", "upperRoman"):
        return ""  # letters and roman numerals have no zero
    return format_ordinal(value, fmt)


def _cardinal_words(value: int) -> str:
    """0 … 999 in English words, as Word's cardinalText writes them ("twenty-one")."""
    if value < 20:
        return _UNITS[value]
    if value < 100:
        tens, unit = divmod(value, 10)
        return _TENS[tens] + (f"-{_UNITS[unit]}" if unit else "")
    hundreds, rest = divmod(value, 100)
    return f"{_UNITS[hundreds]} hundred" + (f" and {_cardinal_words(rest)}" if rest else "")


class ListCounter:
    """Word's list counters for one document: feed paragraphs in order, get their labels."""

    def __init__(self, defs: NumberingDefinitions, styles: StyleSheet):
        self.defs = defs
        self.styles = styles
        self._counts: dict[str, dict[int, int]] = {}
        self._shallowest: dict[str, int] = {}  # per abstract list: the lowest level used so far
        self._seen: set[tuple[str, int]] = set()
        self.notes: list[str] = []
        self._noted: set[str] = set()
        self._lists: dict[str, tuple[str | None, dict[int, Level]]] = {}
        self._linked: dict[tuple[str, str | None], bool] = {}

    def _list(self, num_id: str) -> tuple[str | None, dict[int, Level]]:
        """(abstract list id, effective levels) of a ``w:num``, worked out once per numId
        (the definitions and styles do not change while a document is read)."""
        try:
            return self._lists[num_id]
        except KeyError:
            found = self._lists[num_id] = (self.defs.list_id(num_id, self.styles),
                                           self.defs.levels(num_id, self.styles))
            return found

    # -- which list and level a paragraph uses --------------------------------------------------
    def resolve(self, p_pr: etree._Element | None, style_id: str | None) -> tuple[str, int] | None:
        """(numId, ilvl) of a paragraph from its direct ``w:numPr`` or its style; None if unnumbered."""
        return self.resolve_num_pr(child(p_pr, "numPr"), style_id)

    def resolve_num_pr(self, num_pr: etree._Element | None, style_id: str | None) -> tuple[str, int] | None:
        """:meth:`resolve` given the paragraph's ``w:numPr`` (None when it has none)."""
        direct_num = child_val(num_pr, "numId")
        direct_ilvl = int_val(child_val(num_pr, "ilvl"))
        style_num, style_ilvl, carrier = self.styles.numbering(style_id)
        num_id = direct_num if direct_num is not None else style_num
        if num_id is None or num_id.strip() in ("", "0"):
            return None
        num_id = num_id.strip()
        if direct_ilvl is not None:
            ilvl = direct_ilvl
        elif style_ilvl is not None and (direct_num is None or direct_num == style_num):
            ilvl = style_ilvl
        else:
            ilvl = self._level_for_style(num_id, style_id, carrier)
        ilvl = max(0, min(8, ilvl))
        if direct_num is None and direct_ilvl is None and self._linked_elsewhere(num_id, ilvl, style_id):
            return None
        return num_id, ilvl

    def _linked_elsewhere(self, num_id: str, ilvl: int, style_id: str | None) -> bool:
        """A level that names a paragraph style (``w:lvl/w:pStyle``) numbers only that style and
        the styles based on it: where the numbering reaches a paragraph through another style,
        Word shows no label and does not count the paragraph (measured against Word by docx4j,
        probe numbering-label-ilvl0). A paragraph's own numPr (numId or ilvl) is never
        suppressed."""
        level = self._list(num_id)[1].get(ilvl)
        if level is None or not level.style:
            return False
        key = (level.style, style_id)
        if key not in self._linked:
            self._linked[key] = level.style not in {s.id for s in self.styles.chain(style_id)}
        return self._linked[key]

    def _level_for_style(self, num_id: str, *style_ids: str | None) -> int:
        levels = self._list(num_id)[1]
        for style_id in style_ids:
            for ilvl, level in sorted(levels.items()):
                if style_id and level.style == style_id:
                    return ilvl
        return 0

    # -- counting -------------------------------------------------------------------------------
    def label(self, p_pr: etree._Element | None, style_id: str | None) -> AutoLabel | None:
        """The label of the next paragraph (advancing the counters), or None if unnumbered."""
        return self.label_for(child(p_pr, "numPr"), style_id)

    def label_for(self, num_pr: etree._Element | None, style_id: str | None) -> AutoLabel | None:
        """:meth:`label` given the paragraph's ``w:numPr`` (None when it has none)."""
        resolved = self.resolve_num_pr(num_pr, style_id)
        if resolved is None:
            return None
        return self.count(*resolved)

    def count(self, num_id: str, ilvl: int) -> AutoLabel | None:
        """Advance the counters for a paragraph numbered (numId, ilvl) and give its label."""
        if num_id not in self.defs.nums:
            self._note(f"numId {num_id}", f"numbering {num_id} is not defined in numbering.xml; "
                                          "the paragraph is read without its automatic number")
            return None
        list_id, levels = self._list(num_id)
        level = levels.get(ilvl)
        if list_id is None or level is None:
            self._note(f"level {num_id}/{ilvl}", f"numbering {num_id} has no level {ilvl}; "
                                                 "the paragraph is read without its automatic number")
            return None
        counts = self._counts.setdefault(list_id, {})
        shallowest = self._shallowest[list_id] = min(ilvl, self._shallowest.get(list_id, ilvl))
        num = self.defs.nums[num_id]
        first_use = (num_id, ilvl) not in self._seen
        self._seen.add((num_id, ilvl))
        if first_use and ilvl in num.start_overrides:
            value = num.start_overrides[ilvl]
        elif first_use and ilvl in num.level_overrides:
            value = num.level_overrides[ilvl].start
        elif ilvl in counts:
            value = counts[ilvl] + 1
        else:
            value = level.start
        counts[ilvl] = value
        for deeper in [d for d in counts if d > ilvl]:
            restart = levels[deeper].restart if deeper in levels else None
            threshold = deeper if restart is None else restart
            if ilvl < threshold:
                del counts[deeper]
        if level.fmt not in KNOWN_FORMATS:
            self._note(f"fmt {level.fmt}", f"number format {level.fmt!r} is shown as decimal")
        text = self._text(level, levels, counts, shallowest)
        if len(level.text) > MAX_LVLTEXT or len(text) >= MAX_LABEL or not ordinal_fits(value, level.fmt):
            self._note(f"bounds {num_id}/{ilvl}", f"numbering {num_id} level {ilvl}: value {value} or number text "
                                                  f"beyond the limits (limits.py); shown in decimal, text cut")
        return AutoLabel(text, value, level.fmt, ilvl, num_id, list_id,
                         level.indent_left, level.indent_hanging)

    def _text(self, level: Level, levels: dict[int, Level], counts: dict[int, int], shallowest: int) -> str:
        if level.fmt == "bullet":
            return level.text

        def substitute(match: re.Match) -> str:
            k = int(match.group(1)) - 1
            ref = levels.get(k, Level())
            value = counts.get(k)
            if value is None:  # a level without a current number (see the module docstring)
                value = ref.start if shallowest < k else ref.start - 1
            fmt = ref.fmt
            if level.legal and fmt not in _LEGAL_KEEPS:  # isLgl: every level in arabic numerals
                fmt = "decimal"
            if fmt == "bullet":
                return ref.text
            return format_value(value, fmt)

        done: dict[str, str] = {}  # each %k once, however often the text repeats it
        return _PLACEHOLDER.sub(lambda m: done.get(m.group(1)) or done.setdefault(m.group(1), substitute(m)),
                                level.text[:MAX_LVLTEXT])[:MAX_LABEL]

    def _note(self, key: str, message: str) -> None:
        if key not in self._noted:
            self._noted.add(key)
            self.notes.append(message)
