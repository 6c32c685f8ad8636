"""The MP134A legal text document: cover, document control, about, and redlined extracts."""

from __future__ import annotations

import zipfile

import pytest
from click.testing import CliRunner

from redline_helpers import ROOT, docx_check, redline_views
from secdocs.cli import main
from secdocs.model import Kind, iter_provisions, plain
from secdocs.ooxml.write import docx_bytes
from secdocs.render import redline, view
from secdocs.render.extract import GAP, extract
from secdocs.baselines import sec_order
from secdocs.render.legaltext import build_legal_text
from secdocs.workflow.legal_text import legal_text_bytes

MOD = ROOT / "modifications" / "MP134A"


@pytest.fixture(scope="module")
def built():
    return build_legal_text(MOD, baselines=ROOT / "baselines")


@pytest.fixture(scope="module")
def files(built, tmp_path_factory):
    folder = tmp_path_factory.mktemp("legal")
    mod, doc, _ = built
    out = {}
    for style in ("tracked", "static"):
        path = folder / f"legal-{style}.docx"
        path.write_bytes(docx_bytes(doc, markup=style))
        out[style] = path
    return out


def test_sec_order():
    ids = ["Appendix AA", "Section M", "Appendix B", "Section A", "Appendix Z", "Appendix S", "Section L"]
    assert sorted(ids, key=sec_order) == ["Section A", "Section L", "Section M", "Appendix B", "Appendix S",
                                          "Appendix Z", "Appendix AA"]


def test_cover_control_table_and_about(built, files):
    mod, doc, _ = built
    blocks = redline_views().blocks_of(str(files["tracked"]))
    assert blocks[:4] == ["MP134A", "Use of SMKI Certificates relating to a SoLR event", "SEC version: 46.0",
                          "Date: 20 July 2021"]
    assert blocks[4] == "Legal Text v2.1" and "illustrative" in blocks[5]
    # issue 14 item 1: the assumed date says so
    assert blocks[6] == "The date of this version is assumed: the modification's record does not date it."
    assert blocks[7] == "Document control"  # not the writer's "Version history"
    assert "Version history" not in blocks
    rows = [b for b in blocks if b.startswith("[ROW]")]
    assert rows[0] == "[ROW] Version | Date | Status | Author | Description"
    # the earlier version (legal-text-v1.0/legal-text.toml), then the current one
    assert rows[1].startswith("[ROW] 1.0 | 17 May 2021 | Draft | Alison Beard | Draft legal text issued with the "
                              "Refinement Consultation.")
    assert rows[2].startswith("[ROW] 2.0 | 29 June 2021 | Superseded | Alison Beard | Legal text carried by the "
                              "Modification Report.")
    # issue 14 item 1: v2.1 is dated before the Authority's decision (1 October 2021): not "Approved"
    assert rows[3].startswith("[ROW] 2.1 | 20 July 2021 | Proposed | Alison Beard | Corrects the ranges in "
                              "L1.15(ga) and L1.16C(c)")
    assert rows[3].endswith("The date of this version is assumed: the modification's record does not date it.")
    assert not any("Approved" in r for r in rows)
    about = blocks.index("About this document")
    assert "It is drafted against SEC version 46.0." in blocks[about + 1]


def _doc_headings(doc):
    return [p.heading_text for p in doc.provisions if p.kind == Kind.HEADING and p.number is None][1:]


def test_documents_in_sec_order_with_titles(built):
    _, doc, _ = built
    assert _doc_headings(doc) == [
        "Section A \u2014 Definitions and Interpretation",
        "Section L \u2014 Smart Metering Key Infrastructure and DCC Key Infrastructure",
        "Section M \u2014 General", "Appendix B \u2014 Organisation Certificate Policy",
        "Appendix Q \u2014 IKI Certificate Policy", "Appendix S \u2014 DCCKI Certificate Policy"]


def _marked(p):
    return p.change is not None or any(r.change for r in p.heading + p.text)


