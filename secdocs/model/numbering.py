"""Provision numbers: parse, compare, sort, label formats and the next free suffix.

SEC practice: new provisions take a letter suffix and nothing is renumbered (``L1.17`` →
``L1.17A`` → ``L1.17B``; ``N4`` → ``N4A``; ``(d)`` → ``(da)``). So every number component is an
ordinal plus an optional suffix of letters, and ``""`` < ``"A"`` < ``"AA"`` < ``"B"`` orders the
suffixes. Parenthesised paragraph labels are read at a level whose format (letter, roman) the
document's scheme gives: ``(i)`` is the ninth letter at a letter level and one at a roman level.

Schemes (one per document kind):

* ``section`` — SEC Sections: Part ``L1``, clause ``L1.1``, paragraphs ``(a)`` / ``(i)`` / ``(A)``.
* ``policy`` — certificate policies in the RFC 3647 outline: headings ``1`` / ``4.9`` /
  ``4.9.1``, paragraphs ``(A)`` / ``(i)`` / ``(a)``.
* ``decimal`` — plain decimal documents: ``1`` / ``1.1`` / ``1.1.1``, paragraphs ``(a)`` /
  ``(i)`` / ``(A)``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import NumberingError
from ..workspace.limits import MAX_LETTER_ORDINAL, MAX_ROMAN_ORDINAL, MAX_WORD_INT

LOWER_LETTER = "lowerLetter"
UPPER_LETTER = "upperLetter"
LOWER_ROMAN = "lowerRoman"
UPPER_ROMAN = "upperRoman"
DECIMAL = "decimal"


@dataclass(frozen=True)
class Scheme:
    """How a kind of document numbers its provisions."""

    name: str
    prefixed: bool  # numbers carry the section letter ("L1.1")
    paragraph_levels: tuple[str, ...]  # formats of "(x)" labels, outermost first


SCHEMES = {
    "section": Scheme("section", True, (LOWER_LETTER, LOWER_ROMAN, UPPER_LETTER, LOWER_ROMAN)),
    "policy": Scheme("policy", False, (UPPER_LETTER, LOWER_ROMAN, LOWER_LETTER, UPPER_ROMAN)),
    "decimal": Scheme("decimal", False, (LOWER_LETTER, LOWER_ROMAN, UPPER_LETTER, LOWER_ROMAN)),
}


def scheme(name: str) -> Scheme:
    try:
        return SCHEMES[name]
    except KeyError:
        raise NumberingError(f"unknown numbering scheme {name!r} (known: {', '.join(SCHEMES)})") from None


# ---------------------------------------------------------------------------------------------
# Label formats (also used for Word's numFmt values)

_ROMAN = [(1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
          (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
_ROMAN_RE = re.compile(r"m{0,4}(cm|cd|d?c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})")


def _bounded(n: int, limit: int, what: str) -> None:
    if n > limit:  # the output would grow with n: refuse before building it
        raise NumberingError(f"{n} is too large to write in {what} (limit {limit})")


def _ordinal(digits: str, label: str) -> int:
    """The integer of a label's digits, bounded (limits.MAX_WORD_INT) before any arithmetic."""
    digits = digits.lstrip("0") or "0"
    if len(digits) > 10 or int(digits) > MAX_WORD_INT:
        raise NumberingError(f"number too large in {label[:40]!r}")
    return int(digits)


def to_roman(n: int) -> str:
    _bounded(n, MAX_ROMAN_ORDINAL, "roman numerals")
    out = []
    for value, letters in _ROMAN:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def from_roman(s: str) -> int:
    s = s.lower()
    total, i = 0, 0
    for value, letters in _ROMAN:
        while s.startswith(letters, i):
            total += value
            i += len(letters)
    if i != len(s) or not s:
        raise NumberingError(f"not a roman numeral: {s!r}")
    return total


def to_letters(n: int) -> str:
    """Word's letter numbering: a … z, aa … zz, aaa … (the letter repeated)."""
    _bounded(n, MAX_LETTER_ORDINAL, "letters")
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def ordinal_fits(n: int, fmt: str) -> bool:
    """Whether ``n`` can be written in ``fmt`` (letters and roman numerals have an upper limit)."""
    return not ((fmt in (LOWER_LETTER, UPPER_LETTER) and n > MAX_LETTER_ORDINAL)
                or (fmt in (LOWER_ROMAN, UPPER_ROMAN) and n > MAX_ROMAN_ORDINAL))


