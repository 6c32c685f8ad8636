"""The static (coloured) redline of a .docx baseline is its tracked in-place redline with every
revision turned into formatting (``ooxml.static_marks.tracked_to_static``):

* on a hand-made part with every kind of revision (a deleted row's empty paragraph too), the static-markup reader
  (``static.static_to_tracked``) reads the result back as the same revisions: each paragraph's
  text in the accept and reject views equals the tracked part's; no revision is left;
* ``secdocs redline --style static`` on the six MP134A documents writes the baseline's own
  package (its styles byte-identical), with no revision in any part, in the colours asked for;
  read as static markup its accept view is the consolidated document and its reject view the
  baseline; ``docx_check.py --no-lo --schema`` finds no error; the bytes are deterministic.
"""

from __future__ import annotations

import io
import zipfile

import pytest
from click.testing import CliRunner
from lxml import etree
from redline_helpers import ROOT, docx_check, first_difference, whole_text

from secdocs.cli import main
from secdocs.ooxml.package import package_bytes
from secdocs.ooxml.read import read_docx
from secdocs.ooxml.revisions import apply_view
from secdocs.ooxml.static import static_to_tracked
from secdocs.ooxml.static_marks import static_part, tracked_to_static

MOD = ROOT / "modifications" / "MP134A"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
REVISION_TAGS = ("ins", "del", "moveFrom", "moveTo", "rPrChange", "pPrChange", "trPrChange", "delText",
                 "delInstrText", "moveFromRangeStart", "moveToRangeEnd")
A = 'w:id="{}" w:author="x" w:date="2021-01-01T00:00:00Z"'

PART = f"""<w:document xmlns:w="{W}"><w:body>
<w:p><w:r><w:t xml:space="preserve">Keep </w:t></w:r><w:ins {A.format(1)}><w:r><w:t xml:space="preserve">new </w:t></w:r>
  <w:r><w:rPr><w:u w:val="single"/></w:rPr><w:t xml:space="preserve">underlined </w:t></w:r></w:ins>
  <w:del {A.format(2)}><w:r><w:rPr><w:b/></w:rPr><w:delText xml:space="preserve">old </w:delText></w:r></w:del>
  <w:r><w:t>end</w:t></w:r></w:p>
<w:p><w:pPr><w:rPr><w:del {A.format(3)}/></w:rPr></w:pPr><w:del {A.format(4)}><w:r><w:delText>Gone paragraph</w:delText></w:r></w:del></w:p>
<w:p><w:pPr><w:rPr><w:ins {A.format(5)}/></w:rPr></w:pPr><w:ins {A.format(6)}><w:r><w:t>Added paragraph</w:t></w:r></w:ins></w:p>
<w:p><w:moveFromRangeStart w:id="7" w:name="m1"/><w:r><w:t xml:space="preserve">A </w:t></w:r><w:moveFrom {A.format(8)}><w:r><w:t>moved</w:t></w:r></w:moveFrom><w:moveFromRangeEnd w:id="7"/></w:p>
<w:p><w:r><w:t xml:space="preserve">B </w:t></w:r><w:moveToRangeStart w:id="9" w:name="m1"/><w:moveTo {A.format(10)}><w:r><w:t>moved</w:t></w:r></w:moveTo><w:moveToRangeEnd w:id="9"/></w:p>
<w:p><w:pPr><w:jc w:val="center"/><w:pPrChange {A.format(11)}><w:pPr/></w:pPrChange></w:pPr>
  <w:r><w:rPr><w:i/><w:rPrChange {A.format(12)}><w:rPr/></w:rPrChange></w:rPr><w:t>Formatted</w:t></w:r>
  <w:del {A.format(13)}><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:delInstrText> PAGE </w:delInstrText></w:r>
  <w:r><w:fldChar w:fldCharType="end"/></w:r></w:del>
  <w:ins {A.format(14)}><w:del {A.format(15)}><w:r><w:delText>neither</w:delText></w:r></w:del></w:ins></w:p>
<w:tbl><w:tblPr/><w:tblGrid><w:gridCol w:w="100"/></w:tblGrid>
<w:tr><w:tc><w:p><w:r><w:t>Row kept</w:t></w:r></w:p></w:tc></w:tr>
<w:tr><w:trPr><w:ins {A.format(16)}/></w:trPr><w:tc><w:p><w:pPr><w:rPr><w:ins {A.format(17)}/></w:rPr></w:pPr><w:ins {A.format(18)}><w:r><w:t>Row new</w:t></w:r></w:ins></w:p></w:tc></w:tr>
<w:tr><w:trPr><w:del {A.format(19)}/></w:trPr><w:tc><w:p><w:pPr><w:rPr><w:del {A.format(20)}/></w:rPr></w:pPr><w:r><w:delText>Row old</w:delText></w:r></w:p>
  <w:p><w:pPr><w:rPr><w:del {A.format(21)}/></w:rPr></w:pPr></w:p></w:tc></w:tr>
</w:tbl><w:sectPr/></w:body></w:document>"""


