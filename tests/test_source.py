"""The readable text source (*.sec.txt) → Document."""

from __future__ import annotations

from pathlib import Path

import pytest

from secdocs.errors import BadInputError, SecdocsError
from secdocs.model import Kind, Run, iter_provisions
from secdocs.reader import read_document
from secdocs.reader.source import SourceError, parse_source, read_source

DATA = Path(__file__).parent / "data"
SAMPLE = DATA / "sample.sec.txt"

HEAD = "@id: Section X\n@title: Test\n@scheme: section\n@note: Representative text.\n"
POLICY_HEAD = "@id: Appendix Z\n@title: Test Policy\n@scheme: policy\n"


def test_metadata_cover_and_history():
    doc = read_source(SAMPLE)
    assert (doc.id, doc.title, doc.scheme) == ("Section X", "Sample Section for Unit Tests", "section")
    assert (doc.version, doc.sec_version, doc.date) == ("2.0", "46.0", "2021-06-24")
    assert [r.text for r in doc.front[0]] == [
        "Representative text written for the secdocs project. It is not the official Smart Energy Code."]
    assert [(h.version, h.date, h.description) for h in doc.history] == [
        ("1.0", "2020-11-05", "Representative earlier version.")]


def test_section_tree():
    doc = read_source(SAMPLE)
    x1, x2 = doc.provisions
    assert (x1.kind, x1.number, x1.heading_text) == (Kind.PART, "X1", "GENERAL PROVISIONS")
    kinds = [(c.kind, c.number) for c in x1.children]
    assert kinds == [(Kind.CROSS_HEADING, None), (Kind.CLAUSE, "X1.1"), (Kind.CLAUSE, "X1.2"),
                     (Kind.CLAUSE, "X1.2A")]
    x12 = x1.children[2]
    assert [(c.kind, c.number) for c in x12.children] == [
        (Kind.PARAGRAPH, "(a)"), (Kind.PARAGRAPH, "(b)"), (Kind.PARAGRAPH, "(c)"), (Kind.TEXT, None)]
    b = x12.children[1]
    assert [c.number for c in b.children] == ["(i)", "(ii)"]
    assert [c.number for c in b.children[1].children] == ["(A)", "(B)"]
    assert x12.children[3].own_text == "provided that no person may hold two offices."


def test_uids_are_addresses():
    doc = read_source(SAMPLE)
    uids = [p.uid for p in iter_provisions(doc.provisions)]
    assert "X1.2(b)(ii)(A)" in uids and "X1" in uids and "X1/cross-heading[1]" in uids
    assert "X1.2/text[1]" in uids
    table_holder = doc.provisions[1].children[0]
    assert [d.uid for d in table_holder.definitions] == ["def:Organisation Certificate", "def:Supplier Party"]


def test_definitions_and_meanings():
    doc = read_source(SAMPLE)
    holder = doc.provisions[1].children[0]
    assert holder.number == "X2.1"
    first, second = holder.definitions
    assert first.term == [Run("Organisation Certificate", bold=True, term=True)]
    assert [p.own_text for p in first.meaning] == ["means a Certificate issued by the OCA."]
    assert [(p.kind, p.number) for p in second.meaning] == [
        (Kind.TEXT, None), (Kind.PARAGRAPH, "(a)"), (Kind.PARAGRAPH, "(b)"), (Kind.TEXT, None)]
    assert [c.number for c in second.meaning[2].children] == ["(i)", "(ii)"]
    assert doc.provisions[1].children[1].number == "X2.2"


def test_inline_marks():
    doc = read_source(SAMPLE)
    x11 = doc.provisions[0].children[1]
    assert Run("SMKI PMA", bold=True) in x11.text


def test_policy_scheme_headings_and_text():
    doc = parse_source(POLICY_HEAD + "1 INTRODUCTION\n1.1 Overview\n  Body text.\n  (A) First.\n    (i) Sub.\n"
                       "1.2 Names\n  No stipulation.\n2 PUBLICATION\n2.1 Repositories\n2.1.1 Detail\n  (A) x\n")
    one, two = doc.provisions
    assert (one.kind, one.number, one.heading_text) == (Kind.HEADING, "1", "INTRODUCTION")
    assert [c.number for c in one.children] == ["1.1", "1.2"]
    overview = one.children[0]
    assert [(c.kind, c.number) for c in overview.children] == [(Kind.TEXT, None), (Kind.PARAGRAPH, "(A)")]
    assert overview.children[1].children[0].number == "(i)"
    assert two.children[0].children[0].number == "2.1.1"


