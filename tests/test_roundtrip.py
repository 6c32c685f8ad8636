"""Round trip: for every baseline, read(write(read(x))) == read(x) in structure and text.

Two levels:

* always: the text source → .docx keeps every provision's label and text, in order, in the
  style the contract gives its kind (checked with python-docx, independently of our reader);
* with the .docx reader (secdocs.ooxml.read): reading a baseline, writing it and reading it
  again gives an equal Document, and reading the baseline gives the source's tree.
"""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest

from secdocs.model.address import flatten
from secdocs.model import Document, Kind, Provision, Run, iter_definitions, plain
from secdocs.ooxml.body import content_runs
from secdocs.ooxml.write import docx_bytes
from secdocs.reader.source import read_source

from writer_helpers import ROOT, W, redline_sample, view

BASELINES = ROOT / "baselines"
SOURCES = sorted((BASELINES / "src").glob("*.sec.txt"))
NAMES = [s.name.removesuffix(".sec.txt") for s in SOURCES]


def expected_lines(doc: Document) -> list[str]:
    """Each provision and definition-table paragraph as the writer should print it."""
    out: list[str] = []

    def line(p: Provision) -> str:
        text = plain(content_runs(p))
        return f"{p.number}\t{text}" if p.number else text

    def meaning(ps: list[Provision]) -> None:
        for p in ps:
            out.append(line(p))
            meaning(p.children)

    def visit(ps: list[Provision]) -> None:
        for p in ps:
            out.append(line(p))
            for d in p.definitions:
                out.append(d.term_text)
                meaning(d.meaning)
            visit(p.children)

    visit(doc.provisions)
    return out


def body_lines(data: bytes) -> list[str]:
    """Paragraph texts after the cover (from the first page break on), cells included."""
    d = docx.Document(io.BytesIO(data))
    lines: list[str] = []
    started = False
    for block in d.element.body.iterchildren():
        if block.tag == W + "p":
            if block.find(f"{W}pPr/{W}pageBreakBefore") is not None:
                started = True
            if started:
                lines.append(docx.text.paragraph.Paragraph(block, d).text)
        elif block.tag == W + "tbl" and started:
            for row in docx.table.Table(block, d).rows:
                for cell in row.cells:
                    lines.extend(p.text for p in cell.paragraphs)
    return lines


@pytest.mark.parametrize("name", NAMES)
def test_source_text_survives_in_the_docx(name):
    doc = read_source(BASELINES / "src" / f"{name}.sec.txt")
    assert body_lines(docx_bytes(doc)) == expected_lines(doc)


def _first_difference(a: list, b: list) -> str:
    for i, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return f"first difference at {i}:\n  {x!r}\n  {y!r}"
    return f"lengths differ: {len(a)} != {len(b)}"


def _rows(doc: Document) -> list[tuple]:
    rows = [(r["number"], r["kind"], r["heading"], (r["text"] or "").strip(), r["depth"]) for r in flatten(doc)]
    defs = [(d.term_text, d.meaning_text) for _, d in iter_definitions(doc)]
    return rows + defs


@pytest.mark.parametrize("name", NAMES)
def test_read_write_read_is_stable(name, tmp_path):
    from secdocs.reader import read_document

    first = read_document(BASELINES / f"{name}.docx")
    again_path = tmp_path / f"{name}.docx"
    again_path.write_bytes(docx_bytes(first))
    second = read_document(again_path)
    assert _rows(second) == _rows(first), _first_difference(_rows(second), _rows(first))
    assert second == first
    assert (second.id, second.title, second.version) == (first.id, first.title, first.version)


@pytest.mark.parametrize("name", NAMES)
def test_reading_the_baseline_gives_the_source_tree(name):
    """The committed .docx holds exactly the source's Document: provisions (numbers, kinds, text,
    depth, formatting), definitions, metadata, cover notes and history."""
    from secdocs.reader import read_document

    source = read_source(BASELINES / "src" / f"{name}.sec.txt")
    read = read_document(BASELINES / f"{name}.docx")
    assert _rows(read) == _rows(source), _first_difference(_rows(read), _rows(source))
    assert (read.id, read.title, read.version) == (source.id, source.title, source.version)
    assert read == source  # formatting, uids, cover notes, history and dates too
    assert read.warnings == []


def test_redline_reads_back_as_either_version(tmp_path):
    """Our tracked redline, read in the accept and reject views, gives the two versions."""
    from secdocs.reader import read_document

    doc = redline_sample()
    path = tmp_path / "redline.docx"
    path.write_bytes(docx_bytes(doc))
    for mode in ("accept", "reject"):
        got = read_document(path, view=mode)
        want_path = tmp_path / f"{mode}.docx"
        want_path.write_bytes(docx_bytes(view(doc, mode)))
        want = read_document(want_path)
        assert _rows(got) == _rows(want), (mode, _first_difference(_rows(got), _rows(want)))


def _contract_edges() -> dict[str, Document]:
    """Small documents for the corners of the writer/reader contract."""
    def para(label, text, *kids):
        return Provision(Kind.PARAGRAPH, label, text=[Run(text)], children=list(kids))

    def text(t):
        return Provision(Kind.TEXT, text=[Run(t)])

    table = Provision(Kind.TABLE, rows=[[[[Run("a")]], [[Run("b")], [Run("b2")]]], [[[Run("c")]], [[Run("d")]]]])
    policy = Document(id="Appendix Z", title="Policy", scheme="policy", version="1.0", provisions=[
        Provision(Kind.HEADING, "4", heading=[Run("LIFE-CYCLE")], children=[
            text("Intro under a level 1 heading."),
            Provision(Kind.HEADING, "4.9", heading=[Run("Revocation")], children=[
                Provision(Kind.HEADING, "4.9.1", heading=[Run("Circumstances")], children=[
                    text("Body."),
                    para("(A)", "first:", para("(i)", "sub", para("(a)", "sub-sub")), text("tail of (A)")),
                    text("after the list")]),
                Provision(Kind.HEADING, "4.9.1A", heading=[Run("Inserted heading")])])])])
    section = Document(id="Section X", title="T", version="1", provisions=[
        Provision(Kind.PART, "X1", heading=[Run("PART")], children=[
            text("Text directly under the Part."),
            Provision(Kind.CLAUSE, "X1.1", text=[Run("c")], children=[para("(a)", "a", text("under (a)"))]),
            text("Text under the Part after a clause."),
            Provision(Kind.CROSS_HEADING, heading=[Run("Cross-heading")]),
            Provision(Kind.CLAUSE, "X1.2", text=[Run("d")], children=[para("(a)", "a"), table, para("(b)", "b")]),
            Provision(Kind.CLAUSE, "X1.2A", text=[Run("suffix")], children=[para("(da)", "inserted letter")])])])
    return {"sample": read_source(Path(__file__).parent / "data" / "sample.sec.txt"), "policy": policy,
            "section": section}


@pytest.mark.parametrize("name", ["sample", "policy", "section"])
def test_contract_edges_read_back(name, tmp_path):
    """Text depths under Parts, clauses, headings and paragraphs; tables inside a clause;
    suffix numbers; nested policy headings: written, then read, they come back the same."""
    from secdocs.reader import read_document

    doc = _contract_edges()[name]
    path = tmp_path / f"{name}.docx"
    path.write_bytes(docx_bytes(doc))
    got = read_document(path)
    assert _rows(got) == _rows(doc), _first_difference(_rows(got), _rows(doc))
    assert got.warnings == []


def test_sources_exist():
    assert SOURCES, "no baselines/src/*.sec.txt"
    assert all(Path(BASELINES / f"{n}.docx").exists() for n in NAMES)
