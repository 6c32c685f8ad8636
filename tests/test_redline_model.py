"""The marked Document (model level): alignment, marks, accept/reject views, change list."""

from __future__ import annotations

import copy

from hypothesis import given, settings
from hypothesis import strategies as st

from redline_helpers import edit, first_difference, text_rows
from bench.generate import amend, definitions, section
from secdocs.diff.align import align_by_content
from secdocs.model import ChangeRecord, Definition, Document, Kind, Provision, Run, iter_provisions
from secdocs.render import redline, view
from secdocs.render.label import changed

AUTHOR, DATE = "MP134A", "2021-10-04"


def cl(num, text, children=(), uid=None):
    return Provision(Kind.CLAUSE, num, text=[Run(text)], children=list(children), uid=uid or num)


def para(num, text, uid):
    return Provision(Kind.PARAGRAPH, num, text=[Run(text)], uid=uid)


def section_l() -> Document:
    part = Provision(Kind.PART, "L1", heading=[Run("SMKI POLICY MANAGEMENT AUTHORITY")], uid="L1", children=[
        Provision(Kind.CROSS_HEADING, heading=[Run("Establishment of the SMKI PMA")], uid="L1/cross-heading[1]"),
        cl("L1.1", "The Panel shall establish a Sub-Committee to be known as the SMKI PMA."),
        cl("L1.2", "The SMKI PMA shall revoke the Organisation Certificates of a Party that ceases to be a Party.",
           [para("(a)", "where the Party withdraws;", "L1.2(a)"), para("(b)", "where the Party is expelled.", "L1.2(b)")]),
        cl("L1.3", "The SMKI PMA shall publish its decisions."),
    ])
    return Document(id="Section L", title="SMKI", version="18.0", provisions=[part])


def check_views(marked: Document, base: Document, new: Document) -> None:
    acc, rej = text_rows(view(marked, "accept")), text_rows(view(marked, "reject"))
    assert acc == text_rows(new), first_difference(acc, text_rows(new))
    assert rej == text_rows(base), first_difference(rej, text_rows(base))


def marks(doc: Document):
    out = []
    for p in iter_provisions(doc.provisions):
        out.append((p.number, p.change.kind if p.change else None,
                    [(r.text, r.change.kind if r.change else None) for r in p.heading + p.text]))
    return out


def test_amendment_redline_marks_words_paragraphs_and_not_used():
    base = section_l()
    new = copy.deepcopy(base)
    part = new.provisions[0]
    part.children[2].text = [Run("The SMKI PMA may decide not to revoke the Organisation Certificates of a Party "
                                 "that ceases to be a Party.")]
    part.children.insert(3, cl("L1.2A", "Where a Supplier of Last Resort is appointed, L1.2 does not apply.", uid="n1"))
    part.children[4].text = [Run("Not used.")]
    del part.children[2].children[1]
    part.children[0].heading = [Run("Establishment and Constitution of the SMKI PMA")]
    r = redline(base, new, author=AUTHOR, date=DATE)
    got = marks(r.document)
    assert got[1] == (None, None, [("Establishment ", None), ("and Constitution ", "ins"), ("of the SMKI PMA", None)])
    assert ("L1.2A", "ins", [("Where a Supplier of Last Resort is appointed, L1.2 does not apply.", "ins")]) in got
    assert ("(b)", "del", [("where the Party is expelled.", "del")]) in got
    assert ("L1.3", None, [("The SMKI PMA shall publish its decisions.", "del"), ("Not used.", "ins")]) in got
    l12 = next(m for m in got if m[0] == "L1.2")
    assert ("shall", "del") in l12[2] and ("may decide not to", "ins") in l12[2]
    kinds = sorted(c.kind for c in r.changes)
    assert kinds == ["delete", "heading", "insert", "not-used", "replace"]
    assert all(c.change is None or c.change.date == "2021-10-04T00:00:00Z" for c in iter_provisions(r.document.provisions))
    check_views(r.document, base, new)


