"""Issue 9: the reader gives every paragraph the number Word shows, in documents Word wrote.

Minimal documents (raw WordprocessingML written here), one per cause: numbering through the
style chain, a house clause style numbered (a)/(i), empty numbered paragraphs, every label
format, numbers inside definition cells; each read with ``read_docx`` and ``parse --json``.
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from reader_helpers import abstract, level, make_docx, num, p, style, tbl
from secdocs.model.address import full_label
from secdocs.cli import main
from secdocs.model import iter_definitions, walk
from secdocs.ooxml.read import read_docx


def labelled(doc) -> list[tuple[str, str, str]]:
    """(full citation, label as shown, text) of every numbered provision, in document order."""
    return [(full_label(path, q), q.label, q.heading_text or q.own_text) for path, q in walk(doc.provisions)
            if q.number]


def parse_json(path) -> dict:
    result = CliRunner().invoke(main, ["parse", "--json", str(path)])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def numpr(num_id: int | None = None, ilvl: int | None = None) -> str:
    return ("<w:numPr>" + (f'<w:ilvl w:val="{ilvl}"/>' if ilvl is not None else "")
            + (f'<w:numId w:val="{num_id}"/>' if num_id is not None else "") + "</w:numPr>")


CONTRACT_LEVELS = [level(0, "decimal", "%1."), level(1, "decimal", "%1.%2"), level(2, "decimal", "%1.%2.%3"),
                   level(3, "lowerLetter", "(%4)")]


# -- 1. numbering through styles ------------------------------------------------------------------

def test_a_style_that_sets_only_its_level_takes_the_list_from_the_style_it_is_based_on(tmp_path):
    styles = (style("L1", "GPS L1 heading", ppr=numpr(1, 0)) + style("L2", "GPS L2 numbered clause", ppr=numpr(1, 1))
              + style("L3", "GPS L3 numbered clause", based_on="L2", ppr=numpr(None, 2))
              + style("L4", "GPS L4 numbered clause", based_on="L3", ppr=numpr(None, 3)))
    body = (p("INTRODUCTION", style="L1") + p("The Buyer and the Supplier agree:", style="L2")
            + p("first;", style="L3") + p("second, which:", style="L3") + p("is one;", style="L4")
            + p("is another.", style="L4") + p("Until then:", style="L2")
            + p("direct level only", style="L2", ppr=numpr(None, 2)))
    path = make_docx(tmp_path / "chain.docx", body, styles=styles,
                     numbering=abstract(0, CONTRACT_LEVELS) + num(1, 0))
    doc = read_docx(path)
    assert labelled(doc) == [
        ("1", "1.", "INTRODUCTION"), ("1.1", "1.1", "The Buyer and the Supplier agree:"),
        ("1.1.1", "1.1.1", "first;"), ("1.1.2", "1.1.2", "second, which:"),
        ("1.1.2(a)", "(a)", "is one;"), ("1.1.2(b)", "(b)", "is another."), ("1.2", "1.2", "Until then:"),
        ("1.2.1", "1.2.1", "direct level only")]
    # nested by level: (a) and (b) are children of 1.1.2
    assert [q.number for q in doc.provisions[0].children[0].children[1].children] == ["(a)", "(b)"]


def test_a_style_numbered_through_a_level_pstyle_link(tmp_path):
    # the style names only the list; the level whose w:pStyle is the style gives the level
    levels = [level(0, "decimal", "%1."), level(1, "decimal", "%1.%2", extra='<w:pStyle w:val="Sub"/>')]
    styles = style("Top", ppr=numpr(1, 0)) + style("Sub", ppr=numpr(1))
    body = p("Scope", style="Top") + p("applies", style="Sub") + p("also", style="Sub")
    path = make_docx(tmp_path / "pstyle.docx", body, styles=styles, numbering=abstract(0, levels) + num(1, 0))
    assert [x[:2] for x in labelled(read_docx(path))] == [("1", "1."), ("1.1", "1.1"), ("1.2", "1.2")]


# -- 2. the number decides, not the house style -----------------------------------------------------

@pytest.mark.parametrize("name", ["SEC Clause", "Clause"])
def test_a_clause_style_numbered_a_and_i_is_read_by_its_numbers(tmp_path, name):
    levels = [level(0, "decimal", "L%1"), level(1, "decimal", "L%1.%2"), level(2, "lowerLetter", "(%3)"),
              level(3, "lowerRoman", "(%4)")]
    styles = style("Part", f"{name[:-6]}Part".strip(), ppr=numpr(1, 0)) + style("Cl", name, ppr=numpr(1, 1))
    body = (p("SMKI POLICY MANAGEMENT AUTHORITY", style="Part") + p("The SMKI PMA shall:", style="Cl")
            + p("appoint a Chair;", style="Cl", ppr=numpr(None, 2))
            + p("appoint members, who:", style="Cl", ppr=numpr(None, 2))
            + p("serve two years;", style="Cl", ppr=numpr(None, 3))
            + p("meet monthly.", style="Cl", ppr=numpr(None, 2)))
    path = make_docx(tmp_path / "clause.docx", body, styles=styles, numbering=abstract(0, levels) + num(1, 0))
    doc = read_docx(path)
    assert [x[:2] for x in labelled(doc)] == [("L1", "L1"), ("L1.1", "L1.1"), ("L1.1(a)", "(a)"),
                                              ("L1.1(b)", "(b)"), ("L1.1(b)(i)", "(i)"), ("L1.1(c)", "(c)")]
    disagreements = [w for w in doc.warnings if name in w.message]
    if name == "SEC Clause":  # the house clause style: its role gives way to the number, said once
        assert len(disagreements) == 1 and "read by their numbers" in disagreements[0].message
        assert "appoint a Chair" in disagreements[0].location
    else:
        assert disagreements == []


# -- 3. empty numbered paragraphs -----------------------------------------------------------------------

def test_an_empty_numbered_paragraph_holding_a_section_break_is_not_counted(tmp_path):
    styles = style("Heading1", "heading 1", ppr=numpr(1, 0)) + style("Heading2", "heading 2", ppr=numpr(1, 1))
    sect = '<w:sectPr><w:pgSz w:w="12240" w:h="15840"/></w:sectPr>'
    body = (p("Order form", style=None) + p("", style="Heading1", ppr=sect) + p("Service", style="Heading1")
            + p("Access and Use.", style="Heading2") + p("", style="Heading1") + p("Restrictions", style="Heading1"))
    path = make_docx(tmp_path / "empty.docx", body, styles=styles,
                     numbering=abstract(0, CONTRACT_LEVELS) + num(1, 0))
    got = labelled(read_docx(path))
    # the section-break paragraph gets no number; an ordinary empty numbered paragraph keeps its
    # number (Word and LibreOffice show "2." on it) and stays in the tree as an empty provision
    assert got == [("1", "1.", "Service"), ("1.1", "1.1", "Access and Use."), ("2", "2.", ""),
                   ("3", "3.", "Restrictions")]


# -- 4. every label format ----------------------------------------------------------------------------

FORMATS = [  # (numFmt, lvlText, extra, the first two labels, the number they cite)
    ("decimal", "%1)", "", ["1)", "2)"], ["(1)", "(2)"]),
    ("lowerLetter", "%1)", "", ["a)", "b)"], ["(a)", "(b)"]),
    ("lowerLetter", "%1.", "", ["a.", "b."], ["(a)", "(b)"]),
    ("lowerRoman", "%1.", "", ["i.", "ii."], ["(i)", "(ii)"]),
    ("upperLetter", "%1.", "", ["A.", "B."], ["(A)", "(B)"]),
    ("upperRoman", "Article %1.", "", ["Article I.", "Article II."], ["Article I", "Article II"]),
    ("decimal", "ARTICLE %1", "", ["ARTICLE 1", "ARTICLE 2"], ["ARTICLE 1", "ARTICLE 2"]),
    ("decimalZero", "%1", "", ["01", "02"], ["01", "02"]),
    ("ordinal", "%1", "", ["1st", "2nd"], ["1st", "2nd"]),
    ("cardinalText", "%1", "", ["One", "Two"], ["One", "Two"]),
    ("ordinalText", "%1 Schedule", "", ["First Schedule", "Second Schedule"], ["First Schedule", "Second Schedule"]),
    ("decimal", "%1. ", "", ["1.", "2."], ["1", "2"]),  # trailing space in lvlText: not part of the label
]


@pytest.mark.parametrize("fmt, text, extra, shown, cited", FORMATS, ids=[f"{f[0]}-{f[1]}" for f in FORMATS])
def test_every_label_format_is_a_provision_with_its_label(tmp_path, fmt, text, extra, shown, cited):
    body = p("Agreement") + p("first", num=(1, 0)) + p("second", num=(1, 0))
    path = make_docx(tmp_path / "fmt.docx", body, numbering=abstract(0, [level(0, fmt, text, extra=extra)]) + num(1, 0))
    data = parse_json(path)
    rows = [row for row in data["provisions"] if row["label"]]
    assert [(row["label"], row["number"], row["heading"] or row["text"]) for row in rows] == \
        [(shown[0], cited[0], "first"), (shown[1], cited[1], "second")]
    assert not any("not understood" in w for w in data["warnings"])


def test_article_section_is_lgl_nests_by_level(tmp_path):
    levels = [level(0, "upperRoman", "Article %1."),
              level(1, "decimalZero", "Section %1.%2", extra="<w:isLgl/>"), level(2, "lowerLetter", "(%3)")]
    body = (p("Name and Purpose", num=(1, 0)) + p("Name", num=(1, 1)) + p("Blagh", num=(1, 2))
            + p("Another Article", num=(1, 0)) + p("Another section", num=(1, 1)) + p("More", num=(1, 2)))
    path = make_docx(tmp_path / "lgl.docx", body, numbering=abstract(0, levels) + num(1, 0))
    doc = read_docx(path)
    assert [x[:2] for x in labelled(doc)] == [
        ("Article I", "Article I."), ("Section 1.01", "Section 1.01"), ("Section 1.01(a)", "(a)"),
        ("Article II", "Article II."), ("Section 2.01", "Section 2.01"), ("Section 2.01(a)", "(a)")]
    assert [q.number for q in doc.provisions] == ["Article I", "Article II"]
    assert [q.number for q in doc.provisions[0].children] == ["Section 1.01"]


# -- 5. numbers inside definitions ---------------------------------------------------------------------

def test_numbered_paragraphs_in_a_definition_cell_keep_their_labels(tmp_path):
    levels = [level(0, "lowerLetter", "%1)")]
    restart = '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>'
    meaning1 = p("means:") + p("the first thing; and", num=(2, 0)) + p("the second thing.", num=(2, 0))
    meaning2 = p("means either:") + p("this; or", num=(3, 0)) + p("that.", num=(3, 0))
    body = (p("Definitions", num=(1, 0)) + p("In this Schedule the following expressions have these meanings:",
                                               num=(1, 1))
            + tbl([[p("Term"), p("Meaning")], [p("Breach", runs='<w:r><w:rPr><w:b/></w:rPr><w:t>Breach</w:t></w:r>'),
                                                 meaning1],
                   [p("Asset"), meaning2]]))
    numbering = (abstract(0, CONTRACT_LEVELS) + abstract(1, levels) + num(1, 0) + num(2, 1, restart)
                 + num(3, 1, restart))
    path = make_docx(tmp_path / "defs.docx", body, numbering=numbering)
    data = parse_json(path)
    assert data["definitions"] == [
        {"term": "Breach", "text": "means:\na) the first thing; and\nb) the second thing."},
        {"term": "Asset", "text": "means either:\na) this; or\nb) that."}]
    doc = read_docx(path)
    meaning = next(d for _, d in iter_definitions(doc)).meaning
    assert [(q.number, q.label) for q in meaning if q.number] == [("(a)", "a)"), ("(b)", "b)")]


# -- parse --json -------------------------------------------------------------------------------------

def test_parse_json_label_sits_next_to_the_full_citation(tmp_path):
    body = p("Scope", num=(1, 0)) + p("Applies.", num=(1, 1)) + p("to all;", num=(1, 3))
    path = make_docx(tmp_path / "json.docx", body, numbering=abstract(0, CONTRACT_LEVELS) + num(1, 0))
    rows = parse_json(path)["provisions"]
    assert [list(row)[:2] for row in rows] == [["number", "label"]] * 3
    assert [(row["number"], row["label"]) for row in rows] == [("1", "1."), ("1.1", "1.1"), ("1.1(a)", "(a)")]
    assert set(rows[0]) == {"number", "label", "kind", "heading", "text", "depth"}


def test_num_id_and_level_are_inherited_separately_and_num_id_0_removes_numbering(tmp_path):
    styles = (style("Base", ppr=numpr(None, 1)) + style("Listed", based_on="Base", ppr=numpr(1))
              + style("Plain", based_on="Listed", ppr=numpr(0)) + style("Top", ppr=numpr(1, 0)))
    body = p("Scope", style="Top") + p("level from the base style", style="Listed") + p("not numbered", style="Plain")
    path = make_docx(tmp_path / "inherit.docx", body, styles=styles,
                     numbering=abstract(0, CONTRACT_LEVELS) + num(1, 0))
    doc = read_docx(path)
    assert [x[:2] for x in labelled(doc)] == [("1", "1."), ("1.1", "1.1")]
    assert "not numbered" in [q.own_text for _, q in walk(doc.provisions)]


def test_a_numbered_title_paragraph_is_a_provision_not_cover_text(tmp_path):
    styles = style("Title", "Title")
    body = p("Agreement", style="Title") + p("Purpose", style="Title", num=(1, 0)) + p("Applies.", num=(1, 1))
    path = make_docx(tmp_path / "title.docx", body, styles=styles, numbering=abstract(0, CONTRACT_LEVELS) + num(1, 0))
    doc = read_docx(path)
    assert [x[:2] for x in labelled(doc)] == [("1", "1."), ("1.1", "1.1")]
