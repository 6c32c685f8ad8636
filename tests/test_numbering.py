"""secdocs.model.numbering: parse, compare, sort and the next free suffix, in all three schemes."""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from secdocs.errors import NumberingError
from secdocs.model.numbering import (DECIMAL, LOWER_LETTER, LOWER_ROMAN, UPPER_LETTER, UPPER_ROMAN, Component, address_key, compare, format_ordinal, format_paren, from_roman, guess_paren_format, next_suffix, parse_number, parse_paren, scheme, sort_addresses, split_address, to_letters, to_roman)


def shuffled(items: list[str], seed: int = 7) -> list[str]:
    out = list(items)
    random.Random(seed).shuffle(out)
    return out


# -- parse ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("label, prefix, comps", [
    ("L1", "L", [(1, "")]),
    ("L1.17A", "L", [(1, ""), (17, "A")]),
    ("N4A", "N", [(4, "A")]),
    ("A1.1", "A", [(1, ""), (1, "")]),
    ("4.9.1", "", [(4, ""), (9, ""), (1, "")]),
    ("12.", "", [(12, "")]),
    ("4.9.1A", "", [(4, ""), (9, ""), (1, "A")]),
])
def test_parse_number(label, prefix, comps):
    number = parse_number(label)
    assert number.prefix == prefix
    assert [(c.ordinal, c.suffix) for c in number.components] == comps
    assert str(number) == label.rstrip(".")


@pytest.mark.parametrize("label", ["", "L", "(a)", "L1..2", "1.a", "ABC1"])
def test_parse_number_rejects(label):
    with pytest.raises(NumberingError):
        parse_number(label)


@pytest.mark.parametrize("label, fmt, ordinal, suffix", [
    ("(a)", LOWER_LETTER, 1, ""), ("(h)", LOWER_LETTER, 8, ""), ("(i)", LOWER_LETTER, 9, ""),
    ("(da)", LOWER_LETTER, 4, "A"), ("(i)", LOWER_ROMAN, 1, ""), ("(ii)", LOWER_ROMAN, 2, ""),
    ("(iv)", LOWER_ROMAN, 4, ""), ("(iva)", LOWER_ROMAN, 4, "A"), ("(xlii)", LOWER_ROMAN, 42, ""),
    ("(A)", UPPER_LETTER, 1, ""), ("(B)", UPPER_LETTER, 2, ""), ("(IV)", UPPER_ROMAN, 4, ""),
    ("(12)", DECIMAL, 12, ""), ("b", LOWER_LETTER, 2, ""),
])
def test_parse_paren(label, fmt, ordinal, suffix):
    assert parse_paren(label, fmt) == Component(ordinal, suffix)


@pytest.mark.parametrize("label, fmt", [("()", LOWER_LETTER), ("(1)", LOWER_LETTER), ("(a)", LOWER_ROMAN),
                                        ("(a)", DECIMAL)])
def test_parse_paren_rejects(label, fmt):
    with pytest.raises(NumberingError):
        parse_paren(label, fmt)


def test_format_paren_round_trips():
    for fmt in (LOWER_LETTER, UPPER_LETTER, LOWER_ROMAN, UPPER_ROMAN, DECIMAL):
        for n in range(1, 27):
            label = format_paren(Component(n, ""), fmt)
            assert parse_paren(label, fmt) == Component(n, "")


def test_format_ordinal_in_word_formats():
    assert [format_ordinal(n, LOWER_LETTER) for n in (1, 26, 27, 52, 53, 677)] == \
        ["a", "z", "aa", "zz", "aaa", "a" * 27]
    assert format_ordinal(3500, LOWER_ROMAN) == "mmmd"
    assert format_ordinal(3500, UPPER_ROMAN) == "MMMD"
    assert format_ordinal(1994, UPPER_ROMAN) == "MCMXCIV"
    assert format_ordinal(7, DECIMAL) == "7"
    assert format_ordinal(7, "decimalZero") == "07"
    assert to_letters(28) == "bb"
    assert from_roman(to_roman(3888)) == 3888


