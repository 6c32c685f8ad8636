"""The writer without revisions: house style, layout contract, header/footer, determinism."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest

from secdocs.model import Document, Kind, Provision, Run
from secdocs.ooxml import styles as S
from secdocs.ooxml.body import long_date
from secdocs.ooxml.write import docx_bytes, write_docx
from secdocs.resources import reference_docx
from secdocs.reader.source import read_source

from writer_helpers import DOCX_CHECK, NS, W, check, part

SAMPLE = Path(__file__).parent / "data" / "sample.sec.txt"

CONTRACT_STYLES = [
    "SEC Title", "SEC Subtitle", "SEC Meta", "SEC Cover Note", "SEC Table Caption", "SEC Part",
    "SEC Cross Heading", "SEC Heading 1", "SEC Heading 2", "SEC Heading 3", "SEC Clause",
    "SEC Paragraph 1", "SEC Paragraph 2", "SEC Paragraph 3", "SEC Text 0", "SEC Text 1", "SEC Text 2",
    "SEC Definition Text", "SEC Definition Paragraph 1", "SEC Definition Paragraph 2",
]


@pytest.fixture(scope="module")
def sample_bytes() -> bytes:
    return docx_bytes(read_source(SAMPLE))


def paragraphs(data: bytes) -> list[tuple[str, str]]:
    """(style name, text) of each body paragraph, tables' cells included in document order."""
    d = docx.Document(io.BytesIO(data))
    out = []
    for block in d.element.body.iterchildren():
        if block.tag == W + "p":
            p = docx.text.paragraph.Paragraph(block, d)
            out.append((p.style.name, p.text))
        elif block.tag == W + "tbl":
            for row in docx.table.Table(block, d).rows:
                for cell in row.cells:
                    for p in cell.paragraphs:
                        out.append((p.style.name, p.text))
    return out


def test_reference_template_is_up_to_date():
    assert reference_docx().read_bytes() == S.build_reference_bytes(), "run scripts/make_reference.py"


def test_reference_has_contract_styles():
    d = docx.Document(str(reference_docx()))
    names = {s.name: s for s in d.styles}
    for name in CONTRACT_STYLES + ["SEC Definitions", "SEC Table"]:
        assert name in names, name
        assert names[name].style_id == name.replace(" ", "")
    assert names["SEC Part"].base_style.name == "Heading 1"
    assert names["SEC Cross Heading"].base_style.name == "Heading 2"
    for n in (1, 2, 3):
        assert names[f"SEC Heading {n}"].base_style.name == f"Heading {n}"
        assert names[f"SEC Heading {n}"].paragraph_format.keep_with_next
    clause = names["SEC Clause"].paragraph_format
    assert clause.first_line_indent < 0 and clause.left_indent == -clause.first_line_indent
    lefts = [names[f"SEC Paragraph {d}"].paragraph_format.left_indent for d in (1, 2, 3)]
    assert lefts == sorted(lefts) and lefts[0] > clause.left_indent
    section = d.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)


def test_layout_follows_the_contract(sample_bytes):
    got = paragraphs(sample_bytes)
    assert got[:6] == [
        ("SEC Title", "Section X"), ("SEC Subtitle", "Sample Section for Unit Tests"),
        ("SEC Meta", "Document version: 2.0"), ("SEC Meta", "SEC version: 46.0"), ("SEC Meta", "Date: 24 June 2021"),
        ("SEC Cover Note", "Representative text written for the secdocs project. It is not the official Smart "
                           "Energy Code."),
    ]
    assert got[6:10] == [("SEC Table Caption", "Version history"), ("SEC Table Heading", "Version"),
                         ("SEC Table Heading", "Date"), ("SEC Table Heading", "Description")]
    body = got[got.index(("SEC Table Text", "Representative earlier version.")) + 1:]
    assert body[:8] == [
        ("SEC Part", "X1\tGENERAL PROVISIONS"),
        ("SEC Cross Heading", "Establishment"),
        ("SEC Clause", 'X1.1\tThe Panel shall establish a Sub-Committee to be known as the "SMKI PMA".'),
        ("SEC Clause", "X1.2\tThe SMKI PMA shall be composed of:"),
        ("SEC Paragraph 1", "(a)\tthe SMKI PMA Chair;"),
        ("SEC Paragraph 1", "(b)\tthree persons appointed by the Supplier Parties, of whom:"),
        ("SEC Paragraph 2", "(i)\ttwo shall be appointed by the Large Supplier Parties; and"),
        ("SEC Paragraph 2", "(ii)\tone shall be appointed by the Small Supplier Parties;"),
    ]
    assert ("SEC Paragraph 3", "(A)\twhere there is one; and") in body
    assert ("SEC Text 1", "provided that no person may hold two offices.") in body
    i = body.index(("SEC Clause", "X2.1\tIn this Section X, the expressions below have the meanings given to them:"))
    assert body[i + 1:i + 9] == [
        ("SEC Definition Term", "Organisation Certificate"),
        ("SEC Definition Text", "means a Certificate issued by the OCA."),
        ("SEC Definition Term", "Supplier Party"),
        ("SEC Definition Text", "means a Party that:"),
        ("SEC Definition Paragraph 1", "(a)\tholds a gas supply licence; or"),
        ("SEC Definition Paragraph 1", "(b)\tholds an electricity supply licence,"),
        ("SEC Definition Paragraph 2", "(i)\tin each case in force; and"),
        ("SEC Definition Paragraph 2", "(ii)\tnot revoked,"),
    ]
    assert body[-1] == ("SEC Clause", "X2.2\tWhere an expression is defined in X2.1, it has that meaning.")


