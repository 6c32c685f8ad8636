"""Property: for random edits of a SEC-shaped document — provisions, definitions, the rows of an
ordinary table, and the cover (metadata, cover notes, version history) — the tracked redline
written to .docx gives the new document when accepted and the old one when rejected, over the
WHOLE document text, cover included:

* as secdocs' reader reads it (metadata, history rows, cover notes, then provision by
  provision), against the reader's reading of the old and new documents written by the same
  writer;
* and block for block, exactly, as the shared oracle ``redline_views.py`` sees it.

Both by identity (an amendment) and by content (a compare). A sample is also checked with
docx_check (schema included)."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from redline_helpers import (docx_check, edit, empty_paragraph_spots, first_difference,  # noqa: I001 (puts the repo on sys.path)
                             oracle_views, whole_text)
from bench.generate import definitions, section
from secdocs.model import HistoryEntry, Kind, Provision, Run
from secdocs.ooxml.read import read_docx
from secdocs.ooxml.write import write_docx
from secdocs.render import redline

EDITS = st.lists(st.tuples(st.integers(0, 50), st.integers(0, 10_000), st.integers(0, 1000)), min_size=1, max_size=6)


def _base():
    base = section(10, seed=11)
    base.provisions.append(definitions(5, seed=12).provisions[0])
    base.front = [[Run("Representative text written for the secdocs project.")],
                  [Run("Illustrative only: not the official Smart Energy Code.")]]
    base.history = [HistoryEntry("0.9", "2021-02-25", "Representative earlier version."),
                    HistoryEntry("0.8", "2020-11-05", "An even earlier version.")]
    table = Provision(Kind.TABLE, rows=[[[[Run(f"Row {r} cell {c}")]] for c in range(3)] for r in range(3)],
                      uid="X1/table[1]")
    base.provisions[0].children.insert(3, table)
    return base


def _prove(base, new, r, folder: Path) -> None:
    red, old_path, new_path = folder / "r.docx", folder / "o.docx", folder / "n.docx"
    write_docx(r.document, red)
    write_docx(base, old_path)
    write_docx(new, new_path)
    for which, other in (("accept", new_path), ("reject", old_path)):
        got, want = whole_text(read_docx(red, view=which)), whole_text(read_docx(other))
        assert got == want, f"{which}: " + first_difference(got, want)
    result = oracle_views(red, old_path, new_path)  # the whole document: nothing left out
    if empty_paragraph_spots(red):
        # A paragraph inserted or deleted right before a table (a new clause before an ordinary
        # table; a deleted Part holding a table), or a final table inserted or deleted whole: the
        # paragraph's mark is revised as Word marks it, but a paragraph cannot join a table, so
        # in the view where it goes the oracle (like Word) keeps an empty paragraph; and a table
        # ending the body needs a paragraph after it. The text is equal up to those empty
        # paragraphs (the oracle's "ok-ws"), and exactly equal as secdocs' reader reads it.
        assert result["ok"], result
    else:
        assert result["accept"]["status"] == "exact" and result["reject"]["status"] == "exact", result


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(EDITS)
def test_docx_accept_gives_new_and_reject_gives_old(choices):
    base = _base()
    new = edit(base, choices)
    r = redline(base, new, author="MP134A", date="2021-10-04")
    with tempfile.TemporaryDirectory() as tmp:
        _prove(base, new, r, Path(tmp))


def test_random_edits_pass_the_oracle_and_docx_check(tmp_path):
    base = _base()
    new = edit(base, [(0, 3, 7), (1, 40, 2), (2, 77, 5), (3, 12, 1), (5, 0, 1), (5, 9, 3), (4, 20, 9),
                      (6, 0, 7), (6, 1, 8), (6, 2, 4),  # the cover: version, SEC version, date
                      (7, 1, 0), (7, 0, 3), (7, 1, 4),  # a cover note and history rows
                      (8, 3, 0), (8, 0, 1), (8, 1, 5)])  # table rows
    r = redline(base, new, author="MP134A", date="2021-10-04")
    doc = r.document
    assert set(doc.meta_changes) == {"version", "sec_version", "date"} and any(doc.front_changes)
    assert any(e.change for e in doc.history)
    table = next(p for p in doc.provisions[0].children if p.kind == Kind.TABLE)
    assert {c.kind for c in table.row_changes if c} == {"ins", "del"}
    _prove(base, new, r, tmp_path)
    report = docx_check(tmp_path / "r.docx", "--no-lo", "--schema")
    assert report["ok"] and report["error_count"] == 0, report["errors"][:3]
    assert report["docx"]["revisions"].get("row_ins", 0) >= 2 and report["docx"]["revisions"].get("row_del", 0) >= 1
