"""The marked cover and table rows of a redline, as the writer renders them.

A marked Document (written here by hand, not by the redline, so that the writer is tested on
its own) carries the old metadata values (``meta_changes``), cover notes inserted or deleted
whole (``front_changes``), version-history rows inserted or deleted (``HistoryEntry.change``)
and rows of an ordinary table inserted or deleted (``Provision.row_changes``). Written tracked,
accepting every change gives the new version and rejecting every change the old one — the
whole text, cover included, as the shared oracle and as secdocs' reader see it; written static,
the cover has colour and no revisions. The history table's caption and its Status and Author
columns (a legal text's document control table) come from the Document.
"""

from __future__ import annotations

import pytest

from secdocs.model import Change, Document, HistoryEntry, Kind, MetaChange, Provision, Run
from secdocs.ooxml.read import read_docx
from secdocs.ooxml.write import docx_bytes, write_docx

from writer_helpers import DEL, INS, NS, REDLINE_VIEWS, W, check, part


def _table(rows: list[list[str]]) -> Provision:
    return Provision(Kind.TABLE, rows=[[[[Run(c)]] for c in row] for row in rows])


def _body(rows: list[list[str]]) -> list[Provision]:
    return [Provision(Kind.PART, "X1", heading=[Run("GENERAL")], children=[
        Provision(Kind.CLAUSE, "X1.1", text=[Run("The fees are:")]), _table(rows),
        Provision(Kind.CLAUSE, "X1.2", text=[Run("The last clause.")])])]


def old_version() -> Document:
    return Document(
        id="Section X", title="Cover Sample", version="2.0", sec_version="", date="2021-06-24",
        front=[[Run("Representative text.")], [Run("A note that goes.")]],
        history=[HistoryEntry("1.0", "2020-11-05", "First version."),
                 HistoryEntry("1.5", "2021-02-25", "Withdrawn version.")],
        provisions=_body([["Fee", "Amount"], ["Joining", "100"], ["Annual", "50"]]))


def new_version() -> Document:
    return Document(
        id="Section X", title="Cover Sample", version="3.0", sec_version="47.0", date="",
        front=[[Run("Representative text.")], [Run("Version 3.0 consolidates MP134A.")]],
        history=[HistoryEntry("1.0", "2020-11-05", "First version."),
                 HistoryEntry("3.0", "2021-10-04", "MP134A implemented.")],
        provisions=_body([["Fee", "Amount"], ["Annual", "50"], ["Exit", "25"]]))


def marked() -> Document:
    """The redline of old_version → new_version, marked by hand."""
    doc = new_version()
    doc.meta_changes = {"version": MetaChange("2.0", INS, DEL), "sec_version": MetaChange("", INS, DEL),
                        "date": MetaChange("2021-06-24", INS, DEL)}
    doc.front = [[Run("Representative text.")], [Run("A note that goes.", change=DEL)],
                 [Run("Version 3.0 consolidates MP134A.", change=INS)]]
    doc.front_changes = [None, DEL, INS]
    doc.history = [HistoryEntry("1.0", "2020-11-05", "First version."),
                   HistoryEntry("1.5", "2021-02-25", "Withdrawn version.", change=DEL),
                   HistoryEntry("3.0", "2021-10-04", "MP134A implemented.", change=INS)]
    table = doc.provisions[0].children[1]
    table.rows = [[[[Run("Fee")]], [[Run("Amount")]]], [[[Run("Joining", change=DEL)]], [[Run("100", change=DEL)]]],
                  [[[Run("Annual")]], [[Run("50")]]], [[[Run("Exit", change=INS)]], [[Run("25", change=INS)]]]]
    table.row_changes = [None, DEL, None, INS]
    return doc


