"""``renumber_references``: every citation of an address in a scope rewritten, as word edits —
on small documents, through ``secdocs apply``/``redline`` on the bundled Section L (the redline's
accept view is the clean document, its reject view the baseline), and on a real contract."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from amend_helpers import C, P, ROOT, ops, set_uids, small_section, text_at
from inplace_helpers import CORPUS_REAL, real_baselines
from redline_helpers import first_difference, whole_text
from secdocs.amend.ops import apply, check_keys, run
from secdocs.cli import main
from secdocs.model import Document, Kind
from secdocs.ooxml.read import read_docx
from secdocs.render import redline, view


def citing() -> Document:
    doc = small_section()
    doc.provisions[1].children += [
        C("L2.3", "As set out in Section L1.2(b), Sections L1.2 to L1.4 and L1.2(a) or (c) apply."),
        C("L2.4", "L1.1 - L1.2 apply; Part 1.2 of the Organisation Certificate Policy does not; nor does"
                  " L1.2 written bare."),
    ]
    doc.provisions.append(P(Kind.PART, "L3", heading="ELSEWHERE", children=[C("L3.1", "See Section L1.2.")]))
    return set_uids(doc)


def renumber(target, old, new, **more):
    return ops(("renumber_references", target, {"from": old, "to": new, **more}))


def test_every_citation_in_the_document_is_rewritten():
    new, changes = apply(citing(), renumber("Section L", "L1.2", "L1.2A"))
    assert text_at(new, "L2.3") == ("As set out in Section L1.2A(b), Sections L1.2A to L1.4 and L1.2A(a) or (c)"
                                    " apply.")
    assert text_at(new, "L2.4") == ("L1.1 - L1.2A apply; Part 1.2 of the Organisation Certificate Policy does not;"
                                    " nor does L1.2 written bare.")
    assert text_at(new, "L3.1") == "See Section L1.2A."
    [r] = changes.results
    assert (r.address, r.status, len(r.uids)) == ("Section L", "applied", 3)


def test_a_provision_scope_and_a_short_label_spelling_part_of_the_old_address():
    new, _ = apply(citing(), renumber("L2", "L1.2(c)", "L1.2(d)"))
    assert text_at(new, "L2.3").endswith("L1.2(a) or (d) apply.")
    new, _ = apply(citing(), renumber("L3", "L1.2", "L1.5"))
    assert text_at(new, "L3.1") == "See Section L1.5." and text_at(new, "L2.3") == text_at(citing(), "L2.3")


def test_no_citation_is_an_error_naming_the_op():
    _, _, errors = run(citing(), renumber("L3", "L1.4", "L1.5"))
    assert [str(e) for e in errors] == ["t.toml:10 op 1 (renumber_references L3): no citation of L1.4 in L3"]
    _, _, errors = run(citing(), renumber("L9", "L1.4", "L1.5"))
    assert errors[0].reason.startswith("target L9 not found")


def test_keys():
    assert check_keys({"kind": "renumber_references", "target": "Section L", "from": "L1.2", "to": "L1.2A"}) == []
    assert check_keys({"kind": "renumber_references", "target": "Section L", "from": "L1.2", "to": "L1.2"}) == [
        "from and to are the same address"]
    assert check_keys({"kind": "renumber_references", "target": "Section L", "from": 3, "to": "L 1"}) == [
        "from must be one address, such as L11.5", "to must be one address, such as L11.5"]
    assert "missing key 'to' for renumber_references" in check_keys(
        {"kind": "renumber_references", "target": "Section L", "from": "L1.2"})


def test_words_an_earlier_op_touched_are_a_conflict():
    written = ops(("substitute", "L3.1", {"words": "Section L1.2.", "by": "Section L1.2 (as amended)."}),
                  ("renumber_references", "Section L", {"from": "L1.2", "to": "L1.2A"}))
    _, _, errors = run(citing(), written)
    assert [e.op for e in errors] == [written[1]] and "touches the same words as op 1" in errors[0].reason


def test_the_redline_shows_word_edits_and_its_views_are_the_two_documents():
    base = citing()
    new, _ = apply(base, renumber("Section L", "L1.2", "L1.2A"))
    marked = redline(base, new, author="MPX", date="2026-01-01").document
    assert whole_text(view(marked, "accept")) == whole_text(new)
    assert whole_text(view(marked, "reject")) == whole_text(base)


# ---------------------------------------------------------------------------------------------
# Through the CLI, on Word documents

MODIFICATION = '''
id = "MPR1"
title = "Renumbered references (test)"
proposer = "secdocs tests (invented)"
lead_analyst = "secdocs tests (invented)"
date_raised = 2026-01-05
path = "Path 3: Self-Governance"
status = "Illustrative"
implementation_date = 2026-02-26
drafted_against_sec_version = "46.0"
illustrative = true
illustrative_label = "MPR1 is test data."

[release]
name = "February 2026 release (illustrative)"
type = "scheduled"
sec_version = "47.0"
date = 2026-02-26

[legal_text]
version = "1.0"
date = 2026-01-20
official = false

[summary]
issue = "Test data."
solution = "Test data."

[[documents]]
id = "{doc_id}"
title = "x"
amendments = "amendments.toml"
'''


def _modification(folder, doc_id, targets, old, new):
    folder.mkdir()
    (folder / "modification.toml").write_text(MODIFICATION.replace("{doc_id}", doc_id), encoding="utf-8")
    written = "".join(f'\n[[op]]\nkind = "renumber_references"\ntarget = "{target}"\nfrom = "{old}"\nto = "{new}"\n'
                      f'note = "{old} moved."\n' for target in targets)
    (folder / "amendments.toml").write_text(f'document = "{doc_id}"\n{written}', encoding="utf-8")
    return folder


def _apply_and_redline(tmp_path, mod, baselines):
    runner = CliRunner()
    for cmd in ("apply", "redline"):
        res = runner.invoke(main, [cmd, str(mod), "--baselines", str(baselines), "-o", str(tmp_path / cmd)])
        assert res.exit_code == 0, res.output
    [clean] = (tmp_path / "apply").glob("*.docx")
    [red] = (tmp_path / "redline").glob("*.docx")
    return clean, red


def _views_are_the_documents(red, clean, baseline):
    for which, want in (("accept", clean), ("reject", baseline)):
        got, expected = whole_text(read_docx(red, view=which)), whole_text(read_docx(want))
        assert got == expected, f"{which}: " + first_difference(got, expected)


def test_apply_and_redline_on_the_bundled_section_l(tmp_path):
    mod = _modification(tmp_path / "MPR1", "Section L", ["Section L"], "L11.7", "L11.8")
    clean, red = _apply_and_redline(tmp_path, mod, ROOT / "baselines")
    new = {loc: text for loc, text in _texts(read_docx(clean)).items() if "L11.8" in text}
    assert sorted(new) == ["L11.10", "L11.6(c)(i)(A)"]
    assert "Sections L11.5 - L11.8" in new["L11.10"]
    _views_are_the_documents(red, clean, ROOT / "baselines" / "section-L.docx")


@pytest.mark.skipif(not CORPUS_REAL.is_dir(), reason="../shared/corpus-real is not there")
def test_apply_and_redline_on_a_real_contract(tmp_path):
    baselines = real_baselines(tmp_path / "baselines")
    # a user's document states no id, so the ops name provisions (the paragraphs citing 3.3)
    mod = _modification(tmp_path / "MPR1", "CCS Call-Off Schedule 9", ["3.4", "3.6"], "3.3", "3.3A")
    clean, red = _apply_and_redline(tmp_path, mod, baselines)
    texts = _texts(read_docx(clean))
    assert [a for a, t in texts.items() if "3.3A" in t] == ["3.4", "3.6"]
    assert "3.3A to 3.5" in texts["3.6"] and "3.3A" not in texts["3.5"]  # 3.5 was not in scope
    _views_are_the_documents(red, clean, baselines / "ccs-call-off-schedule-9-security.docx")


def _texts(doc: Document) -> dict[str, str]:
    from secdocs.model.address import index

    return {a: loc.provision.own_text for a, loc in index(doc).items()}