def format_ordinal(n: int, fmt: str) -> str:
    """An ordinal in a Word numFmt (decimal, lowerLetter, upperLetter, lowerRoman, upperRoman).
    Letters beyond ``limits.MAX_LETTER_ORDINAL`` and roman numerals beyond
    ``limits.MAX_ROMAN_ORDINAL`` are written in decimal: the label stays short whatever a list's
    start value says."""
    if not ordinal_fits(n, fmt):
        return str(n)
    if fmt == LOWER_LETTER:
        return to_letters(n)
    if fmt == UPPER_LETTER:
        return to_letters(n).upper()
    if fmt == LOWER_ROMAN:
        return to_roman(n)
    if fmt == UPPER_ROMAN:
        return to_roman(n).upper()
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)


# ---------------------------------------------------------------------------------------------
# Components: an ordinal plus a suffix

@dataclass(frozen=True, order=True)
class Component:
    ordinal: int
    suffix: str = ""


_NUMBER_RE = re.compile(r"^(?P<prefix>[A-Z]{0,2}?)(?P<body>\d+[A-Z]*(?:\.\d+[A-Z]*)*)\.?$")
_COMPONENT_RE = re.compile(r"^(\d+)([A-Z]*)$")
_PAREN_RE = re.compile(r"\(([A-Za-z0-9]+)\)")


@dataclass(frozen=True)
class Number:
    """A structural number: ``L1.17A`` is prefix "L" and components (1, ""), (17, "A")."""

    prefix: str
    components: tuple[Component, ...]

    def __str__(self) -> str:
        return self.prefix + ".".join(f"{c.ordinal}{c.suffix}" for c in self.components)


def parse_number(label: str) -> Number:
    """Parse ``L1.17A``, ``N4A``, ``4.9.1``, ``12.`` into a Number."""
    m = _NUMBER_RE.match(label.strip())
    if not m:
        raise NumberingError(f"not a provision number: {label!r}")
    comps = []
    for part in m.group("body").split("."):
        cm = _COMPONENT_RE.match(part)
        comps.append(Component(_ordinal(cm.group(1), label), cm.group(2)))
    return Number(m.group("prefix"), tuple(comps))


def parse_paren(label: str, fmt: str) -> Component:
    """Parse a paragraph label ``(a)``, ``(da)``, ``(iv)``, ``(ivA)``, ``(B)`` at a level of format fmt.

    The first letter (or the longest roman numeral) is the ordinal; any letters after it are a
    suffix: ``(da)`` is the paragraph inserted after ``(d)``.
    """
    inner = label.strip()
    if inner.startswith("(") and inner.endswith(")"):
        inner = inner[1:-1]
    if not inner:
        raise NumberingError(f"empty paragraph label {label!r}")
    if fmt == DECIMAL:
        m = re.match(r"^(\d+)([A-Za-z]*)$", inner)
        if not m:
            raise NumberingError(f"not a decimal paragraph label: {label!r}")
        return Component(_ordinal(m.group(1), label), m.group(2).upper())
    if fmt in (LOWER_ROMAN, UPPER_ROMAN):
        m = _ROMAN_RE.match(inner.lower())
        if not m or not m.group(0):
            raise NumberingError(f"not a roman paragraph label: {label!r}")
        return Component(from_roman(m.group(0)), inner[m.end():].upper())
    if not inner[0].isalpha():
        raise NumberingError(f"not a letter paragraph label: {label!r}")
    return Component(ord(inner[0].lower()) - ord("a") + 1, inner[1:].upper())


def format_paren(component: Component, fmt: str) -> str:
    body = format_ordinal(component.ordinal, fmt)
    suffix = component.suffix.lower() if fmt in (LOWER_LETTER, LOWER_ROMAN) else component.suffix
    return f"({body}{suffix})"


def guess_paren_format(label: str, previous: str | None = None) -> str:
    """The format of a typed ``(x)`` label read without a known level.

    ``(i)``, ``(v)`` and ``(x)`` are roman unless they follow ``(h)``, ``(u)`` or ``(w)``;
    longer labels are roman when they are a whole roman numeral (``(ii)``, ``(iv)``), otherwise
    a letter with a suffix (``(da)``). Upper-case single letters are always letters.
    """
    inner = label.strip().strip("()")
    if inner[:1].isdigit():
        return DECIMAL
    lower = inner[:1].islower()
    letter = LOWER_LETTER if lower else UPPER_LETTER
    roman = LOWER_ROMAN if lower else UPPER_ROMAN
    if previous:
        prev = previous.strip().strip("()")
        if len(prev) == 1 and len(inner) == 1 and ord(inner.lower()) - ord(prev.lower()) == 1 \
                and prev.islower() == lower:
            return letter
    if len(inner) == 1:
        return roman if lower and inner in "ivx" else letter
    return roman if _ROMAN_RE.fullmatch(inner.lower()) else letter


# ---------------------------------------------------------------------------------------------
# Addresses: "L1.17A(b)(ii)", "4.9.1(A)(i)"

