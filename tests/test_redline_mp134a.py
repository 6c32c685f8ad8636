"""MP134A end to end: the whole redlined document of each affected document, proved both ways.

For every document MP134A affects, the tracked redline (baseline → consolidated), over the
WHOLE document text, cover included (id, title, version lines, cover notes, version history):

* accepted gives the consolidated text and rejected gives the baseline text — metadata, history
  rows, cover notes, then provision by provision and definition by definition — as secdocs' own
  reader reads the file (``read_docx(view="accept"|"reject")``) against the reader's reading of
  the baseline and the consolidated documents written by the same writer;
* the same holds, block for block and exactly, for the shared, independent oracle
  ``redline_views.py`` (paragraph and table-row text, from the first block to the last);
* the model's own views (``render.view``) give the consolidated and baseline Documents;
* passes ``docx_check.py --no-lo --schema`` with no errors, tracked and static;
* and the static style has no revision marks, only colour.
"""

from __future__ import annotations

import zipfile
import pytest
from click.testing import CliRunner

from redline_helpers import ROOT, docx_check, first_difference, oracle_check, oracle_views, whole_text
from secdocs.cli import main
from secdocs.model import iter_provisions
from secdocs.ooxml.read import read_docx
from secdocs.ooxml.write import docx_bytes, write_docx
from secdocs.render import redline, view

MOD = ROOT / "modifications" / "MP134A"
DOCS = ["Section A", "Section L", "Section M", "Appendix B", "Appendix Q", "Appendix S"]


@pytest.fixture(scope="module")
def outcomes():
    from secdocs.amend.prepare import prepare

    result = prepare(MOD, ROOT / "baselines")
    return {o.id: o for o in result.outcomes}


@pytest.fixture(scope="module")
def written(outcomes, tmp_path_factory):
    """Per document: the tracked and static redlines, the baseline and consolidated .docx."""
    folder = tmp_path_factory.mktemp("mp134a")
    out = {}
    for doc_id, o in outcomes.items():
        r = redline(o.baseline, o.consolidated, author="MP134A", date="2021-06-29")
        stem = doc_id.replace(" ", "-")
        paths = {k: folder / f"{stem}-{k}.docx" for k in ("tracked", "static", "base", "new")}
        write_docx(r.document, paths["tracked"])
        write_docx(r.document, paths["static"], markup="static")
        write_docx(o.baseline, paths["base"])
        write_docx(o.consolidated, paths["new"])
        out[doc_id] = (r, paths)
    return out


def test_every_affected_document_is_redlined(outcomes):
    assert sorted(outcomes) == sorted(DOCS)


@pytest.mark.parametrize("doc_id", DOCS)
def test_model_views(outcomes, written, doc_id):
    o = outcomes[doc_id]
    r, _ = written[doc_id]
    for which, want in (("accept", o.consolidated), ("reject", o.baseline)):
        got = whole_text(view(r.document, which))
        assert got == whole_text(want), first_difference(got, whole_text(want))


@pytest.mark.parametrize("doc_id", DOCS)
def test_reader_accept_and_reject_whole_document(written, doc_id):
    _, paths = written[doc_id]
    for which, other in (("accept", "new"), ("reject", "base")):
        got = whole_text(read_docx(paths["tracked"], view=which))
        want = whole_text(read_docx(paths[other]))
        assert got == want, f"{which}: " + first_difference(got, want)


@pytest.mark.parametrize("doc_id", DOCS)
def test_oracle_accept_and_reject_whole_document(written, doc_id):
    _, paths = written[doc_id]
    result = oracle_views(paths["tracked"], paths["base"], paths["new"])  # nothing left out
    assert result["accept"]["status"] == "exact" and result["reject"]["status"] == "exact", result
    checked = oracle_check(paths["tracked"], paths["base"], paths["new"])  # the oracle's own command
    assert checked["exit"] == 0 and checked["accept"]["status"] == checked["reject"]["status"] == "exact", checked