def test_guess_paren_format():
    assert guess_paren_format("(i)") == LOWER_ROMAN
    assert guess_paren_format("(i)", previous="(h)") == LOWER_LETTER
    assert guess_paren_format("(v)", previous="(u)") == LOWER_LETTER
    assert guess_paren_format("(ii)") == LOWER_ROMAN
    assert guess_paren_format("(da)") == LOWER_LETTER
    assert guess_paren_format("(A)") == UPPER_LETTER
    assert guess_paren_format("(3)") == DECIMAL


def test_split_address():
    assert split_address("L1.3(b)(ii)") == ("L1.3", ["(b)", "(ii)"])
    assert split_address("(a)") == (None, ["(a)"])
    with pytest.raises(NumberingError):
        split_address("L1.3(b")


def test_unknown_scheme():
    with pytest.raises(NumberingError, match="unknown numbering scheme"):
        scheme("nope")


# -- compare and sort ------------------------------------------------------------------------------

def test_section_order():
    ordered = ["L1", "L1.9", "L1.10", "L1.17", "L1.17A", "L1.17B", "L1.18", "L2", "L10"]
    assert sort_addresses(shuffled(ordered), "section") == ordered


def test_section_paragraph_order():
    ordered = ["L1.3", "L1.3(a)", "L1.3(b)", "L1.3(b)(i)", "L1.3(b)(ii)", "L1.3(b)(ii)(A)", "L1.3(ba)",
               "L1.3(h)", "L1.3(i)", "L1.3(j)", "L1.3A"]
    assert sort_addresses(shuffled(ordered), "section") == ordered


def test_policy_order():
    ordered = ["1", "1.1", "4", "4.9", "4.9.1", "4.9.1(A)", "4.9.1(A)(i)", "4.9.1(A)(ii)", "4.9.1(B)",
               "4.9.1A", "4.9.2", "4.10", "9"]
    assert sort_addresses(shuffled(ordered), "policy") == ordered


def test_decimal_order():
    ordered = ["1", "1.1", "1.1(a)", "1.1(a)(i)", "1.1(b)", "1.2", "2", "10"]
    assert sort_addresses(shuffled(ordered), "decimal") == ordered


def test_letter_and_roman_levels():
    # "(i)" is the ninth letter at a letter level, and one at a roman level
    assert compare("L1.1(h)", "L1.1(i)", "section") < 0
    assert compare("L1.1(a)(i)", "L1.1(a)(ii)", "section") < 0
    assert compare("L1.1(a)(v)", "L1.1(a)(x)", "section") < 0
    assert compare("L1.1(a)(ix)", "L1.1(a)(x)", "section") < 0
    assert compare("4.9(A)(iv)", "4.9(A)(v)", "policy") < 0
    assert compare("L1.9", "L1.10", "section") < 0
    assert compare("4.9.1", "4.10", "policy") < 0
    assert compare("L1.17", "L1.17", "section") == 0


# -- next suffix -----------------------------------------------------------------------------------

def test_next_suffix_section():
    assert next_suffix("L1.17") == "L1.17A"
    assert next_suffix("L1.17A") == "L1.17B"
    assert next_suffix("L1.17A", taken={"L1.17B"}) == "L1.17AA"
    assert next_suffix("L1.17A", following="L1.17B") == "L1.17AA"
    assert next_suffix("N4") == "N4A"
    assert next_suffix("L1.17Z") == "L1.17ZA"


def test_next_suffix_policy_and_decimal():
    assert next_suffix("4.9.1") == "4.9.1A"
    assert next_suffix("4.9.1A") == "4.9.1B"
    assert next_suffix("3", following="4") == "3A"
    assert next_suffix("1.2A", taken=["1.2B"]) == "1.2AA"
    with pytest.raises(NumberingError):  # nothing sorts between 1.2 and an existing 1.2A
        next_suffix("1.2", taken=["1.2A"], following="1.2A")