def test_inline_formatting_and_terms(sample_bytes):
    root = part(sample_bytes)
    bold = [r.findtext("w:t", namespaces=NS) for r in root.iterfind(".//w:r", NS)
            if r.find("w:rPr/w:b", NS) is not None]
    assert "SMKI PMA" in bold and "Organisation Certificate" in bold and "Supplier Party" in bold
    italic = [r.findtext("w:t", namespaces=NS) for r in root.iterfind(".//w:r", NS) if r.find("w:rPr/w:i", NS) is not None]
    underline = [r.findtext("w:t", namespaces=NS) for r in root.iterfind(".//w:r", NS)
                 if r.find("w:rPr/w:u", NS) is not None]
    assert italic == ["Large"] and underline == ["Small"]
    table = root.find(".//w:tbl", NS)
    assert table.find("w:tblPr/w:tblStyle", NS).get(W + "val") == "SECTable"
    definitions = root.findall(".//w:tbl", NS)[1]
    assert definitions.find("w:tblPr/w:tblStyle", NS).get(W + "val") == "SECDefinitions"
    widths = [int(c.get(W + "w")) for c in definitions.iterfind("w:tblGrid/w:gridCol", NS)]
    assert 0.25 < widths[0] / sum(widths) < 0.35


def test_header_footer_and_properties(tmp_path):
    path = tmp_path / "x.docx"
    write_docx(read_source(SAMPLE), path, banner="Representative text — not the official SEC")
    d = docx.Document(str(path))
    section = d.sections[0]
    assert section.different_first_page_header_footer
    assert [p.text for p in section.header.paragraphs] == [
        "Section X — Sample Section for Unit Tests", "Representative text — not the official SEC"]
    assert section.first_page_header.paragraphs[0].text == "Representative text — not the official SEC"
    footer = section.footer.paragraphs[0]
    assert footer.text.startswith("Version 2.0") and "Page 1 of 1" in footer.text
    instructions = [t.text.strip() for t in footer._p.iterfind(".//w:instrText", NS)]
    assert instructions == ["PAGE", "NUMPAGES"]
    core = d.core_properties
    assert core.title == "Section X — Sample Section for Unit Tests"
    assert core.subject == "Sample Section for Unit Tests"
    assert core.keywords == "version=2.0; sec-version=46.0"
    assert core.last_modified_by == "secdocs"
    assert core.created.isoformat().startswith("2021-06-24") and core.modified == core.created
    assert oct(path.stat().st_mode & 0o777) != oct(0o600)


def test_no_banner_by_default(sample_bytes):
    header = part(sample_bytes, "word/header1.xml")
    assert [t.text for t in header.iterfind(".//w:t", NS)] == ["Section X — Sample Section for Unit Tests"]


def test_deterministic(sample_bytes):
    again = docx_bytes(read_source(SAMPLE))
    assert again == sample_bytes
    root = part(sample_bytes)
    assert not any("rsid" in attr for e in root.iter() for attr in e.attrib)