@pytest.mark.parametrize("doc_id", DOCS)
def test_cover_is_marked(outcomes, written, doc_id):
    """The version lines show the old value struck out and the new one inserted; the new history
    rows are inserted table rows and the new cover note an inserted paragraph."""
    from redline_helpers import redline_views

    o = outcomes[doc_id]
    _, paths = written[doc_id]
    rv = redline_views()
    stored = rv.blocks_of(str(paths["tracked"]))
    accepted, rejected = rv.blocks_of(str(paths["tracked"]), "accept"), rv.blocks_of(str(paths["tracked"]), "reject")
    line = f"Document version: {o.consolidated.version}"
    assert line in stored and line in accepted and f"Document version: {o.baseline.version}" in rejected
    assert "SEC version: 47.0" in accepted and "SEC version: 46.0" in rejected
    assert "Date: 4 October 2021" in accepted and "Date: 24 June 2021" in rejected
    xml = zipfile.ZipFile(paths["tracked"]).read("word/document.xml").decode()
    cover = xml[:xml.index("pageBreakBefore")]
    old, new = o.baseline.version, o.consolidated.version
    assert f"<w:delText xml:space=\"preserve\">{old}</w:delText>" in cover
    assert f"<w:t xml:space=\"preserve\">{new}</w:t>" in cover
    added = len(o.consolidated.history) - len(o.baseline.history)
    assert cover.count("<w:trPr><w:ins ") == added > 0
    note = [b for b in accepted if b.startswith(f"Version {new} consolidates MP134A")]
    assert note and not any(b.startswith(f"Version {new} consolidates") for b in rejected)


@pytest.mark.parametrize("doc_id", DOCS)
def test_docx_check_passes(written, doc_id):
    _, paths = written[doc_id]
    for style in ("tracked", "static"):
        report = docx_check(paths[style], "--no-lo", "--schema")
        assert report["ok"] and report["error_count"] == 0, report["errors"][:3]
        revisions = report["docx"]["revisions"]
        if style == "tracked":
            assert revisions.get("ins", 0) > 0 and report["docx"]["revision_authors"] == {
                "MP134A": report["docx"]["revisions_total"]}
        else:
            assert not revisions or not any(revisions.values())


def test_expected_kinds_of_revision(written):
    """Section A has inserted and deleted table rows; Section L new suffix clauses and
    substituted words; the policies a "Not used" replacement (deletion plus insertion)."""
    kinds = {}
    for doc_id, (r, paths) in written.items():
        report = docx_check(paths["tracked"], "--no-lo")
        kinds[doc_id] = report["docx"]["revisions"]
    assert kinds["Section A"].get("row_ins", 0) >= 4 and kinds["Section A"].get("row_del", 0) >= 1
    assert kinds["Section L"].get("paragraph_mark_ins", 0) >= 4 and kinds["Section L"].get("del", 0) >= 1
    assert any(k.get("del", 0) for d, k in kinds.items() if d.startswith("Appendix"))
    r, _ = written["Section L"]
    numbers = [p.number for p in iter_provisions(r.document.provisions) if p.change and p.change.kind == "ins"]
    assert any(n and n.startswith("L1.16") for n in numbers)


def test_static_markup_is_colour_not_revisions(written):
    _, paths = written["Section L"]
    xml = zipfile.ZipFile(paths["static"]).read("word/document.xml").decode()
    assert "<w:ins " not in xml and "<w:del " not in xml and "w:delText" not in xml
    assert 'w:val="0000FF"' in xml and 'w:val="FF0000"' in xml and "<w:strike/>" in xml


def test_same_inputs_same_bytes(outcomes):
    o = outcomes["Section L"]
    a = docx_bytes(redline(o.baseline, o.consolidated, author="MP134A", date="2021-06-29").document)
    b = docx_bytes(redline(o.baseline, o.consolidated, author="MP134A", date="2021-06-29").document)
    assert a == b


