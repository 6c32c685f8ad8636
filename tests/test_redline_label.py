"""Issue 14, item 2: every redline is labelled ("Redline: Section L v18.0 → v19.0, changes made by
MP134A") in its page headers and lists its changes on the cover (citation, kind, page), as a
post-pass over the finished package that keeps the accept/reject proofs."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from redline_helpers import have_soffice, oracle_check
from secdocs.cli import main
from secdocs.model import Document, Kind, Provision, Run
from secdocs.ooxml.redline_label import CoverEntry, label_redline
from secdocs.ooxml.write import docx_bytes
from secdocs.release import build_release

ROOT = Path(__file__).resolve().parents[1]
DEFAULT = ROOT / "releases" / "2021-10-04-adhoc.toml"
BASELINES = ROOT / "baselines"
LABEL = "Redline: Section L v18.0 \u2192 v19.0, changes made by MP134A (illustrative legal text)"


def parts(data: bytes) -> dict[str, str]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: z.read(n).decode("utf-8") for n in z.namelist() if n.endswith((".xml", ".rels"))}


def text(xml: str) -> str:
    return "".join(re.findall(r"<w:(?:t|instrText)(?: [^>]*)?>([^<]*)</w:(?:t|instrText)>", xml))


@pytest.fixture(scope="module")
def release(tmp_path_factory):
    out = tmp_path_factory.mktemp("labelled")
    report = build_release(DEFAULT, out / "build", progress=False, jobs=1)
    return out / "build", report


def test_every_redline_is_labelled_and_lists_its_changes(release):
    out, report = release
    assert report.warnings == []  # every change-list row found its paragraph
    for entry in report.summary.changed_documents:
        xml = parts((out / entry.files["redline"]).read_bytes())
        label = (f"Redline: {entry.id} v{entry.previous_version} \u2192 v{entry.version}, changes made by MP134A "
                 f"(illustrative legal text)")
        headers = [n for n in xml if re.fullmatch(r"word/header[^/]*\.xml", n)]
        assert headers and all(label in text(xml[n]) for n in headers), entry.id
        cover = next(n for n in headers if "secdocs-cover" in n)
        rels = xml["word/_rels/document.xml.rels"]
        rid = re.search(r'Id="([^"]+)"[^>]*Target="' + re.escape(cover.split("/", 1)[1]), rels).group(1)
        assert f'<w:headerReference w:type="first" r:id="{rid}"/>' in xml["word/document.xml"]
        cover_text = text(xml[cover])
        for p in entry.provisions:  # the change list is the applied changes, in order, by citation
            assert p.citation in cover_text and p.change in cover_text, (entry.id, p.citation)
        positions = [cover_text.index(p.citation) for p in entry.provisions]
        assert positions == sorted(positions)
        # each page is a PAGEREF to a bookmark in a changed paragraph of the body
        marks = re.findall(r"PAGEREF (\S+) \\h", xml[cover])
        assert len(marks) == len(entry.provisions)
        body = xml["word/document.xml"]
        for name in set(marks):
            para = re.search(r"<w:p>(?:(?!</w:p>).)*?w:name=\"" + name + r"\"(?:(?!</w:p>).)*</w:p>", body)
            marked = "<w:ins " in para.group(0) or "<w:del " in para.group(0)
            terms = [p.address.split('"')[1] for p in entry.provisions if p.change == "definition amended"]
            assert marked or text(para.group(0)) in terms, name  # a changed paragraph, or the term amended
        # internal addresses never shown
        assert "cross-heading[" not in cover_text and 'A1.1:"' not in cover_text


def test_labelled_redlines_keep_the_accept_reject_proof(release):
    out, report = release
    for entry in report.summary.changed_documents:
        baseline = next(p for p in BASELINES.glob("*.docx") if p.stem.lower() == entry.id.lower().replace(" ", "-"))
        result = oracle_check(out / entry.files["redline"], baseline, out / entry.files["clean"])
        assert result["exit"] == 0, (entry.id, result)


def _small(titlepg: bool) -> bytes:
    doc = Document(id="Section X", title="Test", version="2.0", provisions=[
        Provision(Kind.CLAUSE, "X1.1", text=[Run("first clause")]),
        Provision(Kind.CLAUSE, "X1.2", text=[Run("second clause")])])
    from secdocs.render.redline import redline

    old = Document(id="Section X", title="Test", version="1.0", provisions=[
        Provision(Kind.CLAUSE, "X1.1", text=[Run("first clause")])])
    marked = redline(old, doc, author="MP1", date="2021-01-01T00:00:00Z").document
    data = docx_bytes(marked, markup="tracked")
    if titlepg:
        return data
    files = {}
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for n in z.namelist():
            files[n] = z.read(n)
    body = files["word/document.xml"].decode("utf-8")
    body = re.sub(r'<w:(header|footer)Reference w:type="first"[^>]*/>', "", body).replace("<w:titlePg/>", "")
    files["word/document.xml"] = body.encode("utf-8")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for n, b in files.items():
            z.writestr(n, b)
    return buf.getvalue()


def test_a_redline_without_a_first_page_header_gets_one_and_keeps_its_footer():
    data = _small(titlepg=False)
    entries = [CoverEntry("X1.2", "inserted", "second clause", "X1.2"), CoverEntry("X7.7", "amended", "", "X7.7")]
    done = label_redline(data, "x.docx", "Redline: X", entries)
    assert done.warnings == ["x.docx: the change list's X7.7 (amended) was not found in the document body; "
                             "it is listed without a page"]
    xml = parts(done.data)
    body = xml["word/document.xml"]
    assert "<w:titlePg/>" in body and 'w:headerReference w:type="first"' in body
    default_footer = re.search(r'<w:footerReference w:type="default" r:id="([^"]+)"/>', body).group(1)
    assert f'<w:footerReference w:type="first" r:id="{default_footer}"/>' in body
    assert done.pages == {"X1.2": "_SecdocsChange1"}
    assert label_redline(data, "x.docx", "Redline: X", entries).data == done.data  # deterministic
    assert '<w:updateFields w:val="true"/>' in xml["word/settings.xml"]


def test_secdocs_redline_labels_its_redlines(tmp_path):
    result = CliRunner().invoke(main, ["redline", str(ROOT / "modifications" / "MP134A"), "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    xml = parts((tmp_path / "section-L-redline.docx").read_bytes())
    cover = next(v for n, v in xml.items() if "secdocs-cover" in n)
    assert LABEL in text(cover) and "L1.16A" in text(cover) and "Page" in text(cover)


@pytest.mark.libreoffice
@pytest.mark.skipif(not have_soffice() or shutil.which("pdftotext") is None, reason="LibreOffice or poppler absent")
def test_libreoffice_shows_the_label_and_the_pages(release, tmp_path):
    """The cover as LibreOffice lays it out: the label, the list, and page numbers that are the
    pages the provisions are on."""
    from secdocs.render.pdf import docx_to_pdf

    out, report = release
    entry = next(e for e in report.summary.changed_documents if e.id == "Section L")
    pdf = docx_to_pdf({"l.docx": (out / entry.files["redline"]).read_bytes()})["l.pdf"]
    (tmp_path / "l.pdf").write_bytes(pdf)
    pages = subprocess.run(["pdftotext", "-layout", str(tmp_path / "l.pdf"), "-"], capture_output=True,
                           text=True, check=True).stdout.split("\f")
    assert LABEL in pages[0] and "Changes in this redline" in pages[0]
    assert all(LABEL in p for p in pages if p.strip())  # every page says what it is
    for citation in ("L1.16A", "L3.13A", "L13.6"):
        row = re.search(re.escape(citation) + r"\s+(?:inserted|amended)\s+(\d+)", pages[0])
        assert row, citation
        page = int(row.group(1))
        assert re.search(r"^\s*" + re.escape(citation) + r"\s", pages[page - 1], re.M), (citation, page)


def test_pdfs_for_circulation_are_made_from_static_markup(tmp_path, monkeypatch):
    """Issue 14 item 6: LibreOffice draws an inserted paragraph's change bar beside the line after
    it too (an unchanged heading); a PDF is for circulation, so it is made from the static red and
    blue markup, which has no revision marks and no change bars. The .docx stays tracked."""
    import secdocs.render.pdf as pdf
    import secdocs.workflow.outputs as outputs

    seen: dict[str, bytes] = {}

    def fake(files):
        seen.update(files)
        return {name.replace(".docx", ".pdf"): b"%PDF-1.4 fake" for name in files}

    monkeypatch.setattr(outputs, "docx_to_pdf", fake)  # where the commands' outputs are converted
    monkeypatch.setattr(pdf, "require_soffice", lambda: None)
    out = tmp_path / "lt.docx"
    result = CliRunner().invoke(main, ["legal-text", str(ROOT / "modifications" / "MP134A"), "-o", str(out), "--pdf"])
    assert result.exit_code == 0, result.output
    static = parts(seen[str(out)])["word/document.xml"]
    assert "<w:ins " not in static and "<w:del " not in static and 'w:val="0000FF"' in static
    assert 'w:val="FF0000"' in static
    assert "<w:ins " in parts(out.read_bytes())["word/document.xml"]  # the .docx keeps tracked changes


def test_compare_keeps_new_as_it_is(tmp_path, release):
    """A compare's redline is NEW's own package (issue 11): no label or cover is added to it, so a
    document compared with itself comes back unchanged; the modification redlines are labelled."""
    out, _ = release
    result = CliRunner().invoke(main, ["compare", str(BASELINES / "section-L.docx"),
                                       str(out / "clean" / "section-L-v19.0.docx"), "-o", str(tmp_path / "c.docx")])
    assert result.exit_code == 0, result.output
    got = parts((tmp_path / "c.docx").read_bytes())
    assert not any("secdocs-cover" in n for n in got)
    assert all("Redline: Section L" not in text(v) for n, v in got.items() if "header" in n)


def test_the_change_list_is_the_applied_operations(release):
    """Each redline's cover lists exactly the provisions MP134A's operations acted on."""
    from secdocs.amend.prepare import prepare
    from secdocs.render.citation import cite

    out, report = release
    by_id = {e.id: e for e in report.summary.changed_documents}
    for outcome in prepare(ROOT / "modifications" / "MP134A").outcomes:
        entry = by_id[outcome.id]
        applied = {r.address for r in outcome.changes.results if r.status == "applied"}
        assert applied == {p.address for p in entry.provisions}, outcome.id
        cover = next(v for n, v in parts((out / entry.files["redline"]).read_bytes()).items() if "secdocs-cover" in n)
        listed = text(cover)
        for p in entry.provisions:
            assert cite(p.address, p.text) in listed
