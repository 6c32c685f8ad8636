""".docx → Document and .docx → text, end to end, on files built here as Word would write them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from reader_helpers import abstract, level, make_docx, num, p, r, style, tbl
from secdocs.model.address import flatten
from secdocs.cli import main
from secdocs.model import Kind, iter_definitions
from secdocs.ooxml.read import read_docx, read_text_lines
from secdocs.reader import read_document

ROOT = Path(__file__).resolve().parents[1]
A = 'w:id="{}" w:author="Ann" w:date="2021-06-24T00:00:00Z"'


def field(instruction: str, result: str) -> str:
    """A complex field: begin, instruction, separate, result, end."""
    return ('<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r><w:instrText xml:space="preserve"> {instruction} </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + r(result)
            + '<w:r><w:fldChar w:fldCharType="end"/></w:r>')


# -- text -------------------------------------------------------------------------------------------

def test_text_lines_reading_order_fields_and_special_characters(tmp_path):
    body = (p("Title\tline one\nline two")
            + p(runs=r("See ") + field('REF _Ref1 \\r \\h', "Section 3.1") + r(" and ")
                + '<w:fldSimple w:instr=" PAGE "><w:r><w:t>7</w:t></w:r></w:fldSimple>')
            + p(runs='<w:r><w:t>non</w:t><w:noBreakHyphen/><w:t>breaking</w:t><w:sym w:font="Symbol" w:char="F0B7"/></w:r>')
            + tbl([[p("a1"), p("b1")], [p("a2") + p("a2 second"), p("b2")]])
            + p(runs='<w:hyperlink r:id="rId9"><w:r><w:t>link</w:t></w:r></w:hyperlink>'
                     '<w:smartTag w:uri="x" w:element="y"><w:r><w:t> tag</w:t></w:r></w:smartTag>'
                     '<w:customXml w:element="z"><w:r><w:t> custom</w:t></w:r></w:customXml>'))
    path = make_docx(tmp_path / "t.docx", body)
    assert read_text_lines(path) == ["Title\tline one\nline two", "See Section 3.1 and 7", "non-breaking\u00b7",
                                     "a1", "b1", "a2", "a2 second", "b2", "link tag custom"]


def test_field_spanning_paragraphs_hides_its_instructions(tmp_path):
    body = (p(runs='<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> TOC \\o "1-3" </w:instrText></w:r>'
                   '<w:r><w:fldChar w:fldCharType="separate"/></w:r>' + r("1. Definitions\t3"))
            + p("2. Services\t4")
            + p(runs='<w:r><w:fldChar w:fldCharType="end"/></w:r>')
            + p("Body."))
    assert read_text_lines(make_docx(tmp_path / "toc.docx", body)) == ["1. Definitions\t3", "2. Services\t4", "", "Body."]


def test_footnotes_endnotes_and_comments(tmp_path):
    body = p(runs=r("Clause text") + '<w:r><w:footnoteReference w:id="1"/></w:r>'
             + '<w:r><w:endnoteReference w:id="2"/></w:r>' + r(" ends.")
             + '<w:commentRangeStart w:id="0"/>' + r(" Commented") + '<w:commentRangeEnd w:id="0"/>'
             + '<w:r><w:commentReference w:id="0"/></w:r>')
    path = make_docx(tmp_path / "notes.docx", p("L1\tPART") + p("L1.1\tFirst.") + body,
                     footnotes='<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
                               '<w:footnote w:id="1"><w:p>' + r("A footnote.") + "</w:p></w:footnote>",
                     endnotes='<w:endnote w:id="2"><w:p>' + r("An endnote.") + "</w:p></w:endnote>",
                     comments='<w:comment w:id="0" w:author="Bob"><w:p>' + r("Check this.") + "</w:p></w:comment>")
    lines = read_text_lines(path)
    assert lines[-3:] == ["Clause text ends. Commented", "[footnote 1] A footnote.", "[endnote 2] An endnote."]
    doc = read_docx(path)
    messages = [str(w) for w in doc.warnings]
    assert any("footnote 1 kept apart from the provision text: A footnote." in m for m in messages)
    assert any("comment not kept in the text: Bob: Check this." in m for m in messages)
    assert all("paragraph 3" in m for m in messages)


def test_text_box_image_equation_and_content_control(tmp_path):
    box = ('<w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:txbx><w:txbxContent>'
           + p("Boxed text.") + '</w:txbxContent></wps:txbx></w:drawing></mc:Choice><mc:Fallback><w:pict>'
           '<v:shape><v:textbox><w:txbxContent>' + p("Boxed text.") + "</w:txbxContent></v:textbox></v:shape>"
           "</w:pict></mc:Fallback></mc:AlternateContent></w:r>")
    body = (p("L1\tPART") + p(runs=r("L1.1\tAnchor.") + box)
            + p(runs=r("Picture: ") + "<w:r><w:drawing/></w:r>")
            + p(runs=r("Formula ") + '<m:oMath><m:r><m:t>x+1</m:t></m:r></m:oMath>')
            + '<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/></w:docPartObj></w:sdtPr>'
              "<w:sdtContent>" + p("L1.2\tInside a content control.") + "</w:sdtContent></w:sdt>")
    path = make_docx(tmp_path / "odd.docx", body)
    lines = read_text_lines(path)
    assert lines == ["L1\tPART", "L1.1\tAnchor.", "Boxed text.", "Picture: ", "Formula x+1",
                     "L1.2\tInside a content control."]
    doc = read_docx(path)
    rows = flatten(doc)
    assert [(row["number"], row["text"]) for row in rows] == [
        ("L1", ""), ("L1.1", "Anchor."), (None, "Boxed text."), (None, "Picture:"), (None, "Formula x+1"),
        ("L1.2", "Inside a content control.")]
    messages = " | ".join(str(w) for w in doc.warnings)
    for expected in ("text box read as separate paragraphs", "image or drawing is not read",
                     "equation read as plain text", "content control (Table of Contents) read as plain content"):
        assert expected in messages


def test_run_formatting(tmp_path):
    styles = (style("Normal", default=True) + style("Strong", kind="character", rpr="<w:b/>")
              + style("Loud", "Loud", rpr="<w:b/><w:i/>"))
    body = p(runs=r("plain ") + r("bold ", "<w:b/>") + r("italic ", "<w:i/>") + r("under ", '<w:u w:val="single"/>')
             + r("styled ", '<w:rStyle w:val="Strong"/>') + r("unbold", '<w:rStyle w:val="Strong"/><w:b w:val="0"/>')
             + r(" none", '<w:u w:val="none"/>'))
    path = make_docx(tmp_path / "fmt.docx", p("L1\tPART") + p("L1.1\tx") + body + p("Loud text", "Loud"),
                     styles=styles)
    doc = read_docx(path, scheme="section")
    text = doc.provisions[0].children[0].children[0].text
    assert [(x.text, x.bold, x.italic, x.underline) for x in text] == [
        ("plain ", False, False, False), ("bold ", True, False, False), ("italic ", False, True, False),
        ("under ", False, False, True), ("styled ", True, False, False), ("unbold none", False, False, False)]
    loud = doc.provisions[0].children[0].children[1].text
    assert [(x.text, x.bold) for x in loud] == [("Loud text", False)]  # a paragraph style is not inline emphasis


# -- tracked changes in a whole document -----------------------------------------------------------------

def test_accept_and_reject_views_of_a_section(tmp_path):
    body = (p("L1\tPART")
            + p(runs=r("L1.1\tThe Panel shall ")
                + f'<w:del {A.format(1)}><w:r><w:delText>promptly </w:delText></w:r></w:del>'
                + f'<w:ins {A.format(2)}><w:r><w:t>within five days </w:t></w:r></w:ins>' + r("act."))
            + f'<w:p><w:pPr><w:rPr><w:ins {A.format(3)}/></w:rPr></w:pPr><w:ins {A.format(4)}>'
              + r("L1.1A\tA new clause.") + "</w:ins></w:p>"
            + f'<w:p><w:pPr><w:rPr><w:del {A.format(5)}/></w:rPr></w:pPr><w:del {A.format(6)}>'
              '<w:r><w:delText>L1.2</w:delText></w:r><w:r><w:tab/><w:delText>An old clause.</w:delText></w:r>'
              "</w:del></w:p>"
            + p("L1.3\tLast."))
    path = make_docx(tmp_path / "tracked.docx", body)
    accepted = {row["number"]: row["text"] for row in flatten(read_docx(path, "accept"))}
    rejected = {row["number"]: row["text"] for row in flatten(read_docx(path, view="reject"))}
    assert accepted == {"L1": "", "L1.1": "The Panel shall within five days act.", "L1.1A": "A new clause.",
                        "L1.3": "Last."}
    assert rejected == {"L1": "", "L1.1": "The Panel shall promptly act.", "L1.2": "An old clause.", "L1.3": "Last."}
    result = CliRunner().invoke(main, ["text", "--track-changes", "reject", str(path)])
    assert result.output.splitlines() == ["L1\tPART", "L1.1\tThe Panel shall promptly act.", "L1.2\tAn old clause.",
                                          "L1.3\tLast."]


# -- numbering through styles, metadata ------------------------------------------------------------------

def test_policy_document_numbered_through_heading_styles(tmp_path):
    levels = [level(0, text="%1", extra='<w:pStyle w:val="Heading1"/>'),
              level(1, text="%1.%2", extra='<w:pStyle w:val="Heading2"/>'),
              level(2, text="%1.%2.%3", extra='<w:pStyle w:val="Heading3"/>')]
    para_levels = [level(0, "upperLetter", "(%1)"), level(1, "lowerRoman", "(%2)")]
    numbering = abstract(0, levels) + abstract(1, para_levels) + num(1, 0) + num(2, 1) + \
        num(3, 1, '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride>')
    styles = (style("Normal", default=True)
              + "".join(style(f"Heading{n}", f"heading {n}", ppr=f'<w:numPr><w:ilvl w:val="{n - 1}"/><w:numId w:val="1"/>'
                              f'</w:numPr><w:outlineLvl w:val="{n - 1}"/>') for n in (1, 2, 3)))
    body = (p("APPENDIX B – ORGANISATION CERTIFICATE POLICY", "Title")
            + p("INTRODUCTION", "Heading1") + p("Overview", "Heading2")
            + p("The first.", num=(2, 0)) + p("The second:", num=(2, 0)) + p("sub.", num=(2, 1))
            + p("Participants", "Heading2") + p("Authorities", "Heading3")
            + p("Restarted.", num=(3, 0)))
    path = make_docx(tmp_path / "policy.docx", body, styles=styles, numbering=numbering,
                     footers=[p("Version 6.0\t\tPage 1 of 9")])
    doc = read_docx(path)
    assert (doc.id, doc.title, doc.scheme, doc.version) == ("Appendix B", "ORGANISATION CERTIFICATE POLICY",
                                                           "policy", "6.0")
    assert [row["number"] for row in flatten(doc)] == ["1", "1.1", "1.1(A)", "1.1(B)", "1.1(B)(i)", "1.2", "1.2.1",
                                                       "1.2.1(A)"]
    assert doc.warnings == []


def test_metadata_from_header_and_core_properties(tmp_path):
    path = make_docx(tmp_path / "meta.docx", p("M1\tGENERAL") + p("M1.1\tText."),
                     headers=[p("Section M — General") + p("Representative text — not the official SEC")],
                     core={"dc:title": "ignored — because the header came first",
                           "cp:keywords": "version=12.0; sec-version=46.0"})
    doc = read_docx(path)
    assert (doc.id, doc.title, doc.version, doc.sec_version, doc.scheme) == \
        ("Section M", "General", "12.0", "46.0", "section")


def test_read_document_dispatches_on_the_file_type(tmp_path):
    path = make_docx(tmp_path / "x.docx", p("L1\tPART"))
    assert read_document(path).provisions[0].number == "L1"


def test_unknown_view_is_an_error(tmp_path):
    from secdocs.errors import SecdocsError

    with pytest.raises(SecdocsError, match="unknown view"):
        read_docx(make_docx(tmp_path / "x.docx", p("x")), view="all")


# -- the baselines (written by secdocs' own writer) ----------------------------------------------------------

BASELINES = sorted((ROOT / "baselines").glob("*.docx"))


def test_the_bundled_baselines_are_there():
    assert len(BASELINES) == 6, BASELINES  # else the test below would check nothing


@pytest.mark.parametrize("path", BASELINES, ids=lambda x: x.stem)
def test_parse_json_gives_the_full_tree_of_each_baseline(path):
    result = CliRunner().invoke(main, ["parse", "--json", str(path)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout if hasattr(result, "stdout") else result.output)
    assert data["document"]["id"] and data["document"]["title"] and data["document"]["version"]
    assert data["warnings"] == []
    assert all(row["number"] or row["kind"] in ("cross-heading", "text", "table") for row in data["provisions"])
    source = ROOT / "baselines" / "src" / f"{path.stem}.sec.txt"
    if source.is_file():
        from secdocs.reader.source import read_source

        expected = read_source(source)
        doc = read_docx(path)
        assert flatten(doc) == flatten(expected)
        assert [(d.term_text, d.meaning_text) for _, d in iter_definitions(doc)] == \
            [(d.term_text, d.meaning_text) for _, d in iter_definitions(expected)]
        assert (doc.id, doc.title, doc.version, doc.sec_version, doc.date, doc.scheme) == \
            (expected.id, expected.title, expected.version, expected.sec_version, expected.date, expected.scheme)
        assert doc.history == expected.history and doc.front == expected.front
    if path.stem == "section-A":
        assert len(data["definitions"]) >= 150
    kinds = {row["kind"] for row in data["provisions"]}
    assert kinds & {Kind.CLAUSE.value, Kind.HEADING.value}


def test_strict_conformance_namespaces_are_read(tmp_path):
    import zipfile

    path = make_docx(tmp_path / "t.docx", p("L1\tPART") + p("L1.1\tStrict text."))
    with zipfile.ZipFile(path) as zf:
        parts = {i.filename: zf.read(i) for i in zf.infolist()}
    parts["word/document.xml"] = parts["word/document.xml"].replace(
        b"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
        b"http://purl.oclc.org/ooxml/wordprocessingml/main")
    strict = tmp_path / "strict.docx"
    with zipfile.ZipFile(strict, "w") as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    assert [row["number"] for row in flatten(read_docx(strict))] == ["L1", "L1.1"]
    assert read_text_lines(strict) == ["L1\tPART", "L1.1\tStrict text."]


def test_text_command_with_automatic_numbers(tmp_path):
    numbering = abstract(0, [level(0, text="%1."), level(1, "lowerLetter", "(%2)")]) + num(1, 0)
    path = make_docx(tmp_path / "n.docx", p("First", num=(1, 0)) + p("sub", num=(1, 1)) + p("plain"),
                     numbering=numbering)
    result = CliRunner().invoke(main, ["text", "--numbers", str(path)])
    assert result.output.splitlines() == ["1.\tFirst", "(a)\tsub", "plain"]
    assert CliRunner().invoke(main, ["text", str(path)]).output.splitlines() == ["First", "sub", "plain"]