def paragraphs(root: etree._Element) -> list[str]:
    return ["".join(t.text or "" for t in p.iter(f"{{{W}}}t")) for p in root.iter(f"{{{W}}}p")]


def leftovers(root: etree._Element) -> list[str]:
    return [etree.QName(el).localname for el in root.iter() if etree.QName(el).localname in REVISION_TAGS]


def static_of(xml: str, colours=None) -> etree._Element:
    from secdocs.ooxml.markup import resolve_colours

    root = etree.fromstring(xml.encode())
    assert static_part(root, resolve_colours(colours))
    return root


def test_every_revision_becomes_formatting_and_reads_back():
    tracked = etree.fromstring(PART.encode())
    static = static_of(PART)
    assert leftovers(static) == []
    back = static_to_tracked(static)
    for view in ("accept", "reject"):
        got, want = paragraphs(apply_view(back, view)), paragraphs(apply_view(tracked, view))
        assert got == want, (view, got, want)
    assert paragraphs(apply_view(tracked, "accept"))[0] == "Keep new underlined end"
    # what is shown: the text of every version, and nothing that is in neither
    assert paragraphs(static)[:3] == ["Keep new underlined old end", "Gone paragraph", "Added paragraph"]
    assert "neither" not in etree.tostring(static).decode()


def test_static_formatting_matches_the_house_style():
    static = static_of(PART, {"ins": "00AA00", "del": "#990000"})
    ns = {"w": W}
    new = static.xpath("//w:r[w:t='new ']/w:rPr", namespaces=ns)[0]
    assert [etree.QName(c).localname for c in new] == ["color", "u"]
    assert new[0].get(f"{{{W}}}val") == "00AA00" and new[1].get(f"{{{W}}}color") == "00AA00"
    underlined = static.xpath("//w:r[w:t='underlined ']/w:rPr/w:u", namespaces=ns)[0]
    assert underlined.get(f"{{{W}}}val") == "double"  # an underlined insertion stays visible
    old = static.xpath("//w:r[w:t='old ']/w:rPr", namespaces=ns)[0]
    assert [etree.QName(c).localname for c in old] == ["b", "strike", "color"]  # schema order, bold kept
    assert old[2].get(f"{{{W}}}val") == "990000"
    assert static.xpath("//w:instrText", namespaces=ns)[0].text == " PAGE "
    gone = static.xpath("//w:p[.//w:t='Gone paragraph']/w:pPr/w:rPr/w:color", namespaces=ns)[0]
    assert gone.get(f"{{{W}}}val") == "990000"  # its paragraph mark (and automatic number) coloured
    assert static.xpath("//w:r[w:t='Row old']/w:rPr/w:strike", namespaces=ns)  # a deleted row's text struck
    assert not static.xpath("//w:trPr", namespaces=ns)  # the emptied row properties go


def test_package_parts_without_revisions_are_untouched():
    header = f'<w:hdr xmlns:w="{W}"><w:p><w:ins {A.format(1)}><w:r><w:t>v2</w:t></w:r></w:ins></w:p></w:hdr>'.encode()
    styles = f'<w:styles xmlns:w="{W}"><w:style w:styleId="x"/></w:styles>'.encode()
    parts = {"[Content_Types].xml": b"<Types xmlns='http://schemas.openxmlformats.org/package/2006/content-types'/>",
             "word/document.xml": PART.encode(), "word/header1.xml": header, "word/styles.xml": styles}
    out = tracked_to_static(package_bytes(parts))
    assert out == tracked_to_static(package_bytes(parts))  # deterministic
    got = {i.filename: zipfile.ZipFile(io.BytesIO(out)).read(i) for i in zipfile.ZipFile(io.BytesIO(out)).infolist()}
    assert got["word/styles.xml"] == styles and got["[Content_Types].xml"] == parts["[Content_Types].xml"]
    assert b"<w:ins" not in got["word/header1.xml"] and b'w:val="0000FF"' in got["word/header1.xml"]
    assert leftovers(etree.fromstring(got["word/document.xml"])) == []


