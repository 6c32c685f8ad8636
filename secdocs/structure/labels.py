"""Labels and styles: what a paragraph's style and number say it is (no XML here).

A paragraph may be numbered by Word (the label its list gives it), or have its number typed
before a tab or spaces; its house style (``SEC Clause``, ``SEC Paragraph 2``…) may say exactly
what it is. These helpers read those signals; ``builder`` decides.
"""

from __future__ import annotations

import re
from functools import lru_cache

from . import house
from .blocks import Para, split_typed_label
from ..errors import NumberingError
from ..model import Run, plain
from ..model.numbering import (DECIMAL, LOWER_LETTER, LOWER_ROMAN, UPPER_LETTER, UPPER_ROMAN, Component, Number, parse_number, parse_paren)

_ROMAN_RE = re.compile(r"^m{0,4}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$")
PREFIXED_RE = re.compile(r"^[A-Z]{1,2}\d+[A-Z]{0,3}(?:\.\d+[A-Z]{0,3})*$")
DECIMAL_RE = re.compile(r"^\d+[A-Z]{0,3}(?:\.\d+[A-Z]{0,3})*$")
PAREN_RE = re.compile(r"^\((?:[A-Za-z]{1,8}|\d{1,3}[A-Za-z]{0,3})\)$")
HEADING_NAME_RE = re.compile(r"^heading\s*[1-9]$", re.IGNORECASE)
AUTO_FORMATS = {"decimal": DECIMAL, "decimalZero": DECIMAL, "lowerLetter": LOWER_LETTER,
                "upperLetter": UPPER_LETTER, "lowerRoman": LOWER_ROMAN, "upperRoman": UPPER_ROMAN}


def style_key(name: str) -> str:
    """A style name as the reader compares it: case, spaces, ``_`` and ``-`` ignored."""
    return re.sub(r"[\s_\-]+", "", name or "").lower()


# What a style says, by its key: the house styles' roles (``house``), and Word's own Title and
# Subtitle (a document's title page when it has no house cover).
_STYLE_ROLES = {**{style_key(name): role for name, role in house.ROLES.items()},
                "title": "doc-title", "subtitle": "doc-subtitle"}
_LEVEL_ROLES = {style_key(levels.prefix): levels.role for levels in house.LEVELLED}
_LEVEL_RE = re.compile(f"^({'|'.join(map(re.escape, _LEVEL_ROLES))})" + r"(\d{1,3})$")  # bounded: a level, never thousands of digits


# A document uses a few styles and labels thousands of times: the answers that depend on the
# name or label alone are worked out once (the caches are bounded; the values are immutable).
_CACHE = 4096


def style_role(para: Para) -> tuple[str, int]:
    """What a paragraph's house style says it is: (role, level); ("", 0) for other styles."""
    return _style_role(para.style)


@lru_cache(maxsize=_CACHE)
def _style_role(style: str) -> tuple[str, int]:
    key = style_key(style)
    if key in _STYLE_ROLES:
        return _STYLE_ROLES[key], 0
    m = _LEVEL_RE.match(key)
    if m:
        return _LEVEL_ROLES[m.group(1)], int(m.group(2))
    if key.startswith("toc") and key[3:].isdigit() or key in ("tocheading",):
        return "toc", 0
    return "", 0


def normalise_auto_label(text: str, fmt: str) -> str | None:
    """A Word list label as a provision number: ``1.`` → ``1``, ``a)`` / ``a.`` → ``(a)``."""
    text = text.strip().replace("\u00a0", "")
    if not text:
        return None
    m = re.match(r"^\(?([A-Za-z]{1,8}|\d{1,3})[).]?$", text)
    if m and (fmt in (LOWER_LETTER, UPPER_LETTER, LOWER_ROMAN, UPPER_ROMAN) or text.startswith("(")):
        return f"({m.group(1)})"
    bare = text[:-1] if text.endswith(".") else text
    if PREFIXED_RE.match(bare) or DECIMAL_RE.match(bare):
        return bare
    if PAREN_RE.match(text):
        return text
    return None


