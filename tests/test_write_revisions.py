"""Changes rendered as native tracked revisions and as static colour markup."""

from __future__ import annotations

import subprocess
import sys

import pytest

from secdocs.errors import ConfigError
from secdocs.model import Change, Document, Kind, Provision, Run
from secdocs.ooxml.write import docx_bytes, write_docx

from writer_helpers import DOCX_CHECK, NS, REDLINE_VIEWS, W, check, have_soffice, part, redline_sample, view


@pytest.fixture(scope="module")
def tracked() -> bytes:
    return docx_bytes(redline_sample(), markup="tracked")


@pytest.fixture(scope="module")
def static() -> bytes:
    return docx_bytes(redline_sample(), markup="static")


def paragraph_texts(root, tag: str) -> list[str]:
    """The text inside each w:ins or w:del run container."""
    return ["".join(t.text or "" for t in c.iter(W + "t", W + "delText")) for c in root.iter(W + tag)
            if c.getparent().tag != W + "rPr" and c.getparent().tag != W + "trPr"]


def test_run_level_revisions(tracked):
    root = part(tracked)
    inserted = paragraph_texts(root, "ins")
    deleted = paragraph_texts(root, "del")
    assert "shall" in inserted and "may" in deleted and "PROVISIONS" in inserted and "MATTERS" in deleted
    for d in root.iter(W + "del"):
        assert d.find(".//w:t", NS) is None  # deleted text is w:delText
    assert all(d.get(W + "author") == "MP134A" and d.get(W + "date") == "2021-10-01T00:00:00Z"
               for d in root.iter(W + "ins", W + "del"))


def test_revision_ids_unique_and_sequential(tracked):
    root = part(tracked)
    ids = [int(e.get(W + "id")) for e in root.iter(W + "ins", W + "del")]
    assert ids == list(range(1, len(ids) + 1))


def test_whole_paragraphs_marked_with_their_paragraph_mark(tracked):
    root = part(tracked)
    marks = {}
    for p in root.iter(W + "p"):
        rpr = p.find("w:pPr/w:rPr", NS)
        if rpr is not None and len(rpr) and rpr[0].tag in (W + "ins", W + "del"):
            text = "".join(t.text for t in p.iter(W + "t", W + "delText"))
            marks[text] = rpr[0].tag.split("}")[1]
            # every run of the paragraph (label included) is inside the same kind of revision
            for r in p.iter(W + "r"):
                assert r.getparent().tag == rpr[0].tag
    assert marks["(b)the members; and"] == "del"
    assert marks["(c)the alternates;"] == "ins"
    assert marks["(i)as the Panel decides,"] == "ins"  # inherited from (c)
    assert marks["X1.1AThe SMKI PMA may revoke a Certificate."] == "ins"
    assert marks["X1.2Not used."] == "del"
    assert marks["Beta"] == "ins" and marks["Gamma"] == "del" and marks["(a)one;"] == "ins"
    assert "(a)the Chair;" not in marks and "Alpha" not in marks


def test_definition_rows_marked(tracked):
    root = part(tracked)
    table = root.findall(".//w:tbl", NS)[-1]
    states = []
    for tr in table.iterfind("w:tr", NS):
        trpr = tr.find("w:trPr", NS)
        mark = None if trpr is None else next((c.tag.split("}")[1] for c in trpr if c.tag in (W + "ins", W + "del")), None)
        states.append(mark)
    assert states == [None, "ins", "del", None]


def test_static_markup_has_no_revisions(static):
    root = part(static)
    assert not list(root.iter(W + "ins", W + "del", W + "delText"))
    runs = {"".join(t.text for t in r.iter(W + "t")): r for r in root.iter(W + "r")}
    shall, may = runs["shall"].find("w:rPr", NS), runs["may"].find("w:rPr", NS)
    assert shall.find("w:color", NS).get(W + "val") == "0000FF"
    assert shall.find("w:u", NS).get(W + "val") == "single"
    assert may.find("w:color", NS).get(W + "val") == "FF0000" and may.find("w:strike", NS) is not None
    assert runs["Not used."].find("w:rPr/w:strike", NS) is not None  # whole deleted clause
    assert runs["Beta"].find("w:rPr/w:u", NS) is not None  # inserted definition row


