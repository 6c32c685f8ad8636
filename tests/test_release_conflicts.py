"""Conflicts between the modifications of a release, and revisions attributed to the
modification that made them."""

from __future__ import annotations

from pathlib import Path

import pytest

from secdocs.diff.words import accept_runs, diff_runs, reject_runs
from secdocs.model import Change, Document, Kind, Provision, Run, plain
from secdocs.release import ReleaseConflictError, build_release
from secdocs.release.attribution import Author, Step, attribute, weave
from secdocs.release.conflicts import carry, changed_spans, overlaps

ROOT = Path(__file__).resolve().parents[1]
A = Author("MPA", Change("ins", "MPA", "2021-01-01T00:00:00Z"), Change("del", "MPA", "2021-01-01T00:00:00Z"))
B = Author("MPB", Change("ins", "MPB", "2021-02-01T00:00:00Z"), Change("del", "MPB", "2021-02-01T00:00:00Z"))


# -- spans -------------------------------------------------------------------------------------

def test_changed_spans_are_in_the_new_text():
    before = "The Panel shall meet once in every period of three months."
    after = "The Panel shall meet once in every period of two months."
    [(a, b)] = changed_spans(before, after)
    assert after[a:b] == "two"


def test_a_deletion_is_a_point():
    [(a, b)] = changed_spans("the DCC shall promptly notify", "the DCC shall notify")
    assert a == b


def test_carry_maps_spans_through_a_later_change():
    text = "the report shall go to the Panel within ten days"
    later = "the annual report shall go to the Panel within ten days"
    start = text.index("Panel")
    [(a, b)] = carry([(start, start + 5)], text, later)
    assert later[a:b] == "Panel"


@pytest.mark.parametrize("a, b, text, hit", [
    ((0, 5), (3, 8), "x" * 10, True),       # overlap
    ((0, 5), (5, 8), "x" * 10, True),       # touching
    ((0, 5), (6, 8), "abcde fgh", True),    # only a space between
    ((0, 3), (8, 9), "abc and x", False),   # a word between
    ((4, 4), (0, 9), "x" * 10, True),       # a point inside
])
def test_overlaps(a, b, text, hit):
    assert overlaps(a, b, text) is hit


# -- the conflicting release --------------------------------------------------------------------

def test_conflicting_release_is_refused_with_the_report(tmp_path):
    out = tmp_path / "out"
    with pytest.raises(ReleaseConflictError) as exc:
        build_release(ROOT / "tests" / "data" / "release" / "conflicting.toml", out, progress=False, jobs=1)
    lines = exc.value.lines
    assert len(lines) == 4, lines
    for line in lines:  # both modifications, the document and provision, one line
        assert "MP990" in line and "MP134A" in line and "\n" not in line
    by_place = {line.split(": ")[1]: line for line in lines}
    assert "inserts a definition that MP134A already inserted" in by_place['Section A A1.1:"SoLR Event"']
    assert 'words "from the Subscriber for that Certificate' in by_place["Section L L3.16"]
    assert "not found" in by_place["Section L L3.16"] and "[-or from the SMKI PMA-]" in by_place["Section L L3.16"]
    assert 'its words "Expulsion and Withdrawal)" overlap or touch what MP134A changed {+and subject to Section L3.13A+}' in by_place["Section L L3.14"]
    assert 'MP134A deleted it (now "Not used.")' in by_place["Appendix B 4.11(B)"]
    assert not any("L2.3" in line or "M8.14" in line for line in lines)  # the ops that do not conflict
    assert not out.exists()


# -- attribution ---------------------------------------------------------------------------------

def test_weave_composes_two_steps():
    base = [Run("The SMKI PMA shall meet every three months and report to the Panel.")]
    step1 = [Run("The SMKI PMA shall meet every two months and report to the Panel.")]
    step2 = [Run("The SMKI PMA shall meet every two months and report to the Panel and the Authority.")]
    marked = diff_runs(base, step1, A.ins, A.dele)
    marked = weave(marked, diff_runs(accept_runs(marked), step2, B.ins, B.dele))
    assert plain(accept_runs(marked)) == plain(step2)
    assert plain(reject_runs(marked)) == plain(base)
    authors = {(r.change.kind, r.text.strip(), r.change.author) for r in marked if r.change}
    assert ("del", "three", "MPA") in authors and ("ins", "two", "MPA") in authors
    assert ("ins", "and the Authority", "MPB") in authors