# ---------------------------------------------------------------------------------------------
# the command

def test_cli_redline_writes_every_document(tmp_path):
    out = tmp_path / "redline"
    res = CliRunner().invoke(main, ["redline", str(MOD), "--baselines", str(ROOT / "baselines"), "-o", str(out)])
    assert res.exit_code == 0, res.output
    names = sorted(p.name for p in out.iterdir())
    assert names == sorted(f"{d.split()[0].lower()}-{d.split()[1]}-redline.docx" for d in DOCS)
    xml = zipfile.ZipFile(out / "section-L-redline.docx").read("word/document.xml").decode()
    assert 'w:author="MP134A"' in xml and 'w:date="2021-07-20T00:00:00Z"' in xml  # the legal text's date (v2.1)
    assert "Section L 18.0 \u2192 19.0" in res.output


def test_cli_redline_static_with_colours_and_author(tmp_path):
    out = tmp_path / "static"
    res = CliRunner().invoke(main, ["redline", str(MOD), "-o", str(out), "--style", "static", "--insert-colour",
                                    "green", "--delete-colour", "#AA0000", "--author", "Code Administrator"])
    assert res.exit_code == 0, res.output
    xml = zipfile.ZipFile(out / "section-A-redline.docx").read("word/document.xml").decode()
    assert 'w:val="008000"' in xml and 'w:val="AA0000"' in xml and "<w:ins " not in xml


def test_cli_redline_bad_colour_is_one_line(tmp_path):
    res = CliRunner().invoke(main, ["redline", str(MOD), "-o", str(tmp_path / "x"), "--style", "static",
                                    "--insert-colour", "sky"])
    assert res.exit_code == 1 and "--insert-colour 'sky'" in res.output and "Traceback" not in res.output
    assert not (tmp_path / "x").exists()


def test_cli_pdf_without_libreoffice_is_a_clear_error(tmp_path, monkeypatch):
    import secdocs.render.pdf as pdf

    monkeypatch.setattr(pdf, "soffice", lambda: None)
    res = CliRunner().invoke(main, ["redline", str(MOD), "-o", str(tmp_path / "x"), "--pdf"])
    assert res.exit_code == 1
    assert res.output.strip().splitlines() == [
        "secdocs: error: --pdf needs LibreOffice (soffice) on the PATH; install libreoffice-writer-nogui "
        "or leave out --pdf"]
    assert not (tmp_path / "x").exists()


def test_redline_names_the_versions_in_the_banner(written, tmp_path):
    """Both redlines name the versions in the header: the static (coloured) one is the tracked
    one with its revisions shown as colour; the tracked one is the baseline's own package, its
    header as it was."""
    out, tracked = tmp_path / "r", tmp_path / "t"
    CliRunner().invoke(main, ["redline", str(MOD), "--style", "static", "-o", str(out)])
    header = zipfile.ZipFile(out / "appendix-B-redline.docx").read("word/header1.xml").decode()
    # the label the post-pass puts in every header (render.label), once, and the representative-text line
    assert header.count("Redline: Appendix B v6.0 \u2192 v7.0, changes made by MP134A (illustrative legal text)") == 1
    assert "Representative text" in header
    CliRunner().invoke(main, ["redline", str(MOD), "-o", str(tracked)])
    baseline = zipfile.ZipFile(ROOT / "baselines" / "appendix-B.docx").read("word/header1.xml").decode()
    header = zipfile.ZipFile(tracked / "appendix-B-redline.docx").read("word/header1.xml").decode()
    # the baseline's own header, with the label paragraph put first (the one part changed for it)
    assert header.count("Redline: Appendix B v6.0 \u2192 v7.0, changes made by MP134A (illustrative legal text)") == 1
    assert "Representative text" in header and "Representative text" in baseline
