"""The one inline markup (secdocs.model.markup) and its three readers: amendments, sources, outlines."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from secdocs.amend.text import markup_problems
from secdocs.model.markup import MarkupError, parse_inline, render_inline
from secdocs.model import Run, normalise_runs
from secdocs.packs.outline import escape, parse as parse_outline
from secdocs.reader.source import SourceError, parse_source

HEAD = "@id: Section X\n@title: Test\n\nX1 PART\n"


def test_marks_nest_in_any_order():
    assert parse_inline("a **b** *c* __d__ e") == [
        Run("a "), Run("b", bold=True), Run(" "), Run("c", italic=True), Run(" "), Run("d", underline=True),
        Run(" e")]
    assert parse_inline("**__both__**") == [Run("both", bold=True, underline=True)]
    assert parse_inline("**bold *it* x**") == [Run("bold ", bold=True), Run("it", bold=True, italic=True),
                                              Run(" x", bold=True)]
    assert parse_inline("***x***") == [Run("x", bold=True, italic=True)]


def test_escapes():
    assert parse_inline(r"2 \* 3 \\ a\_b \| c\nd") == [Run("2 * 3 \\ a_b | c\nd")]
    assert parse_inline("a_b C:\\x\\") == [Run("a_b C:\\x\\")]


@pytest.mark.parametrize("text, problem", [
    ("un**closed", "** opened but not closed"),
    ("2 * 3", "* opened but not closed"),
    ("__a **b", "** and __ opened but not closed"),
])
def test_an_unclosed_mark_is_an_error(text, problem):
    with pytest.raises(MarkupError) as info:
        parse_inline(text)
    assert info.value.problem == problem


def test_each_reader_says_where():
    with pytest.raises(SourceError, match=r"^x\.sec\.txt:5: \*\* opened but not closed on this line$"):
        parse_source(HEAD + "X1.1 un**closed\n", "x.sec.txt")
    from secdocs.errors import ConfigError
    with pytest.raises(ConfigError, match=r"^form: line 2: \*\* opened but not closed$"):
        parse_outline("p: fine\np: un**closed\n", "form")
    with pytest.raises(ConfigError, match="only \\*\\*bold\\*\\* marks"):
        parse_outline("p: *italic*\n")
    assert markup_problems({"kind": "insert", "target": "X1.1", "text": "a *b",
                            "children": ["(a) ok", {"text": "__x"}]}) == [
        "text: * opened but not closed", "children[2].text: __ opened but not closed"]


_runs = st.lists(st.builds(Run, st.text(alphabet="ab _*\\|\n", min_size=1, max_size=6),
                           st.booleans(), st.booleans(), st.booleans()), max_size=6)


@settings(max_examples=300, deadline=None)
@given(_runs)
def test_render_then_parse_gives_the_runs_back(runs):
    assert parse_inline(render_inline(runs)) == normalise_runs(runs)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="ab *_\\|", max_size=12))
def test_parse_then_render_is_stable(text):
    try:
        runs = parse_inline(text)
    except MarkupError:
        return
    assert parse_inline(render_inline(runs)) == runs


def _source_runs(text: str) -> list[Run]:
    return parse_source(HEAD + "X1.1 " + text + "\n").provisions[0].children[0].text


def _outline_runs(text: str) -> list[Run]:
    return [Run(s.text, bold=s.bold) for s in parse_outline("p: " + text).pop().runs]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.text(alphabet="ab _*\\|", min_size=1, max_size=5), st.booleans()),
                min_size=1, max_size=5))
def test_the_three_readers_agree(pieces):
    """Bold text (what all three carry) reads the same as an amendment's, a source's and an
    outline's text; in the outline data comes in through ``escape``."""
    runs = normalise_runs([Run(t, bold=b) for t, b in pieces])
    text = render_inline(runs)
    words = "".join(r.text for r in runs)
    if not words.strip() or words != words.strip():
        return  # a paragraph's outer spaces are not text in a source or an outline
    assert parse_inline(text) == runs
    assert _source_runs(text) == runs
    assert _outline_runs(text) == runs
    data = "".join(t for t, _ in pieces).strip()
    if data:
        assert _outline_runs(escape(data)) == [Run(data)]