def test_every_change_is_in_the_extract_and_nothing_else_is(built):
    _, doc, outcomes = built
    shown = {id(p) for p in iter_provisions(doc.provisions)}
    shown_uids = {p.uid for p in iter_provisions(doc.provisions) if p.uid}
    for o in outcomes:
        marked = redline(o.baseline, o.consolidated, author="MP134A", date="2021-06-29").document
        for p in iter_provisions(marked.provisions):
            if _marked(p):
                assert p.uid in shown_uids or id(p) in shown, (o.id, p.number, plain(p.text)[:60])
    # only affected clauses (and their context) are shown: far fewer than the documents hold
    total = sum(len(list(iter_provisions(o.consolidated.provisions))) for o in outcomes)
    assert len(shown) < total / 4


def test_gap_markers(built):
    _, doc, _ = built
    flat = list(iter_provisions(doc.provisions))
    gaps = [i for i, p in enumerate(flat) if plain(p.text) == GAP]
    assert len(gaps) >= 6
    assert all(b - a > 1 or flat[b].definitions for a, b in zip(gaps, gaps[1:])), "no two gap markers in a row"
    assert plain(flat[-1].text) != GAP


def test_context_part_and_cross_heading_precede_each_clause(built):
    _, doc, _ = built
    section_l = next(i for i, p in enumerate(doc.provisions) if p.heading_text.startswith("Section L"))
    part = doc.provisions[section_l + 1]
    assert part.kind == Kind.PART and part.number == "L1" and not any(r.change for r in part.heading)
    kinds = [c.kind for c in part.children]
    assert Kind.CROSS_HEADING in kinds
    first_clause = kinds.index(Kind.CLAUSE)
    assert Kind.CROSS_HEADING in kinds[:first_clause]


def test_new_definitions_sit_between_their_neighbours(built):
    _, doc, outcomes = built
    consolidated = next(o.consolidated for o in outcomes if o.id == "Section A")
    order = [d.term_text for p in iter_provisions(consolidated.provisions) for d in p.definitions]
    holders = [p for p in iter_provisions(doc.provisions) if p.definitions]
    inserted = 0
    for holder in holders:
        rows = holder.definitions
        for k, d in enumerate(rows):
            if d.change is not None and d.change.kind == "ins":
                inserted += 1
                i = order.index(d.term_text)
                kept = lambda r: r.change is None or r.change.kind == "ins"  # noqa: E731
                before = [r.term_text for r in rows[:k] if kept(r)]
                after = [r.term_text for r in rows[k + 1:] if kept(r)]
                assert before and after, d.term_text
                assert before[-1] == order[i - 1] and after[0] == order[i + 1], d.term_text
    assert inserted >= 4


def test_extract_views_match_consolidated_and_baseline(built):
    """Accepted, every clause in the extract reads as in the consolidated document; rejected, as
    in the baseline (a clause the modification inserts is absent when rejected)."""
    _, doc, outcomes = built
    for o in outcomes:
        marked = redline(o.baseline, o.consolidated, author="MP134A", date="2021-06-29").document
        ext = extract(marked.provisions)
        for which, source in (("accept", o.consolidated), ("reject", o.baseline)):
            by_number = {p.number: p.full_text for p in iter_provisions(source.provisions)
                         if p.kind in (Kind.CLAUSE, Kind.HEADING) and p.number}
            seen = view(type(marked)(provisions=ext), which)
            for p in iter_provisions(seen.provisions):
                if p.kind in (Kind.CLAUSE, Kind.HEADING) and p.number:
                    assert by_number.get(p.number) == p.full_text, (o.id, which, p.number)


def test_docx_check_and_tracked_text(files):
    rv = redline_views()
    for style, path in files.items():
        report = docx_check(path, "--no-lo", "--schema")
        assert report["ok"] and report["error_count"] == 0, report["errors"][:3]
    accepted = rv.blocks_of(str(files["tracked"]), "accept")
    rejected = rv.blocks_of(str(files["tracked"]), "reject")
    assert any(b.startswith("L1.16A\tFollowing a SoLR Event") for b in accepted)
    assert not any(b.startswith("L1.16A\t") for b in rejected)
    xml = zipfile.ZipFile(files["static"]).read("word/document.xml").decode()
    assert "<w:ins " not in xml and 'w:val="0000FF"' in xml