def test_read_document_dispatches_on_txt():
    assert read_document(SAMPLE) == read_source(SAMPLE)


@pytest.mark.parametrize("body, line, words", [
    ("X1 PART\nX1.1 text **bold\n", 6, "** opened but not closed"),
    ("X1 PART\nX1.1 text\n   (a) three spaces\n", 7, "two spaces a level"),
    ("X1.1 text\n", 5, "before any Part"),
    ("X1 PART\nX1.1 text\n    (i) jumps a level\n", 7, "indent by one level"),
    ("X1 PART\nX1.1 text\n  (A) wrong case\n", 7, "does not fit paragraph level 1"),
    ("X1 PART\n## Heading\n  (a) no clause\n", 7, "no clause, heading or Part above"),
    ("X1 PART\n= Term\n", 6, "not below a clause"),
    ("X1 PART\nX1.1 t\n  text\n    (i) under text\n", 8, "unnumbered text"),
    ("X1 PART\nY1.1 other section\n", 6, "does not belong to Section X"),
    ("X1 PART\n(a) at margin\n", 6, "at the left margin"),
    ("X1 PART\n@version: 2\n", 6, "after the body has started"),
])
def test_errors_name_file_and_line(body, line, words):
    with pytest.raises(SourceError) as info:
        parse_source(HEAD + body, "bad.sec.txt")
    message = str(info.value)
    assert message.startswith(f"bad.sec.txt:{line}: "), message
    assert words in message
    assert isinstance(info.value, SecdocsError) and isinstance(info.value, BadInputError)


def test_metadata_errors():
    with pytest.raises(SourceError, match=r"x:1: unknown metadata @colour"):
        parse_source("@colour: blue\n", "x")
    with pytest.raises(SourceError, match=r"x:2: @title is missing"):
        parse_source("@id: Section X\nX1 PART\n", "x")
    with pytest.raises(SourceError, match=r"x:3: @history needs"):
        parse_source("@id: Section X\n@title: T\n@history: 1.0\n", "x")
    with pytest.raises(SourceError, match=r"x:1: unknown numbering scheme"):
        parse_source("@scheme: roman\n", "x")
    with pytest.raises(SourceError, match=r"x:3: @date '24 June 2021' is not YYYY-MM-DD"):
        parse_source("@id: Section X\n@title: T\n@date: 24 June 2021\n", "x")


def test_missing_file_is_one_line_error(tmp_path):
    with pytest.raises(SourceError, match="cannot read"):
        read_source(tmp_path / "nope.sec.txt")
    bad = tmp_path / "latin1.sec.txt"
    bad.write_bytes(b"@id: Section X\n@title: caf\xe9\n")
    with pytest.raises(SourceError, match="not UTF-8"):
        read_source(bad)


def test_the_lines_feed_the_tree_builder(monkeypatch):
    """A source is read as the house-style paragraph stream a .docx gives: the tree builder places
    it, and text indented below an (a) item of a meaning stays below that item."""
    import secdocs.reader.source as source

    seen = []
    build = source.build_document
    monkeypatch.setattr(source, "build_document", lambda blocks, **kw: seen.extend(blocks) or build(blocks, **kw))
    doc = parse_source(HEAD + "X1 PART\nX1.1 The terms:\n= Term\n  means:\n  (a) one;\n    said twice\n"
                       "  (b) two.\n")
    assert [b.style for b in seen] == ["SEC Part", "SEC Clause", "SEC Definitions"]
    meaning = doc.provisions[0].children[0].definitions[0].meaning
    assert [(p.kind, p.number) for p in meaning] == [(Kind.TEXT, None), (Kind.PARAGRAPH, "(a)"),
                                                     (Kind.PARAGRAPH, "(b)")]
    assert [c.own_text for c in meaning[1].children] == ["said twice"]