def test_definitions_rows_inserted_deleted_and_amended():
    base = definitions(40)
    new = copy.deepcopy(base)
    defs = new.provisions[0].children[1].definitions
    defs[3].meaning[0].text = [Run("means something else entirely, as amended.")]
    removed = defs.pop(7)
    defs.insert(10, Definition([Run("Shared Resource Provider", bold=True, term=True)],
                               [Provision(Kind.TEXT, text=[Run("means a Party that provides shared resources.")])],
                               uid="def:Shared Resource Provider"))
    r = redline(base, new, author=AUTHOR, date=DATE)
    out = r.document.provisions[0].children[1].definitions
    assert [d.change.kind for d in out if d.change] == ["del", "ins"]
    assert next(d for d in out if d.change and d.change.kind == "del").term_text == removed.term_text
    inserted = next(d for d in out if d.change and d.change.kind == "ins")
    assert inserted.term_text == "Shared Resource Provider"
    assert all(r_.change and r_.change.kind == "ins" for r_ in inserted.term + inserted.meaning[0].text)
    assert any(r_.change for r_ in out[3].meaning[0].text)
    assert sorted(c.kind for c in r.changes) == ["definition-amend", "definition-delete", "definition-insert"]
    check_views(r.document, base, new)


def test_unchanged_document_has_no_marks_and_no_changes():
    base = section(60)
    r = redline(base, copy.deepcopy(base), author=AUTHOR, date=DATE)
    assert r.changes == []
    assert all(p.change is None and all(x.change is None for x in p.text + p.heading)
               for p in iter_provisions(r.document.provisions))


def test_the_change_list_as_a_reader_sees_it_is_one_entry_per_provision_and_kind():
    records = [ChangeRecord("L1.2", "replace", "Old words\nmore", "New words\nmore"),
               ChangeRecord("L1.2", "replace", "x", "y"),  # the same provision and kind: the first kept
               ChangeRecord("L1.2", "heading", "a", "b"),
               ChangeRecord("L1.3", "delete", "Gone", None),
               ChangeRecord("L1.4", "frobnicate", None, None)]  # a kind with no reader's word: as it is
    got = changed(records)
    assert [(c.address, c.change, c.text, c.note, c.modifications) for c in got] == [
        ("L1.2", "amended", "New words", "", ()), ("L1.2", "heading amended", "b", "", ()),
        ("L1.3", "removed", "Gone", "", ()), ("L1.4", "frobnicate", "", "", ())]
    assert got[0].citation == "L1.2"
    assert records[0].to_json() == {"document": "", "address": "L1.2", "kind": "replace", "old": "Old words\nmore",
                                    "new": "New words\nmore"}


def test_compare_keeps_a_rewritten_clause_with_its_number():
    old = Document(provisions=[cl("L1.1", "One."), cl("L1.2", "The Panel shall do this thing."), cl("L1.3", "Three.")])
    new = Document(provisions=[cl("L1.1", "One."), cl("L1.2", "Completely different words now apply."),
                               cl("L1.3", "Three.")])
    r = redline(old, new, author="x", date=DATE)
    assert [(c.address, c.kind) for c in r.changes] == [("L1.2", "replace")]


def test_paragraph_alignment_of_unnumbered_documents():
    texts_old = ["One", "Two", "Three", "Four", "Five"]
    texts_new = ["One", "Two", "Four", "Five point five", "Five"]
    mk = lambda ts: Document(provisions=[Provision(Kind.TEXT, text=[Run(t)]) for t in ts])  # noqa: E731
    r = redline(mk(texts_old), mk(texts_new), author="x", date=DATE)
    assert [(c.kind, c.old, c.new) for c in r.changes] == [("delete", "Three", None), ("insert", None, "Five point five")]
    check_views(r.document, mk(texts_old), mk(texts_new))


def _table(rows):
    return Provision(Kind.TABLE, rows=[[[[Run(c)]] for c in row] for row in rows], uid="table-1")