# --- the six MP134A documents, end to end -----------------------------------------------------------

@pytest.fixture(scope="module")
def made(tmp_path_factory):
    work = tmp_path_factory.mktemp("static-inplace")
    runner = CliRunner()
    for name, args in (("static", ["--style", "static"]), ("again", ["--style", "static"]),
                       ("coloured", ["--style", "static", "--insert-colour", "green", "--delete-colour", "#AA0000"])):
        res = runner.invoke(main, ["redline", str(MOD), "-o", str(work / name), *args])
        assert res.exit_code == 0, res.output
    res = runner.invoke(main, ["apply", str(MOD), "-o", str(work / "applied")])
    assert res.exit_code == 0, res.output
    return work


def _docs(made):
    files = sorted((made / "static").glob("*-redline.docx"))
    assert len(files) == 6
    return files


def test_mp134a_static_views_are_the_two_versions(made):
    for path in _docs(made):
        stem = path.name.removesuffix("-redline.docx")
        for view, want in (("accept", made / "applied" / f"{stem}.docx"), ("reject", ROOT / "baselines" / f"{stem}.docx")):
            got, expected = whole_text(read_docx(path, view=view, static=True)), whole_text(read_docx(want))
            assert got == expected, f"{path.name} {view}: " + first_difference(got, expected)


def test_mp134a_static_is_the_baselines_package_without_revisions(made):
    for path in _docs(made):
        stem = path.name.removesuffix("-redline.docx")
        with zipfile.ZipFile(path) as z, zipfile.ZipFile(ROOT / "baselines" / f"{stem}.docx") as base:
            assert z.read("word/styles.xml") == base.read("word/styles.xml")  # the user's styles, not ours
            for part in z.namelist():
                if part.startswith("word/") and part.endswith(".xml"):
                    assert leftovers(etree.fromstring(z.read(part))) == [], (path.name, part)
            xml = z.read("word/document.xml").decode()
            assert 'w:color="0000FF"' in xml and "<w:strike/>" in xml
        assert path.read_bytes() == (made / "again" / path.name).read_bytes()  # deterministic
        coloured = zipfile.ZipFile(made / "coloured" / path.name).read("word/document.xml").decode()
        assert 'w:color="008000"' in coloured and 'w:val="AA0000"' in coloured and "0000FF" not in coloured


def test_mp134a_static_passes_the_schema_check(made):
    for path in _docs(made)[:3]:
        report = docx_check(path, "--no-lo", "--schema")
        assert report["ok"] and report["error_count"] == 0, report["errors"][:3]


# --- real contracts Word wrote (../shared/corpus-real, copied to a temporary folder) -------------------

def test_corpus_real_static_reads_as_the_tracked_redline(tmp_path):
    from inplace_helpers import real_baselines

    from secdocs.workflow.redline import redline_set

    mod = ROOT / "tests" / "data" / "inplace" / "MPX1"
    base = real_baselines(tmp_path / "baselines")
    both = redline_set(mod, baselines=base, static_copies=True)
    tracked = both.files
    static = redline_set(mod, baselines=base, markup="static").files
    assert sorted(static) == sorted(tracked) and len(static) == 3
    assert both.static_files == static  # --pdf's static sources come from the one application
    for name, data in static.items():
        (tmp_path / f"s-{name}").write_bytes(data)
        (tmp_path / f"t-{name}").write_bytes(tracked[name])
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            for part in z.namelist():
                if part.startswith("word/") and part.endswith(".xml"):
                    assert leftovers(etree.fromstring(z.read(part))) == [], (name, part)
        for view in ("accept", "reject"):
            got = whole_text(read_docx(tmp_path / f"s-{name}", view=view, static=True))
            want = whole_text(read_docx(tmp_path / f"t-{name}", view=view))
            assert got == want, f"{name} {view}: " + first_difference(got, want)


def test_static_copies_of_a_text_source_baseline_equal_a_static_run(tmp_path):
    """A baseline read from its text source is written in house style: its static copy (for a
    PDF) is the same file a --style static run writes, from one application of the modification."""
    import shutil

    from secdocs.workflow.redline import redline_set

    shutil.copytree(ROOT / "baselines" / "src", tmp_path / "b" / "src")
    both = redline_set(ROOT / "modifications" / "MP134A", baselines=tmp_path / "b", static_copies=True)
    static = redline_set(ROOT / "modifications" / "MP134A", baselines=tmp_path / "b", markup="static")
    assert len(both.documents) == 6 and both.static_files == static.files
    assert both.files != static.files and both.warnings == static.warnings