def auto_number(text: str, fmt: str) -> tuple[str, str] | None:
    """The provision number a Word list label gives, and its kind; None for an empty label.

    Every label numFmt + lvlText can produce is a number: ``1.`` / ``1.1`` / ``L1.17`` →
    decimal or prefixed (``1``, ``1.1``, ``L1.17``); ``a)``, ``a.``, ``(a)``, ``i.``, ``1)`` →
    a paragraph label ``(a)``, ``(i)``, ``(1)``; anything else (``Article I.``, ``Section 1.01``,
    ``ARTICLE 1``, ``First``) is kept as shown, less a final full stop (``Article I``), with
    the kind ``other``: still a provision, cited by that label.
    """
    return _auto_number(text, fmt)


@lru_cache(maxsize=_CACHE)
def _auto_number(text: str, fmt: str) -> tuple[str, str] | None:
    shown = " ".join(text.replace("\u00a0", " ").split())
    if not shown:
        return None
    number = normalise_auto_label(shown, fmt)
    if number is None and re.match(r"^\(?\d{1,3}[A-Za-z]{0,3}\)$", shown):  # "1)" and "(1)": (1)
        number = "(" + shown.strip("()") + ")"
    if number is not None:
        return number, label_kind(number)
    return (shown[:-1] if shown.endswith(".") and len(shown) > 1 else shown), "other"


def auto_shown(auto) -> str:
    """An automatic label as the reader sees it: its text without surrounding white space
    (lvlText "%1. " shows "a." before the tab)."""
    return " ".join(auto.text.replace("\u00a0", " ").split())


def paren_formats(label: str) -> list[str]:
    """The formats a typed ``(x)`` label can have: letter, and roman when it reads as one."""
    return list(_paren_formats(label))


@lru_cache(maxsize=_CACHE)
def _paren_formats(label: str) -> tuple[str, ...]:
    inner = label.strip()[1:-1]
    if inner[:1].isdigit():
        return [DECIMAL]
    lower = inner[:1].islower()
    letter, roman = (LOWER_LETTER, LOWER_ROMAN) if lower else (UPPER_LETTER, UPPER_ROMAN)
    out = [letter]
    low = inner.lower()
    if (len(low) == 1 and low in "ivx") or (len(low) > 1 and _ROMAN_RE.match(low)) or \
            (len(low) > 1 and low[:-1] and set(low[:-1]) <= set("ivx") and _ROMAN_RE.match(low[:-1])):
        out.append(roman)
    return tuple(out)


def parse_number_cached(label: str) -> Number:
    """``numbering.parse_number``, remembered per label (raises NumberingError the same way)."""
    found = _number(label)
    if isinstance(found, str):
        raise NumberingError(found)
    return found


@lru_cache(maxsize=_CACHE)
def _number(label: str) -> Number | str:
    try:
        return parse_number(label)
    except NumberingError as exc:
        return str(exc)


def paren(label: str, fmt: str) -> Component | None:
    """``numbering.parse_paren``, remembered per label and format; None where it raises."""
    return _paren(label, fmt)


@lru_cache(maxsize=_CACHE)
def _paren(label: str, fmt: str) -> Component | None:
    try:
        return parse_paren(label, fmt)
    except NumberingError:
        return None


@lru_cache(maxsize=_CACHE)
def label_kind(label: str) -> str:
    if PAREN_RE.match(label):
        return "paren"
    bare = label.rstrip(".")
    if PREFIXED_RE.match(bare):
        return "prefixed"
    if DECIMAL_RE.match(bare):
        return "decimal"
    return ""


def is_next(prev: Component, comp: Component) -> bool:
    if comp.ordinal == prev.ordinal + 1 and not comp.suffix:
        return True
    return comp.ordinal == prev.ordinal and comp.suffix > prev.suffix


def looks_like_heading(runs: list[Run]) -> bool:
    """An unnumbered, unstyled paragraph that is all bold, short and unpunctuated."""
    text = plain(runs).strip()
    if not text or len(text.split()) > 12 or text[-1] in ".;:,":
        return False
    return all(r.bold for r in runs if r.text.strip())


def label_text(para: Para) -> str | None:
    """The number a paragraph shows: its automatic label, else one typed before a tab."""
    if para.auto and para.auto.text and not para.auto.is_bullet:
        found = auto_number(para.auto.text, AUTO_FORMATS.get(para.auto.fmt, ""))
        return found[0] if found is not None else None

    typed = split_typed_label(para.runs)
    return typed.label.rstrip(".") if typed and typed.tab else None