def test_table_rows_inserted_and_deleted_are_row_revisions_of_one_table():
    old = Document(provisions=[_table([["111", "222"], ["333", "444"], ["555", "666"]])])
    new = Document(provisions=[_table([["111", "222"], ["555", "667"], ["777", "888"]])])
    r = redline(old, new, author="x", date=DATE)
    [table] = r.document.provisions
    assert table.change is None
    assert [c.kind if c else None for c in table.row_changes] == [None, "del", None, "ins"]
    assert [[(x.text, x.change.kind if x.change else None) for x in cell[0]] for cell in table.rows[2]] == [
        [("555", None)], [("666", "del"), ("667", "ins")]]
    assert all(x.change.kind == "del" for cell in table.rows[1] for x in cell[0])
    assert [c.kind for c in r.changes] == ["table"]
    check_views(r.document, old, new)
    # the views hold no marks: they equal the two versions, row marks included
    assert view(r.document, "accept").provisions == new.provisions
    assert view(r.document, "reject").provisions == old.provisions


def test_unchanged_table_rows_carry_no_marks_and_changed_columns_replace_the_table():
    same = redline(Document(provisions=[_table([["a", "b"]])]), Document(provisions=[_table([["a", "b"]])]),
                   author="x", date=DATE)
    assert same.document.provisions[0].row_changes == []
    old = Document(provisions=[_table([["a", "b"], ["c", "d"]])])
    new = Document(provisions=[_table([["a", "b", "x"], ["c", "d", "y"]])])
    r = redline(old, new, author="x", date=DATE)
    assert [p.change.kind for p in r.document.provisions] == ["del", "ins"]
    check_views(r.document, old, new)


def test_cover_is_marked_and_both_views_restore_it():
    from secdocs.model import HistoryEntry

    base = Document(id="Section L", title="SMKI", version="18.0", sec_version="46.0", date="2021-06-24",
                    front=[[Run("Representative text.")], [Run("Old note to go.")], [Run("Drafted against v46.0.")]],
                    history=[HistoryEntry("17.0", "2021-02-25", "Earlier."), HistoryEntry("16.0", "2020-11-05", "x")])
    new = copy.deepcopy(base)
    new.version, new.sec_version, new.date = "19.0", "47.0", "2021-10-04"
    new.front = [[Run("Representative text.")], [Run("Drafted against v47.0.")], [Run("MP134A is consolidated.")]]
    new.history = [HistoryEntry("17.0", "2021-02-25", "Earlier."), HistoryEntry("19.0", "2021-10-04", "MP134A.")]
    r = redline(base, new, author=AUTHOR, date=DATE)
    doc = r.document
    assert {k: v.old for k, v in doc.meta_changes.items()} == {"version": "18.0", "sec_version": "46.0",
                                                                 "date": "2021-06-24"}
    assert [c.kind if c else None for c in doc.front_changes] == [None, "del", None, "ins"]
    assert [(e.version, e.change.kind if e.change else None) for e in doc.history] == [
        ("17.0", None), ("16.0", "del"), ("19.0", "ins")]
    assert r.changes == []  # the cover describes the document; it is not in the change list
    for which, want in (("accept", new), ("reject", base)):
        got = view(doc, which)
        assert got == want, which
    assert redline(base, copy.deepcopy(base), author=AUTHOR, date=DATE).document == base


def test_similarity_alignment_is_order_preserving():
    a = ["alpha beta gamma", "delta epsilon zeta", "eta theta iota"]
    b = ["eta theta iota kappa", "alpha beta gamma delta"]
    pairs = align_by_content(a, b, exact=lambda s: s, text=lambda s: s)
    paired = [(x, y) for x, y in pairs if x and y]
    assert paired == [("alpha beta gamma", "alpha beta gamma delta")]


def test_generated_amendments_round_trip():
    for base in (section(300), definitions(300)):
        new = amend(base)
        r = redline(base, new, author=AUTHOR, date=DATE)
        assert r.changes
        check_views(r.document, base, new)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 50), st.integers(0, 10_000), st.integers(0, 1000)), min_size=1, max_size=8))
def test_random_edits_accept_gives_new_reject_gives_base(choices):
    base = section(12, seed=5)
    base.provisions.append(definitions(6).provisions[0])
    new = edit(base, choices)
    r = redline(base, new, author=AUTHOR, date=DATE)
    check_views(r.document, base, new)