def test_words_inserted_then_deleted_vanish():
    base = [Run("notify the Panel.")]
    step1 = [Run("notify the Panel promptly.")]
    step2 = [Run("notify the Panel.")]
    marked = diff_runs(base, step1, A.ins, A.dele)
    marked = weave(marked, diff_runs(accept_runs(marked), step2, B.ins, B.dele))
    assert plain(accept_runs(marked)) == plain(step2) and plain(reject_runs(marked)) == plain(base)
    assert not any(r.change for r in marked)


def _doc(text: str, extra: Provision | None = None) -> Document:
    provisions = [Provision(Kind.CLAUSE, "L1.1", text=[Run(text)], uid="L1.1")]
    if extra is not None:
        provisions.append(extra)
    return Document(id="Section L", title="T", version="1.0", provisions=provisions)


def test_attribute_authors_each_mark_by_its_modification():
    from secdocs.render.redline import redline, view

    d0 = _doc("meet every three months and report to the Panel.")
    d1 = _doc("meet every two months and report to the Panel.",
              Provision(Kind.CLAUSE, "L1.2", text=[Run("A new clause.")], uid="new:L1.2"))
    d2 = _doc("meet every two months and report to the Panel and the Authority.", d1.provisions[1])
    steps = [Step("MPA", d0, d1, {"L1.1", "new:L1.2"}), Step("MPB", d1, d2, {"L1.1"})]
    marked = attribute(redline(d0, d2, author="?", date="2021-01-01").document, steps, {"MPA": A, "MPB": B})
    clause, new = marked.provisions
    assert {r.change.author for r in clause.text if r.change} == {"MPA", "MPB"}
    assert new.change.author == "MPA" and all(r.change.author == "MPA" for r in new.text)
    assert [p.full_text for p in view(marked, "accept").provisions] == [p.full_text for p in d2.provisions]
    assert [p.full_text for p in view(marked, "reject").provisions] == [p.full_text for p in d0.provisions]


def test_attribute_authors_table_rows_and_the_cover():
    """Row marks of an ordinary table go to the modification that touched the table; the cover's
    marks (metadata replaced, cover note, version-history row) to the last modification."""
    import dataclasses

    from secdocs.model import HistoryEntry
    from secdocs.render.redline import redline, view

    def table(*rows):
        return Provision(Kind.TABLE, rows=[[[[Run(c)]] for c in row] for row in rows], uid="L1.2")

    d0 = _doc("meet every three months.", table(("a", "1")))
    d0.history = [HistoryEntry("1.0", "2021-01-01", "First.")]
    d1 = _doc("meet every two months.", table(("a", "1")))
    d2 = dataclasses.replace(_doc("meet every two months.", table(("a", "1"), ("b", "2"))), version="2.0",
                             date="2021-11-04", front=[[Run("Version 2.0 consolidates MPA and MPB.")]],
                             history=d0.history + [HistoryEntry("2.0", "2021-11-04", "MPA and MPB.")])
    steps = [Step("MPA", d0, d1, {"L1.1"}), Step("MPB", d1, d2, {"L1.2"})]
    marked = attribute(redline(d0, d2, author="?", date="2021-01-01").document, steps, {"MPA": A, "MPB": B})
    clause, tbl = marked.provisions
    assert {r.change.author for r in clause.text if r.change} == {"MPA"}
    assert [c.author if c else None for c in tbl.row_changes] == [None, "MPB"]
    assert {m.ins.author for m in marked.meta_changes.values()} == {"MPB"} == \
        {m.dele.author for m in marked.meta_changes.values()}
    assert set(marked.meta_changes) == {"version", "date"}
    assert [c.author for c in marked.front_changes] == ["MPB"]
    assert {r.change.author for note in marked.front for r in note} == {"MPB"}
    assert [e.change.author if e.change else None for e in marked.history] == [None, "MPB"]
    # the views are those of the redline itself: attribution changes authors only
    assert view(marked, "accept").history == d2.history and view(marked, "reject").version == "1.0"
    assert [len(p.rows) for p in view(marked, "reject").provisions if p.kind == Kind.TABLE] == [1]


# -- stacking: a later modification that drafts on top of an earlier one --------------------------