def test_cli_legal_text(tmp_path):
    out = tmp_path / "MP134A-legal-text.docx"
    res = CliRunner().invoke(main, ["legal-text", str(MOD), "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert "MP134A legal text v2.1, 6 documents (tracked)" in res.output
    assert out.read_bytes() == legal_text_bytes(MOD, baselines=ROOT / "baselines")
    res = CliRunner().invoke(main, ["legal-text", str(MOD), "-o", str(tmp_path / "s.docx"), "--style", "static"])
    assert res.exit_code == 0 and (tmp_path / "s.docx").exists()


def test_document_control_rows_from_the_modification(built):
    """One row per legal text version: the earlier versions (legal-text-v*/ folders, and
    [[legal_text.history]] rows when given: their own status and author, else the lead analyst),
    then the current version, whose status follows the
    modification's (approved or implemented: "Approved"; otherwise "Draft") unless
    [legal_text] says."""
    import copy

    from secdocs.render.legaltext import CONTROL_CAPTION, control_rows, current_status

    mod, doc, _ = built
    assert doc.history_caption == CONTROL_CAPTION == "Document control"
    earlier, _, row = doc.history
    assert (earlier.version, earlier.date, earlier.status) == ("1.0", "2021-05-17", "Draft")
    assert (row.version, row.date, row.status, row.author) == ("2.1", "2021-07-20", "Proposed", "Alison Beard")
    other = copy.copy(mod)
    other.legal_text = {**mod.legal_text, "history": [
        {"version": "1.1", "date": "2021-06-01", "description": "Working Group changes.", "author": "A. N. Other"},
        {"version": "1.0", "date": "2021-05-17", "description": "Refinement Consultation draft.", "status": "Draft"}]}
    rows = control_rows(other)
    assert [(r.version, r.status, r.author) for r in rows] == [
        ("1.0", "Draft", "Alison Beard"), ("1.1", "Superseded", "A. N. Other"),
        ("2.0", "Superseded", "Alison Beard"), ("2.1", "Proposed", "Alison Beard")]
    # a legal text dated on or after the Authority's decision carries the decision
    other.legal_text = {**mod.legal_text, "date": "2021-10-01"}
    assert control_rows(other)[-1].status == "Approved"
    other.table = {**mod.table, "status": "Refinement"}
    assert current_status(other) == "Draft"
    other.legal_text = {**other.legal_text, "status": "Final"}
    assert current_status(other) == "Final" and control_rows(other)[-1].status == "Final"


# ---------------------------------------------------------------------------------------------
# drafting notes

def _notes_table(doc, doc_id):
    """(cross-heading index, explanatory text, table) of one document's drafting notes."""
    i = next(k for k, p in enumerate(doc.provisions)
             if p.kind == Kind.CROSS_HEADING and p.heading_text == f"Drafting notes: {doc_id}")
    return i, doc.provisions[i + 1], doc.provisions[i + 2]


def _cells(row):
    return [" ".join(plain(par) for par in cell) for cell in row]


def test_drafting_notes_follow_each_documents_extract(built):
    """After each document's extracts: a cross-heading, a sentence saying the notes are not legal
    text, and a table Provision | Change | Note with one row per op that has a note, in op order."""
    _, doc, outcomes = built
    heads = [k for k, p in enumerate(doc.provisions) if p.kind == Kind.HEADING and p.number is None][1:]
    assert len(heads) == len(outcomes) == 6
    for n, o in enumerate(sorted(outcomes, key=lambda o: sec_order(o.id))):
        i, text, table = _notes_table(doc, o.id)
        end = heads[n + 1] if n + 1 < len(heads) else len(doc.provisions)
        assert heads[n] < i and i + 2 == end - 1, o.id  # the last thing shown for that document
        assert "not part of the legal text" in text.own_text
        assert table.kind == Kind.TABLE and table.header_rows == 1
        assert _cells(table.rows[0]) == ["Provision", "Change", "Note"]
        want = [" ".join(r.note.split()) for r in o.changes.results if r.note.strip()]
        assert want and [_cells(r)[2] for r in table.rows[1:]] == want, o.id
    rows = {o.id: [tuple(_cells(r)) for r in _notes_table(doc, o.id)[2].rows[1:]] for o in outcomes}
    assert rows["Section A"][0][:2] == ("A1.1 \u201cSoLR Event\u201d", "Definition inserted")
    assert ("A1.1 \u201cSupplier Licence\u201d", "Definition deleted") in [r[:2] for r in rows["Section A"]]
    assert [r[:2] for r in rows["Section L"][:2]] == [("L1.15(ga)", "Inserted"), ("L1.16A", "Inserted")]
    assert ("L1, cross-heading \u201cSoLR Certificate Arrangements\u201d", "Inserted") in \
        [r[:2] for r in rows["Section L"]]
    assert ("L3.13", "Words substituted") in [r[:2] for r in rows["Section L"]]
    assert ("4.11(B)", "Deleted (\u201cNot used\u201d)") in [r[:2] for r in rows["Appendix B"]]
    about = next(p.own_text for p in doc.provisions if "drafting notes" in p.own_text)
    assert "not part of the legal text" in about


def test_drafting_notes_carry_no_marks_and_survive_accept_and_reject(built, files):
    """The notes are not amendments: no revision mark in the model or the .docx, and the accept
    and reject views of the legal text both show them exactly as written."""
    from lxml import etree

    _, doc, outcomes = built
    tables = [_notes_table(doc, o.id) for o in outcomes]
    for i, text, table in tables:
        for p in (doc.provisions[i], text, table):
            assert p.change is None and not p.row_changes
            assert not any(r.change for r in p.heading + p.text)
            assert not any(r.change for row in p.rows for cell in row for par in cell for r in par)
    for which in ("accept", "reject"):
        seen = view(doc, which)
        assert [p for p in seen.provisions if p.kind == Kind.TABLE and p.rows
                and _cells(p.rows[0]) == ["Provision", "Change", "Note"]] == [t for _, _, t in tables]
    # in the written file: no w:ins / w:del inside a notes table, and both views read them the same
    ns = {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"}
    for style, path in files.items():
        root = etree.fromstring(zipfile.ZipFile(path).read("word/document.xml"))
        notes = [t for t in root.iter(f"{{{ns['w']}}}tbl")
                 if "".join(t.find("w:tr", ns).itertext()) == "ProvisionChangeNote"]
        assert len(notes) == 6, style
        for t in notes:
            assert not t.findall(".//w:ins", ns) and not t.findall(".//w:del", ns), style
            assert t.find("w:tr/w:trPr/w:tblHeader", ns) is not None  # the header row repeats
    rv = redline_views()

    def notes_blocks(blocks):
        """The blocks from each "Drafting notes:" cross-heading to the next document heading."""
        out, inside = [], False
        for b in blocks:
            if b.startswith("Drafting notes:"):
                inside = True
            elif not b.startswith(("[ROW]", "Explanatory notes")):
                inside = False
            if inside:
                out.append(b)
        return out

    accepted = notes_blocks(rv.blocks_of(str(files["tracked"]), "accept"))
    rejected = notes_blocks(rv.blocks_of(str(files["tracked"]), "reject"))
    assert accepted == rejected
    assert len(accepted) == 6 * 3 + sum(len(t.rows) - 1 for _, _, t in tables)
    assert "[ROW] L1.16A | Inserted | The core power. It is discretionary and tied to the harm the modification " \
           "addresses (prepayment customers losing supply); the SMKI PMA must weigh security risk against that " \
           "harm, and may act quickly, consulting only as far as time allows." in accepted