def test_suffix_numbers_and_long_labels():
    doc = Document(id="Section L", title="T", provisions=[Provision(Kind.PART, "L13", heading=[Run("X")], children=[
        Provision(Kind.CLAUSE, "L13.17AB", text=[Run("Inserted twice.")], children=[
            Provision(Kind.PARAGRAPH, "(viii)", text=[Run("eight")]),
            Provision(Kind.PARAGRAPH, "(da)", text=[Run("suffix")])])])])
    got = paragraphs(docx_bytes(doc))
    assert ("SEC Clause", "L13.17AB\tInserted twice.") in got
    assert ("SEC Paragraph 1", "(da)\tsuffix") in got


def test_policy_headings_and_text_depths():
    doc = Document(id="Appendix Z", title="Policy", scheme="policy", provisions=[
        Provision(Kind.HEADING, "4", heading=[Run("LIFE-CYCLE")], children=[
            Provision(Kind.HEADING, "4.9", heading=[Run("Revocation")], children=[
                Provision(Kind.HEADING, "4.9.1", heading=[Run("Circumstances")], children=[
                    Provision(Kind.TEXT, text=[Run("Body.")]),
                    Provision(Kind.PARAGRAPH, "(A)", text=[Run("first:")], children=[
                        Provision(Kind.PARAGRAPH, "(i)", text=[Run("sub")]),
                        Provision(Kind.TEXT, text=[Run("tail")])])])])])])
    got = paragraphs(docx_bytes(doc))
    body = got[got.index(("SEC Heading 1", "4\tLIFE-CYCLE")):]
    assert body == [("SEC Heading 1", "4\tLIFE-CYCLE"), ("SEC Heading 2", "4.9\tRevocation"),
                    ("SEC Heading 3", "4.9.1\tCircumstances"), ("SEC Text 0", "Body."),
                    ("SEC Paragraph 1", "(A)\tfirst:"), ("SEC Paragraph 2", "(i)\tsub"), ("SEC Text 2", "tail")]


def test_other_tables_and_adjacent_tables():
    doc = Document(id="Section X", title="T", provisions=[Provision(Kind.PART, "X1", heading=[Run("P")], children=[
        Provision(Kind.TABLE, rows=[[[[Run("a")]], [[Run("b")], [Run("b2")]]], [[[Run("c")]], []]]),
        Provision(Kind.TABLE, rows=[[[[Run("z")]]]])])])
    root = part(docx_bytes(doc))
    body = root.find("w:body", NS)
    tags = [etree_local(c) for c in body]
    assert tags[-5:] == ["tbl", "p", "tbl", "p", "sectPr"]
    first = body.findall("w:tbl", NS)[0]
    assert first.find("w:tblPr/w:tblStyle", NS).get(W + "val") == "SECTable"
    cells = first.findall(".//w:tc", NS)
    assert len(cells) == 4 and all(c.find("w:p", NS) is not None for c in cells)


def etree_local(el) -> str:
    return el.tag.split("}")[1]


def test_long_date():
    assert long_date("2021-06-24") == "24 June 2021"
    assert long_date("4 October 2021") == "4 October 2021"
    assert long_date("") == ""


@pytest.mark.skipif(not DOCX_CHECK.exists(), reason="docx_check.py not found")
def test_independent_check_and_schema(tmp_path):
    path = tmp_path / "sample.docx"
    write_docx(read_source(SAMPLE), path, banner="Representative text — not the official SEC")
    result = check(path, "--no-lo", "--schema")
    assert result["errors"] == [] and result["warnings"] == [], result
    assert result["schema"]["valid"]


def test_missing_reference_document_is_an_error(tmp_path, monkeypatch, sample_bytes):
    """The house reference.docx ships inside the package; without it (a broken installation) the
    writer stops with one line naming it, never falling back to another template."""
    from secdocs import resources
    from secdocs.errors import ConfigError
    from secdocs.ooxml import write as writer

    monkeypatch.setattr(resources, "template_dir", lambda user=None: tmp_path)
    writer._template_parts.cache_clear()
    try:
        with pytest.raises(ConfigError, match=r"reference\.docx: the house reference document is missing"):
            writer.docx_bytes(read_source(SAMPLE))
    finally:
        monkeypatch.undo()
        writer._template_parts.cache_clear()
    assert writer.docx_bytes(read_source(SAMPLE)) == sample_bytes