@pytest.fixture(scope="module")
def files(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cover")
    paths = {k: folder / f"{k}.docx" for k in ("tracked", "static", "old", "new")}
    write_docx(marked(), paths["tracked"])
    write_docx(marked(), paths["static"], markup="static")
    write_docx(old_version(), paths["old"])
    write_docx(new_version(), paths["new"])
    return paths


def _cover_paragraphs(root):
    body = root.find("w:body", NS)
    out = []
    for p in body.iterfind("w:p", NS):
        if p.find("w:pPr/w:pageBreakBefore", NS) is not None:
            break
        mark = p.find("w:pPr/w:rPr", NS)
        state = None if mark is None or not len(mark) else mark[0].tag.split("}")[1]
        runs = [("del" if r.getparent().tag == W + "del" else "ins" if r.getparent().tag == W + "ins" else None,
                 "".join(t.text for t in r.iter(W + "t", W + "delText"))) for r in p.iter(W + "r")]
        out.append((state, runs))
    return out


def test_meta_lines_notes_and_caption(files):
    root = part(files["tracked"].read_bytes())
    got = _cover_paragraphs(root)
    assert got[:2] == [(None, [(None, "Section X")]), (None, [(None, "Cover Sample")])]
    assert got[2] == (None, [(None, "Document version: "), ("del", "2.0"), ("ins", "3.0")])
    assert got[3] == ("ins", [("ins", "SEC version: "), ("ins", "47.0")])  # a line only the new version has
    assert got[4] == ("del", [("del", "Date: "), ("del", "24 June 2021")])  # a line only the old one has
    assert got[5] == (None, [(None, "Representative text.")])
    assert got[6] == ("del", [("del", "A note that goes.")])
    assert got[7] == ("ins", [("ins", "Version 3.0 consolidates MP134A.")])
    assert got[8] == (None, [(None, "Version history")])


def _row_marks(tbl):
    out = []
    for tr in tbl.iterfind("w:tr", NS):
        trpr = tr.find("w:trPr", NS)
        out.append(next((c.tag.split("}")[1] for c in (trpr if trpr is not None else [])
                         if c.tag in (W + "ins", W + "del")), None))
    return out


def test_history_and_table_rows_are_row_revisions(files):
    root = part(files["tracked"].read_bytes())
    history, table = root.findall(".//w:tbl", NS)
    assert _row_marks(history) == [None, None, "del", "ins"]  # header, kept, deleted, inserted
    assert _row_marks(table) == [None, "del", None, "ins"]
    deleted_row = table.findall("w:tr", NS)[1]
    assert deleted_row.find(".//w:t", NS) is None and deleted_row.find(".//w:delText", NS) is not None


def test_ids_unique_and_in_document_order(files):
    root = part(files["tracked"].read_bytes())
    ids = [int(e.get(W + "id")) for e in root.iter(W + "ins", W + "del")]
    assert ids == list(range(1, len(ids) + 1))


@pytest.mark.skipif(not REDLINE_VIEWS.exists(), reason="redline_views.py not found")
def test_oracle_whole_document_both_ways(files):
    from redline_helpers import oracle_check

    result = oracle_check(files["tracked"], files["old"], files["new"])
    assert result["exit"] == 0 and result["accept"]["status"] == result["reject"]["status"] == "exact", result


def test_reader_reads_each_view_as_its_version(files):
    from redline_helpers import first_difference, whole_text

    for which, other in (("accept", "new"), ("reject", "old")):
        got, want = whole_text(read_docx(files["tracked"], view=which)), whole_text(read_docx(files[other]))
        assert got == want, f"{which}: " + first_difference(got, want)
    rejected = read_docx(files["tracked"], view="reject")
    assert (rejected.version, rejected.sec_version, rejected.date) == ("2.0", "", "2021-06-24")


def test_header_footer_and_properties_show_the_new_version(files):
    """Not marked: the running header and footer name the version the redline was made for,
    leaving out what the old version lacked (here the SEC version), so no view finds it there."""
    data = files["tracked"].read_bytes()
    footer = part(data, "word/footer1.xml")
    assert "Version 3.0" in "".join(t.text for t in footer.iter(W + "t"))
    assert not list(footer.iter(W + "ins", W + "del"))
    core = part(data, "docProps/core.xml")
    keywords = core.find("{http://schemas.openxmlformats.org/package/2006/metadata/core-properties}keywords").text
    assert keywords == "version=3.0; sec-version="
    description = core.find("{http://purl.org/dc/elements/1.1/}description").text
    assert "goes" not in description and "consolidates" in description


def test_checked_tracked_and_static(files):
    for style in ("tracked", "static"):
        result = check(files[style], "--no-lo", "--schema")
        assert result["errors"] == [] and result["warnings"] == [], result
        if style == "tracked":
            revisions = result["docx"]["revisions"]
            assert revisions["row_ins"] == 2 and revisions["row_del"] == 2
            assert revisions["paragraph_mark_ins"] >= 2 and revisions["paragraph_mark_del"] >= 2
        else:
            assert result["docx"]["revisions_total"] == 0
    xml = files["static"].read_bytes()
    root = part(xml)
    cover = _cover_paragraphs(root)
    assert cover[2][1] == [(None, "Document version: "), (None, "2.0"), (None, "3.0")]
    colours = {c.get(W + "val") for c in root.iter(W + "color")}
    assert {"0000FF", "FF0000"} <= colours


def test_unmarked_document_is_written_as_before():
    """No marks, no extra columns, the usual caption: the same bytes whatever the new fields'
    defaults (the committed baselines prove the same at full size)."""
    doc = new_version()
    assert docx_bytes(doc) == docx_bytes(Document(**{**vars(doc), "meta_changes": {}, "front_changes": [],
                                                      "history_caption": ""}))
    root = part(docx_bytes(doc))
    header = root.findall(".//w:tbl", NS)[0].find("w:tr", NS)
    assert ["".join(t.text for t in tc.iter(W + "t")) for tc in header.iterfind("w:tc", NS)] == [
        "Version", "Date", "Description"]


@pytest.mark.parametrize("status, author, columns", [
    ("Approved", "Alison Beard", ["Version", "Date", "Status", "Author", "Description"]),
    ("Draft", "", ["Version", "Date", "Status", "Description"]),
    ("", "Alison Beard", ["Version", "Date", "Author", "Description"]),
])
def test_document_control_table(status, author, columns):
    doc = Document(id="MP134A", title="Use of SMKI Certificates", history_caption="Document control",
                   history=[HistoryEntry("1.0", "2021-05-17", "Draft legal text.", status=status, author=author),
                            HistoryEntry("2.0", "2021-06-29", "Legal text.", status=status)])
    root = part(docx_bytes(doc))
    captions = [p for p in root.iter(W + "p") if p.find("w:pPr/w:pStyle[@w:val='SECTableCaption']", NS) is not None]
    assert ["".join(t.text for t in p.iter(W + "t")) for p in captions] == ["Document control"]
    tbl = root.find(".//w:tbl", NS)
    rows = [["".join(t.text or "" for t in tc.iter(W + "t")) for tc in tr.iterfind("w:tc", NS)]
            for tr in tbl.iterfind("w:tr", NS)]
    assert rows[0] == columns
    want = {"Version": "1.0", "Date": "17 May 2021", "Status": status, "Author": author,
            "Description": "Draft legal text."}
    assert rows[1] == [want[c] for c in columns]
    widths = [int(g.get(W + "w")) for g in tbl.iterfind("w:tblGrid/w:gridCol", NS)]
    assert len(widths) == len(columns) and widths[-1] == max(widths)


def test_whole_history_inserted_comes_with_its_caption():
    """A version history only the new version has: caption and header row are inserted too."""
    change = Change("ins", "MP134A", "2021-10-01")
    doc = Document(id="Section X", title="T", version="1.0",
                   history=[HistoryEntry("1.0", "2021-10-01", "First.", change=change)])
    root = part(docx_bytes(doc))
    caption = next(p for p in root.iter(W + "p") if "Version history" in "".join(t.text for t in p.iter(W + "t")))
    assert caption.find("w:pPr/w:rPr/w:ins", NS) is not None
    assert _row_marks(root.find(".//w:tbl", NS)) == ["ins", "ins"]