def test_static_colours_configurable():
    root = part(docx_bytes(redline_sample(), markup="static", colours={"insert": "#008000", "del": "800080"}))
    colours = {c.get(W + "val") for c in root.iter(W + "color")}
    assert colours == {"008000", "800080"}


def test_underlined_insertion_stays_distinct():
    doc = Document(id="Section X", title="T", provisions=[Provision(Kind.TEXT, text=[
        Run("new", underline=True, change=Change("ins", "a", "2021-01-01"))])])
    root = part(docx_bytes(doc, markup="static"))
    run = next(r for r in root.iter(W + "r") if r.findtext("w:t", namespaces=NS) == "new")
    assert run.find("w:rPr/w:u", NS).get(W + "val") == "double"


@pytest.mark.parametrize("kwargs, words", [
    ({"markup": "colour"}, "unknown markup"),
    ({"markup": "static", "colours": {"ins": "blue"}}, "six hex digits"),
    ({"markup": "static", "colours": {"moved": "00FF00"}}, "unknown markup colour"),
])
def test_bad_options(kwargs, words):
    with pytest.raises(ConfigError, match=words):
        docx_bytes(redline_sample(), **kwargs)


def test_bad_revision_date():
    doc = Document(id="Section X", title="T", provisions=[Provision(Kind.TEXT, text=[
        Run("x", change=Change("ins", "a", "yesterday"))])])
    with pytest.raises(ConfigError, match="not an ISO 8601 date"):
        docx_bytes(doc)


def test_tracked_is_deterministic(tracked):
    assert docx_bytes(redline_sample(), markup="tracked") == tracked


@pytest.mark.skipif(not DOCX_CHECK.exists(), reason="docx_check.py not found")
@pytest.mark.parametrize("markup", ["tracked", "static"])
def test_independent_check(tmp_path, markup):
    path = tmp_path / f"{markup}.docx"
    write_docx(redline_sample(), path, markup=markup, banner="Representative text — not the official SEC")
    result = check(path, "--no-lo", "--schema")
    assert result["errors"] == [] and result["warnings"] == [], result
    assert result["schema"]["valid"]
    revisions = result["docx"]["revisions"]
    if markup == "tracked":
        assert revisions["paragraph_mark_ins"] and revisions["paragraph_mark_del"]
        assert revisions["row_ins"] == 1 and revisions["row_del"] == 1
    else:
        assert result["docx"]["revisions_total"] == 0


@pytest.mark.skipif(not REDLINE_VIEWS.exists(), reason="redline_views.py not found")
def test_accept_and_reject_match_the_two_versions(tmp_path):
    """The independent oracle: accept-all of the redline is the new text, reject-all the old."""
    doc = redline_sample()
    redline, original, modified = tmp_path / "redline.docx", tmp_path / "original.docx", tmp_path / "modified.docx"
    write_docx(doc, redline)
    write_docx(view(doc, "reject"), original)
    write_docx(view(doc, "accept"), modified)
    proc = subprocess.run([sys.executable, str(REDLINE_VIEWS), "check", str(redline), str(original), str(modified)],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stdout + proc.stderr


@pytest.mark.libreoffice
@pytest.mark.skipif(not have_soffice(), reason="LibreOffice (soffice) is not installed")
@pytest.mark.skipif(not DOCX_CHECK.exists(), reason="docx_check.py not found")
def test_libreoffice_counts_the_changes(tmp_path):
    path = tmp_path / "redline.docx"
    write_docx(redline_sample(), path)
    result = check(path, "--require-lo")
    assert result["ok"], result["errors"]
    regions = result["libreoffice"]["changed_regions"]
    # LibreOffice merges a revised paragraph mark with the revised text next to it, so it shows
    # fewer regions than the file has revisions; both kinds must be there, by our author.
    assert regions.get("insertion", 0) >= 4 and regions.get("deletion", 0) >= 4, regions
    assert set(result["libreoffice"]["change_authors"]) == {"MP134A"}
