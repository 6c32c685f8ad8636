"""The version history and document control tables read back as the writer wrote them."""

from secdocs.model.address import assign_uids
from secdocs.model import Document, HistoryEntry, Kind, Provision, Run
from secdocs.ooxml.write import write_docx
from secdocs.reader import read_document


def _doc(caption: str, rows: list[HistoryEntry]) -> Document:
    return Document(id="Section X", title="Test", version="2.0", scheme="section", date="2021-06-29",
                    history=rows, history_caption=caption,
                    provisions=[Provision(Kind.PART, "X1", heading=[Run("GENERAL")],
                                          children=[Provision(Kind.CLAUSE, "X1.1", text=[Run("Text.")])])])


def test_version_history_round_trip(tmp_path):
    doc = _doc("", [HistoryEntry("1.0", "2021-01-04", "First."), HistoryEntry("2.0", "2021-06-29", "Second.")])
    write_docx(doc, tmp_path / "x.docx")
    back = read_document(tmp_path / "x.docx")
    assert back.history_caption == ""
    assert back.history == doc.history


def test_document_control_keeps_caption_status_and_author(tmp_path):
    rows = [HistoryEntry("1.0", "2021-05-17", "Issued for consultation.", "Draft", "Alison Beard"),
            HistoryEntry("2.0", "2021-06-29", "Modification Report.", "Approved", "Alison Beard")]
    doc = _doc("Document control", rows)
    write_docx(doc, tmp_path / "x.docx")
    back = read_document(tmp_path / "x.docx")
    assert back.history_caption == "Document control"
    assert back.history == rows
    assign_uids(doc)
    assert back == doc