def test_next_suffix_paragraphs():
    assert next_suffix("(d)", fmt=LOWER_LETTER) == "(da)"
    assert next_suffix("(da)", fmt=LOWER_LETTER) == "(db)"
    assert next_suffix("(da)", fmt=LOWER_LETTER, taken={"(db)"}) == "(daa)"
    assert next_suffix("(A)", fmt=UPPER_LETTER) == "(AA)"
    assert next_suffix("(iv)", fmt=LOWER_ROMAN) == "(iva)"


def test_next_suffix_at_a_roman_level_never_makes_another_numeral():
    label = "(i)"
    seen = []
    for _ in range(25):
        label = next_suffix(label, fmt=LOWER_ROMAN)
        seen.append(label)
        assert parse_paren(label, LOWER_ROMAN).ordinal == 1, label
    assert "(ii)" not in seen and "(iv)" not in seen and "(ix)" not in seen
    assert next_suffix("(x)", fmt=LOWER_ROMAN) == "(xa)"
    assert next_suffix("(X)", fmt=UPPER_ROMAN) == "(XA)"


def test_next_suffix_with_no_room():
    with pytest.raises(NumberingError, match="no free number"):
        next_suffix("L1.17", following="L1.17A")
    with pytest.raises(NumberingError, match="no free label"):
        next_suffix("(d)", fmt=LOWER_LETTER, following="(da)")


def test_next_suffix_sorts_between_neighbours():
    for label, following in (("L1.17", "L1.18"), ("L1.17A", "L1.17B"), ("L1.17AA", "L1.17B")):
        new = next_suffix(label, following=following)
        assert address_key(label) < address_key(new) < address_key(following)


# -- property: sorting labels equals sorting their ordinals ---------------------------------------------

# suffix letters that cannot be read as part of a roman numeral
_SUFFIX = st.text(alphabet="ABEFGHJKNOPQRSTUWYZ", max_size=2)


@st.composite
def provision_numbers(draw):
    part = draw(st.integers(1, 20))
    clause = draw(st.integers(1, 40))
    clause_suffix = draw(_SUFFIX)
    paragraphs = draw(st.lists(st.tuples(st.integers(1, 26), _SUFFIX), max_size=3))
    return part, clause, clause_suffix, paragraphs


def _label(part: int, clause: int, suffix: str, paragraphs: list[tuple[int, str]], levels) -> str:
    out = f"L{part}.{clause}{suffix}"
    for (ordinal, sfx), fmt in zip(paragraphs, levels):
        out += format_paren(Component(ordinal, sfx), fmt)
    return out


@settings(max_examples=60, deadline=None)
@given(st.lists(provision_numbers(), min_size=2, max_size=25))
def test_sorted_labels_follow_ordinals_section(numbers):
    levels = scheme("section").paragraph_levels
    labels = {}
    for part, clause, suffix, paragraphs in numbers:
        label = _label(part, clause, suffix, paragraphs, levels)
        labels[label] = ((part, ""), (clause, suffix), *[((0, ""), (o, s)) for o, s in paragraphs])
    expected = sorted(labels, key=lambda lab: _flatten_key(labels[lab]))
    assert sort_addresses(list(labels), "section") == expected


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.lists(st.integers(1, 12), min_size=1, max_size=3), _SUFFIX,
                          st.lists(st.tuples(st.integers(1, 26), _SUFFIX), max_size=3)), min_size=2, max_size=25))
def test_sorted_labels_follow_ordinals_policy(numbers):
    levels = scheme("policy").paragraph_levels
    labels = {}
    for comps, suffix, paragraphs in numbers:
        head = ".".join(str(c) for c in comps) + suffix
        label = head + "".join(format_paren(Component(o, s), fmt) for (o, s), fmt in zip(paragraphs, levels))
        ordinal_key = (*[(c, "") for c in comps[:-1]], (comps[-1], suffix), *[((0, ""), (o, s)) for o, s in paragraphs])
        labels[label] = ordinal_key
    expected = sorted(labels, key=lambda lab: _flatten_key(labels[lab]))
    assert sort_addresses(list(labels), "policy") == expected


def _flatten_key(key: tuple) -> tuple:
    out = []
    for item in key:
        if isinstance(item[0], tuple):
            out.extend(((-1, ""), item[1]))
        else:
            out.append(item)
    return tuple(out)