L316_V47 = ("Where the DCC receives a request for the revocation of a Certificate from the Subscriber for that "
            "Certificate, from the SMKI PMA or, in the case of a Failed Supplier Certificate, from the Supplier of "
            "Last Resort, the DCC shall:")


def _release_with(tmp_path: Path, files: dict[str, str]) -> Path:
    """MP134A then a test modification MP990 with the given amendments files."""
    import shutil

    mod = tmp_path / "MP990"
    shutil.copytree(ROOT / "tests" / "data" / "release" / "MP990", mod)
    for name in ("section-A.toml", "section-L.toml", "section-M.toml", "appendix-B.toml"):
        doc = {"section-A.toml": "Section A", "section-L.toml": "Section L", "section-M.toml": "Section M",
               "appendix-B.toml": "Appendix B"}[name]
        (mod / name).write_text(files.get(name, f'document = "{doc}"\n'), encoding="utf-8")
    text = (ROOT / "tests" / "data" / "release" / "conflicting.toml").read_text(encoding="utf-8")
    text = text.replace('"../../../', f'"{ROOT.as_posix()}/').replace('path = "MP990"', f'path = "{mod.as_posix()}"')
    release = tmp_path / "release.toml"
    release.write_text(text, encoding="utf-8")
    return release


def _l316(expect: bool) -> str:
    pin = f'expect = "{L316_V47}"\n' if expect else ""
    return ('document = "Section L"\n[[op]]\nkind = "substitute"\ntarget = "L3.16"\n'
            'words = "from the Supplier of Last Resort"\nby = "from the Supplier of Last Resort (or its agent)"\n' + pin)


def test_words_an_earlier_modification_wrote_conflict_unless_pinned(tmp_path):
    with pytest.raises(ReleaseConflictError) as exc:
        build_release(_release_with(tmp_path / "a", {"section-L.toml": _l316(expect=False)}), None, check=True,
                      progress=False, jobs=1)
    [line] = exc.value.lines
    assert line.startswith("conflict: Section L L3.16: MP990 and MP134A")
    assert 'its words "from the Supplier of Last Resort" overlap or touch what MP134A changed' in line
    report = build_release(_release_with(tmp_path / "b", {"section-L.toml": _l316(expect=True)}), None,
                           check=True, progress=False, jobs=1)
    [section_l] = [d for d in report.summary.documents if d.id == "Section L"]
    assert section_l.modifications == ("MP134A", "MP990")


def test_a_definition_an_earlier_modification_removed(tmp_path):
    amend = ('document = "Section A"\n[[op]]\nkind = "amend_definition"\ntarget = "Supplier Licence"\n'
             'words = "means"\nby = "shall mean"\noccurrence = 1\n')
    with pytest.raises(ReleaseConflictError) as exc:
        build_release(_release_with(tmp_path, {"section-A.toml": amend}), None, check=True, progress=False, jobs=1)
    [line] = exc.value.lines
    assert line.startswith('conflict: Section A A1.1:"Supplier Licence": MP990 and MP134A')
    assert line.endswith("but MP134A removed it")


@pytest.mark.parametrize("number, expected", [
    ("", "inserts a provision where MP134A inserted L1.16A"),
    ('number = "L1.16A"\n', "inserts L1.16A where MP134A inserted L1.16A"),
])
def test_inserting_where_an_earlier_modification_inserted(tmp_path, number, expected):
    body = f'document = "Section L"\n[[op]]\nkind = "insert"\ntarget = "L1.16"\n{number}text = "A clause (test)."\n'
    with pytest.raises(ReleaseConflictError) as exc:
        build_release(_release_with(tmp_path, {"section-L.toml": body}), None, check=True, progress=False, jobs=1)
    [line] = exc.value.lines
    assert line.startswith("conflict: Section L L1.16A: MP990 and MP134A") and line.endswith(expected)


def test_inserting_after_a_clause_an_earlier_modification_inserted_is_fine(tmp_path):
    body = 'document = "Section L"\n[[op]]\nkind = "insert"\ntarget = "L1.16D"\ntext = "After MP134A\'s clauses."\n'
    report = build_release(_release_with(tmp_path, {"section-L.toml": body}), None, check=True, progress=False, jobs=1)
    [section_l] = [d for d in report.summary.documents if d.id == "Section L"]
    assert ("L1.16E", "inserted", ("MP990",)) in [(p.address, p.change, p.modifications) for p in section_l.provisions]