def split_address(address: str) -> tuple[str | None, list[str]]:
    """``L1.3(b)(ii)`` → ("L1.3", ["(b)", "(ii)"]); ``(a)`` → (None, ["(a)"])."""
    address = address.strip()
    i = address.find("(")
    head, rest = (address, "") if i < 0 else (address[:i], address[i:])
    parens = [f"({m})" for m in _PAREN_RE.findall(rest)]
    if "".join(parens) != rest.replace(" ", ""):
        raise NumberingError(f"not a provision address: {address!r}")
    return (head.strip() or None), parens


def join(number: str | None, labels: list[str]) -> str:
    return (number or "") + "".join(labels)


def address_key(address: str, scheme_name: str = "section") -> tuple:
    """A sort key: ``L1.9 < L1.10 < L1.17 < L1.17A < L1.17B < L1.18``; ``4.9 < 4.9.1 < 4.10``;
    ``(h) < (i)`` at a letter level and ``(i) < (ii)`` at a roman level."""
    sch = scheme(scheme_name)
    head, parens = split_address(address)
    key: list = []
    if head:
        num = parse_number(head)
        key.append(num.prefix)
        key.extend((c.ordinal, c.suffix) for c in num.components)
    else:
        key.append("")
    for depth, label in enumerate(parens):
        fmt = sch.paragraph_levels[min(depth, len(sch.paragraph_levels) - 1)]
        c = parse_paren(label, fmt)
        key.append((-1, ""))  # a paragraph sorts after its parent's own components
        key.append((c.ordinal, c.suffix))
    return tuple(key)


def sort_addresses(addresses: list[str], scheme_name: str = "section") -> list[str]:
    return sorted(addresses, key=lambda a: address_key(a, scheme_name))


def compare(a: str, b: str, scheme_name: str = "section") -> int:
    ka, kb = address_key(a, scheme_name), address_key(b, scheme_name)
    return (ka > kb) - (ka < kb)


# ---------------------------------------------------------------------------------------------
# The next free suffix

# At a roman level a suffix must not start or extend a numeral: "(i)" + "i" would read "(ii)",
# "(x)" + "l" would read "(xl)". Suffixes there skip the letters roman numerals use.
_ROMAN_LETTERS = "IVXLCDM"


def _suffix_letters(fmt: str | None) -> str:
    letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    if fmt in (LOWER_ROMAN, UPPER_ROMAN):
        return "".join(c for c in letters if c not in _ROMAN_LETTERS)
    return letters


def _bump(suffix: str, fmt: str | None = None) -> str:
    """"" → "A", "A" → "B", "Z" → "ZA" (at a roman level: "" → "A", "H" → "J", "Z" → "ZA")."""
    letters = _suffix_letters(fmt)
    if not suffix:
        return letters[0]
    last = suffix[-1]
    later = [c for c in letters if c > last]
    if not later:
        return suffix + letters[0]
    return suffix[:-1] + later[0]


def next_suffix(label: str, taken: set[str] | list[str] = (), fmt: str | None = None,
                following: str | None = None) -> str:
    """The number for a provision inserted straight after ``label``.

    ``L1.17`` → ``L1.17A``; after ``L1.17A`` → ``L1.17B``; if ``L1.17B`` is taken, or is the
    next sibling, ``L1.17AA`` (so the new number still sorts between its neighbours).
    ``(d)`` → ``(da)`` at a letter level; ``(iv)`` → ``(iva)`` at a roman level.
    ``following`` is the sibling after the insertion point, if any.
    """
    taken = set(taken)
    if following:
        taken.add(following)
    if fmt is None:
        num = parse_number(label)
        last = num.components[-1]
        candidates = [_bump(last.suffix)] + ([last.suffix + "A"] if last.suffix else [])
        for suffix in candidates:
            new = Number(num.prefix, num.components[:-1] + (Component(last.ordinal, suffix),))
            text = str(new)
            if text not in taken and (following is None or address_key(text) < address_key(following)):
                return text
        raise NumberingError(f"no free number after {label}" + (f" before {following}" if following else "")
                             + "; give the number explicitly")
    comp = parse_paren(label, fmt)
    candidates = [_bump(comp.suffix, fmt)] + ([comp.suffix + _suffix_letters(fmt)[0]] if comp.suffix else [])
    following_comp = parse_paren(following, fmt) if following else None
    for suffix in candidates:
        new = Component(comp.ordinal, suffix)
        text = format_paren(new, fmt)
        if text not in taken and (following_comp is None or new < following_comp):
            return text
    raise NumberingError(f"no free label after {label}" + (f" before {following}" if following else "")
                         + "; give the label explicitly")
